"""Attribution constructions: from one cue to source + content, sentence by sentence.

The patterns behind :func:`analysis.attribution.extract.extract`: a speaker before the cue ("Kim said
that ..."), after it ("“...,” said Kim"; "according to CNN, ..."), after "In remarks,"; a
postposed cue ("..., Reuters reported") whose content is the clause before it; a vox-pop dash
("“...” ― Jane Doe"); a transcript line ("MODERATOR: ..."); and which part of the content is
reported speech. Offsets are into the article's cleaned text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from analysis.attribution.cues import (
    NOUN_LIKE_FORMS,
    Cue,
    _cue_regex_at,
    _first_words,
    find_cues,
    hedge_before,
    hedge_in,
    read_cue_lexicon,
)
from analysis.attribution.quotes import Quote
from analysis.attribution.speakers import (
    FUNCTION_WORDS,
    PERSON_PRONOUNS,
    Speaker,
    generic_speaker,
    headline_subject,
    inner_auxiliary,
    modal_subject,
    name_speaker,
)
from analysis.corpus.document import Document, Paragraph, memo
from analysis.entities.source_types import roles

TRAILING_ADVERBS = re.compile(
    r"(?:^|\s)(?:also|reportedly|allegedly|purportedly|apparently|has|have|had|previously|later|"
    r"then|again|once|further|publicly|repeatedly|recently|earlier|separately|would|will|could|"
    r"may|might|did|does|do|not|never|always|often|simply|just|first|only|quickly|flatly|"
    r"now|still|too|even|ever|already|soon|meanwhile|long|is|are|was|were|am|been|being|"
    r"yet|quite|nevertheless|nonetheless|cannot|instead|(?<=ha[sd]\s)since|(?<=have\s)since|"
    r"isn[’']t|aren[’']t|wasn[’']t|weren[’']t|doesn[’']t|didn[’']t|hasn[’']t|haven[’']t|won[’']t|"
    r"don[’']t|can[’']t|couldn[’']t|wouldn[’']t|shouldn[’']t|"
    r"(?!(?:family|ally|assembly|rally|supply|daily|weekly|monthly|quarterly|panel)\b)[a-z]+ly)\s*$")
# a time adjunct between a subject and its cue, with the auxiliaries and adverbs before it
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
TIME_TAIL = re.compile(
    r"(?:\s+(?:had|has|have|also|then|again|previously|recently|once))*\s+(?:(?:on\s+)?" + _DAY +
    r"(?:\s+(?:night|morning|afternoon|evening))?|at\s+the\s+time|in\s+the\s+past|in\s+general|"
    r"(?:last|this|next|earlier\s+this|late\s+last|later\s+this)\s+(?:week|month|year|weekend|"
    r"morning|afternoon|evening|night|fall|spring|summer|winter)|(?:last|on)\s+" + _DAY +
    r"|earlier\s+today|today|yesterday|tonight)\s*$")
LONG_TAIL = re.compile(r"(?<=\s(?:has|had))\s+long\s*$|(?<=\shave)\s+long\s*$")  # "have long argued"
PARTICIPLE_END = re.compile(r"(?:ed|en|un)\s*$")  # "a poll released", "a survey taken"
PASSIVE = re.compile(r"(?:^|\s)(?:was|were|been|being|be|is|are|to|it\s+is|widely)\s*$")
# the same with a negation or an adverb between ("was not disclosed", "were also asked")
PASSIVE_ADVERB = re.compile(r"(?:^|\s)(?:was|were|been|being|be|is|are)\s+(?:not|never|also|"
                            r"widely|previously|publicly|first)\s*$")
BOUNDARY = re.compile(
    r"''|[,;:(“”\"\[]|\s[-–—―]\s|[—―]|(?<![\w’'-])(?:that|and|but|while|as|when|after|because|which|"
    r"who|where|if|since|though|although|so|whom|before|until|whether|than|what|how)(?![\w’'-])")
GENERIC_SUBJECT_CUES = {"say", "tell", "add", "argue", "warn", "note", "explain", "believe",
                        "think", "claim", "insist", "predict", "estimate", "agree", "suggest",
                        "show", "find", "report", "write", "indicate", "feel", "conclude",
                        "worry", "fear", "hope", "know", "expect", "understand"}
# "the agency cited Halvorsen in 2021 for leaking drums": cited = penalised (a regulator's
# citation), not a source quoted; the object is a name followed by "for" within a few words
CITED_FOR = re.compile(r"^\s+(?:[A-Z][\w.’'&-]*\s+){1,4}(?:(?:in|on|last)\s+[\w]+\s+){0,2}for\b")
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

    def content_parts(self) -> list[tuple[int, int]]:
        """The content as one or more spans: the quotations of a direct attribution ("A," he
        said, "B." -> A and B); else the content range without the speaker and cue inside it."""
        start, end = self.content_start, self.content_end
        if self.kind == "direct" and self.quotes:
            parts = [(max(q.start, start), min(q.end, end)) for q in self.quotes]
            return sorted(p for p in parts if p[1] > p[0])
        holes = [(x.start, x.end) for x in (self.speaker, self.cue) if x is not None
                 and start < x.start and x.end < end]
        parts, position = [], start
        for hole_start, hole_end in sorted(holes):
            parts.append((position, hole_start))
            position = hole_end
        parts.append((position, end))
        return [p for p in parts if p[1] > p[0]]


# How far a clause reaches before and after its cue, in characters (issue 19): every construction
# reads the clause, so on one sentence of a megabyte ("said said said ...") the work per cue grew
# with the sentence and the whole with its square. A clause cut there reads as one that starts or
# ends there. The bundled, synthetic and PolNeAR train and dev corpora reach at most 648 before a
# cue and 1,304 after it (measured with no limit), so none of their results change.
CLAUSE_REACH_BEFORE = 1000
CLAUSE_REACH_AFTER = 2000

# The left context of a cue is read at its end (issue 19): a pattern anchored at the end of a
# clause ("...\s*$") is tried by ``re`` from every position of the clause, so on a clause of
# 1,000 characters every cue cost about a millisecond. Each such pattern spans at most a few
# words (runs of non-space characters) with white space between them, so it is searched from
# the white space before the last few words only (:func:`_tail_pos`): every match of the whole
# clause starts there, and ``pattern.search(text, pos)`` still sees the characters before
# ``pos`` in a look-behind and matches ``^`` only at the real start.
TO_END = re.compile(r"\sto\s*$")  # 1 word
COMMA_END = re.compile(r",\s*$")  # 1 word
CLOSE_END = re.compile(r"(?:[,”\"’]|'')\s*$")  # 1 word
QUOTE_COMMA_END = re.compile(r"(?:[”\"’]|'')\s*,?\s*$")  # 2 words
QUOTE_END = re.compile(r"(?:[”\"]|'')[\s\u00a0]*$")  # 1 word
AND_BUT_END = re.compile(r"(?:^|\s)(?:and|but)\s*$")  # 1 word
LAST_WORD_END = re.compile(r"([\w’'-]+)\s*$")  # 1 word
WORD_CHAR_END = re.compile(r"[\w,’')]\s*$")  # 1 word
PAREN_END = re.compile(r"\s*\([^()]{1,30}\)$")  # at most 32 characters after its white space
COLON_ONLY = re.compile(r"\s*:\s*$")
ALPHA_RUN = re.compile(r"[A-Za-z]+")
WORD_RUN = re.compile(r"[\w’'-]+")


def _tail_pos(s: str, words: int) -> int:
    """Where the white space before the last ``words`` words of ``s`` starts (0 when ``s`` has
    no more words): a pattern anchored at the end of ``s`` that spans at most ``words`` words
    matches nowhere before it. Words are runs of non-space characters (``str.split``, whose
    white space is the ``\\s`` of ``re``)."""
    parts = s.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


def _search_end(pattern: re.Pattern, s: str, words: int) -> re.Match | None:
    """``pattern.search(s)`` for a pattern anchored at the end of ``s`` whose matches span at most
    ``words`` words, read from :func:`_tail_pos` on."""
    return pattern.search(s, _tail_pos(s, words))


def _runs_tail(s: str, pattern: re.Pattern, n: int) -> int:
    """Where a tail of ``s`` starts that holds the last ``n`` matches of ``pattern`` (a pattern
    whose matches hold no white space and look neither behind nor ahead): the last words of
    ``s``, more of them while they hold too few; 0 when ``s`` has fewer."""
    words = n
    while True:
        at = _tail_pos(s, words)
        if at == 0 or len(pattern.findall(s, at)) >= n:
            return at
        words *= 4


def _last_runs(s: str, pattern: re.Pattern, n: int) -> list[str]:
    """``pattern.findall(s)[-n:]``, read from :func:`_runs_tail` on."""
    return pattern.findall(s, _runs_tail(s, pattern, n))[-n:]


def _paren_start(s: str) -> int | None:
    """Where :data:`PAREN_END` matches in ``s`` (its leftmost start), read near the end: the
    bracket group is at most 32 characters, and the match starts at the white space before it."""
    match = PAREN_END.search(s, max(0, len(s) - 34))
    if match is None:
        return None
    bracket = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    return len(s[:bracket].rstrip()) if bracket else 0


def _clause(doc: Document, paragraph: Paragraph, position: int, quotes: list[Quote]
            ) -> tuple[int, int]:
    """The sentence holding ``position``, widened over quotations that cross its ends, at most
    :data:`CLAUSE_REACH_BEFORE` characters before ``position`` and :data:`CLAUSE_REACH_AFTER`
    after it."""
    start, end = paragraph.start, paragraph.end
    starts = memo(doc, "sentence_starts", lambda: [s.start for s in doc.sentences])
    at = bisect_right(starts, position) - 1  # sentences are in text order, never overlapping
    if at >= 0:
        sentence = doc.sentences[at]
        if sentence.paragraph_id == paragraph.paragraph_id and position < sentence.end:
            start, end = sentence.start, sentence.end
    starts_of_quotes = _disjoint_starts(quotes)
    if starts_of_quotes is None:
        for q in quotes:
            if q.start < start < q.end:
                start = q.start
            if q.start < end < q.end:
                end = q.end
    else:  # at most one quotation holds each end: the last one starting before it
        for at in (bisect_left(starts_of_quotes, start) - 1, bisect_left(starts_of_quotes, end) - 1):
            if at < 0:
                continue
            holder = quotes[at]
            if holder.start < start < holder.end:
                start = holder.start
            if holder.start < end < holder.end:
                end = holder.end
    return max(start, position - CLAUSE_REACH_BEFORE), min(end, position + CLAUSE_REACH_AFTER)


_QUOTE_STARTS: list = []  # (quotes, their starts or None), for the last list of quotations seen


def _disjoint_starts(quotes: list[Quote]) -> list[int] | None:
    """The starts of ``quotes`` when they are in text order and none overlaps the next (then the
    loop of :func:`_clause` over them is a bisection), else None; worked out once per list (the
    paragraph's quotations, passed for each of its cues; issue 19: a pass over them per cue)."""
    cached = _QUOTE_STARTS[0] if _QUOTE_STARTS else None  # read once: threads may replace it
    if cached is not None and cached[0] is quotes and cached[2] == len(quotes):
        return cached[1]
    disjoint = all(a.start < a.end <= b.start for a, b in zip(quotes, quotes[1:])) and \
        all(q.start < q.end for q in quotes)
    starts = [q.start for q in quotes] if disjoint else None
    _QUOTE_STARTS[:] = [(quotes, starts, len(quotes))]
    return starts


def from_cue(doc, paragraph, cue: Cue, quotes, registry, aliases, found) -> Attribution | None:
    cs, ce = _clause(doc, paragraph, cue.start, quotes)
    text = doc.text
    left, right = text[cs:cue.start], text[cue.end:ce]
    hedge = hedge_before(left[_runs_tail(left, ALPHA_RUN, 3):])  # its last three words decide
    if cue.complement == "prep":
        return _prep(doc, paragraph, cue, cs, ce, registry, aliases, hedge)
    if cue.complement == "remarks":
        return _remarks(doc, paragraph, cue, cs, ce, registry, aliases)
    if _search_end(TO_END, left, 1) and \
            not _search_end(PASSIVE, left[:left.rstrip().rfind(" to")], 2):
        return _infinitive(doc, paragraph, cue, cs, ce, registry, aliases, hedge)
    if ((_search_end(PASSIVE, left, 2) or _search_end(PASSIVE_ADVERB, left, 3))
            and not _ing_form(cue)) or \
            _by_agent_follows(right) or (cue.lemma == "cite" and CITED_FOR.match(right)):
        return _passive_agent(doc, paragraph, cue, cs, ce, left, right, registry, aliases, hedge)
    inverted = _inverted(text, cue, cs, ce, left, right, registry, aliases)
    if inverted is not None and _named_subject_before(left, cs, cue, registry, aliases):
        inverted = None  # "“...,” Jane Roe, a council member, told the Gazette"
    if inverted is not None:
        speaker, content = inverted
        return _make(doc, paragraph, cue, speaker, hedge, content, [content])
    if cue.complement == "as" and _naming_use(left, right):
        return None
    subject = _subject(left, cs, doc=doc, paragraph=paragraph)
    if subject and _holds_a_cue(subject[0], subject[1], doc, paragraph) \
            and not _noun_cue_head(subject[0]):
        subject = None  # "the minister refused to promise ... announce": a second verb
    speaker = name_speaker(subject[0], subject[1], registry, aliases) if subject else None
    if speaker is not None and speaker.text in ("who", "whom") and cue.lemma in ("quote", "cite"):
        return None  # "CNN, who quoted TASS": a relayed source, see _relayed
    if speaker is not None and speaker.text in RELATIVES:
        speaker = _antecedent(text, cs, speaker, registry, aliases)
    participle = False
    if cue.form.lower().endswith("ing") and _search_end(COMMA_END, left, 1):
        clause_speaker = _earlier_speaker(found, paragraph, cs, cue) or \
            _opening_subject(text, cs, cue.start, registry, aliases) or \
            _clause_subject(text, cs, cue.start, registry, aliases)
        if clause_speaker is not None:  # ", saying that ...": the clause's subject speaks
            speaker, participle = clause_speaker, True
    if not participle:
        speaker = _name_before_chain(text, cs, cue, speaker, registry, aliases) or speaker
    if speaker is None and subject:
        speaker = generic_speaker(subject[0], subject[1])
        wider = _subject(left, cs, keep_and=True, doc=doc, paragraph=paragraph)
        if speaker is None and wider and wider != subject:
            speaker = name_speaker(wider[0], wider[1], registry, aliases) or \
                generic_speaker(wider[0], wider[1])
    if speaker is None:
        speaker = _relative_subject(left, cs, cue, registry, aliases)
    if speaker is None:
        speaker = _coordinated(found, left, cs, paragraph, text, registry, aliases) or \
            _unread_subject(text, cs, cue, left, registry, aliases, found)
        if speaker is None:
            return None
    if cue.complement != "prep" and speaker.how in ("name", "role") and \
            inner_auxiliary(speaker.text) is not None:
        # "the fund was under attack", "few have ever seen a flood show": a clause, not a noun
        # phrase (a reduced relative, "the plan the council has drafted says", is lost); the source
        # unread, its content kept, as for a phrase ending in a function word; a phrase ending
        # in the cue's own auxiliary and an adverb speaks through its subject ("the council
        # should also", "Roe and Lund have both": modal_subject)
        speaker = modal_subject(speaker, registry) or \
            replace(speaker, name="", source_type="unknown", how="unresolved")
    if cue.complement == "stance" and not _stance_speaker(speaker) and not (
            speaker.how == "role" and re.match(r"\s*that\b", right)):
        return None
    speaker = _from_home_town(text, speaker, cs, registry, aliases)
    speaker = _with_appositive(text, speaker, cue.start)
    speaker = headline_subject(speaker, registry, aliases)  # "Ines Varga Just Responded To"
    previous_quote = _quote_sentence_before(text, cs, speaker, quotes, right, cue)
    if previous_quote is not None:  # "“We are ready!” the mayor said on Tuesday."
        content = (previous_quote.start, previous_quote.end)
        return _make(doc, paragraph, cue, speaker, hedge, content, [content])
    frame = _parenthetical_frame(text, cs, cue, ce, speaker)
    if frame is not None:
        return _around_frame(doc, paragraph, cue, speaker, hedge, cs, ce, frame)
    content_start = _content_start(text, cue, ce, right)
    after = text[content_start:ce].strip(" .,;:\u00a0")
    if TIME_THEN_CLAUSE.match(text[content_start:ce]) or (
            PP_THEN_END.match(text[content_start:ce]) and
            _search_end(COMMA_END, text[cs:speaker.start], 1)):
        after = ""  # "..., officials said Monday, as they ..." / "..., she said in an interview."
    quote_before = speaker.start > cs and _search_end(QUOTE_END, text[cs:speaker.start], 1)
    if not after and COLON_ONLY.match(text, cue.end, paragraph.end):
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
    end = _coordination_end(text, content_start, ce)
    end = _clause_end(text, content_start, end, cue, SUBORDINATE.match(text[cs:cue.start]))
    content = _trim(text, content_start, end)
    reported = _reported(text, cue, content)
    return _make(doc, paragraph, cue, speaker, hedge, content, reported)


# a name's appositive between it and its cue: ", a nurse from Dayton,", ", who chairs the board,"
# or ", 34," (the phrase as written is the name with its appositive, as PolNeAR marks a source);
# a parenthetical adverbial (", on the other hand,", ", in turn,") is none
APPOSITIVE_AFTER = re.compile(r",\s*(?:(?:a|an|the|his|her|their|its|our|who|whose)\s|\d{1,3}(?=\s*,))"
                              r"[^,;:“”\"()—–]{0,80}?\s*,\s*$")


# a state's abbreviation closing a home town after a name: "Dana Roe, 34, of Tessam, Ore.,
# said" (the comma before the cue left only "Ore." as the subject); the name is the speaker and
# the phrase as written runs from it
STATE_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2})")
HOME_TOWN_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*)(?:,\s*\d{1,3},)?\s+(?:of|from|in)\s+"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2},\s*$")


