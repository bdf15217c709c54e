"""Content alignment: which sentences of one outlet's article say what another outlet's say.

Sentences of one event are compared by TF-IDF cosine over word n-grams (1-2, English stop words
dropped) and character n-grams (3-5 within word boundaries), averaged. The search is blocked: only
sentences of the same event are compared, and only candidate pairs that share a word term (found by
a sparse product done in row chunks) are scored, so the cost grows with the shared vocabulary, not
with all sentence pairs of the corpus. Reference: Salton & Buckley (1988), "Term-weighting
approaches in automatic text retrieval"; scikit-learn's ``TfidfVectorizer``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.core.settings import Compare

if TYPE_CHECKING:  # scikit-learn is imported when first used: importing it costs about a second
    from sklearn.feature_extraction.text import TfidfVectorizer

# A pair is aligned when its mean word/char cosine reaches this. Calibrated on the seed pair
# (docs/compare.md): the "first visit in 24 years" sentences score 0.180, Kim's support statements
# 0.306 and 0.248; unrelated pairs score up to 0.133, and the best partner of the first seed's
# UN-panel and Ushakov sentences 0.086 and 0. Paraphrase across outlets is lexically weak, so the
# threshold is low: raise it to keep only near-copies. Settable with ``params["align_threshold"]``.
ALIGN_THRESHOLD = Compare.align_threshold  # 0.17
# Candidate search: a pair is scored only when its word cosine reaches this floor (pairs below it
# cannot reach ALIGN_THRESHOLD unless their character n-grams alone are near-identical).
CANDIDATE_FLOOR = 0.05
# Candidates kept per sentence (best word cosine first): bounds memory on repetitive events.
CANDIDATES_PER_SENTENCE = 20
CHUNK_ROWS = 1000  # rows per sparse product chunk at most: bounds peak memory
# ... and fewer in large events: a chunk's product holds at most rows x sentences cells (on
# repetitive events it is nearly dense), so rows = CHUNK_CELLS // sentences (12 bytes a cell)
CHUNK_CELLS = 2_000_000
# candidate pairs scored at a time: bounds peak memory. A chunk copies its pairs' rows of the
# character TF-IDF matrix twice (about 150 stored cells a sentence, 8 bytes each): 20,000 pairs
# took ~80 MB on the synthetic corpus, 4,000 take ~16 MB, at no measurable cost in time.
CHUNK_PAIRS = 4_000
# In events above this many sentences, word terms found in more than LARGE_EVENT_MAX_DF of the
# sentences are ignored for the candidate search (still used in the score): they pair everything
# with everything and make the search quadratic.
LARGE_EVENT_SENTENCES = 2000
LARGE_EVENT_MAX_DF = 0.02

ALIGNMENT_COLUMNS = [
    "event", "kind", "article_id_a", "outlet_a", "sentence_id_a", "start_a", "end_a", "text_a",
    "article_id_b", "outlet_b", "sentence_id_b", "start_b", "end_b", "text_b",
    "score", "word_score", "char_score", "same_source",
]


def word_vectorizer(max_df: float = 1.0) -> TfidfVectorizer:
    """TF-IDF over word 1-2-grams, English stop words (scikit-learn's list) dropped."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="word", ngram_range=(1, 2), stop_words="english",
                           sublinear_tf=True, lowercase=True, max_df=max_df, dtype=np.float32)


