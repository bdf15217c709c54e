"""The voice of a stretch of text (own, quoted, reported), read from the voice spans over it alone.

Voice spans are ordered and do not overlap (:mod:`analysis.attribution.voice`), so the spans a
stretch overlaps are found by bisection; asking :func:`~analysis.attribution.voice.voice_of`
with every span of the article for every mention grew with mentions times spans (a 256 KB
paragraph: 5 s of hedging).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class VoiceLookup:
    """The voice spans of one document, sorted, with their starts for bisection."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda span: span.start)
        self.starts = [span.start for span in self.spans]

    def overlapping(self, start: int, end: int) -> list:
        """The spans that can overlap ``[start, end)``: from the last one starting at or before
        ``start`` to the last one starting before ``end``."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        return self.spans[first:bisect_left(self.starts, end)]

    def voice(self, start: int, end: int) -> str:
        """:func:`~analysis.attribution.voice.voice_of` over all the spans, from those that overlap."""
        from analysis.attribution.voice import voice_of

        return voice_of(self.overlapping(start, end), start, end)
