"""Loading a corpus folder: text, Markdown, HTML, CSV and JSONL articles, plus ``manifest.csv``.

A corpus is a folder (searched recursively, sorted by path). Each supported file gives one article,
except CSV / JSONL exports, which give one article per row. :func:`iter_corpus` streams
:class:`RawArticle` and :class:`Rejection` items, so a 100,000-row export is never held whole.
Raw files are opened read-only and never written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.corpus.encoding import (  # noqa: F401 - decode_bytes, looks_binary: the loader's API
    BOM,
    HEAD_BYTES,
    binary_reason,
    bom_encoding,
    decode_bytes,
    decode_fallback,
    decoded_lines,
    looks_binary,
    not_utf8_warning,
)
from analysis.corpus.files import shown_name, special_file
from analysis.corpus.html_audit import audit
from analysis.corpus.resources import is_corpus_resource

MANIFEST = "manifest.csv"
CORPUS_REGISTRY = "entities.csv"  # the corpus's own entity registry (analysis.entities), not articles
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
FRONT_MATTER_CHARS = 65_536  # YAML front matter beyond this is refused (metadata is a few lines)
SURROGATES = re.compile("[\ud800-\udfff]")
SAFE_ID = re.compile(r"[^\w.-]+")
LEFT_OUT_KEY = "_html_left_out"  # metadata: visible lines of a page the extractor left out
LINK_HEADLINES_KEY = "_html_link_headlines"  # metadata: kept lines that are link-list headlines


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


class ManifestRows(Mapping):
    """The rows of a manifest by key, held compactly for the whole run: one tuple of values per
    row with a header shared by the rows, and a value repeated across rows (an outlet, author,
    event, language or date) held once. At 10,000 rows a dict per row took 7.9 MB (by
    ``tracemalloc``); ``rows[key]`` gives the row as a new dict each time."""

    def __init__(self):
        self._rows: dict[str, tuple[tuple, tuple]] = {}
        self._headers: dict[tuple, tuple] = {}
        self._values: dict = {}  # while reading: each distinct value once

    def add(self, key: str, row: dict) -> None:
        """Set the row of ``key`` (a later row of the same key replaces it, in its place)."""
        header = tuple(row)
        header = self._headers.setdefault(header, header)
        self._rows[key] = (header, tuple(self._values.setdefault(v, v) for v in row.values()))

    def done(self) -> ManifestRows:
        """End of reading: the table of distinct values is dropped (the rows keep theirs)."""
        self._values = {}
        return self

    def __getitem__(self, key: str) -> dict:
        header, values = self._rows[key]
        return dict(zip(header, values))

    def __contains__(self, key) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def read_manifest(folder: Path, name: str = MANIFEST
                  ) -> tuple[Mapping[str, dict], list[Rejection], list[str]]:
    """Rows of ``folder/manifest.csv`` keyed by source file (or article id when no file column),
    as a :class:`ManifestRows`; ``name`` is how the manifest is named in reasons and warnings
    (its path in the corpus).
    Returns (rows, rejections, warnings): an encoding other than UTF-8 is detected and warned."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}, [], []
    rows = ManifestRows()
    rejections: list[Rejection] = []
    try:
        data = path.read_bytes()
    except OSError as error:
        return {}, [Rejection(name, f"cannot be read: {error.strerror or error}")], []
    text, warning = decode_bytes(data, name)
    try:
        for row_no, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
            row = {k.strip(): (v or "").strip() for k, v in row.items()
                   if isinstance(k, str) and isinstance(v, str | None)}
            key = row.get("source_file") or row.get("article_id")
            if not key:
                rejections.append(Rejection(name, f"row {row_no} names no source_file or article_id"))
                continue
            row["_row"] = row_no
            rows.add(key, row)
    except csv.Error as error:
        rejections.append(Rejection(name, f"not valid CSV ({error}); rows after it ignored"))
    return rows.done(), rejections, [warning] if warning else []


