"""Source attribution: who is quoted and cited, with which cue, saying what, and through whom.

An attribution is source + cue + content (as in PARC and PolNeAR). Rule-based and offline:

1. quotation spans come from :mod:`analysis.quotes`;
2. cue words and phrases outside quotation marks come from :mod:`analysis.cues` (a data file);
3. for each cue the speaker phrase is found before the cue ("Kim said"), after it ("said Kim",
   "according to CNN") or after "In remarks,"; the content is the clause after the cue, or the
   clause before a postposed cue ("..., Reuters reported"; "“...,” Kim reportedly said");
4. speakers are named and typed by :mod:`analysis.speakers` (registry aliases merged, pronouns
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
from dataclasses import dataclass, field

from analysis.cues import Cue, find_cues, hedge_before, hedge_in
from analysis.document import Document, Paragraph
from analysis.quotes import Quote, quotes_in_paragraphs, top_level
from analysis.speakers import (
    Speaker,
    generic_speaker,
    is_pronoun,
    name_speaker,
    resolve_pronoun,
)

KINDS = ("direct", "mixed", "indirect")
QUOTE_KINDS = ("quotation", "scare", "title")
SCARE_MAX_WORDS = 3  # unattributed quotes this short read as scare quotes (our choice; PARC 3.0
# treats 1-3 word unattributed quotes the same way in its guidelines)
QUOTE_PARAGRAPH_SHARE = 0.8  # a quote filling this share of its paragraph is a "quote paragraph"
TITLE_CUES = re.compile(r"(?:titled|entitled|called|dubbed|named|headlined|book|film|song|"
                        r"documentary|programme|program|show|slogan)\s*$", re.IGNORECASE)
TRAILING_ADVERBS = re.compile(
    r"(?:^|\s)(?:also|reportedly|allegedly|purportedly|apparently|has|have|had|previously|later|"
    r"then|again|once|further|publicly|repeatedly|recently|earlier|separately|would|will|could|"
    r"may|might|did|does|do|not|never|always|often|simply|just|first|only|quickly|flatly|"
    r"openly|privately|bluntly|angrily|proudly|had\s+\w+ly)\s*$")
PASSIVE = re.compile(r"(?:^|\s)(?:was|were|been|being|be|is|are|to|it\s+is|widely)\s*$")
BOUNDARY = re.compile(
    r"''|[,;:(“”\"\[]|\s[-–—]\s|—|(?<![\w’'-])(?:that|and|but|while|as|when|after|because|which|"
    r"who|where|if|since|though|although|so|whom|before|until|whether|than|what|how)(?![\w’'-])")
GENERIC_SUBJECT_CUES = {"say", "tell", "add", "argue", "warn", "note", "explain", "believe",
                        "think", "claim", "insist", "predict", "estimate", "agree"}
TELL_LIKE = {"tell", "ask", "urge", "warn", "promise", "assure", "inform", "remind"}
OBJECT = re.compile(r"^\s*(?:(?:the|a|an|his|her|their|its)\s+)?(?:[A-Z][\w.’'-]*|him|her|them|"
                    r"us|me|you|reporters|journalists|lawmakers|supporters|members|"
                    r"[a-z]+s)(?:\s+[A-Z][\w.’'-]*)*")
ADJUNCT = re.compile(r"^\s*,?\s*(?:on|in|at|during|last|this|earlier|late|early|later|"
                     r"recently|yesterday|today|previously|publicly|repeatedly|again|also)\b"
                     r"[^,“\".;]{0,40}?(?=\s+that\b)")
LEAD_CONJUNCTION = re.compile(r"^\s*(?:(?:But|And|Also|However|Yet|So|Still|Meanwhile|Now|"
                              r"Moreover|Furthermore)\b,?\s*)?$")
CHAIN_AFTER_SPEAKER = re.compile(
    r"^\s*,\s*(?:who|which)\s+(?:had\s+)?(?:quoted|cited|was\s+quoting|was\s+citing)\s+"
    r"(?P<np>[^,;.“”\"]+)|^\s*,?\s*(?:citing|quoting)\s+(?P<np2>[^,;.“”\"]+)")


@dataclass
class Attribution:
    """One attribution; offsets into the article's cleaned text."""

    attribution_id: str
    kind: str
    speaker: Speaker | None
    cue: Cue | None
    hedge: str
    content_start: int
    content_end: int
    paragraph_id: str
    reported: list[tuple[int, int]] = field(default_factory=list)  # spans in reported voice
    linked_by: str = ""  # "" (own cue) | "split:<id>" | "adjacent:<id>"
    parent_id: str = ""  # an attribution inside another's quotation
    quotes: list[Quote] = field(default_factory=list)

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else ""


