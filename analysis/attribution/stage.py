"""The attribution stage of ``newsprism analyze``: tables of attributions, quotations, sources
and citation chains (method in :mod:`analysis.attribution.extract`, notes in ``docs/attribution.md``)."""

from __future__ import annotations

import re

from analysis.attribution.extract import Extraction, extract, paragraph_at
from analysis.attribution.voice import voice_spans
from analysis.core import schema
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.corpus.document import Document, Paragraph, Sentence, words_in
from analysis.corpus.segment import split_sentences

_TYPES = ", ".join(f"`{k}`" for k in schema.SOURCE_TYPES)

register(Table("attributions", "One row per attribution (source + cue + content, as in PARC and "
               "PolNeAR); a quotation joined by adjacency is its own row with an empty cue.", _cols(
    ARTICLE_ID,
    ("attribution_id", "str", "`<article_id>:a<n>`, n from 0 in text order"),
    ("kind", "str", "`direct` (content all inside quotation marks), `mixed` (quoted words and "
                    "paraphrase) or `indirect` (no quotation marks)"),
    ("speaker", "str", "who: the entity's canonical name (registry name with aliases merged, or "
                       "the discovered person's or organisation's full name in the article), "
                       "never with a title or role; an unnamed person is the role with the "
                       "affiliation (\"spokesman (Department of Transportation)\"), else the "
                       "noun phrase; a pronoun is resolved to the nearest named person before "
                       "it; empty = unresolved"),
    ("speaker_role", "str", "the speaker's role, lower case (\"fire chief\"), from the phrase or "
                            "the entity; empty when none"),
    ("speaker_type", "str", f"source type: {_TYPES}"),
    ("speaker_start", "int", "first character of the speaker phrase as written", "code points"),
    ("speaker_end", "int", "one past the last character of the speaker phrase", "code points"),
    ("cue", "str", "the cue as written (said, according to, reported); empty for a quotation "
                   "tied by adjacency"),
    ("cue_class", "str", "`neutral` or `loaded` (analysis/resources/cue_verbs.csv)"),
    ("hedge", "str", "hedge marker before the cue (reportedly, allegedly); empty when none"),
    ("content", "str", "what is attributed, verbatim"),
    ("content_start", "int", "first character of the content", "code points"),
    ("content_end", "int", "one past the last character of the content", "code points"),
    ("paragraph_id", "str", "paragraph holding the cue (or the quotation)"),
    ("speaker_text", "str", "the speaker phrase as written, with its title or role"),
    ("speaker_how", "str", "`registry`, `name`, `role`, `pronoun` (resolved) or `unresolved`"),
    ("cue_lemma", "str", "lemma of the cue"),
    ("linked_by", "str", "`adjacent:<attribution_id>` when tied to a neighbouring attribution"),
    ("parent_id", "str", "attribution whose quotation or content holds this one (a cited source's source)"),
    ("n_quotes", "int", "quotations inside the content", "quotations"),
)))
register(Table("quotes", "One row per quotation-mark span (top level; a quote inside a quote is "
               "part of its outer quote).", _cols(
    ARTICLE_ID,
    ("quote_id", "str", "`<article_id>:q<n>`, n from 0 in text order"),
    ("attribution_id", "str", "attribution the quotation belongs to; empty when none"),
    ("kind", "str", "`quotation`, `scare` (short, unattributed) or `title` (after titled/called)"),
    ("text", "str", "the words inside the marks"),
    START, END,
    ("speaker", "str", "speaker of its attribution; empty when none or unresolved"),
    ("paragraph_id", "str", "paragraph holding the opening mark"),
    ("closed", "bool", "False when no closing mark was found before the paragraph end"),
)))
register(Table("sources", "One row per source an article attributes something to (per article; "
               "the summary's `n_sources` and the sourcing report count an outlet's distinct "
               "sources, an entity once).", _cols(
    ARTICLE_ID,
    ("source", "str", "speaker name as in `attributions.speaker`"),
    ("source_type", "str", f"source type: {_TYPES}"),
    ("n_attributions", "int", "attributions to this source in the article", "attributions"),
    ("cue_classes", "str", "`|`-separated cue classes used for this source"),
)))
register(Table("citation_chains", "Who cites whom: the article's outlet cites each source "
               "(depth 1); a source cites another (depth 2: \"CNN, who quoted TASS\").", _cols(
    ARTICLE_ID,
    ("citing", "str", "the citing party: the article's outlet (or article id), or a source"),
    ("cited", "str", "the cited source"),
    ("cue", "str", "the cue of the citation, lower-case"),
    ("depth", "int", "1 = cited by the article, 2 = cited by a source the article cites"),
)))


