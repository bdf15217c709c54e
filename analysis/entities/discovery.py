"""Entity discovery: people, organisations and places found in an article's own text.

No hand registry is needed. Capitalised name runs are read with the words around them:

- a role before a name is split off ("Fire Chief Marcus Odell", "fire chief Marcus Odell" ->
  Marcus Odell, role ``fire chief``); an organisation or place before the role is the
  affiliation ("Chamber of Commerce president Dale Whitaker");
- appositives give role and affiliation ("Dana Whitfield, a spokeswoman for the environmental
  group GreenWatch"; "Halvorsen's chief executive, Priya Nandakumar");
- organisations carry a head or suffix ("... Department", "... Inc.") or a descriptor before
  them ("the environmental group GreenWatch"); their kinds are in
  ``analysis/resources/organisation_kinds.csv``;
- places come from the GeoNames gazetteer of :mod:`analysis.entities.gazetteer`, or a street word;
- the entity registry (``analysis/resources/entities.csv``, and a corpus's own
  ``entities.csv``) is an override: its aliases win over discovery.

Mentions are linked within an article: a surname or a title plus surname ("Odell", "Chief
Odell") is the person of that surname named in full in the article; a surname shared by two
people stays unlinked. Linking across the articles of an event is in
:mod:`analysis.entities.tables`; what a speaker phrase refers to, in :mod:`analysis.entities.lookup`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from analysis.corpus.document import Document, memo
from analysis.entities.gazetteer import is_demonym, is_place
from analysis.entities.source_types import (
    UNKNOWN,
    find_role,
    organisation_kind,
    organisation_type,
    person_type,
    registry_type,
    roles,
)

KINDS = ("person", "organisation", "place")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_TOKEN = re.compile(r"\w[\w’'&.-]*")
# abbreviations that keep their full stop inside a name run ("Inc.", "Dr.")
ABBREVIATIONS = frozenset({
    "inc.", "corp.", "co.", "ltd.", "mr.", "mrs.", "ms.", "dr.", "jr.", "sr.", "st.", "gov.",
    "sen.", "rep.", "lt.", "gen.", "col.", "capt.", "sgt.", "prof.", "sec.", "dept.",
})
ROLE_MODIFIERS = frozenset({"former", "acting", "interim", "outgoing", "incoming", "then", "late",
                            "deputy", "assistant", "senior", "chief", "top"})
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "miss", "sir", "dame"})
# abbreviated titles -> the role they stand for
TITLE_ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative",
                       "gen.": "general", "col.": "colonel", "lt.": "lieutenant",
                       "capt.": "captain", "sgt.": "sergeant", "prof.": "professor",
                       "dr.": "dr.", "sec.": "secretary"}
# small words allowed inside a person's name ("Ludwig van Beethoven")
NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le",
                            "bin", "al", "ibn"})
# small words allowed inside an organisation's name after its head ("Department of ...")
ORG_CONNECTORS = frozenset({"of", "for", "on", "and", "&", "the"})
_JOINING_WORDS = NAME_PARTICLES | ORG_CONNECTORS
# capitalised words that are never (part of) a name: sentence openers, days, months
NOT_NAMES = frozenset("""
a an the this that these those there here it its he she they we i you his her their our my
but and or so yet if then when while after before since as at in on of for to from by with
also however meanwhile still now later earlier today yesterday tomorrow tonight
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
what why how who whom which where according asked speaking despite during though although
follow read click subscribe listen contact email see
because until unless some many most several few all both each every no not more other another
one two three four five six seven eight nine ten breaking update updated
""".split())
# the last word of a title-case run that names a thing or an event, never a person ("Affordable
# Care Act", "Great Recession", "Islamic State", "Good Morning")
NOT_PERSON_LAST = frozenset({
    "act", "law", "again", "morning", "evening", "recession", "depression", "war", "crisis",
    "plan", "program", "programme", "state", "states", "day", "week", "year", "night", "market",
    "index", "award", "awards", "prize", "cup", "games", "league", "series", "show", "tour",
    "festival", "summit", "conference", "forum", "report", "review", "accord", "treaty", "deal",
    "movement", "revolution", "era", "age", "church", "cathedral", "stadium", "airport",
    "convention", "amendment", "bowl",
})
# capitalised abbreviations that are not organisations
NOT_ACRONYMS = frozenset({"TV", "EST", "EDT", "PST", "PDT", "GMT", "UTC", "AM", "PM", "CEO", "OK",
                          "ID", "PhD", "DNA", "GDP", "AI", "COVID", "FAQ", "PS"})
# single words that name a body on their own ("the Senate said"); other heads need a name before
# them ("Party", "Union" and "House" alone are not organisations)
SINGLE_WORD_BODIES = frozenset({"senate", "congress", "parliament", "police", "army", "navy",
                                "government", "administration", "pentagon"})
# last words of a place's name ("Canal Street", "Capitol Hill", "Middle East"), never alone
STREET_WORDS = frozenset({"hill", "east", "west", "north", "south",
                          "street", "avenue", "road", "boulevard", "lane", "drive", "square",
                          "highway", "bridge", "river", "lake", "creek", "park", "county",
                          "township", "valley", "island", "mountain", "plaza", "place"})
# words before a capitalised run that make it a place ("in Millbrook", "near the Ohio River")
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout", "around"})
_APPOSITIVE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?P<role>(?:[\w’'-]+\.?\s+){0,3}?[a-z][\w-]*)"
    r"(?:\s+(?:for|of|at|with)\s+(?:the\s+)?(?P<desc>(?:[a-z][\w-]*\s+){0,3}?)"
    r"(?P<org>(?:[A-Z][\w’'&.-]*)(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'&.-]*)*))?"
    r"(?=\s*[,.;:)]|\s+(?:said|says|told|added|who)\b)")
_ACRONYM_DEF = re.compile(r"^\s*\((?P<acr>[A-Z]{2,8})\)")


@dataclass
class Mention:
    """One mention in an article: offsets into the cleaned text (end-exclusive)."""

    start: int
    end: int
    text: str
    sentence_id: str


@dataclass
class Found:
    """An entity of one article, with its mentions.

    ``key`` is the entity's id: the registry's ``entity_id``, or a slug of the full name
    ("marcus-odell"); a lone surname that could not be linked in the article keeps the slug of
    the surname, with ``kind`` empty when nothing in the article tells what it is.
    """

    key: str
    name: str
    kind: str  # person | organisation | place | "" (unresolved surname)
    roles: list[str] = field(default_factory=list)
    affiliation: str = ""
    source_type: str = UNKNOWN
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    origin: str = "discovered"  # discovered | registry
    registry_type: str = ""  # the registry's type (person, organisation, outlet, place)
    subtype: str = ""  # the registry's subtype (head_of_state, news_agency, company ...)
    descriptor: str = ""  # the common noun written before an organisation ("environmental group")


class _Token(NamedTuple):
    """A word of a sentence: its text, offsets, text without a possessive ending, and flags.

    A named tuple, built by :func:`tokens_of` without a Python-level constructor (about 300
    tokens an article: their construction was half of discovery's time)."""

    text: str
    start: int
    end: int
    word: str
    possessive: bool
    capitalised: bool


_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_WORD_FACTS: dict[str, tuple[str, bool, bool]] = {}  # token text -> (word, possessive, capitalised)
_WORD_FACTS_MAX = 200_000  # distinct token texts kept; the table starts again when it is full
_new_tuple = tuple.__new__


def _word_facts(text: str) -> tuple[str, bool, bool]:
    """``(word, possessive, capitalised)`` of a token's text: the text without a possessive
    ending, whether it has one, and whether it is capitalised and not a common word."""
    possessive = text.endswith(_POSSESSIVE_ENDINGS) and len(text) > 2
    word = text[:-2] if text.endswith(("'s", "’s")) and possessive else (
        text[:-1] if possessive else text)
    return word, possessive, text[0].isupper() and text.lower() not in NOT_NAMES


def slug(name: str) -> str:
    """Kebab-case id of a name: "Marcus Odell" -> "marcus-odell"."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def tokens_of(text: str, offset: int = 0) -> list[_Token]:
    """Word tokens of ``text`` with offsets (plus ``offset``); a final full stop stays on known
    abbreviations only ("Inc.", "Dr.")."""
    out: list[_Token] = []
    facts_of = _WORD_FACTS
    if len(facts_of) > _WORD_FACTS_MAX:
        facts_of.clear()
    for match in _TOKEN.finditer(text):
        word = match.group()
        start, end = match.span()
        if word[-1] in ".-" and word.lower() not in ABBREVIATIONS and not _INITIALS.fullmatch(word):
            stripped = word.rstrip(".-")
            word, end = stripped, end - (len(word) - len(stripped))
            if not word:
                continue
        facts = facts_of.get(word)
        if facts is None:
            facts = facts_of[word] = _word_facts(word)
        out.append(_new_tuple(_Token, (word, start + offset, end + offset, *facts)))
    return out


def _runs(tokens: list[_Token], taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised runs ``[i, j)`` of token indices, joined over name particles and, after an
    organisation head, over "of / for / and / the" ("Department of Environmental Quality")."""
    runs, i = [], 0
    while i < len(tokens):
        if i in taken or not tokens[i].capitalised:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not tokens[j - 1].possessive and j not in taken:
            token = tokens[j]
            if token.capitalised and tokens[j].start - tokens[j - 1].end <= 1:
                j += 1
                continue
            if (token.text.lower() in _JOINING_WORDS and j + 1 < len(tokens)
                    and tokens[j + 1].capitalised and j + 1 not in taken
                    and _joins(tokens, i, j)):
                j += 2 if tokens[j + 1].text.lower() != "the" else 3
                continue
            break
        runs.append((i, min(j, len(tokens))))
        i = j
    return runs


def _joins(tokens: list[_Token], i: int, j: int) -> bool:
    word = tokens[j].text.lower()
    if word in NAME_PARTICLES:
        return True
    if word == "&":
        return True
    head = " ".join(t.text for t in tokens[i:j])
    extended = f"{head} {word} {tokens[j + 1].text}"
    if find_role(extended.split()) and len(find_role(extended.split()).split()) >= 3:
        return True  # "Secretary of State Hillary Clinton"
    kind = organisation_kind(head) or organisation_kind(extended)
    return kind is not None and kind.position == "head"


def _split_role(words: list[str]) -> tuple[int, str]:
    """Where the name starts inside a run that opens with a title: ("Fire", "Chief", "Marcus",
    "Odell") -> (2, "fire chief"); (0, "") when the run opens with no role."""
    best = (0, "")
    lowered = [w.lower() for w in words]
    for cut in range(1, len(words) + 1):
        head = lowered[:cut]
        last = head[-1]
        role = TITLE_ABBREVIATIONS.get(last) or ("" if last in HONORIFICS else find_role(head))
        if last in HONORIFICS:
            best = (cut, best[1])
        elif role and len(role.split()) <= cut and _may_precede_role(
                words[:cut - len(role.split())]):
            best = (cut, role)
    return best


def _may_precede_role(words: list[str]) -> bool:
    """What may stand before a title in a name run: nothing, a modifier ("Former"), an honorific,
    or an affiliation ("Millbrook Fire Department Chief"); not a first name ("John Judge")."""
    rest = [w for w in words if w.lower() not in ROLE_MODIFIERS and w.lower() not in HONORIFICS]
    return not rest or _org_like(" ".join(rest))


class _Article:
    """Discovery state of one article: entities by key and the surname index."""

    def __init__(self, doc: Document, registry):
        self.doc = doc
        self.registry = registry
        self.found: dict[str, Found] = {}
        self.acronyms: dict[str, str] = {}
        # lone names to link: (name, mention, role, affiliation, known to be a person)
        self.pending: list[tuple[str, Mention, str, str, bool]] = []

    def add(self, key: str, name: str, kind: str, mention: Mention, **extra) -> Found:
        entity = self.found.get(key)
        if entity is None:
            entity = self.found[key] = Found(key, name, kind,
                                             origin=extra.get("origin") or "discovered")
        if kind and not entity.kind:
            entity.kind = kind
        role = extra.get("role", "")
        if role and role not in entity.roles:
            entity.roles.append(role)
        for attr in ("affiliation", "descriptor", "registry_type", "subtype"):
            if extra.get(attr) and not getattr(entity, attr):
                setattr(entity, attr, extra[attr])
        if mention.text not in entity.aliases:
            entity.aliases.append(mention.text)
        entity.mentions.append(mention)
        return entity


def discover(doc: Document, registry=None, unresolved: bool = False) -> list[Found]:
    """The entities of ``doc`` with their mentions (title and body), computed once per document.

    Args:
        registry: an :class:`~analysis.entities.registry.Registry` whose aliases win over discovery
            (None = discovery alone).
        unresolved: also return lone capitalised names of unknown kind ("Okafor" in an article
            that never gives the full name), for linking across the articles of an event.

    Returns:
        entities in order of first mention; mentions in text order.
    """
    found = memo(doc, ("discover", id(registry)), lambda: _discover(doc, registry))
    return found if unresolved else [e for e in found if e.kind]


def _discover(doc: Document, registry) -> list[Found]:
    state = _Article(doc, registry)
    for sentence in doc.sentences:
        _sentence(state, sentence)
    _link_surnames(state)
    _type_affiliations(state)
    for entity in state.found.values():
        entity.mentions.sort(key=lambda m: m.start)
        entity.source_type = _type_of(entity, state.found)
    ordered = sorted(state.found.values(), key=lambda e: e.mentions[0].start)
    return [e for e in ordered if e.mentions]


def _sentence(state: _Article, sentence) -> None:
    text, offset = sentence.text, sentence.start
    tokens = tokens_of(text, offset)
    taken: set[int] = set()
    ends = [t.end for t in tokens]  # in text order, never overlapping: a mention's by bisection
    if state.registry is not None:
        for m in state.registry.find_mentions(text, offset):
            entity = state.registry.get(m.entity_id)
            kind = "organisation" if entity.type == "outlet" else entity.type
            state.add(m.entity_id, m.name, kind, Mention(m.start, m.end, m.alias,
                                                          sentence.sentence_id),
                      origin="registry", registry_type=entity.type, subtype=entity.subtype)
            k = bisect_right(ends, m.start)  # the first token ending after the mention starts
            while k < len(tokens) and tokens[k].start < m.end:
                taken.add(k)
                k += 1
    for i, j in _runs(tokens, taken):
        _run(state, sentence, tokens, i, j)


def _shouting(tokens: list[_Token]) -> bool:
    """More than half the words of the sentence in capitals (a headline in capitals)."""
    return sum(t.text.isupper() and len(t.text) > 1 for t in tokens) > len(tokens) / 2


def _run(state: _Article, sentence, tokens: list[_Token], i: int, j: int) -> None:
    words = [t.word for t in tokens[i:j]]
    if all(w.isupper() for w in words) and _shouting(tokens):
        return  # a headline in capitals: no name can be told from the words around it
    if _opens_role(tokens, j):
        return  # "Council" of "Council member Jim Holloway": part of the role
    whole = organisation_kind(" ".join(words))
    # a name that is an organisation as a whole keeps its first word ("Republican Party")
    cut, role = (0, "") if whole and whole.position != "descriptor" else _split_role(words)
    before = _role_before(tokens, i) if not role else ("", "", "")
    if not role and before[0]:
        role = before[0]
    if cut >= len(words):
        return  # a title alone ("the Governor")
    name_tokens = tokens[i + cut:j]
    name = " ".join(t.word for t in name_tokens)
    start, end = name_tokens[0].start, name_tokens[-1].start + len(name_tokens[-1].word)
    mention = Mention(start, end, state.doc.text[start:end], sentence.sentence_id)
    after = state.doc.text[end + (len(name_tokens[-1].text) - len(name_tokens[-1].word)):
                           sentence.end]
    acronym = _ACRONYM_DEF.match(after)
    descriptor = _descriptor_before(tokens, i, state.doc.text)
    # an organisation or place before the role is the affiliation ("Millbrook Fire Department
    # Chief Marcus Odell", "Chamber of Commerce president Dale Whitaker")
    prefix = tokens[i:i + cut - len(role.split())] if role and cut else []
    prefix_name = " ".join(t.word for t in prefix)
    if prefix and _org_like(prefix_name):
        affiliation, affiliation_start = prefix_name, prefix[0].start
    else:
        affiliation, affiliation_start = before[1], None  # its own run: added on its own
    kind = _kind(name, role or ("titled" if cut else ""), descriptor, tokens, i,
                 sentence.start == tokens[i].start)
    if kind == "person" or (role and kind in ("", "unknown")):
        appositive = _APPOSITIVE.match(after) if not role or not affiliation else None
        if appositive:
            role, affiliation, desc = _from_appositive(appositive, role, affiliation)
            if appositive.group("org"):
                _org_mention(state, sentence, after, appositive, end, desc)
        if len(name_tokens) == 1 and " " not in name:
            state.pending.append((name, mention, role, affiliation, True))
            return
        state.add(slug(name), name, "person", mention, role=role, affiliation=affiliation)
        if affiliation and affiliation_start is not None:
            kind = "place" if is_place(affiliation) else "organisation"
            state.add(slug(affiliation), affiliation, kind,
                      _mention_of(state, sentence, affiliation_start, affiliation))
        return
    if kind == "organisation":
        entity = state.add(slug(name), name, kind, mention, descriptor=descriptor)
        if acronym:
            state.acronyms[acronym.group("acr")] = entity.key
        return
    if kind == "place":
        state.add(slug(name), name, kind, mention)
        return
    if kind == "acronym":
        key = state.acronyms.get(name)
        if key:
            state.add(key, name, "organisation", mention)
        else:
            state.add(slug(name), name, "organisation", mention)
        return
    if len(name_tokens) == 1:
        state.pending.append((name, mention, role, affiliation, bool(role) or cut > 0))


def _opens_role(tokens: list[_Token], j: int) -> bool:
    """True when the run ending before token ``j`` and the lower-case words after it form a role
    that a name follows ("Council member Jim Holloway", "Fire chief Marcus Odell")."""
    for n in (2, 1):
        after = tokens[j:j + n]
        if (len(after) == n and j + n < len(tokens) and all(t.text[0].islower() for t in after)
                and tokens[j + n].capitalised
                and " ".join([tokens[j - 1].text] + [t.text for t in after]).lower() in roles()):
            return True
    return False


def _org_like(text: str) -> bool:
    return bool(text) and (organisation_kind(text) is not None or is_place(text))


def _mention_of(state, sentence, start: int, name: str) -> Mention:
    return Mention(start, start + len(name), state.doc.text[start:start + len(name)],
                   sentence.sentence_id)


def _kind(name: str, role: str, descriptor: str, tokens, i: int, sentence_start: bool) -> str:
    """person | organisation | place | acronym | "" (not told) for a name run without its role."""
    words = name.split()
    if len(words) == 1 and name in NOT_ACRONYMS:
        return ""
    kind = organisation_kind(name, descriptor)
    if kind is not None and (len(words) > 1 or descriptor or kind.position == "suffix"
                             or name.lower() in SINGLE_WORD_BODIES):
        return "organisation"
    if descriptor:
        return "organisation"
    if role:
        return "person"
    if is_place(name) or (len(words) > 1 and words[-1].lower() in STREET_WORDS):
        return "place"
    if any(is_demonym(w) for w in words):
        return ""
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,8}", name):
        return "acronym"
    previous = tokens[i - 1].text.lower() if i and _adjacent(tokens, i - 1) else ""
    if previous in PLACE_PREPOSITIONS and len(words) == 1:  # "in Tessam"; not "rolled in, Roe"
        return "place"
    if (len(words) >= 2 and all(_name_like(w) for w in words)
            and words[-1].lower() not in NOT_PERSON_LAST
            and len(find_role(words).split()) < len(words)):  # "Police Chief" alone is a title
        return "person"
    return ""


