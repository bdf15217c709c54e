"""Tests for analysis/corpus/load.py: formats, manifest, bad input."""

import json

from analysis.corpus.load import RawArticle, Rejection, decode_bytes, iter_corpus


def items(folder, **kw):
    found = list(iter_corpus(folder, **kw))
    return ([i for i in found if isinstance(i, RawArticle)],
            [i for i in found if isinstance(i, Rejection)])


def test_markdown_front_matter_gives_metadata_and_keeps_line_numbers(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Summit\noutlet: Daily X\n---\nKim met Putin.\n")
    [article], _ = items(tmp_path)
    assert article.metadata["title"] == "Summit" and article.metadata["outlet"] == "Daily X"
    assert article.lines()[-1] == (5, "Kim met Putin.")


def test_csv_export_rows_with_common_column_names(tmp_path):
    (tmp_path / "export.csv").write_text(
        "stories_id,media_name,headline,publish_date,story_text\n"
        "11,Daily X,Summit,2024-06-19,Kim met Putin.\n12,Daily Y,Pact,,Putin met Kim.\n")
    articles, rejected = items(tmp_path)
    assert [(a.article_id, a.metadata.get("outlet"), a.source_row) for a in articles] == [
        ("11", "Daily X", 2), ("12", "Daily Y", 3)]
    assert articles[0].metadata["published"] == "2024-06-19"
    assert rejected == []


def test_jsonl_export_with_a_column_override_and_a_bad_line(tmp_path):
    rows = [{"story": "Kim met Putin.", "site": "X"}, "not an object"]
    (tmp_path / "e.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{oops\n")
    articles, rejected = items(tmp_path, columns={"text": "story", "outlet": "site"})
    assert [(a.text, a.metadata["outlet"]) for a in articles] == [("Kim met Putin.", "X")]
    assert [r.reason for r in rejected] == ["line 2: not a JSON object",
                                            "line 3: not valid JSON (Expecting property name enclosed in double quotes)"]


def test_html_page_main_text_and_metadata(tmp_path):
    page = ("<html><head><title>Kim meets Putin</title><meta name='author' content='Jane Doe'>"
            "</head><body><nav>Home > World</nav><article><h1>Kim meets Putin</h1>"
            + "".join(f"<p>Putin arrived in Pyongyang on Wednesday for talks number {i} with "
                      f"Kim Jong Un about the new partnership agreement.</p>" for i in range(5))
            + "</article></body></html>")
    (tmp_path / "p.html").write_text(page)
    [article], _ = items(tmp_path)
    assert "Putin arrived in Pyongyang" in article.text and "<p>" not in article.text
    assert article.metadata["title"] == "Kim meets Putin"
    assert article.text_origin == "html-extracted"


def test_non_utf8_falls_back_with_a_warning_naming_the_file(tmp_path):
    (tmp_path / "cp.txt").write_bytes("Kim met Putin in Pyongyang – café.".encode("cp1252"))
    [article], _ = items(tmp_path)
    assert "café" in article.text
    assert article.warnings == ["cp.txt: not valid UTF-8 (first bad byte at offset 27); decoded as cp1252"]


def test_decode_bytes_strips_bom():
    assert decode_bytes("\ufeffKim".encode("utf-8"), "x") == ("Kim", None)


def test_manifest_row_without_its_file_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text("Kim met Putin.")
    (tmp_path / "manifest.csv").write_text("source_file,outlet\na.txt,X\nghost.txt,Y\n")
    articles, rejected = items(tmp_path)
    assert articles[0].metadata["outlet"] == "X"
    assert [(r.source_file, r.reason) for r in rejected] == [
        ("ghost.txt", "listed in manifest.csv (row 3) but the file does not exist")]


def test_exports_are_streamed_never_read_whole(tmp_path, monkeypatch):
    from pathlib import Path

    rows = [{"id": f"r{i}", "text": f"Kim met Putin on day {i}.", "outlet": "X"} for i in range(5)]
    (tmp_path / "e.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "e.csv").write_text('id,text\nc1,"Two lines,\nquoted in one cell."\nc2,Plain.\n')

    def refuse(self):
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    items = list(iter_corpus(tmp_path))
    assert [i.article_id for i in items] == ["c1", "c2"] + [f"r{i}" for i in range(5)]
    assert items[0].text == "Two lines,\nquoted in one cell."
    assert [i.source_row for i in items] == [2, 3, 1, 2, 3, 4, 5]


def test_a_non_utf8_line_of_an_export_warns_on_its_own_row(tmp_path):
    data = b"id,text\nc1,Plain.\nc2,Caf\xe9 culture.\nc3,Also plain.\n"
    (tmp_path / "e.csv").write_bytes(data)
    items = list(iter_corpus(tmp_path))
    assert items[1].text == "Café culture."
    # offset 24: 8 bytes of header, 10 of row c1, then "c2,Caf"
    assert [i.warnings for i in items] == [
        [], ["e.csv: not valid UTF-8 (first bad byte at offset 24); decoded as cp1252"], []]


def test_manifest_rows_held_compactly_read_as_the_plain_rows(tmp_path):
    import csv

    from analysis.corpus.load import ManifestRows, read_manifest

    text = ("source_file,article_id, outlet ,event,title\n"
            "a.txt,a,Daily Ledger,flood,First\n"
            "b.txt,b,Daily Ledger,flood,\n"
            "c.txt,c,Metro Herald,merger,Third,extra value\n"
            "a.txt,a2,Metro Herald,flood,Again\n"  # a later row of the same file replaces it
            ",d,Metro Herald,flood,By id\n")
    (tmp_path / "manifest.csv").write_text(text)
    rows, rejections, warnings = read_manifest(tmp_path)
    expected = {}
    for row_no, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        expected[row.get("source_file") or row.get("article_id")] = {**row, "_row": row_no}
    assert isinstance(rows, ManifestRows) and not rejections and not warnings
    assert list(rows) == list(expected) == ["a.txt", "b.txt", "c.txt", "d"]
    assert {key: rows[key] for key in rows} == expected
    assert rows["a.txt"]["article_id"] == "a2" and rows.get("missing") is None
    assert "d" in rows and "a2" not in rows and len(rows) == 4
    assert rows["a.txt"]["event"] is rows["b.txt"]["event"]  # a repeated value is held once
