"""Charts of a week as SVG text: the muscle-by-day coverage heat map and minutes per day.

Matplotlib is imported only when a chart is drawn, so importing the handbook stays light.
"""

from __future__ import annotations

import io

import pandas as pd

ACCENT, PALE, CALM = "#d9622b", "#f2b38f", "#2f7d95"


def _svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight", transparent=True)
    text = out.getvalue()
    return text[text.index("<svg"):]  # drop the XML prologue so it embeds in HTML


def coverage_svg(grid: pd.DataFrame, labels: dict[str, str] | None = None,
                 title: str = "Seconds of stretching per muscle group and day") -> str:
    """A heat map of a muscle x day table of seconds (e.g. WeekPlan.coverage())."""
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure

    names = [labels.get(m, m) if labels else m for m in grid.index]
    fig = Figure(figsize=(1.6 + 0.62 * len(grid.columns), 0.9 + 0.3 * len(grid.index)))
    ax = fig.add_subplot()
    cmap = LinearSegmentedColormap.from_list("hb", ["#f4f4f4", PALE, ACCENT])
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap=cmap,
                      vmin=0, vmax=max(60.0, float(grid.to_numpy().max())))
    ax.set_xticks(range(len(grid.columns)), [str(c) for c in grid.columns])
    ax.set_yticks(range(len(names)), names)
    ax.tick_params(length=0, colors="#777")
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(grid.columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(names))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    bar = fig.colorbar(image, ax=ax, shrink=0.6, label="seconds")
    bar.ax.tick_params(colors="#777")
    bar.ax.yaxis.label.set_color("#777")
    ax.set_title(title, color="#777", fontsize=10, pad=24)
    return _svg(fig)


def minutes_svg(frame: pd.DataFrame, title: str = "Minutes per day") -> str:
    """Bars of planned minutes per day against the minutes available (planned, available)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 2.6))
    ax = fig.add_subplot()
    days = [str(d) for d in frame.index]
    ax.bar(days, frame["available"], color="none", edgecolor="#999", linestyle="--",
           label="available")
    ax.bar(days, frame["planned"], color=CALM, width=0.55, label="planned")
    ax.set_ylabel("minutes", color="#777")
    ax.tick_params(colors="#777")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(frameon=False, labelcolor="#777", loc="upper left", bbox_to_anchor=(1, 1))
    ax.set_title(title, color="#777", fontsize=10)
    return _svg(fig)