@dataclass
class Extraction:
    """Everything found in one document."""

    attributions: list[Attribution]
    quotes: list[Quote]
    quote_owner: dict[int, str]  # quote start -> attribution_id
    quote_kind: dict[int, str]
    chains: list[tuple[str, str, str, int]]  # (citing, cited, cue, depth)


def extract(doc: Document, registry) -> Extraction:
    """Attributions, quotations and citation chains of one document (all paragraphs)."""
    paragraphs = [p for p in doc.paragraphs]
    quotes = quotes_in_paragraphs([(p.start, p.text) for p in paragraphs])
    top = top_level(quotes)
    aliases: dict[str, str] = {}
    found: list[Attribution] = []
    for paragraph in paragraphs:
        in_par = [q for q in top if paragraph.start <= q.start < paragraph.end]
        masks = [(q.start, q.end) for q in in_par]
        for cue in find_cues(paragraph.text, paragraph.start, masks):
            attribution = _from_cue(doc, paragraph, cue, in_par, registry, aliases, found)
            if attribution is not None:
                found.append(attribution)
        dash = _dash_quote(doc, paragraph, registry, aliases)
        if dash is not None:
            found.append(dash)
    found = _dedupe(found)
    _stop_at_next_speaker(found)
    for n, a in enumerate(found):
        a.attribution_id = f"tmp{n}"
    _resolve_pronouns(doc, found, registry)
    _assign_quotes(doc, found, top)
    nested = _nested_in_quotes(doc, found, top, registry, aliases)
    nested += _relayed(doc, found, len(found) + len(nested), registry, aliases)
    found.extend(nested)
    found.sort(key=lambda a: (a.content_start, a.cue.start if a.cue else 0))
    chains = _chains(doc, found, registry)
    _number(doc, found)
    owner = {q.start: a.attribution_id for a in found for q in a.quotes if not a.parent_id}
    kinds = {q.start: _quote_kind(doc, q, q.start in owner) for q in top}
    for a in found:
        a.kind = _kind(doc, a)
    return Extraction(found, top, owner, kinds, chains)


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


def _clause(doc: Document, paragraph: Paragraph, position: int, quotes: list[Quote]
            ) -> tuple[int, int]:
    """The sentence holding ``position``, widened over quotations that cross its ends."""
    start, end = paragraph.start, paragraph.end
    for sentence in doc.sentences:
        if sentence.paragraph_id == paragraph.paragraph_id and \
                sentence.start <= position < sentence.end:
            start, end = sentence.start, sentence.end
            break
    for q in quotes:
        if q.start < start < q.end:
            start = q.start
        if q.start < end < q.end:
            end = q.end
    return start, end


