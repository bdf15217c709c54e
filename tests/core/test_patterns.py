"""Cue patterns: word boundaries, stems, phrases, apostrophes, regular expressions, case."""

from analysis.core.patterns import compile_cue, find_cues, longest_first


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
    from analysis.measures.frame_validation import read_gold
    from analysis.measures.framing import read_codebooks

    cues = [(f"{b.name}:{f.frame}:{c}", c, False) for b in read_codebooks() for f in b.frames
            for c in f.cues]
    for text in read_gold()["text"]:
        direct = {(k, m.start()) for k, c, _ in cues for m in compile_cue(c).finditer(text)}
        fast = {(h.key, h.start) for h in find_cues(text, cues)}
        assert fast <= direct
        assert {k for k, _ in direct} == {k for k, _ in fast}, text


def _reference_find_cues(text, cues, offset=0):
    """The plain method: every cue's pattern run over the whole text (after the literal check)."""
    from analysis.core.patterns import Hit, required_literal

    found = {}
    lowered = text.lower()
    for key, cue, match_case in cues:
        literal = required_literal(cue)
        if literal and literal not in lowered:
            continue
        for m in compile_cue(cue, match_case).finditer(text):
            if m.end() > m.start():
                found.setdefault(key, []).append(
                    Hit(key, cue, m.start() + offset, m.end() + offset, m.group(0)))
    hits = [h for key_hits in found.values() for h in longest_first(key_hits)]
    return sorted(hits, key=lambda h: (h.start, -h.end, h.key))


def test_indexed_search_finds_what_the_plain_scan_finds():
    import random

    from analysis.core.patterns import INDEX_MIN_CHARS, cue_set
    from analysis.measures.framing import read_codebooks

    cues = [(f.frame, c, False) for b in read_codebooks() for f in b.frames for c in f.cues]
    cues += [("un", "case:UN", False), ("kim", "Kim's country", True), ("k", "kilo*", False),
             ("s", "sanction*", False), ("i", "iran", False), ("re", "re:wa[rt]", False)]
    words = sorted({w.strip("*") for _, c, _ in cues for w in c.split()}) + [
        "\u212ailo", "\u017fanction", "\u0130ran", "\u0131ran", "Kim’s", "soft-war", "UN", "Un",
        "-", ",", ".", "\n\n", "’", "x"]
    rng = random.Random(3)
    prepared = cue_set(tuple(cues))
    for _ in range(60):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(80, 160)))
        assert len(text) >= INDEX_MIN_CHARS  # the indexed search is the one used
        assert find_cues(text, prepared, 7) == _reference_find_cues(text, cues, 7)
        assert find_cues(text, cues) == _reference_find_cues(text, cues)


def test_literals_checked_by_words_find_what_the_plain_scan_finds():
    """Texts whose lower case lines up with them (the Kelvin sign allowed; no long s, dotless or
    dotted capital i): literals are looked up among the words; glued pieces test word edges."""
    import random

    from analysis.core.patterns import _present, cue_set
    from analysis.measures.framing import read_codebooks

    cues = [(f.frame, c, False) for b in read_codebooks() for f in b.frames for c in f.cues]
    cues += [("un", "case:UN", False), ("kim", "Kim's country", True), ("k", "kilo*", False),
             ("s", "sanction*", False), ("re", "re:wa[rt]", False), ("co", "co-operat*", False),
             ("a", "a*", False), ("us", "U.S.", False)]
    words = sorted({w.strip("*") for _, c, _ in cues for w in c.split()}) + [
        "\u212ailo", "Kim’s", "soft-war", "UN", "Un", "U.S.", "x", "Sanctions", "MARKETS", "_war"]
    glue = [" ", " ", " ", "", "-", "’", "'", ", ", ".", "\n\n", "\u00e9"]
    rng = random.Random(8)
    prepared = cue_set(tuple(cues))
    assert prepared.whole_literals and prepared.stem_literals and prepared.other_literals
    for _ in range(60):
        text = "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(20, 160)))
        lowered = text.lower()
        assert len(lowered) == len(text)
        assert _present(prepared, lowered, True) <= {lit for lit in prepared.literals
                                                     if lit in lowered}
        assert find_cues(text, prepared, 7) == _reference_find_cues(text, cues, 7)


