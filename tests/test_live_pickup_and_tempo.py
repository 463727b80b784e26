"""Live play on MIDI ports with no MIDI clock: a pickup into bar 1, and a player off --bpm from the start.

Through in-memory ports, the rig `reagroove live` assembles, and the shipped model: what the player hears is the
snare on their 2 and 4."""

import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.livemidi import Recording

KICK, SNARE = GM_DRUM_MAP.output[:2]
# a funk bass riff, (beat, pitch, velocity): accents on 1 and 3, 16ths between
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
# swung keys: a chord on each beat, a quiet swung 8th after it
SWUNG = [(b + 2 / 3, 60, 60) for b in range(4)] + [(b, p, 95 - 15 * (b % 2)) for b in range(4) for p in (48, 55)]


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


def _session(engine, bpm, pickup, part, player_bpm=None, bars=6, record=None):
    """`reagroove live --bpm bpm`: `pickup` then `bars` bars of `part` at `player_bpm`, no count-in, started at an odd
    moment. Returns (player, {drum: [onsets in the player's beats from their beat 1]})."""
    player, clock = live_rig(engine, bpm, record=record)
    beat = 60.0 / (player_bpm or bpm)
    one = 1.425 + 2 * beat  # the player's beat 1
    notes = sorted([(one + b * beat, p, v) for b, p, v in pickup]
                   + [(one + (bar * 4 + b) * beat, p, v) for bar in range(bars) for b, p, v in part])
    sent = play_live(player, clock, notes, one + bars * 4 * beat)
    return player, {p: [(t - one) / beat for t, m in sent if m.type == "note_on" and m.velocity and m.note == p]
                    for p in (KICK, SNARE)}


def _backbeat(at, bars=6):
    assert at[SNARE] and at[KICK]
    assert min(at[KICK] + at[SNARE]) > 4 - 0.2  # in on the player's bar 2, after the first bar heard
    for bar in range(1, bars):  # the snare on the player's 2 and 4 (a 32nd of the model's feel either side)
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"
    assert any(abs(b - bar * 4) < 0.125 for b in at[KICK] for bar in range(1, bars))  # and the kick on their 1


@pytest.mark.parametrize("pickup, part", [
    ([(-0.5, 45, 80), (-0.25, 47, 85)], RIFF),  # the 'and-a' of 4, 16ths up into the low accented 1
    ([(-1.5, 43, 85), (-1, 45, 85), (-0.5, 47, 88)], RIFF),  # a 3-note 8th run into 1
    ([(-0.75, 43, 85), (-0.5, 45, 85), (-0.25, 47, 88)], RIFF),  # a 3-note 16th run
    ([(-1 / 3, 64, 70)], SWUNG),  # keys: a swung 8th into the chord on 1
], ids=["and-a of 4", "8th run", "16th run", "swung keys"])
def test_a_pickup_into_bar_1_puts_the_backbeat_on_the_players_2_and_4(engine, pickup, part):
    """`reagroove live --bpm 100`, a bass player's pickup with no count-in: its first note was beat 1, so every bar line
    was a pickup early and the snare fell on the player's '4-and' and '2-and' (or on their 1 and 3 after a 2-beat run).
    A drummer hears where 1 is: the strong, low note the run leads into, with room after it."""
    _, at = _session(engine, 100.0, pickup, part)
    _backbeat(at)


@pytest.mark.parametrize("player_bpm", [120.0, 82.0])
def test_a_player_well_off_the_tempo_set_has_the_drums_in_their_time_from_the_start(engine, player_bpm):
    """`reagroove live --bpm 100` and a bass player who starts at 120 (or 82): the clock followed only notes within
    0.15 beat of its own beats, so it never locked and the drums came in late, off the player's beats and bars. The
    tempo is read from the first notes (louder ones on the beat) before the drums come in."""
    player, at = _session(engine, 100.0, [], RIFF, player_bpm)
    _backbeat(at)
    assert abs(player.clock.bpm - player_bpm) < 2


def test_a_pickup_and_a_tempo_read_together_and_the_take_keeps_the_pickup_before_bar_1(engine):
    """Both at once (a pickup at 118 with --bpm 100), and `--record`: the take has the pickup at the end of a bar of its
    own and the player's accented 1 on a bar line (bar 2), in the tempo they played."""
    record = Recording()
    player, at = _session(engine, 100.0, [(-0.5, 45, 80), (-0.25, 47, 85)], RIFF, 118.0, record=record)
    _backbeat(at)
    beats = sorted(b for b, *_ in record.input_notes)
    assert beats[0] >= 0 and abs(beats[0] - 3.5) < 0.05 and abs(beats[2] - 4) < 0.05
    assert abs(player.clock.bpm - 118) < 2
