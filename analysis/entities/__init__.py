"""Who and what an article is about: people, organisations and places found in the text
(``discovery``, places from the ``gazetteer``), linked across an event and written as the
``entities`` and ``mentions`` tables (``tables``); the ``lookup`` of a speaker phrase; the source
typology (``source_types``); and the ``registry`` that overrides what discovery cannot know.
Method: ``docs/entities.md``.

May import: ``analysis.core``, ``analysis.corpus``.
"""