def _from_home_town(text: str, speaker: Speaker, cs: int, registry, aliases) -> Speaker:
    """The name before a home town whose state abbreviation was read as the speaker; ``speaker``
    as it is otherwise."""
    if speaker.how not in ("name", "registry", "role") or \
            not STATE_ABBREVIATION.fullmatch(speaker.text):
        return speaker
    match = HOME_TOWN_BEFORE.search(text, max(cs, speaker.start - 120), speaker.start)
    if match is None:
        return speaker
    named = name_speaker(match.group("name"), match.start("name"), registry, aliases)
    if named is None or named.how not in ("name", "registry"):
        return speaker
    return replace(named, end=speaker.end, text=text[named.start:speaker.end])


# a name that opens its clause (after a connective, an opening phrase or a quotation), then an
# appositive or relative clause that APPOSITIVE_AFTER does not read (commas of its own, an age,
# more than 80 characters), then the cue: "Mary Roe, who lost her barn near Tessam, Ohio, in 2019,
# said", "“...,” Jane Roe, assistant secretary for housing, transport and migration, said",
# "Dana Roe, 34, a nurse in Tessam, Ohio, said" (invented): the name speaks, not the last phrase
# before the cue, and the phrase as written runs to the last comma, as PolNeAR marks a source
NAME_THEN_CHAIN = re.compile(
    r"(?P<name>(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*),\s*"
    r"(?:who|whose|a|an|the|[a-z][\w-]*|\d{1,3},)\s[^;:“”\"()—–]{0,200}?,\s*$")
