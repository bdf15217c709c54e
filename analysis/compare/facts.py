"""Facts: the numbers, dates, people, organisations, places and outlets each article mentions.

Facts are found per sentence: registry mentions (``context.registry``), dates (month-day-year
forms, weekdays, years 1900-2099, lists of years, times of day), numbers with the unit word that follows them
("24 years", "3 million"), and runs of capitalised words the registry does not know (kind
``name``, ``in_registry`` False: a candidate, not a verified entity). Each fact has a ``value``
key so mentions compare across outlets ("24 years" = "24 years"; an entity by its id).

Numbers are read in the article's language (:func:`parse_number`): "4,000" in English and
"4.000" in German are both 4000. Phone numbers and digit strings with a leading zero ("0142") are
codes, not quantities: not facts. Names are looked for in English text only (German capitalises
every noun); a capitalised common word opening a sentence or a line ("About", "Safety") is not a
name: common = a stop word, or a word the event also writes in lower case. The entity-discovery
stage (its ``entities``/``mentions`` tables) is meant to replace the capitalised-run rule here.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pandas as pd

from analysis.corpus.language import is_english
from analysis.measures.distinctive_terms import read_stopwords

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
# Digits as written: English groups thousands with "," and marks decimals with "." ("4,000.5");
# German (and most of continental Europe) the other way round ("4.000,5"). A lone group after the
# separator that is not 3 digits long is a decimal ("4,5" in German, "4.5" in English).
DIGITS = {"en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
          "de": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"}
# Languages that write numbers the German way (ISO 639-1); any other is read the English way.
DECIMAL_COMMA = frozenset("de fr es it nl pt pl ru uk cs sk sl hr sr ro hu tr da sv no nb fi el "
                          "id vi".split())


def _number_pattern(digits: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.,])(?:\$\s?)?(?:{digits}|(?:{NUMBER_WORDS}))"
                      rf"(?:\s*(?:{UNITS}))?(?![\w])", re.IGNORECASE)


NUMBERS = {style: _number_pattern(digits) for style, digits in DIGITS.items()}
NUMBER = NUMBERS["en"]
# Telephone numbers: digit groups joined by spaces, dots, dashes or slashes, optionally with a
# "+country" or "(area)" prefix. One is a phone number (not a fact) when it starts with "+", "("
# or "0", or follows a word such as "tel", and has at least PHONE_DIGITS digits.
PHONE = re.compile(r"(?<![\w.,])(?:\+\s?\d{1,3}[\s./-]?)?(?:\(\d{1,5}\)[\s./-]?)?\d{2,5}"
                   r"(?:[\s./-]\d{2,5})*(?![\w])")
# A time of day ("08:15", "9:30:05"): a `date` fact, value without the hour's leading zero
TIME = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?![\w:])")
PHONE_DIGITS = 6  # the shortest local numbers (e.g. 6-digit lines) have 6 digits
PHONE_CUE = re.compile(r"\b(?:tel|phone|telephone|call|fax|hotline|mobile|whatsapp|sms|text)\b"
                       r"\W{0,3}$", re.IGNORECASE)
# Capitalised word runs ("Kumsusan Palace", "Segun Adeyemi"); "of"/"the" may join two runs. A run
# does not go on past a line break.
NAME = re.compile(r"\b[A-Z][\w’'\-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w’'\-]*)*")
# An opening quote mark (typographic, or a straight one after a space, colon or dash) just before a word
_OPENING_QUOTE = re.compile(r"(?:[“„«‘‹]|(?:^|[\s:—–-])[\"'])\s*$")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z][a-z’'\-]*")
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
                "only_outlet", "language", "in_copy"]
ENTITY_KINDS = ("person", "organisation", "place", "outlet")


def number_style(language: str | None) -> str:
    """``de`` when ``language`` writes numbers the German way ("4.000,5"), else ``en``."""
    code = (language or "").lower().replace("_", "-").split("-")[0]
    return "de" if code in DECIMAL_COMMA else "en"


def parse_number(digits: str, language: str | None = "en") -> Decimal | None:
    """The value of digits as written in ``language``: "4,000" (en) and "4.000" (de) are 4000,
    "4,5" (de) is 4.5. None when ``digits`` is not a number in that style."""
    style = number_style(language)
    if not re.fullmatch(DIGITS[style], digits):
        return None
    group, decimal = (",", ".") if style == "en" else (".", ",")
    try:
        return Decimal(digits.replace(group, "").replace(decimal, "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits and separators
        return None


def _plain(value: Decimal) -> str:
    """A number without exponent or trailing zeros: 4000, 4.5."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def normalise_number(text: str, language: str | None = "en") -> str:
    """Comparison key of a number fact: lower case, single spaces, the digits as a plain number
    read in the article's language ("4,000 people" and, in German, "4.000 people" -> "4000 people")."""
    style = number_style(language)
    key = re.sub(r"\s+", " ", text.lower()).strip()
    return re.sub(DIGITS[style], lambda m: _plain(parse_number(m.group(), language)), key, count=1)


