"""Figures of issue 23: drawing every picture of the catalogue, both sides."""

from __future__ import annotations

import handbook
from handbook.pictures.draw import svg

from .common import Figure, median_time

TARGET_S = 0.5


def _every_picture(cat: handbook.Catalog) -> None:
    for stretch in cat:
        for side in ("first", "second"):
            svg(stretch, side=side)


def _every_moving_picture(cat: handbook.Catalog) -> None:
    for stretch in cat:
        for side in ("first", "second"):
            svg(stretch, side=side, motion=True)


def _read_every_pose(cat: handbook.Catalog) -> None:
    """The baseline: what drawing starts from, each pose read and checked, nothing drawn."""
    from handbook.catalog.pose import check_pose, pose_for

    for stretch in cat:
        for _ in ("first", "second"):
            check_pose(pose_for(stretch))


def figures() -> list[Figure]:
    """Measure this issue's figures."""
    cat = handbook.load_catalog()
    baseline = median_time(lambda: _read_every_pose(cat), repeat=5)
    drawn = median_time(lambda: _every_picture(cat), repeat=5)
    moving = median_time(lambda: _every_moving_picture(cat), repeat=3)
    n = len(cat)
    return [
        Figure(
            f"draw every picture, both sides ({n} stretches)",
            drawn,
            "s",
            f"< {TARGET_S} s",
            drawn < TARGET_S,
            baseline,
            "reading the poses",
        ),
        Figure(
            "the same with the player's motion frames",
            moving,
            "s",
            "(measured)",
            True,
            baseline,
            "reading the poses",
        ),
    ]
