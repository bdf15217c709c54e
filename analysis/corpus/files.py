"""The file system side of a corpus: which entries are regular files, and how paths are shown.

Links to folders are not followed, and dangling links, link loops, pipes, sockets and devices are
never opened (reading a pipe waits for ever). Paths whose bytes are not UTF-8 are shown with
``\\xNN`` escapes, so every name can be written to a table.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def regular_files(root: Path) -> list[Path]:
    """Every regular file under ``root`` (or ``root`` itself), in path order: links to folders
    are not followed; dangling links, loops, pipes, sockets and devices are left out (for keys
    and hashes of a corpus, which must never block or fail on such entries)."""
    root = Path(root)
    if not root.is_dir():
        return [root] if special_file(root) is None else []
    found = [Path(top) / name for top, _, names in os.walk(root) for name in names]
    return sorted((p for p in found if special_file(p) is None), key=lambda p: p.parts)


def special_file(path: Path) -> str | None:
    """Why ``path`` is not read as an article file (a link that leads nowhere or in a loop, a
    pipe, socket or device: reading a pipe would wait for ever), or None for a regular file."""
    try:
        info = os.stat(path)
    except OSError as error:
        if path.is_symlink():
            if error.errno == 40:  # ELOOP
                return "symbolic link loop"
            return "dangling symbolic link (its target does not exist)"
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        return "symbolic link to a folder, not followed (copy the folder into the corpus instead)"
    kind = next((label for test, label in SPECIAL_KINDS if test(info.st_mode)), "a special file")
    return f"not a regular file ({kind}); skipped"


def shown_name(relative: str) -> str:
    """A path as recorded in the tables: bytes that are not UTF-8 shown as ``\\xNN`` escapes."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")
