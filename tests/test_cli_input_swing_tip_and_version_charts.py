"""What drumify prints for a producer to read: the swing note's jazz hint is a tip of what to ask for (with no
genre asked, "(the genre jazz plays a jazz ride instead)" read as if jazz were on), and the charts of
`--variations` keep one label column, so a version's pickup and bars sit under the others' (a version with no
repeated loop had its whole chart two columns left)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from test_cli import stub_engine  # noqa: F401  (the CLI on the stand-in model)

from reagroove.core.cli import main
from reagroove.core.loop import VOICES

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def _swing_line(text: str) -> str:
    return next(line for line in text.splitlines() if "the part swings" in line)


def test_the_jazz_ride_is_a_tip_to_ask_for_the_genre(stub_engine, tmp_path, capsys):  # noqa: F811
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(tmp_path / "d.mid")]) == 0
    line = _swing_line(capsys.readouterr().out)
    assert line.endswith("the drums swing with it (for a jazz ride, ask for the jazz genre)")
    assert "instead" not in line and "the genre jazz plays" not in line  # nothing reads as if jazz were on
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(tmp_path / "d.mid"), "--genre", "jazz"]) == 0
    assert "jazz ride" not in _swing_line(capsys.readouterr().out)  # asked for: no tip


def _chart_start_columns(text: str) -> dict[int, set[int]]:
    """Per version, the columns where its chart lines' first bar line stands."""
    columns: dict[int, set[int]] = {}
    version = 0
    for line in text.splitlines():
        if line.strip().startswith("version "):
            version += 1
        elif version and "|" in line:
            columns.setdefault(version, set()).add(line.index("|"))
    return columns


def test_every_versions_chart_starts_in_one_column(stub_engine, tmp_path, capsys, monkeypatch):  # noqa: F811
    """Version 1 plays one loop again and again ('bar 1 x3'), version 2 a new loop each time ('bar 1', 'bar 3',
    'bar 5'): both charts, pickup and bars, start their rows in the same column."""
    played = stub_engine.variations_of

    def one_repeating_one_not(part, settings, n, **kw):
        versions = np.array(played(part, settings, n, **kw))
        first = versions[0]
        first[1:] = first[1]  # every window after the pickup one loop
        second = versions[1]
        second[1:] = first[1]
        crash = VOICES.index("crash")
        for k in range(1, len(second)):  # each window its own crash: no loop repeats
            second[k, 2 * k, crash], second[k, 2 * k, len(VOICES) + crash] = 1.0, 0.9
        return versions

    monkeypatch.setattr(stub_engine, "variations_of", one_repeating_one_not)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(EXAMPLES / "piano_waltz.mid"), "-o", str(out), "--variations", "2"]) == 0
    text = capsys.readouterr().out
    assert " x3 " in text and "bar 5 " in text  # the two labels of different widths are there
    columns = _chart_start_columns(text)
    assert set(columns) == {1, 2}
    assert len(columns[1] | columns[2]) == 1, text
