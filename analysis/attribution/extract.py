"""Source attribution: who is quoted and cited, with which cue, saying what, and through whom.

An attribution is source + cue + content (as in PARC and PolNeAR). Rule-based and offline:

1. quotation spans come from :mod:`analysis.attribution.quotes`;
2. cue words and phrases outside quotation marks come from :mod:`analysis.attribution.cues` (a data file);
3. for each cue the speaker phrase is found before the cue ("Kim said"), after it ("said Kim",
   "according to CNN") or after "In remarks,"; the content is the clause after the cue, or the
   clause before a postposed cue ("..., Reuters reported"; "“...,” Kim reportedly said");
4. speakers are named and typed by :mod:`analysis.attribution.speakers` (registry aliases merged, pronouns
   resolved to the nearest named person before them, unresolved left empty);
5. a quotation no cue covers is joined to the attributed quotation before it in the same paragraph
   ("“A,” he said. “B.”"), or, when the quote fills its paragraph, tied to the speaker of the
   attributed quotation in the adjacent paragraph; otherwise it is a scare quote, a title, or an
   unattributed quotation;
6. citation chains: the article cites each source; a source cites another through "X, who quoted
   Y", "X, citing Y" or an attribution inside its own quotation ("according to Putin").

Limits: no parser, so long or unusual subjects are missed; pronoun resolution ignores gender and
number beyond he/she -> person.
"""


from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, replace

from analysis.attribution.constructions import (
    CHAIN_AFTER_SPEAKER,
    Attribution,
    _end_without,
    dash_quote,
    from_cue,
    paragraph_cues,
    survey_leads,
    survey_tails,
    transcript,
)
from analysis.attribution.cues import Cue, find_cues, in_spans, sourceless_noun
from analysis.attribution.quotes import Quote, quotes_in_paragraphs, top_level
from analysis.attribution.speakers import (
    FUNCTION_WORDS,
    SUBTYPE_TYPES,
    Speaker,
    entity_speaker,
    is_pronoun,
    name_speaker,
    resolve_pronoun,
)
from analysis.corpus.document import Document, Paragraph, memo
from analysis.entities.discovery import discover

KINDS = ("direct", "mixed", "indirect")
QUOTE_KINDS = ("quotation", "scare", "title")
SCARE_MAX_WORDS = 3  # unattributed quotes this short read as scare quotes (our choice; PARC 3.0
# treats 1-3 word unattributed quotes the same way in its guidelines)
QUOTE_PARAGRAPH_SHARE = 0.8  # a quote filling this share of its paragraph is a "quote paragraph"
TITLE_CUES = re.compile(r"(?:titled|entitled|called|dubbed|named|headlined|book|film|song|"
                        r"documentary|programme|program|show|slogan)\s*$", re.IGNORECASE)

# cues of the writer's own perception: "the plan appears to be failing", "Roe seemed ready to
# leave" attribute a reading to the writer, not to their subject (PolNeAR marks them without a
# source: seem 103 of 132 train items, appear 87 of 100); the attribution is kept, its subject
# phrase unresolved (no source named, as for a clause-shaped phrase)
WRITER_PERCEPTION = {"seem", "appear to"}
TALLY = re.compile(r"[\s$€£]*[\d.,]+\s*(?:%|percent)?[\s.;]*")  # a colon lead's count


@dataclass
class Extraction:
    """Everything found in one document."""

    attributions: list[Attribution]
    quotes: list[Quote]
    quote_owner: dict[int, str]  # quote start -> attribution_id
    quote_kind: dict[int, str]
    chains: list[tuple[str, str, str, int]]  # (citing, cited, cue, depth)


def extract(doc: Document, registry, extra_cues: Sequence[Cue] = (),
            lexicon_cues: bool = True) -> Extraction:
    """Attributions, quotations and citation chains of one document (all paragraphs), computed once
    per document, registry and cue set.

    ``extra_cues`` (offsets into ``doc.text``) are cues given from outside, added to those the
    lexicon finds in each paragraph (one already found at an overlapping place is not added
    twice); with ``lexicon_cues=False`` they replace them. Every other step (speaker, content,
    quotes) is the same. The pipeline never passes them: they are for measuring what cue
    detection alone limits (``benchmarks/attribution_eval.py --oracle-cues`` gives the gold cue
    spans of PolNeAR). Like the lexicon's, a given cue inside a quotation is not tried in the
    paragraph pass, and the lexicon alone still decides whether a speaker phrase holds a cue."""
    if not extra_cues and lexicon_cues:
        return memo(doc, ("extract", registry), lambda: _extract(doc, registry))
    given = tuple(sorted(extra_cues, key=lambda c: (c.start, c.end)))
    return memo(doc, ("extract", registry, given, lexicon_cues),
                lambda: _extract(doc, registry, given, lexicon_cues))


