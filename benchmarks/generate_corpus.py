"""Synthetic news corpora for benchmarks: realistic articles at any size, deterministic from a seed.

Article ``i`` depends only on ``(seed, i)``, so a corpus of 10,010 articles is the corpus of 10,000
plus ten new ones (what the cache benchmark needs). Articles vary in length (a log-normal number of
paragraphs), carry direct quotes and reported speech with named speakers and cue verbs, and the
boilerplate lines scrapes leave behind (bylines, photo captions with agency credits,
"Advertisement", share and "Read more" lines, the odd mojibake apostrophe), across several outlets
and events. A few articles are in German, to exercise the English-only path.

The output is never committed as data: write it to a temporary folder.

    python benchmarks/generate_corpus.py /tmp/corpus-10k --n 10000 --seed 7            # .txt + manifest.csv
    python benchmarks/generate_corpus.py /tmp/export.jsonl --n 100000 --format jsonl  # one export file
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

OUTLETS = ("Daily Ledger", "Capital Wire", "Harbor Times", "Northern Post", "Global Dispatch",
           "Metro Herald", "Pacific Monitor", "Evening Courier")
EVENTS = {
    "summit": ("the summit", "leaders", ["President Amara Osei", "Prime Minister Lena Vogt",
                                         "Foreign Minister Kenji Sato"]),
    "flood": ("the floods", "residents", ["Mayor Daniel Reyes", "relief coordinator Priya Nair",
                                          "hydrologist Tomas Lind"]),
    "strike": ("the strike", "workers", ["union leader Grace Mbeki", "Labour Minister Omar Haddad",
                                         "economist Julia Brandt"]),
    "election": ("the election", "voters", ["candidate Marco Bianchi", "election chief Sofia Ruiz",
                                            "analyst Peter Novak"]),
    "merger": ("the merger", "shareholders", ["chief executive Hana Kim", "regulator Ivan Petrov",
                                              "analyst Chloe Martin"]),
}
AUTHORS = ("Alex Morgan", "Sam Okafor", "Maria Lopez", "Chen Wei", "Fatima Zahra", "John Miller",
           "Anna Kowalski", "Ravi Shah")
CUES = ("said", "told reporters", "said in a statement", "warned", "added", "claimed", "insisted",
        "noted")
REPORTED = ("{speaker} said that {clause}.", "According to {speaker}, {clause}.",
            "{speaker} suggested that {clause}.", "{speaker} told local media that {clause}.")
CLAUSES = (
    "the talks had produced a framework for further cooperation",
    "the damage would take months to repair",
    "negotiations would resume next week",
    "the results were broadly in line with expectations",
    "officials had underestimated the scale of the problem",
    "the government was prepared to offer new concessions",
    "several agreements were signed behind closed doors",
    "critics had exaggerated the risks",
)
QUOTES = (
    "We are determined to see this through",
    "This is a disaster for ordinary families",
    "Nobody expected the response to be so strong",
    "The agreement is a historic step forward",
    "We will not accept these terms",
    "It is too early to say what the consequences will be",
    "People are angry and they have every right to be",
    "The numbers speak for themselves",
)
NARRATIVE = (
    "Thousands of {crowd} gathered on {day} as {event} entered its {ordinal} day.",
    "The mood in the capital was tense, with police deployed along the main avenues.",
    "Officials did not immediately respond to a request for comment.",
    "Critics argue that {event} exposes deep divisions that will not be easy to bridge.",
    "The outcome of {event} could shape policy for years to come, observers say.",
    "Markets reacted cautiously, with shares falling {pct} percent in early trading.",
    "Independent estimates put the cost at more than {amount} million dollars.",
    "Local newspapers devoted their front pages to {event} for a {ordinal} consecutive day.",
    "The announcement came after weeks of speculation and several missed deadlines.",
    "Residents described long queues, shuttered shops and an uncertain week ahead.",
    "In a rare show of unity, opposition parties issued a joint statement on {day}.",
    "Analysts cautioned that the figures released so far were preliminary.",
)
GERMAN = (
    "Die Verhandlungen wurden am {day} ohne Ergebnis unterbrochen.",
    "Nach Angaben der Behörden waren tausende Menschen betroffen.",
    "Die Regierung kündigte weitere Gespräche in der kommenden Woche an.",
    "Beobachter sprechen von einem schwierigen Kompromiss für alle Beteiligten.",
)
CAPTIONS = ("{speaker} speaks to the press on {day}. [Getty Images]",
            "Crowds outside the ministry building. (AP Photo/File)",
            "A view of the city centre on {day}. (Reuters)")
BOILERPLATE = ("Advertisement", "Share this article", "Read more: Live updates on {event}",
               "Follow us on social media for more")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
MOJIBAKE_APOSTROPHE = "â€™"  # "’" encoded as UTF-8, decoded as cp1252: what ftfy repairs
GERMAN_SHARE = 0.02  # share of non-English articles
MEAN_LOG_PARAGRAPHS = 2.3  # log-normal paragraph count: median ~10, long tail to ~60
SD_LOG_PARAGRAPHS = 0.6


def _fill(rng: random.Random, template: str, event: str, crowd: str, speakers: list[str]) -> str:
    return template.format(
        event=event, crowd=crowd, speaker=rng.choice(speakers), day=rng.choice(DAYS),
        ordinal=rng.choice(ORDINALS), pct=rng.randint(1, 9), amount=rng.randint(5, 900),
        clause=rng.choice(CLAUSES))


def _paragraph(rng: random.Random, event: str, crowd: str, speakers: list[str]) -> str:
    kind = rng.random()
    speaker = rng.choice(speakers)
    if kind < 0.25:  # direct quote, attributed after or before
        quote = rng.choice(QUOTES)
        if rng.random() < 0.5:
            return f"“{quote},” {speaker} {rng.choice(CUES)}."
        return f"{speaker[0].upper() + speaker[1:]} {rng.choice(CUES)}: “{quote}.”"
    if kind < 0.45:
        text = _fill(rng, rng.choice(REPORTED), event, crowd, speakers)
        return text[0].upper() + text[1:]
    n = rng.randint(1, 4)
    text = " ".join(_fill(rng, rng.choice(NARRATIVE), event, crowd, speakers) for _ in range(n))
    return text[0].upper() + text[1:]


def make_article(seed: int, index: int) -> dict:
    """One synthetic article: ``{article_id, outlet, event, title, author, published, text}``."""
    rng = random.Random(seed * 1_000_003 + index)
    event_key = rng.choice(sorted(EVENTS))
    event, crowd, speakers = EVENTS[event_key]
    outlet = rng.choice(OUTLETS)
    author = rng.choice(AUTHORS)
    verb = rng.choice(("deepens", "ends", "continues", "stalls"))
    title = f"{rng.choice(speakers).split()[-1]} responds as {event} {verb}"
    n_paragraphs = max(2, min(80, round(rng.lognormvariate(MEAN_LOG_PARAGRAPHS, SD_LOG_PARAGRAPHS))))
    lines = [title, "", f"By {author}", ""]
    german = rng.random() < GERMAN_SHARE
    for _ in range(n_paragraphs):
        if german:
            lines += [_fill(rng, rng.choice(GERMAN), event, crowd, speakers), ""]
            continue
        roll = rng.random()
        if roll < 0.06:
            lines.append(_fill(rng, rng.choice(CAPTIONS), event, crowd, speakers))
        elif roll < 0.10:
            lines += [_fill(rng, rng.choice(BOILERPLATE), event, crowd, speakers), ""]
        paragraph = _paragraph(rng, event, crowd, speakers)
        if rng.random() < 0.03:
            paragraph = paragraph.replace("’", MOJIBAKE_APOSTROPHE).replace(" is ", " isnâ€™t ")
        lines += [paragraph, ""]
    day = 1 + index % 28
    return {
        "article_id": f"syn-{seed}-{index:07d}", "outlet": outlet, "event": event_key,
        "title": title, "author": author, "published": f"2025-03-{day:02d}",
        "language": "de" if german else "en", "text": "\n".join(lines),
    }


def iter_articles(n: int, seed: int = 0, start: int = 0) -> Iterator[dict]:
    """Articles ``start .. start + n - 1`` of the corpus with this seed."""
    for index in range(start, start + n):
        yield make_article(seed, index)


NEWEST_DATE = "2025-04-01"  # after every generated date (March 2025)
MANIFEST_FIELDS = ("source_file", "article_id", "outlet", "title", "author", "published",
                   "language", "event")


def write_folder(folder: str | Path, n: int, seed: int = 0, newest: int = 0) -> Path:
    """A corpus folder: one ``.txt`` per article (title first, byline, body) and ``manifest.csv``.

    ``newest`` more articles (the next ones of the seed) are dated after all others, as when the
    latest coverage is added to a corpus.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    later = (dict(a, published=NEWEST_DATE) for a in iter_articles(newest, seed, start=n))
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, MANIFEST_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for article in itertools.chain(iter_articles(n, seed), later):
            name = f"{article['article_id']}.txt"
            (folder / name).write_text(article["text"] + "\n", encoding="utf-8")
            writer.writerow(dict(article, source_file=name))
    return folder


def write_export(path: str | Path, n: int, seed: int = 0) -> Path:
    """One export file, ``.csv`` or ``.jsonl`` (chosen by the suffix), one article per row."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if path.suffix == ".csv":
            writer = csv.DictWriter(handle, MANIFEST_FIELDS[1:] + ("text",), extrasaction="ignore")
            writer.writeheader()
            writer.writerows(iter_articles(n, seed))
        else:
            for article in iter_articles(n, seed):
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", help="folder (format folder) or file path (csv / jsonl); "
                                               "default: a new temporary folder")
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("folder", "csv", "jsonl"), default="folder")
    args = parser.parse_args(argv)
    if not args.out:
        args.out = tempfile.mkdtemp(prefix="newsprism-corpus-")
    if args.format == "folder":
        write_folder(args.out, args.n, args.seed)
    else:
        out = Path(args.out)
        write_export(out if out.suffix == f".{args.format}" else out.with_suffix(f".{args.format}"),
                     args.n, args.seed)
    print(f"{args.n} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
