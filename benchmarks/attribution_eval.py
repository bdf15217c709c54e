"""Score the attribution extractor on the PolNeAR dev split (protocol in its README).

Usage: ``.venv/bin/python benchmarks/attribution_eval.py [path/to/polnear-dev.jsonl]``

The default file is ``../shared/dev-data/polnear-dev.jsonl`` relative to the repository; when it is
absent the script says so and exits 0. Nothing from the corpus is written anywhere: only figures
are printed. The protocol is implemented in :mod:`analysis.attribution.validation`:

- quoted attributions (gold ``content_has_quote_marks``; predictions whose content holds the same
  marks): for each gold item the unused predicted content span with the largest coverage among
  those with purity >= 0.5; true positive when coverage > 0.8 (lenient: > 0.3); micro P/R/F1;
- speaker accuracy on matched items (pronoun sources reported as their own bucket);
- cited-source F1 per article (token Jaccard >= 0.5 or shared surname / head noun);
- cue accuracy (lemma equality) on matched items;
- indirect attributions with a named source: recall at coverage > 0.5 (purity guard kept).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution.validation import polnear_figures, read_polnear, score_polnear  # noqa: E402
from analysis.entities.registry import default_registry  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "dev-data" / "polnear-dev.jsonl"
TARGETS = {"quoted_f1": 0.80, "speaker_accuracy": 0.90, "indirect_recall": 0.60}  # issue 5


def report(t: dict, n_docs: int, seconds: float) -> str:
    f = polnear_figures(t)
    lines = [
        f"PolNeAR dev: {n_docs} articles, {t['gold_q']} gold quoted attributions, "
        f"{t['pred_q']} predicted ({seconds:.1f} s)",
        f"quoted attributions (coverage > 0.8, purity >= 0.5): P {f['quoted_precision']:.3f}  "
        f"R {f['quoted_recall']:.3f}  F1 {f['quoted_f1']:.3f}",
        f"quoted attributions (coverage > 0.3, purity >= 0.5): "
        f"P {f['quoted_precision_lenient']:.3f}  R {f['quoted_recall_lenient']:.3f}  "
        f"F1 {f['quoted_f1_lenient']:.3f}",
        f"speaker accuracy on matched items (named sources): {f['speaker_accuracy']:.3f} "
        f"({t['spk_ok']}/{t['spk_n']})",
        f"  pronoun-source bucket (span overlaps and the pronoun was resolved to a name): "
        f"{f['pronoun_speaker_accuracy']:.3f} ({t['pron_ok']}/{t['pron_n']})",
        f"cited-source F1: P {f['cited_source_precision']:.3f}  R {f['cited_source_recall']:.3f}"
        f"  F1 {f['cited_source_f1']:.3f}",
        f"cue-verb accuracy on matched items: {f['cue_accuracy']:.3f} "
        f"({t['cue_ok']}/{t['cue_n']})",
        f"indirect attributions with a named source, recall at coverage > 0.5 (purity >= 0.5): "
        f"{f['indirect_recall']:.3f} ({t['ind_tp']}/{t['ind_n']}); without the guard "
        f"{f['indirect_recall_unguarded']:.3f}",
    ]
    gaps = [f"{name} {f[name]:.3f} vs target {target:.2f} "
            f"({'met' if f[name] >= target else f'gap {f[name] - target:+.3f}'})"
            for name, target in TARGETS.items()]
    return "\n".join(lines + ["targets: " + "; ".join(gaps)])


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"skipped: {path} not found (the PolNeAR dev split is only on the team machines)")
        return 0
    rows = read_polnear(path)
    begin = time.perf_counter()
    counts = score_polnear(rows, default_registry())
    print(report(counts, len(rows), time.perf_counter() - begin))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