def _name_like(word: str) -> bool:
    return (word[0].isupper() and not word.isupper() and word.lower() not in NOT_NAMES
            ) or word.lower() in NAME_PARTICLES


def _role_before(tokens: list[_Token], i: int) -> tuple[str, str, int | None]:
    """A lower-case role written before a name run ("fire chief Marcus Odell", "Chamber of
    Commerce president Dale Whitaker"): (role, affiliation, affiliation start) or empties."""
    k = i
    while k > 0 and tokens[k - 1].text[0].islower() and i - k < 3 and _adjacent(tokens, k - 1):
        k -= 1
    if k > 0 and i - k < 3 and _adjacent(tokens, k - 1):
        k -= 1  # a role may open with a capital: "Council member", "Fire chief"
    words = [t.text for t in tokens[k:i]]
    role = find_role(words) if words else ""
    if not role or all(t.text[0].isupper() for t in tokens[i - len(role.split()):i]):
        return _possessive_role(tokens, i)
    first = i - len(role.split())
    if first > 0 and tokens[first - 1].possessive:  # "Halvorsen's plant manager Ray Ortiz"
        owner = tokens[first - 1]
        return role, owner.word, owner.start
    # an organisation run ending right before the role: "Chamber of Commerce president"
    end = first
    start = end
    while start > 0 and (tokens[start - 1].capitalised or (
            tokens[start - 1].text.lower() in ORG_CONNECTORS and start > 1
            and tokens[start - 2].capitalised)):
        start -= 1
    affiliation = " ".join(t.word for t in tokens[start:end])
    if affiliation and (_org_like(affiliation)):
        return role, affiliation, tokens[start].start
    return role, "", None


