"""Naming choices: which label each article uses for each concept, counted by voice.

Concepts and their labels are data (``concept, label, cue, note[, source]``; cue syntax of
:mod:`analysis.core.patterns`). The shipped ``analysis/resources/concepts.csv`` holds general contested
labels that recur across news (war / invasion / special military operation; protest / riot;
militant / terrorist / fighter; migrant / illegal immigrant / asylum seeker; regime / government;
killed / died; ...), each with the study of word choice it comes from. A corpus may carry its own
concepts (``concepts.csv`` in its folder, :mod:`analysis.corpus.resources`; the bundled corpus
carries the summit's: Kim Jong Un, North Korea, the agreement, the war). Labels are phrases that
refer to the concept ("North Korean leader"), never bare common words where those mislead
("leader" also hits "the two leaders"). Where labels overlap, the longest match wins ("North
Korea's leader" counts for Kim Jong Un, not also for North Korea); on the same text, a corpus's
own concept wins over a general one. Each mention takes the voice of the text it sits in, from
:func:`analysis.attribution.voice.voice_spans` (``own``, ``quoted``, ``reported``; see :data:`schema.VOICES`);
title mentions, outside any voice span, are the outlet's ``own``.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import pandas as pd

from analysis.core.config import resource
from analysis.core.patterns import CueSet, Hit, cue_set, find_cues, find_cues_each, keep_non_overlapping
from analysis.core.schema import ARTICLE_ID, VOICES, Table, _cols, register
from analysis.corpus.resources import CONCEPTS_PARAM, corpus_concepts_files
from analysis.measures.voice_lookup import VoiceLookup

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
    """``(concept, label, cue)`` rows of the concepts file (default: the shipped general one)."""
    path = str(path or resource("concepts.csv"))
    with open(path, encoding="utf-8") as handle:
        return parse_concepts(handle.read(), path)


@lru_cache(maxsize=16)
def parse_concepts(text: str, source: str) -> tuple[tuple[str, str, str], ...]:
    """``(concept, label, cue)`` rows of a concepts file's text (``source`` names it in errors)."""
    rows = tuple((r["concept"].strip(), r["label"].strip(), r["cue"].strip())
                 for r in csv.DictReader(io.StringIO(text, newline=""))
                 if (r.get("cue") or "").strip())
    if not rows:
        raise ValueError(f"{source}: no concepts")
    return rows


def corpus_concepts(corpus=None, path: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """The concepts of a corpus: those of ``path`` when given; else the corpus's own (first, so
    they win on the same text) and the shipped general ones."""
    if path:
        return read_concepts(path)
    own = tuple(row for p in corpus_concepts_files(corpus) for row in read_concepts(str(p)))
    return _merged(own, read_concepts())


def stage_concepts(params: dict) -> tuple[tuple[str, str, str], ...]:
    """The concepts of a run: ``params["concepts"]`` (a file) when set, else the corpus's own,
    whose texts the run carries (``params["corpus_concepts"]``), and the shipped general ones."""
    if params.get("concepts"):
        return read_concepts(params["concepts"])
    own = tuple(row for name, text in params.get(CONCEPTS_PARAM, ())
                for row in parse_concepts(text, f"corpus:{name}"))
    return _merged(own, read_concepts())


def _merged(first: tuple, then: tuple) -> tuple:
    """Concept rows of ``first`` then ``then``, a (concept, label) listed twice kept once."""
    seen, rows = set(), []
    for row in first + then:
        if row[:2] not in seen:
            seen.add(row[:2])
            rows.append(row)
    return tuple(rows)


def find_labels(text: str, concepts, offset: int = 0) -> list[tuple[str, str, int, int, str]]:
    """Label mentions in ``text``: ``(concept, label, start, end, match)``, longest match winning
    across all labels (on equal spans, the label listed first), in text order."""
    return _labels_in(text, offset, *_compiled(tuple(concepts)))


def _compiled(concepts: tuple) -> tuple[dict, CueSet, dict[str, int]]:
    """What :func:`find_labels` needs of a concepts list, looked up once (a cache lookup hashes
    the whole list: once per article, not once per sentence)."""
    concept_of, cues = label_cues(concepts)
    return concept_of, cues, label_order(concepts)


def _labels_in(text: str, offset: int, concept_of: dict, cues: CueSet,
               order: dict[str, int]) -> list[tuple[str, str, int, int, str]]:
    return _labels_of(find_cues(text, cues, offset), concept_of, order)


def _labels_of(hits: list[Hit], concept_of: dict, order: dict[str, int]
               ) -> list[tuple[str, str, int, int, str]]:
    """``(concept, label, start, end, match)`` of the cue hits of one text, overlaps resolved."""
    return [(*concept_of[h.key], h.start, h.end, h.match) for h in _longest_first(hits, order)]


@lru_cache(maxsize=8)
def label_order(concepts: tuple) -> dict[str, int]:
    """Label key -> its position in the concepts list (the first listed wins a tie)."""
    order: dict[str, int] = {}
    for c, lab, _ in concepts:
        order.setdefault(label_key(c, lab), len(order))
    return order


def _longest_first(hits: list[Hit], order: dict[str, int]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest, then the earliest, then the label listed
    first."""
    return keep_non_overlapping(hits, lambda h: (-(h.end - h.start), h.start, order[h.key]))


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
    lookup = VoiceLookup(spans)
    concept_of, cues, order = _compiled(tuple(concepts))
    sentences = doc.sentences
    found = find_cues_each([s.text for s in sentences], cues, [s.start for s in sentences])
    for sentence, hits in zip(sentences, found):
        for concept, label, start, end, match in _labels_of(hits, concept_of, order):
            voice = lookup.voice(start, end)
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
    """Stage: the ``naming`` rows of one article. Concepts: :func:`stage_concepts` of
    ``options.params`` (``concepts``: another concepts file; default the corpus's own and the
    shipped general ones)."""
    from analysis.attribution.voice import voice_spans

    params = context.options.params if context else {}
    concepts = stage_concepts(params)
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


CONCEPT_EXAMPLE = "the fire,blaze,re:blazes?,"  # a row for the how-to message below


def no_concepts_message(naming: pd.DataFrame, concepts=None) -> str:
    """A sentence for the report when no label of any concept occurs in the corpus (empty
    ``naming``), with how to add a concept; the empty string when some label occurs.

    ``concepts``: the concept rows that were looked for (to say how many), if known."""
    if len(naming):
        return ""
    looked = ""
    if concepts:
        names = list(dict.fromkeys(c for c, _, _ in concepts))
        looked = f" of the {len(names)} concepts looked for ({', '.join(names)})"
    return (f"No label{looked} occurs in these articles, so this corpus has no naming choices to "
            "compare yet. To add a concept of this event, put a file `concepts.csv` in the corpus "
            "folder with the columns `concept,label,cue,note` and one row per label, e.g. "
            f"`{CONCEPT_EXAMPLE}` (cue syntax: docs/framing.md), and run the analysis again; "
            "general concepts go in `analysis/resources/concepts.csv`.")
