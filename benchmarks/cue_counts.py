"""Count the cues annotated in the PolNeAR train split by lemma of our cue lexicon: the table of
``docs/attribution.md`` (lemma, class, complement, train count), and the most frequent annotated
cue words the lexicon does not know (reviewed, not added blindly).

Usage: ``.venv/bin/python benchmarks/cue_counts.py [path/to/polnear-train.jsonl]``

Only lemmas and counts are printed (no article text); skips cleanly when the file is absent.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution.cues import read_cue_lexicon  # noqa: E402
from analysis.attribution.validation import read_polnear  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "dev-data" / "polnear-train.jsonl"
# words around a cue that carry no lemma ("has said", "also noted", "did not deny")
SKIP = {"has", "have", "had", "having", "was", "were", "is", "are", "be", "been", "being", "also",
        "not", "did", "does", "do", "will", "would", "could", "can", "may", "might", "must",
        "should", "reportedly", "previously", "then", "publicly", "repeatedly", "just", "still",
        "even", "already", "never", "again", "later", "once", "now", "often", "recently", "to",
        "a", "an", "the", "his", "her", "their", "its", "it"}
UNKNOWN_SHOWN = 40


def lemma_of(cue: str, lexicon: dict) -> str:
    """The lexicon lemma of an annotated cue (whole phrase, then two-word and one-word parts,
    skipping auxiliaries), or ``?word`` for the first content word the lexicon lacks."""
    text = re.sub(r"\s+", " ", cue.lower()).strip()
    if text in lexicon:
        return lexicon[text][0]
    words = [w for w in re.findall(r"[a-z’'-]+|:", text) if w not in SKIP]
    for a, b in zip(words, words[1:]):
        if f"{a} {b}" in lexicon:
            return lexicon[f"{a} {b}"][0]
    for word in words:
        if word in lexicon:
            return lexicon[word][0]
    for word in [w for w in words if len(w) >= 4]:  # "appears" alone; "appears to" listed
        phrase = next((form for form in lexicon if form.startswith(word + " ")), None)
        if phrase is not None:
            return lexicon[phrase][0]
    return "?" + words[0] if words else "?"


def count_cues(rows: list[dict]) -> Counter:
    lexicon = read_cue_lexicon()
    counts: Counter = Counter()
    for row in rows:
        for item in row["attributions"]:
            cue = " ".join(c["text"] for c in item["cue"])
            if cue.strip():
                counts[lemma_of(cue, lexicon)] += 1
    return counts


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"skipped: {path} not found (the PolNeAR train split is only on the team machines)")
        return 0
    counts = count_cues(read_polnear(path))
    rows = {}
    for lemma, cue_class, complement in read_cue_lexicon().values():
        rows.setdefault(lemma, (cue_class, complement))
    total = sum(counts.values())
    known = sum(n for lemma, n in counts.items() if not lemma.startswith("?"))
    print(f"{total} annotated cues; {known} ({known / total:.1%}) have a lemma of the lexicon\n")
    print("| lemma | class | complement | train cues |\n|---|---|---|---|")
    for lemma, (cue_class, complement) in sorted(rows.items(), key=lambda r: (-counts[r[0]], r[0])):
        print(f"| {lemma} | {cue_class} | {complement} | {counts[lemma]} |")
    print("\nmost frequent annotated cue words the lexicon lacks:")
    unknown = [(lemma[1:], n) for lemma, n in counts.most_common() if lemma.startswith("?")]
    print(", ".join(f"{word} {n}" for word, n in unknown[:UNKNOWN_SHOWN]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
