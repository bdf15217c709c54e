"""Entity aliases: one alternation of every alias (the registry's matcher before issue 20) against
the one-pass index (Aho-Corasick candidates confirmed alias by alias), at growing registry sizes.

Usage: ``.venv/bin/python benchmarks/alias_matching.py [--sizes 100,1000,16000] [--n 100] [--repeat 3]``

The registry is the shipped one (its aliases first) filled up to each size with made-up names
(deterministic); the texts are synthetic articles (``benchmarks/generate_corpus.py``, seed 7). Prints
the CPU time per article of the matching (alias spans) on the whole text and on each line, old
and new (best of ``--repeat``), and checks that both find the same mentions.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate_corpus import iter_articles  # noqa: E402
from timing import best  # noqa: E402

from analysis.entities.registry import (  # noqa: E402
    _POSSESSIVE,
    Entity,
    Registry,
    _alias_pattern,
    default_registry,
)

SYLLABLES = ("ka", "ro", "mi", "tan", "vel", "do", "shi", "ber", "lo", "gun", "ne", "sa", "or",
             "via", "chen", "ko", "ra", "del", "ma", "zu")


def made_up(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return " ".join(word() for _ in range(rng.randint(1, 3)))


def registry_of(size: int) -> Registry:
    shipped = list(default_registry().entities.values())
    have = sum(len(e.aliases) for e in shipped)
    rng = random.Random(size)
    extra, seen = [], set()
    while have + len(extra) < size:
        name = made_up(rng)
        if name not in seen:
            seen.add(name)
            extra.append(Entity(f"made-up-{len(extra)}", name, "person", "", (name,)))
    return Registry(shipped + extra)


def one_alternation(registry: Registry) -> re.Pattern:
    aliases = sorted(((a, e.match_case) for e in registry.entities.values() for a in e.aliases),
                     key=lambda p: (-len(p[0]), p[0]))
    body = "|".join(_alias_pattern(a, case) for a, case in aliases)
    return re.compile(rf"(?<![\w.])(?P<alias>{body})(?={_POSSESSIVE}(?![\w]))")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,16000")
    parser.add_argument("--n", type=int, default=100, help="articles")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    texts = [a["text"] for a in iter_articles(args.n, seed=7)]
    lines = [[line for line in t.splitlines() if line.strip()] for t in texts]
    chars = sum(map(len, texts)) / len(texts)
    print(f"{len(texts)} synthetic articles, {chars:.0f} characters each on average; CPU ms per "
          "article, best of", args.repeat)
    print(f"{'aliases':>8} {'build old/new s':>16} {'text: old':>10} {'new':>7} {'ratio':>6} "
          f"{'lines: old':>11} {'new':>7} {'ratio':>6}  same mentions")
    for size in (int(s) for s in args.sizes.split(",")):
        t0 = time.process_time()
        old = one_alternation(registry_of(size))
        old.search("x")
        build_old = time.process_time() - t0
        t0 = time.process_time()
        registry = registry_of(size)
        registry.find_mentions("x")
        build_new = time.process_time() - t0
        n_aliases = sum(len(e.aliases) for e in registry.entities.values())

        def spans_old(text, old=old):
            return [m.span("alias") for m in old.finditer(text)]

        def spans_new(text, registry=registry):
            return [m.span("alias") for m in registry._matches(text)]

        same = all(spans_old(t) == spans_new(t) for t in texts) and all(
            spans_old(x) == spans_new(x) for ls in lines for x in ls)
        t_old = best(args.repeat, lambda: [spans_old(t) for t in texts]) / len(texts) * 1000
        t_new = best(args.repeat, lambda: [spans_new(t) for t in texts]) \
            / len(texts) * 1000
        l_old = best(args.repeat, lambda: [spans_old(x) for ls in lines for x in ls]) \
            / len(texts) * 1000
        l_new = best(args.repeat, lambda: [spans_new(x) for ls in lines for x in ls]) \
            / len(texts) * 1000
        print(f"{n_aliases:>8} {build_old:>7.2f} / {build_new:<6.2f} {t_old:>10.2f} {t_new:>7.2f} "
              f"{t_old / t_new:>6.1f} {l_old:>11.2f} {l_new:>7.2f} {l_old / l_new:>6.1f}  {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