QUOTE_BEFORE_NAME = re.compile(r"[,!?][”\"’]\s+$")


def _name_before_chain(text: str, cs: int, cue: Cue, speaker: Speaker | None, registry, aliases
                       ) -> Speaker | None:
    """The name before an appositive or relative clause that ends right before the cue
    (:data:`NAME_THEN_CHAIN`), with the name and that clause as the phrase as written; None when
    there is no such clause, when ``speaker`` (read the usual way) already starts at the name, or
    when the name names no person or body (a registry or discovered name)."""
    left = text[cs:cue.start]
    if not left.endswith((", ", ",\u00a0")) or left.count(",") < 2:
        return None  # the cheap test first
    match = None
    for candidate in CAPITALISED_RUN.finditer(left):
        before = left[:candidate.start()]
        if OPENING.match(before) or QUOTE_BEFORE_NAME.search(before):
            match = NAME_THEN_CHAIN.match(left, candidate.start())
            break
    if match is None or _QuoteCount(left)(match.start()):
        return None
    start = cs + match.start("name")
    if speaker is not None and speaker.start == start:
        return None
    named = name_speaker(match.group("name"), start, registry, aliases)
    if named is None or named.how not in ("name", "registry"):
        return None
    end = cs + len(left.rstrip(" ,\u00a0"))
    return replace(named, end=end, text=text[named.start:end])


# a subject with a restrictive relative clause whose own verb comes first: "Residents who live
# near the plant said", "unions that backed the levy say" (invented); not an object relative
# ("the plan that Roe said was ...": its subject follows the relative)
RELATIVE_IN_SUBJECT = re.compile(r"\s(?:who|that)\s+(?P<first>[a-z][\w’'-]*)[^,;:“”\"()—–]*$")
RELATIVE_HEAD_MAX_WORDS = 6  # "Roe and others", "a woman", "progressive groups" (our choice)
RELATIVE_CLAUSE_MAX_WORDS = 12  # the relative, its verb and what follows it (our choice)
SPEECH_VERBS = frozenset({"say", "says", "said", "tell", "tells", "told"})
NOT_RELATIVE_VERBS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my",
                                "your", "he", "she", "they", "we", "i", "you", "it", "this",
                                "these", "those", "some", "many", "most", "all", "no", "there"})


def _relative_subject(left: str, cs: int, cue: Cue, registry, aliases) -> Speaker | None:
    """The noun phrase before a relative clause that ends right before the cue, with the clause
    as the phrase as written (:data:`RELATIVE_IN_SUBJECT`); None when there is none or the noun
    phrase names no source."""
    if " who " not in left and " that " not in left or cue.form.lower().endswith("ing"):
        return None  # the cheap test first; a participle speaks for its clause's subject
    match = RELATIVE_IN_SUBJECT.search(left)
    if match is None or match.group("first") in NOT_RELATIVE_VERBS:
        return None
    clause = re.findall(r"[\w’'-]+", left[match.start():].lower())
    if clause[-1] in PERSON_PRONOUNS or not SPEECH_VERBS.isdisjoint(clause):
        return None  # "unions that backed it say they [expect]": the pronoun speaks
    if clause[-1] in NOT_RELATIVE_VERBS or "--" in left[match.start():]:
        return None  # "who faces a [recall] vote": a noun; "-- who ... --": an aside
    if left[:match.start()].rstrip().endswith(","):
        return None  # "Roe, who ...": an appositive relative, read with the appositives
    head = _subject(left[:match.start()], cs)
    if head is None or len(head[0].split()) > RELATIVE_HEAD_MAX_WORDS or \
            len(clause) > RELATIVE_CLAUSE_MAX_WORDS or \
            not OPENING.match(left[:head[1] - cs]) or _holds_a_cue(head[0], head[1]):
        return None  # only the subject that opens the sentence, short, with a short clause
    speaker = name_speaker(head[0], head[1], registry, aliases) or \
        generic_speaker(head[0], head[1])
    if speaker is None or speaker.how not in ("name", "registry", "role"):
        return None
    end = cs + len(left.rstrip(" \u00a0"))
    return replace(speaker, end=end, text=left[speaker.start - cs:end - cs])


def _with_appositive(text: str, speaker: Speaker, stop: int) -> Speaker:
    """``speaker`` with the appositive that follows it before the cue at ``stop`` ("Dana Roe, a
    nurse, said": the phrase "Dana Roe, a nurse"); as it is when none follows."""
    if speaker.how not in ("name", "registry") or not speaker.start < speaker.end <= stop:
        return speaker
    match = APPOSITIVE_AFTER.match(text, speaker.end, stop)
    if match is None or match.end() != stop and text[match.end():stop].strip():
        return speaker
    end = speaker.end + len(match.group(0).rstrip(" ,\u00a0"))
    return replace(speaker, end=end, text=text[speaker.start:end])


# the same after a speaker that follows its cue ("said Dana Roe, a nurse." / "according to Dana
# Roe, a nurse, ..."): up to the next comma or the sentence's end; not a relative clause that
# cites ("according to CNN, who quoted TASS, ...": a citation chain, see CHAIN_AFTER_SPEAKER)
APPOSITIVE_NEXT = re.compile(r",\s*(?:a|an|the|his|her|their|its|our|who|whose)\s"
                             r"(?!(?:had\s+)?(?:quoted|cited|was\s+quoting|was\s+citing)\b)"
                             r"[^,;:“”\"()—–]{0,80}?(?=\s*(?:,|;|\.\s|\.?$))")


def _appositive_next(text: str, speaker: Speaker, stop: int, closed: bool = False) -> Speaker:
    """``speaker`` with the appositive right after it, before ``stop`` (a speaker after its cue);
    with ``closed``, only an appositive a comma closes (the sentence goes on after it:
    "According to Dana Roe, the dam ..." has none); as it is when none follows."""
    if speaker.how not in ("name", "registry"):
        return speaker
    match = APPOSITIVE_NEXT.match(text[:stop], speaker.end)
    if match is None or closed and not text.startswith(",", match.end()):
        return speaker
    return replace(speaker, end=match.end(), text=text[speaker.start:match.end()])


def _earlier_speaker(found, paragraph, cs: int, cue: Cue) -> Speaker | None:
    """The speaker of the attribution whose cue comes earlier in the same clause, before the
    speaker of a participle ("The union praised Roe, citing ...": the union, not Roe); None when
    there is none or it is no named, described or pronoun subject before its cue."""
    previous = found[-1] if found else None
    if previous is None or previous.paragraph_id != paragraph.paragraph_id or \
            previous.cue is None or not cs <= previous.cue.start < cue.start or \
            previous.speaker is None or previous.speaker.how == "unresolved" or \
            not cs <= previous.speaker.start < previous.cue.start:
        return None
    return previous.speaker


def _ing_form(cue: Cue) -> bool:
    """True when the cue's first word is in -ing ("saying", "pushing for", "making the case"):
    a participle or a progressive, never a passive."""
    return cue.form.split(" ", 1)[0].lower().endswith("ing")


# a possessive before a noun cue, with at most two modifiers between: "his attacks on",
# "Mr. Roe's continual attacks on", "with her promise of" (invented)
POSSESSIVE_END = re.compile(
    r"(?<![\w’'-])(?P<np>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|(?:[A-Z][\w.’'-]*\s+){0,3}"
    r"[A-Z][\w.-]*(?:[’']s|s[’']|[’']))\s+(?P<between>(?:[a-z][\w-]*\s+){0,2})$")
NESTED_LOOKBACK = 4  # earlier attributions whose content may hold a cue (bounded, issue 19)
MODIFIER_STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "or", "but", "for",
                           "with", "by", "at", "from", "is", "are", "was", "were", "has", "have",
                           "had", "will", "would", "that", "which", "who"})


# the lemmas whose noun forms are speech acts ("his attacks", "her claim that"); a possessive
# before a plan, a hope or support is mostly no source of its own (PolNeAR train: 27 of 62
# such speakers wrong when any noun cue was read)
SPEECH_NOUN_LEMMAS = frozenset({"attack", "criticise", "claim", "comment", "promise", "pledge",
                                "call", "call for", "warn", "vow", "accuse", "deny", "insist",
                                "argue", "assert", "charge"})


def _unread_subject(text, cs, cue, left, registry, aliases, found=()) -> Speaker | None:
    """A source the subject rules did not read, tried when they found none: a name before an
    appositive, or the possessive before a noun cue of speech ("Mr. Roe's continual attacks
    on": Mr. Roe), unless the cue lies in the content of an earlier attribution (a report of
    the attack, not the attack)."""
    return _appositive_subject(left, cs, registry, aliases) or \
        _possessive(cs, cue, left, registry, aliases, found)


