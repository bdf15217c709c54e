"""How wrong the attribution extractor is: against hand annotation of the corpus analysed (a gold
file in its folder, never another corpus's), and against a PolNeAR-format file (Newell, Margolin
& Ruths, LREC 2018), scored with the protocol of the PolNeAR dev split's README (adapted from the
Gender Gap Tracker's evaluation).

A corpus carries its gold in one of two files (formats in ``data/README.md``):
``attributions.gold.csv``, every attribution of some articles annotated by hand (the bundled
corpus carries one), compared item by item (:func:`compare_with_gold`); or
``attributions.check.csv``, a sample of extracted attributions a person marked right or wrong
(:func:`check_template` writes the file to fill in), which gives the extractor's precision on
that sample (:func:`score_check`). A corpus with neither has no validation.

Matching is on content spans: for each gold item, the unused predicted content with the largest
coverage (gold characters covered) among those with purity (predicted characters inside the gold)
of at least 0.5; without that guard a prediction spanning whole paragraphs would score well.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.attribution.cues import Cue, find_cues, read_cue_lexicon
from analysis.attribution.extract import extract
from analysis.attribution.quotes import quotes_in_paragraphs, top_level
from analysis.attribution.stage import document_from_text
from analysis.corpus.resources import GOLD_FILES, corpus_file

GOLD_FILE, CHECK_FILE = GOLD_FILES  # in the corpus folder: full hand annotation, checked sample
SHARED_ANNOTATOR = "4b22"  # PolNeAR dev README: multi-annotator documents use this annotator
PURITY_MIN = 0.5  # PolNeAR dev README protocol: purity guard
COVERAGE_STRICT, COVERAGE_LENIENT = 0.8, 0.3  # PolNeAR dev README protocol
COVERAGE_INDIRECT = 0.5  # PolNeAR dev README protocol (indirect recall)
COVERAGE_GOLD = 0.5  # our choice for the bundled gold: content edges are a matter of judgement
JACCARD_MIN = 0.5  # PolNeAR dev README protocol (cited sources)
QUOTE_MARKS = "“”\""  # PolNeAR's content_has_quote_marks is true exactly for these (measured)
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you"}
DETERMINERS = {"the", "a", "an", "another", "some", "this", "these", "those", "that"}
STOP = DETERMINERS | PRONOUNS | {"of", "to", "for", "in", "on", "and", "at", "s"}
# cited sources: the protocol drops pronouns on both sides; PolNeAR also marks possessive and
# relative pronouns as sources ("his campaign" keeps its noun, a bare "his" or "who" is dropped)
SOURCE_PRONOUNS = PRONOUNS | {"him", "his", "her", "hers", "them", "their", "theirs", "its", "us",
                              "our", "me", "my", "your", "which", "who", "whom", "whose"}
CLITIC = re.compile(r"[’'](?:s|d|ll|re|ve|m)$")  # "he's", "they’re": a pronoun with its verb
# where a source's head ends: an appositive or relative clause after the name ("Jane Roe, a
# lawyer who ..." -> head "roe"; invented example)
SOURCE_HEAD_END = re.compile(r",|\(|\s[-–—―]\s|\s(?:who|which|that|whose)\s")


def chars(spans) -> set[int]:
    """The character positions covered by ``(start, end)`` spans."""
    return {i for s, e in spans for i in range(s, e)}


def match_items(gold: list[set], pred: list[set], threshold: float, guard: bool = True
                ) -> dict[int, int]:
    """Gold index -> predicted index for matches (greedy in gold order, see module docstring).

    Args:
        gold, pred: character sets of content spans.
        threshold: coverage a match must exceed (0..1).
        guard: apply the purity >= 0.5 guard.
    """
    used: set[int] = set()
    matched = {}
    for gi, g in enumerate(gold):
        best, best_cov = None, 0.0
        for pi, p in enumerate(pred):
            if pi in used or not p or not g:
                continue
            inter = len(g & p)
            if guard and inter / len(p) < PURITY_MIN:
                continue
            if inter / len(g) > best_cov:
                best, best_cov = pi, inter / len(g)
        if best is not None and best_cov > threshold:
            used.add(best)
            matched[gi] = best
    return matched


def has_quote_marks(text: str) -> bool:
    """PolNeAR's ``content_has_quote_marks`` test, applied to predictions the same way."""
    return any(mark in text for mark in QUOTE_MARKS)


