"""The analysis stages that ``newsprism analyze`` runs, in order.

Per-article stages are ``"module:function"`` names of ``f(doc, context) -> {table: [row, ...]}``
(a function with ``english_only = True`` is skipped for other languages); corpus stages are
``f(tables, context) -> {table: DataFrame}`` and run once all articles are done. Each stage's
module registers its tables in :mod:`analysis.schema` when imported.
"""

ARTICLE_STAGES: list[str] = [
    "analysis.entity_tables:entity_rows",
    "analysis.sourcing:attribution_rows",
    "analysis.framing:frame_article",
    "analysis.naming:name_concepts",
    "analysis.hedging:find_hedges",
    "analysis.readability:measure_article",
    "analysis.sentiment:score_article",
    "analysis.voicesplit:voice_sentiment",
]

CORPUS_STAGES: list[str] = [
    "analysis.entity_tables:link_entities",
    "analysis.logodds:terms_stage",
    "analysis.sentiment:summarise_outlets",
    "analysis.compare:compare_pieces",  # keep last: it reads the other stages' tables
]
