"""Running the analysis: one article through every stage (``article``), where that work runs
(``engine``: in process, a process pool or Dask), the corpus ``pipeline`` that writes the tables, and
``tables``, the one call notebooks and the command line use to get a corpus's tables.

May import: everything below it (``core``, ``corpus``, ``entities``, ``attribution``, ``measures``,
``compare``, ``views``); the stages it runs are named in :mod:`analysis.core.stages`.
"""
