"""Findings first: the largest differences between outlets, chosen by fixed rules, as sentences.

The summary report opens with these. Which differences are shown is decided here, by rules
written in ``docs/reports.md`` ("Findings first"), never by hand:

1. **Sample size.** Each measure has a unit (articles, sentences, attributions, matched quotes)
   and a minimum (``min_n``); an outlet below it is left out of that measure. With fewer than two
   outlets left, the measure is *too small to call*.
2. **Effect size.** Among the outlets left, the highest and lowest are compared: shares by Cohen's
   h (``2 asin sqrt p1 - 2 asin sqrt p2``), means by their difference, lengths by their ratio. Each
   measure has a threshold, the smallest difference worth a sentence; ``strength`` is the effect
   divided by it. Below 1: *no clear difference*.
3. **Order.** Findings are ranked by strength (ties: the order of ``MEASURES``); the summary shows
   the first ``TOP_FINDINGS``. Every sentence gives both values, both sample sizes and a link to
   the evidence.

With many outlets the highest and lowest of many are further apart by chance alone: the sample
size rule, not the ranking, is what keeps a finding from resting on one article.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

TOP_FINDINGS = 5  # sentences on the first screen; the table behind them has every measure
MIN_ARTICLES = 2  # one article is an anecdote, not an outlet's coverage
MIN_SENTENCES = 20  # shares of fewer sentences move by 5 points with one sentence
MIN_ATTRIBUTIONS = 10  # shares of fewer attributions move by 10 points with one attribution
MIN_QUOTE_MATCHES = 5  # matched quotes per outlet before a rewording share is read
SHARE_H = 0.5  # Cohen's h of a "medium" difference between two proportions (Cohen 1988, ch. 6)
READING_EASE_POINTS = 10.0  # one band of Flesch's (1948) reading ease table
SENTIMENT_POINTS = 0.1  # twice VADER's neutral half-band (+-0.05, Hutto & Gilbert 2014)
SENTENCE_WORDS = 5.0  # words per sentence: about a fifth of a typical news sentence (~25 words)
LENGTH_RATIO = 1.5  # one outlet's articles half as long again as another's
IGNORED_SOURCE_TYPES = ("", "unknown")  # types that name no kind of source


@dataclass(frozen=True)
class Measure:
    """A measure the findings compare across outlets.

    ``sentence`` is a ``str.format`` template over ``hi``, ``lo`` (outlets), ``v_hi``, ``v_lo``
    (formatted values), ``n_hi``, ``n_lo`` and ``unit``.
    """

    key: str
    label: str
    kind: str  # share (0..1, Cohen's h) | mean (difference) | ratio (highest / lowest)
    unit: str
    min_n: int
    threshold: float
    evidence: str
    sentence: str
    value_format: str = "{:.0%}"


MEASURES = (
    Measure("shared_share", "sentences other outlets also carry", "share", "sentences",
            MIN_SENTENCES, SHARE_H, "#content",
            "{hi}: {v_hi} of its sentences are also carried by another outlet; {lo}: {v_lo} "
            "({n_hi} and {n_lo} {unit})."),
    Measure("quote_variant_share", "matched quotes worded differently", "share", "matched quotes",
            MIN_QUOTE_MATCHES, SHARE_H, "#quotes",
            "{hi} rewords {v_hi} of the quotes it shares with other outlets, {lo} {v_lo} "
            "({n_hi} and {n_lo} {unit})."),
    Measure("sentiment", "mean tone (VADER compound, -1 to +1)", "mean", "articles", MIN_ARTICLES,
            SENTIMENT_POINTS, "02-sentiment.html",
            "{hi} sounds most positive (mean VADER compound {v_hi}), {lo} most negative ({v_lo}) "
            "({n_hi} and {n_lo} {unit}).", "{:+.2f}"),
    Measure("reading_ease", "Flesch reading ease (higher = easier)", "mean", "articles",
            MIN_ARTICLES, READING_EASE_POINTS, "03-readability.html",
            "{hi} is easiest to read (Flesch reading ease {v_hi}), {lo} hardest ({v_lo}) "
            "({n_hi} and {n_lo} {unit}).", "{:.0f}"),
    Measure("words_per_article", "words per article", "ratio", "articles", MIN_ARTICLES,
            LENGTH_RATIO, "01-corpus-overview.html",
            "{hi}'s articles are the longest ({v_hi} words on average), {lo}'s the shortest "
            "({v_lo}) ({n_hi} and {n_lo} {unit}).", "{:.0f}"),
    Measure("words_per_sentence", "words per sentence", "mean", "articles", MIN_ARTICLES,
            SENTENCE_WORDS, "03-readability.html",
            "{hi} writes the longest sentences ({v_hi} words on average), {lo} the shortest "
            "({v_lo}) ({n_hi} and {n_lo} {unit}).", "{:.1f}"),
)
SOURCE_TYPE_SENTENCE = ("{hi} gives {what} {v_hi} of its attributions, {lo} {v_lo} "
                        "({n_hi} and {n_lo} {unit}).")
COLUMNS = ["measure", "label", "status", "strength", "effect", "threshold", "high_outlet",
           "high_value", "high_n", "low_outlet", "low_value", "low_n", "unit", "n_outlets",
           "n_left_out", "sentence", "evidence"]


def source_type_measure(source_type: str) -> Measure:
    """The measure "share of an outlet's attributions given to sources of this type"."""
    name = source_type.replace("_", " ")  # news_agency -> news agency
    return Measure(f"source_type:{source_type}", f"attributions to {name} sources", "share",
                   "attributions", MIN_ATTRIBUTIONS, SHARE_H, "05-attribution.html",
                   SOURCE_TYPE_SENTENCE.replace("{what}", f"{name} sources"))


def outlet_values(summary: pd.DataFrame, sources: pd.DataFrame | None = None,
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long table ``outlet, measure, value, n`` of every measure in :data:`MEASURES` that the
    summary has, plus one share per source type when ``sources`` (and ``articles``) are given."""
    rows = []
    summary = summary.assign(outlet=summary["outlet"].astype(str))
    sizes = {"articles": "n_articles", "sentences": "n_sentences",
             "matched quotes": "n_quote_matches"}
    if {"n_quote_variants", "n_quote_matches"} <= set(summary.columns):
        matches = pd.to_numeric(summary["n_quote_matches"], errors="coerce")
        summary = summary.assign(quote_variant_share=pd.to_numeric(
            summary["n_quote_variants"], errors="coerce") / matches.where(matches > 0))
    for measure in MEASURES:
        size = sizes[measure.unit]
        if measure.key not in summary or size not in summary:
            continue
        for outlet, value, n in zip(summary["outlet"], summary[measure.key], summary[size]):
            rows.append((outlet, measure.key, value, n))
    if sources is not None and articles is not None and len(sources):
        rows += _source_type_rows(sources, articles)
    out = pd.DataFrame(rows, columns=["outlet", "measure", "value", "n"])
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    out["n"] = pd.to_numeric(out["n"], errors="coerce").fillna(0).astype(int)
    return out


