"""Speakers of attributions: the noun phrase before (or after) a cue, named, typed and resolved.

A speaker phrase keeps its role ("Putin's foreign policy adviser Yuri Ushakov"); its name comes
from the entity registry when the phrase ends in a registry alias (so Kim, Kim Jong Un and the
North Korean leader are one speaker), else from the capitalised name it ends in, else from the
phrase itself. Source types (the ``speaker_type`` vocabulary) come from the registry subtype or,
for unnamed sources, from ``analysis/resources/source_nouns.csv``. A pronoun is resolved to the
nearest fitting named person before it; when none is found it stays unresolved.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.core import schema
from analysis.core.config import resource
from analysis.entities import source_types
from analysis.entities.discovery import discover
from analysis.entities.gazetteer import is_place
from analysis.entities.lookup import resolve_phrase

SOURCE_TYPES = schema.SOURCE_TYPES  # the shared typology (docs/entities.md)
# registry subtype -> source type (one table for the whole package)
SUBTYPE_TYPES = source_types.SUBTYPE_TYPES
PERSON_PRONOUNS = {"he": "person", "she": "person", "i": "self", "we": "group", "they": "group",
                   "it": "thing", "his": "person", "her": "person", "their": "group",
                   "its": "thing"}  # possessives speak through noun cues: "his claim that"
DETERMINERS = {"the", "a", "an", "another", "some", "several", "one", "two", "both", "many",
               "other", "senior", "top", "most", "few", "this", "these", "those", "that"}
_PREPOSITION = re.compile(r"\s(?:to|of|for|at|in|from|with|on|under|close to|familiar with)\s")
_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*$")
NOT_SPEAKERS = {"who", "which", "that", "this", "there", "what", "where", "when"}
LEADING_OPENER = re.compile(r"(?:But|And|Yet|So|Still|Now|Then|Also|Even|Meanwhile|However|Instead|"
                            r"While|Whereas|Although|Though|Because|Since|If|Unless|When),?"
                            r"\s+(?=\S)")  # "While only 7 percent said ...": the subject after it
# a clock time before a name, as live blogs stamp their entries ("9:40PMIda Roe says", "40 p.m.
# Ida Roe said": the colon left only the minutes): no part of the speaker
CLOCK_TIME = re.compile(r"(?:\d{1,2}:)?\d{1,2}\s*[AaPp]\.?\s?[Mm]\.?\s*(?=[A-Z])")
# capitalised words that open a sentence but never name a speaker
FUNCTION_WORDS = {"after", "before", "while", "when", "in", "on", "at", "for", "as", "but", "and",
                  "if", "then", "also", "instead", "still", "yet", "so", "now", "later", "earlier",
                  "however", "meanwhile", "during", "since", "though", "although", "because",
                  "asked", "speaking", "here", "there", "this", "that", "it", "what", "why", "how",
                  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "today", "yesterday", "not", "even", "only", "just", "all", "both", "many",
                  "having", "said", "told", "according", "amid", "despite", "among", "with",
                  "without", "under", "from", "by", "like", "unlike", "addressing", "responding",
                  "writing", "citing", "including", "whether", "once", "no", "yes", "there’s",
                  "there's", "it’s", "it's", "none", "neither", "either", "every", "each",
                  "another", "other", "others", "some", "most", "several", "few", "his", "her",
                  "their", "its", "our", "my", "your", "we", "they", "he", "she", "you",
                  "where", "until", "unless", "whereas", "given", "following", "last", "next",
                  "january", "february", "march", "april", "june", "july", "september",
                  "october", "november", "december", "alongside", "inside", "i’m", "i'm"}
RELATIVE = {"who", "whom", "which", "that"}  # lower-case only: "That said" is no relative
# sentence adverbs, prepositions, auxiliaries and spans of time that, capitalised, open a
# sentence ("Indeed,", "Throughout the spring,", "Does Roe ...", "Hours later,", "More
# recently,"): read alone as the subject of a cue they name no
# source; the attribution stays, its source unread (its content often ends another's)
SENTENCE_OPENERS = frozenset({
    "throughout", "besides", "indeed", "perhaps", "along", "due", "whenever",
    "wherever", "likewise", "thus", "outside", "beyond", "across", "nevertheless", "nonetheless",
    "moreover", "furthermore", "otherwise", "does", "did", "don’t", "don't", "pretty", "back",
    "first", "more", "new", "hours", "days", "weeks", "months", "years", "minutes", "moments"})


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase found in a text; ``start``/``end`` cover the phrase with its role."""

    name: str  # canonical registry name, the person's name, or the phrase
    source_type: str
    start: int
    end: int
    text: str  # the phrase as written
    entity_id: str = ""
    how: str = "name"  # registry | name | role | pronoun | unresolved
    role: str = ""  # role phrase, lower case ("fire chief"); empty when none
    affiliation: str = ""  # organisation the speaker speaks for; empty when none


