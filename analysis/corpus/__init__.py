"""From files to documents: loading a corpus folder (``load``, with ``files`` for what is on disk
and ``encoding`` for what the bytes say) and the files a corpus carries besides its articles
(``resources``), line-by-line cleaning with its audit (``clean``; the line classifier
``boilerplate``, generic ``line_shapes``, corpus evidence ``repeated_lines``, the HTML audit
``html_audit``), sentence and word segmentation with offsets (``segment``), language
identification (``language``) and the cleaned, segmented ``document`` every measure works on.

May import: ``analysis.core``.
"""
