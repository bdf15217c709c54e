"""Naming choices: which label each article uses for each concept, counted by voice.

Concepts and their labels are data (``analysis/resources/concepts.csv``: ``concept, label, cue,
note``; cue syntax of :mod:`analysis.core.patterns`). Labels are phrases that refer to the concept
("North Korean leader"), never bare common words ("leader" also hits "the two leaders").
Where labels overlap, the longest match wins ("North Korea's leader" counts for Kim Jong Un, not
also for North Korea). Each mention takes the voice of the text it sits in, from
:func:`analysis.attribution.voice.voice_spans` (``own``, ``quoted``, ``reported``; see :data:`schema.VOICES`);
title mentions, outside any voice span, are the outlet's ``own``.
"""

from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from analysis.core.config import resource
from analysis.core.patterns import CueSet, cue_set, find_cues, longest_first
from analysis.core.schema import ARTICLE_ID, VOICES, Table, _cols, register

register(Table("naming", "Labels each article uses for each concept of `concepts.csv`, counted by "
               "voice; one row per article, concept, label and voice that occur.", _cols(
    ARTICLE_ID,
    ("concept", "str", "the thing named (e.g. `the war`)"),
    ("label", "str", "the label used, as listed in the concepts file"),
    ("voice", "str", "`own`, `quoted` or `reported` (schema vocabulary)"),
    ("count", "int", "mentions with this label in this voice", "mentions"),
    ("matches", "str", "the matched texts, verbatim, distinct, joined by ` | `"),
    ("sentence_ids", "str", "sentences holding the mentions, joined by `;`"),
    ("spans", "str", "`start-end` offsets of the mentions in the cleaned text, joined by `;`"),
)))


@lru_cache(maxsize=8)
def read_concepts(path: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(concept, label, cue)`` rows of the concepts file (default: the shipped one)."""
    with open(path or resource("concepts.csv"), encoding="utf-8", newline="") as handle:
        rows = tuple((r["concept"].strip(), r["label"].strip(), r["cue"].strip())
                     for r in csv.DictReader(handle) if r.get("cue", "").strip())
    if not rows:
        raise ValueError(f"{path or 'concepts.csv'}: no concepts")
    return rows


def find_labels(text: str, concepts, offset: int = 0) -> list[tuple[str, str, int, int, str]]:
    """Label mentions in ``text``: ``(concept, label, start, end, match)``, longest match winning
    across all labels, in text order."""
    concept_of, cues = label_cues(tuple(concepts))
    hits = find_cues(text, cues, offset)
    return [(*concept_of[h.key], h.start, h.end, h.match) for h in longest_first(hits)]


@lru_cache(maxsize=8)
def label_cues(concepts: tuple) -> tuple[dict[str, tuple[str, str]], CueSet]:
    """Label key -> ``(concept, label)``, and the labels' cues compiled once per concepts list."""
    concept_of = {label_key(c, lab): (c, lab) for c, lab, _ in concepts}
    return concept_of, cue_set(tuple((label_key(c, lab), cue, False) for c, lab, cue in concepts))


def label_key(concept: str, label: str) -> str:
    return f"{concept}\x1f{label}"


def voice_at(spans, start: int, end: int) -> str:
    """Voice of ``[start, end)`` from voice spans (most of the mention), ``own`` outside all spans."""
    from analysis.attribution.voice import voice_of

    return voice_of(spans, start, end)


def naming_rows(doc, concepts, spans) -> list[dict]:
    """``naming`` rows for one document, given its voice spans."""
    groups: dict[tuple, list] = {}
    for sentence in doc.sentences:
        for concept, label, start, end, match in find_labels(sentence.text, concepts, sentence.start):
            voice = voice_at(spans, start, end)
            groups.setdefault((concept, label, voice), []).append(
                (sentence.sentence_id, start, end, match))
    rows = []
    for (concept, label, voice), mentions in groups.items():
        rows.append({"article_id": doc.article_id, "concept": concept, "label": label,
                     "voice": voice, "count": len(mentions),
                     "matches": " | ".join(dict.fromkeys(m[3] for m in mentions)),
                     "sentence_ids": ";".join(dict.fromkeys(m[0] for m in mentions)),
                     "spans": ";".join(f"{m[1]}-{m[2]}" for m in mentions)})
    return rows


def name_concepts(doc, context) -> dict[str, list[dict]]:
    """Stage: the ``naming`` rows of one article. ``options.params["concepts"]``: another
    concepts file (default: the shipped one)."""
    from analysis.attribution.voice import voice_spans

    params = context.options.params if context else {}
    concepts = read_concepts(params.get("concepts") or None)
    return {"naming": naming_rows(doc, concepts, voice_spans(doc, context))}


name_concepts.english_only = True


def naming_table(naming: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The headline table: one row per outlet, concept and label, with counts by voice as columns
    (``own``, ``quoted``, ``reported``) and the total."""
    merged = naming.merge(articles[["article_id", "outlet"]], on="article_id", how="left")
    merged["outlet"] = merged["outlet"].fillna("").replace("", "(unknown outlet)")
    wide = merged.pivot_table(index=["concept", "label", "outlet"], columns="voice",
                              values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=list(VOICES), fill_value=0)
    wide["total"] = wide.sum(axis=1)
    return wide.reset_index().rename_axis(columns=None).sort_values(
        ["concept", "outlet", "total"], ascending=[True, True, False], kind="stable"
    ).reset_index(drop=True)
