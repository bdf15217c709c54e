"""One article through every per-article stage: the run's options and context, cleaning and
segmenting, language, the foundation tables (articles, cleaning log, paragraphs, sentences) and
the stages of :mod:`analysis.core.stages`. Both :mod:`analysis.run.engine` (in a worker) and
:mod:`analysis.run.pipeline` call it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.core.cache import ArticleCache
from analysis.core.settings import Limits
from analysis.core.settings import validate as validate_settings
from analysis.core.stages import ARTICLE_STAGES, CORPUS_STAGES
from analysis.corpus.document import Document, document_from_raw
from analysis.corpus.language import UNDETERMINED, detect_language, is_english
from analysis.corpus.load import RawArticle, Rejection
from analysis.entities.registry import Registry, default_registry


@dataclass
class Options:
    """Settings of one analysis run (everything that changes a result belongs here)."""

    registry: str = ""  # entity registry CSV; empty = the shipped default
    columns: dict = field(default_factory=dict)  # export column overrides {field: column}
    params: dict = field(default_factory=dict)  # stage settings by name (analysis.core.settings)

    def __post_init__(self):
        self.params = validate_settings(self.params)  # unknown names and bad values refused here


@dataclass
class Context:
    """What stages receive besides the document: the options and the entity registry."""

    options: Options
    registry: Registry
    cache: ArticleCache | None = None  # corpus stages may keep results here (None = no cache)
    progress: bool = False  # corpus stages may draw progress bars (analysis.core.progress)
    jobs: int = 1  # processes a corpus stage may use (set where the stage runs in its own process)


@dataclass
class Result:
    """Tables of a run, by name, plus counts for the command line's summary."""

    tables: dict[str, pd.DataFrame]
    n_articles: int
    n_rejected: int
    n_warnings: int
    n_cached: int = 0  # articles whose results came from the cache
    n_computed: int = 0  # articles analysed in this run (when the cache is on)
    n_blocks_cached: int = 0  # corpus-stage results (comparison blocks) reused from the cache
    n_blocks_computed: int = 0  # ... and computed in this run (when the cache is on)


def _resolve(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def load_stage_modules() -> None:
    """Import every stage module, so that all their tables are registered in the schema."""
    for spec in ARTICLE_STAGES + CORPUS_STAGES:
        _resolve(spec)


def _stage_is_english_only(stage: Callable) -> bool:
    return bool(getattr(stage, "english_only", False))


def applies_english(language: str) -> bool:
    """English-only measures run on English text, and on text too short to identify."""
    return is_english(language) or language == UNDETERMINED


def foundation_rows(doc: Document, raw: RawArticle) -> dict[str, list[dict]]:
    """Rows of ``articles``, ``cleaning_log``, ``paragraphs`` and ``sentences`` for one document."""
    meta = doc.metadata
    body_paragraphs = doc.body_paragraphs
    article = {
        "article_id": doc.article_id,
        "outlet": meta.get("outlet", ""),
        "title": meta.get("title", "") or doc.title,
        "author": meta.get("author", ""),
        "published": meta.get("published", ""),
        "url": meta.get("url", ""),
        "language": meta.get("language", ""),
        "source_file": raw.source_file,
        "notes": meta.get("notes", ""),
        "n_words": doc.n_words,
        "n_sentences": len(doc.body_sentences),
        "n_paragraphs": len(body_paragraphs),
        "event": meta.get("event", ""),
        "source_row": raw.source_row,
        "text_origin": raw.text_origin,
        "english": applies_english(meta.get("language", "")),
    }
    return {
        "articles": [article],
        "cleaning_log": [
            {"article_id": doc.article_id, "line_no": r.line_no, "rule": r.rule,
             "action": r.action, "original": r.original, "result": r.result}
            for r in doc.log
        ],
        "paragraphs": [
            {"article_id": doc.article_id, "paragraph_id": p.paragraph_id, "role": p.role,
             "section": p.section, "raw_line": p.raw_line, "start": p.start, "end": p.end,
             "text": p.text}
            for p in doc.paragraphs
        ],
        "sentences": [
            {"article_id": doc.article_id, "sentence_id": s.sentence_id,
             "paragraph_id": s.paragraph_id, "start": s.start, "end": s.end, "text": s.text,
             "role": s.role}
            for s in doc.sentences
        ],
    }


def prepare(raw: RawArticle, registry: Registry | None = None) -> Document | Rejection:
    """Clean, segment and identify the language of one raw article (``registry``: for outlet
    names in breadcrumbs; the shipped one by default)."""
    doc = document_from_raw(raw, registry if registry is not None else default_registry())
    if not doc.body_sentences:
        return Rejection(raw.source_file, "no sentences left after cleaning", raw.article_id)
    if not doc.metadata.get("language"):
        doc.metadata["language"] = detect_language(doc.body_text())
    return doc


def over_budget(raw: RawArticle, options: Options) -> Rejection | None:
    """The rejection of an article whose text is over the ``max_article_chars`` budget
    (:class:`analysis.core.settings.Limits`), or None when it is within it."""
    limit = options.params.get("max_article_chars", Limits.max_article_chars)
    if limit and len(raw.text) > limit:
        return Rejection(raw.source_file, f"article text of {len(raw.text):,} characters is over the "
                         f"per-article budget of {limit:,} (setting max_article_chars)",
                         raw.article_id)
    return None


def analyze_article(raw: RawArticle, context: Context,
                    stages: Sequence[str] | None = None) -> dict[str, list[dict]] | Rejection:
    """Every per-article table for one raw article (or its rejection).

    Args:
        stages: ``module:function`` names to run (default: :data:`analysis.core.stages.ARTICLE_STAGES`).
    """
    too_long = over_budget(raw, context.options)
    if too_long is not None:
        return too_long
    doc = prepare(raw, context.registry)
    if isinstance(doc, Rejection):
        return doc
    rows = foundation_rows(doc, raw)
    rows["warnings"] = [
        {"article_id": doc.article_id, "source_file": raw.source_file, "message": w}
        for w in doc.warnings
    ]
    english = rows["articles"][0]["english"]
    if doc.metadata["language"] == UNDETERMINED:
        rows["warnings"].append({
            "article_id": doc.article_id, "source_file": raw.source_file,
            "message": f"{raw.source_file}: language undetermined (text too short to identify); "
                       "English-only measures applied; set `language` in manifest.csv to override",
        })
    skipped = []
    for spec in ARTICLE_STAGES if stages is None else stages:
        stage = _resolve(spec)
        if _stage_is_english_only(stage) and not english:
            skipped.append(spec)
            continue
        for table, table_rows in stage(doc, context).items():
            rows.setdefault(table, []).extend(table_rows)
    if skipped:  # one warning per article, naming every measure it did not get
        rows["warnings"].append({
            "article_id": doc.article_id, "source_file": raw.source_file,
            "message": f"{raw.source_file}: language '{doc.metadata['language']}' is not "
                       f"English; {len(skipped)} English-only measure(s) skipped: "
                       f"{', '.join(_stage_name(spec) for spec in skipped)}",
        })
    return rows


def _stage_name(spec: str) -> str:
    """A stage's short name: its module's last part (``analysis.measures.sentiment:score_article``
    -> ``sentiment``), or the package's when the module is a generic ``tables`` or ``stage``
    (``analysis.attribution.stage:attribution_rows`` -> ``attribution``)."""
    parts = spec.partition(":")[0].split(".")
    return parts[-2] if len(parts) > 1 and parts[-1] in ("tables", "stage") else parts[-1]
