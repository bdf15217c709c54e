"""Corpus stages for tests/run/test_corpus_stage.py, importable by a stage's own process."""

import os


class MarshlandError(ValueError):
    """An error whose constructor needs two arguments: it pickles, but does not load back."""

    def __init__(self, ward: str, count: int):
        super().__init__(f"{count} tallies missing for the ward of {ward}")
        self.ward, self.count = ward, count


def failing_stage(tables, context):
    raise ValueError("the Quellbrook gazette has no outlet column")


def failing_stage_unpicklable(tables, context):
    raise MarshlandError("Orrin Dale", 7)


def dying_stage(tables, context):
    os._exit(3)


def pid_stage(tables, context):
    """Writes no table: reports its process id as a file beside the tables."""
    (tables.folder / "stage-pid.txt").write_text(str(os.getpid()))
    return {}

