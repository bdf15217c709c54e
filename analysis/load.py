"""Loading a corpus folder: text, Markdown, HTML, CSV and JSONL articles, plus ``manifest.csv``.

A corpus is a folder (searched recursively, sorted by path). Each supported file gives one article,
except CSV / JSONL exports, which give one article per row. :func:`iter_corpus` streams
:class:`RawArticle` and :class:`Rejection` items, so a 100,000-row export is never held whole.
Raw files are opened read-only and never written.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.html_audit import audit

MANIFEST = "manifest.csv"
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson"}
IGNORED_NAMES = re.compile(r"^(?:README|LICENSE|\.)", re.I)
METADATA_FIELDS = ("article_id", "outlet", "title", "author", "published", "url", "language",
                   "notes", "event")
# Column names recognised in CSV / JSONL exports (Media Cloud, GDELT-style and common scrapers).
COLUMN_ALIASES = {
    "text": ("text", "body", "content", "article_text", "full_text", "story_text", "maintext"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "media_name", "source", "source_name", "publisher", "site_name",
               "sitename", "domain"),
    "published": ("published", "publish_date", "date", "publication_date", "pub_date",
                  "date_publish", "published_at", "seendate"),
    "url": ("url", "link", "source_url", "article_url"),
    "article_id": ("id", "article_id", "stories_id", "doc_id", "guid"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang"),
    "event": ("event", "story", "topic"),
    "notes": ("notes",),
}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
SAFE_ID = re.compile(r"[^\w.-]+")
LEFT_OUT_KEY = "_html_left_out"  # metadata: visible lines of a page the extractor left out


@dataclass
class RawArticle:
    """An article as loaded, before cleaning: its lines and any metadata the source gave."""

    article_id: str
    source_file: str
    text: str
    metadata: dict = field(default_factory=dict)
    source_row: int | None = None
    text_origin: str = "file"  # file | html-extracted | table-cell
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[tuple[int, str]]:
        """``(line_no, text)`` pairs, 1-based, as in the raw text."""
        return list(enumerate(self.text.splitlines(), start=1))


@dataclass
class Rejection:
    """A file (or row) that could not be used, and why."""

    source_file: str
    reason: str
    article_id: str = ""


class CorpusError(Exception):
    """The corpus path itself is unusable (missing, not a folder or file)."""


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode ``data`` as UTF-8, else a fallback encoding; returns (text, warning or None)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        text, encoding = decode_fallback(data)
        return text, not_utf8_warning(name, error.start, encoding)


def decode_fallback(data: bytes) -> tuple[str, str]:
    """``data`` decoded with the first fallback encoding that accepts it; (text, encoding)."""
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def not_utf8_warning(name: str, position: int, encoding: str) -> str:
    return f"{name}: not valid UTF-8 (first bad byte at offset {position}); decoded as {encoding}"


def looks_binary(data: bytes) -> bool:
    """True for files that are not text: NUL bytes, or a known binary signature."""
    head = data[:HEAD_BYTES]
    return b"\x00" in head or head.startswith(BINARY_MAGIC)


def read_manifest(folder: Path) -> tuple[dict[str, dict], list[Rejection]]:
    """Rows of ``folder/manifest.csv`` keyed by source file (or article id when no file column)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}, []
    rows: dict[str, dict] = {}
    rejections = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row_no, row in enumerate(csv.DictReader(handle), start=2):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            key = row.get("source_file") or row.get("article_id")
            if not key:
                rejections.append(Rejection(MANIFEST, f"row {row_no} names no source_file or article_id"))
                continue
            row["_row"] = row_no
            rows[key] = row
    return rows, rejections


def iter_corpus(corpus: str | Path, *, columns: dict[str, str] | None = None
                ) -> Iterator[RawArticle | Rejection]:
    """Stream the articles of a corpus folder (or a single file), in path order.

    Args:
        corpus: a folder, or one file.
        columns: for CSV / JSONL exports, ``{field: column}`` overrides of the recognised names.
    """
    root = Path(corpus)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or folder")
    if root.is_file():
        folder, files = root.parent, [root]
    else:
        folder = root
        files = sorted(
            (p for p in root.rglob("*")
             if p.is_file() and not IGNORED_NAMES.match(p.name) and p.name != MANIFEST
             and not any(part.startswith(".") for part in p.relative_to(root).parts)),
            key=lambda p: p.parts,  # path order, as Path's own comparison, ~10x faster
        )
    manifest, rejections = read_manifest(folder)
    yield from rejections
    used_keys: set[str] = set()
    for path in files:
        relative = path.relative_to(folder).as_posix()
        for item in read_file(path, relative, columns=columns):
            if isinstance(item, RawArticle):
                meta = manifest.get(relative) or manifest.get(item.article_id)
                if meta is not None and item.source_row is None:
                    used_keys.add(relative if relative in manifest else item.article_id)
                    _apply_manifest(item, meta)
            yield item
    for key, row in manifest.items():
        if key in used_keys:
            continue
        if row.get("source_file"):
            yield Rejection(
                row["source_file"],
                f"listed in {MANIFEST} (row {row['_row']}) but the file does not exist",
                row.get("article_id", ""),
            )