@lru_cache(maxsize=4)
def read_source_nouns(path: str | None = None) -> dict[str, str]:
    """Lower-case noun -> source type, for speakers without a registry name."""
    with open(path or resource("source_nouns.csv"), encoding="utf-8", newline="") as handle:
        return {row["noun"].strip().lower(): row["source_type"] for row in csv.DictReader(handle)}


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PERSON_PRONOUNS


# a verb of issuing inside a speaker phrase: the phrase ran into its clause ("Roe released a
# statement saying", invented); the subject is before it. Auxiliaries (has, is, will ...) were
# measured too: they made more attributions with wrong speakers (train speaker accuracy -0.004)
PHRASE_VERB = re.compile(r"\s(?:issued|released|put\s+out|posted|sent|published|tweeted|"
                         r"placed|aired|ran)\s")


# a capitalised word that, inside a Title Case headline, is the verb group or a clause after its
# subject ("Roe Just Responded", "Roe May Not Have", "Mayor Who Backed"), never a name's word
# ("Will" is a first name and "May" a month: left out)
HEADLINE_BREAKS = frozenset({"Just", "Already", "Might", "Has", "Have", "Had", "Is", "Are",
                             "Was", "Were", "Can", "Could", "Should", "Would", "Does", "Did",
                             "Not", "Never", "Now", "Who", "Says", "Said", "Got", "Gets"})


def headline_subject(speaker: Speaker, registry, aliases: dict[str, str] | None = None
                     ) -> Speaker:
    """A named speaker whose phrase is a Title Case headline's run ("Ines Varga Just Responded
    To"): the phrase up to the headline's verb (:func:`_headline_verb`) when it names a source
    there; else ``speaker`` as it is. The attribution itself stays as it was found."""
    if speaker.how not in ("name", "registry", "role"):
        return speaker
    verb = _headline_verb(speaker.text)
    subject = name_speaker(speaker.text[:verb], speaker.start, registry, aliases) if verb else None
    return subject if subject is not None and subject.how != "unresolved" else speaker


def _headline_verb(text: str) -> int:
    """Where the verb group of a Title Case phrase starts (every word capitalised, a word of
    :data:`HEADLINE_BREAKS` after the first): the subject ends before it; 0 when none."""
    if " " not in text or not text[0].isupper():
        return 0  # the cheap test first: most phrases are one word or open lower-case
    words = list(re.finditer(r"\S+", text))
    if not all(w.group(0)[0].isupper() or not w.group(0)[0].isalpha() for w in words):
        return 0
    return next((w.start() for w in words[1:] if w.group(0) in HEADLINE_BREAKS), 0)


def _before_verb(text: str) -> str:
    """``text`` up to a finite verb of :data:`PHRASE_VERB` (all of it when there is none)."""
    verb = PHRASE_VERB.search(text)
    return text[:verb.start()] if verb else text


# a phrase opening with a pronoun or "let" and a clitic is a clause, not a speaker
CLITIC_OPENING = re.compile(r"(?:it|that|let|there|here|what|this)[’']s\b", re.IGNORECASE)
# an intensifying reflexive after the subject ("Acme itself said", "Roe herself wrote"): the
# subject before it speaks; the phrase as written keeps it, as PolNeAR marks the source
REFLEXIVE_END = re.compile(r"\s+(?:itself|himself|herself|themselves)$", re.IGNORECASE)
CLITIC_WHY = re.compile(r"(?:it|that|this|here)[’']s\s+(?:why|how|because|when|where)\s+(?=\S)",
                        re.IGNORECASE)


