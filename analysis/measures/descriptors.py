"""Descriptors: what each article calls the people and organisations of its event, found in the text.

For every person and organisation that :func:`analysis.entities.discovery.discover` finds in an
article, the words written around its mentions that describe it, by rule (no list of names):

- ``title``: a role or title right before the name ("Mayor Helen Okafor", "police chief Daniel
  Brandt", "North Korean leader Kim Jong Un", "Gov. Lydia Marsh"). The word before the name must be
  a role of ``source_roles.csv`` or an epithet noun (:data:`EPITHET_NOUNS`); to its left the phrase
  takes capitalised words ("North Korean"), possessives ("Northline's"), role modifiers ("former")
  and epithet adjectives ("reclusive"), and stops at any other word.
- ``epithet``: a title that carries an evaluative word ("dictator Kim", "the reclusive leader Kim";
  :data:`EPITHET_NOUNS`, :data:`EPITHET_ADJECTIVES`).
- ``appositive``: a noun phrase set off by commas after the name (", the town's police chief,",
  ", a campaigner with the safety group RailWatch Alliance,"), starting with a determiner or a
  possessive, closed by a comma, a full stop or "who / said"; or before the name
  ("Northline's chief executive, Martin Sorensen"), ending in a role or epithet noun.
- ``reference``: a definite description that refers back to an actor named earlier in the article
  ("the mayor said" after "Mayor Helen Okafor"; "the company" after "Northline Rail Corp."). Its head
  noun must be the head of a title, appositive or role already given to exactly one actor of the
  article before it (an organisation's kind word counts: "company" for "... Corp.", "group" for "the
  safety group RailWatch Alliance"); two actors with that head, or none: not resolved. A registry
  alias written as a common noun ("the railroad") is a reference too.

Each descriptor takes the voice of the text it sits in (:func:`analysis.attribution.voice.voice_of`).
Limits (docs/framing.md): English only; no pronouns; a description before the actor's first
mention (cataphora) is not resolved; plural or indefinite descriptions are not references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.core.schema import ARTICLE_ID, END, START, VOICES, Table, _cols, register
from analysis.entities.discovery import ABBREVIATIONS, ROLE_MODIFIERS, TITLE_ABBREVIATIONS, Found, discover
from analysis.entities.source_types import find_role, organisation_kind, roles
from analysis.measures.voice_lookup import VoiceLookup

register(Table("descriptors", "Titles, epithets, appositives and back-references each article uses "
               "for the people and organisations it names, with their voice; one row per "
               "descriptor found. English-only.", _cols(
    ARTICLE_ID,
    ("key", "str", "the entity's key in the article (`article_entities.key`; linked across the "
                   "event like it)"),
    ("name", "str", "the entity's name in the article"),
    ("entity_kind", "str", "`person` or `organisation`"),
    ("form", "str", "`title`, `epithet`, `appositive` or `reference`"),
    ("descriptor", "str", "the descriptor, normalised: no leading article, titles lower case, "
                          "abbreviations spelt out (\"Gov.\" -> `governor`)"),
    ("match", "str", "the descriptor as written"),
    ("voice", "str", "`own`, `quoted` or `reported` (schema vocabulary)"),
    ("sentence_id", "str", "sentence holding the descriptor"),
    START, END,
)))

# evaluative nouns and adjectives used of leaders, states and groups (after Bhatia 2009 on the
# labelling of actors, and the BBC Editorial Guidelines' list of value-laden labels)
EPITHET_NOUNS = frozenset("""
dictator strongman tyrant despot autocrat warlord tsar czar kingpin hardliner firebrand maverick
demagogue regime
""".split())
EPITHET_ADJECTIVES = frozenset("""
reclusive rogue pariah brutal authoritarian totalitarian isolated secretive nuclear-armed
hardline embattled beleaguered controversial disgraced notorious defiant erratic unpredictable
ruthless hermit hermetic impoverished
""".split())
# nouns that stand before a name as a title without being a source role ("Chairman Kim")
TITLE_NOUNS = frozenset("leader ruler head chairman premier king queen prince pope".split())
# common nouns that name an actor in an appositive or a back-reference ("the reclusive state")
ACTOR_NOUNS = TITLE_NOUNS | frozenset("""
state country nation government regime company firm operator group
""".split())
# heads of an organisation's descriptor ("the safety group RailWatch Alliance")
ORG_NOUNS = frozenset("company firm operator group organisation organization body agency".split())
DETERMINERS = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[\w’'.&-]+")
_POSSESSIVE = re.compile(r"^[\w.&-]+['’]s$")
_CLOSE = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:who|which|said|says|told|added|has|had|is|was|will)\b")
_STOP = frozenset("""
said says told added who which that this these those and or but of for to from by with at in on as
is was are were be been has have had will would could should may might not no it its he she they
his her their our we i you
""".split())
_THE = re.compile(r"\b[Tt]he\b")
_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
MAX_APPOSITIVE_WORDS = 12
_VERBS = frozenset({"said", "says", "told", "added", "has", "had", "is", "was", "will", "and",
                    "but", "met", "called", "declared"})
MAX_TITLE_WORDS = 6


@dataclass(frozen=True)
class Descriptor:
    key: str
    form: str
    descriptor: str
    start: int
    end: int
    match: str
    sentence_id: str


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return _title_heads() | ACTOR_NOUNS


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Nouns that can stand right before a name as its title: roles, epithets, leader words."""
    return frozenset(_head(r) for r in roles()) | EPITHET_NOUNS | TITLE_NOUNS


