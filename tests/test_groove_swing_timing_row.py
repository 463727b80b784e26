"""`reagroove groove` of a shuffle: its off-beat 8ths, LATE on the beat's "and" and drawn on its 'a', were each
marked '<' (early) in the timing row. The row marks them against the part's own swing: a steady shuffle is all
'.', and one 8th dragged behind the swing is '>'."""

from pathlib import Path

import numpy as np

from reagroove.core.cli import main
from reagroove.core.groove_command import _timing_against_swing

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def _timing_rows(out: str) -> list[str]:
    lines = out.splitlines()
    return [line for prev, line in zip(lines, lines[1:]) if prev.lstrip().startswith("bar ")]


def test_a_steady_shuffle_is_on_its_swing_in_the_timing_row(capsys):
    assert main(["groove", "--bars", "1-4", str(EXAMPLES / "shuffle_blues.mid")]) == 0
    out = capsys.readouterr().out
    rows = _timing_rows(out)
    assert rows and all("<" not in r and ">" not in r and "." in r for r in rows), out
    assert "against the part's own swing (67% of the beat)" in out
    assert main(["groove", str(EXAMPLES / "funk_bass.mid")]) == 0  # a straight part: no such line
    assert "own swing" not in capsys.readouterr().out


def test_a_swung_8th_dragged_behind_the_swing_is_late():
    g = np.zeros((1, 32, 3), np.float32)
    g[0, 0::4, 0] = 1  # the beats
    g[0, 3::4, 0] = 1  # swung 8ths: 2/3 of the beat, a 16th's third early on the 'a'
    g[0, 3::4, 2] = -1 / 3
    g[0, 7, 2] = -0.1  # one dragged: on 0.73 of the beat
    against = _timing_against_swing(g)
    assert np.allclose(np.delete(against[0, 3::4, 2], 1), 0, atol=1e-6)
    assert against[0, 7, 2] > 0.125  # marked '>' (late) in the row
    straight = np.zeros((1, 32, 3), np.float32)
    straight[0, 0::2, 0] = 1
    assert _timing_against_swing(straight) is straight


def test_rushed_straight_16ths_after_a_shuffle_stay_early(capsys, tmp_path):
    """A song swung in its verse and playing straight 16ths later: a beat of 16ths is straight wherever it is, so
    its 'a' played early is rushed ('<'), not a swung 8th measured against the verse's swing (it had been marked
    '>', late)."""
    from conftest import build_midi

    rush = 0.15 * 0.25  # 15% of a 16th early
    notes = [n for beat in range(24) for n in ((float(beat), 45, 100, 0), (beat + 2 / 3, 45, 80, 0))]
    notes += [(beat + t, 45, 90, 0) for beat in range(24, 32) for t in (0.0, 0.25, 0.5, 0.75 - rush)]
    path = tmp_path / "verse_and_chorus.mid"
    build_midi(str(path), notes, tempos=((0, 100.0),))
    assert main(["groove", str(path)]) == 0
    out = capsys.readouterr().out
    last = _timing_rows(out)[-1]
    assert last.count("<") == 8 and ">" not in last, out
    assert "<" not in _timing_rows(out)[0] and ">" not in _timing_rows(out)[0], out  # the shuffle on its swing
