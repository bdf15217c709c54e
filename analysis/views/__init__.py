"""What the report notebooks call to show tables and figures: escaping and layout (``display``),
and one module per report: ``overview``, ``sentiment``, ``readability``, ``framing``, ``sources``
and the cross-outlet ``summary``. Tables in, DataFrames, HTML and figures out; no analysis here.

May import: the layers below ``analysis.run`` (``core``, ``corpus``, ``entities``, ``attribution``,
``measures``, ``compare``) for the tables and constants it shows; never ``analysis.run`` or
``analysis.report``: notebooks get their tables from :mod:`analysis.run.tables` and hand them in.
"""