def test_word_starts_group_positions_by_the_letters_the_engine_matches():
    from analysis.core.patterns import word_starts

    starts = word_starts("Kim met \u212aim; skim kit")
    assert starts[("K", False)] == [0]
    assert starts[("k", True)] == starts[("K", True)] == [0, 8, 18]  # the Kelvin sign too
    assert starts[("s", False)] == [13] and 14 not in starts[("k", True)]  # "skim": one start


def test_first_char_and_scan():
    import re

    from analysis.core.patterns import first_char, scan

    assert [first_char(c) for c in ("sanction*", "case:UN", " Kim's", "re:war", "'tis", "*")] == [
        "s", "U", "K", "", "", ""]
    pattern = re.compile("aa")
    assert [m.span() for m in scan(pattern, "aaaa", [0, 1, 2])] == [
        m.span() for m in pattern.finditer("aaaa")]


def test_gated_regular_expressions_find_what_each_finds_on_short_texts():
    import random

    from analysis.core.patterns import cue_set
    from analysis.measures.hedging import read_markers

    cues = [(m, c, False) for m, _, c in read_markers()] + [
        ("un", "case:re:U\\.?N\\.?", False), ("grp", "re:(war)s?", False), ("odd", "re:a)|(?:b", False)]
    prepared = cue_set(tuple(cues))
    assert prepared.gate is not None and len(prepared.gated) >= 10
    assert all(cues[n][1] not in ("re:(war)s?", "re:a)|(?:b") for n in prepared.gated)
    words = ["it", "is", "likely", "unlikely", "to", "claimed", "seems", "UN", "un", "U.N.",
             "b", "a", "wars", "appear", "appeared\nto", "no", "doubt", "x", ".", "-"]
    rng = random.Random(4)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        assert find_cues(text, prepared) == _reference_find_cues(text, cues), text


def test_regex_literals_and_the_gate_pre_check():
    import random

    from analysis.measures.naming import label_key, read_concepts
    from tests.conftest import SEED_CORPUS

    SUMMIT_CONCEPTS = str(SEED_CORPUS / "concepts.csv")
    from analysis.core.patterns import cue_set, regex_literals

    assert regex_literals(r"claim(?:s|ed)?") == ["claim"]
    assert regex_literals(r"(?:is|are)\s+believed\s+to") == ["believed"]
    assert regex_literals(r"undoubtedly|no\s+doubt") == ["undoubtedly", "doubt"]
    assert regex_literals(r"x|(?:y)?") == [] and regex_literals("[bad") == []
    cues = [(label_key(c, lab), cue, False) for c, lab, cue in read_concepts(SUMMIT_CONCEPTS)]
    cues += [("un", "case:re:U\\.?N\\.?", False), ("d", "re:undoubtedly|no\\s+doubt", False)]
    prepared = cue_set(tuple(cues))
    assert prepared.gate is not None and prepared.gate_literals  # the pre-check is used
    words = ["Kim", "Jong", "Un", "jong-un", "Chairman", "chairman", "the", "North", "Korea",
             "Ukraine", "crisis", "in", "actions", "action", "no", "doubt", "undoubtedly",
             "U.N.", "UN", "\u212aim", ",", ".", "-", "\n"]
    rng = random.Random(6)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        assert find_cues(text, prepared) == _reference_find_cues(text, cues), text


def test_cue_gate_joins_case_settings():
    from analysis.core.patterns import cue_gate

    gate = cue_gate([("re:un", True), ("re:likely", False)])
    assert gate.search("the UN") is None and gate.search("the un") and gate.search("LIKELY")


def test_odd_folds_are_every_other_character_matching_ascii_ignoring_case():
    import re

    from analysis.core.patterns import _ODD_FOLDS, _ODD_LOWERS

    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    found = {chr(c) for c in range(128, 0x110000) if ascii_class.fullmatch(chr(c))}
    assert found == set(_ODD_FOLDS)
    # lowered, each stays one character but for the dotted I, and all but these lower to ASCII
    assert {ch for ch in found if len(ch.lower()) == 1 and not ch.lower().isascii()} == set(
        _ODD_LOWERS)


def test_leading_text():
    from analysis.core.patterns import leading_text

    assert [leading_text(c) for c in ("sanction*", "case:UN", " Kim's country", "re:war",
                                      "military cooperation", "'tis", "café", "co-operation")] == [
        "sanction", "UN", "Kim", "", "military", "", "", "co-operation"]