def _possessive(cs, cue, left, registry, aliases, found) -> Speaker | None:
    first = cue.form.split(" ", 1)[0].lower()
    if cue.lemma not in SPEECH_NOUN_LEMMAS or first.endswith(("ed", "ing")) or any(
            a.content_start <= cue.start < a.content_end for a in found[-NESTED_LOOKBACK:]):
        return None
    match = _search_end(POSSESSIVE_END, left, 6)
    if match is None or MODIFIER_STOP.intersection(match.group("between").split()):
        return None
    return name_speaker(match.group("np"), cs + match.start("np"), registry, aliases)


APPOSITIVE_MAX_WORDS = 15


def _appositive_subject(left, cs, registry, aliases) -> Speaker | None:
    """ "Dana Roe, regional director for the agency, said": the name before an appositive the
    phrase rules do not read (a role noun outside the role list)."""
    core = _without_adverbs(left).rstrip(" \u00a0")
    if not core.endswith(","):
        return None
    previous = core.rfind(",", 0, len(core) - 1)
    if previous <= 0 or len(core[previous + 1:-1].split()) > APPOSITIVE_MAX_WORDS or \
            any(mark in core[previous:] for mark in "“”\"("):
        return None
    subject = _subject(core[:previous], cs)
    if subject is None:
        return None
    speaker = name_speaker(subject[0], subject[1], registry, aliases)
    return speaker if speaker is not None and speaker.how in ("registry", "name") else None


# "by" before a gerund is no agent: "responded by saying" is the subject's speech (a lexicon
# participle); "responded by cutting prices" stays with the passive rule, which reads nothing
BY_GERUND = re.compile(r"^\s+by\s+([a-z]+ing)\b")


def _by_agent_follows(right: str) -> bool:
    """True when "by" follows the cue and is not before a participle of the lexicon."""
    if not re.match(r"^\s+by\b", right):
        return False
    gerund = BY_GERUND.match(right)
    return gerund is None or gerund.group(1) not in _lexicon_participles()


@lru_cache(maxsize=1)
def _lexicon_participles() -> frozenset[str]:
    return frozenset(form.split(" ")[0] for form in read_cue_lexicon()
                     if form.split(" ")[0].endswith("ing")) - {"according"}


# "the plan was criticised by local farmers", "The levy, opposed by the council, ...": the agent
# after "by" speaks, the patient before the cue is the content; the agent ends before a comma,
# a clause, a preposition that starts an adjunct ("by farmers on Tuesday") or "of" + a gerund
BY_AGENT = re.compile(
    r"^\s+by\s+(?![a-z]+ing\b)(?P<np>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St|"
    r"Jr|Sr|[A-Z])\.|[^,;:.“”\"()]){1,120}?)"
    r"(?=\s*(?:[,;:.“”\"()]|$)|\s+(?:on|in|at|during|for|over|after|before|since|as|while|when|"
    r"who|which|that|whether|if|because|to|about|but|[a-z]+ing|of\s+[a-z]+ing|and\s+(?:was|"
    r"were|is|are|has|have|had|[a-z]+ed)|last|this|earlier|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b)")
# a past participle: what a passive cue form must be ("a sharp attack by" is a noun)
PARTICIPLE = re.compile(r"(?:ed|en|wn|told|said|sought|thought|found|held|heard|made|read|led|"
                        r"put|set|hit)$", re.IGNORECASE)
PASSIVE_CLAUSE = re.compile(r"^\s*(?:whether|if|why|how|what|to|about|that)\b")
PASSIVE_AUXILIARIES = re.compile(r"(?:\s+(?:be|been|being|was|were|is|are|has|have|had|will|"
                                 r"would|also|not|widely|later|often|first|long))+\s*$")
AS_LEAD = re.compile(r"^\s*(?:(?:But|And)\s+)?[Aa]s\s*$")  # "As reported by the Gazette, ..."
PATIENT_DETERMINER = re.compile(r"(?<![\w’'-])(?:the|a|an|this|that|these|those|his|her|their|"
                                r"its|our|my|[A-Z][\w.-]*[’']s?)\s", re.IGNORECASE)
PATIENT_PREPOSITION = re.compile(r"(?<![\w’'-])(?:of|on|in|about|over|with|for|from|at|into|"
                                 r"against|amid)\s+")
PATIENT_MAX_WORDS = 6


def _passive_agent(doc, paragraph, cue, cs, ce, left, right, registry, aliases, hedge
                   ) -> Attribution | None:
    """A passive cue with its agent: "The plan was criticised by local farmers" (the farmers
    speak; the content is the plan, the subject before the cue), "The levy, opposed by the
    council, ..." (a participle after its noun); "She was asked by a journalist if ..." and
    "As reported by the Gazette, the plant ..." (the clause after the agent is the content).
    None without a "by" phrase that names a source, or when the cue is no past participle
    ("responded by cutting prices", "reporting by" credit lines, "a sharp attack by")."""
    agent = BY_AGENT.match(right)
    if agent is None or cue.complement == "prep" or not PARTICIPLE.search(cue.form):
        return None
    text = doc.text
    np_start = cue.end + agent.start("np")
    speaker = name_speaker(agent.group("np"), np_start, registry, aliases) or \
        generic_speaker(agent.group("np"), np_start)
    if speaker is None or speaker.how == "unresolved":
        return None
    rest = text[cue.end + agent.end():ce]
    as_lead = AS_LEAD.match(left)
    content: tuple[int, int] | None
    if PASSIVE_CLAUSE.match(rest) or as_lead:
        start = cue.end + agent.end() + len(rest) - len(rest.lstrip(" ,\u00a0"))
        end = _clause_end(text, start, _coordination_end(text, start, ce), cue, None)
        content = _trim(text, start, end)
    else:
        content = _patient(text, left, cs)
    if content is None or content[1] <= content[0]:
        return None
    return _make(doc, paragraph, cue, speaker, hedge, content, [])


def _patient(text: str, left: str, cs: int) -> tuple[int, int] | None:
    """What a passive cue is about: the subject before its auxiliaries ("The plan was"), or the
    noun phrase before a participle ("the language embraced by", "The levy, opposed by"): a
    phrase of more than :data:`PATIENT_MAX_WORDS` words, or one right before a participle, is
    cut at its last determiner or possessive, or after a later preposition; None when there is
    neither."""
    bare = PASSIVE_AUXILIARIES.sub("", left)
    patient = _subject(bare, cs)
    if patient is None:
        return None
    phrase, start = patient
    reduced = bare == left and not left.rstrip().endswith(",")  # "the tone embraced by"
    if reduced or len(phrase.split()) > PATIENT_MAX_WORDS:
        last = next(reversed(list(PATIENT_DETERMINER.finditer(phrase))), None)
        cut = last.start() if last is not None else None
        after = next(reversed(list(PATIENT_PREPOSITION.finditer(phrase))), None)
        if after is not None and (cut is None or after.end() > cut):
            cut = after.end()  # "on the heels of concerns expressed by": the concerns
        if cut is None or len(phrase[cut:].split()) > PATIENT_MAX_WORDS:
            return None
        phrase, start = phrase[cut:], start + cut
    return _trim(text, start, start + len(phrase))


# what follows a cue that frames a content from the middle of its sentence ("A, the mayor said,
# B"): a comma, then no quotation mark
FRAME_COMMA = re.compile(r"\s*,\s*(?![\s“”\"'‘’])")


def _parenthetical_frame(text: str, cs: int, cue: Cue, ce: int, speaker: Speaker) -> int | None:
    """Where the words after a frame between commas start ("A, the mayor said, B"), or None.
    The speaker follows a comma inside the sentence and the cue a comma that opens no
    quotation; a clause cue (said, added) only."""
    if cue.complement != "clause" or speaker.start <= cs or speaker.end > cue.start or \
            not _search_end(COMMA_END, text[cs:speaker.start], 1):
        return None
    match = FRAME_COMMA.match(text, cue.end, ce)
    return match.end() if match and match.end() < ce else None


def _around_frame(doc, paragraph, cue, speaker, hedge, cs, ce, after) -> Attribution | None:
    """The content around a frame between commas: the words before the speaker and those after
    the cue ("A, the mayor said, B": A and B, one reported clause split by its frame), or only
    those before when a participle of the frame follows ("A, she said, adding that B": A)."""
    text = doc.text
    before = _trim(text, cs, speaker.start)
    if before[1] <= before[0]:
        return None
    if _participle_ends().match(text, text.index(",", cue.end, after)):
        return _make(doc, paragraph, cue, speaker, hedge, before, [before])
    end = _clause_end(text, after, _coordination_end(text, after, ce), cue, None)
    rest = _trim(text, after, end)
    if rest[1] <= rest[0]:
        return _make(doc, paragraph, cue, speaker, hedge, before, [before])
    return _make(doc, paragraph, cue, speaker, hedge, (before[0], rest[1]), [before, rest])


# what may follow "X said" when the quotation is the sentence before: an adjunct, not a content
FRAME_TAIL = re.compile(
    r"^\s*(?:[.,;]|$|(?:as|while|when|after|before|in|on|to|at|during|with|via|through|from|"
    r"last|this|earlier|later|then|afterward|afterwards|recently|once|again|also|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|of)\b(?![^.;]*\bthat\b))")


def _quote_sentence_before(text, cs, speaker, quotes, right, cue) -> Quote | None:
    """The quotation that is the whole previous sentence when this sentence is only its frame:
    "“We are ready!” the mayor said on Tuesday." (the sentence splitter ends a sentence at “!”"
    and at “.”" before a capital). None unless the speaker opens the clause and nothing like a
    content follows the cue."""
    if speaker.start < cs or text[cs:speaker.start].strip() or cue.complement not in (
            "clause", "np"):
        return None
    rest = right
    if cue.lemma in TELL_LIKE:
        obj = OBJECT.match(rest)
        rest = rest[obj.end():] if obj else rest
    if not FRAME_TAIL.match(rest):
        return None
    gap = _end_without(text, cs, " \u00a0\t")
    return next((q for q in quotes if q.end == gap and text[q.end - 1] in "”\"'"
                 and re.search(r"[.!?,]\W*$", text[q.inner_start:q.end])), None)


