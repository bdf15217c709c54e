"""The one schema: every table newsprism writes, its columns, types, meanings and units.

Conventions shared by all tables:

- ``article_id`` identifies an article across the corpus; every other id is unique across the
  corpus too, built as ``<article_id>:<kind><n>`` (``:p3`` paragraph, ``:s12`` sentence).
- ``start`` / ``end`` are character offsets (Unicode code points, end-exclusive) into the article's
  **cleaned text**: its kept paragraphs joined by a blank line, the title (when there is one) first.
  ``text[start:end]`` is the evidence.
- ``role`` of a paragraph or sentence: ``title`` or ``body``.
- **voice** of a stretch of text: ``own`` (the outlet's own words, outside quotation marks and
  outside reported speech), ``quoted`` (inside quotation marks), ``reported`` (indirect speech
  attributed to a source).

Modules add their tables to :data:`TABLES`; ``data/README.md`` is generated from it
(``newsprism schema``) and a test keeps the two in step.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

VOICES = {
    "own": "the outlet's own words, outside quotation marks and outside reported speech",
    "quoted": "inside quotation marks",
    "reported": "indirect speech attributed to a source",
}
ROLES = {"title": "the headline", "body": "the article body"}
# Source types, after the categories of sourcing studies (docs/entities.md); assigned from roles
# and organisation kinds by analysis/entities/source_types.py
SOURCE_TYPES = {
    "official": "government, police, military, courts, elected office",
    "expert": "academics, analysts, doctors, lawyers speaking as experts",
    "business": "companies and their spokespeople, business associations",
    "advocacy": "NGOs, campaign groups, unions",
    "citizen": "residents, witnesses, victims, people in the street",
    "news_agency": "news agency or wire service",
    "state_media": "state-run news media",
    "news_outlet": "other news outlet",
    "institution": "other organisations (parties, churches, associations)",
    "anonymous": "unnamed source (sources, officials, a person familiar)",
    "document": "statement, report, letter",
    "unknown": "no role word, affiliation or organisation kind says: not guessed",
}
CLEANING_ACTIONS = {
    "removed": "the line left the text",
    "changed": "the line stayed, changed as shown in `result`",
    "to_metadata": "the line left the text; its value went to a metadata field",
}


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # str | int | float | bool | date
    meaning: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(*rows: tuple) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)


ARTICLE_ID = ("article_id", "str", "article id: file name without extension, or the export's id")
START = ("start", "int", "first character of the span in the cleaned text", "code points")
END = ("end", "int", "one past the last character of the span", "code points")

TABLES: dict[str, Table] = {}
_MODULE_OF: dict[str, str] = {}  # table name -> module that registered it


def register(table: Table) -> Table:
    """Add a table to the schema (modules call this at import time)."""
    TABLES[table.name] = table
    _MODULE_OF[table.name] = sys._getframe(1).f_globals.get("__name__", "")
    return table


def ordered_tables() -> list[Table]:
    """Tables in a fixed order, whatever order their modules were imported in: the foundation's
    first, then by the position of the registering module in :mod:`analysis.core.stages`."""
    from analysis.core.stages import ARTICLE_STAGES, CORPUS_STAGES

    modules = [__name__] + [spec.partition(":")[0] for spec in ARTICLE_STAGES + CORPUS_STAGES]
    rank = {m: i for i, m in reversed(list(enumerate(modules)))}
    return sorted(TABLES.values(), key=lambda t: rank.get(_MODULE_OF.get(t.name, ""), len(rank)))


register(Table("articles", "One row per usable article, with its metadata and sizes.", _cols(
    ARTICLE_ID,
    ("outlet", "str", "publishing outlet; empty when unknown"),
    ("title", "str", "headline; empty when the source has none"),
    ("author", "str", "byline; empty when unknown"),
    ("published", "date", "publication date (YYYY-MM-DD); empty unless the source states it"),
    ("url", "str", "address of the article, when known"),
    ("language", "str", "ISO 639-1 code, from the manifest or detected; `und` when undetermined"),
    ("source_file", "str", "file the article came from, relative to the corpus folder"),
    ("notes", "str", "free-text notes, e.g. how a field was inferred"),
    ("n_words", "int", "word tokens in the body (title excluded)", "words"),
    ("n_sentences", "int", "sentences in the body (title excluded)", "sentences"),
    ("n_paragraphs", "int", "paragraphs in the body (title excluded)", "paragraphs"),
    ("event", "str", "event the article covers (manifest column); empty = the corpus is one event"),
    ("source_row", "int", "row (CSV) or line (JSONL) of an export; empty for one-article files"),
    ("text_origin", "str", "`file`, `html-extracted` (trafilatura) or `table-cell`"),
    ("english", "bool", "True when English-only measures apply (English, or undetermined)"),
)))
register(Table("rejected", "Files or rows that could not be used, one row each.", _cols(
    ("source_file", "str", "file (relative to the corpus folder) that was rejected"),
    ("reason", "str", "why, in words"),
    ("article_id", "str", "article id when one was known"),
)))
register(Table("warnings", "Messages about usable articles (encoding fallbacks, skipped measures).",
               _cols(
    ARTICLE_ID,
    ("source_file", "str", "file the message is about"),
    ("message", "str", "the message"),
)))
register(Table("cleaning_log", "Every raw line removed or changed by cleaning; one row per rule.",
               _cols(
    ARTICLE_ID,
    ("line_no", "int", "1-based line number in the raw text (for HTML: in the extracted text)"),
    ("rule", "str", "cleaning rule that fired, e.g. `photo_caption`, `byline`, `crawler_date`"),
    ("action", "str", "`removed`, `changed` or `to_metadata`"),
    ("original", "str", "the line before the rule"),
    ("result", "str", "the line after the rule (`changed`), or the value moved to metadata"),
)))
register(Table("paragraphs", "Kept paragraphs of the cleaned text.", _cols(
    ARTICLE_ID,
    ("paragraph_id", "str", "`<article_id>:p<n>`, n from 0 in text order"),
    ("role", "str", "`title` or `body`"),
    ("section", "str", "section head in force (\"What Happened\"), empty when none"),
    ("raw_line", "int", "1-based raw line the paragraph starts on"),
    START, END,
    ("text", "str", "the paragraph, verbatim"),
)))
register(Table("sentences", "Sentences of the cleaned text (title included, with role `title`).",
               _cols(
    ARTICLE_ID,
    ("sentence_id", "str", "`<article_id>:s<n>`, n from 0 in text order"),
    ("paragraph_id", "str", "paragraph holding the sentence"),
    START, END,
    ("text", "str", "the sentence, verbatim"),
    ("role", "str", "`title` or `body`"),
)))


def schema_markdown() -> str:
    """The schema as Markdown (the generated part of ``data/README.md``)."""
    out = ["### Shared vocabulary", "", "Voice:", ""]
    out += [f"- `{k}`: {v}" for k, v in VOICES.items()]
    out += ["", "Source types:", ""]
    out += [f"- `{k}`: {v}" for k, v in SOURCE_TYPES.items()]
    out += ["", "Cleaning actions:", ""]
    out += [f"- `{k}`: {v}" for k, v in CLEANING_ACTIONS.items()]
    for table in ordered_tables():
        out += ["", f"### `{table.name}.csv`", "", table.description, "",
                "| column | type | meaning | unit |", "|---|---|---|---|"]
        for col in table.columns:
            meaning = col.meaning.replace("|", "\\|")
            out.append(f"| `{col.name}` | {col.dtype} | {meaning} | {col.unit} |")
    return "\n".join(out) + "\n"
