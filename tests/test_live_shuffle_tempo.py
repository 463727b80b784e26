"""`reagroove live`, the bundled shuffle blues (swung 8ths at 100) begun on its beat 2 or 4 (or the swung 8th before
it) with --bpm 120 or 140: its long-short pairs sit on 150's beats and 'and's (a quarter and an 8th each), its chords
then on 150's beats, and the drums came in at 150 for good, a beat and a half to each of the player's. A drummer
hears each pair as a beat, its short note the swung 8th: the drums come in at 100, on the player's beats."""

from pathlib import Path

import mido
import numpy as np
import pytest
from helpers import live_rig, play_live

SHUFFLE = Path(__file__).resolve().parents[1] / "core" / "examples" / "shuffle_blues.mid"
BPM = 100.0


def _shuffle_from(beat: float) -> list[tuple[float, int, int, float]]:
    """shuffle_blues.mid's notes (drums left out) from its `beat` on (a note a hair late on it included), the first
    one second in: (seconds, pitch, velocity, the file's beat)."""
    t, notes = 0.0, []
    for msg in mido.MidiFile(SHUFFLE):
        t += msg.time
        if msg.type == "note_on" and msg.velocity and msg.channel != 9:
            notes.append((t, msg.note, msg.velocity))
    start = (beat - 0.075) * 60.0 / BPM
    played = [n for n in notes if n[0] >= start]
    return [(1.0 + tt - played[0][0], p, v, tt * BPM / 60.0) for tt, p, v in played]


@pytest.mark.parametrize("beat, set_bpm", [(0.5, 120), (1.0, 120), (3.0, 120), (1.0, 140), (0.0, 120)])
def test_the_shuffle_begun_on_its_backbeat_is_followed_at_its_own_tempo(shipped, beat, set_bpm):
    """From its swung 8th before beat 2, from beat 2, from beat 4 (--bpm 120) and from beat 2 with --bpm 140 (and
    from its 1, which came in at 100 before): the drums come in at 100 and stay there, each of the player's beats
    (the pair's long note) on one of the drums' beats over the last two bars."""
    played = _shuffle_from(beat)
    player, clock = live_rig(shipped, float(set_bpm))
    said = []
    player.say = said.append
    last = played[-1][0] - 2 * 4 * 60.0 / BPM
    beats = []
    later = [(t + 1e-3, (lambda t: lambda p: beats.append(p.clock.beat(t)))(t))
             for t, _, _, b in played if t >= last and abs(b - round(b)) < 0.02]
    play_live(player, clock, [n[:3] for n in played], played[-1][0] + 1.0, dt=0.01, actions=later)
    came = [s for s in said if s.startswith("the drums come in at")]
    assert came and came[0].startswith(("the drums come in at 99 ", "the drums come in at 100 ",
                                        "the drums come in at 101 ")), said
    assert abs(player.clock.bpm - BPM) < 2, (player.clock.bpm, said)
    b = np.array(beats)
    off = np.abs(b - np.round(b))
    assert len(b) > 4 and off.max() < 0.1, f"the player's beats off the drums' by {np.round(off, 2)} beats"


def _at(bpm: float, beats) -> np.ndarray:
    return 1.0 + np.asarray(beats, np.float64) * 60.0 / bpm


def swung_pairs_bpm(*args):
    from reagroove.core.live_shuffle import swung_pairs_bpm as read  # (here: the live tests above run without it)

    return read(*args)


def test_long_short_pairs_are_beats():
    """A swung pair a beat (2/3 + 1/3) at 100, read at 150 as a quarter and an 8th: 100; from two pairs and the next
    beat on."""
    assert swung_pairs_bpm(_at(150, [0, 1, 1.5, 2.5, 3, 4, 4.5, 5.5]), 150.0, 81.6) == pytest.approx(100.0)
    assert swung_pairs_bpm(_at(150, [0, 1, 1.5, 2.5, 3]), 150.0, 81.6) == pytest.approx(100.0)


@pytest.mark.parametrize("beats", [
    [0, 1, 2, 3, 4, 5],  # quarters
    [0, 1, 1.5, 2, 3, 3.5, 4],  # quarters and 8ths
    [0, 1.5, 3, 4, 5.5, 7, 8],  # a 3+3+2 riff
    [0, 1, 1.5, 3, 4.5, 6],  # one pair, then dotted quarters
    [0, 1, 1.5, 3, 4],  # a pair, a lone note, a pair: the funk bass at 192 (--bpm 140) from its 'a' of 4
    [0, 1, 1.5, 2.5],  # two pairs, no more yet
])
def test_straight_parts_stay_at_their_reading(beats):
    """Straight parts at 150 whose notes are not all a swung pair's two places: 150 stays."""
    assert swung_pairs_bpm(_at(150, beats), 150.0, 81.6) == 150.0


def test_no_slower_than_the_tempos_read():
    """2/3 of the reading under the lowest tempo the opening reads (--bpm 150's 0.68): the reading stays."""
    assert swung_pairs_bpm(_at(150, [0, 1, 1.5, 2.5, 3, 4]), 150.0, 102.0) == 150.0
