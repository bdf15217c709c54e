"""Voice of every stretch of an article's body: the outlet's own words, quoted, or reported.

The vocabulary is :data:`analysis.core.schema.VOICES`:

- ``quoted``: inside quotation marks (marks included), whether attributed or not;
- ``reported``: the content of indirect speech attributed to a source, read narrowly: the clause
  after said/told/stated/reported (that) ..., the clause governed by "according to X" / "as per
  X", the clause before a postposed cue ("..., Reuters reported"), and for "X characterised A as
  B" only B. Noun-phrase complements of expressed/pointed out/gave ("expressed his gratitude for
  ...") are recorded as attributions but stay in the outlet's own voice;
- ``own``: everything else.

Spans cover each body paragraph from its start to its end without gaps or overlaps (the blank
lines between paragraphs belong to no span); quoted wins over reported, reported over own.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from heapq import heappop, heappush

from analysis.attribution.extract import Extraction, extract
from analysis.core.schema import VOICES
from analysis.corpus.document import Document, memo
from analysis.entities.registry import default_registry

_RANK = {"own": 0, "reported": 1, "quoted": 2}


@dataclass(frozen=True)
class VoiceSpan:
    """A stretch of body text in one voice; ``attribution_id`` is empty for own voice and for
    quotations that no attribution claims."""

    start: int
    end: int
    voice: str
    attribution_id: str = ""


def voice_spans(doc: Document, context=None, extraction: Extraction | None = None
                ) -> list[VoiceSpan]:
    """Voice spans covering every body paragraph of ``doc``, in text order.

    Args:
        doc: the article.
        context: the pipeline context (its registry is used); None = the shipped registry.
        extraction: a ready :func:`analysis.attribution.extract.extract` result, to avoid recomputing.
    """
    registry = context.registry if context is not None else default_registry()
    return memo(doc, ("voice", registry), lambda: _voice_spans(doc, extraction or extract(doc, registry)))


def _voice_spans(doc: Document, extraction: Extraction) -> list[VoiceSpan]:
    marks: list[tuple[int, int, str, str]] = []
    outer_first = sorted(extraction.attributions, key=lambda a: a.content_start - a.content_end)
    for a in outer_first:  # an attribution inside a quotation has no reported span of its own
        marks += [(s, e, "reported", a.attribution_id) for s, e in a.reported]
    marks += [(q.start, q.end, "quoted", extraction.quote_owner.get(q.start, ""))
              for q in extraction.quotes]
    spans: list[VoiceSpan] = []
    sweep, reached = _MarkSweep(marks), 0
    for paragraph in doc.body_paragraphs:
        if paragraph.start < reached:  # out of text order: a sweep of its own
            sweep = _MarkSweep(marks)
        spans += _paragraph_spans(paragraph.start, paragraph.end, marks, sweep)
        reached = max(reached, paragraph.end)
    return spans


class _MarkSweep:
    """The marks over each stretch, met in text order (issue 19: filtering every mark for every
    paragraph and every stretch made many quotations quadratic). Per voice, a heap of the marks
    begun and not yet over, by their place in ``marks``; the stretches must come in order."""

    def __init__(self, marks: list[tuple[int, int, str, str]]):
        usable = [(m[0], index) for index, m in enumerate(marks) if m[0] < m[1]]
        self.marks = marks
        self.by_start = sorted(usable)
        self.bounds = sorted({p for s, _ in usable for p in (s, marks[_][1])})
        self.next = 0
        self.active: dict[str, list[int]] = {"reported": [], "quoted": []}

    def cuts(self, start: int, end: int) -> list[int]:
        """``start``, ``end`` and every mark boundary between them, in order."""
        low, high = bisect_right(self.bounds, start), bisect_left(self.bounds, end)
        return [start] + self.bounds[low:high] + [end]

    def first_of_highest(self, a: int) -> tuple[str, str]:
        """Voice and owner of the stretch from ``a`` to the next cut: the first (in ``marks``) of
        the highest-ranked marks over it, own where none."""
        while self.next < len(self.by_start) and self.by_start[self.next][0] <= a:
            index = self.by_start[self.next][1]
            heappush(self.active.setdefault(self.marks[index][2], []), index)
            self.next += 1
        voice, owner = "own", ""
        for kind, heap in self.active.items():
            while heap and self.marks[heap[0]][1] <= a:
                heappop(heap)
            if heap and _RANK[kind] > _RANK[voice]:
                voice, owner = kind, self.marks[heap[0]][3]
        return voice, owner


def _paragraph_spans(start: int, end: int, marks: list[tuple[int, int, str, str]],
                     sweep: _MarkSweep | None = None) -> list[VoiceSpan]:
    """Spans covering ``[start, end)``: each character takes the first of the highest-ranked marks
    over it (own where none), and runs of one voice and owner form a span.

    Worked on the stretches between mark boundaries (the marks over a stretch are the same at
    every character of it), not character by character. ``sweep`` carries the marks from one
    paragraph to the next (paragraphs in text order); without it, one is made for this paragraph.
    """
    if end <= start:
        return []
    sweep = sweep or _MarkSweep(marks)
    cuts = sweep.cuts(start, end)
    spans: list[VoiceSpan] = []
    for a, b in zip(cuts, cuts[1:]):
        voice, owner = sweep.first_of_highest(a)
        if spans and spans[-1].voice == voice and spans[-1].attribution_id == owner:
            spans[-1] = VoiceSpan(spans[-1].start, b, voice, owner)
        else:
            spans.append(VoiceSpan(a, b, voice, owner))
    return spans


def voice_of(spans: list[VoiceSpan], start: int, end: int) -> str:
    """The voice covering most of ``[start, end)`` (``own`` when no span overlaps)."""
    share = {v: 0 for v in VOICES}
    for span in spans:
        overlap = min(end, span.end) - max(start, span.start)
        if overlap > 0:
            share[span.voice] += overlap
    return max(share, key=lambda v: (share[v], -_RANK[v])) if any(share.values()) else "own"
