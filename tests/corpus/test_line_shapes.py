"""Tests for analysis/corpus/line_shapes.py: each furniture shape on literal lines, removed and kept."""

import pytest

from analysis.corpus.clean import clean_lines
from analysis.corpus.line_shapes import shape_of


@pytest.mark.parametrize("line, shape", [
    ("Thu Mar 7, 2024 11:05 PM", "datetime_stamp"),
    ("Last update on: 07/03/2024", "datetime_stamp"),
    ("Published 14:20 GMT, 2 February 2023", "datetime_stamp"),
    ("5H ago 07:12", "datetime_stamp"),
    ("Oct 3, 2022 at 6:40 am ET • 4 min read", "datetime_stamp"),
    ("4 min read", "reading_time"),
    ("Reading time: 7 minutes", "reading_time"),
    ("Joe BidenXi JinpingG20 SummitBali", "tag_run"),
    ("Tags: Ukraine, Black Sea, grain deal", "tag_run"),
    ("____________________", "separator"),
    ("* * * * *", "separator"),
    ("Article Image", "image_label"),
    ("Image 3 of 12", "image_label"),
    ("Hide caption", "image_label"),
    ("We use cookies to improve your experience on our site.", "cookie_notice"),
    ("By continuing to browse, you accept the use of cookies.", "cookie_notice"),
    ("Share Tweet Email", "share_label"),
    ("Click to share on Reddit (Opens in new window)", "share_label"),
    ("412 Shares", "share_label"),
    ("Facebook Twitter WhatsApp", "share_label"),
])
def test_furniture_lines_have_their_shape(line, shape):
    assert shape_of(line) == shape


@pytest.mark.parametrize("line", [
    "The ministers met on 7 March 2024 in Geneva and agreed to resume talks.",
    "Inflation reached 4.6% in October, the highest since 1992.",
    "$249.00",
    "2-1",
    "He read the statement at 10:30 in front of the embassy.",
    "McDonald's and YouTube were named in the complaint.",
    "The EU rules require sites to ask before storing cookies, regulators said.",
    "Share prices fell 3% on Monday after the announcement.",
    "The photo shows the two leaders shaking hands.",
    "Facebook said it had removed 40 accounts linked to the campaign.",
    "Chapter 5 of 12",
])
def test_body_lines_have_no_shape(line):
    assert shape_of(line) == ""


def test_shapes_are_removed_and_logged_by_the_cleaner():
    result = clean_lines(list(enumerate([
        "Ministers met in Geneva on Thursday to resume talks on the grain corridor.",
        "Thu Mar 7, 2024 11:05 PM",
        "4 min read",
        "____________________",
        "The talks will continue next week, a spokesman said.",
    ], start=1)), detect_title=False)
    assert [(r.line_no, r.rule, r.action) for r in result.log] == [
        (2, "datetime_stamp", "removed"), (3, "reading_time", "removed"), (4, "separator", "removed")]
    assert [p.text for p in result.paragraphs] == [
        "Ministers met in Geneva on Thursday to resume talks on the grain corridor.",
        "The talks will continue next week, a spokesman said."]


@pytest.mark.parametrize("head", ["Most read", "Most Popular", "Latest stories", "Read next", "Editor's picks"])
def test_headline_list_under_a_related_head_is_removed(head):
    result = clean_lines(list(enumerate([
        "Ministers met in Geneva on Thursday to resume talks on the grain corridor.",
        head,
        "Ports reopen after week-long strike",
        "Ten things to know about the new tariff",
        "",
        "The talks will continue next week, a spokesman said.",
    ], start=1)), detect_title=False)
    assert [r.rule for r in result.log] == ["related_links"] * 3
    assert [p.text for p in result.paragraphs][-1] == "The talks will continue next week, a spokesman said."
