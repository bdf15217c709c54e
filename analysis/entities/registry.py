"""The entity registry: people, organisations, outlets and places, with aliases and case rules.

One registry feeds every module: actors (sentiment), speakers and sources (attribution) and facts
(comparison). The default registry is ``analysis/resources/entities.csv``; a user supplies their own
CSV with the same columns:

- ``entity_id``: stable id (kebab-case)
- ``name``: canonical name shown in reports
- ``type``: ``person`` | ``organisation`` | ``outlet`` | ``place``
- ``subtype``: finer type used for source typing (``head_of_state``, ``official``, ``news_agency``,
  ``state_media``, ``news_outlet``, ``institution``, ``government``, ``country``, ``city``, ``site``,
  ``company``, ``ngo``, ``university``, ``party``; see :data:`analysis.entities.source_types.SUBTYPE_TYPES`)
- ``aliases``: ``|``-separated surface forms, the canonical name included or not
- ``match_case``: ``exact`` (default: ``UN`` never matches the ``Un`` of "Kim Jong Un") or
  ``ignore`` (match in any letter case)
- ``notes``: free text

The registry is an override of what :mod:`analysis.entities.discovery` finds in the text: aliases
(``Pyongyang`` for the North Korean government), types and merges. A user's registry (``--registry``)
or a corpus's own ``entities.csv`` beside its articles extends the shipped one: its rows replace
shipped rows of the same ``entity_id`` and add the others.

Matching is on word boundaries, longest alias first, and accepts possessives (``Putin's``,
``Putin’s``, ``Kim‘s``); an apostrophe in an alias matches any apostrophe form.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.core.config import resource
from analysis.core.literals import LiteralIndex

ENTITY_TYPES = ("person", "organisation", "outlet", "place")
APOSTROPHES = "'’‘ʼ`"  # typed apostrophes, including a left quote mark typed as one
_APOSTROPHE_CLASS = "['’‘ʼ`]"
_POSSESSIVE = rf"(?:{_APOSTROPHE_CLASS}s?)?"


@dataclass(frozen=True)
class Entity:
    """One registry row."""

    entity_id: str
    name: str
    type: str
    subtype: str
    aliases: tuple[str, ...]
    match_case: str = "exact"
    notes: str = ""


@dataclass(frozen=True)
class Mention:
    """An alias found in a text: ``start``/``end`` are code-point offsets, end-exclusive.

    The span covers the alias only; a possessive ending (``'s``) is not part of it.
    """

    entity_id: str
    name: str
    type: str
    subtype: str
    alias: str
    start: int
    end: int


class Registry:
    """A set of entities and one matcher over all their aliases."""

    def __init__(self, entities: list[Entity]):
        counts = Counter(e.entity_id for e in entities)
        dupes = sorted(i for i, count in counts.items() if count > 1)
        if dupes:
            raise ValueError(f"entity registry: duplicate entity_id {', '.join(dupes)}")
        self.entities = {e.entity_id: e for e in entities}
        self._by_alias: dict[str, Entity] = {}
        patterns = []
        for entity in entities:
            for alias in entity.aliases:
                key = _alias_key(alias, entity.match_case)
                self._by_alias.setdefault(key, entity)
                patterns.append((alias, entity.match_case))
        # longest first, so "Kim Il Sung Square" wins over "Kim Il Sung" over "Kim"
        patterns.sort(key=lambda p: (-len(p[0]), p[0]))
        # One pass over a text finds where an alias may start (Aho-Corasick, analysis.core.literals);
        # each candidate is confirmed with the alias's own pattern, the aliases at one start tried
        # in the order above: the matches of one alternation of all aliases in that order, which
        # cost a try of every alias at every position (97 ms an article at 16,111 aliases).
        self._aliases = patterns
        self._patterns: list[re.Pattern | None] = [None] * len(patterns)  # compiled when needed
        self._index = LiteralIndex()
        for n, (alias, _) in enumerate(patterns):
            self._index.add(alias, n)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def lookup(self, alias: str) -> Entity | None:
        """The entity that owns ``alias`` (exact surface form, or any case for ``ignore`` rows)."""
        alias = _normalise_apostrophes(alias.strip())
        return self._by_alias.get(alias) or self._by_alias.get(alias.lower())

    def of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]

    def find_mentions(self, text: str, offset: int = 0) -> list[Mention]:
        """Every alias occurrence in ``text``, left to right, non-overlapping.

        Offsets are code points into ``text`` plus ``offset`` (pass a sentence's start to get
        offsets into the article's cleaned text).
        """
        found = []
        for match in self._matches(text):
            alias = match.group("alias")
            entity = self.lookup(alias)
            if entity is None:  # pragma: no cover - every alternative comes from a known alias
                continue
            found.append(
                Mention(
                    entity.entity_id,
                    entity.name,
                    entity.type,
                    entity.subtype,
                    alias,
                    match.start("alias") + offset,
                    match.end("alias") + offset,
                )
            )
        return found


    def _matches(self, text: str):
        """What ``re.finditer`` of one alternation of every alias (in the matcher's order) yields:
        at the leftmost start where an alias matches, the first alias in that order that does,
        then on from the end of its match."""
        position = 0
        candidates = self._index.candidates(text, word_starts=True)
        n, total = 0, len(candidates)
        while n < total:
            start = candidates[n][0]
            aliases = list(candidates[n][1])
            n += 1
            while n < total and candidates[n][0] == start:
                aliases.extend(candidates[n][1])
                n += 1
            if start < position:
                continue
            for alias in sorted(aliases) if len(aliases) > 1 else aliases:
                pattern = self._patterns[alias]
                if pattern is None:
                    pattern = self._patterns[alias] = _bounded(_alias_pattern(*self._aliases[alias]))
                match = pattern.match(text, start)
                if match:
                    yield match
                    position = match.end()
                    break


def _bounded(alias_pattern: str) -> re.Pattern:
    """An alias's pattern as one alternative of the registry's matcher: no word character or
    full stop before it, no word character after it (a possessive ending may follow)."""
    return re.compile(rf"(?<![\w.])(?P<alias>{alias_pattern})(?={_POSSESSIVE}(?![\w]))")


def _normalise_apostrophes(text: str) -> str:
    return re.sub(_APOSTROPHE_CLASS, "'", text)


def _alias_key(alias: str, match_case: str) -> str:
    alias = _normalise_apostrophes(alias)
    return alias.lower() if match_case == "ignore" else alias


def _alias_pattern(alias: str, match_case: str) -> str:
    parts = [re.escape(part) for part in re.split(_APOSTROPHE_CLASS, alias)]
    pattern = _APOSTROPHE_CLASS.join(parts).replace(r"\ ", r"\s+")
    return f"(?i:{pattern})" if match_case == "ignore" else pattern


def read_registry(path: str | Path | None = None) -> Registry:
    """Read a registry CSV (the shipped default when ``path`` is None)."""
    path = Path(path) if path else resource("entities.csv")
    entities = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"entity_id", "name", "type", "aliases"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: entity registry lacks columns {sorted(missing)}")
        for line_no, row in enumerate(reader, start=2):
            etype = (row.get("type") or "").strip()
            if etype not in ENTITY_TYPES:
                raise ValueError(f"{path}:{line_no}: type {etype!r} is not one of {ENTITY_TYPES}")
            name = row["name"].strip()
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            if name not in aliases:
                aliases.append(name)
            entities.append(
                Entity(
                    entity_id=row["entity_id"].strip(),
                    name=name,
                    type=etype,
                    subtype=(row.get("subtype") or "").strip(),
                    aliases=tuple(aliases),
                    match_case=(row.get("match_case") or "exact").strip() or "exact",
                    notes=(row.get("notes") or "").strip(),
                )
            )
    return Registry(entities)


@lru_cache(maxsize=8)
def default_registry() -> Registry:
    """The shipped registry, read once per process."""
    return read_registry(None)


CORPUS_REGISTRY = "entities.csv"  # a corpus's own registry, beside its articles


def load_registry(path: str | Path | None = None) -> Registry:
    """The shipped registry extended by the one at ``path`` (its rows win by ``entity_id``), or
    the shipped default (cached) when ``path`` is empty."""
    if not path:
        return default_registry()
    own = read_registry(path).entities
    shipped = [e for e in default_registry().entities.values() if e.entity_id not in own]
    return Registry(shipped + list(own.values()))


def corpus_registry(corpus: str | Path) -> Path | None:
    """The corpus's own ``entities.csv`` (in the corpus folder), or None."""
    folder = Path(corpus)
    path = folder / CORPUS_REGISTRY
    return path if folder.is_dir() and path.is_file() else None
