"""Tests for analysis/corpus/load.py on bad input: every case is one rejection or one warning naming
the file, and the good file beside it still comes through (docs/reliability.md lists them)."""

import json
import os
import socket

import pytest

from analysis.corpus.load import RawArticle, Rejection, iter_corpus

GOOD = "Kim met Putin in Pyongyang on Wednesday. They signed a pact.\n"


def corpus_with(tmp_path, **files) -> tuple[dict, dict, dict]:
    """A corpus of ``good.txt`` plus ``files`` (name -> bytes); (articles by file, rejection
    reasons by file, warnings by file)."""
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(GOOD)
    for name, data in files.items():
        path = folder / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return load(folder)


def load(folder):
    found = list(iter_corpus(folder))
    articles = {i.source_file: i for i in found if isinstance(i, RawArticle)}
    rejected = {i.source_file: i.reason for i in found if isinstance(i, Rejection)}
    warnings = {i.source_file: i.warnings for i in found if isinstance(i, RawArticle) and i.warnings}
    assert articles["good.txt"].text == GOOD  # the good file always comes through
    return articles, rejected, warnings


def test_csv_with_old_mac_line_endings_is_read_with_a_warning(tmp_path):
    data = b"id,title,text\r1,One,Kim met Putin.\r2,Two,\"Putin met Kim.\rThey talked.\"\r"
    articles, rejected, warnings = corpus_with(tmp_path, **{"mac.csv": data})
    rows = [a for f, a in articles.items() if f == "mac.csv"]
    assert not rejected
    found = [a for a in iter_corpus(tmp_path / "corpus") if getattr(a, "source_file", "") == "mac.csv"]
    assert [(a.article_id, a.text) for a in found] == [("1", "Kim met Putin."),
                                                        ("2", "Putin met Kim.\rThey talked.")]
    assert rows and "lines end in CR alone (old Mac)" in found[0].warnings[0]


