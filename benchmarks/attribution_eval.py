"""Score the attribution extractor on the PolNeAR train and dev splits, side by side (protocol in
the splits' README).

Usage: ``.venv/bin/python benchmarks/attribution_eval.py [TRAIN.jsonl] [DEV.jsonl]``

The default files are ``../shared/dev-data/polnear-{train,dev}.jsonl`` relative to the
repository; a split that is absent is reported as skipped (exit 0). Rules are tuned on train;
dev is the unseen check. Nothing from the corpus is written anywhere: only figures are printed.
The protocol is implemented in :mod:`analysis.attribution.validation`:

- quoted attributions (gold ``content_has_quote_marks``; predictions whose content holds the same
  marks; a quotation paragraph linked to the attributed quote of the paragraph before is part of
  that item, as PolNeAR marks one attribution with discontinuous content; also printed with
  those rows as their own items, ``validation.continued_items``): for each gold item the unused
  predicted content span with the largest coverage among those with purity >= 0.5; true positive
  when coverage > 0.8 (lenient: > 0.3); micro P/R/F1;
- speaker accuracy on matched items (pronoun sources reported as their own bucket);
- cited-source F1 per article: sources as written on both sides (the gold has no entity links),
  pronouns dropped, a match by token Jaccard >= 0.5 or a shared surname / head noun (the head
  before an appositive included), maximum one-to-one matching; also the reading before issue
  16's protocol note (canonical names, last words, greedy), see ``validation._score_sources``;
- cue accuracy (lemma equality) on matched items;
- indirect attributions with a named source: recall at coverage > 0.5 (purity guard kept);
- time: extraction only (no scoring), CPU milliseconds per article (``time.process_time``, so
  other jobs on a shared machine count less than in wall time), best of ``TIME_RUNS`` runs on
  fresh documents (so the per-document memo does not count).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution.extract import extract  # noqa: E402
from analysis.attribution.stage import document_from_text  # noqa: E402
from analysis.attribution.validation import polnear_figures, read_polnear, score_polnear  # noqa: E402
from analysis.entities.registry import default_registry  # noqa: E402

DATA = ROOT.parent / "shared" / "dev-data"
DEFAULTS = (DATA / "polnear-train.jsonl", DATA / "polnear-dev.jsonl")
TARGETS = {"quoted_f1": 0.82, "speaker_accuracy": 0.93, "indirect_recall": 0.60,
           "cited_source_f1": 0.75}  # issue 16
TIME_RUNS = 3  # best of three: the machine is shared, the minimum is the least disturbed run


def rows_of(t: dict) -> list[tuple[str, str]]:
    """(label, value) lines of one split's figures, from :func:`score_polnear` counts."""
    f = polnear_figures(t)
    return [
        ("gold / predicted quoted attributions", f"{t['gold_q']} / {t['pred_q']}"),
        ("quoted (cov > 0.8, purity >= 0.5) P / R / F1",
         f"{f['quoted_precision']:.3f} / {f['quoted_recall']:.3f} / {f['quoted_f1']:.3f}"),
        ("  continuation paragraphs as own items",
         f"{f['quoted_precision_rows']:.3f} / {f['quoted_recall_rows']:.3f} / "
         f"{f['quoted_f1_rows']:.3f}"),
        ("quoted (cov > 0.3) P / R / F1",
         f"{f['quoted_precision_lenient']:.3f} / {f['quoted_recall_lenient']:.3f} / "
         f"{f['quoted_f1_lenient']:.3f}"),
        ("speaker accuracy (named sources)",
         f"{f['speaker_accuracy']:.3f} ({t['spk_ok']}/{t['spk_n']})"),
        ("pronoun-source bucket", f"{f['pronoun_speaker_accuracy']:.3f} "
                                  f"({t['pron_ok']}/{t['pron_n']})"),
        ("cited-source P / R / F1",
         f"{f['cited_source_precision']:.3f} / {f['cited_source_recall']:.3f} / "
         f"{f['cited_source_f1']:.3f}"),
        ("  before the protocol note (names, greedy)",
         f"{f['cited_source_precision_before']:.3f} / {f['cited_source_recall_before']:.3f} / "
         f"{f['cited_source_f1_before']:.3f}"),
        ("cue accuracy on matched items", f"{f['cue_accuracy']:.3f} ({t['cue_ok']}/{t['cue_n']})"),
        ("indirect recall (named source, cov > 0.5)",
         f"{f['indirect_recall']:.3f} ({t['ind_tp']}/{t['ind_n']})"),
        ("  same without the purity guard", f"{f['indirect_recall_unguarded']:.3f}"),
    ]


def time_per_article(rows: list[dict], registry) -> float:
    """CPU milliseconds of :func:`extract` per article (best of :data:`TIME_RUNS`)."""
    best = float("inf")
    for _ in range(TIME_RUNS):
        docs = [document_from_text(r["doc_id"], r["text"]) for r in rows]
        begin = time.process_time()
        for doc in docs:
            extract(doc, registry)
        best = min(best, time.process_time() - begin)
    return 1000 * best / max(len(rows), 1)


def report(results: dict[str, tuple[dict, int, float]]) -> str:
    """A table with one column per split: figures, article count and time per article."""
    names = list(results)
    columns = {name: dict(rows_of(t)) for name, (t, _, _) in results.items()}
    labels = [label for label, _ in rows_of(next(iter(results.values()))[0])]
    width = max(len(label) for label in labels) + 2
    lines = ["PolNeAR".ljust(width) + "".join(n.ljust(30) for n in names),
             "articles".ljust(width) + "".join(str(results[n][1]).ljust(30) for n in names)]
    lines += [label.ljust(width) + "".join(columns[n][label].ljust(30) for n in names)
              for label in labels]
    lines.append("extraction CPU ms / article".ljust(width) +
                 "".join(f"{results[n][2]:.1f}".ljust(30) for n in names))
    for name, (t, _, _) in results.items():
        f = polnear_figures(t)
        gaps = [f"{key} {f[key]:.3f} ({'met' if f[key] >= target else f'gap {f[key] - target:+.3f}'})"
                for key, target in TARGETS.items()]
        lines.append(f"targets on {name}: " + "; ".join(gaps))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv[1:3]] or list(DEFAULTS)
    registry = default_registry()
    results = {}
    for path in paths:
        if not path.is_file():
            print(f"skipped: {path} not found (the PolNeAR splits are only on the team machines)")
            continue
        rows = read_polnear(path)
        name = path.stem.replace("polnear-", "")
        results[name] = (score_polnear(rows, registry), len(rows),
                         time_per_article(rows, registry))
    if results:
        print(report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
