"""The foundation every other subpackage stands on: the one table schema (``schema``), paths and
shared defaults (``config``), every stage setting in one typed place (``settings``), the stage
registry (``stages``), cue matching (``patterns``), table reading and writing (``writer``), the
per-article result cache (``cache``) and the output folders a run may write (``outputs``).

May import: nothing else of ``analysis``.
"""
