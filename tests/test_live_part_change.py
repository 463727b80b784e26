"""`reagroove live` with a player who changes what they play (core/live_sections.py): a busy verse riff, then chorus
chords held over the bass on 1 and 3. The drums kept the verse's kicks under the chorus for four bars (the take of the
last four grooves, and the verse's notes fading in the buffer); a drummer hears the new part and plays its groove.
A player's one-bar fill is no new part. Through the rig `reagroove live` assembles (in-memory ports, a scripted
clock: tests/helpers.py) and the shipped model; each note up to 15 ms off, velocities spread."""

import numpy as np
import pytest
from helpers import live_rig, play_live

from reagroove.core.drummap import GM_DRUM_MAP

KICK = GM_DRUM_MAP.output[0]
START, BPM = 1.0, 100.0
RIFF = [(0, 40, 105), (0.5, 40, 60), (1, 43, 80), (1.5, 43, 85), (2, 45, 95), (2.5, 45, 60), (3, 47, 80),
        (3.5, 40, 70)]  # (beat, pitch, velocity): a verse riff of 8ths


def seconds(beat):
    return START + beat * 60.0 / BPM


def kicks_by_bar(engine, bars):
    """The 16ths of each bar the drums kick on (bar 0 first) under `bars`, one list of (beat, pitch, velocity) each."""
    rng, notes = np.random.default_rng(3), []
    for bar, played in enumerate(bars):
        notes += [(seconds(bar * 4 + beat) + rng.uniform(-0.015, 0.015), pitch,
                   int(np.clip(velocity + rng.normal(0, 8), 20, 127))) for beat, pitch, velocity in played]
    player, clock = live_rig(engine, BPM)
    sent = play_live(player, clock, sorted(notes), seconds(len(bars) * 4))
    kicks = [[] for _ in bars]
    for t, m in sent:
        if m.type == "note_on" and m.velocity and m.note == KICK:
            step = round((t - START) * BPM / 60.0 * 4)
            if step // 16 < len(bars):
                kicks[step // 16].append(step % 16)
    return kicks


@pytest.mark.parametrize("verse_bars", [8, 7])
def test_the_drums_play_the_choruss_groove_from_its_third_bar(shipped, verse_bars):
    chorus = [(0, 36, 95), (0, 55, 95), (0, 60, 95), (0, 64, 95), (2, 43, 90)]
    kicks = kicks_by_bar(shipped, [RIFF] * verse_bars + [chorus] * 8)
    for bar in range(verse_bars + 2, verse_bars + 8):
        assert not {2, 6, 10, 14} & set(kicks[bar]), \
            f"chorus bar {bar - verse_bars + 1}: kicks on the verse's 8ths, 16ths {sorted(kicks[bar])}"


def test_a_players_one_bar_fill_leaves_the_groove(shipped):
    """A riff whose 8th bar is a run of 16ths up the neck: the drums after it keep the riff's kicks, as before it."""
    riff = [(0, 40, 105), (1.5, 43, 85), (2, 45, 95), (3, 47, 80), (3.5, 40, 70)]
    run = [(b, 40 + int(b * 3), 80 if b % 1 == 0 else 60) for b in np.arange(0, 4, 0.25)]
    kicks = kicks_by_bar(shipped, [riff] * 7 + [run] + [riff] * 4)
    groove = set(kicks[5]) & set(kicks[6])
    assert {6, 14} <= groove, f"the riff's 'and' of 2 and of 4 not kicked before the fill: {sorted(groove)}"
    for bar in range(8, 12):
        assert {6, 14} <= set(kicks[bar]), f"bar {bar + 1}, after the fill: kicks on 16ths {sorted(kicks[bar])}"


@pytest.mark.parametrize("count_velocity", [95, 60])
def test_a_count_in_is_not_played_as_the_song(shipped, count_velocity):
    """Four clicks on the beats, then held chords: the drums come in on the chords' first bar (all they have heard is
    the count-in) and play the chords' groove from their second bar. The clicks had been held over the loop window as
    the song's first bar: a kick on every beat under the chords' first two bars, then on 1 and 3."""
    count = [(beat, 76, count_velocity) for beat in range(4)]
    chords = [(0, pitch, 80) for pitch in (48, 55, 60, 64)]
    kicks = kicks_by_bar(shipped, [count] + [chords] * 6)
    assert kicks[1], "the drums did not come in on the chords' first bar"
    for bar in (2, 3, 4):
        assert not {4, 12} & set(kicks[bar]), f"chords' bar {bar}: the count-in's kicks on 2 and 4: {kicks[bar]}"


def part_changes(bars):
    """The bar lines (from 1: the end of bar 1) at which live_sections.PartChange hears a new part, for bars of
    onsets (16ths of each bar; None: a bar rested) played one after another, as the session's buffer lays them."""
    from types import SimpleNamespace

    from reagroove.core.live_sections import PartChange

    session = SimpleNamespace(origin=0.0, beats_per_bar=4.0, laid=np.full(32, -np.inf), entered=0.0,
                              window_span=lambda: 8.0)
    change, take, heard = PartChange(), [np.zeros((32, 6), np.float32)], []
    for bar, steps in enumerate(bars):
        if steps is None:  # a bar rested: its bar line's loop is made without hearing it (the quiet branch)
            continue
        for s in steps:
            session.laid[(bar * 16 + s) % 32] = bar * 4 + s / 4
        session.now = (bar + 1) * 4.0 - 0.25  # each loop made a 16th before its bar line
        new, _ = change.heard(session, take, np.zeros((32, 6), np.float32), (bar + 1) * 4.0)
        if new:
            heard.append(bar + 1)
    return heard


def test_a_new_part_is_heard_at_its_second_bar_a_count_in_at_its_end_and_a_riffs_own_bars_are_none():
    verse, chorus = [0, 2, 4, 6, 8, 10, 12, 14], [0, 8]
    a, b = [0, 6, 8, 14], [0, 3, 6, 10, 12, 13]  # a two-bar riff
    assert part_changes([verse] * 6 + [chorus] * 4) == [8]
    assert part_changes([a, b] * 6) == []
    assert part_changes([verse] * 6 + [list(range(16))] + [verse] * 4) == []  # a one-bar run of 16ths
    assert part_changes([[0, 4, 8, 12]] + [chorus] * 4) == [2]  # a count-in, heard at the song's first bar line
    assert part_changes([[0, 4, 8, 12]] * 6) == []  # quarters on one note: the part itself


def test_a_bar_of_rest_between_two_parts_plays_on():
    """A player resting a whole bar between the verse and the chorus: the quiet bar's loop is made without hearing
    it, and the next bar line's check of a new part met no row for it (TypeError: `reagroove live` stopped)."""
    verse, chorus = [0, 2, 4, 6, 8, 10, 12, 14], [0, 8]
    heard = part_changes([verse] * 6 + [None] + [chorus] * 4)
    # no new part in the verse; the chorus after a rest is a new start of its own (the session's quiet branch)
    assert all(bar >= 9 for bar in heard), heard


def test_a_loop_played_again_after_reaper_jumps_back_hears_the_verse_again(shipped):
    """REAPER's loop playback jumps back to bar 1 (LiveSession.locate): the chorus heard late in the first pass
    had left the new part's start at its bar, so every note of the second pass was unheard as the old part's, and
    the verse got the chorus's kick on 1 and 3 on every pass."""
    from reagroove.core.live import LiveSession
    from reagroove.core.loop import VOICES

    chorus = [(0, 36, 95), (0, 55, 95), (0, 60, 95), (0, 64, 95), (2, 43, 90)]
    session, kick = LiveSession(shipped), VOICES.index("kick")
    session.start(0.0)

    def play(bars) -> list[list[int]]:
        notes = sorted((4 * i + b, p, v) for i, bar in enumerate(bars) for b, p, v in bar)
        beat, k, kicks = 0.0, 0, []
        while beat < 4.0 * len(bars) - 1e-9:
            while k < len(notes) and notes[k][0] <= beat + 1e-9:
                session.feed(notes[k][0], notes[k][2], pitch=notes[k][1], channel=0)
                k += 1
            session.advance(beat)
            if abs(beat % 4) < 1e-9 and (loop := session.loop_at(beat + 0.01)) is not None:
                kicks.append(np.flatnonzero(loop.loop[:, kick] > 0.5).tolist())
            beat = round(beat + 0.0625, 6)
        return kicks

    first = play([RIFF] * 6 + [chorus] * 3)
    session.locate(0.0)  # the loop region's end: back to bar 1
    again = play([RIFF] * 6)
    verse = [k for k in first[2:6]]
    assert again[3:6] == verse[-3:] or all(len(k) > 4 for k in again[3:6]), (first, again)
    assert not all(k == [0, 8, 16, 24] for k in again[2:6]), again  # not the chorus's 1 and 3 under the verse