def name_speaker(phrase: str, start: int, registry, aliases: dict[str, str] | None = None
                 ) -> Speaker | None:
    """Name and type the speaker phrase ``phrase`` (found at ``start``), or None if no source.

    Args:
        phrase: a noun phrase, e.g. "Putin's foreign policy adviser Yuri Ushakov".
        start: offset of the phrase in the article.
        registry: the entity registry.
        aliases: per-article surname -> full name map (filled as full names are seen).
    """
    text = phrase.strip(" ,;:\u00a0")
    if not text:
        return None
    lead = len(phrase) - len(phrase.lstrip(" ,;:\u00a0"))
    start += lead
    end = start + len(text)
    why = CLITIC_WHY.match(text)
    if why:  # "That’s why the mayor said": the subject after it
        return name_speaker(text[why.end():], start + why.end(), registry, aliases)
    if CLITIC_OPENING.match(text):  # "Let’s", "it’s time": no noun phrase, the source unread
        return Speaker("", "unknown", start, start + len(text), text, "", "unresolved")
    clitic = re.fullmatch(r"(he|she|they|we|i)[’'](?:s|d|ll|ve|re|m)", text, re.IGNORECASE)
    if clitic:  # "he’s said": the pronoun, without its auxiliary
        return Speaker("", "unknown", start, start + clitic.end(1), clitic.group(1), "", "pronoun")
    opener = LEADING_OPENER.match(text) or CLOCK_TIME.match(text)
    if opener:  # "But she", "And the minister": the subject after the connective
        return name_speaker(text[opener.end():], start + opener.end(), registry, aliases)
    last = re.search(r"(?<=\s)(he|she|they|we|it)$", text, re.IGNORECASE)
    if last and not re.search(r"(?:^|\s)(?:that|and|or|if|because|when|as)\s+\w+$", text,
                              re.IGNORECASE):  # "at the meeting on Friday she"
        return Speaker("", "unknown", start + last.start(), end, last.group(1), "", "pronoun")
    reflexive = REFLEXIVE_END.search(text) if text.endswith(("self", "selves")) else None
    if reflexive is not None:
        inner = name_speaker(text[:reflexive.start()], start, registry, aliases)
        return None if inner is None else replace(inner, end=end, text=text)
    lower = text.lower()
    if text in RELATIVE or lower in SENTENCE_OPENERS:  # "economists who argue": the relative
        # stands for an unnamed antecedent; "Indeed, ...": no noun phrase
        return Speaker("", "unknown", start, end, text, "", "unresolved")
    if lower in NOT_SPEAKERS or len(text.split()) > MAX_SPEAKER_WORDS:
        return None
    if lower in PERSON_PRONOUNS:
        return Speaker("", "unknown", start, end, text, "", "pronoun")
    head = _PREPOSITION.split(" " + text + " ", maxsplit=1)[0].strip()
    head = re.sub(r"\s*\([^()]*\)\s*$", "", head) or head  # "Sen. Jane Roe (D-Ore.)"
    mentions = [m for m in registry.find_mentions(head) if m.type != "place" or
                m.subtype == "country"]
    nouns = read_source_nouns()
    words = re.findall(r"[\w’'-]+", head)
    role_type = next((nouns[w.lower()] for w in reversed(words) if w.lower() in nouns), "")
    if mentions and mentions[-1].end >= len(head.rstrip(" )")):
        m = mentions[-1]
        return Speaker(m.name, SUBTYPE_TYPES.get(m.subtype, "unknown"), start, end, text,
                       m.entity_id, "registry")
    name_match = _name_in(head)
    if name_match and not _only_first_word(name_match, head):
        name = re.sub(r"[’']s?$", "", name_match.group(0))  # "Okafor's claim": Okafor
        name = (aliases or {}).get(name, name)
        if aliases is not None and " " in name:
            aliases[name.split()[-1]] = name
        return Speaker(name, role_type or "unknown", start, end, text, "", "name")
    if _before_verb(text) != text:  # "Roe released a statement saying": Roe, not the statement
        return name_speaker(_before_verb(text), start, registry, aliases)
    if role_type or (words and words[-1].lower() in nouns):
        plural_or_bare = role_type == "anonymous"
        first, _, rest = text.partition(" ")
        name = rest if first.lower() in DETERMINERS and rest else text
        return Speaker(name, role_type if not plural_or_bare else "anonymous", start, end, text,
                       "", "role")
    if mentions:  # "the U.S. envoy": a registry name as modifier of an unknown head noun
        return Speaker(text, "unknown", start, end, text, "", "role")
    return None