def _longest_first_by_comparison(hits):
    """The rule as first written: each hit compared with every kept one."""
    kept = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def test_longest_first_keeps_what_comparing_every_pair_kept():
    import random

    from analysis.core.patterns import Hit

    rng = random.Random(19)
    for _ in range(2000):
        hits = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 30)
            hits.append(Hit(rng.choice("ab"), "cue", start, start + rng.randint(0, 6), "x"))
        assert longest_first(hits) == _longest_first_by_comparison(hits)


def test_one_cue_a_hundred_thousand_times_is_found_in_linear_time():
    # comparing each hit with every kept one took minutes here (issue 19)
    import time

    text = "war " * 100_000
    started = time.perf_counter()
    hits = find_cues(text, [("conflict", "war", False)])
    assert len(hits) == 100_000 and hits[-1].start == len(text) - 4
    assert time.perf_counter() - started < 20


def test_one_pass_of_leading_texts_finds_what_the_plain_scan_finds():
    # the cues' leading texts are found in one Aho-Corasick pass over the folded text
    # (analysis.core.literals); case, white space runs and apostrophe forms as the patterns say
    from analysis.core.patterns import cue_set

    cues = [("a", "military cooperation", False), ("a", "military", False),
            ("b", "case:UN", False), ("c", "Kim's", True), ("d", "sanction*", False),
            ("e", "re:wa[rt]", False), ("f", "it's", False), ("g", "anti-war", False)]
    prepared = cue_set(tuple(cues))
    assert prepared.leading is not None and prepared.unled == (5,)
    for text in ["Military  cooperation and military-cooperation; MILITARY\ncooperation.",
                 "The UN, the Un of Kim Jong Un, un-, UNs; Kim’s and kim's and Kim`s.",
                 "Sanctions, SANCTIONED, ſanction, sanction; It’s it`s IT'S; anti-war, Anti - war",
                 "war, wart, software, \u212aim's", ""]:
        assert find_cues(text, prepared, 3) == _reference_find_cues(text, cues, 3)


def _shipped_cue_sets():
    from analysis.core.patterns import cue_set
    from analysis.measures.framing import codebooks_cues, stage_codebooks
    from analysis.measures.hedging import marker_cues, read_markers
    from analysis.measures.naming import label_cues, stage_concepts

    return [marker_cues(tuple(read_markers())), label_cues(tuple(stage_concepts({})))[1],
            codebooks_cues(tuple(stage_codebooks({}))),
            cue_set((("a", "military cooperation", False), ("b", "case:UN", False),
                     ("c", "Kim's", True), ("d", "sanction*", False), ("e", "re:(wa)[rt]", False),
                     ("f", "re:^the", False), ("g", "re:war$", False), ("h", "anti-war", False)))]


def test_one_pass_over_many_texts_finds_what_each_text_finds():
    # find_cues_each (one matcher pass over an article's sentences) against find_cues per sentence,
    # with the shipped hedging markers, naming concepts and codebooks and a set with anchors
    import random

    from analysis.core.patterns import find_cues_each

    sets = _shipped_cue_sets()
    assert sets[0].unled and set(sets[0].unled) <= sets[0].gated  # the skip is exercised
    words = []
    for prepared in sets:
        for entry in prepared.entries:
            cue = entry[1].removeprefix("case:")
            if not cue.startswith("re:"):
                words.extend(cue.replace("*", "ed").split())
    words += ["it", "is", "likely", "claimed", "seems", "UN", "U.N.", "war", "the", "Kim’s", "x",
              ".", "-", "İran", "ſanction", "\u212aim's", "  ", "\n", "wart", "software", "of"]
    rng = random.Random(20)
    found_any = 0
    for _ in range(300):
        texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
                 for _ in range(rng.randint(0, 9))]
        if rng.random() < 0.3:  # plain sentences without any cue word
            texts = [" ".join(rng.choice(["a", "b", "c", "x", "."]) for _ in range(8)) for _ in texts]
        offsets = [rng.randint(0, 500) for _ in texts]
        for prepared in sets:
            expected = [find_cues(t, prepared, o) for t, o in zip(texts, offsets)]
            assert find_cues_each(texts, prepared, offsets) == expected, texts
            found_any += sum(map(len, expected))
    assert found_any > 1000
