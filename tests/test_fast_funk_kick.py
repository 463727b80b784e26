"""Funk at a fast tempo kicks with the bass, not on 16ths the bass leaves alone (core/fast_funk_kick.py).

Over freedoom e3m9's band at its 200 BPM (a bass in quarters and 8th pickups), `--genre funk` had played its GMD
drummers' slow kick, the "a" of 1 with the downbeats, in every bar: 56% of its kicks on a bass note (86% with no
genre). GMD's funk drummers all play below 120 BPM; from hand_speed.FAST_BPM its kick keeps to the bass's notes on
the 16ths off the 8ths. Below that tempo funk's kick is as it was."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

from reagroove.core.fast_funk_kick import fast_funk_rows, kick_on_the_bass  # noqa: E402
from reagroove.core.genres import GENRES  # noqa: E402
from reagroove.core.midi import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

E3M9 = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi") / "d_e3m9.mid"
OFF_EIGHTHS = np.arange(32) % 2 == 1


def at_tempo(tmp_path, bpm):
    mido = pytest.importorskip("mido")
    if not E3M9.is_file():
        pytest.skip("freedoom MIDI not found")
    song = mido.MidiFile(E3M9)
    for track in song.tracks:
        for msg in track:
            if msg.type == "set_tempo":
                msg.tempo = int(round(60e6 / bpm))
    out = tmp_path / f"e3m9_{bpm}.mid"
    song.save(out)
    return out


def kicks_and_bass(result):
    loops = np.asarray(result.loops)
    bass = np.asarray(result.bass)[..., 0] > 0.5
    return loops[..., 0] > 0.5, bass


def test_funk_at_200_bpm_kicks_on_the_bass(shipped):
    if not E3M9.is_file():
        pytest.skip("freedoom MIDI not found")
    kick, bass = kicks_and_bass(shipped.drumify(read_midi(E3M9), Settings(genre={"funk": 1.0}), bars=(1, 16)))
    kick[-1, 16:] = False  # (bar 16 fills into the section the band starts on bar 17: a fill's kick is its own)
    assert kick.any()
    assert (kick & bass).sum() >= 0.7 * kick.sum()  # (had 0.5: the "a" of 1 in every bar)
    assert not (kick & ~bass & OFF_EIGHTHS).any()  # no kick on an "e" or "a" the bass leaves alone


def test_funk_at_100_bpm_keeps_its_own_kick(shipped, tmp_path):
    kick, bass = kicks_and_bass(shipped.drumify(read_midi(at_tempo(tmp_path, 100)), Settings(genre={"funk": 1.0}),
                                                bars=(1, 16)))
    assert (kick & ~bass & OFF_EIGHTHS).any()  # its drummers' "a" of 1, as before


def test_the_rule_reads_funk_tempo_and_bass():
    mix = np.zeros((3, len(GENRES)), np.float32)
    mix[:, GENRES.index("funk")] = 1.0
    bass = np.zeros((3, 32), bool)
    bass[:2, ::4] = True
    bass[:2, 3] = True  # a bass push on the "a" of 1
    rows = fast_funk_rows(mix, np.array([200.0, 100.0, 200.0]), bass)
    assert rows.tolist() == [True, False, False]  # (no bass part known: left alone)
    score = np.ones((3, 32, 9), np.float32)
    out = kick_on_the_bass(score, bass, rows)
    assert np.isfinite(out[0, 3, 0]) and np.isneginf(out[0, 1, 0]) and np.isfinite(out[0, 2, 0])
    assert np.array_equal(out[1:], score[1:]) and np.array_equal(out[..., 1:], score[..., 1:])


def test_half_time_loops_compare_half_the_tempo():
    """Under --feel half a loop is laid at half speed: its 16ths are the song's 8ths, at half the song's tempo."""
    mix = np.zeros((3, len(GENRES)), np.float32)
    mix[:, GENRES.index("funk")] = 1.0
    bass = np.zeros((3, 32), bool)
    bass[:, ::4] = True
    rows = fast_funk_rows(mix, np.full(3, 200.0), bass, np.array([True, True, False]), np.array([True, False, False]))
    assert rows.tolist() == [True, False, True]  # plain 4/4, half time (100 on its grid), another meter
    assert fast_funk_rows(mix, np.full(3, 400.0), bass, None, np.zeros(3, bool)).all()


def test_funk_in_half_time_at_200_bpm_keeps_its_kick_on_the_songs_eighths(shipped):
    """e3m9 at 200 BPM in half time: the network's kick on the "and" of 2 of every second bar (a real 8th, half
    time's 16th) stays; the rule, comparing the song's tempo on the half-speed grid, had taken it off."""
    if not E3M9.is_file():
        pytest.skip("freedoom MIDI not found")
    res = shipped.drumify(read_midi(E3M9), Settings(genre={"funk": 1.0}, feel="half"), bars=(1, 16))
    loops = np.asarray(res.loops)
    kicks = {round(float(start + (step + loops[i, step, 18]) / 4), 2) for i, start in enumerate(res.starts)
             for step in np.flatnonzero(loops[i, :, 0] > 0.5)}
    pushes = [8 * k + 5.5 for k in range(8)]  # bar 2's, 4's ... 16's "and" of 2
    assert sum(p in kicks for p in pushes) >= 6, sorted(kicks)
