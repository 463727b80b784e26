"""Live play on MIDI ports (no MIDI clock), a player starting a syncopated riff from its 1 with no count-in, its
'and' of 1 louder than the 1 (1 at 100, the 'and' at 110, the 'a' of 2 ...): the louder note half a beat after the
first was heard as the landing of a pickup, so bar 1 fell half a beat late, the snare on the player's 'and' of 2 and
4 for the whole song (and on, after a tempo change or a break, as the bars kept counting). A drummer hears the
riff come round: a louder 'and' after the 1 is an accent, not the downbeat. A pickup on the 'and' of 4 into a riff's
louder 1 stays a pickup (tests/test_live_starts.py plays those through the rig)."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live_opening import Opening

KICK, SNARE = GM_DRUM_MAP.output[:2]
SYNCOPATED = [(0, 40, 100), (0.5, 40, 110), (1.25, 40, 90), (1.75, 40, 110), (2.5, 40, 105), (3.25, 40, 85),
              (3.75, 40, 110)]
# a funk riff's 1 (110) after a softer note on its 'and' of 4 (95): a pickup
FUNK = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]


def _notes(part, bpm, bars, seed, pickup=()):
    """(seconds, pitch, velocity) of `pickup` then `part` played `bars` times at `bpm`, beat 0 at 2.5 s, each note up
    to 8 ms loose."""
    rng = np.random.default_rng(seed)
    beats = list(pickup) + [(bar * 4 + b, p, v) for bar in range(bars) for b, p, v in part]
    return sorted((2.5 + b * 60.0 / bpm + rng.uniform(-0.008, 0.008), p, v) for b, p, v in beats)


def _bar_1_read_on(opening, notes, one: float, player_bpm: float) -> None:
    """The opening fed `notes` one by one reads bar 1 at `one` (seconds) from the riff's sixth note on (before the
    drums come in, a bar after its first note)."""
    for k, note in enumerate(notes):
        opening.notes.append(note)
        if k >= 5:
            down, _ = opening.read(note[0])
            assert abs(down - one) < 0.02, \
                f"after {k + 1} notes, bar 1 on the player's beat {(down - 2.5) * player_bpm / 60.0:.2f}, not 0"


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("set_bpm, player_bpm", [(120, 120), (120, 100), (100, 88), (100, 112)])
def test_a_riffs_louder_and_of_1_is_an_accent_not_bar_1(set_bpm, player_bpm, seed):
    """The opening, from the riff's sixth note on (before the drums come in, a bar after its first note): beat 1 on
    the player's first note, not on the louder 'and' after it."""
    notes = _notes(SYNCOPATED, player_bpm, 2, seed)
    _bar_1_read_on(Opening(float(set_bpm)), notes, notes[0][0], player_bpm)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("player_bpm", [100, 88, 112])
def test_a_softer_note_on_the_and_of_4_into_the_riffs_1_is_still_a_pickup(player_bpm, seed):
    """The same shape (a note, a louder one half a beat later, the next 3/4 of a beat on) as a pickup: the riff's
    accents fall on the beats from its 1, which stays bar 1."""
    notes = _notes(FUNK, player_bpm, 2, seed, pickup=[(-0.5, 40, 95)])
    _bar_1_read_on(Opening(100.0), notes, notes[1][0], player_bpm)


@pytest.mark.parametrize("player_bpm", [120.0, 100.0])
def test_the_drums_come_in_with_their_backbeat_on_the_riffs_2_and_4(shipped, player_bpm):
    """`reagroove live --bpm 120`, the riff from its 1 (no count-in): the drums came in with bar 1 on the louder
    'and' of 1, the snare on the player's 'and' of 2 and 4. Now from their third bar on the snare is on their 2 and
    4 and the kick on their 1."""
    bars = 7
    player, clock = live_rig(shipped, 120.0)
    player.say = lambda _: None
    sent = play_live(player, clock, _notes(SYNCOPATED, player_bpm, bars, 1), 2.5 + bars * 4 * 60.0 / player_bpm)
    at = {d: [(t - 2.5) * player_bpm / 60.0 for t, m in sent if m.type == "note_on" and m.velocity and m.note == d]
          for d in (KICK, SNARE)}
    for bar in range(2, bars):
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1} (snares at {at[SNARE][:8]})"
        assert any(abs(b - bar * 4) < 0.125 for b in at[KICK]), f"bar {bar + 1}: no kick on the player's 1"