def _end_without(text: str, end: int, chars: str) -> int:
    """``len(text[:end].rstrip(chars))`` without copying the text before ``end`` (issue 19: a
    copy per cue or per quotation grew with the text)."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


TIME_THEN_CLAUSE = re.compile(
    r"^\s*(?:(?:on|last|this|late|early|earlier)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|week|month|year|night|morning|afternoon|evening|today|yesterday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*(?:[.;]|,\s*(?:as|while|when|after|"
    r"before|in|at|during|adding|according)\b|$)")
# "..., she said in an interview." / "to the crowd": an adjunct, no content; "to" before a
# lower-case word that is no determiner is an infinitive ("Ruiz promised to act") and starts one
PP_THEN_END = re.compile(
    r"^\s*(?:in|on|at|during|after|before|from|with|via|through|"
    r"to(?!\s+(?!(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|reporters)\b)"
    r"[a-z]+\b))\b[^,;“”\"]{0,50}?[.!?]?\s*$")
SUBORDINATE = re.compile(r"\s*(?:After|When|While|Although|Though|Because|If|As|Since|Once|"
                         r"Before|Until|Unless)\b")
ALWAYS_ENDS = re.compile(r";|,\s+(?:although|though|while|whereas)\b|\s+notwithstanding\b")


@lru_cache(maxsize=4)
def _participle_ends() -> re.Pattern:
    """A comma and a cue's participle ("..., adding that ...", "..., calling it ...", "...,
    pointing to ..."): the frame goes on (its subject says or does more), the content has ended.
    The participles are the lexicon's forms in -ing, but "according" (a preposition)."""
    forms = sorted({form.split(" ")[0] for form in read_cue_lexicon()
                    if form.split(" ")[0].endswith("ing")} - {"according"})
    return re.compile(r",\s+(?:" + "|".join(forms) + r")(?![\w’'-])")


NP_ENDS = re.compile(r",(?=\s)(?!\s+(?:[A-Z][a-z]{1,4}\.|such\s+as\b|including\b|an?\s))|"
                     r"\s+(?:on|last|this|next)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday|week|month|year)\b|\s+(?:but|yet)\s")


NP_ADJUNCT = re.compile(r"\s+(?:during|before|after|since|amid|when|while)\s+")


NAMING_OK_BEFORE = {"he", "she", "they", "we", "i", "who", "which", "has", "have", "had", "also",
                    "it", "you", "once", "repeatedly", "publicly", "then", "and"}


def _naming_use(left: str, right: str) -> bool:
    """ "a group called Northern Star": called/named after a common noun names a thing, it
    attributes nothing."""
    previous = _search_end(LAST_WORD_END, left, 1)
    following = re.match(r"\s*([\w’'-]+)", right)
    if not previous or not following:
        return False
    word = previous.group(1)
    return word.islower() and word not in NAMING_OK_BEFORE and not word.endswith("ly") \
        and not word.endswith("s") and following.group(1)[:1].isupper()


# A speaker phrase up to this long is searched for cues on its own, as it always was (the longest
# met in the bundled, synthetic and PolNeAR train and dev corpora: 240 characters); a longer one
# is looked up in its paragraph's cues, found once (issue 19: a search per phrase made repeated
# cues quadratic). The two differ only at the phrase's edges ("the IMF report": a noun before
# the cue in the paragraph, a verb at the end of the phrase alone).
PHRASE_SEARCH_LIMIT = 400


def _holds_a_cue(phrase: str, start: int | None = None, doc: Document | None = None,
                 paragraph: Paragraph | None = None) -> bool:
    """True when a speaker phrase contains a cue verb form (then it is a clause, not a name).
    Most phrases hold no word a cue can start with, and are settled without the cue search.
    A phrase over :data:`PHRASE_SEARCH_LIMIT` characters, given where it starts in ``doc`` and
    its ``paragraph``, is looked up in the paragraph's cues."""
    if doc is not None and paragraph is not None and start is not None and \
            len(phrase) > PHRASE_SEARCH_LIMIT:
        cues, starts = paragraph_cues(doc, paragraph)
        end = start + len(phrase)
        return any(not c.form[0].isupper() and c.complement != "prep" and c.end <= end
                   for c in cues[bisect_left(starts, start):bisect_left(starts, end)])
    first_words = _first_words()
    if first_words is not None and first_words.isdisjoint(re.findall(r"[a-z’'-]+", phrase)):
        return False
    return any(not c.form[0].isupper() and c.complement != "prep" for c in find_cues(phrase))


# words before a noun-like cue form that make it a verb ("to report", "they claim")
VERB_BEFORE = {"to", "will", "would", "could", "should", "may", "might", "must", "can", "did",
               "does", "do", "not", "he", "she", "they", "we", "i", "it", "you", "who", "which",
               "that", "also", "and", "or"}


def _noun_cue_head(phrase: str) -> bool:
    """True when the phrase ends in a noun-like cue form that is its head noun, after a
    determiner, a possessive, a name or an adjective: "FEC reports show", "His comments
    suggest" (invented); not "they report" or "to promise"."""
    words = _last_runs(phrase, WORD_RUN, 2)
    return len(words) >= 2 and words[-1].lower() in NOUN_LIKE_FORMS and \
        words[-2].lower() not in VERB_BEFORE


def paragraph_cues(doc: Document, paragraph: Paragraph) -> tuple[list[Cue], list[int]]:
    """The lexicon's cues in a paragraph, quotations not masked, and their starts: found once
    per paragraph, for the attributions' cues and for long speaker phrases."""
    def search():
        cues = find_cues(paragraph.text, paragraph.start)
        return cues, [c.start for c in cues]
    return memo(doc, ("paragraph_cues", paragraph.paragraph_id), search)


def _clause_end(text: str, start: int, end: int, cue: Cue, subordinate) -> int:
    """Where a content ends inside its sentence, without a parser: at a semicolon, a
    concessive clause or a cue's participle after a comma (", adding that ..."); a noun-phrase
    content also at a comma, a time adverbial or "but"; the content of a cue in a fronted
    subordinate clause ("After aides insisted that A, the campaign ...") at its first comma.
    Commas inside quotation marks do not count."""
    chunk = text[start:end]
    patterns = [ALWAYS_ENDS, _participle_ends()]
    if cue.complement in ("np", "stance", "as") and not re.match(r"that\b", chunk):
        patterns.append(NP_ENDS)
        if cue.complement != "as":
            patterns.append(NP_ADJUNCT)
    if subordinate:
        patterns.append(re.compile(r","))
    cut = len(chunk)
    for pattern in patterns:
        inside = _QuoteCount(chunk)
        for match in pattern.finditer(chunk):
            if not inside(match.start()):
                cut = min(cut, match.start())
                break
    return start + cut


DASH_QUOTE = re.compile(r"^(?P<np>(?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w.’'-]*)\s*(?P<cue>[―—–])\s*"
                        r"(?=[“”\"])")


DASH_AFTER = re.compile(r"[”\"]\s*(?P<cue>[―—–])\s*(?P<np>(?:[A-Z][\w.’'-]*\s+){0,4}"
                        r"[A-Z][\w.’'-]*)\s*$")


def dash_quote(doc, paragraph, registry, aliases) -> Attribution | None:
    """A vox-pop paragraph "Jane Doe ― “...”": the name before a dash speaks the quote."""
    if "―" not in paragraph.text and "—" not in paragraph.text and "–" not in paragraph.text:
        return None  # both patterns need one of the dashes (issue 16: two searches a paragraph)
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
    paragraphs = doc.paragraphs  # by index, not a pass over all of them (issue 19)
    at = paragraph.index + 1
    if at < len(paragraphs) and paragraphs[at].index == at:
        following = [paragraphs[at]]
    else:
        following = [p for p in paragraphs if p.index == paragraph.index + 1]
    return following[0] if following and following[0].role == paragraph.role else None


OBJECT_OF_PREPOSITION = re.compile(
    r"(?:^|\s)(?:in|on|at|to|of|for|from|with|by|alongside|inside|after|before|about|against|"
    r"into|under|over|during|among|like|than|the|a|an)\s+$", re.IGNORECASE)


# what may come before a sentence's subject: a connective, an opening phrase and its comma
OPENING = re.compile(r"^\s*(?:(?:But|And|So|Yet|Still|Now|Then|Meanwhile|However),?\s+)?"
                     r"(?:(?:In|On|At|After|Before|During|Speaking|Asked|Earlier|Later|Last|"
                     r"This|Since|When|While|As)\b[^,;“”\"]{0,80},\s*)?$")


def _opening_subject(text, cs, stop, registry, aliases) -> Speaker | None:
    """The subject that opens the sentence before ``stop`` (after a connective or an opening
    phrase): a name or a pronoun ("Okafor chimed in, saying ...", "On Monday, he wrote ...,
    adding"); None when the sentence opens otherwise."""
    named = _clause_subject(text, cs, stop, registry, aliases)
    if named is not None and OPENING.match(text[cs:named.start]):
        return named
    pronoun = re.search(r"\b(?:he|she|they|He|She|They)\b", text[cs:stop])
    if pronoun and OPENING.match(text[cs:cs + pronoun.start()]):
        return Speaker("", "unknown", cs + pronoun.start(), cs + pronoun.end(),
                       pronoun.group(0), "", "pronoun")
    return None


CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*")
AFTER_SUBJECT = re.compile(r"\s*(?:,|\(|[a-z])")
# a capitalised modifier before a lower-case role and the name it describes: "Green party
# candidate Ines Varga", "Halvorsen campaign spokesman Luis Moreno" (invented): the name speaks
ROLE_THEN_NAME = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)\s+(?=[A-Z])")


DATELINE_AFTER = re.compile(r"(?:,[^()]{0,20})?\s*\((?:AP|AFP|UPI|Reuters|CNN|dpa)\)")


def _clause_subject(text, cs, stop, registry, aliases) -> Speaker | None:
    """The first named speaker in the clause before ``stop`` ("Okafor chimed in, saying ..."),
    outside quotation marks ("“Well, Tessam needs it,” Roe said, adding": not Tessam)."""
    clause = text[cs:stop]
    inside = _QuoteCount(clause)
    for match in CAPITALISED_RUN.finditer(clause):
        first = match.group(0).split()[0]
        if inside(match.start()) or DATELINE_AFTER.match(clause, match.end()):
            continue  # "Tessam (AFP) - Roe ...": a dateline's place
        if _search_end(OBJECT_OF_PREPOSITION, text[cs:cs + match.start()], 1) or \
                not AFTER_SUBJECT.match(text, cs + match.end(), stop) or \
                first.lower() in FUNCTION_WORDS or re.search(r"(?:ing|ly)$", first) or \
                first == "To" or (first.isupper() and len(first) > 2):
            continue  # "In a letter to board members", "Facing questions, ...", "LONDON"
        role = ROLE_THEN_NAME.match(text, cs + match.end(), stop)
        if role is not None and role.group(1) in roles():
            continue  # "Green party candidate Ines Varga": the name after the role
        speaker = name_speaker(match.group(0), cs + match.start(), registry, aliases)
        if speaker is not None and speaker.how in ("registry", "name"):
            return speaker
    return None


STANCE_SUBJECT_MAX_WORDS = 8  # PolNeAR train: indirect recall 0.400 at 5 words, 0.403 at 8 and at 12;
# the shorter of the two best (measured for issue 16)


def _stance_speaker(speaker: Speaker) -> bool:
    """Stance cues (wants, knows, worried) only with a short subject that names, points to or
    describes a source ("Experts expect", "who fear"): "You know" is not an attribution."""
    return speaker.how in ("registry", "name", "pronoun", "role", "unresolved") and \
        len(speaker.text.split()) <= STANCE_SUBJECT_MAX_WORDS and \
        speaker.text.lower() not in ("you", "i", "we")


def _make(doc, paragraph, cue, speaker, hedge, content, reported) -> Attribution:
    return Attribution("", "indirect", speaker, cue, hedge, content[0], content[1],
                       paragraph.paragraph_id, [r for r in reported if r[1] > r[0]])


def _reported(text: str, cue: Cue, content: tuple[int, int]) -> list[tuple[int, int]]:
    """The part of the content that is reported speech (the rest stays own voice)."""
    start, end = content
    chunk = text[start:end]
    if cue.complement == "stance":
        return []
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
    chunk = text[start:end]
    inside = _QuoteCount(chunk)
    for match in COORDINATOR.finditer(chunk):
        # the cue regex looks behind at white space here, as at the start of the rest of chunk;
        # only its forms that can start with the next character (issue 16: all of them each time)
        at = match.end()
        pattern = _cue_regex_at(chunk[at]) if at < len(chunk) else None
        cue = pattern.match(chunk, at) if pattern is not None else None
        lexicon = read_cue_lexicon()
        complement = lexicon.get(re.sub(r"\s+", " ", cue.group(0).lower()), ("", "", ""))[2] \
            if cue else ""
        if cue and complement != "stance" and not inside(match.start()):
            return start + match.start()
    return end


COORDINATOR = re.compile(r"\s+(?:and|but)\s+(?:also\s+)?")


