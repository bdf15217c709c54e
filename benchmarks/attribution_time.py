"""Attribution's per-article time against an earlier revision of the package (issue 16: at most
1.5 times the time of the day the issue was filed).

Usage: ``.venv/bin/python benchmarks/attribution_time.py [--base REV] [--pairs N] [--repeats N]
[--instructions] [ARTICLES.jsonl]``

The package of ``--base`` (default ``8cc3d6e``, the parent of the first issue-16 commit) is
unpacked with ``git archive`` into a temporary directory; the working tree's package is the other
side. Each side runs in its own Python process, alternately (``--pairs`` times), on the same
articles (default: ``../shared/dev-data/polnear-dev.jsonl``; any JSONL with a ``text`` field).

Two figures per side, in CPU milliseconds per article (``time.process_time``, best of
``--repeats`` runs on fresh documents):

- ``own``: ``extract`` after entity discovery has run on every document, as in a pipeline run,
  where the entity stage discovers once per article and attribution reads the result from the
  document's memo (its speakers are entities). This is attribution's own cost.
- ``alone``: ``extract`` on fresh documents, discovery included when the side's attribution
  calls it.

CPU time on a shared machine still scatters (other jobs evict caches): the ratio printed is of
the sums over the pairs. ``--instructions`` counts instructions instead (valgrind's callgrind,
when installed; about 3 minutes a side): the same work with and without the ``extract`` calls,
the difference being extraction's own count. Counts do not move with the load. Both runs of a
side use the same string hash seed (``PYTHONHASHSEED``): with a random one, set and dict orders
change from run to run, and discovery alone was seen to move by 15% (4,766 M against 5,510 M
instructions for the same code), which the difference then took for extraction's.
Nothing from the articles is printed or written: figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT.parent / "shared" / "dev-data" / "polnear-dev.jsonl"
DEFAULT_BASE = "8cc3d6e"  # parent of 5c14997, the first commit of issue 16
LIMIT = 1.5  # issue 16: attribution's per-article time at most 1.5 times the start

# Run in a child process with the side's package first on sys.path; prints one JSON line.
CHILD = r"""
import json, sys, time
tree, path, repeats, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, tree)
import analysis
assert analysis.__file__.startswith(tree), analysis.__file__
from analysis.attribution.extract import extract
from analysis.attribution.stage import document_from_text
from analysis.entities.discovery import discover
from analysis.entities.registry import default_registry
texts = []
with open(path, encoding="utf-8") as handle:
    for line in handle:
        if line.strip():
            texts.append(json.loads(line)["text"])
registry = default_registry()
def documents():
    return [document_from_text(f"a{n}", text) for n, text in enumerate(texts)]
if mode in ("d", "x"):  # instruction counting: discovery only, or discovery then extraction
    docs = documents()
    for doc in docs:
        discover(doc, registry, unresolved=True)
    if mode == "x":
        for doc in docs:
            extract(doc, registry)
    print(json.dumps({"n": len(docs)}))
    raise SystemExit
out = {"n": len(texts)}
for name, shared in (("alone", False), ("own", True)):
    best = float("inf")
    for _ in range(repeats):
        docs = documents()
        if shared:
            for doc in docs:
                discover(doc, registry, unresolved=True)
        start = time.process_time()
        for doc in docs:
            extract(doc, registry)
        best = min(best, time.process_time() - start)
    out[name] = 1000 * best / max(len(texts), 1)
print(json.dumps(out))
"""


def unpack(rev: str, into: Path, repo: Path = ROOT) -> Path:
    """The ``analysis`` package of ``rev`` (any git revision of ``repo``) unpacked under ``into``;
    returns the directory to put first on ``sys.path``."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, "analysis"],
                             check=True, capture_output=True).stdout
    target = into / re.sub(r"[^\w.-]", "_", rev)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4
                tar.extractall(target, filter="data")
            else:
                tar.extractall(target)
    return target


def measure(tree: Path, articles: Path, repeats: int, mode: str = "time") -> dict:
    """One child run of ``CHILD`` for the package under ``tree``: ``{"n", "alone", "own"}`` in
    CPU ms per article (``mode="time"``), or ``{"n"}`` for the instruction-count modes."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(articles), str(repeats),
                           mode], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


HASH_SEED = "0"  # one string hash seed for every counted run (module docstring)


def instructions(tree: Path, articles: Path, mode: str, work: Path) -> int:
    """Instructions executed by the child in ``mode`` (``d``: discovery only; ``x``: discovery
    then extraction), counted by valgrind's callgrind."""
    log = work / f"callgrind-{tree.name}-{mode}.log"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/cg.%p",
                    f"--log-file={log}", sys.executable, "-c", CHILD, str(tree), str(articles),
                    "1", mode], check=True, capture_output=True,
                   env={**os.environ, "PYTHONHASHSEED": HASH_SEED})
    return refs_of(log.read_text())


def refs_of(log: str) -> int:
    """The ``I refs`` total of a valgrind log ("==12== I   refs:      4,601,422,326")."""
    found = re.findall(r"I\s+refs:\s+([\d,]+)", log)
    if not found:
        raise ValueError("no 'I refs' line in the valgrind log")
    return int(found[-1].replace(",", ""))


def ratio_of_sums(pairs: list[tuple[dict, dict]], key: str) -> float:
    """Sum over the pairs of the head's ``key`` over the sum of the base's (both in ms)."""
    return sum(head[key] for _, head in pairs) / sum(base[key] for base, _ in pairs)


def table(pairs: list[tuple[dict, dict]], base: str) -> str:
    """The pairs as a text table, then the ratios of sums and the verdict against ``LIMIT``."""
    lines = [f"{'pair':>4}  {'base own':>9}  {'head own':>9}  {'base alone':>10}  {'head alone':>10}"]
    for n, (b, h) in enumerate(pairs, 1):
        lines.append(f"{n:>4}  {b['own']:>9.2f}  {h['own']:>9.2f}  {b['alone']:>10.2f}  "
                     f"{h['alone']:>10.2f}")
    own, alone = ratio_of_sums(pairs, "own"), ratio_of_sums(pairs, "alone")
    verdict = "within" if own <= LIMIT else "OVER"
    lines.append(f"head / base ({base}), CPU ms an article: own {own:.2f} ({verdict} the "
                 f"{LIMIT} limit), alone {alone:.2f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--base", default=DEFAULT_BASE)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args(argv)
    if not args.articles.exists():
        print(f"skipped: {args.articles} does not exist")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = unpack(args.base, work)
        head = ROOT
        if args.instructions:
            if shutil.which("valgrind") is None:
                print("skipped: valgrind is not installed")
                return 0
            own = {}
            for name, tree in (("base", base), ("head", head)):
                counts = {m: instructions(tree, args.articles, m, work) for m in ("d", "x")}
                own[name] = counts["x"] - counts["d"]
                print(f"{name}: discovery {counts['d']:,}, with extraction {counts['x']:,}, "
                      f"extraction {own[name]:,} instructions")
            print(f"head / base ({args.base}), instructions of extraction: "
                  f"{own['head'] / own['base']:.2f} (limit {LIMIT})")
            return 0
        pairs = []
        for _ in range(args.pairs):
            pairs.append((measure(base, args.articles, args.repeats),
                          measure(head, args.articles, args.repeats)))
        print(f"{pairs[0][0]['n']} articles, best of {args.repeats} runs, {args.pairs} pairs")
        print(table(pairs, args.base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