def _is_head(word: str, title: bool = False) -> bool:
    low = word.lower().rstrip(".")
    return (low in (_title_heads() if title else _heads()) or word.lower() in TITLE_ABBREVIATIONS
            or bool(find_role([word])))


def _tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def normalise(phrase: str) -> str:
    """A descriptor as listed: no leading article, role and epithet words in lower case,
    abbreviated titles spelt out, a final full stop dropped."""
    words = phrase.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if words and words[0].lower() in {"her", "his", "their", "its"}:
        words[0] = words[0].lower()
    out = []
    for w in words:
        low = w.lower()
        if low in TITLE_ABBREVIATIONS:
            out.append(TITLE_ABBREVIATIONS[low].rstrip("."))
        elif (low in _heads() or low in EPITHET_ADJECTIVES or low in ROLE_MODIFIERS
              or find_role([w]) or low in _role_words()):
            out.append(low)
        else:
            out.append(w)
    return " ".join(out).rstrip(".,") if out else ""


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    return frozenset(w for r in roles() for w in r.split())


def _form(phrase: str, default: str) -> str:
    words = {w.lower().strip(".,") for w in phrase.split()}
    return "epithet" if words & (EPITHET_NOUNS | EPITHET_ADJECTIVES) - {"regime"} or (
        "regime" in words and default != "reference") else default


def _title_before(sentence, start: int, covered: set[int]) -> tuple[int, str] | None:
    """The title written right before the mention at ``start``: ``(its start, text)``, or None."""
    low_end = max(0, start - sentence.start - 120)  # a title is a few words: look that far back
    tokens = _tokens(sentence.text[low_end:start - sentence.start], sentence.start + low_end)
    chosen: list[tuple[str, int, int]] = []
    edge = start
    for word, s, e in reversed(tokens):
        if sentence.text[e - sentence.start:edge - sentence.start].strip():
            break  # punctuation between the word and the phrase
        if s in covered:
            break  # another actor's name
        low = word.lower()
        if not chosen:
            if not _is_head(word, title=True):
                return None
        elif _POSSESSIVE.match(word):
            chosen.insert(0, (word, s, e))
            break
        elif low in _STOP or low in DETERMINERS:
            break
        elif not (word[0].isupper() or low in ROLE_MODIFIERS or low in EPITHET_ADJECTIVES
                  or low in _role_words() or low in EPITHET_NOUNS):
            break
        if chosen and word[0].isupper() and low in _STOP | DETERMINERS:
            break
        chosen.insert(0, (word, s, e))
        edge = s
        if len(chosen) >= MAX_TITLE_WORDS:
            break
    # leading capitalised sentence openers that are not part of the title ("The", "Then")
    while chosen and chosen[0][0].lower() in _STOP | DETERMINERS:
        chosen.pop(0)
    if not chosen:
        return None
    return chosen[0][1], sentence.text[chosen[0][1] - sentence.start:start - sentence.start].strip()


