"""From files to documents: loading a corpus folder (``load``), line-by-line cleaning with its audit
(``clean``), sentence and word segmentation with offsets (``segment``), language identification
(``language``) and the cleaned, segmented ``document`` every measure works on.

May import: ``analysis.core``.
"""
