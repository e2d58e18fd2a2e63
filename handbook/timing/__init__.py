"""Timing: a stretch or routine as a timeline of phases, routines and their files, the clock."""
