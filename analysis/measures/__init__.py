"""Per-article measures and their outlet summaries: ``sentiment`` (VADER), ``voice_sentiment``
(own words vs quoted vs reported), ``readability`` (textstat), ``framing`` and its agreement with
hand coding (``frame_validation``), ``naming`` (label choices), ``hedging`` and
``distinctive_terms`` (weighted log-odds). Methods: ``docs/``.

May import: ``analysis.core``, ``analysis.corpus``, ``analysis.entities``, ``analysis.attribution``.
"""
