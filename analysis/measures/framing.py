"""Frames from editable codebooks: which frames each sentence carries, and the cues that show it.

A codebook is a YAML file in ``analysis/resources/codebooks/`` (or anywhere, passed by path): a
list of frames, each a set of cue patterns (syntax in :mod:`analysis.core.patterns`) and optional
context rules. Shipped, run on every corpus: the generic news frames of Semetko & Valkenburg (2000)
and the policy frames of Boydstun et al. (2014). An event codebook belongs to its corpus and runs
on that corpus only (:mod:`analysis.corpus.resources`; the bundled corpus carries the summit's).
Nothing about a frame lives in code, so editing a codebook file changes the results without a
code change.

Two rules keep cues precise (:func:`keep_hit`): a cue written in lower case is a common word and
never matches inside a multi-word proper name ("united" in "United Nations"); and a frame may give
a cue context rules (``unless``: patterns that, covering the match, cancel it, e.g. "honor
guards" for honour; ``near``: patterns one of which must occur within ``window`` words).

Per sentence, every cue match is a row (``frames_sentences``: the frame, the cue, the matched text
and its offsets). Per article (``frames_articles``): hits, sentences carrying the frame, hits per
1,000 body words, and the dominant frame(s) of each codebook.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.core import schema
from analysis.core.config import RESOURCES_DIR
from analysis.core.patterns import (
    CASE_PREFIX,
    REGEX_PREFIX,
    CueSet,
    Hit,
    _stands_alone,
    compile_cue,
    cue_gate,
    cue_set,
    find_cues,
)
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.corpus.resources import CODEBOOKS_PARAM, corpus_codebook_files
from analysis.corpus.segment import count_words

CODEBOOK_DIR = RESOURCES_DIR / "codebooks"
PER_WORDS = 1000  # densities are per 1,000 body words (the convention of Biber-style rates)
SENTENCE_GAP = "\n\n"  # between sentences when an article's sentences are searched as one text
NEAR_WINDOW = 8  # default words either side of a cue that a `near` rule looks at (one clause)
# A sentence with more than this share of its words capitalised is in title case ("Putin Arrives
# In Pyongyang"): there capitals do not mark names, and the proper-name rule is off.
TITLE_CASE_SHARE = 0.6
TITLE_CASE_MIN_WORDS = 4  # ... judged only on sentences of at least this many words
_CAPITALISED = r"[A-Z][\w'’.&-]*"
_NAME_LINK = r"(?:of|for|and|on|the|de|du|del|al|bin|van|von)"  # lower-case words inside names
PROPER_NAME = re.compile(rf"(?<![\w-]){_CAPITALISED}(?:(?:\s+{_NAME_LINK})*\s+{_CAPITALISED})+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rule:
    """Context rule for one cue of a frame: ``unless`` patterns that cancel a match they cover;
    ``near`` patterns one of which must occur within ``window`` words of the match."""

    cue: str
    unless: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    window: int = NEAR_WINDOW


@dataclass(frozen=True)
class Frame:
    frame: str
    label: str
    description: str
    cues: tuple[str, ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Codebook:
    name: str
    title: str
    reference: str
    frames: tuple[Frame, ...]
    path: str

    def __hash__(self) -> int:
        """The hash of the fields, as the dataclass would give it, computed once: every article
        looks its codebooks up in caches, and hashing every frame's cues each time cost about
        60 us a lookup. Not pickled (a hash of strings differs between processes)."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.name, self.title, self.reference, self.frames, self.path))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state

    def cue_list(self) -> list[tuple[str, str, bool]]:
        """``(frame, cue, match_case)`` for :func:`analysis.core.patterns.find_cues`."""
        return [(f.frame, cue, False) for f in self.frames for cue in f.cues]