# an auxiliary inside a speaker phrase: the phrase ran over a clause ("the fund was under
# [attack]"); a relative clause before it is part of a noun phrase ("figures that were released")
INNER_AUXILIARY = re.compile(r"\s(?:is|are|was|were|be|been|has|have|had|will|would|can|could|"
                             r"should|may|might|must|does|do|did)\s")
RELATIVE_WORD = re.compile(r"\s(?:who|whom|whose|which|that)\s")


def inner_auxiliary(text: str) -> tuple[int, int] | None:
    """Where the last auxiliary inside ``text`` (with words on both sides) starts and ends, the
    white space around it included; None when there is none or a relative pronoun comes before
    it."""
    padded = " " + text + " "
    last = None
    for match in INNER_AUXILIARY.finditer(padded):
        last = match
    if last is None or last.start() == 0 or last.end() >= len(padded) - 1:
        return None
    if RELATIVE_WORD.search(padded[:last.start() + 1]):
        return None
    return last.start(), last.end() - 1  # offsets into text: the padding's space dropped


def _name_in(head: str) -> re.Match | None:
    """The capitalised run that ends ``head``, without leading words that open a sentence
    ("On Thursday", "Amid ...") or an all-capitals dateline ("WASHINGTON Sen. Jane Roe");
    None when nothing is left."""
    match = _NAME.search(head)
    while match:
        words = match.group(0).split()
        first = words[0].lower()
        dateline = words[0].isupper() and len(words[0]) > 2 and len(words) > 1 and \
            not words[1].isupper()
        if first not in FUNCTION_WORDS and not dateline:
            return match
        match = _NAME.search(match.group(0).split(None, 1)[1]) if len(words) > 1 else None
    return None


def _only_first_word(match: re.Match, head: str) -> bool:
    """True when the capitalised run is just the phrase's first word ("The", "Officials")."""
    word = match.group(0).lower()
    return match.start() == 0 and " " not in match.group(0) and (
        word in DETERMINERS or word in read_source_nouns() or word in ("officials", "sources"))


# a share or count of people as subject: "Some", "Most of them", "41 percent of tenants", "Nearly
# half", "all but three", "About three in 10 residents" (PolNeAR marks these as sources)
# a number spelled out, as at the start of a sentence ("Thirty-one percent said")
SPELLED_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                  r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
                  r"(?:thir|four|fif|six|seven|eigh|nine)teen|one|two|three|four|five|six|seven|"
                  r"eight|nine)")
QUANTIFIED = re.compile(
    r"(?:(?:nearly|about|almost|only|just|over|more\s+than|fewer\s+than|less\s+than|roughly|"
    r"some|a)\s+)?(?:some|many|most|few|several|others|all(?:\s+but\s+\w+)?|both|half|none|each|"
    r"neither|either|"
    r"a\s+majority|a\s+third|a\s+quarter|two-thirds|one|"
    rf"(?:\d+(?:\.\d+)?|{SPELLED_NUMBER})(?:\s+percent|%)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:out\s+)?(?:of|in)\s+"
    rf"(?:\d+|ten|{SPELLED_NUMBER}))"
    r"(?:\s+(?:of|in)\s+[\w’'. -]{1,60}|(?:\s+[\w’'-]+){0,2}\s+[a-z][\w’'-]*s)?", re.IGNORECASE)