def _possessive_role(tokens: list[_Token], i: int) -> tuple[str, str, int | None]:
    """"Halvorsen's chief executive, Priya Nandakumar": (role, owner, owner start) or empties."""
    k = i
    while k > 0 and tokens[k - 1].text[0].islower() and i - k < 4:
        k -= 1
    if k == i or k == 0 or not tokens[k - 1].possessive or not tokens[k - 1].text[0].isupper():
        return "", "", None
    if tokens[i].start - tokens[i - 1].end > 3:  # only ", " between the role and the name
        return "", "", None
    role = find_role([t.text for t in tokens[k:i]])
    owner = tokens[k - 1]
    return (role, owner.word, owner.start) if role else ("", "", None)


def _adjacent(tokens: list[_Token], k: int) -> bool:
    """True when only spaces separate token ``k`` from the next (no comma, no bracket)."""
    return k + 1 < len(tokens) and tokens[k + 1].start - tokens[k].end <= 1


def _descriptor_before(tokens: list[_Token], i: int, text: str) -> str:
    """The lower-case words right before a run that describe an organisation ("the environmental
    group"), when they end in an organisation descriptor; else ``""``."""
    k = i
    while k > 0 and tokens[k - 1].text[0].islower() and i - k < 3 and _adjacent(tokens, k - 1):
        k -= 1
    words = " ".join(t.text for t in tokens[k:i])
    kind = organisation_kind("", words) if words else None
    return words if kind is not None else ""