def words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


def normalise_source(text: str) -> str:
    """Lower-case, leading determiners removed ("The New York Post" -> "new york post")."""
    tokens = words(text)
    while tokens and tokens[0] in DETERMINERS:
        tokens = tokens[1:]
    return " ".join(tokens)


def source_match(a: str, b: str, head_a: str = "", head_b: str = "") -> bool:
    """Token Jaccard >= 0.5, or the same last word (surname or head noun); ``head_a`` and
    ``head_b`` are the head words when they are not the last words (:func:`source_head`: "roe"
    for "Jane Roe, a lawyer" and for "Sen. Jane Roe (D-Ore.)")."""
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return False
    last_b = b.split()[-1]
    return (len(ta & tb) / len(ta | tb) >= JACCARD_MIN or a.split()[-1] == last_b
            or (head_a or a.split()[-1]) in (last_b, head_b))


def cited_source(text: str) -> str:
    """A source for the cited-source figure: :func:`normalise_source` with possessive endings
    dropped ("Roe's campaign" -> "roe campaign", "Roe’s" -> "roe"), on both sides."""
    return " ".join(re.sub(r"[’']s?$", "", w) for w in normalise_source(text).split()).strip()


def source_head(text: str) -> str:
    """The head word of a source as written: the last word before an appositive or a relative
    clause ("Jane Roe, a lawyer" -> "roe"), normalised; "" when there is none."""
    head = cited_source(SOURCE_HEAD_END.split(text, 1)[0]).split()
    return head[-1] if head else ""


def is_source_pronoun(normalised: str) -> bool:
    """A normalised source that is only a pronoun ("his", "who", "he's"): dropped from both sides."""
    return normalised in SOURCE_PRONOUNS or CLITIC.sub("", normalised) in SOURCE_PRONOUNS


def max_matching(gold: list[str], pred: list[str], match) -> int:
    """Size of a maximum one-to-one matching between gold and predicted sources under ``match``
    (augmenting paths; a greedy pass depends on the order and can miss pairs)."""
    edges = [[j for j, p in enumerate(pred) if match(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(gold)))


def _cue_words(cue_text: str) -> list[str]:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s’'-]", " ", cue_text.lower())).strip().split()


def lexicon_entry(cue_text: str) -> tuple[str, str, str] | None:
    """(lemma, class, complement) of the longest cue-lexicon phrase inside a cue as written
    ("said:" -> say, "has voted for" -> vote for); None when it holds none."""
    lexicon = read_cue_lexicon()
    words = _cue_words(cue_text)
    for size in range(len(words), 0, -1):
        for first in range(len(words) - size + 1):
            phrase = " ".join(words[first:first + size])
            if phrase in lexicon:
                return lexicon[phrase]
    return None


def cue_lemma(cue_text: str) -> str:
    """Lemma of a cue as written, through the cue lexicon; else a crude suffix strip."""
    if cue_text.strip() == ":":  # a colon lead or transcript line: the colon is the cue
        return ":"
    entry = lexicon_entry(cue_text)
    if entry is not None:
        return entry[0]
    words = _cue_words(cue_text)
    last = words[-1] if words else ""
    return re.sub(r"(?:ing|ed|es|s)$", "", last)


def gold_cues(row: dict) -> list[Cue]:
    """The gold cues of a PolNeAR row as :class:`~analysis.attribution.cues.Cue` objects, for
    ``extract(..., extra_cues=...)`` (the oracle of ``benchmarks/attribution_eval.py
    --oracle-cues``): each attribution's first cue span, whitespace trimmed, with the lexicon's
    lemma, class and complement when the span holds a lexicon phrase, else its lower-cased text,
    ``neutral`` and a clause complement."""
    cues = {}
    text = row["text"]
    for item in row["attributions"]:
        if not item.get("cue"):
            continue
        span = item["cue"][0]
        start, end = span["start"], span["end"]
        raw = text[start:end]
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        if end <= start:
            continue
        form = text[start:end]
        lemma, cue_class, complement = lexicon_entry(form) or (
            cue_lemma(form) or form.lower(), "neutral", "clause")
        cues[(start, end)] = Cue(form, lemma, cue_class, complement, start, end)
    return [cues[k] for k in sorted(cues)]


# --- PolNeAR-format files -----------------------------------------------------------------

def read_polnear(path: str | Path) -> list[dict]:
    """Rows of a PolNeAR JSONL file, one annotator per document (see SHARED_ANNOTATOR)."""
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if r.get("n_annotators_for_doc", 1) <= 1
            or r.get("annotator") == SHARED_ANNOTATOR]


