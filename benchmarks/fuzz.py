"""Fuzz benchmark: generated documents and pathological shapes through every text entry point.

Three parts, all from a fixed seed (issue 19 item 7):

1. **Fuzz cases**: ``--cases`` generated documents (10,000 by default) through each entry point
   (``cleaner``, ``segmenter``, ``quotes``, ``attribution``, ``article``). A document mixes
   realistic news paragraphs (:mod:`benchmarks.generate_corpus`) with hostile pieces: runs of
   sentence marks, every kind of quotation mark, odd white space and line breaks, control
   characters, lone surrogates, right-to-left and combining characters, very long words and lines.
   Printed: crashes (with the input), the slowest inputs, and how many took over 2 s, by the
   wall clock and by CPU time (on a shared machine the wall clock also counts the other
   processes). ``--shard I/N`` runs every N-th case, so N processes split one run. The
   ``article`` entry point checks that every row of every table can be written to CSV and
   Parquet as the writer types it; it writes the rows of 100 cases at once (per-table overhead
   was two thirds of a case) and, when a batch fails, each case of it alone to name the culprit.
   The time per case is the analysis; the writing is not in it.
2. **Shapes**: each pathological shape (:data:`SHAPES`) at doubling sizes from 8 KB to
   ``--max-size`` (1 MB by default) through each entry point, with the growth exponent: the slope
   of log(time) over log(size) by least squares, over the sizes that took at least 20 ms (1.0 =
   linear, 2.0 = quadratic). A shape whose run takes over ``--cap`` seconds stops growing there.
   Sweeps are timed by the CPU time of the process (the algorithm's growth; on a shared machine
   the wall clock also counts the other processes), the best of three below 2 s.
3. **Big file**: a 50 MB text file through ``newsprism analyze`` (:func:`analysis.run.pipeline.analyze`):
   processed or rejected, with the reason and the time.

The goals: 0 crashes and 0 inputs over 2 s in 10,000 cases per entry point, every exponent at most
1.2 up to 1 MB, and the 50 MB file done within 2 minutes.

    .venv/bin/python benchmarks/fuzz.py                          # everything (tens of minutes)
    .venv/bin/python benchmarks/fuzz.py --check                  # ... exit 1 when a goal is missed
    .venv/bin/python benchmarks/fuzz.py --cases 500 --max-size 131072 --no-big   # a quick look
    .venv/bin/python benchmarks/fuzz.py --part shapes --entry attribution --shape said

The time per case is bounded only here, for the report (a case with no answer in ``--give-up``
seconds is counted as such and the run goes on); the package itself has no time-outs.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` and `analysis` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate_corpus import make_article

SEED = 19  # issue 19
SLOW_SECONDS = 2.0  # the goal: no input over this
GIVE_UP_SECONDS = 60.0  # a case still running after this counts as "no answer"
MIN_FIT_SECONDS = 0.02  # shorter runs are timer noise, left out of the exponent fit
EXPONENT_GOAL = 1.2
BIG_FILE_BYTES = 50 * 1024 * 1024
BIG_FILE_SECONDS = 120.0


# --- entry points: text in, anything out; an exception is a crash -------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def run_cleaner(text: str):
    from analysis.corpus.clean import clean_lines

    return clean_lines(_lines(text))


def run_segmenter(text: str):
    from analysis.corpus.segment import split_sentences, words

    return split_sentences(text), words(text)


def paragraphs_of(text: str) -> list[tuple[int, str]]:
    """``(start, text)`` of each line of ``text`` that is not blank (as the quote finder gets them)."""
    found, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((position, line))
        position += len(line) + 1
    return found


def run_quotes(text: str):
    from analysis.attribution.quotes import quotes_in_paragraphs

    return quotes_in_paragraphs(paragraphs_of(text))


def _context():
    from analysis.entities.registry import default_registry
    from analysis.run.article import Context, Options

    return Context(Options(), default_registry())


_CONTEXT = []


def context():
    """One run context (default options, the shipped registry), made once."""
    if not _CONTEXT:
        _CONTEXT.append(_context())
    return _CONTEXT[0]


def run_attribution(text: str):
    from analysis.attribution.stage import attribution_rows, document_from_text

    return attribution_rows(document_from_text("fuzz", text), context())


def run_article(text: str, suffix: str = ".txt", write: bool = True):
    """The whole article: ``text`` written as a file (UTF-8, lone surrogates kept as escapes
    for ``.jsonl``), loaded, analysed, and every row written to CSV and Parquet (in memory).
    With ``write=False`` the rows are returned unwritten, for :func:`write_batch`."""
    from analysis.corpus.load import iter_corpus
    from analysis.run.article import analyze_article

    with tempfile.TemporaryDirectory(prefix="newsprism-fuzz-") as folder:
        path = Path(folder) / f"fuzz{suffix}"
        if suffix == ".jsonl":
            import json

            path.write_text(json.dumps({"id": "fuzz", "title": "Fuzz", "text": text}) + "\n",
                            encoding="utf-8")
        else:
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        results = []
        for item in iter_corpus(folder):
            if hasattr(item, "reason"):
                results.append(item)
                continue
            rows = analyze_article(item, context())
            if isinstance(rows, dict) and write:
                write_rows(rows)
            results.append(rows)
        return results


MEASURE_STAGES = (
    "analysis.measures.framing:frame_article",
    "analysis.measures.naming:name_concepts",
    "analysis.measures.hedging:find_hedges",
    "analysis.measures.readability:measure_article",
    "analysis.measures.sentiment:score_article",
)


def run_measures(text: str):
    """Cleaning, segmenting and the measures that do not need attribution (framing, naming,
    hedging, readability, sentiment): the article without the attribution stage."""
    from analysis.corpus.document import document_from_raw
    from analysis.corpus.load import RawArticle
    from analysis.run.article import _resolve

    doc = document_from_raw(RawArticle("fuzz", "fuzz.txt", text))
    return [_resolve(spec)(doc, context()) for spec in MEASURE_STAGES]


def write_rows(rows: dict[str, list[dict]]) -> None:
    """Every table's rows as CSV (UTF-8) and Parquet, as :class:`analysis.core.writer.TableWriter`
    types them; raises when a row cannot be written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.core.writer import arrow_schema, frame_of, typed

    for name, table_rows in rows.items():
        frame = typed(name, frame_of(name, table_rows))
        frame.to_csv(io.BytesIO(), index=False, encoding="utf-8")
        if len(frame):
            pq.write_table(pa.Table.from_pandas(frame, schema=arrow_schema(name, frame),
                                                preserve_index=False), io.BytesIO())


