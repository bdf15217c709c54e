"""Facts: the numbers, dates, people, organisations, places and outlets each article mentions.

Facts are found per sentence: registry mentions (``context.registry``), dates (month-day-year
forms, weekdays, years 1900-2099, lists of years), numbers with the unit word that follows them
("24 years", "3 million"), and runs of capitalised words the registry does not know (kind
``name``, ``in_registry`` False: a candidate, not a verified entity). Each fact has a ``value``
key so mentions compare across outlets ("24 years" = "24 years"; an entity by its id).
"""

from __future__ import annotations

import re

import pandas as pd

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|"
                "thousand|million|billion")
UNITS = ("years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)|percent|per cent|"
         "%|people|soldiers|troops|missiles?|million|billion|trillion|thousand|dollars|"
         "rubles|won|km|kilometres|kilometers|miles|tons|tonnes")
YEAR = r"(?:19|20)\d\d"
DATE = re.compile(
    rf"\b(?:(?:{MONTHS})\s+\d{{1,2}}(?:,\s*{YEAR})?|\d{{1,2}}\s+(?:{MONTHS})(?:\s+{YEAR})?"
    rf"|(?:{MONTHS})\s+{YEAR}|{YEAR}(?:,\s*{YEAR})*,?\s+and\s+{YEAR}|{YEAR}s?|{WEEKDAYS})\b")
NUMBER = re.compile(
    rf"(?<![\w.])(?:\$\s?)?(?:\d[\d,]*(?:\.\d+)?|(?:{NUMBER_WORDS}))(?:\s*(?:{UNITS}))?(?![\w])",
    re.IGNORECASE)
# Capitalised word runs ("Kumsusan Palace", "Segun Adeyemi"); "of"/"the" may join two runs.
NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'\-]*)*")
# Capitalised words that are not names: sentence openers, section heads, pronouns.
NOT_NAMES = frozenset(
    "A An The This That These Those It Its He She They We I You His Her Their Our But And Or So "
    "In On At As By For From Of To With After Before During Amid According Furthermore However "
    "Meanwhile Also Why What When Where Who How Matters Happened While Although If Then There "
    "Here Both".split()) | frozenset(WEEKDAYS.split("|")) | frozenset(
    m.rstrip("\\.") for m in MONTHS.split("|"))

# Adjectives of place: not a name when alone ("Russian"), part of one in "Russian Foreign Ministry".
DEMONYMS = frozenset("Russian Korean American Chinese Ukrainian Western Eastern Soviet Asian "
                     "European African Japanese British".split())
_POSSESSIVE_END = re.compile(r"[’']s?$")
FACT_COLUMNS = ["event", "article_id", "outlet", "fact_id", "kind", "value", "text",
                "entity_id", "in_registry", "sentence_id", "start", "end", "n_outlets",
                "only_outlet"]
ENTITY_KINDS = ("person", "organisation", "place", "outlet")


def normalise_number(text: str) -> str:
    """Comparison key of a number fact: lower case, single spaces, no thousands separators."""
    return re.sub(r"\s+", " ", text.lower().replace(",", "")).strip()


def sentence_facts(text: str, offset: int, registry) -> list[dict]:
    """Facts in one sentence: ``kind``, ``value`` (comparison key), ``text``, ``entity_id``,
    ``in_registry``, ``start``/``end`` (offsets into the article, ``offset`` = sentence start)."""
    found: list[dict] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for mention in registry.find_mentions(text, offset) if registry is not None else []:
        if mention.type in ENTITY_KINDS:
            found.append({"kind": mention.type, "value": mention.entity_id, "text": mention.alias,
                          "entity_id": mention.entity_id, "in_registry": True,
                          "start": mention.start, "end": mention.end})
        taken.append((mention.start - offset, mention.end - offset))
    for match in DATE.finditer(text):
        if free(*match.span()):
            found.append({"kind": "date", "value": re.sub(r"\s+", " ", match.group()),
                          "text": match.group(), "entity_id": "", "in_registry": False,
                          "start": match.start() + offset, "end": match.end() + offset})
            taken.append(match.span())
    for match in NUMBER.finditer(text):
        if free(*match.span()) and (re.search(r"\d", match.group()) or " " in match.group()):
            found.append({"kind": "number", "value": normalise_number(match.group()),
                          "text": match.group(), "entity_id": "", "in_registry": False,
                          "start": match.start() + offset, "end": match.end() + offset})
            taken.append(match.span())
    for match in NAME.finditer(text):
        span = _name_span(text, match)
        if span is None or not free(*span):
            continue
        start, end = span
        found.append({"kind": "name", "value": _POSSESSIVE_END.sub("", text[start:end]),
                      "text": text[start:end], "entity_id": "", "in_registry": False,
                      "start": start + offset, "end": end + offset})
    return sorted(found, key=lambda f: f["start"])