def _gold_sets(items: list[dict]) -> list[set]:
    return [chars((c["start"], c["end"]) for c in a["content"]) for a in items]


def _is_pronoun_source(item: dict) -> bool:
    return bool(item["source"]) and all(s["text"].strip().lower() in PRONOUNS
                                        for s in item["source"])


def speaker_correct(pred, gold_source: list[dict]) -> bool:
    """Predicted speaker span overlaps a gold source span, or its name holds a gold content word."""
    if pred.speaker is None:
        return False
    if any(pred.speaker.start < s["end"] and s["start"] < pred.speaker.end for s in gold_source):
        return True
    content = {w for s in gold_source for w in words(s["text"]) if w not in STOP}
    return bool(content & set(words(pred.speaker.name)))


def score_polnear(rows: list[dict], registry, cues_of=None, lexicon_cues: bool = True) -> dict:
    """Counts behind every figure of the protocol (see :func:`polnear_figures`).

    ``cues_of`` (a row -> cues function, e.g. :func:`gold_cues`) and ``lexicon_cues`` are passed
    to :func:`~analysis.attribution.extract.extract` as its ``extra_cues`` and ``lexicon_cues``:
    the oracle runs of the benchmark; without them the extraction is the pipeline's."""
    t = dict.fromkeys(("gold_q", "pred_q", "tp_q", "tp_q_lenient", "pred_q_rows", "tp_q_rows",
                       "spk_n", "spk_ok", "pron_n",
                       "pron_ok", "cue_n", "cue_ok", "src_gold", "src_pred", "src_tp", "src1_gold",
                       "src1_pred", "src1_tp", "ind_n",
                       "ind_tp", "ind_tp_unguarded"), 0)
    for row in rows:
        doc = document_from_text(row["doc_id"], row["text"])
        extra = cues_of(row) if cues_of is not None else ()
        found = [a for a in extract(doc, registry, extra, lexicon_cues).attributions
                 if not a.parent_id]
        gold_q = [a for a in row["attributions"] if a.get("content_has_quote_marks")]
        rows_q = [a for a in found if has_quote_marks(row["text"][a.content_start:a.content_end])]
        t["pred_q_rows"] += len(rows_q)
        t["tp_q_rows"] += len(match_items(_gold_sets(gold_q), [chars(a.content_parts())
                                                               for a in rows_q], COVERAGE_STRICT))
        pred_q, p_sets = continued_items(rows_q)
        strict = match_items(_gold_sets(gold_q), p_sets, COVERAGE_STRICT)
        t["gold_q"] += len(gold_q)
        t["pred_q"] += len(pred_q)
        t["tp_q"] += len(strict)
        t["tp_q_lenient"] += len(match_items(_gold_sets(gold_q), p_sets, COVERAGE_LENIENT))
        for gi, pi in strict.items():
            _score_speaker_and_cue(gold_q[gi], pred_q[pi], t)
        gold_i = [a for a in row["attributions"] if not a.get("content_has_quote_marks")
                  and a["source"] and not _is_pronoun_source(a)]
        all_sets = [chars(a.content_parts()) for a in found]
        matched = match_items(_gold_sets(gold_i), all_sets, COVERAGE_INDIRECT)
        t["ind_n"] += len(gold_i)
        t["ind_tp"] += len(matched)
        t["ind_tp_unguarded"] += len(match_items(_gold_sets(gold_i), all_sets,
                                                 COVERAGE_INDIRECT, guard=False))
        for gi, pi in matched.items():
            _score_speaker_and_cue(gold_i[gi], found[pi], t)
        _score_sources(row, found, t)
    return t


CONTINUATION_GAP = 400  # characters between a quote and its continuation paragraph (our choice)


