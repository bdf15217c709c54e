"""Output folders newsprism owns: default names, the ownership marker, the lock, the swap.

newsprism deletes or replaces only what it wrote. An output folder is usable when it is new,
empty, or marked by an earlier run: the marker (:data:`MARKER`) names the corpus, the date and
every entry the run wrote. Anything else is refused with one line naming the folder; ``force``
writes beside the other files, never over them. New output replaces old output entry by entry
(or, when the folder holds nothing else, in one atomic swap), and only entries the marker lists
are removed. A lock file beside the folder keeps a second run out while one is writing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

MARKER = ".newsprism-output.json"  # in every output folder: corpus, date, the entries written
LEGACY_ENTRIES = ("index.html", "run.json", "tables", "logs")  # reports written before the marker
LEGACY_TABLES_STAMP = "_run.json"  # analysis.run.pipeline.RUN_STAMP: tables written by analyze


class OutputRefused(Exception):
    """The output folder is not newsprism's to write (or is busy); the message names it."""


def default_output(corpus: str | os.PathLike, reports: Path) -> Path:
    """``reports/<name of the resolved corpus path>``: never empty, ``.`` or ``..``."""
    name = Path(os.path.abspath(Path(corpus).expanduser())).resolve().name
    if name in ("", ".", ".."):
        raise OutputRefused(f"{corpus}: no folder name to build a default output name from; "
                            "give --out")
    return reports / name


