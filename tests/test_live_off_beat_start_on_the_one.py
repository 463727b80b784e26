"""`reagroove live --bpm 100`, no count-in: players begun on their 1 who push the next bar with a low, loud note on
the 'and' of 4 (or of 3). core/live_off_beat_start.py heard a bass begun on the 'and's in them and moved beat 1 half
a beat early for the whole song: the drums' 1 and backbeat on the player's 'and's. A drummer hears a bass begun on
the 'and's only in a line of single low notes whose root goes on on the 'and's after it
(tests/test_live_off_beat_bass.py); chords, a push its next 1 repeats or holds over, a riff's own syncopation keep
the first note as beat 1."""

import mido
import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import TWELFTHS, VOICE_OF

from reagroove.core.live_opening import Opening

BPM, ONE = 100.0, 1.0  # the player's tempo and their beat 1 (their first note, but a pickup's)
BEAT = 60.0 / BPM
C_TRIAD = (60, 64, 67)


def bars(bar, n=2):
    """`bar` [(beat, pitches, velocity, beats held)] played `n` bars running."""
    return [(4 * k + b, p, v, h) for k in range(n) for b, p, v, h in bar]


OPENINGS = {
    # the reviewer's: staccato quarter-note chords, the left hand's low C on the 'and' of 4
    "piano chords, left-hand push": bars([(b, C_TRIAD, 80, 0.4) for b in range(4)] + [(3.5, (36,), 100, 0.4)]),
    # the reviewer's: bass quarters held half a beat, a low push on the 'and' of 4, the next bar on its note
    "bass quarters into a push": [(b, (40,), 90, 0.5) for b in range(4)] + [(3.5, (33,), 110, 0.5)]
    + [(b, (33,), 100, 0.5) for b in range(4, 8)],
    "piano, octave bass and a push": bars([(b, (36, 48) + C_TRIAD, 80, 0.35) for b in range(4)]
                                          + [(3.5, (31,), 105, 0.35)]),
    # rock 8ths on the root, the low E pushing the next bar (kept before too: the line's own 'and's)
    "rock 8ths on the root": bars([(b / 2, (45,), 95, 0.3) for b in range(7)] + [(3.5, (28,), 115, 0.4)]),
    # a pickup on 3 and 4 into a bar of staccato quarters, the low push held over the next 1
    "a pickup into quarters": [(-2 + b, (40,), 90, 0.3) for b in range(6)] + [(3.5, (28,), 112, 1.2)]
    + [(b, (40,), 90, 0.3) for b in (5, 6, 7)],
    # funk: staccato octaves on the beats, the low E on the 'and' of 4 held over the 1, the bar on from its 'e'
    "funk octaves, low push": [(b, (40 if b % 2 == 0 else 52,), 90, 0.3) for b in range(4)]
    + [(3.5, (28,), 115, 0.7), (4.25, (40,), 80, 0.2)] + [(b, (40 if b % 2 == 0 else 52,), 90, 0.3) for b in (5, 6, 7)],
    # a riff's own syncopation: the low 'and' of 3 after 1, 2, 3, into the 'e' of 4
    "funk riff, low 'and' of 3": bars([(0, (40,), 95, 0.25), (1, (43,), 85, 0.25), (2, (45,), 90, 0.25),
                                       (2.5, (28,), 115, 0.3), (3.25, (40,), 80, 0.2)]),
}


def notes_of(opening, bpm=BPM):
    """(seconds, pitch, velocity) and (seconds, pitch) note-offs of an opening at `bpm`, its chords strummed 3 ms a
    note."""
    on, off = [], []
    for beat, pitches, vel, held in opening:
        for k, p in enumerate(pitches):
            on.append((ONE + beat * 60.0 / bpm + 0.003 * k, p, vel))
            off.append((ONE + (beat + held) * 60.0 / bpm, p))
    return sorted(on), sorted(off)