def _paragraph_cues(paragraph: Paragraph, masks: list[tuple[int, int]], given: Sequence[Cue],
                    lexicon_cues: bool, doc: Document | None = None) -> list[Cue]:
    """The cues tried in one paragraph: the lexicon's (unless ``lexicon_cues`` is False) and the
    ``given`` ones that start in it, outside the masked quotations and not overlapping a cue
    already there, in text order.

    Given the ``doc``, the lexicon's cues are the paragraph's cues that a long speaker phrase
    looks up (:func:`~analysis.attribution.constructions.paragraph_cues`, found once) less
    those in the masks, as ``find_cues`` with the masks gives them (issue 19: the paragraph was
    searched twice)."""
    if not lexicon_cues:
        cues = []
    elif doc is None:
        cues = find_cues(paragraph.text, paragraph.start, masks)
    else:
        cues = _unmasked(paragraph_cues(doc, paragraph)[0], masks)
    if not given:
        return cues
    for cue in given:
        if not paragraph.start <= cue.start < paragraph.end or cue.end <= cue.start:
            continue
        if any(s <= cue.start < e for s, e in masks) or \
                any(c.start < cue.end and cue.start < c.end for c in cues):
            continue
        cues.append(cue)
    return sorted(cues, key=lambda c: (c.start, c.end))


def _unmasked(cues: list[Cue], masks: list[tuple[int, int]]) -> list[Cue]:
    """The ``cues`` that start in none of the ``masks`` (as ``find_cues`` skips them)."""
    inside = in_spans(masks)
    return [cue for cue in cues if not inside(cue.start)]


def _extract(doc: Document, registry, given: Sequence[Cue] = (),
             lexicon_cues: bool = True) -> Extraction:
    paragraphs = [p for p in doc.paragraphs]
    quotes = quotes_in_paragraphs([(p.start, p.text) for p in paragraphs])
    top = top_level(quotes)
    aliases: dict[str, str] = {}
    found: list[Attribution] = []
    top_starts = [q.start for q in top]  # in text order: a paragraph's quotes by bisection
    for paragraph in paragraphs:
        in_par = top[bisect_left(top_starts, paragraph.start):bisect_left(top_starts, paragraph.end)]
        masks = [(q.start, q.end) for q in in_par]
        for cue in _paragraph_cues(paragraph, masks, given, lexicon_cues, doc):
            attribution = from_cue(doc, paragraph, cue, in_par, registry, aliases, found)
            if attribution is not None:
                if attribution.speaker is not None and (cue.lemma in WRITER_PERCEPTION or
                                                        sourceless_noun(doc.text, cue)):
                    # "the plan appears to be failing", "the harbour attacks": the phrase is
                    # kept, no source read in it
                    attribution.speaker = replace(attribution.speaker, name="", entity_id="",
                                                  source_type="unknown", how="unresolved",
                                                  role="", affiliation="")
                found.append(attribution)
        for special in (dash_quote, transcript):
            attribution = special(doc, paragraph, registry, aliases)
            if attribution is not None and not _tally(doc, attribution):
                found.append(attribution)
        found.extend(survey_leads(doc, paragraph, registry, aliases))
        found.extend(survey_tails(doc, paragraph, registry, aliases))
    found = _dedupe(found)
    _stop_at_next_speaker(found)
    found = _as_entities(doc, found, registry)
    for n, a in enumerate(found):
        a.attribution_id = f"tmp{n}"
    _resolve_pronouns(doc, found, registry)
    _assign_quotes(doc, found, top)
    _nest_in_content(found, top)
    nested = _nested_in_quotes(doc, found, top, registry, aliases)
    nested += _relayed(doc, found, len(found) + len(nested), registry, aliases)
    found.extend(_as_entities(doc, nested, registry))
    found.sort(key=lambda a: (a.content_start, a.cue.start if a.cue else 0))
    chains = _chains(doc, found, registry)
    _number(doc, found)
    owner = {q.start: a.attribution_id for a in found for q in a.quotes}
    kinds = {q.start: _quote_kind(doc, q, q.start in owner) for q in top}
    for a in found:
        a.kind = _kind(doc, a)
    return Extraction(found, top, owner, kinds, chains)