def _descriptor_before(sentence, start: int, descriptor: str) -> tuple[int, str] | None:
    """An organisation's descriptor written right before it ("the safety group RailWatch")."""
    words = descriptor.lower().split()
    if not words or not (words[-1] in ORG_NOUNS or organisation_kind("", descriptor)):
        return None
    before = sentence.text[:start - sentence.start]
    found = re.search(r"\b" + re.escape(descriptor.strip()) + r"\s+$", before, re.IGNORECASE)
    if not found:
        return None
    return sentence.start + found.start(), found.group().strip()


def _gap(text: str, at: int) -> int:
    rest = text[at:at + 8]
    return len(rest) - len(rest.lstrip(" "))


def _alias_descriptor(mention, entity: Found) -> tuple[int, str] | None:
    """A description inside a mention the registry knows as an alias: the whole mention ("the
    railroad", "North Korean leader") or its title part ("Russian President Vladimir Putin")."""
    words = list(_WORD.finditer(mention.text))
    if not words:
        return None
    if words[0].group().lower() == "the" and len(words) > 1 and words[1].group()[0].islower():
        return mention.start, mention.text  # "the railroad"
    heads = [i for i, w in enumerate(words) if _is_head(w.group(), title=True)]
    if not heads or entity.origin != "registry":
        return None
    last = heads[-1]
    if last == len(words) - 1:
        return mention.start, mention.text  # "North Korean leader"
    if all(w.group()[0].isupper() for w in words[last + 1:]):
        return mention.start, mention.text[:words[last].end()]  # "Russian President| Vladimir Putin"
    return None


def _appositive_after(sentence, end: int) -> tuple[int, int, str] | None:
    """``(start, end, text)`` of the noun phrase set off by a comma after the mention ending at
    ``end``: it starts with a determiner or a possessive and is closed by a comma, a full stop or a
    relative / reporting word."""
    rest = sentence.text[end - sentence.start:]
    opened = re.match(r",\s+", rest)
    if not opened:
        return None
    body = rest[opened.end():]
    words = list(_WORD.finditer(body))
    if not words:
        return None
    first = words[0].group()
    if not (first.lower() in DETERMINERS or _POSSESSIVE.match(first)):
        return None
    last = None
    for n, word in enumerate(words[:MAX_APPOSITIVE_WORDS], start=1):
        if n > 1 and word.group().lower() in _VERBS:
            return None
        if n > 1 and _CLOSE.match(body, word.end()):
            last = word
            break
    if last is None:
        return None
    text = body[:last.end()]
    if text.split()[-1].lower() not in ABBREVIATIONS:
        text = text.rstrip(".")
    head = re.split(r"\s+(?:of|for|at|with|in)\s+", text, maxsplit=1)[0].split()[-1]
    if not _is_head(head):
        return None  # ", the Department of Transportation", ", Wednesday's agenda includes ..."
    start = end + opened.end()
    return start, start + len(text), text


def _appositive_before(sentence, start: int) -> tuple[int, str] | None:
    """The noun phrase before the mention, set off by a comma ("Northline's chief executive,
    Martin Sorensen"): from the sentence start or the previous comma, ending in a head noun."""
    before = sentence.text[:start - sentence.start]
    if not re.search(r",\s+$", before):
        return None
    chunk_end = before.rstrip()[:-1]
    cut = max(chunk_end.rfind(","), chunk_end.rfind(";"), chunk_end.rfind(":"))
    chunk = chunk_end[cut + 1:]
    words = chunk.split()
    if not 1 < len(words) <= MAX_TITLE_WORDS + 2:
        return None
    first = words[0]
    if not (first.lower() in DETERMINERS | {"her", "his", "their", "its"} or _POSSESSIVE.match(first)):
        return None
    if not _is_head(words[-1]) or any(w.lower() in _STOP - {"of", "for", "at", "with", "her", "his",
                                                              "their", "its"} for w in words):
        return None
    offset = sentence.start + cut + 1 + (len(chunk) - len(chunk.lstrip()))
    return offset, chunk.strip()


