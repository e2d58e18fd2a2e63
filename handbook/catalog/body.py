"""The one body every picture uses: segment lengths, how segments join, where muscles lie."""

from __future__ import annotations

BODY = {
    "head": 0.065,  # radius of the head
    "neck": 0.115,  # base of the neck to the centre of the head
    "torso": 0.29,  # middle of the pelvis to the base of the neck
    "shoulder": 0.12,  # base of the neck to a shoulder joint (at most)
    "pelvis": 0.05,  # middle of the pelvis to a hip joint (at most)
    "upper arm": 0.19,
    "forearm": 0.15,
    "hand": 0.096,  # wrist to fingertips
    "thigh": 0.245,
    "shin": 0.245,  # knee to ankle
    "foot": 0.12,  # ankle to toes
}
"""Segment lengths of the one body every picture uses, in body heights."""

ANTHROPOMETRY = {
    "head": (1.0 - 0.870) / 2,  # chin 0.870 to the top of the head 1.0: its radius
    "neck": (1.0 + 0.870) / 2 - 0.818,  # the head's centre to the shoulders (acromion)
    "torso": 0.818 - 0.530,  # shoulders to hips (greater trochanter)
    "shoulder": 0.259 / 2,  # half the shoulders' breadth
    "pelvis": 0.191 / 4,  # a hip joint sits about halfway out of half the hips' breadth
    "upper arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
    "thigh": 0.530 - 0.285,  # hip to knee
    "shin": 0.285 - 0.039,  # knee to ankle
    "foot": 0.152 * 0.75,  # the ankle sits a quarter of the foot's length ahead of the heel
}
"""The same segments from a standard anthropometric table: Winter, Biomechanics and Motor
Control of Human Movement (4th ed., 2009), figure 4.1, after Drillis and Contini (1966),
as fractions of height. ``BODY`` keeps within ``TOLERANCE`` of it (a test holds it)."""

TOLERANCE = 0.12
"""How far a segment may differ from ``BODY``, as a fraction of its length."""

SIDES = ("near", "far")


# Segments: the trunk by its two keypoints; limbs by (start, end) per side, where a start
# of None is a girdle's root and an optional start falls back to the root (FALLBACK).
TRUNK = {"neck": ("neck", "head"), "torso": ("hip", "neck")}
LIMBS = {
    "shoulder": (None, "shoulder"),
    "upper arm": ("shoulder", "elbow"),
    "forearm": ("elbow", "wrist"),
    "hand": ("wrist", "hand"),
    "pelvis": (None, "hip"),
    "thigh": ("hip", "knee"),
    "shin": ("knee", "ankle"),
    "foot": ("ankle", "toe"),
}
FALLBACK = {"shoulder": "neck", "hip": "hip"}
GIRDLES = ("shoulder", "pelvis")

MUSCLES = {
    "neck": (("neck", 0.0, 0.45),),
    "traps": (("neck", 0.0, 0.35), ("torso", 0.8, 1.0), ("shoulder", 0.0, 1.0)),
    "shoulders": (("shoulder", 0.5, 1.0), ("upper arm", 0.0, 0.4)),
    "chest": (("torso", 0.55, 0.92), ("upper arm", 0.0, 0.2)),
    "biceps": (("upper arm", 0.25, 0.92),),
    "triceps": (("upper arm", 0.2, 0.92),),
    "forearms": (("forearm", 0.1, 1.0), ("hand", 0.0, 0.6)),
    "lats": (("torso", 0.35, 0.85), ("upper arm", 0.0, 0.3)),
    "middle back": (("torso", 0.45, 0.85),),
    "lower back": (("torso", 0.05, 0.45),),
    "abdominals": (("torso", 0.1, 0.6),),
    "hip flexors": (("torso", 0.0, 0.15), ("thigh", 0.0, 0.4)),
    "glutes": (("thigh", 0.0, 0.0), ("thigh", 0.0, 0.25)),
    "adductors": (("thigh", 0.1, 0.75),),
    "abductors": (("pelvis", 0.0, 1.0), ("thigh", 0.0, 0.0), ("thigh", 0.0, 0.85)),
    "quadriceps": (("thigh", 0.15, 0.95),),
    "hamstrings": (("thigh", 0.15, 0.95),),
    "calves": (("shin", 0.1, 0.85),),
}
"""Where each muscle of the vocabulary lies: (segment, from, to) as fractions along the
segment from its start; from == to marks a spot (the glutes at the hip joint)."""

FACES = {
    "quadriceps": "front",
    "hip flexors": "front",
    "biceps": "front",
    "chest": "front",
    "abdominals": "front",
    "hamstrings": "back",
    "glutes": "back",
    "calves": "back",
    "triceps": "back",
    "lats": "back",
    "middle back": "back",
    "lower back": "back",
    "traps": "back",
}
"""Which face of its segments a muscle lies on; a picture marks it on that side of the limb
(the front of the thigh for the quadriceps, the back for the hamstrings). Muscles left out
(neck, shoulders, forearms, adductors, abductors) are marked along the middle."""
