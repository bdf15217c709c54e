"""Tests for analysis/corpus/boilerplate.py: the line classifier on literal pages (kept and removed)."""

from analysis.corpus import boilerplate
from analysis.corpus.boilerplate import classify_lines, is_protected
from analysis.corpus.clean import clean_lines

BODY = [
    "The city council voted on Tuesday evening to close the old harbour bridge to all heavy "
    "traffic from next spring, after engineers warned that the structure could no longer carry "
    "the weight of the lorries that cross it every day.",
    "The decision follows a report that found corrosion in most of the steel supports, and the "
    "council has asked the regional government to share the cost of the repairs, which could "
    "take as long as three years to finish.",
    "Local shop owners, who depend on deliveries that now use the bridge, have asked the council "
    "to open a temporary route along the river before the closure begins in the spring.",
]
MENU = ["Home", "World", "Business", "Sport", "Weather"]
RELATED = ["Mayor opens new library wing", "Ferry timetable changes this winter",
           "Harbour festival returns in August", "Why the old lighthouse is for sale"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]


def test_menu_before_and_footer_after_the_article_are_outside_it():
    rules = classify_lines(MENU + BODY + FOOTER)
    assert rules == ["outside_article"] * 5 + [""] * 3 + ["outside_article"] * 4


def test_a_run_of_headlines_inside_the_article_is_a_link_list():
    rules = classify_lines(BODY[:2] + RELATED + BODY[2:])
    assert rules == ["", "", "link_list", "link_list", "link_list", "link_list", ""]


def test_a_subheading_between_paragraphs_is_kept():
    rules = classify_lines(BODY[:2] + ["What happens next"] + BODY[2:])
    assert rules == [""] * 4


def test_a_short_lede_next_to_the_article_is_kept():
    lede = "The harbour bridge will close to lorries next spring."
    assert classify_lines(MENU + [lede] + BODY)[5] == ""


def test_protected_lines_next_to_the_article_stay():
    quoted = "“We had no choice,” the council leader told reporters on Tuesday."
    figure = "Repairs are expected to cost 14 million euros in total"
    rules = classify_lines(BODY + [quoted, figure, "Contact"])
    assert rules[3:] == ["", "", "outside_article"]  # the article grows over them
    assert is_protected(quoted) and is_protected(figure) and not is_protected("Contact")


def test_a_protected_line_away_from_the_article_is_outside_it():
    teaser = "Ferry fares to rise by 12 percent from January"
    rules = classify_lines(BODY + FOOTER + [teaser] + MENU)
    assert rules[3:] == ["outside_article"] * (len(FOOTER) + 1 + len(MENU))


def test_a_table_of_figures_away_from_the_article_stays():
    dates = [f"{day} June: closed to lorries from 7 am to 9 pm" for day in range(3, 11)]
    rules = classify_lines(BODY + ["Closures", "Dates"] + ["Contact"] + dates + FOOTER)
    assert rules[6:14] == [""] * 8
    assert rules[3:6] == ["outside_article"] * 3 and rules[14:] == ["outside_article"] * 4


def test_a_teaser_list_after_the_article_is_outside_it():
    teasers = []
    for head in RELATED:
        teasers += [head, f"{head} was announced on Monday after the council met in the town hall "
                          "to discuss the plans with residents and with the owners of the shops "
                          "on the waterfront."]
    rules = classify_lines(BODY + BODY + teasers)
    assert rules[:6] == [""] * 6
    assert rules[6:] == ["outside_article"] * len(teasers)


def test_an_article_split_by_a_gallery_is_kept_whole():
    gallery = [f"Photo {n}: the bridge seen from the north bank" for n in range(1, 7)]
    rules = classify_lines(BODY + gallery + BODY[1:] + FOOTER)
    assert rules[:3] == [""] * 3 and rules[9:11] == ["", ""]
    assert rules[11:] == ["outside_article"] * 4


def test_line_score_weighs_prose_against_furniture():
    assert boilerplate.line_score(BODY[0], "good") == len(BODY[0])
    assert boilerplate.line_score("Home", "short") == -boilerplate.FURNITURE_PENALTY
    assert boilerplate.line_score("The bridge was closed in the night.", "short") == 0


def test_a_page_without_prose_keeps_every_line():
    assert classify_lines(MENU + RELATED) == [""] * 9


def test_comments_after_the_article_are_a_comment_section():
    rules = classify_lines(BODY + ["12 responses to “Harbour bridge to close”", "Great news.",
                                   "About time they fixed it, honestly."])
    assert rules == ["", "", "", "comment_section", "comment_section", "comment_section"]


def test_a_comment_link_above_the_article_does_not_start_a_comment_section():
    rules = classify_lines(["Leave a comment"] + BODY)
    assert rules == ["outside_article", "", "", ""]


def test_the_repeated_headline_starts_the_article():
    headline = "Harbour bridge to close to lorries"
    teaser = ("Ferry timetable changes this winter as the operator plans fewer crossings on "
              "weekdays and the first boat of the morning will leave half an hour later than before.")
    rules = classify_lines([teaser, headline, *BODY], title=f"{headline} - The Harbour Post")
    assert rules == ["outside_article", "outside_article", "", "", ""]


def test_cleaner_logs_classifier_removals_and_keeps_body_verbatim():
    lines = list(enumerate(MENU + [""] + BODY + [""] + FOOTER, start=1))
    result = clean_lines(lines, detect_title=False)
    assert [p.text for p in result.paragraphs] == BODY
    assert {(r.rule, r.action) for r in result.log} == {("outside_article", "removed")}
    assert len(result.log) == len(MENU) + len(FOOTER)


def test_the_classifier_can_be_switched_off():
    lines = list(enumerate(MENU + BODY, start=1))
    assert len(clean_lines(lines, detect_title=False, classify=False).paragraphs) == 8


def test_best_stoplist_follows_the_language_of_the_words():
    english = boilerplate.best_stoplist("the council said that it would be closed".split())
    german = boilerplate.best_stoplist("der rat hat gesagt dass die brücke nicht mehr".split())
    assert "the" in english and "der" not in english
    assert "der" in german and "brücke" not in german and german != english
