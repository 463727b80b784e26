"""A part playing mostly lazy (swung) 16ths live: its "e"s and "a"s a steady 0.04 beat late (58% swing) at 95 BPM.
The clock's follower took their lateness for its own phase: the drums settled 13-26 ms behind the player's beats,
where drumify's of the same notes are on them. A steady late "e" or "a" is the player's feel; the beats and 8ths carry
the phase (core/live_feel.py). Through the rig `reagroove live` assembles (in-memory ports, a scripted clock) on the
shipped model, and on the clock alone."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live_clock import InternalClock
from reagroove.core.loop import N_VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

BPM, ONE, BARS, LATE = 95.0, 0.5, 10, 0.04  # LATE: beats, the "e"s' and "a"s' swing
BEAT = 60.0 / BPM
PARTS = {  # (beat in the bar, pitch, velocity): a funk keys part, and 16ths with few notes on the 8ths
    "funk keys": [(0, 36, 110), (0.25, 60, 80), (0.75, 62, 90), (1.5, 60, 90), (1.75, 62, 85), (2.25, 60, 80),
                  (2.75, 64, 95), (3.25, 60, 80), (3.5, 62, 90), (3.75, 64, 85)],
    "e and a riff": [(0, 36, 110), (2, 43, 100)] + [(b + e, 60 + b, 80) for b in range(4) for e in (0.25, 0.75)],
}


def lazy(part, late=LATE):
    """The part with its "e"s and "a"s played `late` beats late."""
    return [(b + (late if round(b * 4) % 2 else 0.0), p, v) for b, p, v in part]


def on_the_beats_ms(onsets) -> float:
    """The mean of how far (ms, + late) the drum onsets near the player's beats (within a 16th) sit off them: from
    the fourth bar, the player's feel heard by then (live, a bar or two of it)."""
    offs = [(b - round(b)) * BEAT * 1000 for b in onsets if abs(b - round(b)) < 0.25]
    assert len(offs) >= 16
    return float(np.mean(offs))


@pytest.mark.parametrize("part", list(PARTS))
def test_the_drums_stay_on_the_beats_of_a_part_in_lazy_sixteenths_as_drumifys(shipped, make_midi, part):
    notes = lazy(PARTS[part])
    played = [(ONE + (4 * bar + b) * BEAT, p, v) for bar in range(BARS) for b, p, v in notes]
    player, clock = live_rig(shipped, BPM)
    sent = play_live(player, clock, played, ONE + 4 * BARS * BEAT)
    live = [(t - ONE) / BEAT for t, m in sent if m.type == "note_on" and m.velocity and t - ONE >= 12 * BEAT]
    offline = shipped.drumify(read_midi(make_midi([(4 * bar + b, p, v, 0) for bar in range(BARS) for b, p, v in notes],
                                                  "part.mid", tempos=((0, BPM),))), Settings())
    drumified = [start + (step + loop[step, 2 * N_VOICES + voice]) / 4 for start, loop in
                 zip(offline.starts, offline.loops) for step, voice in zip(*np.nonzero(loop[:, :N_VOICES] > 0.5))
                 if start + step / 4 >= 12]  # from bar 4, as live's
    heard, wanted = on_the_beats_ms(live), on_the_beats_ms(drumified)
    assert abs(heard - wanted) < 6.0, f"live drums {heard:+.1f} ms off the player's beats, drumify's {wanted:+.1f} ms"


@pytest.mark.parametrize("part", list(PARTS))
def test_the_clock_holds_the_phase_of_a_player_in_lazy_sixteenths(part):
    """The clock alone (player-led, every note heard): from bar 4 on its beat is within 5 ms of the player's, and a
    player who then plays the same part straight is followed as closely from the fourth bar of it (the feel is theirs,
    not the clock's: it is heard again)."""
    bars = 13
    notes = sorted((ONE + (4 * bar + b) * BEAT, v) for bar in range(bars)
                   for b, _, v in (lazy(PARTS[part]) if bar < 8 else PARTS[part]))
    clock = InternalClock(BPM, player_led=True)
    clock.anchor(ONE)
    beats = [(ONE + k * BEAT, 1, k) for k in range(12, 4 * bars)]
    off: dict[int, float] = {}
    for t, kind, x in sorted([(t, 0, v) for t, v in notes] + beats):
        if kind:
            off[x] = (clock.beat(t) - x) * BEAT * 1000  # + the drums ahead of the player
        else:
            clock.heard(clock.beat(t), t, x)
    lazy_bars = [abs(off[k]) for k in range(12, 32)]  # bar 4 on
    straight_again = [abs(off[k]) for k in range(44, 4 * bars)]  # bar 12 on: the fourth bar played straight
    assert max(lazy_bars) < 5.0 and max(straight_again) < 5.0, \
        f"the clock off the player's beats (ms): lazy {np.round(lazy_bars, 1)}, straight {np.round(straight_again, 1)}"


@pytest.mark.parametrize("part", list(PARTS))
def test_lazier_sixteenths_still_bring_the_drums_in_at_the_bpm_set_with_the_backbeat_on_2_and_4(shipped, part):
    """62% swing (the "e"s and "a"s 0.06 beat late) with --bpm 95: the opening took the late 16ths for triplets and
    read 71 or 118 BPM (3/4 or 5/4 of it); the drums came in there and were bars and a 16th off the player's for
    good. Lazy 16ths late alike sit on --bpm's 16ths (core/live_opening.py)."""
    played = [(ONE + (4 * bar + b) * BEAT, p, v) for bar in range(BARS) for b, p, v in lazy(PARTS[part], 0.06)]
    player, clock = live_rig(shipped, BPM)
    sent = play_live(player, clock, played, ONE + 4 * BARS * BEAT)
    assert abs(player.clock.bpm - BPM) < 1, f"the drums at {player.clock.bpm:.1f} BPM"
    snare = [(t - ONE) / BEAT for t, m in sent if m.type == "note_on" and m.velocity and m.note == GM_DRUM_MAP.output[1]]
    for bar in range(3, BARS):
        beats = {round(b - 4 * bar) for b in snare if abs(b - round(b)) < 0.1 and 4 * bar <= round(b) < 4 * bar + 4}
        assert beats == {1, 3}, f"bar {bar + 1}: the snare on the player's beats {sorted(beats)} (2 and 4 are 1 and 3)"
