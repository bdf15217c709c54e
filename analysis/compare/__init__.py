"""Across outlets, per event: sentence ``align``-ment, ``syndication`` (near-copies), ``facts``
each article states, ``quote_matching`` (the same statement and how it drifts), the outlet
``summary``, their schema ``tables`` and the corpus ``stage`` that runs them block by block.
Method: ``docs/compare.md``.

May import: ``analysis.core``, ``analysis.corpus``, ``analysis.entities``, ``analysis.attribution``,
``analysis.measures``.
"""
