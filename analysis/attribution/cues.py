"""Attribution cues: the verbs and phrases that introduce what a source said, from a data file.

``analysis/resources/cue_verbs.csv`` lists each cue's lemma, its word forms, its class
(``neutral`` or ``loaded``, after Wikipedia's MOS:SAID words-to-watch list and Caldas-Coulthard's
1994 taxonomy of speech-reporting verbs) and its complement type, which decides what part of the
sentence is reported content:

- ``clause``: said/told/stated/reported (that) ... : the clause is reported content;
- ``np``: expressed/pointed out/criticised + noun phrase: an attribution, but the noun phrase stays
  in the outlet's own voice;
- ``as``: characterised/described/called A as B: only B is reported content;
- ``prep``: according to X / as per X: the rest of the clause is reported content;
- ``remarks``: "In remarks, X ...": the clause after the speaker;
- ``stance``: wants/plans/supports/knows/expects ...: attributions of intention or belief (PolNeAR
  counts them), whose content stays in the outlet's own voice.

Hedge markers of an attribution (reportedly, allegedly) are the rows of
``analysis/resources/hedging_markers.csv`` marked ``hedges_attribution`` (one list with the hedging
measure, :mod:`analysis.measures.hedging`), reported separately from the cue class.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from analysis.core.config import resource
from analysis.core.literals import LiteralIndex, key_of
from analysis.core.patterns import ascii_firsts

CUE_CLASSES = ("neutral", "loaded")
# forms that are also nouns ("state media", "the report"): a cue only when the next word is not
# a lower-case noun ("state news agency" is no cue; "reports that", "claimed the" are)
NOUN_LIKE_FORMS = {"state", "states", "report", "reports", "comment", "comments", "note", "notes",
                   "call", "calls", "claim", "claims", "tweet", "tweets", "quote", "quotes",
                   "promise", "promises", "pledge", "pledges", "warning", "vow", "vows",
                   "plans", "plan", "support", "supports", "fears", "hopes", "offers", "questions",
                   "worries", "worry", "fear", "hope", "wants", "knows", "discussed", "expected",
                   "decline", "call for",
                   "release", "cite", "thought"}
CLAUSE_STARTERS = {"that", "to", "on", "in", "at", "the", "a", "an", "his", "her", "their", "its",
                   "it", "this", "he", "she", "they", "we", "i", "there", "these", "those", "our",
                   "my", "your", "you", "him", "them", "us", "me", "what", "how", "why", "whether",
                   "reporters", "journalists", "last", "earlier", "during", "after", "before"}
COMPLEMENTS = ("clause", "np", "as", "prep", "remarks", "stance")
# "state" and "states" are nouns ("in five states", "state lawmakers", "a home state") unless
# they introduce what is stated: "that", a colon, a quotation mark (after a comma or not);
# the base form is a verb after "to", a modal or a personal pronoun ("to state", "they state")
STATES_A_CLAIM = re.compile(r"\s*(?:that\b|:|,?\s*[“\"‘'])")
# "reported from" and a place that ends the sentence: a reporter's credit line at the foot of an
# article ("Okafor reported from Tessam; Lund, from Orrin."), no attribution
CREDIT_LINE = re.compile(r"\s+from\s+[A-Z][\w’'-]*(?:[\s,.]+[A-Z][\w’'-]*\.?)*\s*(?:[.;]|[—–]|$)")
PHRASAL_PARTICLE = re.compile(r"\s+(?:up|off)\b")
STATE_VERB_BEFORE = {"to", "will", "would", "could", "should", "may", "might", "must", "can", "did",
                     "does", "do", "not", "they", "we", "i", "you"}


@dataclass(frozen=True)
class Cue:
    """One cue form found in a text (offsets end-exclusive)."""

    form: str
    lemma: str
    cue_class: str
    complement: str
    start: int
    end: int


@lru_cache(maxsize=4)
def read_cue_lexicon(path: str | None = None) -> dict[str, tuple[str, str, str]]:
    """Lower-case cue form -> (lemma, class, complement), from the CSV at ``path`` or the default."""
    lexicon: dict[str, tuple[str, str, str]] = {}
    with open(path or resource("cue_verbs.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["class"] not in CUE_CLASSES or row["complement"] not in COMPLEMENTS:
                raise ValueError(f"cue_verbs.csv: bad class or complement in {row}")
            for form in row["forms"].split("|"):
                lexicon[form.strip().lower()] = (row["lemma"], row["class"], row["complement"])
    return lexicon


@lru_cache(maxsize=4)
def read_hedges(path: str | None = None) -> frozenset[str]:
    """Lower-case markers that hedge an attribution (``reportedly``, ``allegedly``): the rows of
    the hedging markers file (:mod:`analysis.measures.hedging`) with ``hedges_attribution`` = ``yes``."""
    with open(path or resource("hedging_markers.csv"), encoding="utf-8", newline="") as handle:
        return frozenset(row["marker"].strip().lower() for row in csv.DictReader(handle)
                         if (row.get("hedges_attribution") or "").strip().lower() == "yes")


def _cue_forms(path: str | None = None) -> list[str]:
    """The lexicon's forms in the order the cue regex tries them: longest first."""
    return sorted(read_cue_lexicon(path), key=lambda f: (-len(f), f))


