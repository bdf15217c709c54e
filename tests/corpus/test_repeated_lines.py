"""Tests for analysis/corpus/repeated_lines.py: corpus evidence, attached to articles and logged."""

from analysis.corpus import repeated_lines
from analysis.corpus.document import document_from_raw
from analysis.corpus.load import RawArticle
from analysis.corpus.repeated_lines import EVIDENCE_KEY, line_key, with_repeated_lines
from analysis.run.pipeline import analyze

FOOTER = "Follow the Valley Courier on Mastodon for more local news"
STORIES = [
    "The valley's only cinema reopened on Friday after a two-year renovation.",
    "Farmers in the valley expect a smaller apple harvest after the late frost.",
    "The regional train line will run every half hour from December.",
    "A new footbridge over the river opened to walkers and cyclists on Sunday.",
]


def article(n: int, outlet: str, *lines: str) -> RawArticle:
    return RawArticle(f"a{n}", f"a{n}.txt", "\n\n".join(lines), {"outlet": outlet})


def courier(n: int) -> RawArticle:
    return article(n, "Valley Courier", STORIES[n], FOOTER)


def test_a_line_in_several_articles_of_an_outlet_is_evidence():
    items = list(with_repeated_lines(lambda: [courier(n) for n in range(4)]))
    assert all(item.metadata[EVIDENCE_KEY] == {line_key(FOOTER): 4} for item in items)


def test_too_few_articles_or_other_outlets_give_no_evidence():
    two = [courier(0), courier(1), article(2, "Other Paper", STORIES[2], FOOTER)]
    assert all(EVIDENCE_KEY not in item.metadata for item in with_repeated_lines(lambda: two))


def test_articles_without_an_outlet_are_not_counted():
    items = [article(n, "", STORIES[n], FOOTER) for n in range(4)]
    assert all(EVIDENCE_KEY not in item.metadata for item in with_repeated_lines(lambda: items))


def test_long_shared_paragraphs_are_body_not_evidence():
    background = ("The valley has been without a hospital since 2019, when the old building was "
                  "closed after an inspection found serious faults in its heating and wiring, and "
                  "patients have since travelled an hour to the city for treatment.")
    assert len(background) > repeated_lines.REPEAT_MAX_CHARS
    items = [article(n, "Valley Courier", STORIES[n], background) for n in range(4)]
    assert all(EVIDENCE_KEY not in item.metadata for item in with_repeated_lines(lambda: items))


def test_a_line_in_few_of_an_outlets_many_articles_is_not_evidence():
    quote = "“We will not give up,” the mayor said."
    items = [article(n, "Valley Courier", f"Story number {n} about the valley.",
                     *([quote] if n < 3 else [])) for n in range(20)]
    assert all(EVIDENCE_KEY not in item.metadata for item in with_repeated_lines(lambda: items))


def test_cleaning_removes_the_repeated_line_and_logs_the_article_count():
    item = list(with_repeated_lines(lambda: [courier(n) for n in range(4)]))[0]
    doc = document_from_raw(item)
    assert doc.body_text() == STORIES[0]
    assert [(r.rule, r.action, r.original, r.result) for r in doc.log] == [
        ("repeated_line", "removed", FOOTER, "in 4 articles")]


def test_analyze_finds_repeated_lines_across_the_corpus(tmp_path):
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(f"{STORIES[n]}\n\n{FOOTER}\n")
    (tmp_path / "manifest.csv").write_text(
        "source_file,outlet\n" + "".join(f"{n}.txt,Valley Courier\n" for n in range(4)))
    log = analyze(tmp_path, jobs=1).tables["cleaning_log"]
    assert sorted(log["rule"]) == ["repeated_line"] * 4
    assert set(log["result"]) == {"in 4 articles"}


def test_a_reporters_byline_in_many_articles_stays_the_author():
    items = [article(n, "Valley Courier", "Valley cinema reopens", "By Ines Varga", STORIES[n], FOOTER)
             for n in range(4)]
    doc = document_from_raw(list(with_repeated_lines(lambda: items))[0])
    assert doc.metadata["author"] == "Ines Varga"
    assert [r.rule for r in doc.log] == ["byline", "repeated_line"]


def test_a_small_corpus_is_read_once_and_a_large_one_twice(monkeypatch):
    reads = []

    def read():
        reads.append(1)
        return [courier(n % 4) for n in range(8)]

    assert len(list(with_repeated_lines(read))) == 8 and len(reads) == 1
    monkeypatch.setattr(repeated_lines, "REUSE_MAX_ITEMS", 5)
    reads.clear()
    items = list(with_repeated_lines(read))
    assert len(reads) == 2 and all(EVIDENCE_KEY in item.metadata for item in items)


def test_only_counts_that_can_be_evidence_are_kept_for_the_second_pass():
    articles = [courier(n % 4) for n in range(6)] + [article(9, "Valley Courier", STORIES[0])]
    lines, per_outlet = repeated_lines.count_lines(articles)
    kept = repeated_lines.frequent(lines)
    assert kept and len(kept) < len(lines)
    assert all(n >= repeated_lines.REPEAT_MIN_ARTICLES for n in kept.values())
    assert {k: n for k, n in lines.items() if n >= repeated_lines.REPEAT_MIN_ARTICLES} == kept
    for item in articles:  # the evidence found from the kept counts is the evidence of all
        assert (repeated_lines.repeated_in(item, kept, per_outlet)
                == repeated_lines.repeated_in(item, lines, per_outlet))
