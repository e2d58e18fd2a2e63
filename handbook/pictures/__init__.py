"""Pictures: the body model, the pose format with its neutral poses, and drawing to SVG."""

from ..catalog.body import BODY, MUSCLES, TOLERANCE
from ..catalog.pose import KEYPOINTS, check_pose, neutral_poses, pose_for
from .draw import gallery_html, svg

__all__ = [
    "BODY",
    "KEYPOINTS",
    "MUSCLES",
    "TOLERANCE",
    "check_pose",
    "gallery_html",
    "neutral_poses",
    "pose_for",
    "svg",
]