register(Table("frames_sentences", "Frame cues found in sentences: one row per cue match, with the "
               "evidence (title sentences included, with role `title`).", _cols(
    ARTICLE_ID,
    ("frame_hit_id", "str", "`<article_id>:fr<n>`, n from 0 in text order"),
    ("sentence_id", "str", "sentence holding the cue"),
    ("codebook", "str", "codebook name (its file's `codebook:` field)"),
    ("frame", "str", "frame key within the codebook"),
    ("cue", "str", "the cue pattern as written in the codebook"),
    ("match", "str", "the text the cue matched, verbatim"),
    START, END,
    ("role", "str", "`title` or `body`"),
    ("sentence", "str", "the sentence, verbatim"),
)))
register(Table("frames_articles", "Frames per article and codebook (every frame of every codebook, "
               "zeros included); counts over body sentences.", _cols(
    ARTICLE_ID,
    ("codebook", "str", "codebook name"),
    ("frame", "str", "frame key within the codebook"),
    ("label", "str", "frame label from the codebook"),
    ("hits", "int", "cue matches in the body", "matches"),
    ("sentences", "int", "body sentences carrying the frame", "sentences"),
    ("per_1000_words", "float", "hits per 1,000 body words; higher = more of the frame",
     "hits / 1,000 words"),
    ("dominant", "bool", "True for the frame(s) carried by the most body sentences in this codebook "
     "(ties all True; False when no frame of the codebook is present)"),
    ("in_title", "bool", "True when the title carries the frame"),
    ("n_words", "int", "body words of the article", "words"),
)))