def _apply_manifest(article: RawArticle, row: dict) -> None:
    if row.get("article_id"):
        article.article_id = row["article_id"]
    for key in METADATA_FIELDS:
        if key != "article_id" and row.get(key):
            article.metadata[key] = row[key]
    article.metadata["_from_manifest"] = True


def read_file(path: Path, relative: str, *, columns=None) -> Iterator[RawArticle | Rejection]:
    """Articles from one file, or a rejection naming the file and the problem.

    CSV / JSONL exports are read line by line (never whole), so an export of any size streams.
    """
    suffix = path.suffix.lower()
    supported = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
    try:
        if suffix in TABLE_SUFFIXES:
            with open(path, "rb") as handle:
                data = handle.read(HEAD_BYTES)
                whole = len(data) < HEAD_BYTES
        else:
            data, whole = path.read_bytes(), True
    except OSError as error:
        yield Rejection(relative, f"cannot be read: {error.strerror or error}")
        return
    if whole and not data.strip():
        yield Rejection(relative, "empty file")
        return
    if looks_binary(data):
        yield Rejection(relative, "binary file, not text")
        return
    if suffix not in supported:
        yield Rejection(relative, f"unsupported file type '{suffix}' (use .txt, .md, .html, .csv or .jsonl)")
        return
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path, relative, suffix, columns or {})
        return
    text, warning = decode_bytes(data, relative)
    article_id = SAFE_ID.sub("-", path.stem)
    if suffix in HTML_SUFFIXES:
        item = _read_html(text, relative, article_id)
    elif suffix in MARKDOWN_SUFFIXES:
        item = _read_markdown(text, relative, article_id)
    else:
        item = RawArticle(article_id, relative, text)
    if warning and isinstance(item, RawArticle):
        item.warnings.append(warning)
    yield item


BOM = b"\xef\xbb\xbf"
HEAD_BYTES = 8192  # bytes read to recognise empty and binary files (what looks_binary inspects)


def decoded_lines(path: Path, relative: str, warnings: list[str]) -> Iterator[str]:
    """The lines of a text file, line endings kept, decoded one at a time.

    Lines are UTF-8; a line that is not is decoded with a fallback encoding and the first such
    line adds a warning (naming the byte offset) to ``warnings``.
    """
    offset = 0
    with open(path, "rb") as handle:
        for data in handle:
            start = 3 if offset == 0 and data.startswith(BOM) else 0
            try:
                line = data[start:].decode("utf-8")
            except UnicodeDecodeError as error:
                line, encoding = decode_fallback(data[start:])
                if not warnings:
                    warnings.append(not_utf8_warning(relative, offset + start + error.start, encoding))
            offset += len(data)
            yield line


FRONT_MATTER = re.compile(r"\A---\s*\n(?P<yaml>.*?)\n---\s*\n", re.S)


def _read_markdown(text: str, relative: str, article_id: str) -> RawArticle | Rejection:
    """Markdown with optional YAML front matter; front-matter lines become blank (numbers kept)."""
    match = FRONT_MATTER.match(text)
    metadata = {}
    if match:
        try:
            data = yaml.safe_load(match.group("yaml")) or {}
        except yaml.YAMLError as error:
            return Rejection(relative, f"front matter is not valid YAML: {error}")
        if not isinstance(data, dict):
            return Rejection(relative, "front matter is not a mapping of keys to values")
        metadata = _pick_fields(data, {})
        n_lines = match.group(0).count("\n")
        text = "\n" * n_lines + text[match.end() :]
        metadata["_front_matter_lines"] = n_lines
    return RawArticle(metadata.pop("article_id", None) or article_id, relative, text, metadata)