register(Table("voice_spans", "The body cut into stretches of one voice (own, quoted, reported), "
               "without gaps inside a paragraph.", _cols(
    ARTICLE_ID,
    START, END,
    ("voice", "str", "`own`, `quoted` or `reported` (see the shared vocabulary)"),
    ("attribution_id", "str", "attribution the stretch belongs to; empty for own voice"),
    ("n_words", "int", "word tokens in the stretch", "words"),
)))


def attribution_rows(doc: Document, context) -> dict[str, list[dict]]:
    """Rows of ``attributions``, ``quotes``, ``sources``, ``citation_chains`` and ``voice_spans``
    for one article."""
    found = extract(doc, context.registry)
    rows = tables_from_extraction(doc, found)
    rows["voice_spans"] = [
        {"article_id": doc.article_id, "start": v.start, "end": v.end, "voice": v.voice,
         "attribution_id": v.attribution_id, "n_words": words_in(doc, doc.text[v.start:v.end])}
        for v in voice_spans(doc, context, found)]
    return rows


attribution_rows.english_only = True


def tables_from_extraction(doc: Document, found: Extraction) -> dict[str, list[dict]]:
    """Table rows from an :class:`~analysis.attribution.extract.Extraction`."""
    aid, text = doc.article_id, doc.text
    attributions = []
    for a in found.attributions:
        sp = a.speaker
        attributions.append({
            "article_id": aid, "attribution_id": a.attribution_id, "kind": a.kind,
            "speaker": sp.name if sp else "", "speaker_role": sp.role if sp else "",
            "speaker_type": sp.source_type if sp else "unknown",
            "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
            "cue": a.cue.form if a.cue else "", "cue_class": a.cue.cue_class if a.cue else "",
            "hedge": a.hedge, "content": text[a.content_start:a.content_end],
            "content_start": a.content_start, "content_end": a.content_end,
            "paragraph_id": a.paragraph_id, "speaker_text": sp.text if sp else "",
            "speaker_how": sp.how if sp else "unresolved",
            "cue_lemma": a.cue.lemma if a.cue else "", "linked_by": a.linked_by,
            "parent_id": a.parent_id, "n_quotes": len(a.quotes),
        })
    by_id = {a.attribution_id: a for a in found.attributions}
    paragraph_of = {q.start: getattr(paragraph_at(doc, q.start, default=None), "paragraph_id", "")
                    for q in found.quotes}
    quotes = []
    for n, q in enumerate(found.quotes):
        owner = found.quote_owner.get(q.start, "")
        speaker = by_id[owner].speaker_name if owner else ""
        quotes.append({
            "article_id": aid, "quote_id": f"{aid}:q{n}", "attribution_id": owner,
            "kind": found.quote_kind[q.start], "text": q.inner(text), "start": q.start,
            "end": q.end, "speaker": speaker, "paragraph_id": paragraph_of[q.start],
            "closed": q.closed,
        })
    return {"attributions": attributions, "quotes": quotes,
            "sources": source_rows(aid, attributions),
            "citation_chains": [{"article_id": aid, "citing": c, "cited": d, "cue": cue,
                                 "depth": depth} for c, d, cue, depth in found.chains]}


def source_rows(article_id: str, attributions: list[dict]) -> list[dict]:
    """One row per named source, in order of first attribution (relayed sources included)."""
    rows: dict[str, dict] = {}
    for a in attributions:
        if not a["speaker"]:
            continue
        row = rows.setdefault(a["speaker"], {"article_id": article_id, "source": a["speaker"],
                                             "source_type": a["speaker_type"],
                                             "n_attributions": 0, "cue_classes": []})
        row["n_attributions"] += 1
        if a["cue_class"] and a["cue_class"] not in row["cue_classes"]:
            row["cue_classes"].append(a["cue_class"])
    for row in rows.values():
        row["cue_classes"] = "|".join(row["cue_classes"])
    return list(rows.values())


def document_from_text(doc_id: str, text: str) -> Document:
    """A Document over ``text`` as given (offsets unchanged), a paragraph per line, all with role
    body: for texts that come without cleaning (tests, the PolNeAR benchmark)."""
    paragraphs, sentences = [], []
    for match in re.finditer(r"[^\n]+", text):
        if not match.group(0).strip():
            continue
        index = len(paragraphs)
        pid = f"{doc_id}:p{index}"
        paragraphs.append(Paragraph(pid, index, "body", "", 0, match.start(), match.end(),
                                    match.group(0)))
        for s, e in split_sentences(match.group(0), match.start()):
            sentences.append(Sentence(f"{doc_id}:s{len(sentences)}", len(sentences), pid, "body",
                                      s, e, text[s:e]))
    return Document(doc_id, text, {}, paragraphs, sentences)



__all__ = ["attribution_rows", "tables_from_extraction", "source_rows", "document_from_text",
           "schema"]
