"""Live play on MIDI ports as musicians play it, the internal clock following the player: a player with no
count-in, one back from a break a little faster, a steady player's tempo kept, loops made every beat."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK, SNARE = GM_DRUM_MAP.output[:2]


@pytest.fixture(scope="module")
def engine():
    pytest.importorskip("torch")
    from reagroove.models.drummer import default_engine

    return default_engine(patterns_path=None)


def test_a_bass_player_with_no_count_in_gets_the_backbeat_on_their_2_and_4(engine):
    """`reagroove live --bpm 100` and a bass riff started 1.37 s after the program (no click, no drums: the player
    cannot know where its bar 1 is). The drums counted bars from the program's start, so they came in at a random
    phase: the snare fell a beat and a 16th off the player's 2 and 4, between their notes. The player's first note
    is beat 1."""
    bpm, start = 100.0, 1.425  # half a 16th off the program's grid
    beat = 60.0 / bpm
    riff = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]
    notes = [(start + (bar * 4 + b) * beat, p, v) for bar in range(6) for b, p, v in riff]
    player, clock = live_rig(engine, bpm)
    sent = play_live(player, clock, notes, start + 6 * 4 * beat)
    # each drum onset as a beat of the player's bars (their first note = 0)
    at = {p: [(t - start) / beat for t, m in sent if m.type == "note_on" and m.velocity and m.note == p]
          for p in (KICK, SNARE)}
    assert at[SNARE] and at[KICK]
    assert min(at[KICK] + at[SNARE]) > 4 - 0.2  # in after the first bar heard
    for bar in range(1, 6):  # the backbeat on the player's 2 and 4 (a 32nd of the model's feel either side)
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in at[SNARE]), \
                f"bar {bar + 1}: no snare on the player's beat {two_four + 1}"
    assert any(abs(b - bar * 4) < 0.125 for b in at[KICK] for bar in range(1, 6))  # and the kick on their 1


RIFF = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 40, 95)]


def test_a_player_back_from_a_break_a_little_faster_keeps_the_drums_with_them(engine):
    """`reagroove live --bpm 100`: a bass riff for 4 bars, 2 bars' rest (the drums play on), then back on the drums'
    bar line 4% faster, as players do. The drums kept 100 BPM: a 16th behind after two bars, on the player's off-beats
    after four. They follow the tempo of the player's notes on the beat; the backbeat stays on the player's 2 and 4."""
    bpm, start = 100.0, 0.5
    beat, back_beat = 60.0 / bpm, 60.0 / 104.0
    back = start + 6 * 4 * beat
    notes = [(start + (bar * 4 + b) * beat, p, v) for bar in range(4) for b, p, v in RIFF]
    notes += [(back + (bar * 4 + b) * back_beat, p, v) for bar in range(8) for b, p, v in RIFF]
    player, clock = live_rig(engine, bpm)
    sent = play_live(player, clock, notes, back + 8 * 4 * back_beat)
    snares = [(t - back) / back_beat for t, m in sent if m.type == "note_on" and m.velocity and m.note == SNARE]
    for bar in range(4, 8):  # the last four bars, in the player's new time
        for two_four in (1, 3):
            assert any(abs(b - bar * 4 - two_four) < 0.125 for b in snares), \
                f"bar {bar + 1} after the break: no snare on the player's beat {two_four + 1}"
    assert abs(player.clock.bpm - 104) < 1


@pytest.mark.parametrize("pattern", [[0, 2 / 3, 1, 5 / 3, 2, 8 / 3, 3, 11 / 3], [k / 4 for k in range(16)],
                                     [k / 3 for k in range(12)]], ids=["swung 8ths", "16ths", "triplets"])
def test_the_clock_following_a_steady_player_keeps_their_tempo_and_never_runs_back(pattern):
    """Notes off the beat (a shuffle's late 8th, 16ths, triplets) say nothing of the tempo, and a player's human
    spread (10 ms) moves it by a fraction of a BPM; the clock's beat only goes forward (a step back is a jump)."""
    from reagroove.core.live_clock import InternalClock

    rng = np.random.default_rng(1)
    clock = InternalClock(120, player_led=True)
    clock.anchor(0.0)
    times = sorted(max(0.0, (bar * 4 + b) * 0.5 + rng.normal(0, 0.01)) for bar in range(16) for b in pattern)
    last, i = 0.0, 0
    for t in np.arange(0.0, times[-1], 0.002):
        while i < len(times) and times[i] <= t:
            clock.heard(clock.beat(t), t)
            i += 1
        assert clock.beat(t) >= last - 1e-12
        last = clock.beat(t)
    assert abs(clock.bpm - 120) < 0.5
    assert abs(clock.beat(times[-1]) - (times[-1] / 0.5)) < 0.1  # still on the player's beat


def _kicks_per_bar(engine, regenerate, bars):
    player, clock = live_rig(engine, 120.0, regenerate=regenerate)
    notes = [(k * 0.25, 40 + k % 3, 100 if k % 2 == 0 else 70) for k in range(8 * (bars[-1] + 1))]
    sent = play_live(player, clock, notes, 2.0 * (bars[-1] + 1))
    return [tuple(sorted({round((t * 2 - bar * 4) * 4) for t, m in sent if m.type == "note_on" and m.velocity
                          and m.note == KICK and bar * 4 - 0.1 <= t * 2 < bar * 4 + 3.9})) for bar in bars]


def test_loops_made_every_beat_hear_the_whole_bar_theyplay_live(engine):
    """--every beat, a steady 8th-note bass line: each beat's loop was made with the rest of its bar empty (those steps
    were last played two bar lines ago, faded twice although not two bars old), so the drums never heard the line's
    third and fourth beats: the kick kept to 1, 2& and 3 where --every bar plays the line's 8ths. Each beat's loop
    now hears the bar it plays, and the drums play what they play when made each bar."""
    bars = list(range(4, 9))
    per_beat = _kicks_per_bar(engine, "beat", bars)
    assert per_beat == _kicks_per_bar(engine, "bar", bars), f"kicks per bar {per_beat}"
