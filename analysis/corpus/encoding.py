"""Decoding article files: byte-order marks, UTF-8, and a named guess for anything else.

A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32); text without one is UTF-8, and
text that is not is decoded in the encoding charset-normalizer finds most likely, named in a
warning. Binary files are recognised by NUL bytes (outside UTF-16/32) and known signatures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff")
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
PREFERRED_GUESS = "cp1252"  # among equally likely single-byte guesses: the usual web encoding
DETECT_BYTES = 65_536  # bytes charset-normalizer inspects to name an unknown encoding
# byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE); codecs that consume them
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"), (b"\xef\xbb\xbf", "utf-8-sig"))
BOM = b"\xef\xbb\xbf"
HEAD_BYTES = 8192  # bytes read to recognise empty and binary files (what looks_binary inspects)


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names (it consumes the mark)."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding
    return None


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode ``data``: by its byte-order mark, else as UTF-8, else in the encoding
    charset-normalizer names; returns (text, warning naming the encoding, or None)."""
    encoding = bom_encoding(data)
    if encoding and encoding != "utf-8-sig":
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        text, encoding = decode_fallback(data)
        return text, not_utf8_warning(name, error.start, encoding)


def guess_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most likely for ``data`` (cp1252 among equally
    likely single-byte guesses), or None when it finds none."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:DETECT_BYTES]))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    if any(PREFERRED_GUESS in m.could_be_from_charset for m in tied):
        return PREFERRED_GUESS
    return best.encoding


def decode_fallback(data: bytes) -> tuple[str, str]:
    """``data`` decoded in the encoding charset-normalizer guesses, else the first fallback
    encoding that accepts it; (text, encoding)."""
    guessed = guess_encoding(data)
    for encoding in ((guessed,) if guessed else ()) + FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def not_utf8_warning(name: str, position: int, encoding: str) -> str:
    return f"{name}: not valid UTF-8 (first bad byte at offset {position}); decoded as {encoding}"


def looks_binary(data: bytes) -> bool:
    """True for files that are not text: NUL bytes (in text without a UTF-16/32 byte-order mark),
    or a known binary signature."""
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return False
    return b"\x00" in data or data.startswith(BINARY_MAGIC)


def binary_reason(data: bytes, whole: bool) -> str:
    """Why ``data`` is refused as binary (the offset of a NUL byte found past the first bytes)."""
    where = data.find(b"\x00")
    if whole and where >= HEAD_BYTES:
        return f"binary file, not text (NUL byte at offset {where})"
    return "binary file, not text"


def decoded_lines(path: Path, relative: str, warnings: list[str]) -> Iterator[str]:
    """The lines of a text file, line endings kept, decoded one at a time.

    Lines are UTF-8; a line that is not is decoded in the encoding charset-normalizer names, and
    the first such line adds a warning (naming the byte offset) to ``warnings``. A file whose
    byte-order mark names UTF-16 or UTF-32 is decoded in it; a file whose lines end in CR alone
    (old Mac) is split at CR, with a warning; NUL bytes are removed, with a warning.
    """
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        with open(path, encoding=encoding, newline="", errors="replace") as text:
            yield from text
        return
    cr_only = b"\r" in head and b"\n" not in head
    if cr_only:
        warnings.append(f"{relative}: lines end in CR alone (old Mac); read as line breaks")
    offset, reported_nul = 0, False
    with open(path, "rb") as handle:
        for data in split_cr(handle) if cr_only else handle:
            start = 3 if offset == 0 and data.startswith(BOM) else 0
            if b"\x00" in data:
                if not reported_nul:
                    warnings.append(f"{relative}: NUL byte(s) at offset {offset + data.find(0)} "
                                    "removed")
                    reported_nul = True
                data = data.replace(b"\x00", b"")
            try:
                line = data[start:].decode("utf-8")
            except UnicodeDecodeError as error:
                line, used = decode_fallback(data[start:])
                if not any("not valid UTF-8" in w for w in warnings):
                    warnings.append(not_utf8_warning(relative, offset + start + error.start, used))
            offset += len(data)
            yield line


def split_cr(handle, size: int = 1 << 16) -> Iterator[bytes]:
    """The lines of a binary file whose lines end in CR alone, CR kept."""
    rest = b""
    while chunk := handle.read(size):
        parts = (rest + chunk).split(b"\r")
        rest = parts.pop()
        for part in parts:
            yield part + b"\r"
    if rest:
        yield rest
