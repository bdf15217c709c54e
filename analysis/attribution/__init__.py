"""Who is quoted and cited, and how: quotation-mark spans (``quotes``), cue lexicon (``cues``),
speakers (``speakers``), constructions from cue to source and content (``constructions``), the
extractor that puts them together (``extract``), the voice of every stretch of text (``voice``), the
analysis stage and its tables (``stage``) and the accuracy check against hand annotation
(``validation``). Method and figures: ``docs/attribution.md``.

May import: ``analysis.core``, ``analysis.corpus``, ``analysis.entities``.
"""