def test_jsonl_line_of_deeply_nested_arrays_is_one_rejected_line(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    data = (json.dumps({"text": "Kim met Putin."}) + "\n" + f'{{"text": {deep}}}\n').encode()
    articles, rejected, _ = corpus_with(tmp_path, **{"deep.jsonl": data})
    assert rejected == {"deep.jsonl": "line 2: JSON nested too deeply to read"}
    assert articles["deep.jsonl"].text == "Kim met Putin."


def test_lone_surrogate_escapes_in_jsonl_are_replaced_and_warned(tmp_path):
    data = b'{"text": "Kim met \\ud800 Putin.", "title": "Pact \\udfff"}\n'
    articles, rejected, warnings = corpus_with(tmp_path, **{"s.jsonl": data})
    article = articles["s.jsonl"]
    assert not rejected
    assert article.text == "Kim met \ufffd Putin." and article.metadata["title"] == "Pact \ufffd"
    assert warnings["s.jsonl"] == ["s.jsonl: lone surrogate code point(s) in text, title replaced "
                                   "by U+FFFD"]
    article.text.encode("utf-8")  # writable


def test_symlink_loop_dangling_link_and_folder_link_are_rejected(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("missing.txt", folder / "dangling.txt")
    os.symlink("..", folder / "up")  # a folder link that would make the walk endless
    _, rejected, _ = load(folder)
    assert rejected == {
        "loop-a.txt": "symbolic link loop", "loop-b.txt": "symbolic link loop",
        "dangling.txt": "dangling symbolic link (its target does not exist)",
        "up": "symbolic link to a folder, not followed (copy the folder into the corpus instead)",
    }


def test_a_link_to_a_file_is_read(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (tmp_path / "elsewhere.txt").write_text("Putin met Kim. They talked.\n")
    os.symlink(tmp_path / "elsewhere.txt", folder / "linked.txt")
    articles, rejected, _ = load(folder)
    assert articles["linked.txt"].text == "Putin met Kim. They talked.\n" and not rejected


def test_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Putin met Kim. They talked.\n")
    articles, rejected, warnings = load(folder)
    assert not rejected and "caf\\xe9.txt" in articles
    assert warnings["caf\\xe9.txt"] == ["caf\\xe9.txt: file name is not valid UTF-8; recorded with "
                                        "\\x escapes for the bytes that are not"]
    assert articles["caf\\xe9.txt"].article_id == "caf-xe9"


def test_special_files_are_skipped_with_a_reason(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    os.mkfifo(folder / "pipe.txt")  # reading it would wait for ever
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "sock.txt"))
        _, rejected, _ = load(folder)
    finally:
        server.close()
    assert rejected == {"pipe.txt": "not a regular file (a named pipe); skipped",
                        "sock.txt": "not a regular file (a socket); skipped"}


def test_latin1_manifest_is_decoded_and_warned(tmp_path):
    manifest = "source_file,outlet,title\ngood.txt,Le Café,Sommet à Pyongyang\n".encode("latin-1")
    articles, rejected, warnings = corpus_with(tmp_path, **{"manifest.csv": manifest})
    assert not rejected
    assert articles["good.txt"].metadata["outlet"] == "Le Café"
    assert articles["good.txt"].metadata["title"] == "Sommet à Pyongyang"
    assert warnings["good.txt"] == ["manifest.csv: not valid UTF-8 (first bad byte at offset 40); "
                                    "decoded as cp1252"]


def test_manifest_in_a_sub_folder_applies_to_its_files(tmp_path):
    manifest = b"source_file,outlet\nb.txt,Sub Outlet\nghost.txt,Nobody\n"
    articles, rejected, _ = corpus_with(tmp_path, **{"sub__manifest.csv": manifest,
                                                     "sub__b.txt": b"Putin met Kim. They talked.\n"})
    assert articles["sub/b.txt"].metadata["outlet"] == "Sub Outlet"
    assert rejected == {"sub/ghost.txt": "listed in sub/manifest.csv (row 3) but the file does "
                                         "not exist"}


def test_utf16_with_its_byte_order_mark_is_text(tmp_path):
    text = "Kim met Putin in Pyongyang. Café talks followed.\n"
    articles, rejected, warnings = corpus_with(tmp_path, **{
        "le.txt": text.encode("utf-16"),  # BOM + little-endian
        "be.txt": b"\xfe\xff" + text.encode("utf-16-be"),
        "t.csv": "text,outlet\nKim met Putin.,Le Café\n".encode("utf-16")})
    assert not rejected and not warnings
    assert articles["le.txt"].text == text and articles["be.txt"].text == text
    assert articles["t.csv"].text == "Kim met Putin." and articles["t.csv"].metadata["outlet"] == "Le Café"


def test_nul_bytes_after_the_first_8_kib_are_binary(tmp_path):
    data = b"Kim met Putin. " * 700 + b"\x00\x01\x02binary tail"
    _, rejected, _ = corpus_with(tmp_path, **{"late.txt": data})
    assert rejected == {"late.txt": "binary file, not text (NUL byte at offset 10500)"}


def test_unknown_encoding_is_detected_and_named(tmp_path):
    russian = "Путин прибыл в Пхеньян в среду. Лидеры подписали договор о партнёрстве.\n"
    articles, rejected, warnings = corpus_with(tmp_path, **{"ru.txt": russian.encode("cp1251")})
    assert not rejected and articles["ru.txt"].text == russian
    assert warnings["ru.txt"] == ["ru.txt: not valid UTF-8 (first bad byte at offset 0); decoded as cp1251"]


def test_front_matter_with_aliases_is_refused_at_once(tmp_path):
    laughs = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs += f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
    laughs += "title: boom\n---\nKim met Putin.\n"
    assert len(laughs) < 1024
    _, rejected, _ = corpus_with(tmp_path, **{"laughs.md": laughs.encode()})
    assert rejected == {"laughs.md": "front matter is not valid YAML: aliases (*name) are not allowed"}


def test_front_matter_over_the_size_limit_is_refused(tmp_path):
    data = ("---\ntitle: x\nnotes: " + "y" * 70_000 + "\n---\nKim met Putin.\n").encode()
    _, rejected, _ = corpus_with(tmp_path, **{"big.md": data})
    assert rejected == {"big.md": "front matter over 65,536 characters"}


def test_csv_the_reader_cannot_parse_keeps_the_rows_before_it(tmp_path):
    data = b"text,title\nKim met Putin.,One\nPutin\rmet,Two\nLater.,Three\n"  # a lone CR mid-line
    articles, rejected, _ = corpus_with(tmp_path, **{"mixed.csv": data})
    assert articles["mixed.csv"].text == "Kim met Putin."
    assert rejected == {"mixed.csv": "after row 2: not valid CSV (new-line character seen in "
                                     "unquoted field - do you need to open the file in "
                                     "universal-newline mode?); the rest of the file skipped"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_rejected(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "secret.txt").write_text("x")
    (folder / "secret.txt").chmod(0)
    _, rejected, _ = load(folder)
    assert rejected == {"secret.txt": "cannot be read: Permission denied"}