def scan_folder(root: Path) -> tuple[list[Path], list[Path], list[Rejection]]:
    """The article files under ``root`` (path order), its ``manifest.csv`` folders, and one
    rejection per entry that is not a readable regular file: a dangling link, a link loop, a
    link to a folder (not followed), a named pipe, socket or device, an unreadable folder."""
    files, manifests, problems = [], [], []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename).relative_to(root).as_posix() if error.filename else "."
        problems.append(Rejection(shown_name(where), f"folder cannot be read: {error.strerror}"))

    for top, dirs, names in os.walk(root, onerror=unreadable):
        top_path = Path(top)
        kept = []
        for name in dirs:
            path = top_path / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                problems.append(Rejection(_relative(path, root), "symbolic link to a folder, not "
                                          "followed (copy the folder into the corpus instead)"))
            else:
                kept.append(name)
        dirs[:] = sorted(kept)
        if MANIFEST in names:
            manifests.append(top_path)
        for name in names:
            if (IGNORED_NAMES.match(name) or name in (MANIFEST, CORPUS_REGISTRY)
                    or is_corpus_resource(name)):  # a corpus's own resources, not articles
                continue
            path = top_path / name
            problem = special_file(path)
            if problem:
                problems.append(Rejection(_relative(path, root), problem))
            else:
                files.append(path)
    files.sort(key=lambda p: p.parts)  # path order, as Path's own comparison, ~10x faster
    return files, manifests, problems


def _relative(path: Path, root: Path) -> str:
    return shown_name(path.relative_to(root).as_posix())


def scrubbed(item: RawArticle | Rejection) -> RawArticle | Rejection:
    """``item`` with lone surrogate code points (from a JSON ``\\ud800`` escape) replaced by
    U+FFFD: they cannot be written as UTF-8. An article gets a warning naming the fields."""
    if isinstance(item, Rejection):
        for name in ("source_file", "reason", "article_id"):
            setattr(item, name, SURROGATES.sub("\ufffd", getattr(item, name)))
        return item
    fields = []
    for name in ("text", "article_id", "source_file"):
        value = getattr(item, name)
        if SURROGATES.search(value):
            setattr(item, name, SURROGATES.sub("\ufffd", value))
            fields.append(name)
    for key, value in list(item.metadata.items()):
        if isinstance(value, str) and SURROGATES.search(value):
            item.metadata[key] = SURROGATES.sub("\ufffd", value)
            fields.append(key)
    if fields:
        item.warnings.append(f"{item.source_file}: lone surrogate code point(s) in "
                             f"{', '.join(fields)} replaced by U+FFFD")
    return item


def iter_corpus(corpus: str | Path, *, columns: dict[str, str] | None = None
                ) -> Iterator[RawArticle | Rejection]:
    """Stream the articles of a corpus folder (or a single file), in path order.

    No file stops the run: each one that cannot be used is one :class:`Rejection` naming it and
    the reason, and the rest goes through. A ``manifest.csv`` applies to the files of its folder
    and the folders below it (the nearest one wins).

    Args:
        corpus: a folder, or one file.
        columns: for CSV / JSONL exports, ``{field: column}`` overrides of the recognised names.
    """
    root = Path(corpus)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or folder")
    if root.is_file():
        folder, files, manifest_dirs, problems = root.parent, [root], [root.parent], []
    else:
        folder = root
        files, manifest_dirs, problems = scan_folder(root)
    manifests: dict[Path, Mapping[str, dict]] = {}
    pending: list[str] = []  # manifest warnings, carried by the next article
    for where in manifest_dirs:
        name = shown_name((where / MANIFEST).relative_to(folder).as_posix())
        rows, rejections, warnings = read_manifest(where, name)
        manifests[where] = rows
        pending += warnings
        yield from rejections
    yield from problems
    used: set[tuple[Path, str]] = set()
    for path in files:
        relative = shown_name(path.relative_to(folder).as_posix())
        home = _manifest_for(path, folder, manifests)
        manifest = manifests.get(home, {}) if home else {}
        key = path.relative_to(home).as_posix() if home else relative
        for item in _items_of(path, relative, columns):
            item = scrubbed(item)
            if isinstance(item, RawArticle):
                if relative != path.relative_to(folder).as_posix():
                    item.warnings.append(f"{relative}: file name is not valid UTF-8; recorded "
                                         "with \\x escapes for the bytes that are not")
                meta = manifest.get(key) or manifest.get(item.article_id)
                if meta is not None and item.source_row is None:
                    used.add((home, key if key in manifest else item.article_id))
                    _apply_manifest(item, meta)
                item.warnings += pending
                pending = []
            yield item
    for home, rows in manifests.items():
        for key, row in rows.items():
            if (home, key) in used or not row.get("source_file"):
                continue
            listed = shown_name((home / row["source_file"]).relative_to(folder).as_posix())
            name = shown_name((home / MANIFEST).relative_to(folder).as_posix())
            yield Rejection(listed, f"listed in {name} (row {row['_row']}) but the file does not "
                                    "exist", row.get("article_id", ""))


