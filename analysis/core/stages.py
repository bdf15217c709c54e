"""The analysis stages that ``newsprism analyze`` runs, in order.

Per-article stages are ``"module:function"`` names of ``f(doc, context) -> {table: [row, ...]}``
(a function with ``english_only = True`` is skipped for other languages); corpus stages are
``f(tables, context) -> {table: DataFrame}`` and run once all articles are done. Each stage's
module registers its tables in :mod:`analysis.core.schema` when imported.
"""

ARTICLE_STAGES: list[str] = [
    "analysis.entities.tables:entity_rows",
    "analysis.attribution.stage:attribution_rows",
    "analysis.measures.framing:frame_article",
    "analysis.measures.naming:name_concepts",
    "analysis.measures.descriptors:describe_actors",
    "analysis.measures.hedging:find_hedges",
    "analysis.measures.readability:measure_article",
    "analysis.measures.sentiment:score_article",
    "analysis.measures.voice_sentiment:voice_sentiment",
]

CORPUS_STAGES: list[str] = [
    "analysis.entities.tables:link_entities",
    "analysis.measures.distinctive_terms:terms_stage",
    "analysis.measures.sentiment:summarise_outlets",
    "analysis.compare.stage:compare_pieces",  # keep last: it reads the other stages' tables
]
