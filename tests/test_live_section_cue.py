"""A live session cued for the next section (LiveSession.cue_section, core/live_section_cue.py): the drums fill in the
bar before it and crash on its 1, as drumify's fill into a section and crash on it. Live had no such cue: with no
--fill-every the drums played straight through a change the player had planned. Through the rig `reagroove live`
assembles (tests/helpers.py, the shipped model), a verse riff at 100 cued during its fourth bar."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import VOICE_OF
from test_live_part_change import RIFF

START, BPM, BARS = 1.0, 100.0, 10
TOMS = ("low_tom", "mid_tom", "high_tom")
BACKBEAT = {4, 12}


def cued(engine, regenerate, cue_beat, fill_length="half"):
    """(the section's bar line in beats, {bar (0-based): {voice: [16ths]}}) of the riff played BARS bars, the next
    section cued at the player's `cue_beat`."""
    from reagroove.core.settings import Settings

    beat = 60.0 / BPM
    rng = np.random.default_rng(0)
    notes = [(START + (bar * 4 + b) * beat + rng.uniform(-0.01, 0.01), p, v) for bar in range(BARS) for b, p, v in RIFF]
    player, clock = live_rig(engine, BPM, regenerate=regenerate, settings=Settings(fill_length=fill_length))
    line = []
    sent = play_live(player, clock, notes, START + 4 * BARS * beat,
                     actions=[(START + cue_beat * beat, lambda p: line.append(p.session.cue_section()))])
    bars: dict[int, dict[str, list[int]]] = {}
    for t, m in sent:
        if m.type == "note_on" and m.velocity:
            step = round((t - START) / beat * 4)
            bars.setdefault(step // 16, {}).setdefault(VOICE_OF[m.note], []).append(step % 16)
    return line[0], bars


def roll(bars) -> str:
    return "\n".join(f"bar {b + 1}: " + " ".join(f"{v}{sorted(s)}" for v, s in sorted(bars[b].items()))
                     for b in sorted(bars))


def fill_steps(played) -> set[int]:
    """The 16ths of a bar with a tom, or a snare off the backbeat."""
    return {s for v in TOMS for s in played.get(v, [])} | (set(played.get("snare", [])) - BACKBEAT)


@pytest.mark.parametrize("regenerate, cue_beat, section_bar, fill_from", [
    ("bar", 13.0, 5, 8),  # cued in bar 4 (its loop made): the fill in bar 5's second half, the section on bar 6
    ("bar", 11.5, 4, 8),  # cued before bar 4's loop is made: the fill in bar 4
    ("beat", 13.0, 4, 8),  # loops made every beat: the fill's first beat still to be made in bar 4
])
def test_a_cued_section_gets_a_fill_in_the_bar_before_and_a_crash_on_its_1(shipped, regenerate, cue_beat,
                                                                           section_bar, fill_from):
    line, bars = cued(shipped, regenerate, cue_beat)
    assert line == 4.0 * section_bar, f"the section cued on beat {line}"
    before = bars[section_bar - 1]
    assert fill_steps(before) and min(fill_steps(before)) >= fill_from, f"no fill into the section\n{roll(bars)}"
    assert 0 in bars[section_bar].get("crash", []), f"no crash on the section's 1\n{roll(bars)}"
    for bar in set(range(2, BARS)) - {section_bar - 1, section_bar}:  # the groove elsewhere: no fill, no crash
        assert not fill_steps(bars[bar]) and not bars[bar].get("crash"), f"bar {bar + 1}\n{roll(bars)}"


def test_a_whole_bar_fill_is_cued_a_bar_and_a_beat_ahead_when_loops_are_made_every_beat(shipped):
    """--fill-length bar, loops made every beat: a cue in bar 4's second beat leaves bar 4's fill begun, so the
    section is bar 6, the whole of bar 5 its fill."""
    line, bars = cued(shipped, "beat", 13.0, fill_length="bar")
    assert line == 20.0
    assert 0 in bars[5].get("crash", []) and fill_steps(bars[4]), roll(bars)


def test_the_player_says_the_bar_the_cued_section_starts_on(shipped):
    """LivePlayer.cue_section (what a key or a pedal of `reagroove live` calls): the bar, as the bars are said."""
    said, beat = [], 60.0 / BPM
    notes = [(START + (bar * 4 + b) * beat, p, v) for bar in range(6) for b, p, v in RIFF]
    player, clock = live_rig(shipped, BPM)
    player.say = said.append
    bars = []
    play_live(player, clock, notes, START + 24 * beat,
              actions=[(START + 13 * beat, lambda p: bars.append(p.cue_section()))])
    assert bars == [6] and "next section on bar 6: the drums fill into it" in said, said
