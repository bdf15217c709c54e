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
from dataclasses import dataclass
from functools import lru_cache

from analysis.core.config import resource

SOURCE_TYPES = {
    "news_agency": "news agency or wire service",
    "state_media": "state-run news media",
    "news_outlet": "other news outlet",
    "official": "head of state or government official",
    "institution": "government, ministry, party, organisation",
    "anonymous": "unnamed source (sources, officials, a person familiar)",
    "document": "statement, report, letter",
    "unknown": "not in the registry and no role word: not guessed",
}
# registry subtype -> source type
SUBTYPE_TYPES = {
    "news_agency": "news_agency", "state_media": "state_media", "news_outlet": "news_outlet",
    "head_of_state": "official", "official": "official", "institution": "institution",
    "government": "institution", "country": "institution",
}
PERSON_PRONOUNS = {"he": "person", "she": "person", "i": "self", "we": "group", "they": "group",
                   "it": "thing", "his": "person", "her": "person", "their": "group",
                   "its": "thing"}  # possessives speak through noun cues: "his claim that"
DETERMINERS = {"the", "a", "an", "another", "some", "several", "one", "two", "both", "many",
               "other", "senior", "top", "most", "few", "this", "these", "those", "that"}
_PREPOSITION = re.compile(r"\s(?:to|of|for|at|in|from|with|on|under|close to|familiar with)\s")
_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*$")
NOT_SPEAKERS = {"who", "which", "that", "this", "there", "what", "where", "when"}
LEADING_OPENER = re.compile(r"(?:But|And|Yet|So|Still|Now|Then|Also|Meanwhile|However|Instead),?"
                            r"\s+(?=\S)")
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


@lru_cache(maxsize=4)
def read_source_nouns(path: str | None = None) -> dict[str, str]:
    """Lower-case noun -> source type, for speakers without a registry name."""
    with open(path or resource("source_nouns.csv"), encoding="utf-8", newline="") as handle:
        return {row["noun"].strip().lower(): row["source_type"] for row in csv.DictReader(handle)}


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PERSON_PRONOUNS


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
    opener = LEADING_OPENER.match(text)
    if opener:  # "But she", "And the minister": the subject after the connective
        return name_speaker(text[opener.end():], start + opener.end(), registry, aliases)
    last = re.search(r"(?<=\s)(he|she|they|we|it)$", text, re.IGNORECASE)
    if last and not re.search(r"(?:^|\s)(?:that|and|or|if|because|when|as)\s+\w+$", text,
                              re.IGNORECASE):  # "at the meeting on Friday she"
        return Speaker("", "unknown", start + last.start(), end, last.group(1), "", "pronoun")
    lower = text.lower()
    if text in RELATIVE:  # "economists who argue": the relative stands for an unnamed antecedent
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
    if role_type or (words and words[-1].lower() in nouns):
        plural_or_bare = role_type == "anonymous"
        first, _, rest = text.partition(" ")
        name = rest if first.lower() in DETERMINERS and rest else text
        return Speaker(name, role_type if not plural_or_bare else "anonymous", start, end, text,
                       "", "role")
    if mentions:  # "the U.S. envoy": a registry name as modifier of an unknown head noun
        return Speaker(text, "unknown", start, end, text, "", "role")
    return None


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
        match = _NAME.search(words and match.group(0).split(None, 1)[1]) if len(words) > 1 \
            else None
    return None


def _only_first_word(match: re.Match, head: str) -> bool:
    """True when the capitalised run is just the phrase's first word ("The", "Officials")."""
    word = match.group(0).lower()
    return match.start() == 0 and " " not in match.group(0) and (
        word in DETERMINERS or word in read_source_nouns() or word in ("officials", "sources"))


# a share or count of people as subject: "Some", "Most of them", "41 percent of tenants", "Nearly
# half", "all but three", "About three in 10 residents" (PolNeAR marks these as sources)
QUANTIFIED = re.compile(
    r"(?:(?:nearly|about|almost|only|just|over|more\s+than|fewer\s+than|less\s+than|roughly|"
    r"some|a)\s+)?(?:some|many|most|few|several|others|all(?:\s+but\s+\w+)?|both|half|"
    r"a\s+majority|a\s+third|a\s+quarter|two-thirds|one|\d+(?:\.\d+)?(?:\s+percent|%)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:out\s+)?(?:of|in)\s+(?:\d+|ten))"
    r"(?:\s+(?:of|in)\s+[\w’'. -]{1,60}|\s+[a-z][\w’'-]*s)?", re.IGNORECASE)


GENERIC_MAX_WORDS = 8  # an unnamed speaker's noun phrase before any relative clause; PolNeAR train:
# 12 words gained 0.001 indirect recall and lost 0.003 cited-source precision
MAX_SPEAKER_WORDS = 12  # a whole speaker phrase, as in name_speaker


def generic_speaker(phrase: str, start: int) -> Speaker | None:
    """A short determiner-led phrase ("the clip", "my father") or a plural head noun ("experts
    on North Korea") as an unknown-type speaker; used only for the core speech verbs."""
    text = phrase.strip(" ,;:\u00a0")
    lead = re.match(r"(?:But|And|Yet|So|Also|Still|Now|[Ww]ith)\s+", text)
    if lead:  # "But the clip", "with 30 percent of voters saying"
        start += lead.end()
        phrase, text = text[lead.end():], text[lead.end():]
    start += len(phrase) - len(phrase.lstrip(" ,;:\u00a0"))
    if QUANTIFIED.fullmatch(text):
        return Speaker(text, "unknown", start, start + len(text), text, "", "role")
    # the noun phrase before a relative or participle clause: "neighbours living
    # near the plant say", "parents who attended the meeting say"
    modifier = re.search(r"\s(?:who|that|which)\s|\s[a-z]+ing\s", text)
    core = text[:modifier.start()] if modifier else text
    words = core.split()
    head = _PREPOSITION.split(" " + core + " ", maxsplit=1)[0].split()
    determined = 1 < len(words) <= GENERIC_MAX_WORDS and len(head) <= 4 and (
        words[0].lower() in ("the", "a", "an", "his", "her", "their", "my", "our", "its", "one",
                             "another", "those", "some", "many", "most", "several", "other",
                             "these") or re.search(r"[’']s$", words[0]))
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
