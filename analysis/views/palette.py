"""One colour per outlet, the same on every report page.

Colours are given by position of the outlet's name in the sorted list of all outlets of the corpus
(never by the order a table happens to list them), so every page that passes the corpus's outlets
gives an outlet the same colour. The palette is colour-blind safe: the eight colours of Okabe & Ito
(2008, "Color Universal Design") without black and yellow, then four of Paul Tol's "muted" scheme
(2021, https://personal.sron.nl/~pault/) that differ from them. Beyond ``len(PALETTE)`` outlets the
colours repeat; charts with that many outlets name every outlet on an axis (never in a legend
alone), so colour is a reminder, not the only key.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

PALETTE = (
    "#0072B2",  # blue (Okabe-Ito)
    "#E69F00",  # orange (Okabe-Ito)
    "#009E73",  # bluish green (Okabe-Ito)
    "#D55E00",  # vermillion (Okabe-Ito)
    "#CC79A7",  # reddish purple (Okabe-Ito)
    "#56B4E9",  # sky blue (Okabe-Ito)
    "#332288",  # indigo (Tol muted)
    "#999933",  # olive (Tol muted)
    "#882255",  # wine (Tol muted)
    "#44AA99",  # teal (Tol muted)
    "#DDCC77",  # sand (Tol muted)
    "#AA4499",  # purple (Tol muted)
)
UNKNOWN_COLOUR = "#888888"  # an outlet not among the corpus's outlets
LEGEND_MAX = len(PALETTE)  # more outlets than distinct colours: label marks, no legend


def outlet_names(outlets) -> list[str]:
    """Sorted distinct outlet names from a Series, a list, or an articles table (its ``outlet``)."""
    if isinstance(outlets, pd.DataFrame):
        outlets = outlets["outlet"]
    values = pd.Series(list(outlets), dtype=object).fillna("").astype(str).replace("", "(unknown)")
    return sorted(set(values))


def outlet_colours(outlets) -> dict[str, str]:
    """``{outlet: "#rrggbb"}`` for every outlet, by its place in the sorted names.

    Args:
        outlets: all outlets of the corpus (an articles table, a Series or a list); pass the same
            set on every page, and the same outlet gets the same colour.
    """
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(outlet_names(outlets))}


def colour_of(colours: dict[str, str], outlet) -> str:
    """The colour of ``outlet`` in ``colours``, grey when it is not there."""
    return colours.get("(unknown)" if outlet is None or outlet == "" else str(outlet), UNKNOWN_COLOUR)


def distinct(colours: dict[str, str]) -> bool:
    """True when no two outlets share a colour (a legend is then a complete key)."""
    return len(set(colours.values())) == len(colours)


def with_colours(frame: pd.DataFrame, colours: dict[str, str] | None,
                 column: str = "outlet") -> pd.DataFrame:
    """``frame`` with a ``colour`` column (each row's outlet colour), when it has ``column``."""
    if not colours or column not in frame.columns:
        return frame
    return frame.assign(colour=[colour_of(colours, o) for o in frame[column]])


def ordered(names: Iterable[str], colours: dict[str, str]) -> list[str]:
    """``names`` in the palette's (sorted) order."""
    rank = {name: i for i, name in enumerate(colours)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))
