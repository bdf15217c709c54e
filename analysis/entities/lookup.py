"""What a phrase of an article refers to: the API that attribution and naming call.

:func:`resolve_phrase` reads a speaker phrase ("Fire Chief Marcus Odell", "Chief Odell", "a
spokesman for the state Department of Environmental Quality", "officials") against the entities
that :mod:`analysis.entities.discovery` found in the article: canonical name, role, affiliation, kind and
source type.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from analysis.corpus.document import Document, memo
from analysis.entities.discovery import discover, tokens_of
from analysis.entities.source_types import find_role, person_type, unnamed_type


@dataclass(frozen=True)
class Resolved:
    """What a speaker phrase refers to (see :func:`resolve_phrase`)."""

    name: str  # canonical name ("Marcus Odell"); empty for an unnamed source
    entity_id: str  # entity key (empty for an unnamed source)
    kind: str  # person | organisation | place | "" (unnamed)
    role: str  # role phrase, lower case ("fire chief"); empty when none
    affiliation: str  # organisation or place the person speaks for; empty when none
    source_type: str  # a type of analysis.core.schema.SOURCE_TYPES


def _mentions_inside(doc: Document, registry, start: int, end: int) -> list:
    """``(mention, entity)`` of every mention inside ``[start, end)``, entity by entity in the
    order of :func:`discover`, found by bisection over the mentions sorted by start (issue 19: a
    pass over every mention for each phrase grew with speakers times mentions)."""
    index = memo(doc, ("mention_index", id(registry)), lambda: _mention_index(doc, registry))
    low, high = bisect_left(index[0], start), bisect_right(index[0], end)
    return [(m, e) for _, _, m, e in sorted(index[1][low:high], key=lambda row: row[:2])
            if m.end <= end]


def _mention_index(doc: Document, registry) -> tuple[list[int], list]:
    rows = sorted(((m.start, (n, k)), (n, k), m, e) for n, e in enumerate(discover(doc, registry))
                  for k, m in enumerate(e.mentions))
    return [row[2].start for row in rows], [(row[1][0], row[1][1], row[2], row[3]) for row in rows]


def resolve_phrase(doc: Document, start: int, end: int, registry=None) -> Resolved:
    """The entity a phrase of ``doc`` (``doc.text[start:end]``, e.g. a speaker phrase) refers to.

    The phrase's last mention of a discovered entity wins ("Fire Chief Marcus Odell" -> Marcus
    Odell; "Chief Odell" -> Marcus Odell when the article names him in full). A phrase without
    a name is read for its role and its "for / of / at" tail ("a spokesman for the state
    Department of Environmental Quality" -> role spokesman, affiliation Department of
    Environmental Quality, type official); a bare group noun ("officials") is ``anonymous``.
    """
    inside = _mentions_inside(doc, registry, start, end)
    phrase = doc.text[start:end]
    people = [(m, e) for m, e in inside if e.kind == "person"]
    if people:
        mention, entity = people[-1]
        role = find_role(tokens_words(phrase[: mention.start - start])) or (
            entity.roles[0] if entity.roles else "")
        return Resolved(entity.name, entity.key, entity.kind, role, entity.affiliation,
                        entity.source_type)
    head = re.split(r"\s(?:for|of|at|with)\s", phrase, maxsplit=1)[0]
    role = find_role(tokens_words(head))
    organisations = [e for m, e in inside if e.kind == "organisation"]
    if organisations and not role:
        entity = organisations[0]
        return Resolved(entity.name, entity.key, entity.kind, "", "", entity.source_type)
    affiliation = organisations[0] if organisations else None
    if role:
        source_type = person_type(role, affiliation.source_type if affiliation else "")
        return Resolved("", "", "person", role, affiliation.name if affiliation else "",
                        source_type)
    return Resolved("", "", "", "", "", unnamed_type(head))


def tokens_words(text: str) -> list[str]:
    return [t.word for t in tokens_of(text)]