GENERIC_MAX_WORDS = 8  # an unnamed speaker's noun phrase before any relative clause; PolNeAR train:
# 12 words gained 0.001 indirect recall and lost 0.003 cited-source precision
MAX_SPEAKER_WORDS = 12  # a whole speaker phrase, as in name_speaker


GENERIC_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "our", "its",
                                 "one", "another", "those", "some", "many", "most", "several",
                                 "other", "these", "this", "each", "every", "no", "neither",
                                 "either", "any"})
# what ends the noun phrase of a generic speaker: a relative ("parents who attended the meeting
# say") or a participle ("neighbours living near the plant say"); an -ing word right after the
# determiner modifies the noun instead ("the shipping tycoon said", "the acting director")
MODIFIER = re.compile(r"\s(who|that|which)\s|\s[a-z]+ing\s")


def generic_speaker(phrase: str, start: int) -> Speaker | None:
    """A short determiner-led phrase ("the clip", "my father") or a plural head noun ("experts
    on North Korea") as an unknown-type speaker; used only for the core speech verbs."""
    text = phrase.strip(" ,;:\u00a0")
    why = CLITIC_WHY.match(text)
    if why:  # "That’s why the mayor said"
        return generic_speaker(text[why.end():], start + phrase.index(text) + why.end())
    if CLITIC_OPENING.match(text):
        return Speaker("", "unknown", start + phrase.index(text), start + phrase.index(text)
                       + len(text), text, "", "unresolved")
    if _before_verb(text) != text:  # "many have trouble": the phrase ran into its clause
        return generic_speaker(phrase[:phrase.index(text) + len(_before_verb(text))], start)
    lead = re.match(r"(?:But|And|Yet|So|Also|Still|Now|[Ww]ith|While|Whereas|Although|Though|"
                    r"Because|Since|If|Unless|When|[Ee]ven)\s+", text)
    if lead:  # "But the clip", "with 30 percent of voters saying"
        start += lead.end()
        phrase, text = text[lead.end():], text[lead.end():]
    start += len(phrase) - len(phrase.lstrip(" ,;:\u00a0"))
    if QUANTIFIED.fullmatch(text):
        return Speaker(text, "unknown", start, start + len(text), text, "", "role")
    # the noun phrase before a relative or participle clause (:data:`MODIFIER`)
    modifier = next((m for m in MODIFIER.finditer(text)
                     if m.group(1) or text[:m.start()].lower() not in GENERIC_DETERMINERS), None)
    core = text[:modifier.start()] if modifier else text
    words = core.split()
    head = _PREPOSITION.split(" " + core + " ", maxsplit=1)[0].split()
    determined = 1 < len(words) <= GENERIC_MAX_WORDS and len(head) <= 4 and (
        words[0].lower() in GENERIC_DETERMINERS or re.search(r"[’']s$", words[0]))
    plural_head = 1 <= len(words) <= GENERIC_MAX_WORDS and head and head[-1].islower() and \
        head[-1].endswith("s") and not head[-1].endswith("ss")
    if not (determined or plural_head) or len(text.split()) > MAX_SPEAKER_WORDS:
        return None
    if not all(re.fullmatch(r"[\w’'.-]+", w) for w in words):
        return None
    return Speaker(core, "unknown", start, start + len(text), text, "", "role")


def resolve_pronoun(position: int, candidates: list[tuple[int, str, str]]) -> tuple[str, str]:
    """The nearest named person before ``position`` as ``(name, entity_id)``, or ``("", "")``.

    Args:
        position: offset of the pronoun.
        candidates: ``(offset, name, entity_id)`` of named persons in the article.
    """
    before = [c for c in candidates if c[0] < position]
    if not before:
        return "", ""
    _, name, entity_id = max(before, key=lambda c: c[0])
    return name, entity_id


