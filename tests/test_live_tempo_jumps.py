"""Live play on MIDI ports, a player who changes tempo mid-song without touching the Tempo box (into a chorus 10%
faster, down 8%, a band that rushes 100 -> 112 over 8 bars, a wrong tempo typed while playing): the clock's
follower heard only notes within 0.15 beat of its own beats, so past ~8% it lost them and the backbeat was gone
for good. The drums re-find the tempo within a bar or two, bar 1 where the player's is; syncopation, a fill,
rubato, swing and a few wrong notes do not move them."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.live_clock import InternalClock

KICK, SNARE = GM_DRUM_MAP.output[:2]
# a funk bass riff, (beat, pitch, velocity): accents on 1 and 3, 16ths between
RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
CHANGE = 16.0  # the player's beat where the tempo changes (bar 5)
START = 0.5  # seconds: the player's first note


def _times(tempo, beats):
    """Seconds of the player's beat positions `beats`, `tempo(beat)` their BPM as they go."""
    grid = np.arange(0.0, max(beats) + 1.01, 0.01)
    secs = np.concatenate([[0.0], np.cumsum(60.0 / np.array([tempo(x + 0.005) for x in grid[:-1]]) * 0.01)])
    return np.interp(beats, grid, secs) + START


def _jump(to):
    return lambda x: 100.0 if x < CHANGE else to


def _accel(x):  # 100 -> 112 over the 8 bars from the change, then on at 112
    return 100.0 + 12.0 * min(max((x - CHANGE) / 32.0, 0.0), 1.0)


def _notes(tempo, bars, part=RIFF, jitter=0.008, seed=3):
    """The part played `bars` times at `tempo`, each note a little early or late (`jitter` seconds)."""
    rng = np.random.default_rng(seed)
    played = [(bar * 4 + b, p, v) for bar in range(bars) for b, p, v in part]
    ts = _times(tempo, [b for b, _, _ in played]) + rng.normal(0, jitter, len(played))
    ts[0] = START
    return sorted((float(t), p, v) for t, (_, p, v) in zip(ts, played))


def _offsets(tempo, notes, beats, typed=None):
    """An InternalClock at 100 following `notes` from their first (beat 1): the clock's beat minus the player's at
    each of the player's `beats` as they come (with the tempo read then). `typed` (seconds, BPM): the Tempo box
    changed then."""
    clock = InternalClock(100.0, player_led=True)
    clock.anchor(notes[0][0])
    events = sorted([(t, 1, p, v) for t, p, v in notes] + [(float(_times(tempo, [k])[0]), 0, k, 0) for k in beats]
                    + ([(typed[0], -1, typed[1], 0)] if typed else []))
    off = []
    for t, kind, x, v in events:
        if kind < 0:
            clock.retempo(x, t)
        elif kind == 0:
            off.append((float(x), clock.beat(t) - x, clock.set_bpm))
        else:
            clock.heard(clock.beat(t), t, v)
    return clock, off


CHANGES = [(_jump(110.0), 110.0, CHANGE), (_jump(92.0), 92.0, CHANGE), (_accel, 112.0, CHANGE + 16)]
CHANGE_IDS = ["+10%", "-8%", "accelerando 100-112"]


@pytest.mark.parametrize("tempo, to, heard_by", CHANGES, ids=CHANGE_IDS)
@pytest.mark.parametrize("seed", [3, 11])
def test_the_clock_refinds_a_player_who_changed_tempo_with_their_bar_1(tempo, to, heard_by, seed):
    """From two bars after the change (for the accelerando, from halfway up it) every beat of the player is the
    clock's same beat: their tempo, and their bar 1 kept (no bar lost or doubled)."""
    bars = 18
    clock, off = _offsets(tempo, _notes(tempo, bars, seed=seed), np.arange(heard_by + 8, bars * 4 - 1))
    bad = [(int(k), round(d, 2)) for k, d, _ in off if abs(d) > 0.1]
    assert not bad, f"(player's beat, clock's beat off it): {bad}"
    assert abs(clock.bpm - to) < 2.5, f"clock at {clock.bpm:.1f}, player at {to}"


def test_a_wrong_tempo_typed_while_playing_is_overruled_by_the_player():
    """The producer types 120 while the player goes on at 110 (they set 100, the player was at 110 from the start
    of bar 5): the clock drifted to 139. It comes back to the player's 110, on their beats."""
    tempo = _jump(110.0)
    typed_at = float(_times(tempo, [CHANGE + 12.3])[0])
    clock, off = _offsets(tempo, _notes(tempo, 18), np.arange(CHANGE + 22, 18 * 4 - 1), typed=(typed_at, 120.0))
    bad = [(int(k), round(d, 2)) for k, d, _ in off if abs(d) > 0.1]
    assert not bad, f"(player's beat, clock's beat off it): {bad}"
    assert abs(clock.bpm - 110) < 2.5


