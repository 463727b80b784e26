"""A shuffle in half time (`--feel half`), as a drummer plays a Purdie or Bonham half-time shuffle: the hats on the
bar's swung 8ths (each beat and the triplet's last note), the backbeat broad on the bar's 3. At half speed the
part's swing had gone unheard (its swung 8ths land on the loop's "e" and "a") and the swung 8ths on the bar's "a"
had read as 16ths: the hats played straight 16ths against the band's shuffle, and drumify said nothing of a swing."""

import numpy as np
import pytest
from test_half_time_by_ear import CLOSED, SNARE, hits, song_bars

from reagroove.core.feel import with_feel
from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

RIDE, TOMS = VOICES.index("ride"), [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
TRIPLET = 2 + 2 / 3  # the swung 8th, in the bar's 16ths from its beat
BARS = 8
# a boogie bass at 120, each beat and its swung 8th (root, fifth, sixth, fifth), piano stabs on 2 and 4
BOOGIE = (40, 47, 49, 47)


@pytest.fixture
def shuffle(make_midi):
    notes = [(4 * bar + beat + swung * 2 / 3, BOOGIE[beat], 100 if not swung else 80, 0)
             for bar in range(BARS) for beat in range(4) for swung in (0, 1)]
    notes += [(4 * bar + beat, pitch, 90, 1, 1) for bar in range(BARS) for beat in (1, 3) for pitch in (64, 67, 71)]
    return read_midi(make_midi(notes, "shuffle_120.mid", tempos=((0, 120.0),), length=0.25))


@pytest.fixture
def straight(make_midi):
    notes = [(4 * bar + beat / 2, BOOGIE[beat // 2], 100 if beat % 2 == 0 else 80, 0)
             for bar in range(BARS) for beat in range(8)]
    return read_midi(make_midi(notes, "straight_120.mid", tempos=((0, 120.0),), length=0.25))


def in_beat(loops: np.ndarray) -> np.ndarray:
    """(W, steps, 9): where each step's note falls in its beat, in 16ths (its step and offset)."""
    return (np.arange(loops.shape[-2])[None, :, None] + loops[..., 2 * N_VOICES:]) % 4


def beat_bars(loops, bars) -> list[np.ndarray]:
    """The song's bars (16, 27) that play the beat: no fill (toms), not past the song."""
    return [b for b in song_bars(loops, bars).values() if hits(b).any() and not hits(b)[:, TOMS].any()]


def assert_swung_hats(loops, bars):
    keepers = []
    for bar in beat_bars(loops, bars):
        h = hits(bar)
        keeper = h[:, CLOSED] | h[:, RIDE]
        where = in_beat(bar[None])[0]
        for v in (CLOSED, RIDE):
            on = where[h[:, v], v]
            # every stroke on a beat or its swung 8th: no straight 16th, no straight "and"
            swung = np.isclose(on, 0, atol=0.05) | np.isclose(on, 4, atol=0.05) | np.isclose(on, TRIPLET, atol=0.05)
            assert swung.all(), f"{VOICES[v]} on {sorted(set(np.round(on[~swung], 2).tolist()))} of its beat (16ths)"
        keepers.append(keeper)
    keeper = np.array(keepers)
    assert len(keeper) >= 6
    assert keeper[:, 0::4].mean() > 0.9 and keeper[:, 3::4].mean() > 0.75  # each beat and its swung 8th
    assert not keeper[:, 1::4].any() and not keeper[:, 2::4].any()
    return keeper


def test_a_half_time_shuffle_swings_its_hats_on_the_bars_8ths(shipped, shuffle):
    result = shipped.drumify(shuffle, Settings(feel="half"))
    assert_swung_hats(result.loops, result.bars)
    for bar in beat_bars(result.loops, result.bars):  # still half time: the backbeat on the 3 alone
        h = hits(bar)
        assert h[8, SNARE] and not h[4, SNARE] and not h[12, SNARE]
    assert any("the part swings (its off-beat 8ths at 67% of the beat): the drums swing with it" in m
               for m in result.messages), result.messages


def test_a_half_time_shuffles_versions_and_fills_swing_too(shipped, shuffle):
    settings = Settings(feel="half", fill_every=2)  # (windows: a fill every 4 bars)
    result = shipped.drumify(shuffle, settings)
    for version in shipped.variations_of(result, settings, 2)[1:]:
        assert_swung_hats(version, result.bars)
    # the fills at the song's speed, swung as the beat is: no stroke on a straight "and" or its 16th after it
    fills = [b for b in song_bars(result.loops, result.bars).values() if hits(b)[:, TOMS].any()]
    assert fills
    for bar in fills:
        h = hits(bar)[:, [SNARE, *TOMS]]
        where = in_beat(bar[None])[0][:, [SNARE, *TOMS]]
        straight = np.isclose(where, 2, atol=0.05) | np.isclose(where, 3, atol=0.05)
        assert not straight[h].any(), f"fill strokes on {sorted(set(np.round(where[h], 2).tolist()))} of the beat"


def test_the_swing_is_read_on_the_bars_and_a_straight_part_is_left_as_it_is(shipped, shuffle, straight):
    from reagroove.core.groove import extract_windows
    from reagroove.core.half_time_swing import bar_swing, straightened

    wins = extract_windows(shuffle)
    meters = with_feel(wins.meters, "half", len(wins.grooves))[0]
    swing = bar_swing(wins.grooves, meters)
    assert swing == pytest.approx(TRIPLET, abs=0.05)
    assert bar_swing(wins.grooves, wins.meters) is None  # normal time: the loop frame reads it (swing.py)
    heard = straightened(wins.grooves, meters, swing)  # the swung 8ths on the bar's "and" for the model
    assert not (heard[..., 0] > 0.5)[:, 3::4].any() and (heard[..., 0] > 0.5)[:, 2::4].sum() == BARS * 4
    plain = extract_windows(straight)
    assert bar_swing(plain.grooves, with_feel(plain.meters, "half", len(plain.grooves))[0]) is None
    result = shipped.drumify(straight, Settings(feel="half"))
    assert not any("swing" in m for m in result.messages)
    on = in_beat(result.loops)[result.loops[..., :N_VOICES] > 0.5]
    assert not (np.isclose(on % 1, 2 / 3, atol=0.05)).any()  # straight drums: nothing on a triplet