# head nouns of things, measurements and bare groups: a speaker phrase that ends in one of them
# and names nobody is no source ("the readings", "both countries", "the pair"); people are
# sources, and a group speaks through its members or its organisation (issue 14). Not here:
# "results", "data", "polls" (PolNeAR marks them as sources, as documents), "both", "two" (people)
NOT_SOURCE_NOUNS = frozenset({
    "reading", "readings", "country", "countries", "nation", "nations", "pair", "street",
    "streets", "road", "town", "area", "region", "site", "place", "places",
})
# the prepositional tail that ties a phrase to a place ("Shop owners along Canal Street")
_PLACE_TAIL = re.compile(r"\s+(?:along|in|near|on|at|from|of|outside|across|around|off|by)\s+\S.*$",
                         re.DOTALL)


# words a noun phrase never ends in: an unnamed speaker phrase ending in one is a piece of a
# clause (PolNeAR train: such phrases matched a gold source 10 times in 190)
PHRASE_END_WORDS = frozenset({
    "the", "a", "an", "of", "in", "by", "for", "its", "their", "his", "her", "our", "my", "your",
    "from", "to", "on", "at", "with", "without", "can", "should", "would", "could", "will",
    "may", "might", "must", "and", "or", "is", "are", "was", "were", "than"})


def _ends_in_function_word(text: str) -> bool:
    words = re.findall(r"[\w’'-]+", text)  # a phrase of two words or more ("A" of "A: ..." is one)
    return len(words) > 1 and words[-1].lower() in PHRASE_END_WORDS


# words that open a clause, not a noun phrase: "What Roe decides ...", "Whether Roe's showing ..."
# (a named subject inside it is not the source of the cue after it)
CLAUSE_OPENERS = frozenset({"what", "why", "whether", "where", "when"})


def _clause_shaped(text: str) -> bool:
    """A named speaker's phrase that is a piece of a clause: it opens with a question word ("What
    Roe", "Whether the council's") or, without an appositive, ends in a function word ("Roe
    joined the tenants in", "praised Roe for"); or it is one function word ("To")."""
    words = re.findall(r"[\w’'-]+", text)
    if not words:
        return False
    if len(words) == 1:
        return words[0].lower() in PHRASE_END_WORDS
    return words[0].lower() in CLAUSE_OPENERS or ("," not in text and _ends_in_function_word(text))


# a clause before a noun or gerund cue that its subject owns: "Roe escalated her [attacks on]",
# "Roe opened her campaign by [attacking]", "Roe joined the tenants in [demanding]" (PolNeAR
# marks the subject as the source); the subject is the capitalised run that opens the clause
CLAUSE_WITH_SUBJECT = re.compile(
    r"(?P<subject>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:on\s+[A-Z][a-z]+day\s+)?"
    r"(?P<verb>[a-z][\w’'-]*)\b.*\s(?:his|her|its|their|by|in)$")


def _subject_of_clause(text: str) -> str:
    """The opening name of an unresolved clause-shaped phrase that ends in a possessive pronoun,
    "by" or "in" ("Roe on Tuesday stepped up her" -> "Roe"); "" when it has none."""
    match = CLAUSE_WITH_SUBJECT.fullmatch(text)
    if match is None or match.group("verb") in PHRASE_END_WORDS or \
            match.group("verb") in FUNCTION_WORDS or \
            match.group("subject").split()[0].lower() in NOT_CLAUSE_SUBJECTS:
        return ""
    return match.group("subject")


DETERMINER_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
NOT_CLAUSE_SUBJECTS = FUNCTION_WORDS | DETERMINER_WORDS  # first words no clause's subject opens with
# the same with a described subject and a regular past tense ("The Tessam council on Friday
# doubled down on its", "the board ended the meeting by")
DESCRIBED_CLAUSE = re.compile(
    r"(?P<subject>[Tt]he(?:\s+[\w’'.-]+){1,3}?)\s+(?:on\s+[A-Z][a-z]+day\s+)?(?:also\s+)?"
    r"[a-z]+ed\b.*\s(?:his|her|its|their|by|in)$")


# a phrase that ran over the auxiliary or modal of the cue's own verb group, with at most one
# adverb or floating quantifier after it ("the council should [ask]", "Roe and Lund have both
# [argued]", "many tenants would rather [vote]"): its subject is the noun phrase before it (not
# a form of "be": "the plan was [rejected]" is a passive, its subject no source)
MODAL_END = re.compile(
    r"(?P<subject>\S.*?)\s+(?:has|have|had|will|would|can|could|should|may|might|must|does|do|"
    r"did)(?:\s+(?:both|all|each|also|rather|sometimes|already|never|not|often|still|just|long|"
    r"repeatedly|generally|previously|now|increasingly|privately|publicly|openly|later|soon|"
    r"likely|probably|certainly|clearly))?")


