"""Keep a C library's chatter off the user's terminal.

libsndfile decodes MP3 with libmpg123, which prints notes about damaged frames
("Note: Illegal Audio-MPEG-Header ...", "Note: Trying to resync...") straight to
the process's stderr (file descriptor 2), below Python. ReaGroove already says
what is wrong in one line, so those notes are noise. While an MP3 is read, fd 2
goes to a temporary file; afterwards every line that is not libmpg123's goes
back to stderr, so nothing another thread wrote in the meantime is lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from typing import Iterator

_MPG123_LINE = re.compile(r"^(Note: |Warning: |\[src/libmpg123/|\[.*mpg123.*\] )")


def mpg123_noise(line: str) -> bool:
    """True for a line libmpg123 prints about the stream it decodes."""
    return bool(_MPG123_LINE.match(line))


@contextlib.contextmanager
def quiet_mpg123(active: bool = True) -> Iterator[None]:
    """Within the block, libmpg123's notes on fd 2 are dropped; every other line is kept and written out after."""
    if not active:
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, AttributeError, ValueError):  # no stderr at all (a GUI host without a console)
        yield
        return
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(OSError, AttributeError, ValueError):
                sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            kept = [line for line in capture.read().decode("utf-8", "replace").splitlines(keepends=True)
                    if not mpg123_noise(line)]
            if kept:
                os.write(2, "".join(kept).encode("utf-8"))


__all__ = ["mpg123_noise", "quiet_mpg123"]