def continued_items(found: list) -> tuple[list, list[set]]:
    """Attributions as scored items with their content characters: a quotation paragraph the
    extractor tied to the attributed quotation of the paragraph before (``linked_by =
    adjacent:<id>``, same speaker) is part of that item, as PolNeAR marks one attribution with
    discontinuous content ("“A,” she said. ¶ “B.”"); the table keeps it as its own row."""
    by_id = {a.attribution_id: a for a in found}
    parts: dict[str, set] = {}
    items = []
    for a in found:
        how, _, target = a.linked_by.partition(":")
        partner = by_id.get(target) if how == "adjacent" else None
        if partner is not None and partner.attribution_id in parts and \
                partner.content_start < a.content_start < partner.content_end + CONTINUATION_GAP:
            parts[partner.attribution_id] |= chars(a.content_parts())
            continue
        parts[a.attribution_id] = chars(a.content_parts())
        items.append(a)
    return items, [parts[a.attribution_id] for a in items]


def _score_speaker_and_cue(gold: dict, pred, t: dict) -> None:
    if _is_pronoun_source(gold):
        t["pron_n"] += 1
        overlaps = pred.speaker is not None and any(
            pred.speaker.start < s["end"] and s["start"] < pred.speaker.end
            for s in gold["source"])
        t["pron_ok"] += int(overlaps and pred.speaker.how == "pronoun")
    elif gold["source"]:
        t["spk_n"] += 1
        t["spk_ok"] += int(speaker_correct(pred, gold["source"]))
    if gold["cue"]:
        t["cue_n"] += 1
        gold_lemma = cue_lemma(" ".join(c["text"] for c in gold["cue"]))
        t["cue_ok"] += int(pred.cue is not None and gold_lemma == pred.cue.lemma)


def _score_sources(row: dict, found, t: dict) -> None:
    """Cited sources, two readings (both in ``t``; module docstring of the benchmark):

    - ``src_*``: sources as written on both sides, as the protocol compares them. Gold = the
      distinct source texts of the article; predicted = the distinct speaker phrases as written
      (``Speaker.text``: the gold has no entity links, so "Mr. Roe" and "Jane Roe" are two gold
      sources, and one canonical name could match only one of them); pronouns (personal,
      possessive, relative, with a clitic) dropped on both sides (a resolved pronoun is a
      pronoun as written, as in the gold);
      a match shares the gold's head word before an appositive ("roe" in "Jane Roe, a lawyer")
      as well as Jaccard >= 0.5 or the last word; a maximum one-to-one matching.
    - ``src1_*``: the reading before issue 16's protocol note: canonical speaker names, the last
      word only, only personal pronouns dropped, a greedy matching in sorted order.
    """
    gold_text: dict[str, str] = {}
    for a in row["attributions"]:
        if a["source"]:
            raw = " ".join(s["text"] for s in a["source"])
            norm = cited_source(raw)
            if norm and not is_source_pronoun(norm):
                gold_text.setdefault(norm, source_head(raw))
    pred_head: dict[str, str] = {}
    for a in found:
        if a.speaker and a.speaker.how != "unresolved":  # unresolved: no source named
            raw = a.speaker.text or a.speaker.name
            norm = cited_source(raw)
            if norm and not is_source_pronoun(norm):
                pred_head.setdefault(norm, source_head(raw))
    pred_text = sorted(pred_head)
    golds = sorted(gold_text)
    t["src_tp"] += max_matching(golds, pred_text, lambda g, p: source_match(
        g, p, gold_text[g], pred_head[p]))
    t["src_gold"] += len(golds)
    t["src_pred"] += len(pred_text)
    _score_sources_before(row, found, t)


