"""Language identification with lingua (its language models ship inside the PyPI wheel)."""

from __future__ import annotations

import re
from functools import lru_cache

UNDETERMINED = "und"  # ISO 639-2 code for "undetermined"
# The first 1,000 characters (to the end of the word they cut) decide: lingua's time grows with the
# text (about 16 ms for 3,000 characters), and 1,000 gave the same language as 3,000 on every
# article of the test corpora (tests/corpus/test_language.py) and the development pages
# (docs/scale.md).
SAMPLE_CHARS = 1000
_WORD_END = re.compile(r"\w{0,40}")
# lingua's low-accuracy mode (fast, small) is reliable on longer texts only (its README: use it
# for texts of more than 120 characters); shorter texts are reported as undetermined.
MIN_CHARS = 120


@lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "de", ...), or "und" when unsure or too short."""
    sample = language_sample(text)
    if len(sample.strip()) < MIN_CHARS:
        return UNDETERMINED
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else UNDETERMINED


def language_sample(text: str) -> str:
    """What :func:`detect_language` reads: the first :data:`SAMPLE_CHARS` characters, and the rest
    of a word they cut (up to 40 more characters)."""
    if len(text) <= SAMPLE_CHARS:
        return text
    word_end = _WORD_END.match(text, SAMPLE_CHARS)  # always matches (perhaps nothing)
    return text[:word_end.end() if word_end else SAMPLE_CHARS]


def is_english(code: str) -> bool:
    """True when a language code names English ("en", "en-GB", "eng")."""
    code = (code or "").lower()
    return code in {"en", "eng", "english"} or code.startswith("en-") or code.startswith("en_")