def _forms_regex(forms) -> re.Pattern:
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w’'-])", re.IGNORECASE)


@lru_cache(maxsize=4)
def _cue_regex(path: str | None = None) -> re.Pattern:
    return _forms_regex(_cue_forms(path))


@lru_cache(maxsize=512)
def _cue_regex_at(char: str, path: str | None = None) -> re.Pattern | None:
    """The cue regex with only the forms that can start at ``char`` (same order), so that it
    finds at a position starting with ``char`` what the whole regex finds there; None when no
    form can start there."""
    letters = {first for first, ignore_case in ascii_firsts(char) if ignore_case}
    forms = [f for f in _cue_forms(path)
             if f[0] in letters or not (f[0].isascii() and f[0].isalnum())]
    return _forms_regex(forms) if forms else None


@lru_cache(maxsize=4)
def _forms_start_with_word_characters(path: str | None = None) -> bool:
    return all(re.match(r"\w", form) for form in read_cue_lexicon(path))


_RUN_CHARS = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=4)
def _first_words(path: str | None = None) -> frozenset[str] | None:
    """The lower-case first words of the forms, when each is an ASCII run of word characters,
    apostrophes and hyphens (else None): an ASCII run of the text that is none of them starts
    no cue."""
    words = frozenset(form.split(" ")[0] for form in read_cue_lexicon(path))
    return words if all(w.isascii() and _RUN_CHARS.fullmatch(w) for w in words) else None


def cue_matches(text: str) -> list[re.Match]:
    """What ``_cue_regex().finditer(text)`` yields, trying only the places where a form's first
    word occurs at a word start, each with the forms that can start with its character.

    The places come from one pass of the shared literal index (:func:`_first_word_index`,
    :mod:`analysis.core.literals`) over the text, as for framing cues, naming labels, hedges and
    entity aliases: it folds case as the engine does under ``IGNORECASE`` (the dotted and dotless
    i, long s and Kelvin sign included), so it misses no place where a form matches; each place
    is confirmed with the cue regex itself, so the matches are the regex's."""
    if not _forms_start_with_word_characters():
        return list(_cue_regex().finditer(text))
    found = []
    position = 0
    size = len(text)
    for at, lengths in _first_word_index().candidates(text, word_starts=True):
        if at < position:
            continue  # inside the last match, or a second first word at the same place
        length = lengths[0]
        after = at + length  # the first word ends here (folding keeps one character for one)
        if after < size and (text[after].isalnum() or text[after] in "_’'-"):
            continue  # inside a longer run: no form matches here (they end, or go on after \s)
        pattern = _cue_regex_at(text[at])
        match = pattern.match(text, at) if pattern is not None else None
        if match:
            found.append(match)
            position = match.end()
        else:
            position = at + 1
    return found


