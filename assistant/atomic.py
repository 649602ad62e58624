"""Writing a file so that a crash leaves the old contents or the new, never a mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, flush it to disk, and rename it over ``path``;
    owner-only permissions."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def append_line(path: Path, line: str) -> None:
    """Append one line to ``path`` and flush it to disk. A line torn by a crash is cut off first, so a kill
    mid-append costs that line only; a symlink at ``path`` is refused (OSError), never written through."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    try:
        end = os.lseek(handle, 0, os.SEEK_END)
        if end and os.pread(handle, 1, end - 1) != b"\n":
            os.ftruncate(handle, _last_line_end(handle, end))
        os.write(handle, line.encode("utf-8") + b"\n")
        os.fsync(handle)
    finally:
        os.close(handle)


def _last_line_end(handle: int, end: int, chunk: int = 1 << 16) -> int:
    """The offset just after the last newline before ``end`` (0 if there is none)."""
    while end > 0:
        start = max(0, end - chunk)
        found = os.pread(handle, end - start, start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        end = start
    return 0


def last_line(path: Path) -> bytes:
    """The last complete line of ``path`` (a line torn by a crash is not one), without its newline and without
    reading the rest of the file; empty if there is none."""
    with open(path, "rb") as file:
        handle = file.fileno()
        end = os.fstat(handle).st_size
        if end and os.pread(handle, 1, end - 1) != b"\n":
            end = _last_line_end(handle, end)
        if end == 0:
            return b""
        start = _last_line_end(handle, end - 1)
        return os.pread(handle, end - 1 - start, start)