def _score_sources_before(row: dict, found, t: dict) -> None:
    gold = {normalise_source(" ".join(s["text"] for s in a["source"]))
            for a in row["attributions"] if a["source"]}
    gold = {g for g in gold if g and g not in PRONOUNS}
    pred = {normalise_source(a.speaker.name) for a in found if a.speaker and a.speaker.name}
    pred = {p for p in pred if p and p not in PRONOUNS}
    used: set[str] = set()
    for g in sorted(gold):
        hit = next((p for p in sorted(pred) if p not in used and source_match(g, p)), None)
        if hit is not None:
            used.add(hit)
            t["src1_tp"] += 1
    t["src1_gold"] += len(gold)
    t["src1_pred"] += len(pred)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def polnear_figures(t: dict) -> dict[str, float]:
    """The protocol's figures from :func:`score_polnear` counts (all 0..1, higher = better)."""
    p, r, f = _prf(t["tp_q"], t["pred_q"], t["gold_q"])
    pl, rl, fl = _prf(t["tp_q_lenient"], t["pred_q"], t["gold_q"])
    rp, rr, rf = _prf(t.get("tp_q_rows", 0), t.get("pred_q_rows", 0), t["gold_q"])
    sp, sr, sf = _prf(t["src_tp"], t["src_pred"], t["src_gold"])
    bp, br, bf = _prf(t.get("src1_tp", 0), t.get("src1_pred", 0), t.get("src1_gold", 0))
    return {
        "quoted_precision": p, "quoted_recall": r, "quoted_f1": f,
        "quoted_precision_rows": rp, "quoted_recall_rows": rr, "quoted_f1_rows": rf,
        "quoted_precision_lenient": pl, "quoted_recall_lenient": rl, "quoted_f1_lenient": fl,
        "speaker_accuracy": _ratio(t["spk_ok"], t["spk_n"]),
        "pronoun_speaker_accuracy": _ratio(t["pron_ok"], t["pron_n"]),
        "cited_source_precision": sp, "cited_source_recall": sr, "cited_source_f1": sf,
        "cited_source_precision_before": bp, "cited_source_recall_before": br,
        "cited_source_f1_before": bf,
        "cue_accuracy": _ratio(t["cue_ok"], t["cue_n"]),
        "indirect_recall": _ratio(t["ind_tp"], t["ind_n"]),
        "indirect_recall_unguarded": _ratio(t["ind_tp_unguarded"], t["ind_n"]),
    }


CUE_PREPOSITIONS = {"according", "in", "per", "from", "by", "on", "for", "with", "as", "to", "at",
                    "via", "under"}
CUE_AUXILIARIES = {"is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will",
                   "would", "could", "should", "may", "might", "must", "can", "did", "does", "do",
                   "also", "not", "never", "repeatedly", "previously", "reportedly", "publicly"}
CUE_DETERMINERS = DETERMINERS | {"his", "her", "their", "its", "our", "my", "your"}


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s|e|d)$", "", word.lower().replace("’", "'"))


def _content_word(word: str) -> bool:
    """A word of four letters or more outside the stop words and cue prepositions: the words the
    another-form test compares ("to", "in", "as" would match any phrase)."""
    return len(word) >= 4 and word.lower() not in STOP | CUE_PREPOSITIONS