def _from_cue(doc, paragraph, cue: Cue, quotes, registry, aliases, found) -> Attribution | None:
    cs, ce = _clause(doc, paragraph, cue.start, quotes)
    text = doc.text
    left, right = text[cs:cue.start], text[cue.end:ce]
    hedge = hedge_before(left)
    if cue.complement == "prep":
        return _prep(doc, paragraph, cue, cs, ce, registry, aliases, hedge)
    if cue.complement == "remarks":
        return _remarks(doc, paragraph, cue, cs, ce, registry, aliases)
    if PASSIVE.search(left) or re.match(r"^\s+by\b", right):
        return None
    inverted = _inverted(text, cue, cs, ce, left, right, registry, aliases)
    if inverted is not None:
        speaker, content = inverted
        return _make(doc, paragraph, cue, speaker, hedge, content, [content])
    subject = _subject(left, cs)
    speaker = name_speaker(subject[0], subject[1], registry, aliases) if subject else None
    if speaker is not None and speaker.text in ("who", "whom") and cue.lemma in ("quote", "cite"):
        return None  # "CNN, who quoted TASS": a relayed source, see _relayed
    participle = False
    if speaker is None and cue.form.lower().endswith("ing") and re.search(r",\s*$", left):
        speaker = _clause_subject(text, cs, cue.start, registry, aliases)
        participle = speaker is not None
    if speaker is None and subject and cue.lemma in GENERIC_SUBJECT_CUES:
        speaker = generic_speaker(subject[0], subject[1])
        wider = _subject(left, cs, keep_and=True)
        if speaker is None and wider and wider != subject:
            speaker = name_speaker(wider[0], wider[1], registry, aliases) or \
                generic_speaker(wider[0], wider[1])
    if speaker is None:
        speaker = _coordinated(found, left, cs, paragraph)
        if speaker is None:
            return None
    content_start = _content_start(text, cue, ce, right)
    after = text[content_start:ce].strip(" .,;:\u00a0")
    quote_before = speaker.start > cs and re.search(r"(?:[”\"]|'')[\s\u00a0]*$",
                                                    text[cs:speaker.start])
    if not after and re.match(r"\s*:\s*$", text[cue.end:paragraph.end]):
        following = _next_paragraph(doc, paragraph)
        if following is not None:  # "X made the following comment:" + a quoted paragraph
            content = _trim(text, following.start, following.end)
            return _make(doc, paragraph, cue, speaker, hedge, content, [content])
    if (not after or quote_before) and not participle:
        # postposed: "..., Reuters reported." / "A - Kim tells Putin"
        content = _trim(text, cs, speaker.start)
        if content[1] <= content[0]:
            return None
        return _make(doc, paragraph, cue, speaker, hedge, content, [content])
    content = _trim(text, content_start, _coordination_end(text, content_start, ce))
    reported = _reported(text, cue, content)
    return _make(doc, paragraph, cue, speaker, hedge, content, reported)


DASH_QUOTE = re.compile(r"^(?P<np>(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w.’'-]*)\s*(?P<cue>[―—–])\s*"
                        r"(?=[“”\"])")


DASH_AFTER = re.compile(r"[”\"]\s*(?P<cue>[―—–])\s*(?P<np>(?:[A-Z][\w.’'-]*\s+){0,4}"
                        r"[A-Z][\w.’'-]*)\s*$")


def _dash_quote(doc, paragraph, registry, aliases) -> Attribution | None:
    """A vox-pop paragraph "Jane Doe ― “...”": the name before a dash speaks the quote."""
    match = DASH_QUOTE.match(paragraph.text)
    after = DASH_AFTER.search(paragraph.text)
    if match and not match.group("np").isupper():  # an all-capitals dateline is no speaker
        content = _trim(doc.text, paragraph.start + match.end(), paragraph.end)
    elif after:
        match = after
        content = _trim(doc.text, paragraph.start, paragraph.start + match.start("cue"))
    else:
        return None
    speaker = name_speaker(match.group("np"), paragraph.start + match.start("np"), registry,
                           aliases)
    if speaker is None:
        return None
    cue = Cue(match.group("cue"), match.group("cue"), "neutral", "clause",
              paragraph.start + match.start("cue"),
              paragraph.start + match.end("cue"))
    return _make(doc, paragraph, cue, speaker, "", content, [content])


def _next_paragraph(doc: Document, paragraph: Paragraph) -> Paragraph | None:
    following = [p for p in doc.paragraphs if p.index == paragraph.index + 1]
    return following[0] if following and following[0].role == paragraph.role else None