def _from_appositive(match: re.Match, role: str, affiliation: str) -> tuple[str, str, str]:
    words = match.group("role").split()
    found = find_role(words)
    if found and not role:
        role = found
    org = match.group("org") or ""
    if org and not affiliation:
        affiliation = org
    return role, affiliation, (match.group("desc") or "").strip()


def _org_mention(state, sentence, after: str, match: re.Match, name_end: int, desc: str) -> None:
    org = match.group("org")
    gap = len(state.doc.text[name_end:sentence.end]) - len(after)
    start = name_end + gap + match.start("org")
    mention = Mention(start, start + len(org), org, sentence.sentence_id)
    key = state.acronyms.get(org) or slug(org)
    kind = "place" if is_place(org) else "organisation"
    state.add(key, org, kind, mention, descriptor=desc)


def _link_surnames(state: _Article) -> None:
    """Give each lone name (a surname, "Chief Odell") to the one person of the article whose full
    name ends with it; a name shared by two people, or by none, stays apart under its own key."""
    people: dict[str, list[Found]] = {}
    for entity in state.found.values():
        if entity.kind == "person" and " " in entity.name:
            people.setdefault(entity.name.split()[-1], []).append(entity)
    companies: dict[str, list[Found]] = {}
    for entity in state.found.values():
        if entity.kind == "organisation" and " " in entity.name:
            companies.setdefault(entity.name.split()[0], []).append(entity)
    for surname, mention, role, affiliation, person in state.pending:
        acronym = state.acronyms.get(surname)
        owners = people.get(surname, [])
        if acronym:
            state.add(acronym, surname, "organisation", mention)
        elif not owners and len(companies.get(surname, [])) == 1 and not role:
            company = companies[surname][0]  # "Halvorsen" for "Halvorsen Chemicals Inc."
            state.add(company.key, company.name, "organisation", mention)
        elif len(owners) == 1:
            owner = owners[0]
            state.add(owner.key, owner.name, "person", mention, role=role,
                      affiliation=affiliation)
        elif len(owners) > 1:  # shared by two people of the article: a person, left unlinked
            state.add(slug(surname), surname, "person", mention, role=role)
        elif surname in state.found and state.found[surname].kind:
            state.add(surname, surname, "", mention)
        else:
            kind = "person" if person and not owners else ""
            state.add(slug(surname), surname, kind, mention, role=role, affiliation=affiliation)


