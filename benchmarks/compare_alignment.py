"""Benchmark: content alignment (analysis.compare.align) on one generated event of 20,000 sentences.

Usage: ``.venv/bin/python benchmarks/compare_alignment.py [n_sentences] [n_articles] [threshold]``.
Runs on one core (BLAS/OpenMP threads set to 1 before numpy loads) and prints the time and the
peak resident memory. The event is synthetic: pseudo-words drawn from a Zipf distribution (as word
frequencies in news are), articles of equal length, and 10% of the sentences re-used by another
article with a few words changed, so that there is something to align. Aim: under a minute.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SEED = 20240619
VOCABULARY = 20_000  # distinct pseudo-words
ZIPF_EXPONENT = 1.1  # word frequency ~ 1 / rank^s; s near 1 for English (Zipf 1949)
SENTENCE_WORDS = (12, 30)  # uniform range of words per sentence
REUSED_SHARE = 0.10  # sentences copied (with edits) from another article
SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "de", "po", "an", "el", "or", "ut",
             "sh", "ber", "gan", "tor", "lin", "mar"]


def pseudo_words(rng: np.random.Generator, n: int) -> list[str]:
    """``n`` distinct pronounceable pseudo-words (2-4 syllables)."""
    words: set[str] = set()
    while len(words) < n:
        k = rng.integers(2, 5)
        words.add("".join(rng.choice(SYLLABLES, size=k)))
    return sorted(words)


def generate_event(n_sentences: int, n_articles: int
                   ) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """(sentences, article id of each, (source, copy) positions of re-used sentences)."""
    rng = np.random.default_rng(SEED)
    vocab = np.array(pseudo_words(rng, VOCABULARY))
    weights = 1 / np.arange(1, VOCABULARY + 1) ** ZIPF_EXPONENT
    weights /= weights.sum()
    texts, groups, copies = [], [], []
    for k in range(n_sentences):
        article = k % n_articles
        if texts and rng.random() < REUSED_SHARE:
            source = int(rng.integers(len(texts)))
            copies.append((source, k))
            words = texts[source].rstrip(".").lower().split()
            for _ in range(3):
                words[rng.integers(len(words))] = str(rng.choice(vocab, p=weights))
        else:
            words = list(rng.choice(vocab, size=rng.integers(*SENTENCE_WORDS), p=weights))
        texts.append(" ".join(words).capitalize() + ".")
        groups.append(f"article-{article:04d}")
    return texts, groups, copies


def main() -> None:
    import pandas as pd

    from analysis.compare.align import ALIGN_THRESHOLD, alignment_table

    n_sentences = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    n_articles = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else ALIGN_THRESHOLD
    started = time.perf_counter()
    texts, groups, copies = generate_event(n_sentences, n_articles)
    generated = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    ends = np.cumsum([len(t) + 1 for t in texts])
    sentences = pd.DataFrame({"article_id": groups, "outlet": [g.replace("article", "outlet")
                                                               for g in groups],
                              "sentence_id": [f"{g}:s{k}" for k, g in enumerate(groups)],
                              "start": ends - [len(t) + 1 for t in texts], "end": ends - 1,
                              "text": texts})
    table = alignment_table(sentences, {}, "benchmark", threshold)
    seconds = time.perf_counter() - started
    pairs = table[table["kind"] == "match"]
    unique = int((table["kind"] == "unique").sum())
    found = set(zip(pairs["sentence_id_a"], pairs["sentence_id_b"]))
    ids = sentences["sentence_id"].tolist()
    planted = [(ids[a], ids[b]) for a, b in copies if groups[a] != groups[b]]
    recall = sum(pair in found or pair[::-1] in found for pair in planted) / max(len(planted), 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"event: {n_sentences} sentences in {n_articles} articles (generated in {generated:.1f} s)")
    print(f"alignment: {seconds:.1f} s on one core, {len(pairs)} pairs at threshold {threshold}, "
          f"{unique} sentences unique (alignment table of {len(table)} rows)")
    print(f"recall of the {len(planted)} planted near-copies (3 words changed): {recall:.3f}")
    print(f"peak resident memory: {peak / 1024:.0f} MB (before alignment {before / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
