"""Source types: what kind of voice a person or organisation is, from roles and organisation kinds.

The typology follows the categories of sourcing studies (see ``docs/entities.md``): officials,
experts, business, advocacy groups, citizens, the media, other institutions, anonymous sources and
documents. Types come from two data files, never from a list of names:

- ``analysis/resources/source_roles.csv``: a role noun ("fire chief", "spokeswoman", "resident")
  -> source type; ``defer = yes`` when the role speaks for its affiliation (a spokeswoman for an
  environmental group is ``advocacy``, for a state department ``official``).
- ``analysis/resources/organisation_kinds.csv``: a word in or before an organisation's name
  (``head``: "Department", ``suffix``: "Inc.", ``descriptor``: "the environmental group ...")
  -> organisation kind and source type.

The vocabulary itself is :data:`analysis.core.schema.SOURCE_TYPES`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.core.config import resource
from analysis.core.schema import SOURCE_TYPES

UNKNOWN = "unknown"
INSTITUTION = "institution"
# registry subtype (analysis/resources/entities.csv) -> source type
SUBTYPE_TYPES = {
    "news_agency": "news_agency", "state_media": "state_media", "news_outlet": "news_outlet",
    "head_of_state": "official", "official": "official", "government": "official",
    "institution": "institution", "country": "official", "city": "official",
    "company": "business", "ngo": "advocacy", "university": "expert", "party": "institution",
}
# unnamed sources and documents (the words, not a name list): Carlson (2011) on anonymous sourcing
ANONYMOUS_NOUNS = frozenset({
    "source", "sources", "official", "officials", "insider", "insiders", "aide", "aides",
    "person", "people", "diplomat", "diplomats", "someone",
})
DOCUMENT_NOUNS = frozenset({
    "statement", "report", "letter", "filing", "records", "record", "document", "documents",
    "release", "press release", "study", "survey", "data", "figures", "memo", "complaint",
    "lawsuit", "order", "notice", "website", "post",
})


@dataclass(frozen=True)
class Role:
    """A row of ``source_roles.csv``."""

    role: str
    source_type: str
    defer: bool


@dataclass(frozen=True)
class OrgKind:
    """A row of ``organisation_kinds.csv``."""

    word: str
    position: str  # head | suffix | descriptor
    org_kind: str
    source_type: str


def _rows(name: str) -> list[dict]:
    with open(resource(name), encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    """Lower-case role phrase -> :class:`Role` (``source_roles.csv``)."""
    out = {}
    for row in _rows("source_roles.csv"):
        kind = row["source_type"].strip()
        if kind not in SOURCE_TYPES:
            raise ValueError(f"source_roles.csv: {row['role']!r} has unknown type {kind!r}")
        out[row["role"].strip().lower()] = Role(row["role"].strip().lower(), kind,
                                                row["defer"].strip() == "yes")
    return out


@lru_cache(maxsize=1)
def organisation_kinds() -> dict[tuple[str, str], OrgKind]:
    """``(position, lower-case word)`` -> :class:`OrgKind` (``organisation_kinds.csv``)."""
    out = {}
    for row in _rows("organisation_kinds.csv"):
        kind = row["source_type"].strip()
        if kind not in SOURCE_TYPES:
            raise ValueError(f"organisation_kinds.csv: {row['word']!r} has unknown type {kind!r}")
        word = row["word"].strip().lower()
        out[(row["position"].strip(), word)] = OrgKind(word, row["position"].strip(),
                                                       row["org_kind"].strip(), kind)
    return out


@lru_cache(maxsize=1)
def max_role_words() -> int:
    return max(len(r.split()) for r in roles())


def find_role(words: list[str]) -> str:
    """The longest role phrase that ``words`` end with (lower-cased), or ``""``.

    >>> find_role(["the", "Fire", "Chief"])
    'fire chief'
    """
    if not words:
        return ""
    last_words, longest = _role_ends()
    if words[-1].lower().rsplit(" ", 1)[-1] not in last_words:
        return ""  # no role phrase ends with the last word (most calls: a cheap look-up)
    lowered = [w.lower() for w in words[-longest:]]
    table = roles()
    for n in range(min(len(lowered), longest), 0, -1):
        phrase = " ".join(lowered[-n:])
        if phrase in table:
            return phrase
    return ""


@lru_cache(maxsize=1)
def _role_ends() -> tuple[frozenset[str], int]:
    """The last words of the role phrases (after their last space), and the most words a role
    phrase has: a phrase that ends with words is in the table only if its last word is one of
    them."""
    return frozenset(role.rsplit(" ", 1)[-1] for role in roles()), max_role_words()


@lru_cache(maxsize=65_536)  # names recur within and across articles
def organisation_kind(name: str, descriptor: str = "") -> OrgKind | None:
    """The kind of an organisation from its name ("Halvorsen Chemicals Inc.") or the descriptor
    written before it ("the environmental group"); the descriptor wins; None when nothing says."""
    table = organisation_kinds()
    descriptor_words = descriptor.lower().split()
    for n in range(min(3, len(descriptor_words)), 0, -1):
        found = table.get(("descriptor", " ".join(descriptor_words[-n:])))
        if found:
            return found
    words = [w.lower() for w in re.findall(r"[\w.&'’]+", name)]
    if not words:
        return None
    suffix = table.get(("suffix", words[-1])) or table.get(("suffix", words[-1].rstrip(".")))
    if suffix:
        return suffix
    # the head: the last word, or the word before "of" ("Department of Environmental Quality")
    heads = [words[-1]]
    if "of" in words:
        heads.insert(0, words[words.index("of") - 1] if words.index("of") else words[-1])
    for n in (3, 2):
        if len(words) >= n:
            heads.insert(0, " ".join(words[-n:]))
    for head in heads:
        found = table.get(("head", head))
        if found:
            return found
    return None


def is_organisation_name(name: str) -> bool:
    """True when a name run carries an organisation head or suffix ("... Department", "... Inc.")."""
    return organisation_kind(name) is not None


def person_type(role: str, affiliation_type: str = "") -> str:
    """Source type of a person from the role and the affiliation's source type.

    A role that defers (spokeswoman, chief executive, director) takes the affiliation's type when
    one is known; a person with no role word is ``unknown`` (not guessed).
    """
    found = roles().get(role.lower()) if role else None
    if found is None:
        return affiliation_type or UNKNOWN
    if found.defer and affiliation_type and affiliation_type != UNKNOWN:
        return affiliation_type
    return found.source_type


def organisation_type(name: str, descriptor: str = "") -> str:
    """Source type of an organisation: from its kind, else ``institution`` (other organisations)."""
    kind = organisation_kind(name, descriptor)
    return kind.source_type if kind else INSTITUTION


def registry_type(subtype: str) -> str:
    """Source type of a registry entity from its ``subtype``."""
    return SUBTYPE_TYPES.get(subtype, UNKNOWN)


def unnamed_type(phrase: str) -> str:
    """Source type of an unnamed phrase's head noun: ``anonymous`` ("officials", "a source"),
    ``document`` ("a statement"), a role's type ("a resident"), else ``unknown``."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if not words:
        return UNKNOWN
    if words[-1] in DOCUMENT_NOUNS or " ".join(words[-2:]) in DOCUMENT_NOUNS:
        return "document"
    if words[-1] in ANONYMOUS_NOUNS:
        return "anonymous"
    role = find_role(words)
    return roles()[role].source_type if role else UNKNOWN