def _tally(doc: Document, a: Attribution) -> bool:
    """A colon lead whose content is only a count ("Okafor: 1,204."): a tally, nothing said."""
    return a.cue is not None and a.cue.lemma == ":" and \
        TALLY.fullmatch(doc.text, a.content_start, a.content_end) is not None


def _number(doc: Document, found: list[Attribution]) -> None:
    old = {a.attribution_id: f"{doc.article_id}:a{n}" for n, a in enumerate(found)}
    for a in found:
        a.attribution_id = old[a.attribution_id]
    for a in found:
        if a.parent_id:
            a.parent_id = old.get(a.parent_id, a.parent_id)
        if a.linked_by:
            how, _, target = a.linked_by.partition(":")
            a.linked_by = f"{how}:{old.get(target, target)}"


def _stop_at_next_speaker(found: list[Attribution]) -> None:
    """A content that runs into a later attribution's speaker ends before it ("... A, Kim said
    that B, “C,” Putin said.": Kim's content stops before Putin).

    The speakers that can stop a content (of an attribution with a cue whose content ends at or
    before its speaker) are kept sorted, so each content finds the first one after its cue by
    bisection (issue 19: a pass over every attribution for each was quadratic). A content cut
    short can make its own speaker one of them for the attributions after it, as before."""
    def stops(b: Attribution) -> bool:
        return b.speaker is not None and b.cue is not None and b.content_end <= b.speaker.start

    starts = sorted(b.speaker.start for b in found if b.speaker is not None and stops(b))
    for a in found:
        if a.cue is None:
            continue
        at = bisect_right(starts, a.cue.end)  # never a's own speaker: see stops()
        if at < len(starts) and starts[at] < a.content_end:
            was = stops(a)
            a.content_end = _trim_end(a, starts[at])
            if not was and stops(a) and a.speaker is not None:
                insort(starts, a.speaker.start)


def _trim_end(a: Attribution, end: int) -> int:
    a.reported = [(s, min(e, end)) for s, e in a.reported if s < end]
    return end


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    """One attribution per cue; drop a cue whose content lies inside another's content span
    when both have the same speaker (e.g. "said" inside "reportedly said")."""
    kept: list[Attribution] = []
    seen = set()
    for a in found:
        key = (a.content_start, a.content_end, a.speaker_name)
        if key in seen:
            continue
        seen.add(key)
        kept.append(a)
    return kept


def _as_entities(doc: Document, found: list[Attribution], registry) -> list[Attribution]:
    """Speakers as entities (:func:`~analysis.attribution.speakers.entity_speaker`); an
    attribution whose speaker names no source (a place, a thing, a bare group noun) is dropped."""
    kept = []
    for a in found:
        if a.speaker is not None:
            speaker = entity_speaker(doc, a.speaker, registry)
            if speaker is None:
                continue
            a.speaker = speaker
        kept.append(a)
    return kept


def _person_candidates(doc: Document, found: list[Attribution], registry
                       ) -> list[tuple[int, str, str]]:
    candidates = [(m.start, m.name, m.entity_id) for m in registry.find_mentions(doc.text)
                  if m.type == "person"]
    candidates += [(m.start, e.name, e.key) for e in discover(doc, registry)
                   if e.kind == "person" for m in e.mentions]
    candidates += [(a.speaker.start, a.speaker.name, a.speaker.entity_id) for a in found
                   if a.speaker and a.speaker.how == "name" and " " in a.speaker.name]
    candidates += [(m.start(), m.group(0), "") for m in HONORIFIC_NAME.finditer(doc.text)]
    candidates += [(m.start("name"), m.group("name"), "") for m in SUBJECT_NAME.finditer(doc.text)
                   if m.group("name").split()[0].lower() not in FUNCTION_WORDS]
    return candidates


# a two- or three-word name opening a sentence, before a lower-case verb: "Maria Lopez has lived
# ...", the person a later "she" may point to
# (both patterns open with the name's first letter, so that ``re`` skips to the capitals instead
# of trying every position of the article; what comes before that letter is looked behind at
# from after it: at the text's start (no two characters before), after ".", "!" or "?" and a
# white space, or after a line break; no word character before an honorific)
SUBJECT_NAME = re.compile(r"(?P<name>[A-Z](?:(?<![\s\S]{2})|(?<=[.!?]\s.)|(?<=\n.))[a-z’'-]+"
                          r"(?:\s+[A-Z][a-z’'-]+){1,2})"
                          r"(?=\s+(?:has|had|is|was|lives|lived|works|worked|[a-z]+ed)\b)")
