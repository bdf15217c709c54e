"""Who and what an article is about: the entity registry of people, organisations, outlets and
places with their aliases and types (``registry``).

May import: ``analysis.core``, ``analysis.corpus``.
"""