def modal_subject(speaker: Speaker, registry) -> Speaker | None:
    """The subject of a phrase that ends in its verb's auxiliary or modal (:data:`MODAL_END`), as
    a named or described speaker; None when the phrase has no such end or its subject names no
    source (a clause opening with a question word: "what Roe can")."""
    match = MODAL_END.fullmatch(speaker.text)
    if match is None or match.group("subject").split()[0].lower() in CLAUSE_OPENERS | {
            "whoever", "whatever"}:
        return None
    subject = match.group("subject")
    found = name_speaker(subject, speaker.start, registry) or \
        generic_speaker(subject, speaker.start)
    return found if found is not None and found.how in ("name", "registry", "role") else None


def entity_speaker(doc, speaker: Speaker, registry) -> Speaker | None:
    """The speaker as an entity of :mod:`analysis.entities` (discovery reused, see
    ``docs/entities.md``): canonical name without title or role, the role and affiliation apart,
    the type from the role, the affiliation or the organisation's kind. None when the phrase
    names no source (a street or landscape place, a thing or a bare group noun).

    - "Fire Chief Marcus Odell", "Chief Odell" -> Marcus Odell, role fire chief;
    - "a spokesman for the state Department of Environmental Quality" -> "spokesman (Department
      of Environmental Quality)", role spokesman, affiliation the department, typed from it;
    - "Helen Okafor, Wrenfield's mayor" (the appositive taken as the phrase) -> Helen Okafor;
    - "Shop owners along Canal Street" -> "Shop owners"; "Canal Street", "the readings" -> None;
    - "Okafor's office", "Halvorsen workers": a name that does not end the phrase's head is no
      speaker's name (the phrase stays the speaker).
    Pronouns and unresolved phrases are returned as they are (resolved later).
    """
    if speaker.how in ("pronoun", "unresolved"):
        return speaker
    if speaker.how == "role" and _ends_in_function_word(speaker.text) or \
            speaker.how == "name" and _clause_shaped(speaker.text):
        subject = _subject_of_clause(speaker.text)
        named = name_speaker(subject, speaker.start, registry) if subject else None
        if named is not None and named.how in ("name", "registry"):
            return entity_speaker(doc, named, registry)  # "Roe stepped up her": Roe
        described = DESCRIBED_CLAUSE.fullmatch(speaker.text)
        unnamed = generic_speaker(described.group("subject"), speaker.start) if described \
            else None
        if unnamed is not None and unnamed.how == "role":  # "The council doubled down on its"
            return entity_speaker(doc, unnamed, registry)
        modal = modal_subject(speaker, registry)
        if modal is not None:  # "the council should": the council
            return entity_speaker(doc, modal, registry)
        # "one of the weaknesses is his refusal to": a piece of a clause, no noun phrase; the
        # attribution stays (its content is often right), its source unread, as an unresolved
        # pronoun's (dropping it lost 0.004 indirect recall on train)
        return replace(speaker, name="", source_type="unknown", how="unresolved")
    found = discover(doc, registry)
    res = resolve_phrase(doc, speaker.start, speaker.end, registry)
    if speaker.how == "registry":
        if res.entity_id == speaker.entity_id:
            return replace(speaker, role=res.role, affiliation=res.affiliation)
        return speaker
    text = doc.text[speaker.start:speaker.end]
    head_end = speaker.start + _head_end(text)
    if res.name and res.kind in ("person", "organisation") and _ends_head(
            doc, found, speaker, res.entity_id, head_end):
        return replace(speaker, name=res.name, entity_id=res.entity_id, role=res.role,
                       affiliation=res.affiliation, how="name",
                       source_type=_typed(res.source_type, speaker.source_type))
    before, at = _appositive_of(doc, found, speaker) if res.role and speaker.how == "role" \
        else (None, speaker.start)
    if before is not None:  # the phrase as written runs from the name: "Helen Okafor, Wrenfield's
        # mayor" (a source's head is its name, as PolNeAR marks it)
        return replace(speaker, name=before.name, entity_id=before.key, how="name", start=at,
                       text=doc.text[at:speaker.end],
                       role=res.role or (before.roles[0] if before.roles else ""),
                       affiliation=before.affiliation or res.affiliation,
                       source_type=_typed(before.source_type, res.source_type))
    if _place_of(found, speaker):
        return _before_place(speaker, text)
    if speaker.how == "name":  # a capitalised run discovery does not know as a person
        affiliation = res.name if res.kind == "organisation" else res.affiliation
        return replace(speaker, role=res.role, affiliation=affiliation,
                       source_type=_typed(res.source_type if res.role else "",
                                          speaker.source_type))
    if res.role:
        name = f"{res.role} ({res.affiliation})" if res.affiliation else speaker.name
        return replace(speaker, name=name, role=res.role, affiliation=res.affiliation,
                       source_type=_typed(res.source_type, speaker.source_type))
    head = speaker.name[:_head_end(speaker.name)]  # "ambassador to the United Nations": ambassador
    words = re.findall(r"[\w’'-]+", head.lower())
    if words and words[-1] in NOT_SOURCE_NOUNS:
        return None
    return replace(speaker, source_type=_typed(speaker.source_type, res.source_type))