def _clause_subject(text, cs, stop, registry, aliases) -> Speaker | None:
    """The first named speaker in the clause before ``stop`` ("Clinton chimed in, saying ...")."""
    for match in re.finditer(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*", text[cs:stop]):
        speaker = name_speaker(match.group(0), cs + match.start(), registry, aliases)
        if speaker is not None and speaker.how in ("registry", "name"):
            return speaker
    return None


def _make(doc, paragraph, cue, speaker, hedge, content, reported) -> Attribution:
    return Attribution("", "indirect", speaker, cue, hedge, content[0], content[1],
                       paragraph.paragraph_id, [r for r in reported if r[1] > r[0]])


def _reported(text: str, cue: Cue, content: tuple[int, int]) -> list[tuple[int, int]]:
    """The part of the content that is reported speech (the rest stays own voice)."""
    start, end = content
    chunk = text[start:end]
    if cue.complement in ("clause", "prep", "remarks") or re.match(r"that\b", chunk):
        return [content] if cue.complement != "remarks" else []
    if cue.complement == "as":
        match = re.search(r"(?<![\w’'-])as\s+", chunk)
        return [(start + match.end(), end)] if match else []
    return []  # np: the noun phrase stays in the outlet's own voice


def _content_start(text: str, cue: Cue, ce: int, right: str) -> int:
    position = cue.end
    rest = right
    adjunct = ADJUNCT.match(rest)
    if adjunct:
        position += adjunct.end()
        rest = text[position:ce]
    elif cue.lemma in TELL_LIKE:
        obj = OBJECT.match(rest)
        if obj and not re.match(r"\s*that\b", rest):
            position += obj.end()
            rest = text[position:ce]
    that = re.match(r"^\s*,?\s*(?=that\b)", rest)
    if that:
        return position + that.end()
    lead = re.match(r"^[\s,:\u00a0]*", rest)
    return position + (lead.end() if lead else 0)


def _coordination_end(text: str, start: int, end: int) -> int:
    """Content stops before a coordinated second cue ("stated that A and expressed B")."""
    from analysis.cues import _cue_regex

    chunk = text[start:end]
    for match in re.finditer(r"\s+(?:and|but)\s+(?:also\s+)?", chunk):
        following = chunk[match.end():]
        cue = _cue_regex().match(following)
        if cue and not _inside_quote(chunk, match.start()):
            return start + match.start()
    return end


def _inside_quote(chunk: str, position: int) -> bool:
    before = chunk[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, a dash and a comma at the edges of a content span."""
    while start < end and text[start] in " \u00a0\t\n":
        start += 1
    while end > start and text[end - 1] in " \u00a0\t\n,;:-–—":
        end -= 1
    return start, end


def _subject(left: str, offset: int, keep_and: bool = False) -> tuple[str, int] | None:
    """The speaker phrase that ends ``left`` (text before a cue) and its offset, if any."""
    s = left
    while True:
        stripped = TRAILING_ADVERBS.sub("", s)
        if stripped == s:
            break
        s = stripped
    s = s.rstrip(" \u00a0")
    if s.endswith(","):  # "Kim, on the other hand, stated": drop a parenthetical
        previous = s[:-1].rfind(",")
        segment = s[previous + 1:-1].strip()
        if previous < 0 or not segment:
            return None
        if segment[0].islower() or segment.split()[0] in ("In", "On", "At", "For"):
            s = s[:previous]
        else:
            return segment, offset + previous + 1 + (len(s[previous + 1:-1]) -
                                                     len(s[previous + 1:-1].lstrip()))
    paren = re.search(r"\s*\([^()]{1,30}\)$", s)
    core = s[: paren.start()] if paren else s
    last = None
    for match in BOUNDARY.finditer(core):
        if keep_and and match.group(0) == "and":
            continue
        last = match
    begin = last.end() if last else 0
    phrase = s[begin:]
    if not phrase.strip() and last is not None and last.group(0) in ("who", "whom"):
        return last.group(0), offset + last.start()
    if not phrase.strip() or (last and last.group(0) in "”\"" and not phrase.strip()):
        return None
    return phrase, offset + begin


def _inverted(text, cue, cs, ce, left, right, registry, aliases):
    """'“...,” said Kim.' : the speaker follows the cue; the content is the clause before."""
    if cue.complement not in ("clause",) or not re.search(r"(?:[,”\"’]|'')\s*$", left):
        return None
    match = re.match(r"^\s+(?P<np>(?:[A-Z][a-z]{0,3}\.\s+|[^,.;“”\"]){1,80}?)\s*(?:[,.;]|$)",
                     right)
    if not match:
        return None
    speaker = name_speaker(match.group("np"), cue.end + match.start("np"), registry, aliases)
    if speaker is None or speaker.how == "role" and speaker.source_type == "unknown":
        return None
    content = _trim(text, cs, cs + len(left.rstrip()))
    return (speaker, content) if content[1] > content[0] else None


def _prep(doc, paragraph, cue, cs, ce, registry, aliases, hedge) -> Attribution | None:
    text = doc.text
    match = re.match(r"^\s*(?P<np>[^,;:“”\"]+?)(?=\s*(?:[,;:“\"]|\.\s|\.$|$))", text[cue.end:ce])
    if not match:
        return None
    np_start = cue.end + match.start("np")
    speaker = name_speaker(match.group("np"), np_start, registry, aliases)
    if speaker is None:
        return None
    left = text[cs:cue.start]
    if LEAD_CONJUNCTION.match(left):
        position = cue.end + match.end()
        chain = CHAIN_AFTER_SPEAKER.match(text[position:ce])
        if chain:
            position += chain.end()
        content = _trim(text, position, ce)
        content = (content[0] + 1 if text[content[0]:content[0] + 1] == "," else content[0],
                   content[1])
        content = _trim(text, *content)
    else:
        content = _trim(text, cs, cue.start)
    if content[1] <= content[0]:
        return None
    return _make(doc, paragraph, cue, speaker, hedge or hedge_in(left), content, [content])


def _remarks(doc, paragraph, cue, cs, ce, registry, aliases) -> Attribution | None:
    text = doc.text
    match = re.match(r"^\s*,?\s*(?P<np>(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*|he|she|they)\s+",
                     text[cue.end:ce])
    if not match:
        return None
    speaker = name_speaker(match.group("np"), cue.end + match.start("np"), registry, aliases)
    if speaker is None:
        return None
    content = _trim(text, cue.end + match.end(), ce)
    return _make(doc, paragraph, cue, speaker, "", content, [])


def _coordinated(found, left, cs, paragraph) -> Speaker | None:
    """The speaker of a cue coordinated with an earlier one: "Kim stated A and expressed B"."""
    if not re.search(r"(?:^|\s)(?:and|but)\s*$", left) or not found:
        return None
    previous = found[-1]
    if previous.paragraph_id == paragraph.paragraph_id and previous.cue and \
            previous.cue.start >= cs:
        return previous.speaker
    return None


def _stop_at_next_speaker(found: list[Attribution]) -> None:
    """A content that runs into a later attribution's speaker ends before it ("... A, Kim said
    that B, “C,” Putin said.": Kim's content stops before Putin)."""
    for a in found:
        if a.cue is None:
            continue
        later = [b.speaker.start for b in found if b is not a and b.speaker is not None
                 and b.cue is not None and a.cue.end < b.speaker.start < a.content_end
                 and b.content_end <= b.speaker.start]
        if later:
            a.content_end = _trim_end(a, min(later))


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


def _person_candidates(doc: Document, found: list[Attribution], registry
                       ) -> list[tuple[int, str, str]]:
    candidates = [(m.start, m.name, m.entity_id) for m in registry.find_mentions(doc.text)
                  if m.type == "person"]
    candidates += [(a.speaker.start, a.speaker.name, a.speaker.entity_id) for a in found
                   if a.speaker and a.speaker.how == "name" and " " in a.speaker.name]
    candidates += [(m.start(), m.group(0), "") for m in HONORIFIC_NAME.finditer(doc.text)]
    return candidates


HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.\s+(?:[A-Z][\w’'-]+\s+)*"
                            r"[A-Z][\w’'-]+")


def _resolve_pronouns(doc: Document, found: list[Attribution], registry) -> None:
    candidates = _person_candidates(doc, found, registry)
    for a in found:
        if a.speaker and a.speaker.how == "pronoun":
            if a.speaker.text.lower() in ("he", "she"):
                name, entity_id = resolve_pronoun(a.speaker.start, candidates)
            else:
                name, entity_id = "", ""
            source_type = "unknown"
            if entity_id:
                entity = registry.get(entity_id)
                from analysis.speakers import SUBTYPE_TYPES
                source_type = SUBTYPE_TYPES.get(entity.subtype, "unknown")
            a.speaker = Speaker(name, source_type, a.speaker.start, a.speaker.end,
                                a.speaker.text, entity_id, "pronoun" if name else "unresolved")


def _assign_quotes(doc: Document, found: list[Attribution], top: list[Quote]) -> dict:
    """Give each quotation to the attribution whose content holds it, else by split/adjacency."""
    owner: dict[int, Attribution] = {}
    for q in top:
        holders = [a for a in found if a.content_start <= q.start and q.end <= a.content_end + 1]
        if not holders:
            holders = [a for a in found if a.content_start < q.end and q.start < a.content_end]
        if holders:
            best = min(holders, key=lambda a: a.content_end - a.content_start)
            best.quotes.append(q)
            owner[q.start] = best
    paragraph_of = {p.paragraph_id: p for p in doc.paragraphs}
    for q in top:
        if q.start in owner:
            continue
        paragraph = next(p for p in doc.paragraphs if p.start <= q.start < max(p.end, p.start + 1))
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


def _split_partner(found, q: Quote, paragraph: Paragraph) -> Attribution | None:
    """An earlier direct attribution in the same paragraph this quote continues."""
    earlier = [a for a in found if a.paragraph_id == paragraph.paragraph_id and a.quotes
               and a.content_end <= q.start and not a.parent_id]
    if not earlier:
        return None
    return max(earlier, key=lambda a: a.content_end)


def _fills_paragraph(q: Quote, paragraph: Paragraph) -> bool:
    size = len(paragraph.text.strip())
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
                  and a.speaker is not None and a.speaker.name and not a.parent_id]
        if quoted:
            return quoted[-1] if other_index < index else quoted[0]
    return None


def _nested_in_quotes(doc, found, top, registry, aliases) -> list[Attribution]:
    """Attributions inside a quotation ("..., according to Putin, ...") with the quote's owner
    as parent: the second link of a citation chain."""
    nested = []
    for a in list(found):
        for q in a.quotes:
            paragraph = next(p for p in doc.paragraphs if p.start <= q.start <= p.end)
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
                nested.append(Attribution(f"tmp{len(found) + len(nested)}", "indirect", speaker,
                                          cue, "", q.inner_start, q.inner_end,
                                          paragraph.paragraph_id, [], "", a.attribution_id))
    return nested


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
        from analysis.cues import find_cues as _find

        cue = next(iter(_find(doc.text[a.speaker.end + word.start():a.speaker.end + word.end()],
                              a.speaker.end + word.start())), None)
        relayed.append(Attribution(f"tmp{first_number + len(relayed)}", "indirect", speaker, cue,
                                   "", a.content_start, a.content_end, a.paragraph_id, [], "",
                                   a.attribution_id))
    return relayed


def _kind(doc: Document, a: Attribution) -> str:
    """direct: the content is all quotation; mixed: quotation and paraphrase; else indirect."""
    if a.parent_id:
        return "indirect"
    spans = [(max(q.start, a.content_start), min(q.end, a.content_end)) for q in a.quotes]
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return "indirect"
    outside = list(doc.text[a.content_start:a.content_end])
    if a.speaker is not None:
        spans.append((max(a.speaker.start, a.content_start), min(a.speaker.end, a.content_end)))
    if a.cue is not None:
        spans.append((max(a.cue.start, a.content_start), min(a.cue.end, a.content_end)))
    for s, e in spans:
        if e <= s:
            continue
        for i in range(s - a.content_start, e - a.content_start):
            outside[i] = " "
    rest = re.sub(r"[\W_]+", "", "".join(outside))
    return "direct" if not rest else "mixed"


def _quote_kind(doc: Document, q: Quote, attributed: bool) -> str:
    """``title`` after titled/called/book... with a capitalised first word; else ``quotation``
    when attributed or longer than :data:`SCARE_MAX_WORDS`; else ``scare``."""
    words = q.inner(doc.text).split()
    before = doc.text[max(0, q.start - 30):q.start]
    if TITLE_CUES.search(before) and words and words[0][:1].isupper():
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
