"""The schema in analysis/core/schema.py, the tables written, and data/README.md agree."""

from pathlib import Path

from analysis.core import schema
from analysis.run.pipeline import load_stage_modules

README = Path(__file__).resolve().parents[2] / "data" / "README.md"
BEGIN, END = "<!-- schema:begin -->", "<!-- schema:end -->"


def test_data_readme_holds_the_generated_schema():
    load_stage_modules()
    text = README.read_text(encoding="utf-8")
    generated = text.split(BEGIN)[1].split(END)[0].strip()
    assert generated == schema.schema_markdown().strip(), (
        "data/README.md is out of date: run `newsprism schema --update data/README.md`")


def test_schema_update_rewrites_only_the_block(tmp_path):
    from analysis.cli import main

    page = tmp_path / "README.md"
    page.write_text(f"intro\n{BEGIN}\nOBSOLETE-LINE\n{END}\noutro\n")
    assert main(["schema", "--update", str(page)]) == 0
    text = page.read_text()
    assert text.startswith(f"intro\n{BEGIN}\n### Shared vocabulary") and text.endswith(f"{END}\noutro\n")
    assert "OBSOLETE-LINE" not in text


def test_written_tables_have_the_schema_columns_in_order(seed_tables):
    for name, table in schema.TABLES.items():
        frame = seed_tables[name]
        assert list(frame.columns[: len(table.columns)]) == table.column_names, name
