"""Tests for analysis/corpus/clean.py: each rule on literal lines, and the pipeline on the seeds."""

import pytest

from analysis.corpus import clean
from analysis.corpus.clean import clean_lines, restored_prose
from analysis.corpus.repeated_lines import line_key


def lines(*texts):
    return list(enumerate(texts, start=1))


@pytest.mark.parametrize("line, rule", [
    (" date 2024-06-19 Loading... Loading...", "crawler_date"),
    ("Loading... Loading...", "loading_noise"),
    ("RADP / Pulse Nigeria  >  News", "breadcrumb"),
    ("Home > World > Asia", "breadcrumb"),
    ("Advertisement", "advertisement"),
    ("Share on Facebook", "share_subscribe"),
    ("Subscribe to our newsletter", "share_subscribe"),
    ("Read more: Kim visits Moscow", "share_subscribe"),
    ("Last updated: 19 June 2024, 10:32", "last_updated"),
    ("{{ author_name }}", "template_token"),
    ("Putin and Kim in Pyongyang. [Getty Images]", "photo_caption"),
    ("Photo: AFP", "photo_caption"),
    ("Kim Jong Un waves to crowds. © 2024 Reuters", "photo_caption"),
    ("Putin arrives (Sputnik/Pool via AP)", "photo_caption"),
])
def test_noise_lines_are_removed_with_their_rule(line, rule):
    result = clean_lines(lines("Kim met Putin in Pyongyang on Wednesday.", line,
                               "The two leaders signed a pact."), detect_title=False)
    assert rule in [row.rule for row in result.log]
    assert [p.text for p in result.paragraphs] == [
        "Kim met Putin in Pyongyang on Wednesday.", "The two leaders signed a pact."]


@pytest.mark.parametrize("line", [
    "Putin arrived in North Korea early Wednesday morning, marking his return.",
    "Updated figures show exports rose 5 per cent in 2023.",
    "The two leaders sought “to put on a united face to the world in spite of the various crises they face”.",
    "Western nations have been seeking a new entity to oversee North Korea's adherence to sanctions.",
    "Kim, on the other hand, stated that relations are entering a period of “new high prosperity”.",
])
def test_body_lines_survive_verbatim(line):
    result = clean_lines(lines(line), detect_title=False)
    assert result.log == []
    assert result.paragraphs[0].text == line


def test_crawler_date_goes_to_metadata_and_logs_one_row_per_rule():
    result = clean_lines(lines(" date 2024-06-19 Loading... Loading...", "",
                               "Kim met Putin."), detect_title=False)
    assert result.metadata["published"] == "2024-06-19"
    assert [(r.line_no, r.rule, r.action) for r in result.log] == [
        (1, "crawler_date", "changed"), (1, "loading_noise", "removed")]


def test_headline_becomes_title_and_next_name_line_the_author():
    result = clean_lines(lines("Kim tells Putin he fully supports Russia", "", "Jane Doe", "",
                               "Putin arrived in Pyongyang on Wednesday."))
    assert result.metadata["title"] == "Kim tells Putin he fully supports Russia"
    assert result.metadata["author"] == "Jane Doe"
    assert [(p.role, p.raw_line) for p in result.paragraphs] == [("title", 1), ("body", 5)]


def test_a_sentence_is_not_taken_for_a_headline():
    result = clean_lines(lines("Kim Jong Un has extended his support.", "", "Putin smiled."))
    assert all(p.role == "body" for p in result.paragraphs)


def test_caption_directly_above_a_body_line_goes_alone():
    result = clean_lines(lines("Leaders meet. [Getty Images]", "Putin, in turn, spoke."),
                         detect_title=False)
    assert [p.text for p in result.paragraphs] == ["Putin, in turn, spoke."]


def test_section_head_stays_in_text_and_is_recorded():
    result = clean_lines(lines("What Happened: Putin was welcomed.", "", "He left.", "",
                               "Why It Matters: The visit matters."), detect_title=False)
    assert [(p.section, p.text[:13]) for p in result.paragraphs] == [
        ("What Happened", "What Happened"), ("What Happened", "He left."),
        ("Why It Matters", "Why It Matter")]


def test_related_links_list_is_removed():
    result = clean_lines(lines("Kim met Putin.", "Related:", "Putin in Pyongyang",
                               "Kim's train trip", "", "The pact was signed."), detect_title=False)
    assert [r.rule for r in result.log] == ["related_links"] * 3
    assert [p.text for p in result.paragraphs] == ["Kim met Putin.", "The pact was signed."]


def test_hard_wrapped_lines_join_into_one_paragraph():
    result = clean_lines(lines("Russian President Vladimir Putin arrived in Pyongyang on",
                               "Wednesday for talks with", "the North Korean leader."),
                         detect_title=False)
    assert [p.text for p in result.paragraphs] == [
        "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for talks with "
        "the North Korean leader."]