def missed_cue_counts(rows: list[dict]) -> dict[str, Counter]:
    """How the gold cues the lexicon does not find are made, as counts only (no text): for
    each gold cue (first span) not overlapped by a cue :func:`~analysis.attribution.cues.find_cues`
    finds in its paragraph, its number of words, a shape without a tagger (punctuation only;
    opens with a preposition; after a determiner or possessive, a noun use; the -ed / -ing / -s
    ending of its first word that is no auxiliary or adverb; other), whether it opens with an
    auxiliary or adverb (``was quoted``, ``has repeatedly argued``), its case, and how the
    lexicon relates to it (inside a quotation, where the paragraph pass tries no cue; a lexicon
    phrase in it that the context rules dropped; a word of it another form of a lexicon word by
    a crude suffix strip; none).
    ``totals`` holds gold cues, found and missed; ``distinct`` the distinct lower-cased texts
    of each relation and ``once`` how many of those occur once."""
    lexicon = read_cue_lexicon()
    stems = {_stem(w) for form in lexicon for w in form.split() if _content_word(w)}
    counts: dict[str, Counter] = {k: Counter() for k in (
        "totals", "words", "shape", "auxiliary", "case", "lexicon", "distinct", "once")}
    texts: dict[str, Counter] = {}
    for row in rows:
        doc = document_from_text(row["doc_id"], row["text"])
        text = doc.text
        quotes = top_level(quotes_in_paragraphs([(p.start, p.text) for p in doc.paragraphs]))
        found = [c for p in doc.paragraphs for c in find_cues(p.text, p.start)]
        for cue in gold_cues(row):
            counts["totals"]["gold cues"] += 1
            quoted = any(q.start <= cue.start < q.end for q in quotes)
            if not quoted and any(c.start < cue.end and cue.start < c.end for c in found):
                counts["totals"]["found by the lexicon"] += 1
                continue
            counts["totals"]["missed"] += 1
            words = re.findall(r"[\w’'-]+", cue.form)
            counts["words"]["4+" if len(words) >= 4 else str(len(words)) if words else "0 (punctuation)"] += 1
            previous = re.findall(r"[\w’'-]+", text[max(0, cue.start - 30):cue.start])
            counts["auxiliary"]["opens with an auxiliary" if words and words[0].lower()
                                in CUE_AUXILIARIES else "no auxiliary first"] += 1
            first = next((w.lower() for w in words if w.lower() not in CUE_AUXILIARIES),
                         words[0].lower() if words else "")
            if not words:
                shape = "punctuation only"
            elif first in CUE_PREPOSITIONS:
                shape = "opens with a preposition"
            elif previous and (previous[-1].lower() in CUE_DETERMINERS or
                               re.search(r"[’']s$", previous[-1])):
                shape = "after a determiner or possessive"
            elif first.endswith("ed"):
                shape = "first word -ed"
            elif first.endswith("ing"):
                shape = "first word -ing"
            elif first.endswith("s"):
                shape = "first word -s"
            else:
                shape = "first word other"
            counts["shape"][shape] += 1
            counts["case"]["no letters" if not words else "upper" if words[0].isupper() and
                           len(words[0]) > 1 else "capitalised" if words[0][0].isupper()
                           else "lower"] += 1
            if quoted:
                relation = "inside a quotation"
            elif lexicon_entry(cue.form) is not None:
                relation = "lexicon phrase, dropped in context"
            elif any(_content_word(w) and _stem(w) in stems for w in words):
                relation = "another form of a lexicon word"
            else:
                relation = "not in the lexicon"
            counts["lexicon"][relation] += 1
            texts.setdefault(relation, Counter())[re.sub(r"\s+", " ", cue.form.lower())] += 1
    for relation, seen in texts.items():
        counts["distinct"][relation] = len(seen)
        counts["once"][relation] = sum(1 for n in seen.values() if n == 1)
    return counts


def polnear_disagreements(rows: list[dict], registry) -> pd.DataFrame:
    """Every gold attribution the extractor missed or got another speaker or cue for, and every
    prediction no gold item matched (coverage > 0.5 with the purity guard)."""
    out = []
    for row in rows:
        doc = document_from_text(row["doc_id"], row["text"])
        found = [a for a in extract(doc, registry).attributions if not a.parent_id]
        gold = row["attributions"]
        matched = match_items(_gold_sets(gold), [chars(a.content_parts()) for a in found],
                              COVERAGE_INDIRECT)
        for gi, item in enumerate(gold):
            pred = found[matched[gi]] if gi in matched else None
            source = " ".join(s["text"] for s in item["source"])
            cue = " ".join(c["text"] for c in item["cue"])
            status = _status(item, pred, source, cue)
            if status != "agree":
                out.append(_row(row["doc_id"], status, source, cue,
                                " … ".join(c["text"] for c in item["content"]), pred, doc))
        for pi, pred in enumerate(found):
            if pi not in matched.values():
                out.append(_row(row["doc_id"], "extra", "", "", "", pred, doc))
    return pd.DataFrame(out, columns=["doc_id", "status", "gold_source", "gold_cue",
                                      "gold_content", "pred_speaker", "pred_cue", "pred_content"])


def _status(item, pred, source: str, cue: str) -> str:
    if pred is None:
        return "missed"
    if item["source"] and not _is_pronoun_source(item) and not speaker_correct(pred,
                                                                              item["source"]):
        return "other speaker"
    if cue and (pred.cue is None or cue_lemma(cue) != pred.cue.lemma):
        return "other cue"
    return "agree"


def _row(doc_id, status, source, cue, content, pred, doc) -> dict:
    return {"doc_id": doc_id, "status": status, "gold_source": source, "gold_cue": cue,
            "gold_content": content,
            "pred_speaker": pred.speaker_name if pred is not None else "",
            "pred_cue": pred.cue.form if pred is not None and pred.cue else "",
            "pred_content": doc.text[pred.content_start:pred.content_end] if pred else ""}


# --- the bundled corpus's hand annotation -------------------------------------------------

