"""The bars `reagroove drumify` shows while it reads a long audio file or drums a folder of parts: on a terminal,
never in a log or a pipe, where their redrawn lines were left around the messages (a one-line error came after two
lines of bar when the read took over a second)."""

from __future__ import annotations

import io
import shutil
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


def _drum_a_folder(stream, monkeypatch, tmp_path) -> str:
    from reagroove.core.cli import main

    parts = tmp_path / "parts"
    parts.mkdir()
    examples = Path(__file__).resolve().parents[1] / "core" / "examples"
    for name in ("funk_bass.mid", "shuffle_blues.mid"):
        shutil.copy(examples / name, parts / name)
    monkeypatch.setattr(sys, "stderr", stream)
    assert main(["drumify", str(parts), "-o", str(tmp_path / "drums"), "--bars", "1-2"]) == 0
    return stream.getvalue()


def test_a_folder_of_parts_shows_its_bar_on_a_terminal(monkeypatch, tmp_path):
    assert "Drumifying" in _drum_a_folder(Terminal(), monkeypatch, tmp_path)


def test_a_folder_of_parts_drummed_into_a_log_or_a_pipe_has_no_bar(monkeypatch, tmp_path):
    assert "Drumifying" not in _drum_a_folder(io.StringIO(), monkeypatch, tmp_path)