def _head(phrase: str) -> str:
    """The head noun of a descriptor: the last word before of / for / at / with, lower case."""
    words = re.split(r"\s+(?:of|for|at|with|who|in)\s+", phrase, maxsplit=1)[0].split()
    return words[-1].lower().rstrip(".,") if words else ""


def _org_heads(entity: Found) -> set[str]:
    """Common nouns an organisation is referred back with: its descriptor's head ("group"), its
    kind ("company" for "... Corp."), the head of its name ("department")."""
    heads = set()
    if entity.descriptor:
        heads.add(_head(entity.descriptor))
    kind = organisation_kind(entity.name, entity.descriptor)
    if kind and kind.org_kind == "company":
        heads |= {"company", "firm"}
    if kind and kind.position == "head":
        heads.add(kind.word.split()[-1])
    return {h for h in heads if h.isalpha()}


def find_descriptors(doc, entities: Iterable[Found]) -> list[Descriptor]:
    """Descriptors of the people and organisations of ``entities`` in ``doc`` (rules: module
    docstring), in text order."""
    entities = list(entities)
    # a lone capitalised word of unknown kind that is a title ("Dictator Kim") is no actor
    actors = [e for e in entities if e.kind in ("person", "organisation") or
              (not e.kind and e.mentions and not _is_head(e.name, title=True))]
    sentence_of = {s.sentence_id: s for s in doc.sentences}
    person_spans = sorted({(m.start, m.end) for e in actors for m in e.mentions})
    covered = {at for a, b in person_spans for at in range(a, b)}  # offsets inside a mention
    found: list[Descriptor] = []
    heads: dict[str, dict[str, int]] = {}  # head -> key -> first position it is known from

    def know(head: str, key: str, at: int) -> None:
        if head:
            heads.setdefault(head, {}).setdefault(key, at)

    for entity in actors:
        first = min((m.start for m in entity.mentions), default=0)
        for role in entity.roles:
            know(role.split()[-1], entity.key, first)
        if entity.kind == "organisation":
            for head in _org_heads(entity):
                know(head, entity.key, first)
        seen: set[int] = set()
        for m in sorted(entity.mentions, key=lambda m: m.start):
            if m.start in seen or m.sentence_id not in sentence_of:
                continue
            seen.add(m.start)
            sentence = sentence_of[m.sentence_id]
            alias = _alias_descriptor(m, entity)
            if alias:
                a_start, text = alias
                starts = {n.start for n in entity.mentions}
                titled = a_start + len(text) < m.end or m.end + _gap(doc.text, m.end) in starts
                form = "title" if titled else "reference"
                found.append(Descriptor(entity.key, _form(text, form), normalise(text), a_start,
                                        a_start + len(text), text, m.sentence_id))
                know(_head(normalise(text)), entity.key, m.start)
                if a_start == m.start and len(text) == len(m.text):
                    continue  # the whole mention is a description ("the railroad")
            title = _descriptor_before(sentence, m.start, entity.descriptor) or _title_before(
                sentence, m.start, covered)
            if title:
                t_start, text = title
                found.append(Descriptor(entity.key, _form(text, "title"), normalise(text), t_start,
                                        t_start + len(text), text, m.sentence_id))
                know(_head(normalise(text)), entity.key, m.start)
            else:
                pre = _appositive_before(sentence, m.start)
                if pre:
                    p_start, text = pre
                    found.append(Descriptor(entity.key, _form(text, "appositive"), normalise(text),
                                            p_start, p_start + len(text), text, m.sentence_id))
                    know(_head(normalise(text)), entity.key, m.start)
            post = _appositive_after(sentence, m.end)
            if post:
                a_start, a_end, text = post
                found.append(Descriptor(entity.key, _form(text, "appositive"), normalise(text),
                                        a_start, a_end, text, m.sentence_id))
                know(_head(normalise(text)), entity.key, m.start)
    found += _references(doc, heads, found, person_spans,
                         {e.key: e.name for e in actors if e.kind == "organisation"})
    return sorted(found, key=lambda d: (d.start, d.key))