def _typed(first: str, second: str) -> str:
    return first if first and first != "unknown" else (second or "unknown")


def _head_end(text: str) -> int:
    match = _PREPOSITION.search(text)
    return match.start() if match else len(text)


def _ends_head(doc, found, speaker: Speaker, entity_id: str, head_end: int) -> bool:
    """The entity's last mention ends the phrase, or ends its head (nothing but punctuation, an
    appositive or a bracket after it), or runs past the head ("The Department of ...")."""
    mentions = [m for e in found if e.key == entity_id for m in e.mentions
                if speaker.start <= m.start and m.end <= speaker.end]
    if not mentions:
        return False
    end = max(m.end for m in mentions)
    person = any(e.key == entity_id and e.kind == "person" for e in found)
    if person and not doc.text[end:speaker.end].strip(" .,"):  # "Chamber of Commerce president
        return True  # Dale Whitaker"; an organisation in the tail is an affiliation
    if min(m.start for m in mentions) >= head_end:
        return False
    rest = doc.text[end:head_end]
    return end >= head_end or not rest.strip(" .") or rest.lstrip().startswith((",", "("))


def _appositive_of(doc, found, speaker: Speaker):
    """The person named just before the phrase, which is their appositive ("Helen Okafor,
    Wrenfield's mayor, said"), and where that name starts; (None, the phrase's start) when
    there is none."""
    for e in found:
        if e.kind != "person":
            continue
        for m in e.mentions:
            if m.end <= speaker.start and re.fullmatch(r"\s*,\s*", doc.text[m.end:speaker.start]):
                return e, m.start
    return None, speaker.start


def _place_of(found, speaker: Speaker):
    """The place, found by a street or landscape word or a preposition (not a gazetteer
    country, state or city, which may stand for its government), that the speaker's name is."""
    for e in found:
        if e.kind != "place" or e.origin == "registry" or is_place(e.name):
            continue
        for m in e.mentions:
            if speaker.start <= m.start and m.end <= speaker.end and speaker.name in (
                    m.text, e.name):
                return e
    return None


def _before_place(speaker: Speaker, text: str) -> Speaker | None:
    """"Shop owners along Canal Street" -> "Shop owners"; nothing before the place -> None."""
    rest = _PLACE_TAIL.sub("", text).strip(" ,")
    if rest == text.strip(" ,") or not re.search(r"[a-z]", rest):
        return None
    first, _, tail = rest.partition(" ")
    name = tail if first.lower() in DETERMINERS and tail else rest
    return replace(speaker, name=name, how="role", entity_id="",
                   source_type=_typed(source_types.unnamed_type(rest), "unknown"))
