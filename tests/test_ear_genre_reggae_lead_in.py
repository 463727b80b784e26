"""A reggae fill's lead-in, from the drop to its toms, is short and no louder than the drop (reggae_bars.short_lead_in).

Asked for reggae over a 6/8 bass at 80 BPM with --fill-every 4bars, the fill bar's snare rolled on every 16th from
the drop to the tom, "XXXXX-" (127, 112, 117, 122, 127); over the bundled funk bass (seeds 1, 2) it rolled 110, 119,
127 over a drop of 102. GMD's one reggae fill leads in with a tom stroke and one snare at the drop's level, and its
reggae beats ghost the snares after the 3: a reggae drummer's lead-in is a stroke or two, at the drop's level or
under it."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_reggae_fills import DRUMS, SNARE, TOMS, fill_bars

from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

pytest.importorskip("torch")

FUNK_BASS = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


@pytest.fixture
def six_eight_bass(make_midi):
    """A bass in 6/8 at 80 BPM (a quarter at 80), 16 bars: the dotted beats and the 8th before each, the fourth bar's
    a tone up."""
    notes = [(3 * bar + t, 40 + 2 * (bar % 4 == 3) + (5 if t == 1.5 else 0), 100 if t in (0.0, 1.5) else 80, 0)
             for bar in range(16) for t in (0.0, 1.0, 1.5, 2.5)]
    return read_midi(make_midi(notes, "bass68.mid", tempos=((0, 80.0),), time_signatures=((0, 6, 8),),
                               length=0.4))


def lead_ins(result):
    """(the drop's snare velocity, the snare strokes' velocities between the drop and the first tom) of each fill bar
    whose toms start after the drop."""
    out = []
    for loops, w, lo, hi, drop in fill_bars(result):
        bar = loops[w]
        toms_from = lo + int(np.flatnonzero((bar[lo:hi, TOMS] > 0.5).any(1))[0])
        if toms_from <= drop or bar[drop, SNARE] <= 0.5:
            continue
        strokes = [bar[s, N_VOICES + SNARE] for s in range(drop + 1, toms_from) if bar[s, SNARE] > 0.5]
        out.append((float(bar[drop, N_VOICES + SNARE]), strokes))
    return out


@pytest.mark.parametrize("meter, seed", [("six_eight", 0), ("six_eight", 3), ("four_four", 1), ("four_four", 2)])
def test_a_reggae_fills_lead_in_is_short_and_under_the_drop(shipped, six_eight_bass, meter, seed):
    part = six_eight_bass if meter == "six_eight" else read_midi(FUNK_BASS)
    result = shipped.drumify(part, Settings(genre={"reggae": 1.0}, fill_every=2, seed=seed))  # (every 4 bars)
    found = lead_ins(result)
    assert found, "no fill bar filling from after the drop"
    for drop, strokes in found:
        assert len(strokes) <= 2, (drop, np.round(np.array(strokes) * 127))  # before: 3-4 16ths rolled
        assert all(v <= drop + 1.5 / 127 for v in strokes), (drop, np.round(np.array(strokes) * 127))
    # (the fill itself, from its first tom, is the fill's: its drums still play)
    assert any((loops[w, lo:hi][:, DRUMS] > 0.5).sum() >= 2 for loops, w, lo, hi, _ in fill_bars(result))