def read_codebook(path: str | Path) -> Codebook:
    """Read and check one codebook file (YAML: ``codebook``, ``title``, ``reference``, ``frames``).

    Cached while the file is unchanged (same size and modification time)."""
    path = Path(path)
    stat = path.stat()
    return _read_codebook(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read_codebook(file: str, mtime_ns: int, size: int) -> Codebook:
    path = Path(file)
    return parse_codebook(path.read_text(encoding="utf-8"), str(path))


@lru_cache(maxsize=32)
def parse_codebook(text: str, source: str) -> Codebook:
    """A codebook from its YAML text (``source`` names it in errors and in ``Codebook.path``);
    its name defaults to the file name without ``.codebook.yaml`` / ``.yaml``."""
    data = yaml.safe_load(text) or {}
    if not data.get("frames"):
        raise ValueError(f"{source}: a codebook needs a non-empty `frames` list")
    frames = []
    for entry in data["frames"]:
        if not entry.get("frame") or not entry.get("cues"):
            raise ValueError(f"{source}: every frame needs `frame` and a non-empty `cues` list")
        cues = tuple(str(c) for c in entry["cues"])
        rules = tuple(_rule(r, cues, source) for r in entry.get("rules") or ())
        frames.append(Frame(str(entry["frame"]), str(entry.get("label", entry["frame"])),
                            str(entry.get("description", "")), cues, rules))
    keys = [f.frame for f in frames]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{source}: duplicate frame keys")
    stem = re.sub(r"(?:\.codebook)?\.ya?ml$", "", Path(source).name, flags=re.IGNORECASE)
    return Codebook(str(data.get("codebook") or stem), str(data.get("title", "")),
                    str(data.get("reference", "")), tuple(frames), source)


def _rule(entry: dict, cues: tuple[str, ...], source: str) -> Rule:
    cue = str(entry.get("cue", ""))
    if cue not in cues:
        raise ValueError(f"{source}: a rule names a cue its frame does not list: {cue!r}")
    unless = tuple(str(p) for p in entry.get("unless") or ())
    near = tuple(str(p) for p in entry.get("near") or ())
    if not unless and not near:
        raise ValueError(f"{source}: the rule for {cue!r} needs `unless` or `near` patterns")
    return Rule(cue, unless, near, int(entry.get("window", NEAR_WINDOW)))


def codebook_paths(spec: str | list | tuple | None = None, corpus=None) -> list[Path]:
    """Codebook files from a setting: empty = the shipped general codebooks (``generic``,
    ``policy``) and those ``corpus`` carries (:mod:`analysis.corpus.resources`); else a
    comma-separated string or list of paths, or of names of shipped codebooks or of codebooks
    ``corpus`` carries (``event-summit`` for ``event-summit.codebook.yaml``)."""
    own = corpus_codebook_files(corpus)
    if not spec:
        shipped = _shipped_codebooks(str(CODEBOOK_DIR), os.stat(CODEBOOK_DIR).st_mtime_ns)
        return list(shipped) + own
    items = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else list(spec)
    paths = []
    for item in items:
        if not item:
            continue
        candidates = [Path(item).expanduser(), CODEBOOK_DIR / f"{item}.yaml"]
        candidates += [p for p in own if p.name.lower() == f"{item}.codebook.yaml".lower()]
        path = next((p for p in candidates if p.exists()), None)
        if path is None:
            raise FileNotFoundError(f"codebook not found: {item}")
        paths.append(path)
    return paths


@lru_cache(maxsize=4)
def _shipped_codebooks(folder: str, mtime_ns: int) -> tuple[Path, ...]:
    """The codebook files of ``folder``, sorted; listed again when the folder changes (a file
    added, removed or renamed changes its modification time)."""
    return tuple(sorted(Path(folder).glob("*.yaml")))


def read_codebooks(spec: str | list | tuple | None = None, corpus=None) -> list[Codebook]:
    """The codebooks named by a setting (see :func:`codebook_paths`); names must be unique."""
    return _unique([read_codebook(p) for p in codebook_paths(spec, corpus)])


def _unique(books: list[Codebook]) -> list[Codebook]:
    names = [b.name for b in books]
    if len(set(names)) != len(names):
        raise ValueError(f"two codebooks share a name: {names}")
    return books


def stage_codebooks(params: dict) -> list[Codebook]:
    """The codebooks of a run: ``params["codebooks"]`` when set, else the shipped general ones
    and the corpus's own, whose texts the run carries (``params["corpus_codebooks"]``)."""
    if params.get("codebooks"):
        return read_codebooks(params["codebooks"])
    own = [parse_codebook(text, f"corpus:{name}") for name, text in params.get(CODEBOOKS_PARAM, ())]
    return _unique(read_codebooks() + own)


def find_frames(text: str, codebook: Codebook, offset: int = 0) -> list[Hit]:
    """Cue matches of ``codebook`` in ``text`` (``Hit.key`` is the frame), offsets plus ``offset``,
    without those :func:`keep_hit` drops (``text`` is taken as one sentence)."""
    hits = find_cues(text, codebook_cues(codebook), offset)
    rules = codebook_rules(codebook)
    return [h for h in hits if keep_hit(text, h.start - offset, h.end - offset, h.cue,
                                        rules.get((h.key, h.cue)))]


def frame_scores(hits: list[Hit]) -> dict[str, float]:
    """Single-label evidence per frame from the kept hits of one sentence (``Hit.key`` the
    frame): its number of hits. (Weighting actor cues such as party labels at half was measured
    and dropped: docs/framing.md.)"""
    scores: dict[str, float] = {}
    for hit in hits:
        scores[hit.key] = scores.get(hit.key, 0.0) + 1.0
    return scores


def top_frame_of(hits: list[Hit]) -> str | None:
    """The frame with the highest :func:`frame_scores` (ties: the one hit first), None when
    no hit."""
    scores = frame_scores(hits)
    if not scores:
        return None
    first: dict[str, int] = {}
    for hit in hits:
        first.setdefault(hit.key, hit.start)
    return min(scores, key=lambda frame: (-scores[frame], first[frame]))


@lru_cache(maxsize=32)
def codebook_rules(codebook: Codebook) -> dict[tuple[str, str], Rule]:
    """``(frame, cue)`` -> the cue's context rule, for the cues that have one."""
    return {(f.frame, r.cue): r for f in codebook.frames for r in f.rules}


def keep_hit(sentence: str, start: int, end: int, cue: str, rule: Rule | None = None) -> bool:
    """Whether a cue match ``sentence[start:end]`` counts: not a lower-case cue inside a
    multi-word proper name (:func:`in_proper_name`), and its context rule, if any, satisfied."""
    if not _names_a_name(cue) and in_proper_name(sentence, start, end):
        return False
    if rule is None:
        return True
    if any(m.start() <= start and end <= m.end() for p in rule.unless
           for m in compile_cue(p).finditer(sentence)):
        return False
    if rule.near:
        left = _nth_word_start(sentence, start, rule.window)
        right = _nth_word_end(sentence, end, rule.window)
        parts = (sentence[left:start], sentence[end:right])
        joined = near_search(rule.near)
        if joined is not None:
            return any(joined.search(part) is not None for part in parts)
        return any(compile_cue(p).search(part) for p in rule.near for part in parts)
    return True


@lru_cache(maxsize=1024)
def near_search(near: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that finds something in a text where any of the ``near`` cues would
    (:func:`analysis.core.patterns.cue_gate`: one search, not one per cue), or None when they
    cannot be joined (fewer than two, or one with groups or not standing alone)."""
    if len(near) < 2 or any(compile_cue(p).groups or not _stands_alone(p) for p in near):
        return None
    return cue_gate([(p, p.startswith(CASE_PREFIX)) for p in near])


def _nth_word_start(text: str, start: int, n: int) -> int:
    """Start of the ``n``-th word before ``start`` (or of the first word, or ``start``)."""
    starts = [m.start() for m in _WORD.finditer(text, 0, start)]
    return starts[-min(n, len(starts))] if starts and n else start


def _nth_word_end(text: str, end: int, n: int) -> int:
    """End of the ``n``-th word after ``end`` (or of the last word, or ``end``)."""
    ends = [m.end() for m in _WORD.finditer(text, end)][:n]
    return ends[-1] if ends else end


@lru_cache(maxsize=4096)
def _names_a_name(cue: str) -> bool:
    """A cue written with a capital letter names something (``Security Council``, ``case:UN``);
    one written in lower case is a common word."""
    body = cue[len(CASE_PREFIX):] if cue.startswith(CASE_PREFIX) else cue
    body = body[len(REGEX_PREFIX):] if body.startswith(REGEX_PREFIX) else body
    return any(ch.isupper() for ch in re.sub(r"\\.", "", body))


def in_proper_name(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` lies inside a run of two or more capitalised words (linked
    by words such as "of", "for": "United Nations", "Department of Health"), the match itself
    capitalised. Off in title-case sentences (see :data:`TITLE_CASE_SHARE`)."""
    if not sentence[start:end][:1].isupper():
        return False
    return any(a <= start and end <= b for a, b in proper_name_spans(sentence))


@lru_cache(maxsize=4096)
def proper_name_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Spans of the multi-word capitalised runs of a sentence; none in a title-case sentence."""
    words = _WORD.findall(sentence)
    if len(words) >= TITLE_CASE_MIN_WORDS and \
            sum(w[0].isupper() for w in words) > TITLE_CASE_SHARE * len(words):
        return ()
    return tuple(m.span() for m in PROPER_NAME.finditer(sentence))


@lru_cache(maxsize=32)
def codebook_cues(codebook: Codebook) -> CueSet:
    """The cues of ``codebook`` compiled once (see :func:`analysis.core.patterns.cue_set`)."""
    return cue_set(tuple(codebook.cue_list()))


def _field(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)


@lru_cache(maxsize=32)
def codebooks_cues(codebooks: tuple[Codebook, ...]) -> CueSet:
    """The cues of several codebooks (with distinct names) compiled as one list, each keyed
    ``(codebook, frame)``: one search finds the frames of all of them."""
    return cue_set(tuple(((book.name, frame), cue, match_case) for book in codebooks
                         for frame, cue, match_case in book.cue_list()))


def frame_sentence_rows(article_id: str, sentences, codebooks: list[Codebook]) -> list[dict]:
    """``frames_sentences`` rows for sentences (objects or dicts with ``sentence_id``, ``start``,
    ``text``, ``role``), one per cue match, in text order.

    The sentences are searched as one text (blank lines between them) for speed; a match that
    would run past the end of its sentence is dropped, so every hit lies inside one sentence.
    """
    records = [(_field(s, "sentence_id"), int(_field(s, "start")), _field(s, "text"),
                _field(s, "role")) for s in sentences]
    joined, starts, position = [], [], 0
    for _, _, text, _ in records:
        starts.append(position)
        joined.append(text)
        position += len(text) + len(SENTENCE_GAP)
    text_all = SENTENCE_GAP.join(joined)
    rows = []
    names = [book.name for book in codebooks]
    if len(set(names)) == len(names):  # one search for every codebook (keys: codebook, frame)
        found = [(hit, *hit.key) for hit in find_cues(text_all, codebooks_cues(tuple(codebooks)))]
    else:
        found = [(hit, book.name, hit.key) for book in codebooks
                 for hit in find_frames(text_all, book)]
    rules = {book.name: codebook_rules(book) for book in codebooks}
    for hit, book_name, frame in found:
        k = bisect_right(starts, hit.start) - 1
        sentence_id, start, text, role = records[k]
        local = hit.start - starts[k]
        if hit.end - starts[k] > len(text):
            continue
        if not keep_hit(text, local, local + len(hit.match), hit.cue,
                        rules[book_name].get((frame, hit.cue))):
            continue
        rows.append({"article_id": article_id, "sentence_id": sentence_id,
                     "codebook": book_name, "frame": frame, "cue": hit.cue,
                     "match": hit.match, "start": start + local,
                     "end": start + local + len(hit.match), "role": role, "sentence": text})
    rows.sort(key=lambda r: (r["start"], r["codebook"], r["frame"]))
    for n, row in enumerate(rows):
        row["frame_hit_id"] = f"{article_id}:fr{n}"
    return rows


def frame_article_rows(article_id: str, hit_rows: list[dict], codebooks: list[Codebook],
                       n_words: int) -> list[dict]:
    """``frames_articles`` rows: every frame of every codebook, with counts over body sentences."""
    by_frame: dict[tuple[str, str], list[dict]] = {}
    for r in hit_rows:
        by_frame.setdefault((r["codebook"], r["frame"]), []).append(r)
    rows = []
    for book in codebooks:
        book_rows = []
        for frame in book.frames:
            mine = by_frame.get((book.name, frame.frame), [])
            body = [r for r in mine if r["role"] == "body"]
            hits = len(body)
            book_rows.append({
                "article_id": article_id, "codebook": book.name, "frame": frame.frame,
                "label": frame.label, "hits": hits,
                "sentences": len({r["sentence_id"] for r in body}),
                "per_1000_words": density(hits, n_words),
                "dominant": False, "in_title": any(r["role"] == "title" for r in mine),
                "n_words": n_words,
            })
        top = max(r["sentences"] for r in book_rows)
        for row in book_rows:
            row["dominant"] = bool(top > 0 and row["sentences"] == top)
        rows.extend(book_rows)
    return rows


def density(count: int, n_words: int) -> float:
    """Occurrences per 1,000 words; 0.0 for an empty text. Higher = more frequent."""
    return round(PER_WORDS * count / n_words, 6) if n_words else 0.0


def frame_article(doc, context) -> dict[str, list[dict]]:
    """Stage: frames of one article (``frames_sentences`` and ``frames_articles``).

    Codebooks: :func:`stage_codebooks` of ``context.options.params`` (by default the shipped
    general codebooks and the corpus's own).
    """
    books = stage_codebooks(context.options.params if context else {})
    hits = frame_sentence_rows(doc.article_id, doc.sentences, books)
    return {"frames_sentences": hits,
            "frames_articles": frame_article_rows(doc.article_id, hits, books, doc.n_words)}


frame_article.english_only = True


def frames_from_tables(sentences: pd.DataFrame, codebooks=None, corpus=None
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recompute both frame tables from a ``sentences`` table (e.g. in a notebook, with other
    codebook files; by default the general ones and those ``corpus`` carries): returns
    ``(frames_sentences, frames_articles)``."""
    books = read_codebooks(codebooks, corpus)
    hit_rows, article_rows = [], []
    for article_id, group in sentences.groupby("article_id", sort=False):
        records = group.to_dict("records")
        hits = frame_sentence_rows(article_id, records, books)
        n_words = sum(count_words(r["text"]) for r in records if r["role"] == "body")
        hit_rows += hits
        article_rows += frame_article_rows(article_id, hits, books, n_words)
    cols = schema.TABLES["frames_sentences"].column_names
    acols = schema.TABLES["frames_articles"].column_names
    return pd.DataFrame(hit_rows, columns=cols), pd.DataFrame(article_rows, columns=acols)


def frames_by_outlet(frames_articles: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Frames side by side: rows codebook/frame, columns outlets, values hits per 1,000 words
    (pooled over an outlet's articles)."""
    merged = frames_articles.merge(articles[["article_id", "outlet"]], on="article_id")
    merged["outlet"] = merged["outlet"].fillna("").replace("", "(unknown outlet)")
    words = merged.drop_duplicates("article_id").groupby("outlet")["n_words"].sum()
    hits = merged.groupby(["codebook", "frame", "label", "outlet"])["hits"].sum().unstack("outlet")
    return (hits.div(words, axis=1) * PER_WORDS).round(2).fillna(0.0)


def evidence(frames_sentences: pd.DataFrame, articles: pd.DataFrame, codebook: str) -> pd.DataFrame:
    """One row per sentence and frame of ``codebook``: outlet, frame, the cues that matched, sentence."""
    hits = frames_sentences[frames_sentences["codebook"] == codebook]
    hits = hits.merge(articles[["article_id", "outlet"]], on="article_id", how="left")
    grouped = hits.groupby(["outlet", "frame", "sentence_id", "sentence"], sort=False)["match"]
    out = grouped.apply(lambda m: "; ".join(dict.fromkeys(m))).reset_index(name="cues")
    return out[["outlet", "frame", "sentence_id", "cues", "sentence"]].sort_values(
        ["frame", "outlet", "sentence_id"], kind="stable").reset_index(drop=True)


def dominant_frames(frames_articles: pd.DataFrame) -> pd.DataFrame:
    """The dominant frame(s) of each article and codebook (ties joined with ``; ``)."""
    dom = frames_articles[frames_articles["dominant"].astype(bool)]
    return (dom.groupby(["article_id", "codebook"])["label"].apply("; ".join)
            .reset_index(name="dominant_frames"))
