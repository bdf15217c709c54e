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

from dataclasses import dataclass

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
    for a in outer_first:
        if a.parent_id:
            continue
        marks += [(s, e, "reported", a.attribution_id) for s, e in a.reported]
    marks += [(q.start, q.end, "quoted", extraction.quote_owner.get(q.start, ""))
              for q in extraction.quotes]
    spans: list[VoiceSpan] = []
    for paragraph in doc.body_paragraphs:
        spans += _paragraph_spans(paragraph.start, paragraph.end, marks)
    return spans


def _paragraph_spans(start: int, end: int, marks: list[tuple[int, int, str, str]]
                     ) -> list[VoiceSpan]:
    """Spans covering ``[start, end)``: each character takes the first of the highest-ranked marks
    over it (own where none), and runs of one voice and owner form a span.

    Worked on the stretches between mark boundaries (the marks over a stretch are the same at
    every character of it), not character by character.
    """
    if end <= start:
        return []
    inside = [m for m in marks if m[0] < end and m[1] > start and m[0] < m[1]]
    cuts = sorted({start, end} | {p for s, e, _, _ in inside for p in (s, e) if start < p < end})
    spans: list[VoiceSpan] = []
    for a, b in zip(cuts, cuts[1:]):
        voice, owner = "own", ""
        for s, e, kind, attribution_id in inside:
            if s <= a and b <= e and _RANK[kind] > _RANK[voice]:
                voice, owner = kind, attribution_id
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
