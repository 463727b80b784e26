"""`reagroove live --meter 3/4` (--bpm 120) and a waltz in quarters played off --bpm's beats: begun between them, or
at a tempo a little off it. Its 4th onset, bar 2's 1, lets the drums in (live_opening.Opening.min_onsets); the clock,
moved to the tempo read, put that note a hair either side of bar 2's line, and a hair after it the drums came in on
bar 3 (core/live_entry_line.py): at 100 BPM every start, at 117 and 124 most. On --bpm's beats they come in on bar 2,
and so now off them, the kick on the player's 1 from there. Through the rig `reagroove live` assembles (in-memory
ports, the shipped model, a scripted clock)."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import VOICE_OF

WALTZ = [(0, 48, 100), (1, 55, 70), (2, 55, 70)]  # oom-pah-pah: the bass on 1, a chord on 2 and 3


@pytest.mark.parametrize("start, bpm", [(1.0, 100.0), (1.05, 117.0), (1.0, 124.0), (1.3, 124.0), (1.2, 120.0)])
def test_a_waltz_off_the_bpm_beats_gets_its_drums_on_bar_2(shipped, start, bpm):
    beat, bars = 60.0 / bpm, 5
    notes = [(start + (3 * bar + b) * beat, p, v) for bar in range(bars) for b, p, v in WALTZ]
    player, clock = live_rig(shipped, 120.0, beats_per_bar=(3, 4))
    sent = play_live(player, clock, notes, start + bars * 3 * beat)
    hits = [(t, VOICE_OF[m.note]) for t, m in sent if m.type == "note_on" and m.velocity]
    assert hits, "the drums never came in"
    first = (min(t for t, _ in hits) - start) / (3 * beat) + 1  # the player's bar (from 1) of the drums' first note
    assert abs(first - 2) < 0.05, f"the drums came in on the player's bar {first:.2f}"
    kicks = np.array([t for t, voice in hits if voice == "kick"])
    for bar in range(1, bars):  # the kick on the player's 1, each bar from bar 2 (40 ms either side)
        one = start + 3 * bar * beat
        assert np.abs(kicks - one).min() < 0.04, f"bar {bar + 1}: no kick on the player's 1 ({one:.3f} s)"
