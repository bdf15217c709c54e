"""The ``newsprism`` command line: ``analyze``, ``report`` and ``schema``.

Conventions of the tools it sits beside (papermill, nbconvert, pytest): ``--version``; ``-v`` /
``-q`` / ``--log-level`` before or after the subcommand; ``-p NAME=VALUE`` and ``-p NAME VALUE``;
"did you mean" for parameters and settings; a usage error is one line on stderr and exit 2, never
a traceback; Ctrl-C exits 130 with one line (the report runner removes its partial output), and is
held back while the main thread is inside an import, where it could leave the import lock held.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path

from analysis.core import config
from analysis.core.processes import interrupts_outside_imports
from analysis.core.settings import SettingError, parse_assignments

log = logging.getLogger(__name__)
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

EPILOG = """examples:
  newsprism analyze data/raw/pyongyang-summit-2024 --out reports/summit
  newsprism analyze export.jsonl --jobs 2 --engine dask --scheduler tcp://10.0.0.5:8786
  newsprism report pyongyang-summit-2024
  newsprism report my-corpus/ -p min_count=3 --jobs 2
  newsprism report --portfolio runs.yaml
"""


def _columns(values: list[str]) -> dict[str, str]:
    mapping = {}
    for value in values or []:
        for pair in value.split(","):
            key, sep, column = pair.partition("=")
            if not sep or not key.strip() or not column.strip():
                raise argparse.ArgumentTypeError(f"--columns expects FIELD=COLUMN, got {pair!r}")
            mapping[key.strip()] = column.strip()
    return mapping


def _formats(value: str) -> tuple[str, ...]:
    from analysis.core.writer import parse_formats

    try:
        return parse_formats(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--formats: ")) from None


class UsageError(Exception):
    """A mistake in the command line: reported as one line on stderr, exit 2."""


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (``newsprism report: error: ...``), exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse's hook
        raise UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


def version() -> str:
    """The installed distribution's version (the checkout's when run from source)."""
    from importlib import metadata

    try:
        return metadata.version("newsprism")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return "unknown"


def join_param_pairs(argv: list[str]) -> list[str]:
    """``-p NAME VALUE`` (papermill's form) rewritten as ``-p NAME=VALUE``; ``-p NAME=VALUE`` and
    ``--param=NAME=VALUE`` stay as they are. A ``-p NAME`` with nothing after it is a usage error."""
    out, i = [], 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-p", "--param"):
            if i + 1 >= len(argv):
                raise UsageError(f"newsprism: error: {arg} expects NAME=VALUE or NAME VALUE")
            name = argv[i + 1]
            if "=" in name:
                out += [arg, name]
                i += 2
                continue
            if i + 2 >= len(argv):
                raise UsageError(f"newsprism: error: {arg} {name}: no value (use {arg} {name}=VALUE "
                                 f"or {arg} {name} VALUE)")
            out += [arg, f"{name}={argv[i + 2]}"]
            i += 3
            continue
        out.append(arg)
        i += 1
    return out


def _params(values: list[str]) -> dict[str, str]:
    try:
        return parse_assignments(values, "-p")
    except SettingError as error:
        raise UsageError(f"newsprism report: error: {error}") from None


def _global_flags(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """-q / -v / --log-level, on the main parser and (without defaults) on every subcommand, so
    they work before or after the subcommand's name."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False),
                        help="print errors only")
    parser.add_argument("-v", "--verbose", action="count", default=default(0),
                        help="say more: -v stages, blocks and cache hits; -vv debug")
    parser.add_argument("--log-level", choices=LOG_LEVELS, type=str.upper, default=default(None),
                        help="log level (overrides -q and -v)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="newsprism", description="Compare how outlets cover the same event.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newsprism {version()}")
    _global_flags(parser, top=True)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("corpus", nargs="?",
                       help="corpus folder (or a single file), or a corpus name under data/raw/")
        p.add_argument("--out", help="output folder (default: reports/<corpus name>)")
        p.add_argument("--registry", default="",
                       help="entity registry CSV (default: the shipped analysis/resources/entities.csv)")
        p.add_argument("--columns", action="append", metavar="FIELD=COLUMN",
                       help="map a CSV/JSONL column to a field, e.g. --columns text=story_body "
                            "(fields: text, title, outlet, published, url, article_id, author, "
                            "language, event)")
        p.add_argument("--strict", action="store_true",
                       help="exit non-zero when any file is rejected (default: only when no "
                            "article is usable)")
        p.add_argument("--force", action="store_true",
                       help="write into an output folder that holds other files (they are never "
                            "replaced or removed; default: only a new, empty or newsprism folder)")
        p.add_argument("--set", action="append", metavar="NAME=VALUE", dest="settings",
                       help="set an analysis setting, e.g. --set align_threshold=0.3 "
                            "(--help-settings lists them)")
        p.add_argument("--help-settings", action="store_true",
                       help="list the analysis settings with type, default and unit, and exit")
        p.add_argument("--formats", default="csv,parquet", type=_formats,
                       help="table formats to write, comma-separated: csv, parquet or both "
                            "(default: csv,parquet)")
        _global_flags(p, top=False)

    analyze = sub.add_parser("analyze", help="write the tables of a corpus to OUT/tables/",
                             description="Load, clean, segment and measure every article of a "
                                         "corpus; write tidy CSV and Parquet tables to OUT/tables/, "
                                         "chunk by chunk, on every core, reusing cached results.")
    common(analyze)
    analyze.add_argument("--jobs", type=int, default=None,
                         help="worker processes for the per-article work (default: all cores)")
    analyze.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="where the per-article work runs: this machine, or a Dask cluster")
    analyze.add_argument("--scheduler", metavar="ADDRESS", default=None,
                         help="with --engine dask: scheduler address, e.g. tcp://10.0.0.5:8786 "
                              "(default: a local cluster of --jobs workers)")
    analyze.add_argument("--chunk-size", type=int, default=500,
                         help="articles per chunk: rows are written every chunk (default: 500)")
    analyze.add_argument("--no-cache", action="store_true",
                         help="recompute every article (default: reuse per-article results "
                              "whose text, options and code are unchanged)")
    analyze.add_argument("--no-progress", action="store_true",
                         help="no progress bars (they are drawn only when stderr is a terminal "
                              "and -q is not given)")

    report = sub.add_parser("report", help="analyse once, then render every report notebook",
                            description="Analyse a corpus once, run every notebook template in "
                                        "notebooks/ through papermill and render HTML with an "
                                        "index page into OUT/.")
    common(report)
    report.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                        help="set a notebook parameter, as NAME=VALUE or NAME VALUE (checked "
                             "against the templates' parameters cells before anything runs)")
    report.add_argument("--help-params", action="store_true",
                        help="list every template's parameters with type, default and comment, "
                             "and exit (like papermill --help-notebook)")
    report.add_argument("--jobs", type=int, default=None,
                        help="notebooks run at once (default: all cores)")
    report.add_argument("--show-code", action="store_true",
                        help="also write NAME.code.html with the code cells shown")
    report.add_argument("--notebooks", default=None, help="folder of templates (default: notebooks/)")
    report.add_argument("--portfolio", metavar="YAML",
                        help="run every corpus x parameter set listed in a YAML file")
    report.add_argument("--no-progress", action="store_true",
                        help="no progress bars (they are drawn only when stderr is a terminal "
                             "and -q is not given)")
    report.add_argument("--bundle", action="store_true",
                        help="also write OUT.zip: the whole report folder in one file to send")

    schema = sub.add_parser("schema", help="print the table schema as Markdown (data/README.md)")
    _global_flags(schema, top=False)
    schema.add_argument("--update", metavar="FILE",
                        help="rewrite the block between the schema markers of FILE instead")
    return parser


