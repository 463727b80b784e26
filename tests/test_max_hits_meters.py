"""`--max-hits` on other meters keeps what a drummer keeps there: the bar's own beats, read from the song's bars.

The engine had handed the cap no bars, so outside 4/4 it ranked the steps every meter plays: on a 12/8 part
4 hats a bar kept dotted beats 1 and 2 and left 3 and 4 silent, and 2 snares kept one backbeat."""

import numpy as np
import pytest

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

KICK, SNARE, HAT = 36, 38, 42


def _twelve_eight_part():
    """8 bars of 12/8 at 60 (quarter) BPM: a bass on each dotted beat, louder on 1 and 3, 8ths on keys."""
    notes = []
    for bar in range(8):
        at = bar * 6.0
        for beat in range(4):
            notes.append((at + beat * 1.5, 40, 110 if beat % 2 == 0 else 80, 0))
        notes += [(at + k * 0.5, 64, 60, 1) for k in range(12)]
    return notes


@pytest.mark.parametrize("seed", [0, 3])
def test_a_cap_on_12_8_keeps_the_four_dotted_beats_and_the_backbeat(make_midi, tmp_path, seed):
    pytest.importorskip("torch")
    song = make_midi(_twelve_eight_part(), time_signatures=((0, 12, 8),), tempos=((0, 60.0),))
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(song), "-o", str(out), "--seed", str(seed),
                 "--max-hits", "kick=2,snare=2,closed_hat=4"]) == 0
    notes = read_midi(out).notes
    eighths = np.round(notes.start * 2).astype(int)  # 8ths from the file's start (the drums are a little loose)
    bars, at = eighths // 12, eighths % 12
    for bar in range(8):
        here = bars == bar
        hats = sorted(at[here & (notes.pitch == HAT)].tolist())
        snares = sorted(at[here & (notes.pitch == SNARE)].tolist())
        kicks = sorted(at[here & (notes.pitch == KICK)].tolist())
        assert hats == [0, 3, 6, 9], (bar, hats)  # one hat on each dotted beat
        assert snares == [3, 9], (bar, snares)  # the backbeat: dotted beats 2 and 4
        assert kicks[:1] == [0] and set(kicks) <= {0, 6}, (bar, kicks)  # the downbeat, then its half-bar


EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "core" / "examples"


@pytest.mark.parametrize("caps, hats_per_bar", [("closed_hat=8", [0, 4, 8, 12]), ("closed_hat=4", [0, 8])])
def test_a_hat_cap_holds_in_half_time(tmp_path, caps, hats_per_bar):
    """`--feel half --max-hits closed_hat=4` on the funk bass played 16 hats a bar: half time lays 16th hats
    where the part plays 16ths, after the cap. Now the cap holds on the bars as played, on the half-time beats."""
    pytest.importorskip("torch")
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(EXAMPLES / "funk_bass.mid"), "-o", str(out), "--feel", "half",
                 "--max-hits", caps]) == 0
    notes = read_midi(out).notes
    steps = np.round(notes.start[notes.pitch == HAT] * 4).astype(int)
    for bar in range(8):
        assert sorted((steps[steps // 16 == bar] % 16).tolist()) == hats_per_bar, bar


def test_a_kick_cap_on_2_4_plays_the_kick_on_every_other_bar(make_midi, tmp_path):
    """A loop holds four bars of 2/4: `--max-hits kick=2` played four kicks in it (one a bar), twice the cap;
    now two, on the downbeats of bars 1 and 3 of each four."""
    pytest.importorskip("torch")
    notes = [(bar * 2.0 + k * 0.5, 40 if k == 0 else 45, 110 if k == 0 else 70, 0) for bar in range(8) for k in range(4)]
    song = make_midi(notes, time_signatures=((0, 2, 4),), tempos=((0, 100.0),))
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(song), "-o", str(out), "--max-hits", "kick=2,snare=2"]) == 0
    notes = read_midi(out).notes
    kicks = np.round(notes.start[notes.pitch == KICK] * 4).astype(int)
    snares = np.round(notes.start[notes.pitch == SNARE] * 4).astype(int)
    assert kicks.tolist() == [b * 8 for b in (0, 2, 4, 6)]  # 1 of bars 1, 3, 5 and 7
    assert len(snares) == 4 and all(s // 8 % 2 == 1 for s in snares)  # the backbeat: in bars 2, 4, 6 and 8