def write_batch(batch: list[tuple[int, list]]) -> list[tuple[int, BaseException]]:
    """Write the rows of many cases (``(index, results of run_article(write=False))``) at once,
    as the writer does; when that fails, each case alone, to name the ones whose rows cannot be
    written. The same check as writing case by case, at a fraction of the per-table cost."""
    merged: dict[str, list[dict]] = {}
    for _, results in batch:
        for rows in results:
            if isinstance(rows, dict):
                for name, table_rows in rows.items():
                    merged.setdefault(name, []).extend(table_rows)
    try:
        write_rows(merged)
        return []
    except Exception:  # noqa: BLE001 - find the cases to blame
        failed = []
        for index, results in batch:
            try:
                for rows in results:
                    if isinstance(rows, dict):
                        write_rows(rows)
            except Exception as failure:  # noqa: BLE001 - a crash is what we count
                failed.append((index, failure))
        return failed


WRITE_BATCH = 100  # cases whose rows are written together by the article entry point


ENTRY_POINTS: dict[str, Callable] = {
    "cleaner": run_cleaner,
    "segmenter": run_segmenter,
    "quotes": run_quotes,
    "attribution": run_attribution,
    "article": run_article,
    "measures": run_measures,  # not one of the five: the article's stages without attribution
}


# --- generated documents ------------------------------------------------------------------------

QUOTE_MARKS = "\"'“”‘’«»‹›„‚`"
SENTENCE_MARKS = ".!?…"
ODD_SPACES = ["\t", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\xa0",
              "\u200b", "\u3000", "\n\n\n", " " * 40]
ODD_CHARS = ["\x00", "\x07", "\x1b[31m", "\ufeff", "\ud800", "\udfff", "\U0001f600", "e\u0301",
             "\u202e", "שלום", "مرحبا", "北朝鮮", "İ", "ß", "ﬁ", "\u212a", "Â€™", "&amp;", "<b>",
             "{{ author }}", "©", "—", "–", "-", "/", "(", ")", "[", "]", ">", "|", "*", "#", ":"]
WORDS = ("said told says according to reportedly Kim Jong Un Putin Mr. U.S. Jr. A. B. he she "
         "they it the a of and but “ ” ‘ ’ \" ' said: told: — AP Reuters (AP) Getty Images By "
         "Related: Advertisement Share Loading... Updated: 2024 1,000 3.5% No. St. e.g. i.e.").split()


def realistic(rng: random.Random, chars: int) -> str:
    """About ``chars`` characters of generated news paragraphs (blank line between them)."""
    pieces, size = [], 0
    while size < chars:
        article = make_article(SEED, rng.randrange(1_000_000))["text"]
        pieces.append(article)
        size += len(article)
    return "\n\n".join(pieces)[:chars]


