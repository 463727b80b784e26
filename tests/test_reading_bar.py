"""The bar `reagroove drumify` shows while it reads a long audio file: on a terminal, never in a log or a pipe,
where its redrawn lines were left around the messages (a one-line error came after two lines of bar when the read
took over a second)."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _read_slowly(stream, monkeypatch) -> str:
    from reagroove.models.commands import _reading_bar

    monkeypatch.setattr(sys, "stderr", stream)
    with _reading_bar(Path("take.wav"), enabled=True) as progress:
        progress(0.0, 20.0)
        time.sleep(1.2)  # the bar appears after a second
        progress(10.0, 20.0)
    return stream.getvalue()


def test_a_long_read_shows_its_bar_on_a_terminal(monkeypatch):
    assert "Reading take.wav" in _read_slowly(Terminal(), monkeypatch)


def test_a_long_read_written_to_a_log_or_a_pipe_has_no_bar(monkeypatch):
    assert _read_slowly(io.StringIO(), monkeypatch) == ""
