"""The comparison summary: one row per outlet, one column per headline measure.

Measures come from the other modules' tables when they are there (readability, sentiment,
framing, naming, attribution) and from the comparison's own tables; a measure whose table is
missing is left empty and :func:`summary_table` returns a note saying which table was missing.
Which column of an upstream table is read is data here (``UPSTREAM``), not guessed at run time
beyond that list.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from analysis.compare.tables import SUMMARY_TABLE
from analysis.core import schema
from analysis.core.writer import Partitioned, iter_batches, outside, read_columns, table_columns
from analysis.entities.tables import entity_names, names_of_mentions

if TYPE_CHECKING:
    from analysis.compare.align import BlockAlignment

# (table, columns tried in order, what it measures). The first column present is used.
UPSTREAM = {
    "readability": ("readability", ("flesch_reading_ease", "fre", "reading_ease"),
                    "Flesch Reading Ease (higher = easier)"),
    "sentiment": ("sentiment_articles", ("compound_mean", "mean_compound", "compound"),
                  "mean VADER compound per article"),
    "frame": ("frames_articles", ("label", "frame"), "frame"),
    "frame_weight": ("frames_articles", ("sentences", "hits"), "frame weight"),
    "naming": ("naming", ("label",), "naming choice"),
}

SUMMARY_COLUMNS = SUMMARY_TABLE.column_names
VOICE_COLUMNS = ("article_id", "voice", "compound", "n_words")
NAMING_TOP = 3  # concepts shown per outlet in the summary (the naming report has them all)


UNKNOWN = "(unknown)"


def _column(columns: list[str] | None, candidates: tuple[str, ...]) -> str | None:
    if columns is None:
        return None
    return next((c for c in candidates if c in columns), None)


def _outlet_sums(tables, name: str, columns: list[str], outlets: pd.Series, sums,
                 skip: frozenset | set = frozenset()) -> pd.DataFrame:
    """Per-group sums of one upstream table, read batch by batch (memory: one batch).

    ``sums(batch)`` gets a batch with an ``outlet`` column and returns a frame or series of sums
    indexed by its groups; the batches' sums are added up. Rows of the articles in ``skip`` (later
    copies of a story, counted once at the original) are left out.
    """
    parts = []
    for batch in iter_batches(tables, name, columns):
        if skip:
            batch = batch[outside(batch["article_id"], skip)]
        parts.append(sums(batch.assign(outlet=batch["article_id"].map(outlets).fillna(UNKNOWN))))
    if not parts:
        return pd.DataFrame()
    combined = pd.concat(parts)
    return combined.groupby(level=list(range(combined.index.nlevels)), sort=True).sum()


def _upstream_column(tables, key: str, notes: list) -> str | None:
    """The column of an upstream measure's table, or None with a note saying what is missing."""
    name, candidates, meaning = UPSTREAM[key]
    columns = table_columns(tables, name)
    column = _column(columns, candidates)
    if columns is None or column is None or "article_id" not in columns:
        why = "absent" if columns is None else f"has none of the columns {', '.join(candidates)}"
        notes.append((f"summary.{key}", "missing", f"table `{name}` {why}: {meaning} left empty"))
        return None
    return column


def _mean(tables, key: str, outlets: pd.Series, notes: list, skip=frozenset()) -> pd.Series:
    """Per outlet, the mean of an upstream measure over its table's rows (rounded to 3 places)."""
    column = _upstream_column(tables, key, notes)
    if column is None:
        return pd.Series(dtype=float)

    def sums(batch):
        value = pd.to_numeric(batch[column], errors="coerce")
        return pd.DataFrame({"total": value, "n": value.notna().astype(int)}).groupby(
            batch["outlet"]).sum()

    totals = _outlet_sums(tables, UPSTREAM[key][0], ["article_id", column], outlets, sums, skip)
    if totals.empty:
        return pd.Series(dtype=float)
    return (totals["total"] / totals["n"].where(totals["n"] > 0)).round(3)


