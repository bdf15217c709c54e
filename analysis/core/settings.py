"""Every setting of the analysis stages, in one typed place.

A setting changes what a stage computes, so it is part of the run's options
(:class:`analysis.run.article.Options` ``params``), of the cache key and of ``run.json``. Each
stage's settings are a small frozen dataclass below; the field's default is the value used when the
setting is not given, its comment says the unit and where the value comes from. Set them with
``newsprism analyze/report --set NAME=VALUE`` (or ``set:`` in a portfolio run); an unknown name is
refused with the closest valid one.

The stage modules read their defaults from here (``ALIGN_THRESHOLD = Compare.align_threshold``), so a
default is written once.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields


class SettingError(ValueError):
    """An unknown setting name, or a value that does not fit the setting's type."""


def _doc(text: str, unit: str = "") -> dict:
    return {"help": text, "unit": unit}


@dataclass(frozen=True)
class Sentiment:
    """Sentiment (:mod:`analysis.measures.sentiment`)."""

    sentiment_seed: int = field(default=2014, metadata=_doc(
        "seed of the bootstrap intervals; any fixed value gives reproducible intervals "
        "(2014 = VADER's paper)"))
    sentiment_resamples: int = field(default=2000, metadata=_doc(
        "bootstrap resamples per interval", "resamples"))
    sentiment_actor_types: tuple[str, ...] = field(default=("person", "organisation", "place"),
                                                   metadata=_doc(
        "registry types whose mentions count as actors (outlets are sources, not actors); "
        "comma-separated"))
    sentiment_top_actors: int = field(default=10, metadata=_doc(
        "per event, the most-mentioned people and organisations compared across outlets",
        "actors"))


@dataclass(frozen=True)
class Terms:
    """Distinctive terms (:mod:`analysis.measures.distinctive_terms`)."""

    min_count: int = field(default=2, metadata=_doc(
        "a term must occur at least this often in the pooled corpus", "occurrences"))
    ngram_range: tuple[int, int] = field(default=(1, 2), metadata=_doc(
        "shortest and longest n-gram, e.g. 1,2 (unigrams and bigrams)", "words"))
    prior_scale: float = field(default=0.0, metadata=_doc(
        "alpha_0 of the informative Dirichlet prior; 0 = the pooled total (Monroe et al. 2008)"))


@dataclass(frozen=True)
class Framing:
    """Framing, naming and hedging (:mod:`analysis.measures`)."""

    codebooks: tuple[str, ...] = field(default=(), metadata=_doc(
        "codebooks to run: comma-separated names or YAML paths; empty = every shipped codebook"))
    concepts: str = field(default="", metadata=_doc(
        "naming concepts CSV; empty = the shipped analysis/resources/concepts.csv"))
    hedging_markers: str = field(default="", metadata=_doc(
        "hedging markers CSV; empty = the shipped analysis/resources/hedging_markers.csv"))


@dataclass(frozen=True)
class Compare:
    """Cross-outlet comparison (:mod:`analysis.compare`)."""

    align_threshold: float = field(default=0.17, metadata=_doc(
        "mean word/char TF-IDF cosine at which two sentences are aligned; calibrated on the "
        "seed pair (docs/compare.md); raise it to keep only near-copies", "cosine 0..1"))
    syndication_threshold: float = field(default=0.5, metadata=_doc(
        "share of the shorter body's 5-word shingles found in the other above which two articles "
        "are copies of one story (wire copies keep well above half)", "share 0..1"))
    compare_block_articles: int = field(default=500, metadata=_doc(
        "an event with more articles is compared in blocks of at most this many (0 = never "
        "split); 500 articles are about 10,000 sentences", "articles"))


@dataclass(frozen=True)
class Limits:
    """Per-article budgets (:mod:`analysis.run.article`)."""

    max_article_chars: int = field(default=2_000_000, metadata=_doc(
        "an article whose text is longer is rejected with that reason before cleaning, and the "
        "run goes on; the last guard on one article's time: every stage grows about linearly "
        "with the text (benchmarks/fuzz.py): 1 MB of one realistic paragraph in about 11 s of "
        "CPU, the slowest shapes (a paragraph or sentence every few characters) about a minute a "
        "MB; the longest news "
        "articles are some 100,000 characters (0 = no limit)", "characters"))


GROUPS: tuple[type, ...] = (Sentiment, Terms, Framing, Compare, Limits)


@dataclass(frozen=True)
class Setting:
    """One setting: its name, type, default, unit, help and the group it belongs to."""

    name: str
    type: object
    default: object
    unit: str
    help: str
    group: str


