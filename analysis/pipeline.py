"""The analysis pipeline: corpus folder -> cleaned, segmented articles -> tidy tables.

Per-article stages take a :class:`~analysis.document.Document` and return rows for their tables;
corpus stages take the finished tables (e.g. distinctive words across outlets). Stages are listed
in :mod:`analysis.stages`; each registers its tables in :mod:`analysis.schema`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.document import Document, document_from_raw
from analysis.entities import Registry, load_registry
from analysis.language import UNDETERMINED, detect_language, is_english
from analysis.load import RawArticle, Rejection, iter_corpus
from analysis.stages import ARTICLE_STAGES, CORPUS_STAGES


@dataclass
class Options:
    """Settings of one analysis run (everything that changes a result belongs here)."""

    registry: str = ""  # entity registry CSV; empty = the shipped default
    columns: dict = field(default_factory=dict)  # export column overrides {field: column}
    params: dict = field(default_factory=dict)  # settings of individual stages, by name


@dataclass
class Context:
    """What stages receive besides the document: the options and the entity registry."""

    options: Options
    registry: Registry


@dataclass
class Result:
    """Tables of a run, by name, plus counts for the command line's summary."""

    tables: dict[str, pd.DataFrame]
    n_articles: int
    n_rejected: int
    n_warnings: int


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


def prepare(raw: RawArticle) -> Document | Rejection:
    """Clean, segment and identify the language of one raw article."""
    doc = document_from_raw(raw)
    if not doc.body_sentences:
        return Rejection(raw.source_file, "no sentences left after cleaning", raw.article_id)
    if not doc.metadata.get("language"):
        doc.metadata["language"] = detect_language(doc.body_text())
    return doc


def analyze_article(raw: RawArticle, context: Context) -> dict[str, list[dict]] | Rejection:
    """Every per-article table for one raw article (or its rejection)."""
    doc = prepare(raw)
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
    for spec in ARTICLE_STAGES:
        stage = _resolve(spec)
        if _stage_is_english_only(stage) and not english:
            rows["warnings"].append({
                "article_id": doc.article_id, "source_file": raw.source_file,
                "message": f"{raw.source_file}: language '{doc.metadata['language']}' is not "
                           f"English; English-only measure {spec} skipped",
            })
            continue
        for table, table_rows in stage(doc, context).items():
            rows.setdefault(table, []).extend(table_rows)
    return rows


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    table = schema.TABLES.get(name)
    columns = table.column_names if table else None
    frame = pd.DataFrame(rows, columns=columns) if rows or columns else pd.DataFrame()
    if table and rows:
        extra = [c for c in frame.columns if c not in columns]
        frame = frame[columns + extra]
    return frame


def analyze(corpus: str | Path, options: Options | None = None,
            items: Iterable[RawArticle | Rejection] | None = None) -> Result:
    """Analyse a corpus folder into tables (nothing is written; see :func:`write_tables`)."""
    options = options or Options()
    load_stage_modules()
    context = Context(options, load_registry(options.registry or None))
    collected: dict[str, list[dict]] = {name: [] for name in schema.TABLES}
    seen: dict[str, str] = {}
    items = items if items is not None else iter_corpus(corpus, columns=options.columns)
    for item in items:
        if isinstance(item, Rejection):
            collected["rejected"].append(_rejection_row(item))
            continue
        if item.article_id in seen:
            collected["rejected"].append(_rejection_row(Rejection(
                item.source_file,
                f"duplicate article id '{item.article_id}' (already used by {seen[item.article_id]})",
                item.article_id)))
            continue
        result = analyze_article(item, context)
        if isinstance(result, Rejection):
            collected["rejected"].append(_rejection_row(result))
            continue
        seen[item.article_id] = item.source_file
        for table, rows in result.items():
            collected.setdefault(table, []).extend(rows)
    tables = {name: _frame(name, rows) for name, rows in collected.items()}
    for spec in CORPUS_STAGES:
        tables.update(_resolve(spec)(tables, context))
    return Result(tables, len(tables["articles"]), len(tables["rejected"]),
                  len(tables["warnings"]))


def _rejection_row(item: Rejection) -> dict:
    return {"source_file": item.source_file, "reason": item.reason, "article_id": item.article_id}


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write every table as ``<name>.csv`` (UTF-8, with header) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder
