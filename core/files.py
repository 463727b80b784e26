"""Atomic file writing: a temporary file in the target folder, then a rename over the target.

A crash or an error mid-write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, made with mode 0666 so the kernel applies the umask (as open() does).

    tempfile.mkstemp would make it 0600, private to this user, and reading the umask means
    setting it, which races with other threads creating files."""
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), tmp
        except FileExistsError:
            continue


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call `write(fh)` on a temporary binary file, then replace `path` with it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path)
    try:
        try:  # replacing a file keeps its mode
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except OSError:  # a new file (or an unreadable old one): the umask's mode
            pass
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))