def _options(args, extra_settings: dict | None = None):
    """The run's options; settings are checked here (unknown names and bad values refused)."""
    from analysis.run.pipeline import Options

    try:
        settings = {**parse_assignments(args.settings), **(extra_settings or {})}
        return Options(registry=args.registry, columns=_columns(args.columns), params=settings)
    except SettingError as error:
        raise UsageError(f"newsprism {args.command}: error: {error}") from None
    except argparse.ArgumentTypeError as error:
        raise UsageError(f"newsprism {args.command}: error: {error}") from None


def _default_out(corpus: str) -> Path:
    from analysis.core.outputs import default_output

    return default_output(config.resolve_corpus(corpus), config.REPORTS_DIR)


def _progress(args) -> bool:
    """Progress bars on stderr: only on a terminal, and not with -q or --no-progress."""
    from analysis.core.progress import wanted

    return not args.no_progress and wanted(args.quiet)


def cmd_analyze(args) -> int:
    from analysis.core.outputs import OutputRefused, claimed, describe_os_error
    from analysis.corpus.load import CorpusError
    from analysis.run.pipeline import analyze_to

    if args.help_settings:
        from analysis.core.settings import describe

        print(describe(), end="")
        return 0
    if not args.corpus:
        raise UsageError("newsprism analyze: error: a CORPUS argument is needed")
    options = _options(args)
    try:
        out = Path(args.out) if args.out else _default_out(args.corpus)
        folder = out / "tables"
        corpus = config.resolve_corpus(args.corpus)
        with claimed(out, corpus, args.force, ["tables"], "analyze"):
            result = analyze_to(corpus, folder, options, jobs=args.jobs,
                                engine=args.engine, scheduler=args.scheduler,
                                chunk_size=args.chunk_size, cache=not args.no_cache,
                                formats=args.formats, progress=_progress(args))
    except (FileNotFoundError, CorpusError, ValueError, OutputRefused) as error:
        raise UsageError(f"newsprism analyze: error: {error}") from None
    except OSError as error:
        print(f"newsprism analyze: {describe_os_error(error, out)}", file=sys.stderr)
        return 2
    if not args.quiet:
        from analysis.run.tables import Tables

        print_problems(Tables(folder))
    cached = f" ({result.n_cached} from the cache)" if result.n_cached else ""
    if result.n_blocks_cached:
        cached += (f"; {result.n_blocks_cached} of {result.n_blocks_cached + result.n_blocks_computed}"
                   " comparison block(s) from the cache")
    print(f"{result.n_articles} article(s) analysed{cached}, {result.n_rejected} rejected, "
          f"{result.n_warnings} warning(s); tables in {folder}")
    return _status(result.n_articles, result.n_rejected, args.strict)


