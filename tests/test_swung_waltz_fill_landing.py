"""A swung part's fills outside 4/4 stay on its triplets (core/fill_meters.py, core/fill_landings.py).

By ear, before: over a jazz waltz at --swing 62 with --fill-every 4bars, fill_meters laid a fill's run on the swung
triplets (beat 3 struck on 3 and its swung "and", 2.0 and 2.62 of the bar), then fill_landings re-landed that last
beat as a thin fill: 2.0, 2.31, 2.62 and 2.81, a straight 16th "a" against the triplet feel (4/4 jazz fills land on
0, .31 and .62 of the beat). And a swung fill from an "e" or "and" drew straight 16th cells for all its beats."""

import mido
import numpy as np
import pytest

from reagroove.core.cli import main
from reagroove.core.fill_meters import meter_runs
from reagroove.core.loop import N_VOICES, STEPS_PER_BEAT, VOICES
from reagroove.core.swing_asked import asked_swing

TOM_NOTES = {41, 43, 45, 47, 48, 50}
SNARE_NOTES = {38, 40}
RIDE, SNARE = VOICES.index("ride"), VOICES.index("snare")
DRUMS = [SNARE] + [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
STRAIGHT_A = (0.72, 0.95)  # of a beat: a light swing's "a" (.81), past the swung 8th (.62) and before the next 1
WALTZ = ((0.0, 3, 4), (3.0, 3, 4))  # a window of two 3/4 bars


def fill_strokes(path) -> list[float]:
    """Where in its beat (0..1) each snare or tom note of a bar with a tom in it falls: the fills' strokes."""
    midi = mido.MidiFile(path)
    beat, t, notes = midi.ticks_per_beat, 0, []
    for msg in mido.merge_tracks(midi.tracks):
        t += msg.time
        if msg.type == "note_on" and msg.velocity and msg.note in TOM_NOTES | SNARE_NOTES:
            notes.append((t / beat, msg.note))
    fill_bars = {int(at // 3) for at, note in notes if note in TOM_NOTES}
    return [at % 1.0 for at, _ in notes if int(at // 3) in fill_bars]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_swung_jazz_waltzs_fills_land_on_its_triplets(make_midi, tmp_path, seed):
    # 8 bars of a 3/4 guitar at 120 BPM: a low note on each 1, chords on the other 8ths
    notes = [(3.0 * bar + 0.5 * k, 40 if k == 0 else 52, 100 if k == 0 else 70, 0)
             for bar in range(8) for k in range(6)]
    song = make_midi(notes, tempos=[(0, 120.0)], time_signatures=[(0, 3, 4)], length=0.2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(song), "-o", str(out), "--genre", "jazz",
                 "--swing", "62", "--fill-every", "4bars", "--seed", str(seed), "--quiet"]) == 0
    places = fill_strokes(out)
    assert places, "no fills"
    assert any(abs(p - 0.62) < 0.05 for p in places), places  # (the fills are swung: their "and"s at .62)
    on_a = [round(p, 2) for p in places if STRAIGHT_A[0] < p < STRAIGHT_A[1]]
    assert not on_a, f"fill strokes on a straight 16th 'a' in a swung waltz: {on_a} of {len(places)}"


@pytest.mark.parametrize("offbeat", [1, 2])
def test_a_swung_fill_from_an_e_or_an_and_stays_on_the_triplets(offbeat):
    """A thin fill from the "e" or the "and" of 2 of a waltz's second bar is run on the triplets, as a fill from the
    beat is: none of its strokes on a beat's straight "a"."""
    swing = asked_swing(62.0)
    for seed in range(8):
        loops = np.zeros((1, 32, 3 * N_VOICES), np.float32)
        for t in range(0, 24, 2):  # (a ride on the 8ths; the fill's steps left empty, a thin fill)
            loops[0, t, [RIDE, N_VOICES + RIDE]] = (1.0, 0.8)
        loops[0, 4:24:12, [SNARE, N_VOICES + SNARE]] = (1.0, 0.5)
        fill_at = np.zeros((1, 32), bool)
        start = 12 + STEPS_PER_BEAT + offbeat  # the "e" or "and" of 2 in the second bar
        fill_at[0, start:24] = True
        loops[0, start:24] = 0.0
        meter_runs(loops, np.array([0]), fill_at, [WALTZ], np.array([seed]), np.array([120.0]), swing=swing)
        struck = np.flatnonzero((loops[0, start:24][:, DRUMS] > 0.5).any(1)) + start
        assert len(struck) >= 3, struck  # (a run, as before)
        on_a = [int(t) for t in struck if t % STEPS_PER_BEAT == 3]
        assert not on_a, f"seed {seed}: a swung fill from step {start} struck straight 'a's at steps {on_a}"