def _name_span(text: str, match: re.Match) -> tuple[int, int] | None:
    """The name inside a capitalised run, leading non-names dropped; None when nothing is left or
    the name is one word opening the sentence (capitalised by position, not by being a name)."""
    words = [(m.start() + match.start(), m.end() + match.start(), m.group())
             for m in re.finditer(r"\S+", match.group())]
    while words and (words[0][2] in NOT_NAMES or words[0][2] in ("of", "the")):
        words.pop(0)
    while words and words[-1][2] in ("of", "the"):
        words.pop()
    if not words or len(words) == 1 and (words[0][0] == 0 or words[0][2] in DEMONYMS):
        return None
    return words[0][0], words[-1][1]


def facts_table(sentences: pd.DataFrame, registry, event: str) -> pd.DataFrame:
    """Fact rows of one event's sentences (``article_id``, ``outlet``, ``sentence_id``,
    ``start``, ``text``), with how many outlets of the event mention the same ``value``.

    ``only_outlet`` names the outlet when it is the only one mentioning the fact, else ''.
    """
    rows = []
    counters: dict[str, int] = {}
    found_in: dict[str, list[dict]] = {}  # sentence text -> its facts at offset 0 (texts recur:
    # syndicated copies, wire sentences, boilerplate)
    for article_id, outlet, sentence_id, text, start in zip(
            *(sentences[c].tolist() for c in ("article_id", "outlet", "sentence_id", "text", "start"))):
        if text not in found_in:
            found_in[text] = sentence_facts(text, 0, registry)
        start = int(start)
        for fact in found_in[text]:
            n = counters.get(article_id, 0)
            counters[article_id] = n + 1
            rows.append({"event": event, "article_id": article_id, "outlet": outlet,
                         "fact_id": f"{article_id}:f{n}", "sentence_id": sentence_id,
                         **fact, "start": fact["start"] + start, "end": fact["end"] + start})
    facts = pd.DataFrame(rows, columns=FACT_COLUMNS)
    if facts.empty:
        return facts
    outlets = facts["outlet"].fillna("").astype(str)
    key = facts["kind"] + "|" + facts["value"]
    per_key = outlets.groupby(key).agg(lambda s: sorted(set(s)))
    facts["n_outlets"] = key.map(per_key.map(len)).astype(int)
    facts["only_outlet"] = key.map(per_key.map(lambda s: s[0] if len(s) == 1 else ""))
    return facts


def fact_matrix(facts: pd.DataFrame) -> pd.DataFrame:
    """Which outlet mentions which fact: one row per (kind, value) with its most common surface
    form (``as_written``), one column per outlet with the number of mentions (0 = none)."""
    if facts.empty:
        return pd.DataFrame(columns=["kind", "value"])
    table = facts.assign(outlet=facts["outlet"].fillna("(unknown)")).pivot_table(
        index=["kind", "value"], columns="outlet", values="fact_id", aggfunc="count",
        fill_value=0)
    table.columns = [str(c) for c in table.columns]
    written = facts.groupby(["kind", "value"])["text"].agg(lambda s: s.value_counts().index[0])
    table.insert(0, "as_written", written.reindex(table.index))
    return table.reset_index()