def summary_table(tables: dict, comparison: ComparisonTotals, articles: pd.DataFrame
                  ) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """The ``summary`` rows (one per outlet) and notes on measures that could not be filled.

    Upstream tables are read batch by batch and only their per-outlet sums are kept, so the
    summary's memory does not grow with the corpus; ``comparison`` holds the comparison's own
    per-outlet totals, added up block by block (:class:`ComparisonTotals`).

    A story published more than once counts once, at its original's outlet: the later copies
    (``comparison.copies``) are counted in ``n_articles``, ``n_syndicated`` and ``n_copies`` only,
    and left out of every other measure.
    """
    notes: list[tuple[str, str, str]] = []
    articles = articles.assign(outlet=articles["outlet"].fillna("").replace("", UNKNOWN))
    outlets = articles.set_index("article_id")["outlet"]
    skip = comparison.copies
    own = articles[~articles["article_id"].isin(skip)].groupby("outlet", sort=True)
    out = pd.DataFrame({"outlet": sorted(articles["outlet"].unique())}).set_index("outlet")
    out["n_articles"] = articles.groupby("outlet", sort=True).size()
    out["words_per_article"] = own["n_words"].mean().round(1)
    out["words_per_sentence"] = (own["n_words"].sum() / own["n_sentences"].sum()).round(1)
    out["reading_ease"] = _mean(tables, "readability", outlets, notes, skip)
    out["sentiment"] = _mean(tables, "sentiment", outlets, notes, skip)
    voices = None
    if set(VOICE_COLUMNS) <= set(table_columns(tables, "voice_sentiment") or ()):
        voices = _outlet_sums(tables, "voice_sentiment", list(VOICE_COLUMNS), outlets,
                              lambda b: b.assign(weighted=b["compound"] * b["n_words"]).groupby(
                                  ["outlet", "voice"])[["weighted", "n_words"]].sum(), skip)
    if voices is not None and len(voices):
        for voice in schema.VOICES:
            if voice in voices.index.get_level_values("voice"):
                part = voices.xs(voice, level="voice")
                out[f"sentiment_{voice}"] = (part["weighted"] / part["n_words"]).round(3)
    else:
        notes.append(("summary.voice", "missing", "no `voice_sentiment` rows "
                      "(analysis.attribution.voice not installed): sentiment by voice left empty"))
    out["dominant_frame"] = _dominant_frame(tables, outlets, notes, skip)
    column = _upstream_column(tables, "naming", notes)
    if column is not None:
        naming_columns = table_columns(tables, "naming")
        keys = ["outlet"] + (["concept"] if "concept" in naming_columns else []) + [column]
        read = ["article_id"] + keys[1:] + (["count"] if "count" in naming_columns else [])
        totals = _outlet_sums(tables, "naming", list(dict.fromkeys(read)), outlets,
                              lambda b: b.assign(count=pd.to_numeric(b["count"], errors="coerce")
                                                 if "count" in b else 1).groupby(keys)[["count"]].sum(),
                              skip)
        if len(totals):
            out["top_naming"] = naming_choices(totals.reset_index(), column)
    for name, target in (("sources", "n_sources"), ("citation_chains", "n_citation_chains")):
        if "article_id" not in (table_columns(tables, name) or ()):
            notes.append((f"summary.{target}", "missing", f"table `{name}` absent: left empty"))
            continue
        if name == "sources" and "source" in (table_columns(tables, name) or ()):
            counts = distinct_source_counts(tables, outlets, skip)
        else:
            counts = _outlet_sums(tables, name, ["article_id"], outlets,
                                  lambda b: b.groupby("outlet").size().rename("n").to_frame(), skip)
        out[target] = (counts["n"] if len(counts) else pd.Series(dtype=int)).reindex(
            out.index, fill_value=0)
    comparison.fill(out)
    return out.reset_index().reindex(columns=SUMMARY_COLUMNS), notes


SOURCE_PART_ARTICLES = 5_000  # articles whose sources and mentions are in memory at once


