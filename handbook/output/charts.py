"""Charts as SVG text: muscle-by-day coverage, minutes per day of a plan, minutes per week.

Matplotlib is imported only when a chart is drawn, so importing the handbook stays light.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..i18n import _, locale
from .render import colour

if TYPE_CHECKING:  # annotations only: matplotlib loads when a chart is drawn
    from matplotlib.figure import Figure

ACCENT, PALE, CALM = colour("accent"), colour("accent-pale"), colour("calm")  # handbook.css


def _svg(fig: Figure) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", transparent=True)
    text = out.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue so it embeds in HTML


def coverage_svg(
    grid: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> str:
    """A heat map of a muscle x day table of seconds (WeekPlan.coverage(), or
    ProgressLog.coverage() whose columns are dates: labelled by day, with the month).

    ``grid`` has muscles as rows and days (or dates) as columns; ``labels`` names the rows;
    ``title`` heads the chart (None: "Seconds of stretching per muscle group and day").

    >>> import handbook
    >>> cat = handbook.load_catalog()
    >>> plan = handbook.plan_week(cat, minutes=10)
    >>> handbook.coverage_svg(plan.coverage(), cat.vocabulary.labels["muscles"]).startswith("<svg")
    True
    """
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure

    names = [labels.get(m, m) if labels else m for m in grid.index]
    columns: pd.Index[Any] = grid.columns  # dates for a log's coverage, whatever the stubs say
    days = columns if isinstance(columns, pd.DatetimeIndex) else None
    dated = days is not None
    width = 0.34 if dated else 0.62
    fig = Figure(figsize=(2.2 + width * len(grid.columns), 1.2 + 0.3 * len(grid.index)))
    ax = fig.add_subplot()
    cmap = LinearSegmentedColormap.from_list("hb", ["#f4f4f4", PALE, ACCENT])
    image = ax.imshow(
        grid.to_numpy(dtype=float),
        aspect="auto",
        cmap=cmap,
        vmin=0,
        vmax=max(60.0, float(grid.to_numpy().max(initial=0.0))),
    )
    ax.set_xticks(
        range(len(grid.columns)),
        day_labels(days) if days is not None else [str(c) for c in columns],
        fontsize=9,
    )
    ax.set_yticks(range(len(names)), names, fontsize=10)
    ax.tick_params(length=0, colors="#555")
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(grid.columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(names))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    if days is not None:  # a darker line before each Monday, so the weeks stand out
        for x, day in enumerate(days):
            if day.weekday() == 0 and x:
                ax.axvline(x - 0.5, color="#bbb", linewidth=1.5)
    # Translators: the colour scale of the muscle-by-day chart.
    bar = fig.colorbar(image, ax=ax, shrink=0.6, label=_("seconds"))
    bar.ax.tick_params(colors="#555")
    bar.ax.yaxis.label.set_color("#555")
    said = _("Seconds of stretching per muscle group and day") if title is None else title
    ax.set_title(said, color="#555", fontsize=11, pad=34 if dated else 24)
    return _svg(fig)


def day_labels(days: pd.DatetimeIndex) -> list[str]:
    """Tick labels for dates above a chart: the weekday's letter over the day, and over them
    the month, on the first day shown and on the first of a month."""
    from babel.dates import format_date

    out = []
    for n, day in enumerate(days):
        letter = format_date(day, "EEEEE", locale=locale())
        text = f"{letter}\n{day.day}"
        if n == 0 or day.day == 1:
            text = f"{_month(day)}\n{text}"
        out.append(text)
    return out


def _month(day: pd.Timestamp) -> str:
    """The month's short name in the handbook's language ("Nov", "nov")."""
    from babel.dates import format_date

    return format_date(day, "LLL", locale=locale()).rstrip(".")


def weeks_svg(minutes: pd.Series[float], title: str | None = None) -> str:
    """Bars of minutes per week (ProgressLog.minutes_per_week()), each labelled by its Monday.

    ``minutes`` is indexed by each week's Monday; ``title`` heads the chart (None: "Minutes
    per week").

    >>> import handbook, pandas as pd
    >>> weeks = pd.Series([20.0, 35.5], index=pd.to_datetime(["2026-11-23", "2026-11-30"]))
    >>> handbook.weeks_svg(weeks).startswith("<svg")
    True
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(max(3.2, 1.2 + 0.55 * len(minutes)), 2.8))
    ax = fig.add_subplot()
    x = list(range(len(minutes)))
    ax.bar(x, minutes.to_numpy(dtype=float), color=CALM, width=0.6)
    # Translators: a week's Monday under its bar: "23 Nov".
    when = _("{day} {month}")
    ax.set_xticks(
        x, [when.format(day=week.day, month=_month(week)) for week in minutes.index], fontsize=9
    )
    ax.set_xlim(-0.6, max(len(minutes), 1) - 0.4)
    ax.set_ylim(0, max(1.0, float(minutes.to_numpy(dtype=float).max(initial=0.0)) * 1.15))
    if minutes.empty:
        ax.text(
            0.5,
            0.5,
            _("No practice recorded yet"),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#777",
        )
    for n, value in enumerate(minutes):
        if value > 0:
            ax.annotate(
                f"{value:.1f}" if value < 10 else f"{value:.0f}",
                (n, value),
                ha="center",
                va="bottom",
                fontsize=8,
                color="#555",
                xytext=(0, 2),
                textcoords="offset points",
            )
    ax.set_ylabel(_("minutes"), color="#555")
    ax.set_xlabel(_("week starting on Monday"), color="#555")
    ax.tick_params(colors="#555")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(_("Minutes per week") if title is None else title, color="#555", fontsize=11)
    return _svg(fig)


def minutes_svg(frame: pd.DataFrame, title: str | None = None) -> str:
    """Bars of planned minutes per day against the minutes available (planned, available).

    ``frame`` is ``WeekPlan.minutes_per_day()``; ``title`` heads the chart (None: "Minutes per
    day").

    >>> import handbook
    >>> plan = handbook.plan_week(handbook.load_catalog(), minutes=10)
    >>> handbook.minutes_svg(plan.minutes_per_day()).startswith("<svg")
    True
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 2.6))
    ax = fig.add_subplot()
    days = [str(d) for d in frame.index]
    ax.bar(
        days,
        frame["available"],
        color="none",
        edgecolor="#999",
        linestyle="--",
        # Translators: the minutes a day has for stretching (a chart's legend).
        label=_("available"),
    )
    # Translators: the minutes a plan gives a day (a chart's legend).
    ax.bar(days, frame["planned"], color=CALM, width=0.55, label=_("planned"))
    ax.set_ylabel(_("minutes"), color="#777")
    ax.tick_params(colors="#777")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(frameon=False, labelcolor="#777", loc="upper left", bbox_to_anchor=(1, 1))
    ax.set_title(_("Minutes per day") if title is None else title, color="#777", fontsize=10)
    return _svg(fig)