def _references(doc, heads: dict[str, dict[str, int]], found: list[Descriptor],
                mentions: list[tuple[int, int]], organisations: dict[str, str] | None = None
                ) -> list[Descriptor]:
    """Definite descriptions whose head is known for exactly one actor named before them. An
    organisation's modifiers must be words of its name ("the appeals court" may be the Court of
    Appeals, "the district court" is not)."""
    organisations = organisations or {}
    taken = {at for a, b in [(d.start, d.end) for d in found] + mentions for at in range(a, b)}
    words = frozenset(heads) | _title_heads()
    out = []
    for sentence in doc.sentences:
        for m in _THE.finditer(sentence.text):
            following: list[re.Match] = []
            pos = m.end()
            while len(following) < 4 and (word := _NEXT_WORD.match(sentence.text, pos)):
                following.append(word)
                pos = word.end()
            chosen = next((k for k, w in enumerate(following) if w.group(1).lower() in words), None)
            if chosen is None:
                continue
            head_word = following[chosen]
            start, end = sentence.start + m.start(), sentence.start + head_word.end()
            if any(at in taken for at in range(start, end)):
                continue
            modifiers = [w.group(1) for w in following[:chosen]]
            if any(w.lower() in _STOP | DETERMINERS or w.isdigit() or _POSSESSIVE.match(w)
                   or w.lower() in {"two", "three", "both", "other", "same", "first", "new"}
                   for w in modifiers):
                continue
            if re.match(r"\s+[A-Z]", sentence.text[head_word.end():]):
                continue  # a title before a name, not a reference
            known = {k for k, at in heads.get(head_word.group(1).lower(), {}).items() if at < start}
            if len(known) > 1:
                continue  # two actors of the article have this head: not guessed
            text = sentence.text[m.start():head_word.end()]
            # no actor of the article has it: left for the event's roles (link_descriptors)
            key = known.pop() if known else ""
            if key in organisations and not {w.lower() for w in modifiers} <= (
                    set(organisations[key].lower().split()) | EPITHET_ADJECTIVES):
                continue
            out.append(Descriptor(key, _form(text, "reference"), normalise(text), start, end,
                                  text, sentence.sentence_id))
    return out


def descriptor_rows(doc, entities: Iterable[Found], spans) -> list[dict]:
    """``descriptors`` rows of one article, given its entities and voice spans."""
    entities = list(entities)
    names = {e.key: (e.name, e.kind or "person") for e in entities}
    lookup = VoiceLookup(spans)  # the spans over a descriptor by bisection, not all (issue 19)
    rows = []
    for d in find_descriptors(doc, entities):
        if not d.descriptor:
            continue
        name, kind = names.get(d.key, ("", ""))
        rows.append({"article_id": doc.article_id, "key": d.key, "name": name, "entity_kind": kind,
                     "form": d.form, "descriptor": d.descriptor, "match": d.match,
                     "voice": lookup.voice(d.start, d.end), "sentence_id": d.sentence_id,
                     "start": d.start, "end": d.end})
    return rows


def describe_actors(doc, context) -> dict[str, list[dict]]:
    """Stage: the ``descriptors`` rows of one article."""
    from analysis.attribution.voice import voice_spans
    from analysis.entities.registry import default_registry

    registry = context.registry if context is not None else default_registry()
    entities = discover(doc, registry, unresolved=True)
    return {"descriptors": descriptor_rows(doc, entities, voice_spans(doc, context))}


describe_actors.english_only = True  # type: ignore[attr-defined]

