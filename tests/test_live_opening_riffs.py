"""`reagroove live --bpm 100`, no count-in: a riff mostly off the beat as the player's first notes. The opening
(Opening) reads bar 1 and the tempo from them before the drums come in on the clock's bar 2; what it has read by
then is the tempo the drums start in. Notes ~10 ms either side, as a player without a click."""

import numpy as np
import pytest

from reagroove.core.live_opening import Opening

# one bar, repeated: (beat, pitch, velocity)
FUNK = [(0, 40, 110), (0.75, 40, 90), (1.5, 43, 100), (1.75, 43, 80), (2.75, 45, 105), (3.5, 47, 95)]
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
EIGHTS = [(k * 0.5, 40, 100 if k % 2 == 0 else 70) for k in range(8)]


def _opening(part, player_bpm, seed, set_bpm=100.0, bars=3):
    """The player's notes fed to the opening as LivePlayer does, each read on arrival, until the clock (at the
    tempo and bar 1 read so far) reaches its bar 2 and the drums come in. (bar 1 in the player's beats, BPM)."""
    rng = np.random.default_rng(seed)
    beat, start = 60.0 / player_bpm, 1.0
    played = sorted((bar * 4 + b, p, v) for bar in range(bars) for b, p, v in part)
    notes = sorted((start + b * beat + (rng.normal(0, 0.010) if k else 0.0), p, v)
                   for k, (b, p, v) in enumerate(played))
    opening, down, bpm, ready = Opening(set_bpm), start, set_bpm, None
    for t, p, v in notes:
        if ready is not None:  # the drums come in on the first bar line after enough was heard
            bars_in = max(1.0, np.ceil((ready - down) / (4 * 60.0 / bpm) - 1e-9))
            if t > down + bars_in * 4 * 60.0 / bpm:
                break
        opening.notes.append((t, p, v))
        if opening.heard_enough():
            down, bpm = opening.read(t)
            ready = t if ready is None else ready
    return (down - start) / beat, bpm


@pytest.mark.parametrize("seed", [0, 1])
def test_an_off_beat_funk_riff_at_the_tempo_set_starts_the_drums_at_that_tempo(seed):
    """An off-beat funk riff (1, the 'a' of 1, the 'and' of 2, its 'a', the 'a' of 3, the 'and' of 4) played at 100
    with --bpm 100 was read at 133: its 16ths sit as well on the beats and triplets of 133, and the drums came in at
    133, on the player's beat 3. Every note sits on a 16th of the tempo agreed: a drummer keeps it."""
    one, bpm = _opening(FUNK, 100.0, seed)
    assert bpm == pytest.approx(100.0, abs=1.0), f"read at {bpm:.1f} BPM"
    assert abs(one) < 0.1


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("player_bpm", [90.0, 115.0])
@pytest.mark.parametrize("part", [RIFF, EIGHTS], ids=["syncopated riff", "8ths"])
def test_a_player_off_the_tempo_set_is_still_read_at_their_own_tempo(part, player_bpm, seed):
    """The tempo agreed is kept only when the notes sit on it: a riff or 8ths at 90 or 115 with --bpm 100 are read
    at the player's tempo, bar 1 on their first note."""
    one, bpm = _opening(part, player_bpm, seed)
    assert bpm == pytest.approx(player_bpm, rel=0.02), f"read at {bpm:.1f} BPM"
    assert abs(one) < 0.1


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("player_bpm", [80.0, 133.0])
def test_quarter_notes_on_the_16ths_of_the_tempo_set_are_read_at_their_own_tempo(player_bpm, seed):
    """Quarters at 80 are five 16ths of 100 apart (at 133, three): evenly apart, they are the player's own beats,
    not a riff at the tempo agreed."""
    one, bpm = _opening([(b, 40, 100) for b in range(4)], player_bpm, seed)
    assert bpm == pytest.approx(player_bpm, rel=0.02), f"read at {bpm:.1f} BPM"
    assert abs(one) < 0.1


SKANK = [(0, 36, 70)] + [(b + 0.5, p, 105) for b in range(4) for p in (60, 64)]  # a soft bass note on 1, chords on the &s


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("player_bpm", [90.0, 100.0, 115.0])
def test_a_skank_has_bar_1_on_its_soft_note_on_1_not_on_the_first_chord(player_bpm, seed):
    """A reggae skank: a soft bass note on 1, louder chords on each 'and' two octaves up. The chord, louder and
    fuller, was taken for the landing of a pickup: bar 1 fell on the first 'and', the backbeat half a beat off. A run
    into 1 leads to it from near it; the chords are read for the tempo, the note on 1 stays beat 1."""
    one, bpm = _opening(SKANK, player_bpm, seed)
    assert abs(one) < 0.1, f"bar 1 {one:.2f} beats after the player's"
    assert bpm == pytest.approx(player_bpm, rel=0.02), f"read at {bpm:.1f} BPM"
