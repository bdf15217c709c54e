"""Score the attribution extractor on the PolNeAR dev split (protocol in its README).

Usage: ``.venv/bin/python benchmarks/attribution_eval.py [path/to/polnear-dev.jsonl]``

The default file is ``../shared/dev-data/polnear-dev.jsonl`` relative to the repository; when it is
absent the script says so and exits 0. Nothing from the corpus is written anywhere: only figures
are printed. Protocol (adapted from the Gender Gap Tracker's evaluation, see the data README):

- quoted attributions (gold ``content_has_quote_marks``): for each gold item the unused predicted
  content span with the largest coverage among those with purity >= 0.5; true positive when
  coverage > 0.8 (lenient: > 0.3); micro precision / recall / F1;
- speaker accuracy on matched items (pronoun sources reported as their own bucket);
- cited-source F1 per article (token Jaccard >= 0.5 or shared surname / head noun);
- cue accuracy (lemma equality) on matched items;
- indirect attributions with a named source: recall at coverage > 0.5 (purity guard kept).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution import extract  # noqa: E402
from analysis.cues import read_cue_lexicon  # noqa: E402
from analysis.entities import default_registry  # noqa: E402
from analysis.sourcing import document_from_text  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "dev-data" / "polnear-dev.jsonl"
SHARED_ANNOTATOR = "4b22"  # README: score multi-annotator documents with this annotator only
PURITY_MIN = 0.5  # README protocol: purity guard
COVERAGE_STRICT, COVERAGE_LENIENT = 0.8, 0.3  # README protocol
COVERAGE_INDIRECT = 0.5  # README protocol
JACCARD_MIN = 0.5  # README protocol (cited sources)
QUOTE_MARKS = "“”\""
PRONOUNS = {"he", "she", "they", "we", "i", "it", "you"}
DETERMINERS = {"the", "a", "an", "another", "some", "this", "these", "those", "that"}
STOP = DETERMINERS | PRONOUNS | {"of", "to", "for", "in", "on", "and", "at", "'s", "’s", "s"}


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [r for r in rows if r.get("n_annotators_for_doc", 1) <= 1
            or r.get("annotator") == SHARED_ANNOTATOR]


def has_quote_marks(text: str) -> bool:
    """The test behind PolNeAR's ``content_has_quote_marks`` (measured on the dev split: it is
    true exactly when the content holds “, ” or \"; NYT-style '' quotes count as no marks), so
    predictions are split the same way as the gold."""
    return any(mark in text for mark in QUOTE_MARKS)


def chars(spans) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def match_items(gold: list[set], pred: list[set], threshold: float, guard: bool = True
                ) -> dict[int, int]:
    """gold index -> pred index for true positives (greedy in gold order, protocol above)."""
    used: set[int] = set()
    matched = {}
    for gi, g in enumerate(gold):
        best, best_cov = None, 0.0
        for pi, p in enumerate(pred):
            if pi in used or not p or not g:
                continue
            inter = len(g & p)
            purity, coverage = inter / len(p), inter / len(g)
            if guard and purity < PURITY_MIN:
                continue
            if coverage > best_cov:
                best, best_cov = pi, coverage
        if best is not None and best_cov > threshold:
            used.add(best)
            matched[gi] = best
    return matched


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[\w’'-]+", text.lower())]


def normalise_source(text: str) -> str:
    tokens = words(text)
    while tokens and tokens[0] in DETERMINERS:
        tokens = tokens[1:]
    return " ".join(tokens)


def source_match(a: str, b: str) -> bool:
    ta, tb = set(a.split()), set(b.split())
    if not ta or not tb:
        return False
    if len(ta & tb) / len(ta | tb) >= JACCARD_MIN:
        return True
    return a.split()[-1] == b.split()[-1]


def lemma(cue_text: str) -> str:
    lexicon = read_cue_lexicon()
    text = re.sub(r"\s+", " ", cue_text.lower()).strip()
    if text in lexicon:
        return lexicon[text][0]
    for word in reversed(text.split()):
        if word in lexicon:
            return lexicon[word][0]
    last = text.split()[-1] if text.split() else ""
    return re.sub(r"(?:ing|ed|es|s)$", "", last)


def speaker_correct(pred, gold_source: list[dict]) -> bool:
    if pred.speaker is None:
        return False
    for s in gold_source:
        if pred.speaker.start < s["end"] and s["start"] < pred.speaker.end:
            return True
    content = {w for s in gold_source for w in words(s["text"]) if w not in STOP}
    return bool(content & set(words(pred.speaker.name)))


def evaluate(rows: list[dict]) -> dict:
    registry = default_registry()
    totals = {k: 0 for k in ("gold_q", "pred_q", "tp_q", "tp_q_lenient", "spk_n", "spk_ok",
                             "pron_n", "pron_ok", "cue_n", "cue_ok", "src_gold", "src_pred",
                             "src_tp", "ind_n", "ind_tp", "ind_tp_unguarded")}
    for row in rows:
        doc = document_from_text(row["doc_id"], row["text"])
        found = [a for a in extract(doc, registry).attributions if not a.parent_id]
        gold_q = [a for a in row["attributions"] if a.get("content_has_quote_marks")]
        pred_q = [a for a in found if has_quote_marks(row["text"][a.content_start:a.content_end])]
        g_sets = [chars((c["start"], c["end"]) for c in a["content"]) for a in gold_q]
        p_sets = [chars([(a.content_start, a.content_end)]) for a in pred_q]
        strict = match_items(g_sets, p_sets, COVERAGE_STRICT)
        lenient = match_items(g_sets, p_sets, COVERAGE_LENIENT)
        totals["gold_q"] += len(gold_q)
        totals["pred_q"] += len(pred_q)
        totals["tp_q"] += len(strict)
        totals["tp_q_lenient"] += len(lenient)
        for gi, pi in strict.items():
            gold, pred = gold_q[gi], pred_q[pi]
            _score_speaker_and_cue(gold, pred, totals)
        # indirect attributions with a named source
        gold_i = [a for a in row["attributions"] if not a.get("content_has_quote_marks")
                  and a["source"] and not all(s["text"].strip().lower() in PRONOUNS
                                              for s in a["source"])]
        gi_sets = [chars((c["start"], c["end"]) for c in a["content"]) for a in gold_i]
        all_sets = [chars([(a.content_start, a.content_end)]) for a in found]
        matched_i = match_items(gi_sets, all_sets, COVERAGE_INDIRECT)
        totals["ind_n"] += len(gold_i)
        totals["ind_tp"] += len(matched_i)
        totals["ind_tp_unguarded"] += len(match_items(gi_sets, all_sets, COVERAGE_INDIRECT,
                                                      guard=False))
        for gi, pi in matched_i.items():
            _score_speaker_and_cue(gold_i[gi], found[pi], totals)
        _score_sources(row, found, totals)
    return totals


def _score_speaker_and_cue(gold: dict, pred, totals: dict) -> None:
    source = gold["source"]
    if source:
        if all(s["text"].strip().lower() in PRONOUNS for s in source):
            totals["pron_n"] += 1
            resolved = pred.speaker is not None and pred.speaker.how == "pronoun"
            overlaps = pred.speaker is not None and any(
                pred.speaker.start < s["end"] and s["start"] < pred.speaker.end for s in source)
            totals["pron_ok"] += int(resolved and overlaps)
        else:
            totals["spk_n"] += 1
            totals["spk_ok"] += int(speaker_correct(pred, source))
    if gold["cue"] and pred.cue is not None:
        totals["cue_n"] += 1
        totals["cue_ok"] += int(lemma(" ".join(c["text"] for c in gold["cue"])) == pred.cue.lemma)
    elif gold["cue"]:
        totals["cue_n"] += 1


def _score_sources(row: dict, found, totals: dict) -> None:
    gold = {normalise_source(" ".join(s["text"] for s in a["source"]))
            for a in row["attributions"] if a["source"]}
    gold = {g for g in gold if g and g not in PRONOUNS}
    pred = {normalise_source(a.speaker.name) for a in found if a.speaker and a.speaker.name}
    pred = {p for p in pred if p and p not in PRONOUNS}
    used: set[str] = set()
    tp = 0
    for g in sorted(gold):
        hit = next((p for p in sorted(pred) if p not in used and source_match(g, p)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    totals["src_gold"] += len(gold)
    totals["src_pred"] += len(pred)
    totals["src_tp"] += tp


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(t: dict, n_docs: int) -> str:
    p, r, f = prf(t["tp_q"], t["pred_q"], t["gold_q"])
    pl, rl, fl = prf(t["tp_q_lenient"], t["pred_q"], t["gold_q"])
    sp, sr, sf = prf(t["src_tp"], t["src_pred"], t["src_gold"])
    lines = [
        f"PolNeAR dev: {n_docs} articles, {t['gold_q']} gold quoted attributions, "
        f"{t['pred_q']} predicted",
        f"quoted attributions (coverage > 0.8, purity >= 0.5): P {p:.3f}  R {r:.3f}  F1 {f:.3f}",
        f"quoted attributions (coverage > 0.3, purity >= 0.5): P {pl:.3f}  R {rl:.3f}  F1 {fl:.3f}",
        f"speaker accuracy on matched items (named sources): {ratio(t['spk_ok'], t['spk_n']):.3f}"
        f" ({t['spk_ok']}/{t['spk_n']})",
        f"  pronoun-source bucket (resolved, span overlaps): "
        f"{ratio(t['pron_ok'], t['pron_n']):.3f} ({t['pron_ok']}/{t['pron_n']})",
        f"cited-source F1: P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}",
        f"cue-verb accuracy on matched items: {ratio(t['cue_ok'], t['cue_n']):.3f}"
        f" ({t['cue_ok']}/{t['cue_n']})",
        f"indirect attributions with a named source, recall at coverage > 0.5 (purity >= 0.5): "
        f"{ratio(t['ind_tp'], t['ind_n']):.3f} ({t['ind_tp']}/{t['ind_n']}); without the guard "
        f"{ratio(t['ind_tp_unguarded'], t['ind_n']):.3f}",
        f"targets: F1 >= 0.80 (gap {min(0.0, f - 0.80):+.3f}), speaker accuracy >= 0.90 "
        f"(gap {min(0.0, ratio(t['spk_ok'], t['spk_n']) - 0.90):+.3f}), indirect recall >= 0.60 "
        f"(gap {min(0.0, ratio(t['ind_tp'], t['ind_n']) - 0.60):+.3f})",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"skipped: {path} not found (the PolNeAR dev split is only on the team machines)")
        return 0
    rows = load(path)
    print(report(evaluate(rows), len(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
