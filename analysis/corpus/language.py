"""Language identification with lingua (its language models ship inside the PyPI wheel)."""

from __future__ import annotations

from functools import lru_cache

UNDETERMINED = "und"  # ISO 639-2 code for "undetermined"
SAMPLE_CHARS = 3000  # the first 3,000 characters decide; enough for a news article
# lingua's low-accuracy mode (fast, small) is reliable on longer texts only (its README: use it
# for texts of more than 120 characters); shorter texts are reported as undetermined.
MIN_CHARS = 120


@lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "de", ...), or "und" when unsure or too short."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return UNDETERMINED
    language = _detector().detect_language_of(sample)
    return language.iso_code_639_1.name.lower() if language is not None else UNDETERMINED


def is_english(code: str) -> bool:
    """True when a language code names English ("en", "en-GB", "eng")."""
    code = (code or "").lower()
    return code in {"en", "eng", "english"} or code.startswith("en-") or code.startswith("en_")