def _read_html(text: str, relative: str, article_id: str) -> RawArticle | Rejection:
    """Main text and metadata of a saved web page, extracted by trafilatura and audited.

    The article's text is the page's visible text; the lines trafilatura left out are listed in
    metadata ``_html_left_out`` (1-based), and cleaning logs each as ``html_extraction``
    (:mod:`analysis.html_audit`).
    """
    import trafilatura

    # favor_precision and include_tables: measured on the development half of the cleaning
    # benchmark (benchmarks/cleaning_eval.py), HTML F1 0.947 -> 0.956 -> 0.957 (recall 0.965 ->
    # 0.961 -> 0.963); what the extractor leaves out is logged line by line either way.
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, deduplicate=False, favor_precision=True,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not body or not body.strip():
        return Rejection(relative, "HTML page with no extractable article text")
    metadata = {}
    for key, attr in (("title", "title"), ("author", "author"), ("published", "date"),
                      ("outlet", "sitename"), ("url", "url"), ("language", "language")):
        value = getattr(document, attr, None)
        if value:
            metadata[key] = str(value)
    metadata["_derived"] = sorted(k for k in metadata if not k.startswith("_"))
    audited = audit(text, body)
    if audited is None:
        return RawArticle(article_id, relative, body, metadata, text_origin="html-extracted",
                          warnings=[f"{relative}: the extracted text does not line up with the "
                                    "page's visible text; extraction not audited line by line"])
    visible, left_out = audited
    metadata[LEFT_OUT_KEY] = left_out
    return RawArticle(article_id, relative, visible, metadata, text_origin="html-extracted")


def _resolve_columns(names: list[str], overrides: dict[str, str]) -> dict[str, str]:
    lower = {n.lower().strip(): n for n in names}
    mapping = {}
    for key, aliases in COLUMN_ALIASES.items():
        if key in overrides:
            if overrides[key] in names:
                mapping[key] = overrides[key]
            continue
        for alias in aliases:
            if alias in lower:
                mapping[key] = lower[alias]
                break
    return mapping


def _pick_fields(row: dict, mapping: dict[str, str]) -> dict:
    picked = {}
    for key in METADATA_FIELDS:
        column = mapping.get(key, key)
        value = row.get(column)
        if value is None and column == key:
            for alias in COLUMN_ALIASES.get(key, ()):
                if alias in row:
                    value = row[alias]
                    break
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if value not in (None, ""):
            picked[key] = str(value).strip()
    return picked


def _read_table(path: Path, relative: str, suffix: str, overrides: dict):
    stem = SAFE_ID.sub("-", Path(relative).stem)
    warnings: list[str] = []
    reported = False
    lines = decoded_lines(path, relative, warnings)
    if suffix in {".csv", ".tsv"}:
        csv.field_size_limit(sys.maxsize)
        reader = csv.DictReader(lines, delimiter="\t" if suffix == ".tsv" else ",")
        names = reader.fieldnames or []
        rows = ((n, row) for n, row in enumerate(reader, start=2))
    else:
        names = None
        rows = _json_rows(lines)
    mapping = None
    for row_no, row in rows:
        if isinstance(row, Rejection):
            yield Rejection(relative, row.reason)
            continue
        if mapping is None:
            mapping = _resolve_columns(names if names is not None else list(row), overrides)
            if "text" not in mapping:
                yield Rejection(relative, "no text column found (looked for "
                                + ", ".join(COLUMN_ALIASES["text"]) + "; map one with --columns)")
                return
        body = row.get(mapping["text"])
        where = f"row {row_no}" if suffix in {".csv", ".tsv"} else f"line {row_no}"
        if not isinstance(body, str) or not body.strip():
            yield Rejection(relative, f"{where}: empty text", "")
            continue
        metadata = _pick_fields(row, mapping)
        article_id = SAFE_ID.sub("-", metadata.pop("article_id", "") or f"{stem}-{row_no}")
        item = RawArticle(article_id, relative, body, metadata, source_row=row_no,
                          text_origin="table-cell")
        if warnings and not reported:  # the encoding warning goes to the first article after it
            item.warnings.append(warnings[0])
            reported = True
        yield item


def _json_rows(lines: Iterable[str]):
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield line_no, Rejection("", f"line {line_no}: not valid JSON ({error.msg})")
            continue
        if not isinstance(row, dict):
            yield line_no, Rejection("", f"line {line_no}: not a JSON object")
            continue
        yield line_no, row
