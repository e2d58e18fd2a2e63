"""Progress: the SQLite log and its migrations, checked records, CSV, reports, recording."""

from ..errors import ProgressError, ProgressWarning
from .store import ProgressLog, default_path

__all__ = ["ProgressError", "ProgressLog", "ProgressWarning", "default_path"]