def read_marker(folder: Path) -> dict | None:
    """The marker of an output folder, or None when it has none (or an unreadable one)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return None
    return data


def owned_entries(folder: Path) -> set[str] | None:
    """Names of the entries of ``folder`` an earlier newsprism run wrote; None when the folder is
    not newsprism output. Output written before the marker existed is recognised by its
    ``run.json`` (it names the corpus and every report's files) or, for ``analyze``, by the stamp
    of its tables."""
    marker = read_marker(folder)
    if marker is not None:
        return {str(e) for e in marker["entries"]} | {MARKER}
    try:
        run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        run = None
    if not isinstance(run, dict) or "corpus" not in run or not isinstance(run.get("reports"), list):
        # tables alone, as an earlier `newsprism analyze` left them (their stamp names the run)
        return {"tables"} if (folder / "tables" / LEGACY_TABLES_STAMP).is_file() else None
    names = set(LEGACY_ENTRIES)
    for report in run["reports"]:
        if isinstance(report, dict) and report.get("name"):
            names |= {f"{report['name']}.html", f"{report['name']}.ipynb",
                      f"{report['name']}.code.html"}
    return names


def check_output(out: Path, corpus: Path | None = None, force: bool = False,
                 writes: Iterable[str] = ()) -> None:
    """Raise :class:`OutputRefused` unless newsprism may write into ``out``: a new or empty
    folder, or one marked by an earlier run (any folder with ``force``, which never overwrites:
    an entry of ``writes`` that exists there and was not written by newsprism is refused)."""
    out = Path(os.path.abspath(out))
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{out}: exists and is not a folder; choose another --out")
    if corpus is not None:
        corpus = Path(corpus).resolve()
        if out.resolve() == corpus or out.resolve() in corpus.parents:
            raise OutputRefused(f"{out}: holds the corpus {corpus}; choose another --out")
        if corpus.is_dir() and corpus in out.resolve().parents:
            raise OutputRefused(f"{out}: is inside the corpus {corpus} (the next run would read "
                                "the reports as articles); choose another --out")
    if not out.exists():
        return
    owned = owned_entries(out)
    taken = sorted(n for n in writes if (out / n).exists() and n not in (owned or ()))
    if taken:
        raise OutputRefused(f"{out}: {', '.join(taken)} exist(s) and newsprism did not write "
                            "them; give a new or empty --out")
    if force or not any(out.iterdir()) or owned is not None:
        return
    raise OutputRefused(f"{out}: folder holds files newsprism did not write; give a new or empty "
                        "--out (or --force to write beside them, never over them)")


@contextlib.contextmanager
def claimed(out: Path, corpus: Path, force: bool, writes: Iterable[str],
            command: str) -> Iterator[Path]:
    """Lock and check output folder ``out`` for a run that writes the entries ``writes``. The
    folder is marked before the run writes anything (so a second run sees whose it is) and again
    at the end; a folder the run created is removed again when the run fails."""
    out = Path(os.path.abspath(out))
    writes = list(writes)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        check_output(out, corpus, force, writes)
        created = not out.exists()
        out.mkdir(exist_ok=True)
        entries = (owned_entries(out) or set()) | set(writes)
        had_marker = read_marker(out) is not None
        if not had_marker or not set(writes) <= set(read_marker(out)["entries"]):
            write_marker(out, corpus, entries, command)  # a marker that already says it: kept
        try:
            yield out
        except BaseException:
            if not had_marker and not any(p.name != MARKER for p in out.iterdir()):
                (out / MARKER).unlink(missing_ok=True)
                if created:
                    out.rmdir()
            raise
        write_marker(out, corpus, entries, command)


def write_marker(folder: Path, corpus: Path | str, entries: Iterable[str],
                 command: str) -> None:
    """Mark ``folder`` as newsprism output: corpus, date, command and the entries written."""
    marker = {"corpus": str(corpus), "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": command, "entries": sorted(set(entries) - {MARKER})}
    path = folder / MARKER
    temporary = folder / f".{MARKER}.{os.getpid()}"
    temporary.write_text(json.dumps(marker, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def clashes(new: Path, out: Path) -> list[str]:
    """Entries of ``new`` whose names ``out`` already uses for something newsprism did not write."""
    if not out.is_dir():
        return []
    owned = owned_entries(out) or set()
    return sorted(p.name for p in new.iterdir() if p.name not in owned and (out / p.name).exists()
                  and p.name != MARKER)


def replace_entries(new: Path, out: Path, aside: Path) -> None:
    """Move every entry of ``new`` into ``out``; an entry of the same name is moved to ``aside``
    first, which is allowed only for entries an earlier run wrote (raises OutputRefused else).
    Entries of ``out`` that newsprism did not write are never touched."""
    bad = clashes(new, out)
    if bad:
        raise OutputRefused(f"{out}: {', '.join(bad)} exist(s) and newsprism did not write them; "
                            "nothing was replaced")
    out.mkdir(parents=True, exist_ok=True)
    old_owned = owned_entries(out) or set()
    aside.mkdir(parents=True, exist_ok=True)
    for entry in sorted(new.iterdir(), key=lambda p: p.name == MARKER):  # the marker last
        target = out / entry.name
        if target.exists() or target.is_symlink():
            target.rename(aside / entry.name)
        entry.rename(target)
    new_owned = {p for p in (read_marker(out) or {}).get("entries", [])}
    for name in old_owned - new_owned - {MARKER}:  # outputs of the last run this one did not make
        stale = out / name
        if stale.exists() or stale.is_symlink():
            stale.rename(aside / name)
    shutil.rmtree(aside, ignore_errors=True)


def only_owned(out: Path) -> bool:
    """True when every entry of ``out`` was written by newsprism (so it can be swapped whole)."""
    owned = owned_entries(out)
    return owned is not None and all(p.name in owned for p in out.iterdir())


# --- the lock -----------------------------------------------------------------------------------


def lock_path(out: Path) -> Path:
    out = Path(os.path.abspath(out))
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock of output folder ``out`` for the block; a second holder is refused at once
    with a message naming the folder and the process that writes it. The lock file lives beside
    the folder and is removed on exit (a killed run's lock is released by the kernel)."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise OutputRefused(f"{Path(os.path.abspath(out))}: another newsprism run (pid "
                                f"{holder}) is writing this folder; wait for it to finish or give "
                                "another --out") from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino  # not unlinked by a finishing run
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)


def describe_os_error(error: OSError, where: Path) -> str:
    """One line for a write that failed (read-only folder, full disk, ...), naming the place."""
    reason = error.strerror or str(error)
    target = error.filename or where
    kept = (f"earlier output in {where} is unchanged" if Path(where).exists()
            else "nothing was written")
    return f"cannot write {target}: {reason}; {kept}"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (so what it left beside an output folder is not stale)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True