def distinct_source_counts(tables, outlets: pd.Series, skip=frozenset()) -> pd.DataFrame:
    """Distinct sources per outlet (column ``n``): a source cited in several of an outlet's
    articles counts once, and a surname counts as the entity the event links it to ("Okafor" is
    Helen Okafor: :func:`analysis.entities.tables.canonical_names`). Empty when there are none.

    Read in parts of :data:`SOURCE_PART_ARTICLES` articles (their ``sources`` and ``mentions``
    rows), so memory holds one part's rows and each outlet's set of distinct sources; the same
    counts as :func:`analysis.entities.tables.distinct_sources` over the whole table (at 100,000
    real-shaped articles the whole table and its name lookups peaked at 718 MB)."""
    columns = ["article_id", "source", "source_type"]
    order = read_columns(tables, "sources", ["article_id"])["article_id"].dropna().unique().tolist()
    part_of = {article_id: k // SOURCE_PART_ARTICLES for k, article_id in enumerate(order)}
    named = (table_columns(tables, "mentions") is not None
             and table_columns(tables, "entities") is not None)
    name_of = entity_names(tables) if named else {}
    outlet_of = outlets.to_dict()
    seen: dict[str, set] = {}
    with contextlib.ExitStack() as stack:
        sources_of = stack.enter_context(Partitioned(tables, "sources", part_of, columns))
        mentions_of = (stack.enter_context(Partitioned(tables, "mentions", part_of,
                                                       ["article_id", "entity_id", "text"]))
                       if named else None)
        for part in range(-(-len(order) // SOURCE_PART_ARTICLES)):
            sources = sources_of[part]
            sources = sources[outside(sources["article_id"], skip)] if skip else sources
            ids, names = sources["article_id"].tolist(), sources["source"].fillna("").tolist()
            pairs = [(a, s) for a, s in zip(ids, names) if s != ""]
            canonical = (names_of_mentions(mentions_of[part], name_of, set(pairs))
                         if mentions_of is not None and pairs else {})
            for a, s in pairs:
                seen.setdefault(outlet_of.get(a, "(unknown)"), set()).add(canonical.get((a, s), s))
    if not seen:
        return pd.DataFrame()
    return pd.DataFrame({"n": [len(seen[o]) for o in sorted(seen)]},
                        index=pd.Index(sorted(seen), name="outlet"))


def naming_choices(naming: pd.DataFrame, label: str = "label", top: int = NAMING_TOP) -> pd.Series:
    """Per outlet, ``concept: label`` for its ``top`` most-mentioned concepts, each with the label
    it uses most (``count`` column when present, else rows)."""
    counts = pd.to_numeric(naming["count"], errors="coerce") if "count" in naming else 1
    concept = "concept" if "concept" in naming else label
    totals = naming.assign(_n=counts).groupby(["outlet", concept, label])["_n"].sum().reset_index()
    best = totals.sort_values(["outlet", "_n", concept], ascending=[True, False, True])
    best = best.drop_duplicates(["outlet", concept]).groupby("outlet").head(top)
    return best.groupby("outlet").apply(
        lambda g: "; ".join(f"{c}: {n}" for c, n in zip(g[concept], g[label])), include_groups=False)


def _dominant_frame(tables, outlets: pd.Series, notes: list, skip=frozenset()) -> pd.Series:
    column = _upstream_column(tables, "frame", notes)
    if column is None:
        return pd.Series(dtype=str)
    columns = table_columns(tables, "frames_articles")
    weight = _column(columns, UPSTREAM["frame_weight"][1])
    keys = ["outlet", "codebook", column] if "codebook" in columns else ["outlet", column]
    read = list(dict.fromkeys(["article_id"] + keys[1:] + ([weight] if weight else [])))
    totals = _outlet_sums(tables, "frames_articles", read, outlets,
                          lambda b: b.assign(_w=pd.to_numeric(b[weight], errors="coerce")
                                             if weight else 1.0).groupby(keys)[["_w"]].sum(), skip)
    if totals.empty:
        return pd.Series(dtype=str)
    totals = totals.reset_index()
    totals = totals[totals["_w"] > 0]
    best = totals.sort_values(keys[:-1] + ["_w", column], ascending=[True] * (len(keys) - 1) + [False, True])
    best = best.drop_duplicates(keys[:-1])
    if "codebook" in best:  # say which codebook each winner comes from: "generic: conflict; ..."
        labels = best["codebook"].astype(str) + ": " + best[column].astype(str)
    else:
        labels = best[column].astype(str)
    return labels.groupby(best["outlet"]).agg("; ".join)


class ComparisonTotals:
    """The comparison's per-outlet counts, added up one comparison block at a time.

    Every sentence and article is in exactly one block, so sentence and article counts add up;
    facts are kept as sets of ``kind|value`` keys per outlet (distinct across blocks). A story
    published more than once counts once, at its original: the later copies (``copies``) are left
    out of the sentence, fact and quote counts and counted apart (``n_copies``, ``copies_of``).
    """

    def __init__(self):
        self.sentences: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # outlet -> [n, shared]
        self.partners: dict[str, set] = defaultdict(set)
        self.facts: dict[str, set] = defaultdict(set)
        self.lone_facts: dict[str, set] = defaultdict(set)
        self.quotes: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])  # n, variants, sum
        self.syndicated: dict[str, int] = defaultdict(int)
        self.copies: set[str] = set()
        self.n_copies: dict[str, int] = defaultdict(int)
        self.copies_of: dict[str, set] = defaultdict(set)
        self.quotes_known = False

    def add(self, alignment: BlockAlignment, facts: pd.DataFrame,
            quote_matches: pd.DataFrame | None, syndication: pd.DataFrame, outlet_of: dict,
            stories: pd.DataFrame | None = None) -> None:
        """Add one block: its comparison tables, the alignment as a
        :class:`~analysis.compare.align.BlockAlignment` (the block's sentences, with ``outlet``,
        and the scored pairs; its rows are not made: the counts of
        :func:`~analysis.compare.align.content_by_outlet` come from the pairs' positions)."""
        from analysis.compare.syndication import COPY

        known = lambda s: s.fillna("").replace("", UNKNOWN)  # noqa: E731
        copies: set[str] = set()
        if stories is not None and len(stories):
            original = dict(zip(stories.loc[stories["role"] != COPY, "story_id"],
                                known(stories.loc[stories["role"] != COPY, "outlet"])))
            for row in stories[stories["role"] == COPY].itertuples(index=False):
                outlet = known(pd.Series([row.outlet])).iloc[0]
                copies.add(row.article_id)
                self.n_copies[outlet] += 1
                if original.get(row.story_id, outlet) != outlet:
                    self.copies_of[outlet].add(original[row.story_id])
            self.copies |= copies
            facts = facts[~facts["article_id"].isin(copies)]
        for outlet, n, n_shared, partners in alignment.outlet_content(copies, known):
            self.sentences[outlet][0] += n
            self.sentences[outlet][1] += n_shared
            shared_with = "; ".join(str(p) for p in partners)  # as content_by_outlet writes it
            self.partners[outlet].update(p for p in shared_with.split("; ") if p)
        if len(facts):
            keys = (facts["kind"] + "|" + facts["value"]).tolist()
            for outlet, key, n in zip(known(facts["outlet"]).tolist(), keys,
                                      facts["n_outlets"].tolist()):
                self.facts[outlet].add(key)
                if n == 1:
                    self.lone_facts[outlet].add(key)
        if quote_matches is not None:
            self.quotes_known = True
            for side in ("a", "b"):
                for outlet, kind, similarity in zip(known(quote_matches[f"outlet_{side}"]).tolist(),
                                                    quote_matches["match_kind"].tolist(),
                                                    quote_matches["similarity"].tolist()):
                    totals = self.quotes[outlet]
                    totals[0] += 1
                    totals[1] += kind == "variant"
                    totals[2] += similarity
        pairs = syndication[syndication["syndicated"].astype(bool)] if len(syndication) else syndication
        ids = [pairs[c].tolist() for c in ("article_id_a", "article_id_b") if c in pairs]
        for article_id in set().union(*ids):
            self.syndicated[outlet_of.get(article_id) or UNKNOWN] += 1

    def fill(self, out: pd.DataFrame) -> None:
        """Write the comparison columns of the summary ``out`` (indexed by outlet)."""
        outlets = out.index
        n = pd.Series({o: v[0] for o, v in self.sentences.items()}, dtype="Int64")
        shared = pd.Series({o: v[1] for o, v in self.sentences.items()}, dtype="Int64")
        out["n_sentences"] = n.reindex(outlets)
        out["shared_share"] = (shared / n.where(n > 0)).astype(float).round(3).reindex(outlets)
        out["n_unique_sentences"] = (n - shared).reindex(outlets)
        out["shared_with"] = pd.Series({o: "; ".join(sorted(p)) for o, p in self.partners.items()},
                                       dtype=object).reindex(outlets)
        if self.facts:
            out["n_facts"] = pd.Series({o: len(k) for o, k in self.facts.items()}).reindex(outlets)
            out["n_unique_facts"] = pd.Series({o: len(self.lone_facts.get(o, ())) for o in outlets},
                                              dtype=int)
        if self.quotes or self.quotes_known:
            q = self.quotes
            out["n_quote_matches"] = pd.Series({o: q[o][0] if o in q else 0 for o in outlets})
            out["n_quote_variants"] = pd.Series({o: q[o][1] if o in q else 0 for o in outlets})
            out["quote_similarity"] = pd.Series(
                {o: round(q[o][2] / q[o][0], 3) for o in outlets if o in q and q[o][0]}, dtype=float)
        out["n_syndicated"] = pd.Series({o: self.syndicated.get(o, 0) for o in outlets})
        out["n_copies"] = pd.Series({o: self.n_copies.get(o, 0) for o in outlets})
        out["copies_of"] = pd.Series({o: "; ".join(sorted(self.copies_of.get(o, ()))) for o in outlets})
