"""The foundation every other subpackage stands on: the one table schema (``schema``), paths and
shared defaults (``config``), the stage registry (``stages``), cue matching (``patterns``), table
reading and writing (``writer``) and the per-article result cache (``cache``).

May import: nothing else of ``analysis``.
"""
