"""Property-based test (hypothesis) of the whole article: any text in a file, loaded and analysed
without an exception, every row written to CSV and Parquet (issue 19 item 7)."""

import json
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.load import Rejection, iter_corpus
from analysis.entities.registry import default_registry
from analysis.run.article import Context, Options, analyze_article
from analysis.run.pipeline import write_tables
from tests.properties import fewer_in_ci, news_text

CONTEXT = Context(Options(), default_registry())


def write_article(folder: Path, text: str, form: str) -> None:
    if form == "jsonl":
        line = json.dumps({"id": "fuzz", "title": "A title", "text": text})
        (folder / "export.jsonl").write_text(line + "\n", encoding="utf-8")
    else:
        (folder / f"fuzz.{form}").write_text(text, encoding="utf-8")


@fewer_in_ci(6)
@given(news_text, st.sampled_from(["txt", "md", "jsonl"]))
def test_any_article_is_analysed_or_rejected_and_its_rows_are_written(text, form):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "in").mkdir()
        write_article(folder / "in", text, form)
        for item in iter_corpus(folder / "in"):
            if isinstance(item, Rejection):
                assert item.reason and item.source_file
                continue
            rows = analyze_article(item, CONTEXT)
            if isinstance(rows, Rejection):
                assert rows.reason and rows.source_file
                continue
            tables = {name: pd.DataFrame(table_rows) for name, table_rows in rows.items() if table_rows}
            write_tables(tables, folder / "out")
            for name, frame in tables.items():
                assert len(pd.read_parquet(folder / "out" / f"{name}.parquet")) == len(frame)
                assert len(pd.read_csv(folder / "out" / f"{name}.csv", keep_default_na=False)) == len(frame)