def _manifest_for(path: Path, folder: Path, manifests: dict) -> Path | None:
    """The folder of the nearest ``manifest.csv`` at or above ``path``'s folder."""
    for parent in path.parents:
        if parent in manifests:
            return parent
        if parent == folder:
            return None
    return None


def _items_of(path: Path, relative: str, columns) -> Iterator[RawArticle | Rejection]:
    """:func:`read_file`, with any error it did not foresee turned into a rejection of the file
    (the articles it gave before stay)."""
    try:
        yield from read_file(path, relative, columns=columns)
    except (Exception, RecursionError) as error:  # noqa: BLE001 - one file never stops the run
        message = str(error).splitlines()[0][:300] if str(error) else ""
        yield Rejection(relative, f"cannot be read: {type(error).__name__}: {message}".rstrip(": "))


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
        yield Rejection(relative, binary_reason(data, whole))
        return
    if suffix not in supported:
        yield Rejection(relative, f"unsupported file type '{suffix}' (use .txt, .md, .html, .csv or .jsonl)")
        return
    if suffix in TABLE_SUFFIXES:
        yield from _read_table(path, relative, suffix, columns or {})
        return
    text, warning = decode_bytes(data, relative)
    article_id = SAFE_ID.sub("-", Path(relative).stem)  # the shown name: no surrogates
    if suffix in HTML_SUFFIXES:
        item = _read_html(text, relative, article_id)
    elif suffix in MARKDOWN_SUFFIXES:
        item = _read_markdown(text, relative, article_id)
    else:
        item = RawArticle(article_id, relative, text)
    if warning and isinstance(item, RawArticle):
        item.warnings.append(warning)
    yield item


FRONT_MATTER = re.compile(r"\A---\s*\n(?P<yaml>.*?)\n---\s*\n", re.S)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases: ``*name`` could expand a 1 KB header into gigabytes
    ("billion laughs"), and article metadata never needs one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


def _read_markdown(text: str, relative: str, article_id: str) -> RawArticle | Rejection:
    """Markdown with optional YAML front matter; front-matter lines become blank (numbers kept).

    Front matter over :data:`FRONT_MATTER_CHARS` characters, or with YAML aliases, is refused."""
    match = FRONT_MATTER.match(text)
    metadata = {}
    if match:
        if len(match.group("yaml")) > FRONT_MATTER_CHARS:
            return Rejection(relative, f"front matter over {FRONT_MATTER_CHARS:,} characters")
        try:
            data = yaml.load(match.group("yaml"), Loader=_FrontMatterLoader) or {}
        except yaml.YAMLError as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            return Rejection(relative, f"front matter is not valid YAML: {first}")
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
    metadata ``_html_left_out`` (1-based), and cleaning logs each as ``html_extraction``; the kept
    lines the page's structure shows to be link-list headlines are in ``_html_link_headlines``,
    logged as ``link_headline`` (:mod:`analysis.corpus.html_audit`).
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
    metadata: dict = {}
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
    visible, left_out, link_headlines = audited
    metadata[LEFT_OUT_KEY] = left_out
    metadata[LINK_HEADLINES_KEY] = link_headlines
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
    for row_no, row in _guarded(rows, relative):
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


def _guarded(rows, relative: str):
    """``rows`` until the CSV reader fails; then one rejection, and the rest of the file is
    skipped (the rows before it stay)."""
    row_no = 1
    try:
        for row_no, row in rows:
            yield row_no, row
    except csv.Error as error:
        yield row_no + 1, Rejection(relative, f"after row {row_no}: not valid CSV ({error}); "
                                              "the rest of the file skipped")


def _json_rows(lines: Iterable[str]):
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield line_no, Rejection("", f"line {line_no}: not valid JSON ({error.msg})")
            continue
        except RecursionError:
            yield line_no, Rejection("", f"line {line_no}: JSON nested too deeply to read")
            continue
        if not isinstance(row, dict):
            yield line_no, Rejection("", f"line {line_no}: not a JSON object")
            continue
        yield line_no, row
