"""The tables of the cross-outlet comparison, registered in :mod:`analysis.core.schema` in one fixed
order (whatever module is imported first): ``alignment``, ``syndication``, ``stories``,
``facts``, ``quote_matches``, ``comparison_notes``, ``summary``."""

from __future__ import annotations

from analysis.core import schema
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols

EVENT = ("event", "str", "event compared within (manifest `event`; `all` when the corpus has none)")

schema.register(Table("alignment", "Sentences aligned across an event's articles (kind `match`: "
                      "both sentences and the score) and sentences no other outlet's story carries "
                      "(kind `unique`: side b empty).", _cols(
    EVENT,
    ("kind", "str", "`match` (a and b say alike) or `unique` (no other outlet's story says it)"),
    ("article_id_a", "str", "article of sentence a"),
    ("outlet_a", "str", "outlet of sentence a"),
    ("sentence_id_a", "str", "sentence a"),
    ("start_a", "int", "start of sentence a in its article's cleaned text", "code points"),
    ("end_a", "int", "end of sentence a (exclusive)", "code points"),
    ("text_a", "str", "sentence a, verbatim"),
    ("article_id_b", "str", "article of sentence b; empty for `unique`"),
    ("outlet_b", "str", "outlet of sentence b"),
    ("sentence_id_b", "str", "sentence b"),
    ("start_b", "int", "start of sentence b", "code points"),
    ("end_b", "int", "end of sentence b (exclusive)", "code points"),
    ("text_b", "str", "sentence b, verbatim"),
    ("score", "float", "mean of word and char TF-IDF cosine; 0-1, higher = more alike", "cosine"),
    ("word_score", "float", "TF-IDF cosine over word 1-2-grams (stop words dropped)", "cosine"),
    ("char_score", "float", "TF-IDF cosine over character 3-5-grams", "cosine"),
    ("same_source", "bool", "a and b are articles of one story (`stories`): not shared content"),
)))
schema.register(Table("syndication", "Pairs of an event's articles sharing word 5-grams in their "
                      "bodies; `syndicated` marks near-copies of one story.", _cols(
    EVENT,
    ("article_id_a", "str", "first article"),
    ("outlet_a", "str", "its outlet"),
    ("title_a", "str", "its headline"),
    ("article_id_b", "str", "second article"),
    ("outlet_b", "str", "its outlet"),
    ("title_b", "str", "its headline"),
    ("shared_shingles", "int", "word 5-grams the two bodies share", "5-grams"),
    ("containment", "float", "share of the shorter body's 5-grams found in the other; 0-1",
     "fraction"),
    ("resemblance", "float", "Jaccard index of the two 5-gram sets; 0-1", "fraction"),
    ("syndicated", "bool", "the two are articles of one story (`stories` table)"),
    ("source_id", "str", "the story (its original's article id) when syndicated"),
)))
schema.register(Table("stories", "Stories published more than once (a wire text and its reprints): "
                      "one row per article, the earliest-published one the `original`.", _cols(
    EVENT,
    ("story_id", "str", "the story: its original's article id"),
    ARTICLE_ID,
    ("outlet", "str", "outlet of the article"),
    ("title", "str", "its headline"),
    ("published", "str", "publication date or time, as the source gives it"),
    ("role", "str", "`original` (published first; ties: a news agency, then article id) or `copy`"),
    ("containment", "float", "share of the shorter body's 5-grams shared with the original; 1 for "
     "the original", "fraction"),
    ("n_copies", "int", "copies of the story (its articles less the original)", "articles"),
    ("n_outlets", "int", "outlets publishing the story", "outlets"),
)))
schema.register(Table("facts", "Numbers, dates, registry people/organisations/places/outlets and "
                      "unknown capitalised names, per mention, with how many outlets mention each.",
                      _cols(
    EVENT, ARTICLE_ID,
    ("outlet", "str", "outlet of the article"),
    ("fact_id", "str", "`<article_id>:f<n>`"),
    ("kind", "str", "`number`, `date`, `person`, `organisation`, `place`, `outlet` or `name`"),
    ("value", "str", "comparison key: entity id, or normalised number/date/name"),
    ("text", "str", "the mention, verbatim"),
    ("entity_id", "str", "registry entity; empty for numbers, dates and names"),
    ("in_registry", "bool", "False for `name` (a capitalised name the registry does not know)"),
    ("sentence_id", "str", "sentence holding the mention"),
    START, END,
    ("n_outlets", "int", "outlets of the event mentioning this kind+value", "outlets"),
    ("only_outlet", "str", "the outlet when it is the only one mentioning it, else empty"),
    ("language", "str", "language of the article (ISO 639-1); names are found in English only"),
    ("in_copy", "bool", "the article is a later copy of a story (`stories`): counted with the original"),
)))
schema.register(Table("quote_matches", "The same quotation in two outlets' articles, with how its "
                      "wording changed.", _cols(
    ("article_id_a", "str", "article of quote a"),
    ("quote_id_a", "str", "quote a (`quotes` table)"),
    ("article_id_b", "str", "article of quote b"),
    ("quote_id_b", "str", "quote b"),
    ("speaker", "str", "speaker both quotes are attributed to"),
    ("similarity", "float", "0-1: token-set ratio (variant) or word partial ratio (fragment)",
     "ratio"),
    ("match_kind", "str", "`exact`, `variant` (other words) or `fragment` (part of the other)"),
    ("diff", "str", "word diff a -> b: `[-only in a-]`, `{+only in b+}`, `…` = rest of the longer"),
    EVENT,
    ("outlet_a", "str", "outlet of quote a"),
    ("outlet_b", "str", "outlet of quote b"),
    ("text_a", "str", "quote a, verbatim"),
    ("text_b", "str", "quote b, verbatim"),
    ("n_parts", "int", "quotes of one article matching one quote of the other (2+ = split)",
     "quotes"),
    ("copies_a", "str", "outlets that republished article a's story (its quotes are not matched "
     "again)"),
    ("copies_b", "str", "outlets that republished article b's story"),
)))
schema.register(Table("comparison_notes", "What the comparison could and could not compute.",
                      _cols(
    ("piece", "str", "table or measure concerned"),
    ("status", "str", "`ok`, `partial` or `missing`"),
    ("message", "str", "what was done, or what is missing and why"),
)))
SUMMARY_TABLE = schema.register(Table("summary", "One row per outlet, one column per headline measure of the "
                      "comparison (empty where the upstream table is missing).", _cols(
    ("outlet", "str", "outlet; `(unknown)` when the source names none"),
    ("n_articles", "int", "articles, copies included (see `n_copies`)", "articles"),
    ("words_per_article", "float", "mean body words per article", "words"),
    ("words_per_sentence", "float", "body words / body sentences", "words"),
    ("reading_ease", "float", "mean Flesch Reading Ease (readability table); higher = easier",
     "FRE points"),
    ("sentiment", "float", "mean article sentiment (sentiment_articles); -1..1", "score -1..1"),
    ("sentiment_own", "float", "own-voice sentiment (voice_sentiment); -1..1", "score -1..1"),
    ("sentiment_quoted", "float", "sentiment of quoted text; -1..1", "score -1..1"),
    ("sentiment_reported", "float", "sentiment of reported speech; -1..1", "score -1..1"),
    ("dominant_frame", "str", "per codebook, the frame carried by most of the outlet's body "
     "sentences, as `codebook: frame; ...`"),
    ("top_naming", "str", "`concept: label` for its 3 most-named concepts, the label it uses most"),
    ("n_sources", "int", "distinct sources named (sources table; one entity once per outlet)", "sources"),
    ("n_citation_chains", "int", "citation chains (citation_chains table)", "chains"),
    ("n_sentences", "int", "sentences compared (titles included)", "sentences"),
    ("shared_share", "float", "share of its sentences another outlet's story also carries; 0-1", "fraction"),
    ("n_unique_sentences", "int", "sentences no other outlet's story carries", "sentences"),
    ("shared_with", "str", "other outlets it shares aligned sentences with (never itself)"),
    ("n_facts", "int", "distinct facts mentioned (kind+value)", "facts"),
    ("n_unique_facts", "int", "distinct facts no other outlet mentions", "facts"),
    ("n_quote_matches", "int", "quote matches with other outlets", "matches"),
    ("n_quote_variants", "int", "of which `variant` (reworded)", "matches"),
    ("quote_similarity", "float", "mean similarity of its quote matches; 0-1", "ratio"),
    ("n_syndicated", "int", "articles in a story published more than once (original or copy)",
     "articles"),
    ("n_copies", "int", "articles that are later copies of a story: left out of every other "
     "measure of this row, which counts each story once (at its original)", "articles"),
    ("copies_of", "str", "outlets whose stories it republished"),
)))