def _hostile_piece(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(SENTENCE_MARKS) * rng.randint(1, 400)
    if roll < 0.30:
        return "".join(rng.choice(QUOTE_MARKS) for _ in range(rng.randint(1, 30)))
    if roll < 0.42:
        return rng.choice(ODD_SPACES) * rng.randint(1, 5)
    if roll < 0.54:
        return rng.choice(ODD_CHARS)
    if roll < 0.80:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
    if roll < 0.85:
        return rng.choice("aZ.-'") * rng.randint(100, 3000)  # a very long word or run
    if roll < 0.90:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(1, 80)))
    return realistic(rng, rng.randint(50, 3000))


def generate_document(rng: random.Random) -> str:
    """One fuzz document (up to about 30,000 characters): realistic paragraphs cut at random
    places with hostile pieces spliced in, or hostile pieces alone."""
    if rng.random() < 0.3:
        return "".join(_hostile_piece(rng) for _ in range(rng.randint(1, 40)))
    text = realistic(rng, rng.randint(100, 12_000))
    for _ in range(rng.randint(1, 25)):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + _hostile_piece(rng) + text[at:]
    return text


# --- pathological shapes --------------------------------------------------------------------------


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _wrapped(text: str, width: int = 64) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(" ".join(text.split()), width))


_REALISTIC_CACHE: dict[int, str] = {}


def _realistic_paragraph(size: int) -> str:
    if size not in _REALISTIC_CACHE:
        _REALISTIC_CACHE.clear()
        _REALISTIC_CACHE[size] = " ".join(realistic(random.Random(SEED), size + 1000).split())[:size]
    return _REALISTIC_CACHE[size]


SHAPES: dict[str, Callable[[int], str]] = {
    "dots": lambda n: "." * n,
    "sentence marks . ! ? …": lambda n: _repeat(".!?…", n),
    "He + dots": lambda n: "He" + "." * (n - 2),
    "said x N": lambda n: _repeat("said ", n),
    "Kim said x N": lambda n: _repeat("Kim said ", n),
    "one realistic paragraph": _realistic_paragraph,
    "hard-wrapped lines": lambda n: _wrapped(_realistic_paragraph(n)),
    "paragraphs opening with a quote mark": lambda n: _repeat("“We will go on and on, he said\n\n", n),
    "capitalised words": lambda n: _repeat("Kim Jong Un Vladimir Putin Moon Jae ", n),
    "nested quotes": lambda n: _repeat("“‘", n),
    "straight quotes": lambda n: _repeat("\"'", n),
    "quoted words": lambda n: _repeat("“a” ", n),
    "initials A. B.": lambda n: _repeat("A. ", n),
    "one long word": lambda n: "a" * n,
    "words without punctuation": lambda n: _repeat("word ", n),
    "open bracket with credits": lambda n: "(" + _repeat("AP Reuters ", n - 1),
    "colons and dashes": lambda n: _repeat("Kim: — ", n),
    "two apostrophes": lambda n: _repeat("''a ", n),
    "blank lines": lambda n: _repeat("a\n\n\n", n),
}


# --- running --------------------------------------------------------------------------------------


class NoAnswer(Exception):
    """A case still running after the give-up time (the benchmark's guard, not the package's)."""


def _alarm(signum, frame):
    raise NoAnswer


