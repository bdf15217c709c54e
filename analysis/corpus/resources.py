"""Files a corpus carries besides its articles: its own frame codebooks and naming concepts.

General resources ship with the package and run on every corpus (the generic and policy
codebooks, the general contested-label concepts). What belongs to one event lives with its
corpus, so that it runs on that corpus only:

- ``*.codebook.yaml`` (or ``.yml``) files in the corpus folder: codebooks (format of
  :mod:`analysis.measures.framing`); a ``codebooks`` column of ``manifest.csv`` may also name codebook
  files (relative to the folder, several joined by ``;``);
- ``concepts.csv`` (or ``*.concepts.csv``) in the corpus folder: naming concepts (format of
  :mod:`analysis.measures.naming`);
- ``attributions.gold.csv`` (hand annotation of every attribution) and ``attributions.check.csv``
  (a sample of extracted attributions marked right or wrong by a person): what the validation
  report scores the extractor against (:mod:`analysis.attribution.validation`; formats in
  ``data/README.md``).

The loader never reads these files as articles (:func:`is_corpus_resource`). For a run, their
contents travel in the options (:func:`with_corpus_resources`), so a result cached for one
version of a codebook is never reused for another, and moving the folder changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

CODEBOOK_FILE = re.compile(r"\.codebook\.ya?ml$", re.IGNORECASE)
CONCEPTS_FILE = re.compile(r"^(?:.+\.)?concepts\.csv$", re.IGNORECASE)
GOLD_FILES = ("attributions.gold.csv", "attributions.check.csv")  # hand annotation, checked sample
MANIFEST = "manifest.csv"  # as analysis.corpus.load.MANIFEST (not imported: load imports this module)
MANIFEST_COLUMN = "codebooks"
CODEBOOKS_PARAM = "corpus_codebooks"  # options.params key: [[file name, YAML text], ...]
CONCEPTS_PARAM = "corpus_concepts"  # options.params key: [[file name, CSV text], ...]


def is_corpus_resource(name: str) -> bool:
    """Whether a file name is a corpus's codebook, concepts or gold file (never an article)."""
    name = Path(name).name
    return bool(CODEBOOK_FILE.search(name) or CONCEPTS_FILE.match(name)
                or name.lower() in GOLD_FILES)


def corpus_file(corpus, name: str) -> Path | None:
    """The file ``name`` at the top of a corpus's folder, or None (no such file, or no corpus)."""
    folder = _folder(corpus)
    path = folder / name if folder is not None else None
    return path if path is not None and path.is_file() else None


def _folder(corpus) -> Path | None:
    """The folder of a corpus (a folder, a file in it, or a name under ``data/raw``), or None."""
    if corpus is None or str(corpus) == "":
        return None
    from analysis.core.config import resolve_corpus

    try:
        path = resolve_corpus(corpus)
    except FileNotFoundError:
        return None
    return path if path.is_dir() else path.parent


def corpus_codebook_files(corpus) -> list[Path]:
    """The codebook files a corpus carries: ``*.codebook.yaml`` in its folder (top level), then
    those its manifest names, sorted and without repeats; empty for no corpus."""
    folder = _folder(corpus)
    if folder is None:
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and CODEBOOK_FILE.search(p.name))
    for name in _manifest_codebooks(folder):
        path = (folder / name).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"{folder / MANIFEST}: codebook not found: {name}")
        files.append(path)
    return list(dict.fromkeys(files))


def _manifest_codebooks(folder: Path) -> list[str]:
    path = folder / MANIFEST
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [name.strip() for row in rows for name in (row.get(MANIFEST_COLUMN) or "").split(";")]
    return list(dict.fromkeys(n for n in names if n))


def corpus_concepts_files(corpus) -> list[Path]:
    """The concepts files a corpus carries (``concepts.csv``, ``*.concepts.csv``), sorted."""
    folder = _folder(corpus)
    if folder is None:
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and CONCEPTS_FILE.match(p.name))


def corpus_resource_params(corpus) -> dict:
    """The options parameters that carry a corpus's own files (names and contents); empty when
    it carries none."""
    params = {}
    books = [[p.name, p.read_text(encoding="utf-8")] for p in corpus_codebook_files(corpus)]
    concepts = [[p.name, p.read_text(encoding="utf-8")] for p in corpus_concepts_files(corpus)]
    if books:
        params[CODEBOOKS_PARAM] = books
    if concepts:
        params[CONCEPTS_PARAM] = concepts
    return params


def with_corpus_resources(corpus, options):
    """``options`` with the corpus's own codebooks and concepts in ``params`` (see
    :func:`corpus_resource_params`); the same object when the corpus carries none or the
    parameters are already set."""
    extra = {k: v for k, v in corpus_resource_params(corpus).items() if k not in options.params}
    if not extra:
        return options
    return dataclasses.replace(options, params={**options.params, **extra})
