"""The free-exercise-db importer: its stretches turned into the handbook's stretch files."""

from .importer import SourceError, import_free_exercise_db, read_source, summarise

__all__ = ["SourceError", "import_free_exercise_db", "read_source", "summarise"]
