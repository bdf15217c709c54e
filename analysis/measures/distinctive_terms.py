"""Distinctive words: weighted log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", Political Analysis 16(4), 372-403 (the model
with an informative Dirichlet prior).
For a term w, group i (an outlet) and the rest j (all other outlets pooled), with counts y, group
totals n and prior pseudo-counts alpha_w summing to alpha_0:

    delta_w = log[(y_wi + a_w) / (n_i + a_0 - y_wi - a_w)] - log[(y_wj + a_w) / (n_j + a_0 - y_wj - a_w)]
    var(delta_w) ~= 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w = delta_w / sqrt(var(delta_w))

The prior is informative: a_w = a_0 * (pooled count of w / pooled total), the pooled corpus's own
frequencies scaled to a_0. ``alpha0`` (the prior scale) is settable; by default it equals the pooled
total, i.e. a_w = the pooled count of w (the prior weighs as much as the data). A larger a_0 shrinks
every estimate more towards zero. Unigrams and bigrams are separate vocabularies (each its own
multinomial, with its own totals). Positive z: the outlet uses the term more than the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.core.config import resource
from analysis.core.schema import Table, _cols, register
from analysis.core.settings import Terms
from analysis.core.writer import iter_batches, looked_up, read_columns, table_columns
from analysis.corpus.segment import WORD

MIN_COUNT = Terms.min_count  # 2: a term must occur at least this often in the pooled corpus
NGRAM_RANGE = Terms.ngram_range  # (1, 2): unigrams and bigrams
UNKNOWN_OUTLET = "(unknown outlet)"
# sentences read at a time by terms_stage: a fixed number, so what a batch holds (its text, the
# copies pandas makes to pick English sentences and their outlets) is the same at 1,000 articles
# as at 100,000; with 65,536 (the reader's default) a batch was three times larger at 10,000
# articles (210,000 sentences) than the whole table at 1,000 (21,000)
BATCH_ROWS = 8_192

register(Table("terms", "Distinctive terms per outlet: weighted log-odds with an informative "
               "Dirichlet prior (Monroe, Colaresi & Quinn 2008), each outlet against all others.",
               _cols(
    ("outlet", "str", "outlet (articles' `outlet`; `(unknown outlet)` when empty)"),
    ("term", "str", "lower-cased unigram or bigram (words joined by one space)"),
    ("count", "int", "occurrences in the outlet's articles (title and body)", "occurrences"),
    ("log_odds", "float", "weighted log-odds ratio, outlet vs the rest; > 0 = more typical of the "
     "outlet", "log odds"),
    ("z", "float", "log_odds / its standard deviation; |z| > 1.96 is the usual 5% line", "z"),
    ("n", "int", "n-gram order (1 or 2)"),
    ("count_rest", "int", "occurrences in all other outlets' articles", "occurrences"),
    ("prior", "float", "prior pseudo-count alpha_w of the term", "pseudo-counts"),
    ("alpha0", "float", "prior scale alpha_0 used for this n-gram order", "pseudo-counts"),
    ("outlet_total", "int", "all n-grams of this order in the outlet's articles", "n-grams"),
)))


@lru_cache(maxsize=4)
def read_stopwords(path: str | None = None) -> frozenset[str]:
    """The project's stop words (``analysis/resources/stopwords.txt`` unless ``path``)."""
    with open(path or resource("stopwords.txt"), encoding="utf-8") as handle:
        words = (line.strip().lower() for line in handle)
        return frozenset(w for w in words if w and not w.startswith("#"))


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens with at least one letter; apostrophes unified to ``'`` and a
    possessive ``'s`` dropped (``Korea's`` -> ``korea``)."""
    tokens = []
    for word in WORD.findall(text):
        token = word.lower()
        if "’" in token or "‘" in token:
            token = token.replace("’", "'").replace("‘", "'")
        if token.endswith("'s"):
            token = token[:-2]
        if token.isalpha() or any(ch.isalpha() for ch in token):
            tokens.append(token)
    return tokens


def ngrams(tokens: list[str], n: int, stopwords: frozenset[str]) -> list[str]:
    """n-grams of adjacent tokens with no stop word among them, joined by a space."""
    if n == 1:
        return [t for t in tokens if t not in stopwords]
    if n == 2:
        return [f"{a} {b}" for a, b in zip(tokens, tokens[1:])
                if a not in stopwords and b not in stopwords]
    return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)
            if not any(t in stopwords for t in tokens[i:i + n])]


def count_terms(texts: pd.DataFrame, ngram_range=NGRAM_RANGE, stopwords=None) -> pd.DataFrame:
    """Term counts per group from ``texts`` (columns ``group``, ``text``; one row per sentence, so
    bigrams never cross a sentence). Returns ``group, term, n, count``."""
    counts: dict = {}
    add_counts(counts, texts["group"], texts["text"], ngram_range, stopwords)
    return counts_frame(counts)


def add_counts(counts: dict, groups, texts, ngram_range=NGRAM_RANGE, stopwords=None) -> None:
    """Add the term counts of some sentences to ``counts``, a dict of ``(group, n)`` -> Counter of
    terms (for counting a large table batch by batch; one counter per group and order, so no key
    tuple is held per distinct term: at 10,000 real-shaped articles, 629,000 of them)."""
    stopwords = read_stopwords() if stopwords is None else stopwords
    for group, text in zip(groups, texts, strict=True):
        tokens = tokenize(text)
        for n in range(ngram_range[0], ngram_range[1] + 1):
            found = ngrams(tokens, n, stopwords)
            if found:  # a group with no term has no counter (it is no group of the table)
                counts.setdefault((group, n), Counter()).update(found)


def counts_frame(counts: dict) -> pd.DataFrame:
    """``group, term, n, count`` rows of the counts filled by :func:`add_counts` (grouped by group
    and order; the scoring does not depend on the rows' order)."""
    columns: dict[str, list] = {"group": [], "term": [], "n": [], "count": []}
    for (group, n), terms in counts.items():
        columns["group"] += [group] * len(terms)
        columns["term"] += terms.keys()
        columns["n"] += [n] * len(terms)
        columns["count"] += terms.values()
    return pd.DataFrame(columns, columns=["group", "term", "n", "count"])


def log_odds_z(y_i, y_j, n_i: float, n_j: float, prior, alpha0: float):
    """Weighted log-odds ratio and its z-score (Monroe, Colaresi & Quinn 2008).

    Args:
        y_i, y_j: counts of each term in group i and in the rest j (arrays).
        n_i, n_j: total counts of group i and the rest.
        prior: pseudo-counts alpha_w (array), summing to ``alpha0``.
        alpha0: the prior scale.
    Returns:
        ``(delta, z)`` arrays: log-odds (> 0 = more typical of i) and delta / sd.
    """
    y_i, y_j, a = (np.asarray(v, dtype=float) for v in (y_i, y_j, prior))
    delta = (np.log((y_i + a) / (n_i + alpha0 - y_i - a))
             - np.log((y_j + a) / (n_j + alpha0 - y_j - a)))
    variance = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    return delta, delta / np.sqrt(variance)


def count_matrix(part: pd.DataFrame, groups: list) -> pd.DataFrame:
    """Terms x groups counts (summed when a term and group repeat; 0 where absent) of ``group,
    term, count`` rows: terms sorted, one column per group in the order of ``groups``. What a
    pivot table gives, without its intermediate tables (at 10,000 real-shaped articles the pivot
    of 629,000 rows took ~150 MB)."""
    codes, terms = pd.factorize(part["term"], sort=True)
    columns = pd.Index(groups).get_indexer(part["group"])
    matrix = np.zeros((len(terms), len(groups)), dtype=np.int64)
    np.add.at(matrix, (codes, columns), part["count"].to_numpy(dtype=np.int64))
    return pd.DataFrame(matrix, index=pd.Index(terms, name="term"),
                        columns=pd.Index(groups, name="group"))


TERM_COLUMNS = ["outlet", "term", "count", "log_odds", "z", "n", "count_rest", "prior", "alpha0",
                "outlet_total"]


def distinctive_terms(counts: pd.DataFrame, min_count: int = MIN_COUNT,
                      alpha0: float | None = None) -> pd.DataFrame:
    """Each group against the rest, per n-gram order, from ``count_terms`` output.

    ``alpha0`` None or <= 0 = the pooled total of the order (prior = pooled counts). Terms whose
    pooled count is below ``min_count`` are dropped from the output (they still count in the totals).
    Returns the ``terms`` table (``group`` as ``outlet``), sorted by outlet and descending z.
    """
    groups, orders = term_orders(counts, min_count, alpha0)
    if len(groups) < 2:
        return pd.DataFrame(columns=TERM_COLUMNS)
    return pd.concat([outlet_terms(group, orders) for group in groups], ignore_index=True)


def term_orders(counts: pd.DataFrame, min_count: int = MIN_COUNT,
                alpha0: float | None = None) -> tuple[list, list[dict]]:
    """The sorted groups of ``count_terms`` output and, per n-gram order, what scoring a group
    needs: the terms x groups count ``matrix``, the ``pooled`` counts, the ``prior`` (pseudo-counts
    summing to ``scale``, alpha_0) and ``keep`` (pooled count >= ``min_count``). Small beside the
    counts: one row per distinct term."""
    groups = sorted(counts["group"].unique()) if len(counts) else []
    if len(groups) < 2:
        return groups, []
    return groups, [order_stats(int(n), count_matrix(part, groups), min_count, alpha0)
                    for n, part in counts.groupby("n")]


def counted_orders(counts: dict, min_count: int = MIN_COUNT,
                   alpha0: float | None = None) -> tuple[list, list[dict]]:
    """:func:`term_orders` straight from the counters of :func:`add_counts`, which are emptied
    on the way (no rows of counts are made: at 10,000 real-shaped articles, 629,000)."""
    groups = sorted({group for group, _ in counts})
    if len(groups) < 2:
        return groups, []
    orders = []
    for n in sorted({n for _, n in counts}):
        by_group = {group: counts.pop((group, n), Counter()) for group in groups}
        terms = sorted(set().union(*by_group.values()))
        row = {term: k for k, term in enumerate(terms)}
        matrix = np.zeros((len(terms), len(groups)), dtype=np.int64)
        for column, group in enumerate(groups):
            found = by_group.pop(group)
            matrix[[row[term] for term in found], column] = list(found.values())
            del found
        del row
        frame = pd.DataFrame(matrix, index=pd.Index(terms, name="term"),
                             columns=pd.Index(groups, name="group"))
        orders.append(order_stats(n, frame, min_count, alpha0))
    return groups, orders


def order_stats(n: int, matrix: pd.DataFrame, min_count: int, alpha0: float | None) -> dict:
    """What scoring needs for one n-gram order, from its terms x groups count ``matrix``."""
    pooled = matrix.sum(axis=1)
    total = float(pooled.sum())
    scale = float(alpha0) if alpha0 and alpha0 > 0 else total
    return {"n": n, "matrix": matrix, "pooled": pooled, "scale": scale,
            "prior": scale * pooled / total, "keep": (pooled >= min_count).to_numpy()}


def outlet_terms(group, orders: list[dict]) -> pd.DataFrame:
    """The ``terms`` rows of one group (outlet) against the rest, every n-gram order, by
    descending z, then term. An outlet and a term make one row, so the groups' rows one after
    the other in sorted group order are one stable sort of the whole table by outlet, z and term,
    made without holding the whole table (a stage can write it outlet by outlet)."""
    parts = []
    for order in orders:
        matrix, pooled, prior, keep = (order[k] for k in ("matrix", "pooled", "prior", "keep"))
        y_i = matrix[group]
        y_j = pooled - y_i
        delta, z = log_odds_z(y_i, y_j, float(y_i.sum()), float(y_j.sum()), prior, order["scale"])
        # only the kept terms' rows are made (the totals above are over every term)
        parts.append(pd.DataFrame({
            "outlet": group, "term": matrix.index[keep], "count": y_i.to_numpy()[keep],
            "log_odds": np.asarray(delta)[keep], "z": np.asarray(z)[keep], "n": order["n"],
            "count_rest": y_j.to_numpy()[keep], "prior": prior.to_numpy()[keep],
            "alpha0": order["scale"], "outlet_total": int(y_i.sum())}, columns=TERM_COLUMNS))
    rows = pd.concat(parts, ignore_index=True)
    return rows.sort_values(["z", "term"], ascending=[False, True], kind="stable")


def parse_ngram_range(value) -> tuple[int, int]:
    """``"1,2"``, ``"1-2"``, ``(1, 2)`` or ``2`` -> ``(low, high)``."""
    if isinstance(value, (tuple, list)):
        low, high = int(value[0]), int(value[-1])
    elif isinstance(value, int):
        low, high = 1, value
    else:
        parts = str(value).replace("-", ",").split(",")
        low, high = int(parts[0]), int(parts[-1])
    if not 1 <= low <= high:
        raise ValueError(f"bad n-gram range: {value!r}")
    return low, high


def outlet_texts(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``group, text`` rows: each sentence with its article's outlet as the group."""
    merged = sentences[["article_id", "text"]].copy()
    merged["group"] = looked_up(merged["article_id"], outlet_groups(articles), UNKNOWN_OUTLET)
    return merged[["group", "text"]]


def outlet_groups(articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> its group in the ``terms`` table: the outlet, :data:`UNKNOWN_OUTLET` when
    empty. A plain dict, built once: a batch of sentences looks its ids up in it, so picking a
    batch's sentences costs the batch's size, not the corpus's (``Series.isin`` on arrow strings
    turns its argument into Python scalars at every call: at 100,000 articles that was most of
    the stage's time)."""
    outlets = articles["outlet"].fillna("").tolist() if "outlet" in articles else [""] * len(articles)
    return {article_id: outlet or UNKNOWN_OUTLET
            for article_id, outlet in zip(articles["article_id"].tolist(), outlets)}


def terms_from_tables(sentences, articles, min_count=MIN_COUNT, ngram_range=NGRAM_RANGE,
                      alpha0=None) -> pd.DataFrame:
    """The ``terms`` table from ``sentences`` and ``articles`` tables."""
    counts = count_terms(outlet_texts(sentences, articles), parse_ngram_range(ngram_range))
    return distinctive_terms(counts, int(min_count), alpha0)


def terms_stage(tables: dict[str, pd.DataFrame], context) -> Iterator[tuple[str, pd.DataFrame]]:
    """Corpus stage: the ``terms`` table, written outlet by outlet. Settings
    (``options.params``): ``min_count``, ``ngram_range``, ``prior_scale`` (alpha_0; 0 or absent =
    the pooled total).

    Sentences are read batch by batch and only the term counts are kept, so memory grows with
    the vocabulary, not with the corpus; the counts are reduced to one terms x outlets matrix per
    order before any row is made, and the rows are made one outlet at a time (at 10,000
    real-shaped articles the table has 946,680 rows, ~100 MB in memory).
    """
    params = context.options.params if context else {}
    columns = [c for c in ("article_id", "outlet", "english") if c in table_columns(tables, "articles")]
    english = read_columns(tables, "articles", columns)
    english = english[english["english"].astype(bool)] if "english" in english else english
    group_of = outlet_groups(english)
    del english
    ngram_range = parse_ngram_range(params.get("ngram_range", NGRAM_RANGE))
    counts: dict = {}
    for batch in iter_batches(tables, "sentences", ["article_id", "text"], BATCH_ROWS):
        pairs = [(group_of[a], text) for a, text in zip(batch["article_id"].tolist(),
                                                       batch["text"].tolist()) if a in group_of]
        add_counts(counts, [g for g, _ in pairs], [t for _, t in pairs], ngram_range)
    del group_of
    groups, orders = counted_orders(counts, int(params.get("min_count", MIN_COUNT)),
                                    float(params.get("prior_scale", 0) or 0))
    del counts
    if len(groups) < 2:
        yield "terms", pd.DataFrame(columns=TERM_COLUMNS)
        return
    for group in groups:
        yield "terms", outlet_terms(group, orders)


def top_terms(terms: pd.DataFrame, k: int = 10) -> pd.DataFrame:
    """The ``k`` terms with the highest z per outlet (the distinctive-word chart's data)."""
    return (terms.sort_values("z", ascending=False, kind="stable").groupby("outlet").head(k)
            .sort_values(["outlet", "z"], ascending=[True, False]).reset_index(drop=True))