def _source_type_rows(sources: pd.DataFrame, articles: pd.DataFrame) -> list[tuple]:
    outlets = articles[["article_id", "outlet"]].assign(outlet=articles["outlet"].fillna("")
                                                        .astype(str).replace("", "(unknown)"))
    frame = sources.merge(outlets, on="article_id", how="inner")
    weight = (pd.to_numeric(frame["n_attributions"], errors="coerce").fillna(0)
              if "n_attributions" in frame else pd.Series(1, index=frame.index))
    frame = frame.assign(_w=weight, source_type=frame["source_type"].fillna("").astype(str))
    totals = frame.groupby("outlet")["_w"].sum()
    by_type = frame.groupby(["source_type", "outlet"])["_w"].sum()
    rows = []
    for source_type in sorted(set(frame["source_type"]) - set(IGNORED_SOURCE_TYPES)):
        for outlet, total in totals.items():
            count = by_type.get((source_type, outlet), 0)
            rows.append((outlet, f"source_type:{source_type}", count / total if total else None,
                         int(total)))
    return rows


def _measure(key: str) -> Measure:
    if key.startswith("source_type:"):
        return source_type_measure(key.split(":", 1)[1])
    return next(m for m in MEASURES if m.key == key)


def _effect(kind: str, high: float, low: float) -> float:
    if kind == "share":
        return abs(2 * math.asin(math.sqrt(min(max(high, 0), 1)))
                   - 2 * math.asin(math.sqrt(min(max(low, 0), 1))))
    if kind == "ratio":
        return high / low if low > 0 else math.inf
    return high - low