def timed(entry: Callable, text: str, give_up: float) -> tuple[float, BaseException | None]:
    """Seconds ``entry(text)`` took and the exception it raised (None when it returned)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, give_up)
    started = time.perf_counter()
    error = None
    try:
        entry(text)
    except NoAnswer as stop:
        error = stop
    except Exception as failure:  # noqa: BLE001 - a crash is what we count
        error = failure
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started, error


def fuzz(entry_name: str, cases: int, seed: int, give_up: float, show: int = 5,
         shard: tuple[int, int] = (0, 1)) -> dict:
    """Run ``cases`` generated documents through one entry point; print and return the figures.
    ``shard`` ``(i, n)``: only the cases whose index is ``i`` modulo ``n`` (the same documents as
    a whole run, so n processes with i = 0 .. n-1 together run every case once)."""
    entry = ENTRY_POINTS[entry_name]
    entry(realistic(random.Random(seed), 3000))  # imports and one-time loads, not timed
    rng = random.Random(f"{seed}:{entry_name}")
    crashes, no_answer, times = [], [], []
    started = time.perf_counter()
    cpu_slow = 0
    batch: list[tuple[int, list]] = []
    texts: dict[int, str] = {}

    def flush() -> None:
        for index, failure in write_batch(batch):
            crashes.append((index, texts[index],
                            "".join(traceback.format_exception_only(failure)).strip()))
        batch.clear()
        texts.clear()

    report_every = max(min(cases // 10, 1000), 1)
    next_report = report_every
    for index in range(cases):
        text = generate_document(rng)
        suffix = rng.choice((".txt", ".txt", ".md", ".jsonl")) if entry_name == "article" else ""
        if index % shard[1] != shard[0]:
            continue
        cpu = time.process_time()
        if entry_name == "article":
            out: list = []
            seconds, error = timed(lambda t, s=suffix, o=out: o.append(run_article(t, s, write=False)),
                                   text, give_up)
            if out:
                batch.append((index, out[0]))
                texts[index] = text
                if len(batch) >= WRITE_BATCH:
                    flush()
        else:
            seconds, error = timed(entry, text, give_up)
        cpu_slow += time.process_time() - cpu > SLOW_SECONDS
        times.append((seconds, index, text))
        if index + 1 >= next_report and index + 1 < cases:
            # a threshold, not ``index + 1`` modulo the step: with --shard I/N the multiples of
            # the step may all belong to another shard, and this one would print nothing
            next_report += report_every
            print(f"  {entry_name}: {index + 1} cases, {len(crashes)} crashes, "
                  f"{sum(t[0] > SLOW_SECONDS for t in times)} over {SLOW_SECONDS:g} s, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        if isinstance(error, NoAnswer):
            no_answer.append((index, text))
        elif error is not None:
            crashes.append((index, text, "".join(traceback.format_exception_only(error)).strip()))
    if batch:
        flush()
    times.sort(reverse=True)
    slow = [t for t in times if t[0] > SLOW_SECONDS]
    total = time.perf_counter() - started
    part = f", shard {shard[0]}/{shard[1]}: {len(times)} of them" if shard[1] > 1 else ""
    print(f"\n== fuzz {entry_name}: {cases} cases (seed {seed}{part}) in {total:.0f} s; "
          f"{len(crashes)} crashes, {len(slow)} over {SLOW_SECONDS:g} s "
          f"({cpu_slow} over {SLOW_SECONDS:g} s of CPU time), "
          f"{len(no_answer)} with no answer in {give_up:g} s; "
          f"median {times[len(times) // 2][0] * 1000:.1f} ms, slowest {times[0][0]:.2f} s")
    kinds: dict[str, list[int]] = {}
    for index, _, message in crashes:
        kinds.setdefault(message.split(" in position")[0][:120], []).append(index)
    for message, indices in kinds.items():
        print(f"  {len(indices)} x {message} (cases {', '.join(map(str, indices[:12]))})")
    for index, text, message in crashes[:show]:
        print(f"  crash #{index} ({len(text)} chars): {message}\n    input: {text[:300]!r}")
    for seconds, index, text in times[:show]:
        print(f"  slow #{index}: {seconds:.3f} s, {len(text)} chars: {text[:120]!r}")
    return {"entry": entry_name, "cases": cases, "crashes": len(crashes), "slow": len(slow),
            "cpu_slow": cpu_slow,
            "no_answer": len(no_answer), "slowest": times[0][0]}


def exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(seconds) over log(size), over the runs of at least
    :data:`MIN_FIT_SECONDS`; None with fewer than three such runs (too fast to tell)."""
    usable = [(math.log(n), math.log(t)) for n, t in points if t >= MIN_FIT_SECONDS]
    if len(usable) < 3:
        return None
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    num = sum((x - mean_x) * (y - mean_y) for x, y in usable)
    den = sum((x - mean_x) ** 2 for x, _ in usable)
    return num / den


def sizes(max_size: int, smallest: int = 8192) -> list[int]:
    found, size = [], smallest
    while size <= max_size:
        found.append(size)
        size *= 2
    return found


def timed_cpu(entry: Callable, text: str, give_up: float) -> tuple[float, float, BaseException | None]:
    """:func:`timed` with the CPU time of this process too: (wall seconds, CPU seconds, error)."""
    cpu = time.process_time()
    seconds, error = timed(entry, text, give_up)
    return seconds, time.process_time() - cpu, error