DESCRIPTOR_COLUMNS = ["event", "actor", "outlet", "descriptor", "form", *VOICES, "total"]


def link_descriptors(descriptors: pd.DataFrame, key_ids: dict[tuple[str, str], str],
                     mentions: pd.DataFrame, entities: pd.DataFrame) -> pd.Series:
    """The event's entity id of each descriptor row (``""``: none).

    A row with a key takes the entity its key is linked to across the event (``key_ids``:
    ``(article_id, key)`` -> entity id). A back-reference no actor of its article explained
    ("the mayor said" in an article that never calls Okafor the mayor) is the one entity of the
    event whose roles (``entities.roles``, from all its articles) have that head and that the
    article mentions before the reference; none or two: ``""``."""
    if not len(descriptors):
        return pd.Series([], dtype=str)
    heads_of: dict[str, set[str]] = {}
    for entity_id, joined in zip(entities["entity_id"], entities["roles"].fillna("")):
        heads_of[entity_id] = {_head(r) for r in str(joined).split("|") if r}
    before: dict[str, list[tuple[int, str]]] = {}
    for article_id, entity_id, start in zip(mentions["article_id"], mentions["entity_id"],
                                            mentions["start"]):
        before.setdefault(str(article_id), []).append((int(start), str(entity_id)))
    out = []
    for article_id, key, descriptor, start in zip(descriptors["article_id"], descriptors["key"],
                                                  descriptors["descriptor"], descriptors["start"]):
        if key:
            out.append(key_ids.get((str(article_id), str(key)), ""))
            continue
        head = _head(str(descriptor))
        named = {e for at, e in before.get(str(article_id), []) if at < int(start)}
        fits = {e for e in named if head in heads_of.get(e, set())}
        out.append(fits.pop() if len(fits) == 1 else "")
    return pd.Series(out, index=descriptors.index, dtype=str)


def actor_descriptors(descriptors: pd.DataFrame, ids: pd.Series, actors: dict,
                      articles: pd.DataFrame) -> pd.DataFrame:
    """The report's table: per top actor, outlet and descriptor, counts by voice.

    Args:
        descriptors: ``descriptors`` rows.
        ids: the linked entity id of each row (:func:`analysis.entities.tables.linked_ids` of the
            keys), aligned with ``descriptors``.
        actors: ``(article_id, entity_id)`` -> actor name for the top actors of each event
            (:func:`analysis.entities.tables.top_actors`).
        articles: the ``articles`` table (outlet, event).
    """
    if not len(descriptors):
        return pd.DataFrame(columns=DESCRIPTOR_COLUMNS)
    frame = descriptors.assign(entity_id=list(ids))
    frame["actor"] = [actors.get((a, e), "") for a, e in zip(frame["article_id"], frame["entity_id"])]
    frame = frame[frame["actor"] != ""]
    if not len(frame):
        return pd.DataFrame(columns=DESCRIPTOR_COLUMNS)
    meta = articles.set_index("article_id")
    frame["outlet"] = frame["article_id"].map(meta["outlet"]).fillna("(unknown outlet)")
    event = meta["event"] if "event" in meta else pd.Series("", index=meta.index)
    frame["event"] = frame["article_id"].map(event).fillna("")
    wide = frame.pivot_table(index=["event", "actor", "outlet", "descriptor", "form"],
                             columns="voice", values="start", aggfunc="count", fill_value=0)
    wide = wide.reindex(columns=list(VOICES), fill_value=0)
    wide["total"] = wide.sum(axis=1)
    return wide.reset_index().rename_axis(columns=None).sort_values(
        ["event", "actor", "outlet", "total"], ascending=[True, True, True, False], kind="stable"
    ).reset_index(drop=True)[DESCRIPTOR_COLUMNS]


def no_descriptors_message(table: pd.DataFrame) -> str:
    """One line for the report when no top actor has a descriptor; ``""`` otherwise."""
    if len(table):
        return ""
    return ("No title, appositive or back-reference of this event's most-mentioned people and "
            "organisations was found (rules in docs/framing.md); names alone say nothing to compare.")