def _inside_quote(chunk: str, position: int) -> bool:
    before = chunk[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


class _QuoteCount:
    """``_inside_quote(chunk, position)`` for positions that do not go back, counting the marks
    from the last position on (issue 19: counting from the start for each match of a pattern
    in a clause grew with its square)."""

    def __init__(self, chunk: str):
        self.chunk, self.position, self.opened, self.closed, self.straight = chunk, 0, 0, 0, 0

    def __call__(self, position: int) -> bool:
        if position < self.position:
            return _inside_quote(self.chunk, position)
        chunk, at = self.chunk, self.position
        self.opened += chunk.count("“", at, position)
        self.closed += chunk.count("”", at, position)
        self.straight += chunk.count('"', at, position)
        self.position = position
        return self.opened > self.closed or self.straight % 2 == 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, a dash and a comma at the edges of a content span."""
    while start < end and text[start] in " \u00a0\t\n":
        start += 1
    while end > start and text[end - 1] in " \u00a0\t\n,;:-–—":
        end -= 1
    return start, end


AGE_END = re.compile(r",\s*\d{1,3}\s*$")  # the age of a vox-pop appositive ("Dana Roe, 34,")
DASH_ASIDES = ("—", "–", "―", "--")


def _drop_dash_aside(s: str) -> str:
    """``s`` without an aside between dashes at its end ("Gorman — who owns a bakery —", before
    "told"): the subject comes before the first dash; ``s`` itself when it ends in no dash or
    only text without a subject comes before the pair."""
    for dash in DASH_ASIDES:
        if s.endswith(dash):
            first = s.rfind(dash, 0, len(s) - len(dash))
            if first > 0 and s[:first].strip():
                return s[:first].rstrip(" \u00a0")
    return s


def _without_adverbs(s: str) -> str:
    """``s`` without the adverbs and auxiliaries that end it ("Roe has also", "and has"):
    ``TRAILING_ADVERBS.sub("", s)`` repeated; it matches once, at the end, within a word."""
    while True:
        match = _search_end(TRAILING_ADVERBS, s, 1)
        if match is None:
            return s
        s = s[:match.start()] + s[match.end():]


def _subject(left: str, offset: int, keep_and: bool = False, doc: Document | None = None,
             paragraph: Paragraph | None = None) -> tuple[str, int] | None:
    """The speaker phrase that ends ``left`` (text before a cue) and its offset, if any. Given
    the ``doc`` and ``paragraph`` that hold ``left`` at ``offset``, the last boundary before the
    phrase is found in the paragraph's boundaries, read once (:func:`_last_boundary`)."""
    s = _drop_dash_aside(_without_adverbs(left).rstrip(" \u00a0"))
    when = _search_end(TIME_TAIL, s, 6) or _search_end(LONG_TAIL, s, 2)
    if when is not None and not _search_end(PARTICIPLE_END, s[:when.start()], 1):
        # "Roe on Tuesday said", "the tenants had last month demanded": the subject before its
        # adjunct ("a poll released Tuesday" keeps it: a participle's adjunct is in the phrase)
        return _subject(s[:when.start()], offset, keep_and, doc, paragraph)
    if s.endswith(","):  # "Kim, on the other hand, stated": drop a parenthetical
        previous = s[:-1].rfind(",")
        raw = s[previous + 1:-1]
        lead = len(raw) - len(raw.lstrip(" \u00a0”\"’'"))
        segment = raw[lead:].rstrip()
        if not segment:
            return None
        # a stray comma between subject and verb: "A spokesman for the agency, said", also
        # right after a quotation ("“...,” a spokesman for the agency, said")
        stray = previous < 0 or bool(raw[:lead].strip())
        if stray:
            return segment, offset + previous + 1 + lead
        if segment[0].islower() or segment[0].isdigit() or \
                segment.split()[0] in ("In", "On", "At", "For"):
            s = AGE_END.sub("", s[:previous])  # "Dana Roe, 34, a nurse from Dayton, said"
        else:
            return segment, offset + previous + 1 + lead
    paren = _paren_start(s)
    core = s[:paren] if paren is not None else s
    scan = _boundaries(doc, paragraph) if doc is not None and paragraph is not None and \
        len(core) > BOUNDARY_SCAN_MIN and paragraph.start <= offset and \
        offset + len(core) <= paragraph.end else None
    last = _last_boundary(core, offset, keep_and, scan)
    begin = last[1] if last else 0
    phrase = s[begin:]
    if not phrase.strip() and last is not None and last[2] in RELATIVES and \
            _search_end(WORD_CHAR_END, s[:last[0]], 1):  # "the council, which backed"
        return last[2], offset + last[0]
    if not phrase.strip() or (last and last[2] in "”\"" and not phrase.strip()):
        return None
    return phrase, offset + begin


Boundary = tuple[int, int, str]  # start, end, text of a BOUNDARY match


def _boundaries(doc: Document, paragraph: Paragraph) -> tuple[list[int], list[Boundary]]:
    """The :data:`BOUNDARY` matches of a paragraph, read once, with their ends (offsets into
    ``doc.text``)."""
    def scan():
        found = [(m.start(), m.end(), m.group(0))
                 for m in BOUNDARY.finditer(doc.text, paragraph.start, paragraph.end)]
        return [b[1] for b in found], found
    return memo(doc, ("boundaries", paragraph.paragraph_id), scan)


LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
DASHES = frozenset("-–—―")
BOUNDARY_LOOK = 10  # a BOUNDARY match at a position reads at most 9 characters from it on
SYNC_SEARCH = 64
BOUNDARY_SCAN_MIN = 256  # a shorter clause is scanned whole: cheaper than the paragraph's scan


def _sync(text: str, at: int) -> bool:
    """True when no :data:`BOUNDARY` match can hold both ``text[at - 1]`` and ``text[at]``
    (its matches of two or more characters: a word of lower-case ASCII letters, ``''`` and
    a dash with white space around it): every scan of the pattern that reaches ``at`` tries a
    match there."""
    a, b = text[at - 1], text[at]
    return not ((a in LOWER and b in LOWER) or (a == "'" and b == "'") or
                (a.isspace() and b in DASHES) or (a in DASHES and b.isspace()))


def _last_boundary(core: str, offset: int, keep_and: bool,
                   scan: tuple[list[int], list[Boundary]] | None) -> Boundary | None:
    """The last match of ``BOUNDARY.finditer(core)`` (but "and" with ``keep_and``), offsets into
    ``core``. ``core`` is the text at ``offset`` of the paragraph whose matches ``scan`` holds.

    Read at both ends and looked up in between (issue 19: a scan of up to 1,000 characters per
    cue): two scans of the pattern that try a position where no match can straddle
    (:func:`_sync`) find the same matches from there on, as long as the text they read is the
    same. So the end of ``core`` is scanned from such a position ``tail``; without a match there,
    the paragraph's matches between such a position ``head`` near the start and ``tail`` are the
    ones of ``core``; without one there either, the start of ``core`` is scanned up to
    ``head``."""
    def usable(word: str) -> bool:
        return not (keep_and and word == "and")

    size = len(core)
    tail = next((at for at in range(size - BOUNDARY_LOOK, size - BOUNDARY_LOOK - SYNC_SEARCH, -1)
                 if at > 0 and _sync(core, at)), None)
    head = next((at for at in range(1, min(SYNC_SEARCH, size)) if _sync(core, at)), None)
    if scan is None or tail is None or head is None or head >= tail:
        last = None
        for m in BOUNDARY.finditer(core):
            if usable(m.group(0)):
                last = m
        return (last.start(), last.end(), last.group(0)) if last else None
    found = [m for m in BOUNDARY.finditer(core, tail) if usable(m.group(0))]
    if found:
        return found[-1].start(), found[-1].end(), found[-1].group(0)
    ends, matches = scan
    at = bisect_right(ends, offset + tail) - 1
    while at >= 0 and matches[at][0] >= offset + head:
        if usable(matches[at][2]):
            start, end, word = matches[at]
            return start - offset, end - offset, word
        at -= 1
    found = [m for m in BOUNDARY.finditer(core, 0, head + BOUNDARY_LOOK)
             if m.start() < head and usable(m.group(0))]
    return (found[-1].start(), found[-1].end(), found[-1].group(0)) if found else None


RELATIVES = ("who", "whom", "which", "that")


def _antecedent(text, cs, relative: Speaker, registry, aliases) -> Speaker:
    """A relative pronoun speaker ("the council, which backed") named after the noun phrase
    before it; the span stays on the pronoun (PolNeAR marks the pronoun as the source)."""
    before = text[cs:relative.start].rstrip(" ,\u00a0")
    phrase = _subject(before, cs) if before else None
    found = None
    if phrase:
        found = name_speaker(phrase[0], phrase[1], registry, aliases) or \
            generic_speaker(phrase[0], phrase[1])
    if found is None or not found.name:
        return relative
    return Speaker(found.name, found.source_type, relative.start, relative.end, relative.text,
                   found.entity_id, found.how)


def _infinitive(doc, paragraph, cue, cs, ce, registry, aliases, hedge) -> Attribution | None:
    """ "Reyes stood up to admit that ...", "He went on to say ...": the clause's
    named subject speaks; the content is the clause after the cue."""
    text = doc.text
    if cue.complement == "stance" and _search_end(STANCE_BEFORE_TO, text[cs:cue.start], 2):
        return None  # "plans to support", "wants to know": intentions of intentions
    speaker = _clause_subject(text, cs, cue.start, registry, aliases)
    if speaker is None or not LEAD_CONJUNCTION.match(text[cs:speaker.start]) or \
            re.search(r"\b(?:[A-Z]\w*|him|her|them|us|me|you)\b", text[speaker.end:cue.start]):
        return None  # a subject that opens the sentence, no object ("urged Kim to say")
    right = text[cue.end:ce]
    start = _content_start(text, cue, ce, right)
    end = _clause_end(text, start, _coordination_end(text, start, ce), cue, None)
    content = _trim(text, start, end)
    if content[1] <= content[0]:
        return None
    return _make(doc, paragraph, cue, speaker, hedge, content, _reported(text, cue, content))


# a stance verb before "to": the infinitive's stance cue is an intention of an intention
STANCE_BEFORE_TO = re.compile(r"(?:^|\s)(?:wants?|wanted|wanting|plans?|planned|planning|hopes?|"
                              r"hoped|hoping|intends?|intended|expects?|expected|needs?|needed|"
                              r"likes?|liked|would\s+like|wishes|wished)\s+to\s*$")


def _named_subject_before(left: str, cs: int, cue: Cue, registry, aliases) -> bool:
    """True when a named subject ends ``left`` before a comma that is no quotation's end
    ("Jane Roe, a council member, told"), or the cue takes an object (told, urged): then the
    phrase after the cue is its object, not an inverted speaker."""
    if cue.lemma in TELL_LIKE:
        return True
    if _search_end(QUOTE_COMMA_END, left, 2):
        return False
    subject = _subject(left, cs)
    speaker = name_speaker(subject[0], subject[1], registry, dict(aliases)) if subject else None
    return speaker is not None and speaker.how in ("registry", "name")


# the speaker after an inverted cue: up to a comma, a full stop or a relative clause ("said a
# planner who spoke on condition of anonymity"); abbreviations and initials ("Sen.", "J.R.") are
# part of it
INVERTED_NP = re.compile(r"^\s+(?P<np>(?:[A-Z][a-z]{0,3}\.(?:\s+|(?=[A-Z]))|[^,.;“”\"]){1,80}?)"
                         r"(?:\s*(?:[,.;]|$)|\s+(?=(?:who|which)\s))")


def _inverted(text, cue, cs, ce, left, right, registry, aliases):
    """'“...,” said Kim.' : the speaker follows the cue; the content is the clause before."""
    if cue.complement not in ("clause",) or not _search_end(CLOSE_END, left, 1):
        return None
    match = INVERTED_NP.match(right)
    if not match:
        return None
    np_start = cue.end + match.start("np")
    speaker = name_speaker(match.group("np"), np_start, registry, aliases)
    if (speaker is None or speaker.how == "role" and speaker.source_type == "unknown") and \
            _search_end(QUOTE_COMMA_END, left, 2):
        # "“...,” said a longtime volunteer": a determiner-led or plural phrase speaks too
        speaker = generic_speaker(match.group("np"), np_start)
    elif speaker is not None and speaker.how == "role" and speaker.source_type == "unknown":
        speaker = None
    if speaker is None:
        return None
    speaker = _appositive_next(text, speaker, ce)
    content = _trim(text, cs, cs + len(left.rstrip()))
    return (speaker, content) if content[1] > content[0] else None


# the source after "according to": up to a comma, a colon, a quotation mark, a full stop that is
# no title's or initial's ("according to reports Mr. Roe filed", "according to J. R. Roe") or a
# dash ("..., according to the Harbor Budget Institute - a think tank ...")
ABBREVIATION = r"(?<!\w)(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|" \
    r"Jan|Feb|Aug|Sept|Oct|Nov|Dec|No)\.(?=\s*[A-Z0-9])"
PREP_NP = re.compile(r"\s*(?P<np>(?:" + ABBREVIATION + r"|[^,;:“”\"])+?)"
                     r"(?=\s*(?:[,;:“\"]|\.\s|\.$|$)|\s[-–—―]\s|\s?[—―])")


def _prep(doc, paragraph, cue, cs, ce, registry, aliases, hedge) -> Attribution | None:
    text = doc.text
    match = PREP_NP.match(text, cue.end, ce)
    if not match:
        return None
    np_start = match.start("np")
    speaker = name_speaker(match.group("np"), np_start, registry, aliases) or \
        _any_phrase(match.group("np"), np_start)
    if speaker is None:
        return None
    left = text[cs:cue.start]
    lead = LEAD_CONJUNCTION.match(left)
    speaker = _appositive_next(text, speaker, ce, closed=bool(lead))
    if lead:
        position = max(match.end(), speaker.end)
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


ANY_PHRASE_MAX_WORDS = 20


def _any_phrase(phrase: str, start: int) -> Speaker | None:
    """Whatever follows "according to" is the source, named or not ("the top medical journal")."""
    text = phrase.strip(" ,;:\u00a0")
    if not text or len(text.split()) > ANY_PHRASE_MAX_WORDS or text.lower() in ("which", "who", "that", "it"):
        return None
    start += len(phrase) - len(phrase.lstrip(" ,;:\u00a0"))
    return Speaker(text, "unknown", start, start + len(text), text, "", "role")


TRANSCRIPT = re.compile(r"^(?P<np>[A-Z][A-Z.’' -]*[A-Z])(?P<cue>:)\s+(?=\S)")
# the labels a news page sets in capitals before a colon ("UPDATE: ...", "BYLINE: ...",
# "EXCLUSIVE: ..."): no speaker of a transcript line
PAGE_LABELS = frozenset({"UPDATE", "UPDATED", "UPDATES", "CORRECTION", "CLARIFICATION", "BYLINE",
                         "EMAIL", "E-MAIL", "EXCLUSIVE", "BREAKING", "BREAKING NEWS", "DEVELOPING",
                         "WATCH", "LOOK", "VIDEO", "PHOTO", "PHOTOS", "RELATED", "READ MORE",
                         "EDITOR'S NOTE", "EDITOR’S NOTE", "NOTE", "ALERT", "LIVE", "BOOM",
                         "BUSTED", "WOW", "SHOCK", "SHOCKING", "BOMBSHELL", "REVEALED"})


def _is_headline(paragraph: Paragraph) -> bool:
    """A title, or a first paragraph without sentence-final punctuation ("TOXIC INFERNO:
    Families flee ..."): a headline's words before a colon name no speaker."""
    if paragraph.role == "title":
        return True
    return paragraph.index == 0 and not re.search(r"[.!?”\"’']\s*$", paragraph.text)


COLON_LEAD = re.compile(r"^(?P<np>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?P<cue>:)\s+(?=\S)")


INTERVIEW_LINE = re.compile(r"^(?P<np>[QA])(?P<cue>:)\s+(?=\S)")


def _interview(doc) -> bool:
    """True when the article has both a "Q:" and an "A:" paragraph (a question-and-answer
    interview): only then does a single letter before a colon speak."""
    leads = {p.text[:2] for p in doc.paragraphs}
    return "Q:" in leads and "A:" in leads


def transcript(doc, paragraph, registry, aliases) -> Attribution | None:
    """A transcript line "MODERATOR: ..." (all-capitals name, not in a headline) or a line led by
    a source and a colon ("Reyes: the plant must close", "Survey: ..."): the name speaks the
    rest of the paragraph. A mixed-case lead must be a registry name, a role word with a source
    type, or a name the article mentions again, so that a headline's kicker ("Toxic Inferno:")
    or a section head ("What Happened:") is no speaker."""
    interview = INTERVIEW_LINE.match(paragraph.text)
    if interview and _interview(doc):  # "Q: ..." / "A: ..." in a question-and-answer article
        start = paragraph.start
        letter = interview.group("np")
        asker = Speaker("interviewer" if letter == "Q" else "interviewee", "unknown", start,
                        start + 1, letter, "", "role")
        cue = Cue(":", ":", "neutral", "clause", start + 1, start + 2)
        content = _trim(doc.text, start + interview.end(), paragraph.end)
        return _make(doc, paragraph, cue, asker, "", content, [content])
    match = TRANSCRIPT.match(paragraph.text)
    if not match or len(match.group("np")) < 3 or len(match.group("np").split()) > 4 or \
            _is_headline(paragraph) or match.group("np") in PAGE_LABELS:
        return _colon_lead(doc, paragraph, registry, aliases)
    start = paragraph.start
    name = match.group("np")
    speaker = name_speaker(name.title(), start, registry, aliases)
    if speaker is None:
        speaker = Speaker(name.title(), "unknown", start, start + len(name), name, "", "name")
    speaker = Speaker(speaker.name, speaker.source_type, start, start + len(name), name,
                      speaker.entity_id, speaker.how)
    cue = Cue(":", ":", "neutral", "clause", start + match.start("cue"), start + match.end("cue"))
    content = _trim(doc.text, start + match.end(), paragraph.end)
    return _make(doc, paragraph, cue, speaker, "", content, [content])


def _colon_lead(doc, paragraph, registry, aliases) -> Attribution | None:
    """ "Reyes: ..." when the lead is a registry name, a typed role or a name the article repeats;
    never a name led by "The" (a series title: "The Latest: ...", invented example)."""
    match = COLON_LEAD.match(paragraph.text)
    if not match or match.group("np").isupper():
        return None
    start = paragraph.start
    speaker = name_speaker(match.group("np"), start, registry, aliases)
    if speaker is None or speaker.how == "pronoun" or (
            speaker.how == "name" and not _mentioned_elsewhere(doc, paragraph, speaker.name)) or (
            speaker.how == "name" and speaker.text.startswith("The ")) or (
            speaker.how == "role" and speaker.source_type == "unknown"):
        return None
    cue = Cue(":", ":", "neutral", "clause", start + match.start("cue"), start + match.end("cue"))
    content = _trim(doc.text, start + match.end(), paragraph.end)
    return _make(doc, paragraph, cue, speaker, "", content, [content])


# "In a survey published last week, most voters ...": a sentence opening with "In" and a poll,
# survey, study or report (a determiner or a plural first) reports what the document found; the
# phrase up to its head noun is the source, the clause after the comma the content
SURVEY_LEAD = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))(?P<cue>In)\s+(?P<np>(?:(?:a|an|the|its|their|his|"
    r"her|this|that|one|another|two|three|several|recent|new|exit)\s+)?(?:[\w/.’'&-]+\s+){0,6}?"
    r"(?:poll|survey|study|analysis|report|census|audit)s?)\b(?P<adjunct>[^,;:“”\"]{0,80})"
    r"(?:,\s+(?:conducted|released|published|taken|carried\s+out|fielded|commissioned)\b"
    r"[^,;:“”\"]{0,60})?,\s+(?=\S)")


def survey_leads(doc, paragraph, registry, aliases) -> list[Attribution]:
    """The attributions of the sentences of ``paragraph`` that open with "In <a poll>, ..."
    (:data:`SURVEY_LEAD`): the document speaks the rest of the sentence, cut like a clause
    content (a semicolon or a concessive clause ends it). The source is an unnamed document
    unless the phrase names one ("In the Gazette poll" keeps the phrase as written)."""
    if "In " not in paragraph.text:
        return []
    found = []
    text = doc.text
    for match in SURVEY_LEAD.finditer(paragraph.text):
        np_start = paragraph.start + match.start("np")
        phrase = match.group("np")
        speaker = name_speaker(phrase, np_start, registry, aliases) or \
            generic_speaker(phrase, np_start) or _any_phrase(phrase, np_start)
        if speaker is None:
            continue
        cue = Cue("In", "in", "neutral", "prep", paragraph.start + match.start("cue"),
                  paragraph.start + match.end("cue"))
        start = paragraph.start + match.end()
        _, ce = _clause(doc, paragraph, start, [])
        end = _clause_end(text, start, _coordination_end(text, start, ce), cue, None)
        content = _trim(text, start, end)
        if content[1] > content[0]:
            found.append(_make(doc, paragraph, cue, speaker, "", content, [content]))
    return found


# "Roe leads in the latest Gazette poll released Wednesday.": a poll or survey after "in" that
# ends the sentence (or a clause before a semicolon; not before a comma: "Roe led in the poll,
# aides said" is the aides') is the source of what the sentence before it reports
# (PolNeAR marks "in" as the cue and the poll phrase, with its adjuncts, as the source)
SURVEY_TAIL = re.compile(
    r"(?<=\s)(?P<cue>in)\s+(?P<np>(?:(?:a|an|the|its|their|his|her|this|that|another|several|"
    r"recent|new|most|all|many)\s+)?(?:(?!(?:to|the|a|an|in|at|of|for|with|and|or|but|head|"
    r"heads|went|go|goes|going|before|after|when|until|as|his|her|their|its)\b)[\w/.’'&-]+\s+){1,6}?"
    r"(?:poll|survey)s?\b(?:\s+(?:released|conducted|published|taken|from|by|of|for|this|last|"
    r"earlier|since|on)\b[^,;:“”\"()]{0,50}?)?)(?=\s*(?:;|\.\s|\.$|$))")


def survey_tails(doc, paragraph, registry, aliases) -> list[Attribution]:
    """The attributions of the clauses of ``paragraph`` that end "in <a poll or survey>"
    (:data:`SURVEY_TAIL`): the poll phrase is the source, the clause before "in" its content."""
    if " poll" not in paragraph.text and " survey" not in paragraph.text:
        return []
    found = []
    text = doc.text
    for match in SURVEY_TAIL.finditer(paragraph.text):
        cue_start = paragraph.start + match.start("cue")
        np_start = paragraph.start + match.start("np")
        phrase = match.group("np")
        speaker = generic_speaker(phrase, np_start) or _any_phrase(phrase, np_start)
        if speaker is None:
            continue
        cs, _ = _clause(doc, paragraph, cue_start, [])
        content = _trim(text, cs, cue_start)
        if content[1] <= content[0] or _inside_quote(text[cs:cue_start], cue_start - cs):
            continue
        cue = Cue("in", "in", "neutral", "prep", cue_start, paragraph.start + match.end("cue"))
        found.append(_make(doc, paragraph, cue, speaker, "", content, [content]))
    return found


def _mentioned_elsewhere(doc, paragraph, name: str) -> bool:
    """True when the name's last word occurs, capitalised, outside ``paragraph``."""
    pattern = re.compile(rf"(?<![\w’'-]){re.escape(name.split()[-1])}(?![\w’'-])")
    return any(pattern.search(p.text) for p in doc.paragraphs if p is not paragraph)


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


def _coordinated(found, left, cs, paragraph, text="", registry=None, aliases=None
                 ) -> Speaker | None:
    """The speaker of a cue coordinated with an earlier one: "Kim stated A and expressed B";
    without an earlier cue, the clause's first named subject ("Peskov backed X and said Y")."""
    if not _search_end(AND_BUT_END, _without_adverbs(left), 1):  # "and has since", "but also"
        return None
    previous = found[-1] if found else None
    if previous is not None and previous.paragraph_id == paragraph.paragraph_id and \
            previous.cue and previous.cue.start >= cs:
        return previous.speaker
    if registry is not None:
        return _clause_subject(text, cs, cs + len(left), registry, aliases)
    return None