def sweep(entry_name: str, shape: str, max_size: int, cap: float, give_up: float) -> dict:
    """One shape at doubling sizes through one entry point: times and growth exponent."""
    entry = ENTRY_POINTS[entry_name]
    entry(realistic(random.Random(SEED), 3000))  # imports and one-time loads, not timed
    points, stopped, error, wall = [], "", None, 0.0
    for size in sizes(max_size):
        text = SHAPES[shape](size)
        seconds, cpu, error = timed_cpu(entry, text, give_up)
        if cpu < 2:  # short runs: the best of three, against the noise of a shared machine
            for _ in range(2):
                again = timed_cpu(entry, text, give_up)
                seconds, cpu = min(seconds, again[0]), min(cpu, again[1])
        if error is not None:
            stopped = f"{type(error).__name__} at {size:,}"
            break
        points.append((size, cpu))
        wall = seconds
        if cpu > cap:
            stopped = f"stopped after {size:,} chars ({cpu:.1f} s CPU > {cap:g} s)"
            break
    slope = exponent(points)
    last = points[-1] if points else (0, 0.0)
    flag = "" if slope is None or slope <= EXPONENT_GOAL else "  <-- over 1.2"
    shown = "  -  " if slope is None else f"{slope:5.2f}"
    print(f"  {entry_name:<11} {shape:<38} exponent {shown}  {last[0]:>9,} chars "
          f"{last[1]:8.3f} s CPU ({wall:.1f} s wall) {stopped}{flag}", flush=True)
    return {"entry": entry_name, "shape": shape, "exponent": slope, "points": points,
            "stopped": stopped}


def big_file(size: int = BIG_FILE_BYTES) -> dict:
    """A ``size``-byte text file of realistic paragraphs through :func:`analyze`."""
    from analysis.run.pipeline import analyze

    unit = realistic(random.Random(SEED), 1_000_000)
    with tempfile.TemporaryDirectory(prefix="newsprism-big-") as folder:
        path = Path(folder) / "big.txt"
        with open(path, "w", encoding="utf-8") as handle:
            written = 0
            while written < size:
                handle.write(unit + "\n\n")
                written += len(unit) + 2
        started = time.perf_counter()
        result = analyze(folder)
        seconds = time.perf_counter() - started
    rejected = result.tables.get("rejected")
    reasons = [] if rejected is None else list(rejected["reason"])
    print(f"\n== big file: {written / 1024 / 1024:.0f} MB text file in {seconds:.1f} s "
          f"(goal {BIG_FILE_SECONDS:g} s): {result.n_articles} article(s) analysed, "
          f"{result.n_rejected} rejected{': ' + reasons[0] if reasons else ''}")
    return {"seconds": seconds, "articles": result.n_articles, "rejected": result.n_rejected,
            "reasons": reasons}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("all", "fuzz", "shapes", "big"), default="all")
    parser.add_argument("--cases", type=int, default=10_000, help="fuzz cases per entry point")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--entry", action="append", choices=sorted(ENTRY_POINTS),
                        help="entry point(s) to run (default: all)")
    parser.add_argument("--shape", action="append", help="shape(s) to sweep (default: all)")
    parser.add_argument("--max-size", type=int, default=1 << 20, help="largest shape, characters")
    parser.add_argument("--cap", type=float, default=30.0,
                        help="stop growing a shape after a run over this many seconds")
    parser.add_argument("--give-up", type=float, default=GIVE_UP_SECONDS)
    parser.add_argument("--shard", default="0/1", metavar="I/N",
                        help="fuzz only the cases whose index is I modulo N (split a run over "
                             "processes; the figures of the N shards add up to the whole run)")
    parser.add_argument("--no-big", action="store_true", help="skip the 50 MB file")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a goal is missed (a crash, an input over 2 s, an exponent "
                             "over 1.2, a shape stopped, the big file over 2 minutes)")
    args = parser.parse_args(argv)
    entries = args.entry or [name for name in ENTRY_POINTS if name != "measures"]
    failed = False
    if args.part in ("all", "fuzz"):
        for name in entries:
            shard = tuple(int(part) for part in args.shard.split("/"))
            figures = fuzz(name, args.cases, args.seed, args.give_up, shard=shard)
            failed |= bool(figures["crashes"] or figures["slow"] or figures["no_answer"])
    if args.part in ("all", "shapes"):
        print(f"\n== shapes at doubling sizes up to {args.max_size:,} characters "
              f"(exponent: log-log slope over runs of at least {MIN_FIT_SECONDS * 1000:g} ms)")
        for shape in args.shape or list(SHAPES):
            for name in entries:
                result = sweep(name, shape, args.max_size, args.cap, args.give_up)
                failed |= (result["exponent"] or 0) > EXPONENT_GOAL or bool(result["stopped"])
    if args.part in ("all", "big") and not args.no_big:
        figures = big_file()
        failed |= figures["seconds"] > BIG_FILE_SECONDS
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