def test_mojibake_is_repaired_but_curly_quotes_kept():
    assert clean.repair_mojibake("Russiaâ€™s war") == "Russia’s war"
    assert clean.repair_mojibake("Kim‘s “new high prosperity”") == "Kim‘s “new high prosperity”"


def test_outlet_patterns_come_from_the_data_file(tmp_path):
    data = tmp_path / "bp.csv"
    data.write_text("outlet,rule,pattern,notes\nDaily X,dx_footer,^Daily X is a member,\n")
    patterns = clean.read_outlet_patterns(str(data))
    text = lines("Kim met Putin.", "Daily X is a member of the press council.")
    kept = clean_lines(text, outlet="Other", detect_title=False, outlet_patterns=patterns)
    dropped = clean_lines(text, outlet="Daily X", detect_title=False, outlet_patterns=patterns)
    assert len(kept.paragraphs) == 2
    assert [r.rule for r in dropped.log] == ["dx_footer"]


def test_ftfy_leaves_ascii_unchanged_so_repair_skips_it():
    import random

    import ftfy

    rng = random.Random(6)
    samples = ["Kim said &amp; left.", "a\r\nb\x1b[31mred\x1b[0m\x00\x07", "fi ligature? no: fi", "''\"\"``"]
    samples += ["".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    for text in samples:
        assert ftfy.fix_text(text, clean.MOJIBAKE_ONLY) == text
        assert clean.repair_mojibake(text) == text


@pytest.mark.parametrize("row", ["| 2 | Maria Lopez | 4120 | 3 |", "Team A | 3 | 1 | 10"])
def test_table_rows_are_not_breadcrumbs(row):
    assert clean.rule_breadcrumb(row) is None


def test_repeated_line_rule_names_the_article_count():
    result = clean_lines(lines("The ferry resumed service on Monday.", "Sign in to comment"),
                         detect_title=False, repeated={"sign in to comment": 5})
    assert [(r.line_no, r.rule, r.result) for r in result.log] == [(2, "repeated_line", "in 5 articles")]
    assert [p.text for p in result.paragraphs] == ["The ferry resumed service on Monday."]



def test_corpus_evidence_never_empties_an_article():
    """Every line recurs elsewhere (a reprint, or a templated corpus): a copy, not boilerplate."""
    body = ("Die Regierung kündigte weitere Gespräche an.", "Beobachter sprechen von einem Kompromiss.")
    repeated = {line_key(text): 4 for text in body}
    result = clean_lines(lines(*body), detect_title=False, repeated=repeated)
    assert result.log == [] and [p.text for p in result.paragraphs] == list(body)

def test_a_sentence_the_extractor_left_out_inside_the_article_is_restored():
    body = [
        "The harbour bridge will close to lorries next spring, the city council decided on "
        "Tuesday evening after engineers warned that the steel supports had corroded badly.",
        "Shop owners on the waterfront asked for a temporary route along the river.",
        "The regional government has been asked to share the cost of the repairs, which could "
        "take as long as three years to finish according to the engineers' own report.",
    ]
    page = lines("Home", "Sport", *body, "Most read", "Ferry fares rise again")
    left_out = {1, 2, 4, 6, 7}  # the extractor dropped the short middle paragraph too
    result = clean_lines(page, detect_title=False, left_out=left_out)
    assert [p.text for p in result.paragraphs] == body
    assert {r.line_no for r in result.log if r.rule == "html_extraction"} == {1, 2, 6, 7}
    # a line outside what the extractor kept, or not a sentence, stays left out
    assert restored_prose(page, {1, 2, 3, 6, 7}) == set()


def test_lines_left_out_by_html_extraction_are_logged_first():
    result = clean_lines(lines("Menu", "The ferry resumed service on Monday."), detect_title=False,
                         left_out={1})
    assert [(r.line_no, r.rule, r.action) for r in result.log] == [(1, "html_extraction", "removed")]
    assert [p.text for p in result.paragraphs] == ["The ferry resumed service on Monday."]


def test_link_headlines_are_logged_and_the_title_is_never_one():
    lines = [(1, "Ferry fares rise to a record"), (2, "The river authority said on Monday that "
             "water levels had fallen to their lowest point in forty years."),
             (3, "New bridge opens to cyclists")]
    result = clean_lines(lines, title="Ferry fares rise to a record", classify=False,
                         link_headlines={1, 3})
    assert [(r.line_no, r.rule, r.action) for r in result.log] == [(3, "link_headline", "removed")]
    assert [p.text for p in result.paragraphs][0] == "Ferry fares rise to a record"