@lru_cache(maxsize=4)
def _first_word_index(path: str | None = None) -> LiteralIndex:
    """The first word of every form, in the shared literal index, with the length of its key
    (every form starts with a word character: :func:`cue_matches` checks it before using the
    index; a key that folds runs of white space never occurs, as first words hold none)."""
    index = LiteralIndex()
    for word in sorted({form.split(" ")[0] for form in read_cue_lexicon(path)}):
        index.add(word, len(key_of(word)))  # the length of the text the key stands for
    return index


def in_spans(spans: Sequence[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether a position lies inside one of ``spans`` (``start <= position < end``):
    the spans starting at or before it reach past it. One bisection per position (issue 19: not
    every span for every position)."""
    if not spans:
        return _nowhere  # the paragraphs without quotations (issue 16: two lists built for none)
    ordered = sorted(spans)
    starts, reach = [s for s, _ in ordered], list(accumulate((e for _, e in ordered), max))

    def inside(position: int) -> bool:
        at = bisect_right(starts, position)
        return bool(at) and reach[at - 1] > position
    return inside


def _nowhere(position: int) -> bool:
    return False


def find_cues(text: str, offset: int = 0, masked: list[tuple[int, int]] = ()) -> list[Cue]:
    """Cue forms in ``text`` outside the ``masked`` spans (offsets into the article).

    A form typed with a capital inside a sentence (``Say``, ``Report`` as nouns in names) is
    skipped unless it opens the text.
    """
    lexicon = read_cue_lexicon()
    found = []
    inside = in_spans(masked)
    for match in cue_matches(text):
        start, end = match.start() + offset, match.end() + offset
        if inside(start):
            continue
        form = match.group(0)
        if form in ("State", "States") and match.start() > 0:
            continue  # part of a name inside a sentence: the United States, Islamic State
        if form[0].isupper() and match.start() > 0 and form.lower() not in (
                "according to", "as per", "in remarks") and not _title_case_context(text, match):
            continue
        if form.lower() in NOUN_LIKE_FORMS and (not _verb_context(text, match.end())
                                                or _after_determiner(text, match.start())):
            continue
        if form.lower() in ("show", "shows", "showed", "showing") and \
                PHRASAL_PARTICLE.match(text, match.end()):
            continue  # "voters show up", "showed off the plans": no attribution
        if form.lower() == "reported" and CREDIT_LINE.match(text, match.end()):
            continue  # a reporter's credit line: "Okafor reported from Tessam."
        if form.lower() in ("state", "states") and not _states_a_claim(text, match):
            continue
        if form.lower() in ("note", "notes") and re.match(r"\s*:", text[match.end():]):
            continue  # a label: "Editor’s note: this story was updated ..."
        if _reduced_relative(text, match):
            continue
        key = form.lower()  # letters alone hold no white space to make one (issue 16)
        lemma, cue_class, complement = lexicon[key if key.isalpha() else re.sub(r"\s+", " ", key)]
        found.append(Cue(form, lemma, cue_class, complement, start, end))
    return found


# "attack(s)", "support(s)" and "question(s)" are far more often nouns in news ("terror attacks",
# "41 percent support;", "little support on the council"): the cue is kept (its content often
# ends another's), but the phrase before a noun use names no source; a verb stands right before
# its object (a capitalised word, a pronoun, a determiner: "the senator attacks Roe"), a noun with
# a source has a possessor and a target ("her attacks on the council", "Roe's attack against the
# plan"); past and -ing forms are verbs
NOUN_FIRST_FORMS = {"attack", "attacks", "support", "supports", "question", "questions"}
OBJECT_STARTERS = {"him", "her", "them", "us", "me", "you", "it", "the", "a", "an", "his", "their",
                   "its", "our", "my", "your", "this", "that", "these", "those", "each", "both",
                   "every", "any", "some", "all", "what", "how", "why", "whether"}
POSSESSIVES = {"his", "her", "their", "its", "our", "my", "your"}
# a cue word that is also a noun, followed by a finite auxiliary or copula, heads the subject of
# that verb ("the main question is whether", "a strong showing might push"): not a cue with a
# subject before it (a verb there is a relative's gap: "what the board says is", kept)
NOUN_HEADS = NOUN_LIKE_FORMS - {"knows", "wants", "hopes", "fears", "worries", "expected",
                                "discussed", "thought"} | {"question", "show", "showing", "focus"}
SUBJECT_HEAD = re.compile(r"\s+(?:is|was|are|were|has|had|will|would|could|can|may|might|should|"
                          r"must)\b")


# "show(s)" and "showing" as nouns: a broadcast or exhibition after its kind ("the TV show", "a
# radio talk show"), and a result after a determiner or possessive and its modifiers with no
# object after it ("a strong showing in Tessam", "his worst showing since 2010")
SHOW_KINDS = frozenset({"tv", "talk", "radio", "news", "morning", "evening", "cable", "game",
                        "reality", "fireworks", "trade", "air", "late-night", "comedy", "quiz",
                        "chat", "cooking", "variety", "road", "award", "awards", "fashion"})
SHOWING_NOUN = re.compile(r"(?:^|\s)(?:a|an|the|his|her|their|its|our|my|your|[\w-]+[’']s)"
                          r"(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
AFTER_NOUN = re.compile(r"\s*(?:[.,;:)!?—–-]|$|(?:in|from|at|since|of|for|on|by|among|with|"
                        r"than|so)\b)")


def _no_object(text: str, end: int) -> bool:
    """No clause or object after ``end``: punctuation, the end, or a lower-case word that starts
    neither (:data:`CLAUSE_STARTERS`)."""
    following = re.match(r"\s*([\w’'-]+)", text[end:end + 30])
    return following is None or following.group(1)[0].islower() and \
        following.group(1) not in CLAUSE_STARTERS


def _show_noun(text: str, start: int, end: int, form: str) -> bool:
    """"show(s)" after a kind of show, "showing" after a determiner with no object: nouns."""
    if form in ("show", "shows"):  # not before what is shown ("the game shows that", "ABC
        # News shows the"): a clause or an object
        return _word_before(text, start).lower() in SHOW_KINDS and _no_object(text, end)
    return SHOWING_NOUN.search(text[max(0, start - 40):start]) is not None and \
        AFTER_NOUN.match(text, end) is not None


def sourceless_noun(text: str, cue: Cue, offset: int = 0) -> bool:
    """True when ``cue`` (offsets into ``text`` plus ``offset``) is used as a noun, so the phrase
    before it names no source: "attack(s)", "support(s)" or "question(s)" with no object and no
    possessor with a target (:data:`NOUN_FIRST_FORMS`), or a noun-like cue form heading the
    subject of a finite auxiliary or copula right after it (:data:`NOUN_HEADS`)."""
    start, end = cue.start - offset, cue.end - offset
    if cue.form.lower() in NOUN_HEADS and SUBJECT_HEAD.match(text, end):
        return True
    if cue.form.lower() in ("show", "shows", "showing") and \
            _show_noun(text, start, end, cue.form.lower()):
        return True  # "the TV show", "a strong showing in Tessam"
    if cue.form.lower() not in NOUN_FIRST_FORMS:
        return False
    following = re.match(r"\s*([\w’'-]+|\S)", text[end:end + 40])
    if not following:
        return False  # a phrase read alone: as the verb
    word = following.group(1)
    if word[0].isupper() or word.lower() in OBJECT_STARTERS:
        return False
    target = re.match(r"\s+(?:on|against)\s+(\S)", text[end:end + 14])
    if target and target.group(1).isupper():
        return False  # "attacks on Roe": a person or a body as the target
    if target:
        words = re.findall(r"[\w’'-]+", text[max(0, start - 50):start])[-2:]
        if any(w.lower() in POSSESSIVES or re.search(r"\w[’']s?$", w) is not None
               for w in words):
            return False  # "her attacks on the plan", "Roe's sharp attacks on the plan"
    return True


def _title_case_context(text: str, match: re.Match) -> bool:
    """A capitalised cue inside a Title Case headline ("Putin Says Treaty Will Last ...")."""
    before = re.findall(r"[A-Za-z’'-]+", text[max(0, match.start() - 40):match.start()])
    after = re.findall(r"[A-Za-z’'-]+", text[match.end():match.end() + 40])
    return bool(before) and before[-1][0].isupper() and (not after or after[0][0].isupper())


NOUN_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "every", "each", "of",
                    "no", "any"}  # not possessives: "his claim that" is a noun cue (PolNeAR)
# "the readings reported so far", "figures cited above": a participle after its noun, not a cue
REDUCED_RELATIVE_AFTER = re.compile(r"\s+(?:so\s+far|to\s+date|thus\s+far|above|below)\b")


def _after_determiner(text: str, start: int) -> bool:
    """True when the word before ``start`` is a determiner or "of": "the state Department",
    "a report", "of state" are nouns."""
    previous = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 20):start])
    return bool(previous) and previous.group(1).lower() in NOUN_DETERMINERS


def _reduced_relative(text: str, match: re.Match) -> bool:
    """A past participle right after a lower-case noun and before "so far" / "to date" / "above":
    "the readings reported so far exceed ..." describes the readings, it attributes nothing."""
    if not match.group(0).lower().endswith("ed"):
        return False
    if REDUCED_RELATIVE_AFTER.match(text, match.end()) is None:  # the cheap test first
        return False
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, match.start() - 30):match.start()])
    return bool(before) and before.group(1).islower()


# a frame after a quotation: "“...,” the leaflet states." (up to six words between)
FRAME_AFTER_QUOTE = re.compile(r"[,!?][”\"’]\s+(?:[\w.’'-]+\s+){1,6}$")


def _states_a_claim(text: str, match: re.Match) -> bool:
    """"state(s)" as a verb: before what is stated, after a pronoun subject ("it states"), in a
    frame after a quotation, or the base form after "to", a modal or a pronoun."""
    if STATES_A_CLAIM.match(text, match.end()):
        return True
    before = _word_before(text, match.start()).lower()
    if match.group(0).lower() == "states":
        return before in ("it", "he", "she", "which", "who") or \
            FRAME_AFTER_QUOTE.search(text[max(0, match.start() - 80):match.start()]) is not None
    return before in STATE_VERB_BEFORE


def _word_before(text: str, start: int) -> str:
    previous = re.search(r"([\w’'-]+)\s*$", text[max(0, start - 30):start])
    return previous.group(1) if previous else ""


def _verb_context(text: str, end: int) -> bool:
    """True unless the next word is a lower-case word that does not start a clause or object."""
    following = re.match(r"\s*([\w’'-]+)", text[end:])
    if not following:
        return True
    word = following.group(1)
    return not word[0].islower() or word.lower() in CLAUSE_STARTERS


def hedge_before(text: str) -> str:
    """The hedge marker among the last three words of ``text`` (``""`` when none)."""
    hedges = read_hedges()
    for word in reversed(re.findall(r"[A-Za-z]+", text)[-3:]):
        if word.lower() in hedges:
            return word.lower()
    return ""


def hedge_in(text: str) -> str:
    """The first hedge marker anywhere in ``text`` (``""`` when none)."""
    hedges = read_hedges()
    return next((w.lower() for w in re.findall(r"[A-Za-z]+", text) if w.lower() in hedges), "")
