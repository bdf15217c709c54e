"""A cleaned, segmented article: the unit every measure works on.

The cleaned text is the kept paragraphs joined by a blank line (``"\\n\\n"``); the title, when
there is one, is paragraph 0. Every paragraph, sentence and word carries code-point offsets into
that text (end-exclusive), and every paragraph the raw line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.corpus.clean import CleanResult, LogRow, clean_lines, normalise_title
from analysis.corpus.load import LEFT_OUT_KEY, LINK_HEADLINES_KEY, RawArticle
from analysis.corpus.repeated_lines import EVIDENCE_KEY
from analysis.corpus.segment import MAX_SENTENCE_CHARS, count_words, cut_long, split_sentences

PARAGRAPH_SEPARATOR = "\n\n"
ROLES = ("title", "body")


@dataclass
class Paragraph:
    paragraph_id: str
    index: int
    role: str
    section: str
    raw_line: int
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    sentence_id: str
    index: int
    paragraph_id: str
    role: str
    start: int
    end: int
    text: str


@dataclass
class Document:
    """One article after cleaning and segmentation."""

    article_id: str
    text: str
    metadata: dict
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    log: list[LogRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # results derived from this document that several stages share (see :func:`memo`)
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def body_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.role == "body"]

    @property
    def body_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "body"]

    @property
    def title(self) -> str:
        return next((p.text for p in self.paragraphs if p.role == "title"), "")

    def body_text(self) -> str:
        """The body paragraphs only (no title), joined as in the cleaned text."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.body_paragraphs)

    @property
    def n_words(self) -> int:
        """Word tokens of the body paragraphs (counted once per document)."""
        return memo(self, "n_words", lambda: sum(words_in(self, p.text) for p in self.body_paragraphs))


def memo(doc: Document, key, compute):
    """``compute()`` once per document and ``key``; later calls return the stored result.

    Stages that need the same derived result (the attribution extraction behind voice, naming,
    hedging and sourcing) share it instead of recomputing it.
    """
    if key not in doc.derived:
        doc.derived[key] = compute()
    return doc.derived[key]


def words_in(doc: Document, text: str) -> int:
    """:func:`~analysis.corpus.segment.count_words` of ``text``, counted once per document and text:
    stages count the same paragraphs, sentences and voice stretches."""
    counts = memo(doc, "word_counts", dict)
    found = counts.get(text)
    if found is None:
        found = counts[text] = count_words(text)
    return found


def build_document(article_id: str, cleaned: CleanResult, metadata: dict,
                   warnings: list[str] | None = None) -> Document:
    """Assemble the cleaned text and segment it into paragraphs and sentences with offsets."""
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    pieces = []
    position = 0
    cut_warnings: list[str] = []
    for index, para in enumerate(cleaned.paragraphs):
        if index:
            pieces.append(PARAGRAPH_SEPARATOR)
            position += len(PARAGRAPH_SEPARATOR)
        paragraph_id = f"{article_id}:p{index}"
        start, end = position, position + len(para.text)
        paragraphs.append(Paragraph(paragraph_id, index, para.role, para.section, para.raw_line,
                                    start, end, para.text))
        spans = [(start, end)] if para.role == "title" else split_sentences(para.text, start)
        too_long = sum(e - s > MAX_SENTENCE_CHARS for s, e in spans)
        if too_long:
            spans = cut_long(spans, para.text, start)
            cut_warnings.append(f"paragraph {index}: {too_long} sentence(s) of over "
                                f"{MAX_SENTENCE_CHARS:,} characters (no sentence end) cut at "
                                "white space")
        for s_start, s_end in spans:
            n = len(sentences)
            sentences.append(Sentence(f"{article_id}:s{n}", n, paragraph_id, para.role,
                                      s_start, s_end, para.text[s_start - start : s_end - start]))
        pieces.append(para.text)
        position = end
    return Document(article_id, "".join(pieces), metadata, paragraphs, sentences,
                    cleaned.log, list(warnings or []) + cut_warnings)


def document_from_raw(raw: RawArticle, registry=None) -> Document:
    """Clean and segment one loaded article; metadata from the source wins over derived values.

    Args:
        registry: an entity registry (:mod:`analysis.entities.registry`) whose outlets a page's
            breadcrumb is matched against; without one the breadcrumb's segment rule alone applies.
    """
    meta = {k: v for k, v in raw.metadata.items() if not k.startswith("_")}
    front = raw.metadata.get("_front_matter_lines", 0)
    lines = [(n, t) for n, t in raw.lines() if n > front]
    if raw.text_origin == "html-extracted" and meta.get("title") and not _has_line(lines, meta["title"]):
        lines.insert(0, (0, meta["title"]))  # line 0: the page's <title>, not a line of the text
    cleaned = clean_lines(lines, title=meta.get("title", ""), outlet=meta.get("outlet", ""),
                          detect_title=not meta.get("title"),
                          classify=raw.text_origin != "html-extracted",
                          repeated=raw.metadata.get(EVIDENCE_KEY),
                          left_out=frozenset(raw.metadata.get(LEFT_OUT_KEY, ())),
                          link_headlines=frozenset(raw.metadata.get(LINK_HEADLINES_KEY, ())))
    derived = dict(cleaned.metadata)
    breadcrumb = derived.pop("breadcrumb", None)
    if breadcrumb and not meta.get("outlet"):
        derived["outlet"] = outlet_from_breadcrumb(breadcrumb, registry)
    for key, value in derived.items():
        if value and not meta.get(key):
            meta[key] = value
    return build_document(raw.article_id, cleaned, meta, raw.warnings)


def _has_line(lines: list[tuple[int, str]], title: str) -> bool:
    """Whether the title is one of the lines (an audited page's visible headline)."""
    wanted = normalise_title(title)
    return any(normalise_title(text) == wanted for _, text in lines)


def outlet_from_breadcrumb(parts: list[str], registry=None) -> str:
    """The outlet named in a breadcrumb: a registry outlet if one is named, else the segment
    before the section ("RADP / Pulse Nigeria > News" -> "Pulse Nigeria")."""
    for part in parts if registry is not None else ():
        entity = registry.lookup(part)
        if entity is not None and entity.type == "outlet":
            return entity.name
    return parts[-2] if len(parts) >= 2 else ""