def registry() -> dict[str, Setting]:
    """Every setting by name."""
    found = {}
    for group in GROUPS:
        hints = typing.get_type_hints(group)
        for f in fields(group):
            found[f.name] = Setting(f.name, hints[f.name], f.default, f.metadata.get("unit", ""),
                                    f.metadata.get("help", ""), group.__name__)
    return found


def closest(name: str, valid) -> str:
    """`` (did you mean X?)`` for the valid name nearest ``name``, or an empty string."""
    match = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {match[0]}?)" if match else ""


def type_name(kind) -> str:
    """A setting type as people read it: ``float``, ``int``, ``str``, ``int,int``, ``list of str``."""
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return f"list of {args[0].__name__}"
        return ",".join(a.__name__ for a in args)
    return getattr(kind, "__name__", str(kind))


def coerce(setting: Setting, value):
    """``value`` (a command-line string or a Python value) as the setting's type.

    Raises:
        SettingError: the value does not fit.
    """
    kind = setting.type
    try:
        if typing.get_origin(kind) is tuple:
            args = typing.get_args(kind)
            items = value if isinstance(value, (list, tuple)) else [
                v.strip() for v in str(value).replace(";", ",").split(",") if v.strip()]
            if len(args) == 2 and args[1] is Ellipsis:
                return tuple(args[0](v) for v in items)
            if len(items) != len(args):
                raise ValueError(value)
            return tuple(a(v) for a, v in zip(args, items))
        if kind is bool:
            if isinstance(value, bool):
                return value
            if str(value).lower() in {"true", "1", "yes"}:
                return True
            if str(value).lower() in {"false", "0", "no"}:
                return False
            raise ValueError(value)
        if kind is int and (isinstance(value, bool) or isinstance(value, float) and not value.is_integer()):
            raise ValueError(value)
        return typing.cast(typing.Callable, kind)(value)
    except (TypeError, ValueError):
        raise SettingError(f"setting {setting.name} must be {type_name(kind)}, got {value!r}") from None


# Not settings a person gives but what a run carries from the corpus folder into the options (so
# the cache key covers their contents): its own codebooks and naming concepts as [[file name, text],
# ...] (analysis.corpus.resources). Accepted only as such lists, never from the command line.
CARRIED = ("corpus_codebooks", "corpus_concepts")


def validate(params: Mapping[str, object]) -> dict[str, object]:
    """``params`` checked and typed: every name known, every value of its setting's type.

    Raises:
        SettingError: naming the first unknown setting (with the closest valid one) or bad value.
    """
    known = registry()
    checked: dict[str, object] = {}
    for name, value in params.items():
        if name in CARRIED:
            if not isinstance(value, (list, tuple)) or not all(
                    isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in value):
                raise SettingError(f"{name} is read from the corpus folder, not set by hand")
            checked[name] = [list(pair) for pair in value]
            continue
        if name not in known:
            raise SettingError(f"unknown setting {name!r}{closest(name, known)}; "
                               "`newsprism analyze --help-settings` lists them")
        checked[name] = coerce(known[name], value)
    return checked


def in_force(params: Mapping[str, object]) -> dict[str, object]:
    """Every setting's value for a run: the defaults, overridden by ``params``."""
    values = {name: s.default for name, s in registry().items()}
    values.update((k, v) for k, v in validate(params).items() if k not in CARRIED)
    return {name: list(v) if isinstance(v, tuple) else v for name, v in values.items()}


def parse_assignments(values: list[str] | None, flag: str = "--set") -> dict[str, str]:
    """``["NAME=VALUE", ...]`` -> ``{NAME: VALUE}``; raises :class:`SettingError` on a malformed one."""
    found = {}
    for value in values or []:
        key, sep, raw = value.partition("=")
        if not sep or not key.strip():
            raise SettingError(f"{flag} expects NAME=VALUE, got {value!r}")
        found[key.strip()] = raw
    return found


def describe() -> str:
    """Every setting as text: name, type, default, unit and help (``--help-settings``)."""
    lines = []
    for group in GROUPS:
        lines.append(f"{group.__name__.lower()}: {group.__doc__}")
        for s in (s for s in registry().values() if s.group == group.__name__):
            default = ",".join(map(str, s.default)) if isinstance(s.default, tuple) else s.default
            unit = f" [{s.unit}]" if s.unit else ""
            lines.append(f"  {s.name}: {type_name(s.type)} = {default!r}{unit}\n      {s.help}")
    return "\n".join(lines) + "\n"