def read_gold(path: str | Path) -> pd.DataFrame:
    """A hand-annotation file (``attributions.gold.csv``), empty cells as ""."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def compare_with_gold(gold: pd.DataFrame, attributions: pd.DataFrame,
                      texts: dict[str, str]) -> pd.DataFrame:
    """One row per gold attribution and per unmatched extracted one, with a ``status``:
    ``agree``, ``missed``, ``other speaker``, ``other cue``, ``other kind`` or ``extra``.

    Args:
        gold: :func:`read_gold` rows.
        attributions: the ``attributions`` table.
        texts: article id -> cleaned text (gold contents are located in it by string search).
    """
    out = []
    for article_id, items in gold.groupby("article_id", sort=False):
        text = texts.get(article_id, "")
        preds = attributions[attributions.article_id == article_id].reset_index(drop=True)
        preds = preds.fillna({"speaker": "", "cue": "", "kind": "", "content": ""})
        p_sets = [chars([(int(s), int(e))]) for s, e in zip(preds.content_start, preds.content_end)]
        g_sets = []
        for content in items.content:
            start = text.find(content)
            g_sets.append(chars([(start, start + len(content))]) if start >= 0 else set())
        matched = match_items(g_sets, p_sets, COVERAGE_GOLD)
        for gi, item in enumerate(items.itertuples()):
            pred = preds.iloc[matched[gi]] if gi in matched else None
            out.append(_gold_row(item, pred, g_sets[gi]))
        for pi, pred in preds.iterrows():
            if pi not in matched.values():
                out.append(_gold_row(None, pred, set()))
    return pd.DataFrame(out)


def _gold_row(item, pred, located: set) -> dict:
    if item is None:
        status = "extra"
    elif pred is None:
        status = "missed" if located else "missed (content not found in text)"
    elif normalise_source(item.speaker) != normalise_source(str(pred.speaker)):
        status = "other speaker"
    elif item.cue.lower() != str(pred.cue).lower():
        status = "other cue"
    elif item.kind != pred.kind:
        status = "other kind"
    else:
        status = "agree"
    return {
        "article_id": item.article_id if item is not None else pred.article_id,
        "status": status,
        "gold_speaker": item.speaker if item is not None else "",
        "pred_speaker": pred.speaker if pred is not None else "",
        "gold_cue": item.cue if item is not None else "",
        "pred_cue": pred.cue if pred is not None else "",
        "gold_kind": item.kind if item is not None else "",
        "pred_kind": pred.kind if pred is not None else "",
        "gold_content": item.content if item is not None else "",
        "pred_content": pred.content if pred is not None else "",
    }


def texts_from_paragraphs(paragraphs: pd.DataFrame) -> dict[str, str]:
    """Article id -> cleaned text, rebuilt from the ``paragraphs`` table (blank-line joined)."""
    texts = {}
    for article_id, rows in paragraphs.groupby("article_id", sort=False):
        ordered = rows.sort_values("start")
        texts[article_id] = "\n\n".join(ordered["text"].fillna("").astype(str))
    return texts


def polnear_validation(path: str | Path, registry) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures (one row per measure) and disagreements on a PolNeAR-format file; two empty
    tables when ``path`` is empty."""
    if not path:
        return (pd.DataFrame(columns=["measure", "value"]),
                polnear_disagreements([], registry))
    rows = read_polnear(path)
    figures = polnear_figures(score_polnear(rows, registry))
    table = pd.DataFrame({"measure": list(figures), "value": list(figures.values())})
    return table, polnear_disagreements(rows, registry)


# --- which gold a corpus carries, and the checked sample ----------------------------------

CHECK_COLUMNS = ["article_id", "attribution_id", "sentence_start", "sentence_end", "sentence",
                 "speaker", "cue", "kind", "content_start", "content_end", "content",
                 "verdict", "correct_speaker", "correct_content", "note"]
RIGHT, WRONG = "right", "wrong"  # the verdicts; any other value (or none) = not checked
Z_95 = 1.959964  # two-sided 95 % normal quantile, for the Wilson interval


def corpus_gold(corpus, gold: str | Path = "") -> tuple[str, Path | None]:
    """What the validation report scores ``corpus`` against: ``("gold", path)`` for a full hand
    annotation (``gold`` if given, else ``attributions.gold.csv`` in the corpus folder),
    ``("check", path)`` for a checked sample (``attributions.check.csv``), else
    ``("none", None)``. A full annotation wins over a checked sample."""
    if gold:
        return "gold", Path(gold)
    for kind, name in (("gold", GOLD_FILE), ("check", CHECK_FILE)):
        path = corpus_file(corpus, name)
        if path is not None:
            return kind, path
    return "none", None


