"""Meters a drummer plays otherwise than as a row of 3/4 bars or 3+2, on the shipped model.

A 5/4 or 7/4 part's own grouping (2+3 against 3+2, 3+4 against 4+3) puts the kick on its group starts;
12/16 is compound, four dotted 8ths (12/8 at double speed); 3/2 is three half-note beats and 6/4 two dotted
halves (or three halves where the part accents 1, 3 and 5), not two 3/4 bars.
"""

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.loop import VOICES
from reagroove.core.meter import bars_beats
from reagroove.core.settings import Settings

KICK, SNARE, HAT = (VOICES.index(v) for v in ("kick", "snare", "closed_hat"))
BARS = 8


def band_part(make_midi, num, den, bass_at, keys_every=0.5, name="part.mid"):
    """`BARS` bars of num/den: a bass note on each of `bass_at` (quarter notes into the bar), where the part
    groups its beats, and soft keys chords on every `keys_every` quarter notes."""
    bar = num * 4 / den
    notes = [(b * bar + at, 36, 105, 0, 1) for b in range(BARS) for at in bass_at]
    notes += [(b * bar + k * keys_every, p, 64, 0, 0) for b in range(BARS)
              for k in range(round(bar / keys_every)) for p in (60, 64, 67)]
    return read_midi(make_midi(notes, name=name, time_signatures=((0, num, den),)))


def bar_hits(res, bar, voice):
    """The 16th steps (from the bar line) where `voice` plays in a bar of a drumify result."""
    for w in reversed(range(len(res.bars))):
        if res.bars[w] <= bar:
            beats = bars_beats(None if res.meters is None else res.meters[w])[bar - int(res.bars[w])]
            steps = np.arange(beats[0].start, beats[-1].start + beats[-1].length)
            return set((np.flatnonzero(res.loops[w, steps, voice] > 0.5)).tolist())
    raise AssertionError(f"bar {bar} not played")


def on_beats(res, voice, quarters):
    """For each bar, which of these quarter-note beats (0-based) `voice` plays on."""
    return [sorted(q for q in quarters if 4 * q in bar_hits(res, b, voice)) for b in range(1, BARS + 1)]


def test_a_5_4_or_7_4_part_gets_its_kicks_on_its_own_groups(shipped, make_midi):
    for num, bass_at, kicks in (
        (5, (0, 2), [0, 2]),  # 2+3: boom chick | boom chick chick (the kick had been on 4, as in 3+2)
        (5, (0, 3), [0, 3]),  # 3+2, as a 5/4 part has been read
        (7, (0, 3), [0, 3]),  # 3+4 (read as 4+3, the kick had been on 3 and 5)
    ):
        res = shipped.drumify(band_part(make_midi, num, 4, bass_at, name=f"g{num}_{bass_at[1]}.mid"), Settings())
        assert on_beats(res, KICK, range(num)) == [kicks] * BARS, (num, bass_at)  # on the group starts only
        assert on_beats(res, SNARE, [1]) == [[1]] * BARS, (num, bass_at)  # the backbeat right after the 1
        assert on_beats(res, SNARE, kicks) == [[]] * BARS, (num, bass_at)  # no snare on a group's 1


def test_12_16_plays_four_dotted_eighths(shipped, make_midi):
    # as a waltz in quarters, its snare had been on the 5th and 9th 16ths, its hats limping on 16ths 1 and 3
    res = shipped.drumify(band_part(make_midi, 12, 16, (0, 0.75, 1.5, 2.25), keys_every=0.25), Settings())
    for bar in range(1, BARS + 1):
        kicks, snares = bar_hits(res, bar, KICK), bar_hits(res, bar, SNARE)
        assert {0, 6} <= kicks and not kicks & {3, 9}, (bar, kicks)  # kick on 1 and 3 (12/8's)
        assert {3, 9} <= snares and not snares & {4, 8}, (bar, snares)  # the backbeat on 2 and 4
        assert bar_hits(res, bar, HAT) == set(range(12)), bar  # hats on every 16th, as 12/8's on every 8th


def test_3_2_plays_three_half_note_beats(shipped, make_midi):
    # as two 3/4 bars it had played a backbeat on quarters 2, 3, 5 and 6 and a kick on the 4th
    res = shipped.drumify(band_part(make_midi, 3, 2, (0, 2, 4)), Settings())
    for bar in range(1, BARS + 1):
        kicks, snares = bar_hits(res, bar, KICK), bar_hits(res, bar, SNARE)
        assert 0 in kicks and not kicks & {4, 8, 12, 16}, (bar, kicks)  # kick on 1, on no other beat
        assert 8 in snares and not snares & {0, 4, 12}, (bar, snares)  # the backbeat on beat 2 (the 3rd quarter)
        assert set(range(0, 24, 2)) <= bar_hits(res, bar, HAT), bar  # 8ths under a part playing 8ths


@pytest.mark.parametrize("bass_at, snare_on, no_snare", [
    ((0, 3), {12}, {4, 8}),  # two dotted halves: kick on 1, the backbeat on 4, as a slow 6/8
    ((0, 2, 4), {8, 16}, {4, 12}),  # the part plays three halves: a 3/2 bar's backbeat on 3 and 5
])
def test_6_4_is_two_dotted_halves_unless_the_part_plays_three_halves(shipped, make_midi, bass_at, snare_on, no_snare):
    res = shipped.drumify(band_part(make_midi, 6, 4, bass_at, name=f"six{len(bass_at)}.mid"), Settings())
    for bar in range(1, BARS + 1):
        kicks, snares = bar_hits(res, bar, KICK), bar_hits(res, bar, SNARE)
        assert 0 in kicks and not kicks & {4, 8, 12, 16, 20}, (bar, kicks)
        assert snare_on <= snares and not snares & no_snare, (bar, snares)