HONORIFIC_NAME = re.compile(r"(?:M(?<!\w.)(?:r|rs|s)|D(?<!\w.)r|S(?<!\w.)en|R(?<!\w.)ep|"
                            r"G(?<!\w.)(?:ov|en)|P(?<!\w.)rof)\.\s+(?:[A-Z][\w’'-]+\s+)*"
                            r"[A-Z][\w’'-]+")


def _resolve_pronouns(doc: Document, found: list[Attribution], registry) -> None:
    candidates = None  # the named persons, found once the first "he" or "she" needs them
    people = None
    for a in found:
        if a.speaker and a.speaker.how == "pronoun":
            if a.speaker.text.lower() in ("he", "she", "his", "her"):
                if candidates is None:
                    candidates = _person_candidates(doc, found, registry)
                    people = {e.key: e for e in discover(doc, registry) if e.kind == "person"}
                name, entity_id = resolve_pronoun(a.speaker.start, candidates)
            else:
                name, entity_id = "", ""
            source_type, role, affiliation = "unknown", "", ""
            if entity_id:
                known = people.get(entity_id) if people is not None else None
                if known is not None:
                    source_type = known.source_type or "unknown"
                    role = known.roles[0] if known.roles else ""
                    affiliation = known.affiliation
                else:
                    entity = registry.entities.get(entity_id)
                    source_type = SUBTYPE_TYPES.get(entity.subtype, "unknown") if entity else \
                        "unknown"
            a.speaker = Speaker(name, source_type, a.speaker.start, a.speaker.end,
                                a.speaker.text, entity_id, "pronoun" if name else "unresolved",
                                role, affiliation)


def _assign_quotes(doc: Document, found: list[Attribution], top: list[Quote]) -> dict:
    """Give each quotation to the attribution whose content holds it, else by split/adjacency."""
    owner: dict[int, Attribution] = {}
    for q in top:
        holders = [a for a in found if a.content_start <= q.start and q.end <= a.content_end + 1]
        if not holders:
            holders = [a for a in found if a.content_start < q.end and q.start < a.content_end]
        speech = [a for a in holders if a.cue is None or a.cue.complement != "stance"]
        holders = speech or holders  # a speech cue claims a quote before a stance cue
        if holders:
            best = min(holders, key=lambda a: a.content_end - a.content_start)
            best.quotes.append(q)
            owner[q.start] = best
    paragraph_of = {p.paragraph_id: p for p in doc.paragraphs}
    for q in top:
        if q.start in owner:
            continue
        paragraph = paragraph_at(doc, q.start)
        target = _split_partner(found, q, paragraph)
        if target is not None:
            target.content_end = max(target.content_end, q.end)
            if target.cue and target.cue.complement in ("clause", "prep"):
                target.reported.append((q.start, q.end))
            target.quotes.append(q)
            owner[q.start] = target
            continue
        if _fills_paragraph(q, paragraph):
            partner = _adjacent_partner(doc, found, paragraph, paragraph_of)
            if partner is not None:
                linked = Attribution(f"tmp{len(found)}", "direct", partner.speaker, None, "",
                                     q.start, q.end, paragraph.paragraph_id, [],
                                     f"adjacent:{partner.attribution_id}")
                linked.quotes.append(q)
                found.append(linked)
                owner[q.start] = linked
    return owner


NEST_LOOKBACK = 8  # earlier attributions tried as the holder of one (bounded: issue 19)


def _nest_in_content(found: list[Attribution], top: list[Quote]) -> None:
    """A quoted attribution whose content lies inside another's content is the second link of a
    citation chain, with that one as its parent: in "According to the agency, the mayor said
    that “...”" the agency reports what the mayor said (depth 2 in ``citation_chains``). The
    smallest holder among the :data:`NEST_LOOKBACK` latest-starting earlier ones is the parent;
    the nested one keeps its quotations, kind and voice. Only quoted ones: an indirect
    attribution inside another's content is mostly a sign that the outer content runs too far
    (docs/attribution.md, third round)."""
    starts = [q.start for q in top]
    order = sorted((a for a in found if not a.parent_id),
                   key=lambda a: (a.content_start, -a.content_end))
    for i, a in enumerate(order):
        if not _holds_quotation(a, top, starts):
            continue
        parts = a.content_parts()
        size = sum(e - s for s, e in parts)
        holders = []
        for b in order[max(0, i - NEST_LOOKBACK):i]:  # a holder starts first (or ends later)
            if b.parent_id or b.content_start > a.content_start or b.content_end < a.content_end:
                continue
            outer = b.content_parts()
            outer_size = sum(e - s for s, e in outer)
            if outer_size > size and all(
                    any(s0 <= s and e <= e0 for s0, e0 in outer) for s, e in parts):
                holders.append((outer_size, b))
        if holders:
            a.parent_id = min(holders, key=lambda h: h[0])[1].attribution_id