@pytest.mark.parametrize("player_bpm", [85.0, 100.0, 120.0])
@pytest.mark.parametrize("name", list(OPENINGS))
def test_a_player_begun_on_the_1_pushing_the_next_bar_keeps_beat_1_on_the_beats(name, player_bpm):
    """Read as notes come (the drums come in once heard_enough): beat 1 stays on the player's beats (the first note,
    or a beat of the player's where a pickup leads in), never half a beat off."""
    on, off = notes_of(OPENINGS[name], player_bpm)
    opening = Opening(BPM)
    for k, note in enumerate(on):
        opening.notes.append(note)
        opening.released = [o for o in off if o[0] <= note[0]]
        down, bpm = opening.read(note[0] + 0.01)
        if k >= 3:
            beats = (down - ONE) * player_bpm / 60.0
            assert abs(beats - round(beats)) < 0.1, \
                f"after note {k + 1}: beat 1 at {beats:+.2f} of the player's beats ({bpm:.0f} BPM)"


def test_a_bass_begun_on_the_and_s_holds_the_drums_until_the_note_after_its_root():
    """The root heard, the drums wait for the next note (it says whether the root is a 1 or a push): a bass begun on
    the 'and' of 1, its root on bar 2's 1; then the same root after quarters on the beats, the next bar on its note."""
    ands = [(b + 0.5, (40,), 88, 0.33) for b in range(4)]
    for part, moved in ((ands + [(4.0, (28,), 112, 0.33), (4.5, (40,), 88, 0.33)], True),
                        ([(b, (40,), 88, 0.33) for b in range(4)] + [(3.5, (28,), 112, 0.33), (4.0, (28,), 95, 0.33)],
                         False)):
        on, off = notes_of(part)
        opening = Opening(BPM)
        opening.notes, opening.released = on[:-1], [o for o in off if o[0] < on[-2][0] + 0.1]
        assert not opening.heard_enough(), "the drums came in on the root, before the note after it"
        opening.notes, opening.released = on, [o for o in off if o[0] < on[-1][0]]
        down = opening.read(on[-1][0] + 0.01)[0]
        assert down == pytest.approx(ONE if moved else on[0][0], abs=0.02) and opening.heard_enough()


@pytest.mark.parametrize("name", ["piano chords, left-hand push", "bass quarters into a push",
                                  "funk octaves, low push"])
def test_through_the_rig_the_backbeat_stays_on_the_players_2_and_4(shipped, name):
    """Through the rig `reagroove live` assembles (tests/helpers.py), the opening's bars repeated to 8, each note up
    to ~4 ms off: the snare on the player's 2 and 4, never their 'and's, from bar 3."""
    rng = np.random.default_rng(0)
    part = [(4 * k + b, p, v, h) for k in range(0, 8, 2) for b, p, v, h in OPENINGS[name] if 0 <= b < 8]
    on, off = notes_of(part)
    on = [(t + rng.normal(0, 0.004), p, v) for t, p, v in on]
    player, clock = live_rig(shipped, BPM)
    actions = [(t, lambda pl, n=p: pl.inport.queue.append(mido.Message("note_off", note=n))) for t, p in off]
    heard: dict[int, set[int]] = {}
    for t, msg in play_live(player, clock, on, ONE + 32 * BEAT, actions=actions):
        if msg.type == "note_on" and msg.velocity and VOICE_OF[msg.note] == "snare":
            at = round((t - ONE) / BEAT * TWELFTHS)
            heard.setdefault(at // (4 * TWELFTHS) + 1, set()).add(at % (4 * TWELFTHS))
    played = [bar for bar in range(3, 9) if bar in heard]
    assert len(played) >= 5, f"the snare played bars {sorted(heard)}"
    for bar in played:
        ands = {TWELFTHS * b + TWELFTHS // 2 for b in range(4)}
        assert {TWELFTHS, 3 * TWELFTHS} <= heard[bar] and not heard[bar] & ands, \
            f"bar {bar}: snare at {sorted(heard[bar])} (12ths of the player's beats; 6, 18, 30, 42: their 'and's)"
