"""`reagroove live --bpm 100`, no count-in: a bass that plays on the 'and's (every 8th off the beat: a pumping or
ska bass) begun on the 'and' of 1, a kick-like root on the 1 now and then. The first note was beat 1, so the drums
put the backbeat and the 1 on the player's 'and's for the whole song; a drummer hears the low, loud root as the 1 and
what came before it as the 'and's (core/live_off_beat_start.py). Likewise a loud, low bass on the 'and's under a
pad held from its 1 (EDM), and a reggae band begun on its skank's 'and' of 1 (core/live_opening.py). Through the
rig `reagroove live` assembles (tests/helpers.py), each note up to ~8 ms off, the drums read in 12ths of a beat of
the player's bars."""

import mido
import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import TWELFTHS, VOICE_OF

from reagroove.core.settings import Settings

ONE, BARS = 0.4, 8  # the player's beat 1 (before their first note, on the 'and' of 1)
ROOT = [(0.0, 28, 112)]  # a kick-like root on the 1, an octave and more under the 'and's


def ands(pitches=(40,)):
    return [(b + 0.5, pitches[b % len(pitches)], 88) for b in range(4)]


def drums(engine, bars, bpm, seed, set_bpm=100.0, settings=None):
    """The drums under `bars` (one list of (beat, pitch, velocity[, beats held]) each, a note held a third of a beat
    unless it says) played at `bpm` with --bpm `set_bpm`: {bar (1-based): {voice: [positions in 12ths]}} in the
    player's bars."""
    rng, notes, offs = np.random.default_rng(seed), [], []
    for bar, played in enumerate(bars):
        for beat, pitch, vel, *held in played:
            t = ONE + (4 * bar + beat) * 60.0 / bpm + rng.normal(0, 0.004)
            notes.append((t, pitch, vel))
            offs.append((t + (held[0] if held else 1 / 3) * 60.0 / bpm,
                         lambda p, n=pitch: p.inport.queue.append(mido.Message("note_off", note=n))))
    player, clock = live_rig(engine, set_bpm, settings=settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for t, msg in play_live(player, clock, notes, ONE + 4 * len(bars) * 60.0 / bpm, actions=offs):
        if msg.type == "note_on" and msg.velocity:
            at = round((t - ONE) * bpm / 60.0 * TWELFTHS)
            heard.setdefault(at // (4 * TWELFTHS) + 1, {}).setdefault(VOICE_OF[msg.note], []).append(
                at % (4 * TWELFTHS))
    return heard


PARTS = {
    "root every other bar": [ands() if bar % 2 == 0 else ROOT + ands() for bar in range(BARS)],
    "root every bar from bar 2": [ands()] + [ROOT + ands()] * (BARS - 1),
    "octave pump, root every other bar": [ands((40, 52)) if bar % 2 == 0 else ROOT + ands((40, 52))
                                          for bar in range(BARS)],
}


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("bpm", [90.0, 110.0, 130.0])
@pytest.mark.parametrize("part", list(PARTS))
def test_an_off_beat_bass_begun_on_the_and_has_the_backbeat_on_the_players_2_and_4(shipped, part, bpm, seed):
    heard = drums(shipped, PARTS[part], bpm, seed)
    played = [bar for bar in range(3, BARS + 1) if bar in heard]
    assert len(played) == BARS - 2, f"the drums played bars {sorted(heard)}"
    for bar in played:
        snare = set(heard[bar].get("snare", []))
        assert {TWELFTHS, 3 * TWELFTHS} <= snare and not snare & {TWELFTHS // 2, 7 * TWELFTHS // 2}, \
            f"bar {bar}: snare at {sorted(snare)} (12ths; 18 and 42 are the player's 'and' of 2 and of 4)"
    kicks = {bar: sorted(heard[bar].get("kick", [])) for bar in played}
    assert all(k and min(min(at, 4 * TWELFTHS - at) for at in k) <= 1 for k in kicks.values()), \
        f"no kick on the player's 1 (within a 12th of a beat); kicks (12ths) by bar: {kicks}"


def onsets(notes, bpm):
    return [(beat * 60.0 / bpm, pitch, vel, 1) for beat, pitch, vel in notes]


def let_go(notes, bpm, held):
    """The note-offs of `notes`, each held `held` beats."""
    return [((beat + held) * 60.0 / bpm, pitch) for beat, pitch, _ in notes]


def test_a_part_begun_on_its_1_or_with_its_own_syncopation_keeps_its_first_note_as_beat_1():
    """No root reading where the first note is the 1: an octave bass with its root on the beats (the octave on the
    'and's louder, tests/test_live_off_beat_parts.py), a riff from its 1 whose louder 'and' is no lower, a low push on
    the 'and' of 4 after notes off the beat, 'and's with nothing standing out, a bass on the 'and's after a count-in
    clicked high and soft on the beats (its first 'and' is no 1), each note short; and quarter notes held into each
    other, then a low, loud push on the 'and' of 4 (the same notes short are 'and's before a root on 1 once the line
    goes on on its 'and's after it, not when the next bar's 1 repeats the push's note)."""
    from reagroove.core.live_off_beat_start import root_on_one, root_pending

    period = 0.6
    pump = [(b + h, 33 if h == 0 else 45, 80 if h == 0 else 110) for b in range(3) for h in (0, 0.5)]
    riff = [(0, 40, 90), (0.5, 43, 110), (1.5, 45, 100), (2, 40, 90), (3, 38, 95)]
    busy = [(0, 47, 80), (0.75, 45, 80), (1, 47, 80), (3.5, 28, 112)]
    plain = [(b + 0.5, 40, 90) for b in range(8)]
    counted = [(b, 76, 60) for b in range(4)] + [(b + 4.5, 40, 95) for b in range(3)]  # clicked in, then the 'and's
    for part in (pump, riff, busy, plain, counted):
        assert root_on_one(onsets(part, 100.0), period, released=let_go(part, 100.0, 0.2)) is None, part
    pushed = [(b, 40, 90) for b in range(4)] + [(3.5, 33, 110)]
    assert root_on_one(onsets(pushed, 100.0), period, released=let_go(pushed, 100.0, 0.95)) is None
    assert root_on_one(onsets(pushed, 100.0), period) is None  # (no note let go: held)
    # the 'and's then the root: beat 1 half a beat before the first note (the bar the root's 1 ends)
    begun = [(b + 0.5, 40, 88) for b in range(4)] + [(4.0, 28, 112), (4.5, 40, 88)]
    ons = onsets(begun, 100.0)
    assert root_on_one(ons, period, released=let_go(begun, 100.0, 0.35)) == pytest.approx(ons[0][0] - 0.5 * period)
    # the same notes short: a root on 1 only once the line goes on on its 'and's after it, back up over it (the next
    # bar's 1 on the push's note is a bass on the beats pushing); until then the drums wait (root_pending)
    short = let_go(pushed, 100.0, 0.35)
    assert root_on_one(onsets(pushed, 100.0), period, released=short) is None
    assert root_pending(onsets(pushed, 100.0), period, released=short)
    on = pushed + [(4.0, 40, 90)]
    assert root_on_one(onsets(on, 100.0), period, released=short) == pytest.approx(-0.5 * period)
    assert not root_pending(onsets(on, 100.0), period, released=short)
    repeated = pushed + [(4.0, 33, 100)]
    assert root_on_one(onsets(repeated, 100.0), period, released=short) is None


# An EDM part, each bar: a pad's triad struck on 1 and held, an arp's 16ths pumping (loudest on the 'and' and the
# 'a'), a synth bass, loud and two octaves under the pad, on every 'and' (R12's p3_synth_arp).
PAD = [(0.0, p, 60, 3.9) for p in (45, 48, 52)]
ARP = [(s / 4, (57, 60, 64, 69)[s % 4], (45, 70, 90, 105)[s % 4], 0.2) for s in range(16)]
SYNTH_BASS = [(b + 0.5, 33, 100, 0.4) for b in range(4)]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("set_bpm", [120.0, 128.0], ids=["default --bpm", "--bpm 128"])
def test_a_pad_on_1_over_a_bass_on_the_ands_has_the_backbeat_on_the_players_2_and_4(shipped, set_bpm, seed):
    """`reagroove live` under an EDM part at 128: the bass on the 'and's, louder and lower than the pad's chord on 1,
    was taken for the landing of a pickup: the whole kit an 8th late for the session (snare on the player's 'and' of
    2 and of 4, crash on the 'and' of 1). The pad rings on over it: its chord is the 1."""
    heard = drums(shipped, [PAD + ARP + SYNTH_BASS] * BARS, 128.0, seed, set_bpm)
    played = [bar for bar in range(3, BARS + 1) if bar in heard]
    assert len(played) == BARS - 2, f"the drums played bars {sorted(heard)}"
    for bar in played:
        snare, kick = set(heard[bar].get("snare", [])), set(heard[bar].get("kick", []))
        assert {TWELFTHS, 3 * TWELFTHS} <= snare and not snare & {3 * TWELFTHS // 2, 7 * TWELFTHS // 2}, \
            f"bar {bar}: snare at {sorted(snare)} (12ths; 18 and 42 are the player's 'and' of 2 and of 4)"
        assert 0 in kick, f"bar {bar}: kick at {sorted(kick)} (12ths), none on the player's 1"


# A reggae band begun on its skank (R12's p4_reggae): the skank's triad on every 'and', the bass leaving the 1 empty
# and coming in with the first chord on the 'and' of 1.
SKANK_ANDS = [(b + 0.5, p, 85 if b % 2 else 72, 0.2) for b in range(4) for p in (57, 60, 64)]
ONE_DROP_BASS = [(0.5, 33, 95, 0.4), (1.0, 33, 90, 0.9), (2.0, 40, 92, 0.5), (2.75, 43, 80, 0.25), (3.0, 45, 88, 0.9)]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("bpm", [70.0, 75.0, 85.0])
def test_a_reggae_band_begun_on_its_skank_has_the_one_drop_on_the_players_3(shipped, bpm, seed):
    """`reagroove live --bpm BPM --genre reggae`, the player's first notes the skank's chord and the bass on the
    'and' of 1: that chord was taken for beat 1, so the one drop fell on the player's 'and' of 3 and the crash on
    their 'and' of 1 for the session. Asked for reggae, the skank is the 'and's: beat 1 is half a beat before it."""
    reggae = Settings(genre={"reggae": 1.0})
    heard = drums(shipped, [SKANK_ANDS + ONE_DROP_BASS] * BARS, bpm, seed, bpm, reggae)
    played = [bar for bar in range(3, BARS + 1) if bar in heard]
    assert len(played) == BARS - 2, f"the drums played bars {sorted(heard)}"
    for bar in played:
        snare, kick = set(heard[bar].get("snare", [])), set(heard[bar].get("kick", []))
        assert 2 * TWELFTHS in kick & snare and not (kick | snare) & {5 * TWELFTHS // 2}, \
            f"bar {bar}: kick at {sorted(kick)}, snare at {sorted(snare)} (12ths; the player's 3 is 24, its 'and' 30)"