def compare_measure(values: pd.DataFrame, measure: Measure) -> dict:
    """One row of :func:`find_differences` for one measure (``values``: its rows of
    :func:`outlet_values`)."""
    present = values.dropna(subset=["value"])
    called = present[present["n"] >= measure.min_n].sort_values(["value", "outlet"],
                                                                ascending=[False, True])
    row = dict.fromkeys(COLUMNS)
    row.update(measure=measure.key, label=measure.label, unit=measure.unit,
               threshold=measure.threshold, n_outlets=len(called),
               n_left_out=len(present) - len(called), evidence=measure.evidence)
    if len(called) < 2:
        row.update(status="too small to call", strength=0.0)
        return row
    high, low = called.iloc[0], called.iloc[-1]
    effect = _effect(measure.kind, float(high["value"]), float(low["value"]))
    strength = effect / measure.threshold if measure.kind != "ratio" else (
        math.log(effect) / math.log(measure.threshold) if effect > 0 else 0.0)
    row.update(status="finding" if strength >= 1 else "no clear difference",
               strength=round(strength, 3), effect=round(effect, 3),
               high_outlet=high["outlet"], high_value=float(high["value"]), high_n=int(high["n"]),
               low_outlet=low["outlet"], low_value=float(low["value"]), low_n=int(low["n"]))
    row["sentence"] = measure.sentence.format(
        hi=high["outlet"], lo=low["outlet"], v_hi=_formatted(measure, high["value"]),
        v_lo=_formatted(measure, low["value"]), n_hi=int(high["n"]), n_lo=int(low["n"]),
        unit=measure.unit)
    return row


def _formatted(measure: Measure, value: float) -> str:
    """The value as the sentence shows it; a rounded zero has no sign ("0.00", never "-0.00")."""
    text = measure.value_format.format(value)
    return text.lstrip("+-") if float(text.rstrip("%") or 0) == 0 else text


def find_differences(values: pd.DataFrame) -> pd.DataFrame:
    """Every measure of ``values`` (:func:`outlet_values`) with its status (``finding``, ``no clear
    difference``, ``too small to call``), strength and sentence; findings first, strongest first.
    Pure: the same table in gives the same rows out."""
    keys = list(dict.fromkeys(values["measure"]))
    order = {key: i for i, key in enumerate(keys)}
    rows = [compare_measure(values[values["measure"] == key], _measure(key)) for key in keys]
    out = pd.DataFrame(rows, columns=COLUMNS)
    if not len(out):
        return out
    rank = out["status"].map({"finding": 0, "no clear difference": 1, "too small to call": 2})
    out = out.assign(_rank=rank, _order=out["measure"].map(order))
    return (out.sort_values(["_rank", "strength", "_order"], ascending=[True, False, True])
            .drop(columns=["_rank", "_order"]).reset_index(drop=True))


def _link(href: str) -> str:
    return f"<a href='{html.escape(href, quote=True)}'>evidence</a>"


def findings_html(differences: pd.DataFrame, top: int = TOP_FINDINGS) -> str:
    """The first screen: up to ``top`` findings as a numbered list of sentences with evidence
    links, then one line each for measures with no clear difference and measures too small to
    call. Outlet names are escaped."""
    esc = html.escape
    found = differences[differences["status"] == "finding"].head(top)
    parts = []
    if len(found):
        items = "".join(
            f"<li>{esc(row.sentence)} <span class='np-strength'>(effect {row.effect:.2f}, "
            f"threshold {row.threshold:g})</span> {_link(row.evidence)}</li>"
            for row in found.itertuples())
        parts.append(f"<ol class='np-findings'>{items}</ol>")
    else:
        parts.append("<p class='np-empty'>No difference between outlets reaches the thresholds "
                     "below, with enough text behind it.</p>")
    more = int((differences["status"] == "finding").sum()) - len(found)
    if more > 0:
        parts.append(f"<p>{more} more difference(s) reach the thresholds: see the table below.</p>")
    quiet = differences[differences["status"] == "no clear difference"]
    if len(quiet):
        listed = "; ".join(f"{esc(r.label)} ({_gap(r)})" for r in quiet.itertuples())
        parts.append(f"<p><b>No clear difference</b> (largest gap below its threshold): {listed}.</p>")
    small = differences[differences["status"] == "too small to call"]
    if len(small):
        groups: dict[tuple, list[str]] = {}
        for row in small.itertuples():
            groups.setdefault((_minimum(row.measure), row.unit), []).append(esc(row.label))
        listed = "; ".join(f"{minimum} {esc(unit)} ({', '.join(labels)})"
                           for (minimum, unit), labels in groups.items())
        parts.append("<p><b>Too small to call</b> (fewer than two outlets have at least): "
                     f"{listed}.</p>")
    return "".join(parts)


def _gap(row) -> str:
    return (f"{html.escape(str(row.high_outlet))} vs {html.escape(str(row.low_outlet))}: "
            f"effect {row.effect:.2f}, threshold {row.threshold:g}")


def _minimum(key: str) -> int:
    return _measure(key).min_n


def show(differences: pd.DataFrame, top: int = TOP_FINDINGS):
    """:func:`findings_html` as a notebook output (MathJax kept off the outlet names)."""
    from analysis.views.display import NO_MATH, _html

    return _html(f"<div class='{NO_MATH} np-findings-box'>{findings_html(differences, top)}</div>")
