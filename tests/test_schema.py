"""The schema in analysis/schema.py, the tables written, and data/README.md agree."""

from pathlib import Path

from analysis import schema
from analysis.pipeline import load_stage_modules

README = Path(__file__).resolve().parents[1] / "data" / "README.md"
BEGIN, END = "<!-- schema:begin -->", "<!-- schema:end -->"


def test_data_readme_holds_the_generated_schema():
    load_stage_modules()
    text = README.read_text(encoding="utf-8")
    generated = text.split(BEGIN)[1].split(END)[0].strip()
    assert generated == schema.schema_markdown().strip(), (
        "data/README.md is out of date: regenerate the block with `newsprism schema`")


def test_written_tables_have_the_schema_columns_in_order(seed_tables):
    for name, table in schema.TABLES.items():
        frame = seed_tables[name]
        assert list(frame.columns[: len(table.columns)]) == table.column_names, name
