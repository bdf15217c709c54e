"""What the report notebooks call to show tables and figures: escaping and layout (``display``),
and one module per report: ``overview``, ``sentiment``, ``readability``, ``framing``, ``sources``
and the cross-outlet ``summary``. Tables in, DataFrames, HTML and figures out; no analysis here.

May import: ``analysis.core`` and the measure modules whose tables it shows; never ``analysis.run``
or ``analysis.report``.
"""