def check_template(attributions: pd.DataFrame, sentences: pd.DataFrame, n: int,
                   seed: int = 0) -> pd.DataFrame:
    """A random sample of ``n`` extracted attributions (all when fewer; cited sources inside
    quotations left out) with the sentences that hold them, in :data:`CHECK_COLUMNS` with empty
    ``verdict``, ``correct_speaker``, ``correct_content`` and ``note`` for a person to fill in.
    The same tables, ``n`` and ``seed`` give the same sample."""
    found = attributions
    if "parent_id" in found.columns:
        found = found[found["parent_id"].fillna("").astype(str) == ""]
    if n < len(found):
        found = found.sample(n=max(n, 0), random_state=seed)
    found = found.sort_values(["article_id", "content_start"], kind="stable")
    rows = []
    for a in found.itertuples(index=False):
        start, end = int(a.content_start), int(a.content_end)
        if not pd.isna(a.speaker_start) and str(a.speaker_start) != "":
            start, end = min(start, int(a.speaker_start)), max(end, int(a.speaker_end))
        inside = sentences[(sentences.article_id == a.article_id) & (sentences.start < end)
                           & (sentences.end > start)].sort_values("start")
        rows.append({
            "article_id": a.article_id, "attribution_id": a.attribution_id,
            "sentence_start": int(inside.start.min()) if len(inside) else start,
            "sentence_end": int(inside.end.max()) if len(inside) else end,
            "sentence": " ".join(inside.text.astype(str)),
            "speaker": _text(a.speaker), "cue": _text(a.cue), "kind": _text(a.kind),
            "content_start": int(a.content_start), "content_end": int(a.content_end),
            "content": _text(a.content),
            "verdict": "", "correct_speaker": "", "correct_content": "", "note": ""})
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def read_check(path: str | Path) -> pd.DataFrame:
    """A checked sample (``attributions.check.csv``), empty cells as "", verdicts lower-cased;
    raises ValueError when a column of :data:`CHECK_COLUMNS` that scoring needs is missing."""
    check = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("article_id", "content_start", "content_end", "verdict")
               if c not in check.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)} (see data/README.md)")
    check["verdict"] = check["verdict"].str.strip().str.lower()
    return check


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (95 % by default); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def score_check(check: pd.DataFrame, attributions: pd.DataFrame | None = None) -> dict:
    """Precision of the extractor on a checked sample: ``right / (right + wrong)``, with the 95 %
    Wilson interval. Rows with another verdict (or none) are counted as ``n_unchecked`` and left
    out. With ``attributions`` (the current table), ``n_still_extracted`` counts the checked rows
    the extractor still finds with the same content offsets and speaker: the figure describes
    the extractor that made the sample, and this says how much of it still applies."""
    right = int((check["verdict"] == RIGHT).sum())
    wrong = int((check["verdict"] == WRONG).sum())
    n = right + wrong
    low, high = wilson_interval(right, n)
    out = {"n_checked": n, "n_right": right, "n_wrong": wrong,
           "n_unchecked": len(check) - n, "precision": right / n if n else float("nan"),
           "ci_low": low, "ci_high": high}
    if attributions is not None:
        current = {(str(a), int(s), int(e), _text(p)) for a, s, e, p in zip(
            attributions.article_id, attributions.content_start, attributions.content_end,
            attributions.speaker)}
        judged = check[check["verdict"].isin([RIGHT, WRONG])]
        speakers = judged["speaker"] if "speaker" in judged.columns else [""] * len(judged)
        out["n_still_extracted"] = sum(
            (str(a), int(s), int(e), str(p)) in current for a, s, e, p in zip(
                judged.article_id, judged.content_start, judged.content_end, speakers))
    return out


def check_figures(score: dict) -> pd.DataFrame:
    """:func:`score_check` as a table: one row per figure (``measure``, ``value``)."""
    names = ["precision", "ci_low", "ci_high", "n_checked", "n_right", "n_wrong", "n_unchecked",
             "n_still_extracted"]
    return pd.DataFrame({"measure": [n for n in names if n in score],
                         "value": [score[n] for n in names if n in score]})
