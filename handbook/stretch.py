"""One stretch, as read from its TOML file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_BREATHS_PER_MINUTE = 6.0
"""The slow "resonance" pace studied by Steffen et al. (2017): one deep breath every 10 s."""


@dataclass(frozen=True)
class Stretch:
    """A stretch: what it targets, how to do it, what to avoid, and how long to hold it."""

    id: str
    name: str
    summary: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]
    position: str
    equipment: tuple[str, ...]
    level: str
    sides: str
    reps: int
    steps: tuple[str, ...]
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""
    hold_breaths: int | None = None
    hold_fixed_s: float | None = None
    pose: dict | None = field(default=None, compare=False, repr=False)
    file: Path | None = field(default=None, compare=False, repr=False)

    def hold_seconds(self, breaths_per_minute: float = DEFAULT_BREATHS_PER_MINUTE) -> float:
        """Seconds of one hold: breaths at the given pace, or the fixed seconds of the file."""
        if self.hold_fixed_s is not None:
            return float(self.hold_fixed_s)
        if not breaths_per_minute > 0:
            raise ValueError(f"breaths_per_minute must be positive, got {breaths_per_minute!r}")
        return self.hold_breaths * 60.0 / breaths_per_minute

    @property
    def hold_s(self) -> float:
        """Seconds of one hold at the default pace of 6 breaths a minute."""
        return self.hold_seconds()

    @property
    def muscles(self) -> tuple[str, ...]:
        """Primary then secondary muscles."""
        return self.primary + self.secondary

    @property
    def hold_text(self) -> str:
        """The hold as people say it: "5 deep breaths (about 50 s)" or "30 s"."""
        if self.hold_breaths is None:
            return f"{self.hold_s:g} s"
        return f"{self.hold_breaths} deep breaths (about {self.hold_s:g} s)"

    def with_hold(self, *, seconds: float | None = None, breaths: int | None = None) -> Stretch:
        """A copy with another hold, given in seconds or in breaths."""
        from .schema import check_hold  # the same rules as a stretch file

        if (seconds is None) == (breaths is None):
            raise ValueError("give exactly one of seconds= or breaths=")
        problems: list = []
        check_hold({"seconds": seconds} if breaths is None else {"breaths": breaths},
                   self.name, problems)
        if problems:
            raise ValueError("; ".join(f"{p.field}: {p.message}" for p in problems))
        return replace(self, hold_fixed_s=None if seconds is None else float(seconds),
                       hold_breaths=breaths)