def print_problems(tables) -> None:
    """One line on stderr per rejected file and per warning, each naming the file."""
    for row in tables["rejected"].itertuples():
        print(f"rejected {row.source_file}: {row.reason}", file=sys.stderr)
    for row in tables["warnings"].itertuples():
        print(f"warning: {row.message}", file=sys.stderr)


def _status(n_articles: int, n_rejected: int, strict: bool) -> int:
    if n_articles == 0:
        print("newsprism: no usable article in the corpus", file=sys.stderr)
        return 1
    return 1 if strict and n_rejected else 0


def cmd_report(args) -> int:
    from analysis.core.outputs import OutputRefused, check_output, describe_os_error
    from analysis.corpus.load import CorpusError
    from analysis.report.runner import (
        ParameterError,
        describe_parameters,
        list_templates,
        read_portfolio,
        run_reports,
        validate_parameters,
    )

    if args.help_settings:
        from analysis.core.settings import describe

        print(describe(), end="")
        return 0
    try:
        templates = list_templates(args.notebooks)
        if not templates:
            raise UsageError(f"newsprism report: error: no notebook templates in "
                             f"{args.notebooks or config.NOTEBOOKS_DIR}")
        if args.help_params:
            print(describe_parameters(templates), end="")
            return 0
        if args.portfolio:
            runs = read_portfolio(args.portfolio, Path(args.out) if args.out else config.REPORTS_DIR)
        elif args.corpus:
            out = Path(args.out) if args.out else _default_out(args.corpus)
            runs = [{"corpus": args.corpus, "params": _params(args.param), "out": out}]
        else:
            raise UsageError("newsprism report: error: give a CORPUS or --portfolio YAML")
        # check every run's corpus, parameters and settings before any work starts
        for run in runs:
            check_output(Path(run["out"]).resolve(), config.resolve_corpus(run["corpus"]),
                         args.force)
            validate_parameters(templates, run["params"])
            run["options"] = _options(args, run.get("settings"))
    except (ParameterError, FileNotFoundError, CorpusError, OutputRefused) as error:
        raise UsageError(f"newsprism report: error: {error}") from None
    worst = 0
    for run in runs:
        try:
            summary = run_reports(run["corpus"], run["out"], params=run["params"],
                                  jobs=args.jobs, show_code=args.show_code,
                                  notebooks=args.notebooks, options=run["options"],
                                  progress=_progress(args), force=args.force,
                                  formats=args.formats)
        except OutputRefused as error:
            print(f"newsprism report: {error}", file=sys.stderr)
            worst = 2
            continue
        except OSError as error:
            print(f"newsprism report: {describe_os_error(error, Path(run['out']))}", file=sys.stderr)
            worst = 2
            continue
        if not args.quiet:
            from analysis.run.tables import Tables

            print_problems(Tables(Path(summary.out) / "tables"))
        _print_summary(summary)
        if args.bundle:
            from analysis.report.runner import write_bundle

            print(f"bundle: {write_bundle(Path(summary.out))}")
        worst = max(worst, _status(summary.n_articles, summary.n_rejected, args.strict))
        if summary.failed or summary.kept_previous:
            worst = max(worst, 1)
    return worst