def char_vectorizer() -> TfidfVectorizer:
    """TF-IDF over character 3-5-grams inside word boundaries."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                           lowercase=True, dtype=np.float32)


def _fit(vectorizer: TfidfVectorizer, texts: list[str]) -> sparse.csr_matrix:
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary (e.g. only stop words)
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)


def candidate_pairs(matrix: sparse.csr_matrix, groups: np.ndarray,
                    floor: float = CANDIDATE_FLOOR,
                    per_row: int = CANDIDATES_PER_SENTENCE) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of rows from different ``groups`` whose cosine reaches ``floor``.

    ``matrix`` rows must be L2-normalised. The product is done a chunk of rows at a time
    (``CHUNK_ROWS``, fewer when ``CHUNK_CELLS`` would be exceeded) and only the best ``per_row``
    partners of each row are kept.
    """
    rows_out, cols_out = [], []
    transposed = matrix.T.tocsc()
    step = max(1, min(CHUNK_ROWS, CHUNK_CELLS // max(1, matrix.shape[0])))
    for begin in range(0, matrix.shape[0], step):
        block = (matrix[begin:begin + step] @ transposed).tocoo()
        i = block.row + begin
        keep = (block.col > i) & (block.data >= floor)
        i, j, value = i[keep], block.col[keep], block.data[keep]
        keep = groups[i] != groups[j]
        i, j, value = i[keep], j[keep], value[keep]
        if per_row and len(i):
            order = np.lexsort((-value, i))
            i, j, value = i[order], j[order], value[order]
            first = np.r_[0, np.flatnonzero(np.diff(i)) + 1]
            rank = np.arange(len(i)) - np.repeat(first, np.diff(np.r_[first, len(i)]))
            keep = rank < per_row
            i, j = i[keep], j[keep]
        rows_out.append(i)
        cols_out.append(j)
    if not rows_out:
        return np.array([], dtype=int), np.array([], dtype=int)
    return np.concatenate(rows_out), np.concatenate(cols_out)


def pair_cosines(matrix: sparse.csr_matrix, i: np.ndarray, j: np.ndarray,
                 chunk: int = CHUNK_PAIRS) -> np.ndarray:
    """Cosine of row ``i[k]`` with row ``j[k]`` for every k (rows L2-normalised); 0-1.

    Pairs are taken ``chunk`` at a time (each chunk copies its rows of ``matrix`` twice); every
    pair's sum is computed alone, so the chunk size does not change a value."""
    out = np.zeros(len(i), dtype=np.float32)
    for begin in range(0, len(i), chunk):
        a, b = i[begin:begin + chunk], j[begin:begin + chunk]
        out[begin:begin + chunk] = np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()
    return out


def align_sentences(texts: list[str], groups: list[str],
                    threshold: float = ALIGN_THRESHOLD) -> pd.DataFrame:
    """Aligned sentence pairs between different groups (articles) of one event.

    Args:
        texts: the sentences.
        groups: the article of each sentence; sentences of one article are never paired.
        threshold: minimum score (mean of word and char TF-IDF cosine, 0-1, higher = more alike).

    Returns:
        Columns ``i``, ``j`` (positions in ``texts``, i < j), ``score``, ``word_score``,
        ``char_score``, best score first.
    """
    empty = pd.DataFrame({"i": pd.Series(dtype=int), "j": pd.Series(dtype=int),
                          "score": pd.Series(dtype=float), "word_score": pd.Series(dtype=float),
                          "char_score": pd.Series(dtype=float)})
    if len(texts) < 2 or len(set(groups)) < 2:
        return empty
    codes = pd.factorize(pd.Series(groups))[0]
    words = _fit(word_vectorizer(), texts)
    search = words
    if len(texts) > LARGE_EVENT_SENTENCES:
        search = _fit(word_vectorizer(max_df=LARGE_EVENT_MAX_DF), texts)
    i, j = candidate_pairs(search, codes)
    del search  # each matrix is dropped once used: one is held at a time
    word_score = pair_cosines(words, i, j)
    del words
    chars = _fit(char_vectorizer(), texts)
    char_score = pair_cosines(chars, i, j)
    del chars
    score = (word_score + char_score) / 2
    keep = score >= threshold
    if not keep.any():
        return empty
    found = pd.DataFrame({"i": i[keep], "j": j[keep], "score": score[keep].round(4),
                          "word_score": word_score[keep].round(4),
                          "char_score": char_score[keep].round(4)})
    return found.sort_values(["score", "i", "j"], ascending=[False, True, True],
                             ignore_index=True)


def alignment_table(sentences: pd.DataFrame, source_of: dict[str, str], event: str,
                    threshold: float = ALIGN_THRESHOLD) -> pd.DataFrame:
    """The ``alignment`` rows of one event: matched pairs, then sentences no other source has.

    Args:
        sentences: the event's sentences with ``article_id``, ``outlet``, ``sentence_id``,
            ``start``, ``end``, ``text``.
        source_of: article id -> story id (copies of one story share it); a sentence matched
            only inside its own story, or only by its own outlet's articles, is listed as
            ``unique`` (an outlet does not share content with itself).
        event: the event's name, copied into every row.
        threshold: see :func:`align_sentences`.
    """
    sentences = sentences.reset_index(drop=True)
    pairs = align_sentences(sentences["text"].tolist(), sentences["article_id"].tolist(),
                            threshold)
    return BlockAlignment(sentences, pairs, source_of, event).frame()


class BlockAlignment:
    """The ``alignment`` rows of one event (or comparison block), kept compact: its sentences and
    the scored pairs of :func:`align_sentences` (numbers only). Rows are made when asked for, a
    slice at a time (:meth:`pieces`), so a block's rows (text of both sentences, ids, outlets) are
    never all in memory; :meth:`frame` gives them whole, as :func:`alignment_table` does.

    Args:
        sentences: as for :func:`alignment_table` (positions ``i``/``j`` of ``pairs`` index it).
        pairs: :func:`align_sentences`' output (``i``, ``j``, ``score``, ``word_score``,
            ``char_score``, best score first).
        source_of: article id -> story id (see :func:`alignment_table`).
        event: copied into every row.
    """

    def __init__(self, sentences: pd.DataFrame, pairs: pd.DataFrame, source_of: dict[str, str],
                 event: str):
        self.sentences = sentences.reset_index(drop=True)
        self.pairs, self.event = pairs, event
        self.i, self.j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
        # per sentence: its story (an article in no story is its own) and its outlet, as codes
        article = self.sentences["article_id"].tolist()
        self._source = pd.factorize(pd.Series([source_of.get(a, a) for a in article],
                                               dtype=object))[0]
        outlet = self.sentences["outlet"].fillna("").astype(str)
        self._outlet, self._no_outlet = pd.factorize(outlet)[0], (outlet == "").to_numpy()
        self.same_source = self._source[self.i] == self._source[self.j]
        # matched across sources and outlets: such sentences are not unique
        across = ~self.same_source & ~((self._outlet[self.i] == self._outlet[self.j])
                                       & ~self._no_outlet[self.i])
        ids = self.sentences["sentence_id"].to_numpy()
        elsewhere = set(ids[self.i[across]].tolist()) | set(ids[self.j[across]].tolist())
        self.alone = np.flatnonzero(~self.sentences["sentence_id"].isin(elsewhere).to_numpy())

    def __len__(self) -> int:
        return len(self.pairs) + len(self.alone)

    def frame(self) -> pd.DataFrame:
        """Every row: the matched pairs (best score first), then the unique sentences."""
        return self.rows(0, len(self))

    def pieces(self, size: int) -> Iterator[pd.DataFrame]:
        """The rows in consecutive slices of at most ``size`` (one empty slice when none)."""
        for start in range(0, max(1, len(self)), size):
            yield self.rows(start, start + size)

    def rows(self, start: int, stop: int) -> pd.DataFrame:
        """Rows ``start`` to ``stop`` (exclusive) of :meth:`frame`."""
        n_matched = len(self.pairs)
        part = slice(min(start, n_matched), min(stop, n_matched))
        matched = pd.DataFrame({"event": self.event, "kind": "match"},
                               index=range(part.stop - part.start))
        for column in ("article_id", "outlet", "sentence_id", "start", "end", "text"):
            values = self.sentences[column].to_numpy()  # taken column by column: no wide copies
            for side, rows in (("a", self.i[part]), ("b", self.j[part])):
                matched[f"{column}_{side}"] = values[rows]
        for column in ("score", "word_score", "char_score"):
            matched[column] = self.pairs[column].to_numpy()[part]
        matched["same_source"] = self.same_source[part]
        alone = self.sentences.iloc[self.alone[max(0, start - n_matched):max(0, stop - n_matched)]]
        unique = pd.DataFrame({"event": self.event, "kind": "unique"}, index=range(len(alone)))
        for column in ("article_id", "outlet", "sentence_id", "start", "end", "text"):
            unique[f"{column}_a"] = alone[column].to_numpy()
        return pd.concat([matched, unique], ignore_index=True).reindex(columns=ALIGNMENT_COLUMNS)

    def outlet_content(self, skip: set[str] | frozenset[str], known) -> list[tuple[str, int, int, list[str]]]:
        """Per outlet, what :func:`content_by_outlet` gives for these rows and sentences once the
        rows and sentences of the articles in ``skip`` are left out and every outlet is mapped by
        ``known`` (a function of a Series of outlets): ``(outlet, n_sentences, n_shared,
        partners)``, outlets in sorted order. Computed from the pairs' positions, without the
        rows."""
        skipped = self.sentences["article_id"].isin(skip).to_numpy()
        outlet = known(self.sentences["outlet"])
        text = outlet.fillna("").astype(str)
        code, empty = pd.factorize(text)[0], (text == "").to_numpy()
        i, j = self.i, self.j
        keep = (~skipped[i] & ~skipped[j] & ~self.same_source
                & ~((code[i] == code[j]) & ~empty[i]))
        i, j = i[keep], j[keep]
        ids, outlets = self.sentences["sentence_id"].to_numpy(), outlet.to_numpy(dtype=object)
        partners_of: dict = defaultdict(set)
        for sentence, partner in zip(np.concatenate([ids[i], ids[j]]).tolist(),
                                     np.concatenate([outlets[j], outlets[i]]).tolist()):
            if partner == partner and partner is not None:  # dropna
                partners_of[sentence].add(partner)
            else:
                partners_of.setdefault(sentence, set())
        kept = ~skipped
        out = []
        frame = pd.DataFrame({"outlet": outlet[kept], "sentence_id": ids[kept]})
        for name, group in frame.groupby("outlet", dropna=False, sort=True):
            own = set(group["sentence_id"].tolist())
            shared = own & partners_of.keys()
            partners = set().union(*(partners_of[s] for s in shared)) - {name}
            out.append((name, len(own), len(shared), sorted(partners)))
        return out


def same_outlet(outlet_a: pd.Series, outlet_b: pd.Series) -> pd.Series:
    """True where both sides name the same outlet (an empty outlet is unknown: never the same)."""
    a, b = outlet_a.fillna("").astype(str), outlet_b.fillna("").astype(str)
    return (a == b) & (a != "")


def content_by_outlet(alignment: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: sentences, how many another outlet's story also carries, how many only it
    carries, and with which other outlets it shares content (copies of one story are one story;
    an outlet never shares content with itself).

    ``shared_share`` is a fraction 0-1 of the outlet's sentences (higher = more shared content).
    """
    matched = alignment[(alignment["kind"] == "match") & ~alignment["same_source"].astype(bool)
                        & ~same_outlet(alignment["outlet_a"], alignment["outlet_b"])]
    # each matched sentence with the outlet on the other side of its pair
    sides = pd.DataFrame({
        "sentence_id": np.concatenate([matched["sentence_id_a"].to_numpy(object),
                                       matched["sentence_id_b"].to_numpy(object)]),
        "partner": np.concatenate([matched["outlet_b"].to_numpy(object),
                                   matched["outlet_a"].to_numpy(object)])})
    rows = []
    for outlet, group in sentences.groupby("outlet", dropna=False, sort=True):
        ids = set(group["sentence_id"].tolist())
        mine = sides[sides["sentence_id"].isin(ids)]
        shared_ids = set(mine["sentence_id"].tolist())
        partners = sorted(set(mine["partner"].dropna().tolist()) - {outlet})
        n = len(ids)
        rows.append({"outlet": outlet, "n_sentences": n, "n_shared": len(shared_ids),
                     "n_unique": n - len(shared_ids),
                     "shared_share": round(len(shared_ids) / n, 3) if n else float("nan"),
                     "shared_with": "; ".join(str(p) for p in partners)})
    return pd.DataFrame(rows, columns=["outlet", "n_sentences", "n_shared", "n_unique",
                                       "shared_share", "shared_with"])