def _holds_quotation(a: Attribution, top: list[Quote], starts: list[int]) -> bool:
    """Whether a quotation overlaps ``a``'s content (``top``: disjoint, in text order, so the
    last one starting before the content ends is the only one to check; ``starts`` theirs)."""
    at = bisect_left(starts, a.content_end)
    return at > 0 and top[at - 1].end > a.content_start


def _split_partner(found, q: Quote, paragraph: Paragraph) -> Attribution | None:
    """The latest attribution with a quotation before this one in the same paragraph: the
    quote continues it ("A," he said. "B.")."""
    earlier = [a for a in found if a.paragraph_id == paragraph.paragraph_id and a.quotes
               and a.content_end <= q.start and not a.parent_id]
    return max(earlier, key=lambda a: a.content_end) if earlier else None


def _fills_paragraph(q: Quote, paragraph: Paragraph) -> bool:
    text = paragraph.text  # len(text.strip()) without copying the paragraph once per quotation
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    size = end - start
    return size > 0 and (q.end - q.start) >= QUOTE_PARAGRAPH_SHARE * size


def _adjacent_partner(doc, found, paragraph, paragraph_of) -> Attribution | None:
    index = paragraph.index
    for other_index in (index - 1, index + 1):
        if other_index < 0 or other_index >= len(doc.paragraphs):
            continue
        other = doc.paragraphs[other_index]
        if other.role != paragraph.role:
            continue
        quoted = [a for a in found if a.paragraph_id == other.paragraph_id and a.quotes
                  and a.speaker is not None and a.speaker.name and not a.parent_id
                  and (a.cue is None or a.cue.complement != "stance")]  # speech, not intent
        if quoted:
            return quoted[-1] if other_index < index else quoted[0]
    return None


def _nested_in_quotes(doc, found, top, registry, aliases) -> list[Attribution]:
    """Attributions inside a quotation ("..., according to Putin, ...") with the quote's owner
    as parent: the second link of a citation chain."""
    nested = []
    for a in list(found):
        for q in a.quotes:
            paragraph = paragraph_at(doc, q.start, end_inside=True)
            inner = doc.text[q.inner_start:q.inner_end]
            for cue in find_cues(inner, q.inner_start):
                if cue.complement != "prep":
                    continue
                match = re.match(r"^\s*(?P<np>[^,;:“”\"]+?)(?=\s*(?:[,;:“\"]|\.\s|\.$|$))",
                                 doc.text[cue.end:q.inner_end])
                if not match:
                    continue
                speaker = name_speaker(match.group("np"), cue.end + match.start("np"), registry,
                                       aliases)
                if speaker is None:
                    continue
                start = cue.end + match.end()
                start += len(doc.text[start:q.inner_end]) - len(
                    doc.text[start:q.inner_end].lstrip(" ,"))
                end = _end_without(doc.text, q.inner_end, " ,.;")
                if end <= start:  # "..., according to X." at the end: the words before it
                    start, end = q.inner_start, _end_without(doc.text, cue.start, " ,")
                nested.append(Attribution(f"tmp{len(found) + len(nested)}", "indirect", speaker,
                                          cue, "", start, end, paragraph.paragraph_id, [], "",
                                          a.attribution_id))
    return nested


def paragraph_at(doc: Document, position: int, end_inside: bool = False, default=StopIteration):
    """The first paragraph of ``doc`` that holds ``position`` (``start <= position < end``, an
    empty paragraph holding its start; with ``end_inside``, ``position <= end``), found by
    bisection (issue 19: a scan of every paragraph per quotation was quadratic). Without one,
    ``default``, or StopIteration raised when that is left as it is."""
    paragraphs = doc.paragraphs
    starts = memo(doc, "paragraph_starts", lambda: [p.start for p in paragraphs])
    at = bisect_right(starts, position) - 1  # paragraphs are in text order, never overlapping
    for p in paragraphs[max(at - 1, 0):at + 1]:
        if p.start <= position and (position <= p.end if end_inside
                                    else position < max(p.end, p.start + 1)):
            return p
    if default is StopIteration:
        raise StopIteration
    return default


