"""Language identification on a bounded sample: the first 1,000 characters (today's rule) against
the first 3,000 (the rule before issue 20), on the development pages when they are there.

Usage: ``.venv/bin/python benchmarks/language_sample.py [--repeat 3]``

Reads the plain-text copies of the cleaning pages (``../shared/dev-data/cleaning/text/``), their
article bodies (``gold.json``) and the PolNeAR train articles
(``../shared/dev-data/polnear-train.jsonl``, one text per article); prints counts, agreement and
CPU time only (no text); skips cleanly when the files are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.corpus.language import (  # noqa: E402
    MIN_CHARS,
    UNDETERMINED,
    _detector,
    detect_language,
    language_sample,
)
from benchmarks.timing import best  # noqa: E402

DEV = ROOT.parent / "shared" / "dev-data"


def before(text: str) -> str:
    sample = text[:3000]
    if len(sample.strip()) < MIN_CHARS:
        return UNDETERMINED
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else UNDETERMINED


def texts() -> list[str]:
    found = []
    for folder in ("text", "body"):
        if folder == "text":  # the whole page as a browser shows it (menus and all)
            found += [p.read_text(encoding="utf-8", errors="replace")
                      for p in sorted((DEV / "cleaning" / "text").glob("*.txt"))]
        elif (DEV / "cleaning" / "gold.json").is_file():  # the article bodies of the same pages
            gold = json.loads((DEV / "cleaning" / "gold.json").read_text(encoding="utf-8"))
            found += [page.get("articleBody") or "" for _, page in sorted(gold.items())]
    seen = set()
    path = DEV / "polnear-train.jsonl"
    if path.is_file():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("doc_id") not in seen:
                    seen.add(row.get("doc_id"))
                    found.append(row.get("text") or "")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = texts()
    if not corpus:
        print(f"no development texts under {DEV}: nothing to measure")
        return 0
    _detector()
    old = [before(t) for t in corpus]
    new = [detect_language(t) for t in corpus]
    same = sum(a == b for a, b in zip(old, new))
    print(f"{len(corpus)} texts, {sum(map(len, corpus)) / len(corpus):.0f} characters on average, "
          f"{sum(len(t) > 1000 for t in corpus)} longer than 1,000; languages {Counter(old)}")
    print(f"same language from the sample: {same} of {len(corpus)}")
    t_old = best(args.repeat, lambda: [before(t) for t in corpus]) / len(corpus) * 1000
    t_new = best(args.repeat, lambda: [detect_language(t) for t in corpus]) / len(corpus) * 1000
    chars = sum(len(language_sample(t)) for t in corpus) / len(corpus)
    print(f"CPU ms per text (best of {args.repeat}): first 3,000 characters {t_old:.2f}, "
          f"sample ({chars:.0f} characters on average) {t_new:.2f}: {t_old / t_new:.2f} times faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