def _with_wrong_notes(notes, seed=5):
    """Four stray notes at random moments (a slipped finger, a note caught late)."""
    rng = np.random.default_rng(seed)
    return sorted(notes + [(float(t), 50, 90) for t in rng.uniform(notes[8][0], notes[-1][0], 4)])


STEADY = {
    "syncopated riff": [(0, 40, 100), (0.5, 40, 110), (1.25, 43, 90), (1.75, 45, 110), (2.5, 45, 105), (3.25, 47, 85),
                        (3.75, 40, 110)],
    "offbeat skank": [(0, 36, 70)] + [(b + 0.5, p, 105) for b in range(4) for p in (60, 64)],
    "swung shuffle": [(b + s, 40 + b, 100 if s == 0 else 75) for b in range(4) for s in (0, 2 / 3)],
    "triplet and 16th fills": None,  # the riff, every fourth bar a fill
    "wrong notes": RIFF,
}


def _fills(bars):
    fill = [(k / 4, 45, 90) for k in range(8)] + [(2 + k / 3, 47, 95) for k in range(6)]
    return [(bar * 4 + b, p, v) for bar in range(bars) for b, p, v in (fill if bar % 4 == 3 else RIFF)]


@pytest.mark.parametrize("part", list(STEADY), ids=list(STEADY))
@pytest.mark.parametrize("rubato", [0.0, 0.03], ids=["steady", "rubato 3%"])
def test_syncopation_swing_fills_rubato_and_wrong_notes_leave_the_tempo_alone(part, rubato):
    """A player who keeps their tempo (or breathes around it by a few percent) while playing off the beat, swung,
    a fill, or a few wrong notes: a steady player's tempo is never read again and their beats stay the drums'."""
    bars = 16

    def tempo(x):
        return 100.0 * (1 + rubato * np.sin(2 * np.pi * x / 16))

    if STEADY[part] is None:
        rng = np.random.default_rng(4)
        played = _fills(bars)
        ts = _times(tempo, [b for b, _, _ in played]) + rng.normal(0, 0.008, len(played))
        ts[0] = START
        notes = sorted((float(t), p, v) for t, (_, p, v) in zip(ts, played))
    else:
        notes = _notes(tempo, bars, part=STEADY[part])
    if part == "wrong notes":
        notes = _with_wrong_notes(notes)
    clock, off = _offsets(tempo, notes, np.arange(4, bars * 4 - 1))
    if not rubato:
        assert clock.set_bpm == 100.0, f"the tempo was read again: {clock.set_bpm:.1f}"
        bad = [(int(k), round(d, 2)) for k, d, _ in off if abs(d) > 0.1]
        assert not bad, f"(player's beat, clock's beat off it): {bad}"
    # rubato: the follower (unchanged here) may lag a part with few notes on the beat until it no longer hears the
    # beat (ON_BEAT off); the tempo is read again only then, and that brings the drums back onto the player's beat,
    # never away from it
    for (_, before, was), (k, _, now), (_, after, _) in zip(off, off[1:], off[3:]):  # after: once caught up
        if now != was:
            assert abs(before) > InternalClock.ON_BEAT and abs(after) < abs(before), \
                f"beat {k}: read again from {before:+.2f} off"


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


@pytest.mark.parametrize("tempo", [c[0] for c in CHANGES], ids=CHANGE_IDS)
def test_the_backbeat_is_back_on_the_players_2_and_4_within_two_bars_of_a_tempo_change(engine, tempo):
    """`reagroove live --bpm 100` through in-memory ports, the shipped model: a bass player (notes 8 ms either side)
    goes 10% faster, 8% slower or rushes from bar 5 on. From bar 7 on (for the accelerando, every bar) the snare
    is on the player's 2 and 4; it was lost for good after the jumps."""
    bars = 12
    notes = _notes(tempo, bars, seed=7)
    player, clock = live_rig(engine, 100.0)
    sent = play_live(player, clock, notes, float(_times(tempo, [bars * 4])[0]))
    grid = np.arange(0.0, bars * 4 + 0.5, 0.01)
    snares = np.interp([t for t, m in sent if m.type == "note_on" and m.velocity and m.note == SNARE],
                       _times(tempo, grid), grid)  # in the player's beats
    first = 1 if tempo is _accel else int(CHANGE) // 4 + 2
    missing = [(bar + 1, two_four + 1) for bar in range(first, bars) for two_four in (1, 3)
               if not np.any(np.abs(snares - bar * 4 - two_four) < 0.125)]
    assert not missing, f"(bar, beat) of the player with no snare: {missing}"
