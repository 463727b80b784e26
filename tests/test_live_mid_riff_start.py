"""`reagroove live`, the bundled funk bass (a two-bar riff at 96) begun mid-riff, from a 16th off its beats (its 'a'
of 2, the 'and' of 3, the 'a' of 1 of bar 2...): its first bar reads as well at 128, where its 16ths are triplets,
and over that bar it repeats no better at 96 than at 128. The drums came in at 128-130 BPM and stayed there to the
end, the player's notes on their triplets. A drummer hears the riff come round: by its second repeat the drums are
at 96, on the player's 16ths. A riff that is at 4/3 of its straight reading, its bar repeating there, stays."""

from pathlib import Path

import mido
import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.live_clock import InternalClock
from reagroove.core.live_opening import Opening

FUNK = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"
BPM = 96.0


def _funk_from(sixteenth: int) -> list[tuple[float, int, int]]:
    """funk_bass.mid's notes from its `sixteenth`th 16th on (a note played a hair late on it included), the first
    one second in: (seconds, pitch, velocity)."""
    t, notes = 0.0, []
    for msg in mido.MidiFile(FUNK):
        t += msg.time
        if msg.type == "note_on" and msg.velocity:
            notes.append((t, msg.note, msg.velocity))
    start = (sixteenth - 0.3) * 15.0 / BPM
    played = [(tt, p, v) for tt, p, v in notes if tt >= start]
    return [(1.0 + tt - played[0][0], p, v) for tt, p, v in played]


def followed_at_96(shipped, sixteenth: int, set_bpm: float) -> list[str]:
    """The funk riff played live from its `sixteenth`th 16th with --bpm `set_bpm`, checked: by the riff's second
    repeat (four bars of 96 from the first note) and to the end the drums are at 96, every note of the player's
    last two bars within a 32nd of the drums' 16ths. What the player was told."""
    played = _funk_from(sixteenth)
    player, clock = live_rig(shipped, float(set_bpm))
    said = []
    player.say = said.append
    seen = {}
    later = [(1.0 + 4 * 4 * 60.0 / BPM, lambda p: seen.update(second_repeat=p.clock.bpm))]
    later += [(t + 1e-3, (lambda t: lambda p: seen.setdefault("beats", []).append(p.clock.beat(t)))(t))
              for t, _, _ in played if t >= played[-1][0] - 2 * 4 * 60.0 / BPM]
    play_live(player, clock, played, played[-1][0] + 1.0, dt=0.01, actions=later)
    assert abs(seen["second_repeat"] - BPM) < 2, (seen["second_repeat"], said)
    assert abs(player.clock.bpm - BPM) < 2, (player.clock.bpm, said)
    b = np.array(seen["beats"])
    off = np.abs(b * 4 - np.round(b * 4)) / 4
    assert off.max() < 0.125, f"the player's notes off the drums' 16ths by {np.round(off, 2)} beats"
    return said


@pytest.mark.parametrize("sixteenth, set_bpm", [(7, 120), (11, 120), (19, 120), (43, 120), (19, 100)])
def test_the_funk_riff_begun_mid_riff_is_followed_at_its_own_tempo(shipped, sixteenth, set_bpm):
    """From the 16ths where the drums came in at 128-130 (`--bpm 120`, and `--bpm 100` from bar 2's 'a' of 1):
    by the riff's second repeat (four bars of 96 from the first note) and to the end the drums are at 96, every
    note of the player's last two bars within a 32nd of the drums' 16ths, and the player told "following you at
    96 BPM" where the drums came in at another tempo."""
    said = followed_at_96(shipped, sixteenth, set_bpm)
    came = [s for s in said if s.startswith("the drums come in at")]
    assert came, said
    if not came[0].startswith(("the drums come in at 95", "the drums come in at 96", "the drums come in at 97")):
        assert any(s.startswith(("following you at 95", "following you at 96", "following you at 97")) for s in said), said


def _clock_after(notes, bpm: float, locked_at: float) -> InternalClock:
    """An InternalClock that came in at `bpm` with the opening's first notes (down: the first), then heard the
    rest: as LivePlayer leaves it after the drums came in on the player's first note."""
    clock = InternalClock(bpm, player_led=True)
    clock.anchor(notes[0][0])
    clock.bar = (0.0, 4.0)
    before = [n for n in notes if n[0] < locked_at]

    # the opening's notes, --bpm left at 120 (lock reads them; the reading itself, `bpm`, is the clock's)
    clock.opening = Opening(120.0)
    clock.opening.notes = before
    clock.lock()
    for t, _, v in notes:
        if t >= locked_at:
            clock.heard(clock.beat(t), t, v)
    return clock


def test_a_riff_at_four_thirds_of_its_straight_reading_repeating_there_stays():
    """A riff at 128 on its beats, 8ths and triplets (its notes all on 96's 16ths), repeating every bar of 128:
    its own bar repeats it, so the drums stay at 128 (no tempo read again, nothing said)."""
    beat = 60.0 / 128
    riff = [(0, 110), (2 / 3, 80), (1, 100), (2, 95), (2 + 1 / 3, 75), (3, 100), (3 + 2 / 3, 85)]
    notes = [(1.0 + (bar * 4 + b) * beat, 40, v) for bar in range(8) for b, v in riff]
    clock = _clock_after(notes, 128.0, 1.0 + 4 * beat + 0.01)
    assert abs(clock.bpm - 128) < 2, clock.bpm


def test_the_clock_reads_the_two_bar_riff_again_once_it_has_come_round():
    """The funk riff from its 'and' of 3 at 96, the drums come in at 128 on its first note as the opening read it:
    the riff's second bar-pair has them at 96 with its first note still on a bar line."""
    played = _funk_from(10)
    locked = played[11][0] + 0.01  # twelve onsets read
    clock = _clock_after(played, 128.0, locked)
    assert abs(clock.bpm - BPM) < 2, clock.bpm
    t = played[-1][0]
    first_bar = (clock.beat(t) - (t - played[0][0]) * clock.bpm / 60.0) % 4
    assert min(first_bar, 4 - first_bar) < 0.2, f"the first note {first_bar:.2f} beats off the drums' bar line"


def test_a_straight_reading_is_not_doubted():
    """Notes all on the 16ths of the clock's tempo: no triplets, nothing to read again."""
    from reagroove.core.live_riff_alias import RiffAlias

    alias = RiffAlias(1.0, 4.0)
    found = [alias.heard(1.0 + k * 0.25 * 60 / 96 * (1 + (k % 3 == 0)), 0.6, 96.0) for k in range(60)]
    assert not any(found)
