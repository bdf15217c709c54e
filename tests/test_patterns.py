"""Cue patterns: word boundaries, stems, phrases, apostrophes, regular expressions, case."""

from analysis.patterns import compile_cue, find_cues, longest_first


def _matches(cue, text):
    return [m.group(0) for m in compile_cue(cue).finditer(text)]


def test_word_boundaries():
    assert _matches("war", "war, software, warned, Warsaw, the war.") == ["war", "war"]


def test_stem_and_phrase_and_hyphen():
    assert _matches("sanction*", "sanctions and sanctioned; sanction") == [
        "sanctions", "sanctioned", "sanction"]
    assert _matches("military cooperation", "military-cooperation, military\ncooperation") == [
        "military-cooperation", "military\ncooperation"]


def test_any_apostrophe():
    text = "Kim's country, Kim’s country, Kim‘s country"
    assert len(_matches("Kim's country", text)) == 3


def test_regex_and_case():
    assert _matches("re:(?:is|are) likely to", "It is likely to rain; they are likely to") == [
        "is likely to", "are likely to"]
    assert _matches("case:UN", "Kim Jong Un at the UN") == ["UN"]
    assert _matches("UN", "Kim Jong Un at the UN") == ["Un", "UN"]


def test_overlaps_within_a_key_keep_the_longest():
    hits = find_cues("boost military cooperation", [("mil", "military", False),
                                                    ("mil", "military cooperation", False),
                                                    ("other", "military", False)], offset=10)
    assert [(h.key, h.match, h.start) for h in hits] == [
        ("mil", "military cooperation", 16), ("other", "military", 16)]
    assert [h.match for h in longest_first(hits)] == ["military cooperation"]


def test_pre_check_never_hides_a_match():
    from analysis.frame_validation import read_gold
    from analysis.framing import read_codebooks

    cues = [(f"{b.name}:{f.frame}:{c}", c, False) for b in read_codebooks() for f in b.frames
            for c in f.cues]
    for text in read_gold()["text"]:
        direct = {(k, m.start()) for k, c, _ in cues for m in compile_cue(c).finditer(text)}
        fast = {(h.key, h.start) for h in find_cues(text, cues)}
        assert fast <= direct
        assert {k for k, _ in direct} == {k for k, _ in fast}, text