def is_phone_number(text: str, before: str = "") -> bool:
    """True when ``text`` (a :data:`PHONE` match) reads as a telephone number: it starts with
    "+", "(" or "0", or ``before`` (the text just before it) ends with a cue such as "tel", and it
    has at least :data:`PHONE_DIGITS` digits."""
    if sum(c.isdigit() for c in text) < PHONE_DIGITS:
        return False
    return text[:1] in "+(0" or bool(PHONE_CUE.search(before))


def sentence_facts(text: str, offset: int, registry, language: str | None = "en",
                   common: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """Facts in one sentence: ``kind``, ``value`` (comparison key), ``text``, ``entity_id``,
    ``in_registry``, ``start``/``end`` (offsets into the article, ``offset`` = sentence start).

    Args:
        text: the sentence.
        offset: its start in the article.
        registry: the entity registry, or None.
        language: the article's language (ISO 639-1): how numbers are read, and names are looked
            for only in English (or undetermined) text.
        common: lower-case words known to be common words (written in lower case elsewhere in
            the event); with the stop words, a capitalised one opening the sentence is not a name.
    """
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
    for match in PHONE.finditer(text):
        if free(*match.span()) and is_phone_number(match.group(), text[:match.start()]):
            taken.append(match.span())  # a phone number: no fact, and no number inside it
    for match in TIME.finditer(text):
        if free(*match.span()):
            found.append({"kind": "date", "value": f"{int(match.group(1))}:{match.group(2)}",
                          "text": match.group(), "entity_id": "", "in_registry": False,
                          "start": match.start() + offset, "end": match.end() + offset})
            taken.append(match.span())
    for match in DATE.finditer(text):
        if free(*match.span()):
            found.append({"kind": "date", "value": re.sub(r"\s+", " ", match.group()),
                          "text": match.group(), "entity_id": "", "in_registry": False,
                          "start": match.start() + offset, "end": match.end() + offset})
            taken.append(match.span())
    for match in NUMBERS[number_style(language)].finditer(text):
        written = match.group()
        if not free(*match.span()) or not (re.search(r"\d", written) or " " in written):
            continue
        if re.match(r"\$?\s?0\d", written):  # "0142": a code or a fragment of one, not a quantity
            continue
        found.append({"kind": "number", "value": normalise_number(written, language),
                      "text": written, "entity_id": "", "in_registry": False,
                      "start": match.start() + offset, "end": match.end() + offset})
        taken.append(match.span())
    if language and language.lower() not in ("und", "") and not is_english(language):
        return sorted(found, key=lambda f: f["start"])  # capitals mark nouns, not names
    for match in NAME.finditer(text):
        span = _name_span(text, match, common)
        if span is None or not free(*span):
            continue
        start, end = span
        found.append({"kind": "name", "value": _POSSESSIVE_END.sub("", text[start:end]),
                      "text": text[start:end], "entity_id": "", "in_registry": False,
                      "start": start + offset, "end": end + offset})
    return sorted(found, key=lambda f: f["start"])


def opens_sentence(text: str, position: int) -> bool:
    """True when nothing but punctuation, quote marks, bullets or spaces comes before
    ``position`` since the start of ``text`` or of its line, or when an opening quote mark comes
    right before it (``claimed: “Nobody expected ...``): a word there is capitalised by position,
    not by being a name."""
    line_start = text.rfind("\n", 0, position) + 1
    return not re.search(r"\w", text[line_start:position]) or bool(
        _OPENING_QUOTE.search(text, 0, position))


def is_common_word(word: str, common: frozenset[str] | set[str] = frozenset()) -> bool:
    """True for a stop word (``analysis/resources/stopwords.txt``), a word of :data:`NOT_NAMES`,
    or a word in ``common`` (lower-case words of the event), in any letter case."""
    bare = _POSSESSIVE_END.sub("", word)
    key = bare.lower().replace("’", "'")
    return bare in NOT_NAMES or key in read_stopwords() or key in common


def _name_span(text: str, match: re.Match, common=frozenset()) -> tuple[int, int] | None:
    """The name inside a capitalised run, leading non-names dropped; None when nothing is left,
    the name is one word opening the sentence (capitalised by position, not by being a name), a
    lone demonym, or a lone abbreviation of at most two capitals ("AW": initials, a byline)."""
    words = [(m.start() + match.start(), m.end() + match.start(), m.group())
             for m in re.finditer(r"\S+", match.group())]
    while words and (words[0][2] in NOT_NAMES or words[0][2] in ("of", "the")):
        words.pop(0)
    if words and opens_sentence(text, words[0][0]) and is_common_word(words[0][2], common):
        words.pop(0)  # "Safety Minister Ana Lopez" at the start: "Safety" is the sentence's
    while words and words[0][2] in ("of", "the"):
        words.pop(0)
    while words and words[-1][2] in ("of", "the"):
        words.pop()
    if not words:
        return None
    if len(words) == 1:
        word = _POSSESSIVE_END.sub("", words[0][2])
        if opens_sentence(text, words[0][0]) or word in DEMONYMS or (
                word.isupper() and len(word) <= 2):
            return None
    return words[0][0], words[-1][1]


def common_words(texts) -> frozenset[str]:
    """Lower-case words of ``texts`` (an event's sentences): a capitalised opener that is also
    written in lower case ("Safety" / "safety") is a common word, not a name."""
    found: set[str] = set()
    for text in texts:
        found.update(w.replace("’", "'") for w in _LOWER_WORD.findall(text))
    return frozenset(found)


def facts_table(sentences: pd.DataFrame, registry, event: str,
                language_of: dict[str, str] | None = None,
                copies: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """Fact rows of one event's sentences (``article_id``, ``outlet``, ``sentence_id``,
    ``start``, ``text``), with how many outlets of the event mention the same ``value``.

    Args:
        sentences: the event's sentences.
        registry: the entity registry, or None.
        event: copied into every row.
        language_of: article id -> language (ISO 639-1); articles not in it are English.
        copies: later copies of a story (``stories``): their facts are listed (``in_copy`` True)
            but counted once, with the original: ``n_outlets`` counts the outlets of the other
            articles (or of the copies, for a fact no other article mentions).

    ``only_outlet`` names the outlet when it is the only one mentioning the fact, else ''.
    """
    rows = []
    counters: dict[str, int] = {}
    language_of = language_of or {}
    common = common_words(sentences["text"].tolist())
    found_in: dict[tuple, list[dict]] = {}  # (text, language) -> its facts at offset 0 (texts
    # recur: syndicated copies, wire sentences, boilerplate)
    for article_id, outlet, sentence_id, text, start in zip(
            *(sentences[c].tolist() for c in ("article_id", "outlet", "sentence_id", "text", "start"))):
        language = str(language_of.get(article_id) or "en")
        if (text, language) not in found_in:
            found_in[(text, language)] = sentence_facts(text, 0, registry, language, common)
        start = int(start)
        for fact in found_in[(text, language)]:
            n = counters.get(article_id, 0)
            counters[article_id] = n + 1
            rows.append({"event": event, "article_id": article_id, "outlet": outlet,
                         "fact_id": f"{article_id}:f{n}", "sentence_id": sentence_id,
                         **fact, "start": fact["start"] + start, "end": fact["end"] + start,
                         "language": language, "in_copy": article_id in copies})
    facts = pd.DataFrame(rows, columns=FACT_COLUMNS)
    if facts.empty:
        return facts
    outlets = facts["outlet"].fillna("").astype(str)
    key = facts["kind"] + "|" + facts["value"]
    counted = ~facts["in_copy"].astype(bool) | ~key.isin(set(key[~facts["in_copy"].astype(bool)]))
    per_key = outlets[counted].groupby(key[counted]).agg(lambda s: sorted(set(s)))
    facts["n_outlets"] = key.map(per_key.map(len)).astype(int)
    facts["only_outlet"] = key.map(per_key.map(lambda s: s[0] if len(s) == 1 else ""))
    return facts


def fact_matrix(facts: pd.DataFrame, include_copies: bool = False) -> pd.DataFrame:
    """Which outlet mentions which fact: one row per (kind, value) with its most common surface
    form (``as_written``), one column per outlet with the number of mentions (0 = none).

    A story's later copies (``in_copy``) are left out unless ``include_copies``: the story counts
    once, at its original's outlet, as in ``n_outlets``."""
    if not include_copies and "in_copy" in facts:
        facts = facts[~facts["in_copy"].astype(bool)]
    if facts.empty:
        return pd.DataFrame(columns=["kind", "value"])
    table = facts.assign(outlet=facts["outlet"].fillna("(unknown)")).pivot_table(
        index=["kind", "value"], columns="outlet", values="fact_id", aggfunc="count",
        fill_value=0)
    table.columns = [str(c) for c in table.columns]
    written = facts.groupby(["kind", "value"])["text"].agg(lambda s: s.value_counts().index[0])
    table.insert(0, "as_written", written.reindex(table.index))
    return table.reset_index()
