"""A drum part that plays a kit (a typed or played beat on MIDI channel 10) is re-drummed from its own pattern:
the drum-part network decodes the latent point that reproduces its loops (Engine._target_of), so its kick and
snare stay where the producer put them, and its rests stay rests. A rhythm tapped on one pad is drumified from
its groove, as before."""

import numpy as np

from reagroove.core.groove import extract_windows
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE = 0, 1
BAR = 4 * STEPS_PER_BEAT


def typed_rock(bars: int, rest=()):
    """A rock beat typed at velocity 100 on the grid: kick on 1, 3 and the 'and' of 3, snare on 2 and 4, 8th hats;
    bars in `rest` empty."""
    notes = []
    for bar in range(bars):
        if bar in rest:
            continue
        b = 4.0 * bar
        notes += [(b + k * 0.5, 42, 100, 9) for k in range(8)]
        notes += [(b, 36, 100, 9), (b + 2, 36, 100, 9), (b + 2.5, 36, 100, 9), (b + 1, 38, 100, 9), (b + 3, 38, 100, 9)]
    return notes


def bar_hits(result, voice):
    """Per bar, the 16th steps the voice plays (the loops on their bars, 2 bars a loop)."""
    hits = np.asarray(result.loops)[..., voice] > 0.5
    return [set(np.flatnonzero(h[i * BAR:(i + 1) * BAR]).tolist()) for h in hits for i in range(2)]


def test_a_typed_rock_beat_keeps_its_kick_on_1_and_3_and_its_backbeat(shipped, make_midi):
    # (the drum-part network from the groove alone: kick on 2 and 4 with the snare, none on 1 or 3)
    result = shipped.drumify(read_midi(make_midi(typed_rock(8))), Settings())
    kicks, snares = bar_hits(result, KICK), bar_hits(result, SNARE)
    assert all({0, 8} <= k for k in kicks[1:]), kicks  # (bar 1: its crash bar)
    assert all({4, 12} <= s for s in snares), snares
    assert sum(len(k - {0, 8, 10}) for k in kicks) <= 2, kicks  # the kick the part plays, not its own
    assert any("its kick and snare kept" in m for m in result.messages), result.messages
    assert not any("typed at one velocity" in m for m in result.messages), result.messages


def test_a_drum_parts_rest_is_kept_and_said(shipped, make_midi):
    result = shipped.drumify(read_midi(make_midi(typed_rock(12, rest=range(4, 8)))), Settings())
    hits = np.asarray(result.loops)[..., :9] > 0.5
    assert not hits[2].any(), "bars 5-6 of the drum part rest: so do its drums"
    assert hits[0].any() and hits[4].any()
    assert any("where the drums rest with it" in m for m in result.messages), result.messages


def test_its_variations_and_seeds_move_from_its_own_pattern(shipped, make_midi):
    song = read_midi(make_midi(typed_rock(8)))
    one = shipped.drumify(song, Settings(seed=1)).loops
    two = shipped.drumify(song, Settings(seed=2)).loops
    assert not np.array_equal(one, two), "seeds 1 and 2 give the same drums"  # (a take: hits or levels)
    versions = shipped.variations_of(shipped.drumify(song, Settings()), Settings(), 3)
    hits = np.asarray(versions)[..., :9] > 0.5
    assert (hits[0] != hits[1]).any() and (hits[1] != hits[2]).any(), "variations of one beat are all alike"
    for v in versions:  # each a version of this beat: its backbeat kept
        snares = np.asarray(v)[..., SNARE] > 0.5
        assert snares[:, [4, 12, 20, 28]].mean() > 0.9


def test_a_rhythm_tapped_on_one_pad_is_drumified_from_its_groove(shipped, make_midi):
    taps = [(4.0 * bar + k * 0.5, 38, 100 if k % 2 == 0 else 60, 9) for bar in range(8) for k in range(8)]
    wins = extract_windows(read_midi(make_midi(taps)))
    assert wins.drum_part and wins.kit is None
    result = shipped.drumify_windows(wins, Settings())
    hits = np.asarray(result.loops)[..., :9] > 0.5
    assert hits[..., KICK].any(), "a tap on the snare pad is drums for its rhythm, the kick among them"