def _type_affiliations(state: _Article) -> None:
    """A name of unknown kind that a person is affiliated to is an organisation ("Halvorsen" in
    "Halvorsen's chief executive, Priya Nandakumar")."""
    by_alias = {alias: e for e in state.found.values() for alias in e.aliases}
    for entity in list(state.found.values()):
        owner = by_alias.get(entity.affiliation) if entity.affiliation else None
        if entity.kind == "person" and owner is not None:
            owner.kind = owner.kind or "organisation"
            entity.affiliation = owner.name


def _type_of(entity: Found, found: dict[str, Found]) -> str:
    """Source type of an article entity (see :mod:`analysis.entities.source_types`)."""
    if entity.origin == "registry":
        return registry_type(entity.subtype)
    if entity.kind == "organisation":
        return organisation_type(entity.name, entity.descriptor)
    if entity.kind == "person":
        affiliation = found.get(slug(entity.affiliation)) if entity.affiliation else None
        affiliation_type = _name_type(entity.affiliation, affiliation)
        return next((person_type(r, affiliation_type) for r in entity.roles), affiliation_type
                    or UNKNOWN)
    return ""


def _name_type(name: str, entity: Found | None) -> str:
    if not name:
        return ""
    if entity is not None and entity.origin == "registry":
        return entity.source_type
    if entity is not None and organisation_kind(entity.name, entity.descriptor) is not None:
        return organisation_type(entity.name, entity.descriptor)
    if is_place(name):
        return "official"  # "Millbrook Mayor": the affiliation of a place is its government
    return organisation_type(name) if organisation_kind(name) else ""