def _print_summary(summary) -> None:
    ok = len(summary.notebooks) - len(summary.failed)
    print(f"{summary.n_articles} article(s), {summary.n_rejected} rejected; "
          f"{ok}/{len(summary.notebooks)} report(s) rendered")
    for run in summary.failed:
        print(f"  FAILED {run.name}: {run.error}")
    if summary.kept_previous:
        print(f"nothing usable came out of this run: the earlier reports in {summary.out} were kept")
    print(f"index: {Path(summary.out) / 'index.html'}")


def cmd_schema(args) -> int:
    from analysis.core.schema import schema_markdown
    from analysis.run.pipeline import load_stage_modules

    load_stage_modules()
    text = schema_markdown()
    if not args.update:
        print(text, end="")
        return 0
    path = Path(args.update)
    page = path.read_text(encoding="utf-8")
    begin, end = "<!-- schema:begin -->", "<!-- schema:end -->"
    if begin not in page or end not in page:
        print(f"newsprism schema: {path} has no {begin} ... {end} block", file=sys.stderr)
        return 2
    head, rest = page.split(begin, 1)
    path.write_text(f"{head}{begin}\n{text}{end}{rest.split(end, 1)[1]}", encoding="utf-8")
    print(f"schema written into {path}")
    return 0


def log_level(args) -> int:
    """The logging level the flags ask for: --log-level, else -q (errors), -v (info), -vv (debug)."""
    if args.log_level:
        return getattr(logging, args.log_level)
    if args.quiet:
        return logging.ERROR
    return {0: logging.WARNING, 1: logging.INFO}.get(args.verbose, logging.DEBUG)


@contextlib.contextmanager
def logging_to_stderr(level: int):
    """Log records of ``level`` and above to stderr while a command runs; the root logger's
    handlers and level are put back afterwards (``main`` may be called in-process, e.g. by tests
    or a notebook, and must not change their logging)."""
    from analysis.core.progress import BarSafeHandler

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    handler = BarSafeHandler(sys.stderr)  # log lines never land inside a progress bar
    handler.setFormatter(logging.Formatter("%(levelname)s: %(name)s: %(message)s"))
    root.handlers[:] = [handler]
    root.setLevel(level)
    try:
        yield
    finally:
        root.handlers[:], level_before = saved
        root.setLevel(level_before)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 failed work, 2 usage, 130 Ctrl-C)."""
    try:
        args = build_parser().parse_args(join_param_pairs(list(sys.argv[1:] if argv is None else argv)))
        command = {"analyze": cmd_analyze, "report": cmd_report, "schema": cmd_schema}[args.command]
        with logging_to_stderr(log_level(args)), interrupts_outside_imports():
            return command(args)
    except UsageError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsprism: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
