"""Where a content starts and ends (analysis/attribution/constructions.py), on invented sentences."""

from analysis.attribution.extract import extract
from analysis.attribution.stage import document_from_text
from analysis.entities.registry import default_registry


def run(text):
    """(speaker phrase, cue, content) of every attribution of ``text``, in text order."""
    doc = document_from_text("t", text)
    return [(a.speaker.text if a.speaker else "", a.cue.form if a.cue else "",
             doc.text[a.content_start:a.content_end])
            for a in extract(doc, default_registry()).attributions]


def test_a_content_ends_before_a_participle_of_the_frame():
    rows = run("Mayor Ana Ruiz said the bridge would reopen in May, adding that the repairs had "
               "cost more than planned.")
    assert rows == [("Mayor Ana Ruiz", "said", "the bridge would reopen in May"),
                    ("Mayor Ana Ruiz", "adding", "that the repairs had cost more than planned.")]
    rows = run("The union said the strike would go on, calling the offer an insult.")
    # the participle speaks for the subject of the cue before it (no name in the clause)
    assert rows == [("The union", "said", "the strike would go on"),
                    ("The union", "calling", "the offer an insult.")]


def test_a_participle_that_is_no_cue_stays_in_the_content():
    rows = run("Ruiz said the river rose quickly, including near the school.")
    assert rows == [("Ruiz", "said", "the river rose quickly, including near the school.")]


def test_a_frame_between_commas_splits_one_content():
    rows = run("The bridge, the mayor said, would reopen in May.")
    assert rows == [("the mayor", "said", "The bridge, the mayor said, would reopen in May.")]
    doc = document_from_text("t", "If the rain stops, engineers said, the bridge would reopen.")
    (found,) = extract(doc, default_registry()).attributions
    parts = [doc.text[s:e].strip(" ,") for s, e in found.content_parts()]
    assert [part for part in parts if part] == ["If the rain stops", "the bridge would reopen."]
    assert [doc.text[s:e] for s, e in found.reported] == ["If the rain stops",
                                                           "the bridge would reopen."]


def test_a_frame_between_commas_before_a_participle_takes_the_words_before_it():
    rows = run("The bridge would reopen in May, the mayor said, adding that the repairs had "
               "cost more.")
    assert rows[0] == ("the mayor", "said", "The bridge would reopen in May")


def test_a_frame_before_a_quotation_keeps_the_quotation_as_content():
    rows = run("On Monday, Ruiz said, “We are done.”")
    assert rows == [("Ruiz", "said", "“We are done.”")]


def test_an_infinitive_after_the_cue_is_a_content_not_an_adjunct():
    rows = run("Though she has not spoken much on housing, Ruiz promised to build more homes.")
    assert rows == [("Ruiz", "promised", "to build more homes.")]
    rows = run("The plan is dead, Ruiz said to the crowd.")
    assert rows == [("Ruiz", "said", "The plan is dead")]


# Fourth round (docs/attribution.md): cues found but not read


def test_a_progressive_cue_of_two_words_is_no_passive():
    rows = run("Councillor Mara Vey is pushing for a new ferry terminal in Osterby.")
    assert rows == [("Councillor Mara Vey", "pushing for", "a new ferry terminal in Osterby.")]


def test_by_before_a_gerund_is_no_passive_agent():
    rows = run("Tomas Brell responded by explaining that the pier was closed for repairs.")
    assert rows == [("Tomas Brell", "responded",
                     "by explaining that the pier was closed for repairs.")]
    rows = run("Tomas Brell was praised by the harbour board for the repairs.")
    assert rows == [("the harbour board", "praised", "Tomas Brell")]


def test_adverbs_and_auxiliaries_between_subject_and_cue():
    assert run("Ana Ruiz has since said that the pier must close.") == [
        ("Ana Ruiz", "said", "that the pier must close.")]
    assert run("Harbour officials cannot yet say when the pier will reopen.") == [
        ("Harbour officials", "say", "when the pier will reopen.")]


def test_a_coordinated_cue_after_auxiliaries_and_adverbs():
    assert run("Ana Ruiz toured the pier on Monday and has since said that it must close.") == [
        ("Ana Ruiz", "said", "that it must close.")]
    assert run("Ana Ruiz toured the pier and formally backed the repair plan.") == [
        ("Ana Ruiz", "backed", "the repair plan.")]


def test_a_possessive_before_a_noun_cue_of_speech():
    assert run("Ana Ruiz was blunt in her attacks on the ferry company.") == [
        ("her", "attacks", "on the ferry company.")]
    assert run("The vote was a blow to Mr. Brell's repeated promise to build a second pier.") \
        == [("Mr. Brell's", "promise", "to build a second pier.")]


def test_a_possessive_before_a_plan_or_inside_a_content_is_no_source():
    assert run("Voters liked Ruiz’s plan for a new pier.") == []
    rows = run("Ana Ruiz said the council had ignored Mr. Brell's repeated promise to build a "
               "pier.")
    assert rows == [("Ana Ruiz", "said",
                     "the council had ignored Mr. Brell's repeated promise to build a pier.")]


def test_a_name_before_an_appositive_the_role_rules_do_not_read():
    assert run("Dana Roe, Osterby organiser for the ferry union, said the pier would close.") \
        == [("Dana Roe", "said", "the pier would close.")]


def test_a_stance_cue_in_an_infinitive_after_a_verb_that_is_no_stance():
    assert run("Ana Ruiz used the council meeting to endorse the pier plan.") == [
        ("Ana Ruiz", "endorse", "the pier plan.")]
    assert run("Ana Ruiz wants to support the pier plan.") == [
        ("Ana Ruiz", "wants", "to support the pier plan.")]


def test_by_before_a_gerund_that_is_no_cue_reads_nothing():
    assert run("The ferry company responded by cutting fares.") == []
