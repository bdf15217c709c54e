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
                   "it": "thing"}
DETERMINERS = {"the", "a", "an", "another", "some", "several", "one", "two", "both", "many",
               "other", "senior", "top", "most", "few", "this", "these", "those", "that"}
_PREPOSITION = re.compile(r"\s(?:to|of|for|at|in|from|with|on|under|close to|familiar with)\s")
_NAME = re.compile(r"(?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*$")
NOT_SPEAKERS = {"who", "which", "that", "this", "it", "there", "what", "where", "when"}
# capitalised words that open a sentence but never name a speaker
FUNCTION_WORDS = {"after", "before", "while", "when", "in", "on", "at", "for", "as", "but", "and",
                  "if", "then", "also", "instead", "still", "yet", "so", "now", "later", "earlier",
                  "however", "meanwhile", "during", "since", "though", "although", "because",
                  "asked", "speaking", "here", "there", "this", "that", "it", "what", "why", "how",
                  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "today", "yesterday", "not", "even", "only", "just", "all", "both", "many",
                  "having", "said", "told", "according"}
RELATIVE = {"who", "whom"}


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
    lower = text.lower()
    if lower in RELATIVE:  # "economists who argue": the relative stands for an unnamed antecedent
        return Speaker("", "unknown", start, end, text, "", "unresolved")
    if lower in NOT_SPEAKERS or len(text.split()) > 12:
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
    name_match = _NAME.search(head)
    if name_match and name_match.group(0).split()[0].lower() in FUNCTION_WORDS:
        rest = name_match.group(0).split(None, 1)
        name_match = _NAME.search(rest[1]) if len(rest) > 1 else None
    if name_match and not _only_first_word(name_match, head):
        name = name_match.group(0)
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


def _only_first_word(match: re.Match, head: str) -> bool:
    """True when the capitalised run is just the phrase's first word ("The", "Officials")."""
    word = match.group(0).lower()
    return match.start() == 0 and " " not in match.group(0) and (
        word in DETERMINERS or word in read_source_nouns() or word in ("officials", "sources"))


def generic_speaker(phrase: str, start: int) -> Speaker | None:
    """A short determiner-led phrase ("the clip", "my father") or a plural head noun ("experts
    on North Korea") as an unknown-type speaker; used only for the core speech verbs."""
    text = phrase.strip(" ,;:\u00a0")
    lead = re.match(r"(?:But|And|Yet|So|Also|Still|Now)\s+", text)
    if lead:
        start += lead.end()
        phrase, text = text[lead.end():], text[lead.end():]
    words = text.split()
    head = _PREPOSITION.split(" " + text + " ", maxsplit=1)[0].split()
    determined = 1 < len(words) <= 8 and len(head) <= 4 and (words[0].lower() in (
        "the", "a", "an", "his", "her", "their", "my", "our", "its", "one", "another", "those",
        "some", "many", "most", "several", "other", "these") or re.search(r"[’']s$", words[0]))
    plural_head = 1 <= len(words) <= 8 and head and head[-1].islower() and \
        head[-1].endswith("s") and not head[-1].endswith("ss")
    if not (determined or plural_head):
        return None
    if not all(re.fullmatch(r"[\w’'.-]+", w) for w in words):
        return None
    start += len(phrase) - len(phrase.lstrip(" ,;:\u00a0"))
    return Speaker(text, "unknown", start, start + len(text), text, "", "role")


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
