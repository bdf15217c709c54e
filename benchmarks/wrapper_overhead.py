"""The readability stage against the floor's textstat calls, on the same documents, CPU time.

Cleans and segments the corpora (not timed), then per pass times, per English document, the
floor's textstat calls (``library_calls``: every index on the body, the paragraph indices on each
body paragraph) and VADER on the body sentences, then the readability stage on fresh documents.
Prints CPU ms per article for each pass::

    .venv/bin/python benchmarks/wrapper_overhead.py /tmp/gen300 --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from article_stage_time import documents  # noqa: E402

from benchmarks import library_calls  # noqa: E402


def english(folders: list[str]) -> list:
    return [d for d in documents(folders) if d.metadata.get("language") in ("en", None, "")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="corpus folders")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from analysis.entities.registry import load_registry
    from analysis.measures.readability import PARAGRAPH_INDICES, ensure_cmudict, measure_article
    from analysis.run.pipeline import Context, Options

    context = Context(Options(), load_registry(None))
    textstat = library_calls.textstat_offline()
    ensure_cmudict()
    indices = library_calls.readability_indices()
    analyzer = library_calls.vader()
    for _ in range(args.repeat):
        docs = english(args.folders)
        spent = {"floor textstat": 0.0, "floor VADER": 0.0, "readability stage": 0.0}
        for doc in docs:
            body, paragraphs = doc.body_text(), [p.text for p in doc.body_paragraphs]
            start = time.process_time()
            for name in indices:
                if name == "text_standard":
                    textstat.text_standard(body, float_output=True)
                    textstat.text_standard(body)
                else:
                    getattr(textstat, name)(body)
            for text in paragraphs:
                for name in PARAGRAPH_INDICES:
                    getattr(textstat, name)(text)
            middle = time.process_time()
            for sentence in doc.body_sentences:
                analyzer.polarity_scores(sentence.text)
            spent["floor textstat"] += middle - start
            spent["floor VADER"] += time.process_time() - middle
        for doc in english(args.folders):  # fresh documents: nothing memoised from the floor
            start = time.process_time()
            measure_article(doc, context)
            spent["readability stage"] += time.process_time() - start
        print(f"{len(docs)} articles: " + ", ".join(
            f"{name} {1000 * seconds / len(docs):.2f} ms" for name, seconds in spent.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