def _relayed(doc, found, first_number, registry, aliases) -> list[Attribution]:
    """Sources relayed by a source: "According to CNN, who quoted TASS, ..." gives TASS the same
    content, with CNN's attribution as parent."""
    relayed = []
    for a in found:
        if not a.speaker or a.parent_id:
            continue
        after = doc.text[a.speaker.end:a.speaker.end + 200]
        match = CHAIN_AFTER_SPEAKER.match(after)
        if not match:
            continue
        group = "np" if match.group("np") else "np2"
        start = a.speaker.end + match.start(group)
        speaker = name_speaker(match.group(group), start, registry, aliases)
        if speaker is None:
            continue
        word = re.search(r"quot\w+|cit\w+", match.group(0))
        cue = next(iter(find_cues(doc.text[a.speaker.end + word.start():a.speaker.end + word.end()],
                                  a.speaker.end + word.start())), None)
        relayed.append(Attribution(f"tmp{first_number + len(relayed)}", "indirect", speaker, cue,
                                   "", a.content_start, a.content_end, a.paragraph_id, [], "",
                                   a.attribution_id))
    return relayed


def _kind(doc: Document, a: Attribution) -> str:
    """direct: the content is all quotation; mixed: quotation and paraphrase; else indirect
    (an attribution inside a quotation holds no quotation of its own: indirect)."""
    spans = [(max(q.start, a.content_start), min(q.end, a.content_end)) for q in a.quotes]
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return "indirect"
    outside = list(doc.text[a.content_start:a.content_end])
    if a.speaker is not None:
        spans.append((max(a.speaker.start, a.content_start), min(a.speaker.end, a.content_end)))
    if a.cue is not None:
        spans.append((max(a.cue.start, a.content_start), min(a.cue.end, a.content_end)))
        before = [q.end for q in a.quotes if q.end <= a.cue.start]
        after = [q.start for q in a.quotes if q.start >= a.cue.end]
        if before and after:  # the frame of a split quote: "A," said X, a role, "B."
            spans.append((max(before), min(after)))
    for s, e in spans:
        if e <= s:
            continue
        outside[s - a.content_start:e - a.content_start] = " " * (e - s)  # one slice, not a loop
    # what ``re.sub(r"[\W_]+", "", ...)`` would leave: a letter or digit outside the spans
    return "direct" if LETTER_OR_DIGIT.search("".join(outside)) is None else "mixed"


LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _quote_kind(doc: Document, q: Quote, attributed: bool) -> str:
    """``title`` after titled/called/book... with a capitalised first word; else ``quotation``
    when attributed or longer than :data:`SCARE_MAX_WORDS`; else ``scare``."""
    words = q.inner(doc.text).split(None, SCARE_MAX_WORDS)  # enough words to decide
    before = doc.text[max(0, q.start - 30):q.start]
    if words and words[0][:1].isupper() and TITLE_CUES.search(before):  # the regex last
        return "title"
    if attributed:
        return "quotation"
    return "scare" if len(words) <= SCARE_MAX_WORDS else "quotation"


def _chains(doc: Document, found: list[Attribution], registry) -> list[tuple[str, str, str, int]]:
    """Citation edges: (citing, cited, cue, depth); depth 1 = the article cites the source."""
    outlet = doc.metadata.get("outlet", "") or doc.article_id
    edges: list[tuple[str, str, str, int]] = []
    by_id = {a.attribution_id: a for a in found}
    for a in found:
        if not a.speaker or not a.speaker.name:
            continue
        if a.parent_id:
            parent = by_id.get(a.parent_id)
            if parent is not None and parent.speaker and parent.speaker.name:
                edges.append((parent.speaker.name, a.speaker.name,
                              a.cue.form.lower() if a.cue else "", 2))
            continue
        edges.append((outlet, a.speaker.name, a.cue.form.lower() if a.cue else "", 1))
    unique = []
    for edge in edges:
        if edge not in unique:
            unique.append(edge)
    return unique


def is_resolved(a: Attribution) -> bool:
    return bool(a.speaker and a.speaker.name) and not is_pronoun(a.speaker.name)
