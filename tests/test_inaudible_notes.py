"""Band notes too soft to hear are not the band playing (core/inaudible_notes.py): freedoom's d_dm19 stops its bass
after beat 2 of bars 48 and 72 while a pad strikes chords at velocity 3-4 on beat 3; its drummer stops there and
crashes on 49 and 73, where drumify, hearing the pad, grooved on. A file played that soft throughout is the music."""

import numpy as np
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import inaudible_notes, read_midi
from reagroove.core.engine import Engine
from reagroove.core.inaudible_notes import unheard
from reagroove.core.midi import Notes
from reagroove.core.settings import Settings

BREAK, LAST = 8, 16  # the bar the bass breaks off in (a phrase's last), the song's last
BROKE = (f"the bass breaks off after the first half of bar {BREAK} (the band plays on) and comes back in bar "
         f"{BREAK + 1}: a fill into it, a crash on it")


def song(make_midi, chord_velocity, velocity=100):
    """A bass on 8ths, stopping after beat 2 of bar BREAK; a lead on through every bar; a low pad chord struck on
    beat 3 of bar BREAK at `chord_velocity` (its own part: the low register plays there if it is heard)."""
    bass = [((b - 1) * 4.0 + t / 2, 40, velocity, 0) for b in range(1, LAST + 1)
            for t in range(4 if b == BREAK else 8)]
    lead = [((b - 1) * 4.0 + t, 72, velocity - 10, 1) for b in range(1, LAST + 1) for t in (0.0, 1.5, 2.0, 3.5)]
    chord = [((BREAK - 1) * 4.0 + 2.0, p, chord_velocity, 2) for p in (35, 47, 50, 54)]
    return read_midi(make_midi(sorted(bass + lead + chord), name=f"v{chord_velocity}.mid", length=0.25))


def test_a_chord_too_soft_to_hear_leaves_the_bass_break_heard(make_midi):
    res = Engine(BarEndFills()).drumify(song(make_midi, 3), Settings())
    assert crash_bars(res) == [1, BREAK + 1]
    assert bar_hits(res, BREAK)[12:, TOM].any()  # the fill into it
    assert BROKE in res.messages, res.messages
    assert f"4 band notes at velocity 3 or softer in bar {BREAK}: too soft to hear over the band, read as silence" \
        in res.messages


def test_the_same_chord_heard_plays_through_the_bar(make_midi):
    res = Engine(BarEndFills()).drumify(song(make_midi, 60), Settings())
    assert crash_bars(res) == [1]
    assert BROKE not in res.messages and not any("too soft to hear over" in m for m in res.messages)


def test_a_file_played_that_soft_throughout_is_drummed_as_before(make_midi, monkeypatch):
    content = song(make_midi, 5)
    content.notes.velocity[:] = 5  # every note at velocity 5: a DAW's velocity-off export
    res = Engine(BarEndFills()).drumify(content, Settings())
    assert crash_bars(res) == [1] and not any("too soft to hear over" in m for m in res.messages)
    monkeypatch.setattr(inaudible_notes, "INAUDIBLE", 0)  # no note left out: the reading before the rule
    before = Engine(BarEndFills()).drumify(content, Settings())
    assert np.array_equal(res.loops, before.loops) and res.messages == before.messages


def test_a_parts_soft_notes_among_its_own_heard_ones_are_its_dynamics():
    # bar 1: a crescendo from velocity 3 (its first notes kept, as written); bar 2: the same part strikes only at 4
    # (nothing heard: left out); a loud lead over both; the drum part's ghost note at 5 is played
    notes = Notes.from_lists([0, 1, 2, 3, 4, 6, 0, 4, 5], [60, 62, 64, 65, 60, 64, 80, 80, 38],
                             [3, 6, 40, 80, 4, 4, 100, 100, 5], channel=[0, 0, 0, 0, 0, 0, 1, 1, 9])
    assert unheard(notes, [(0.0, 4, 4)]).tolist() == [False, False, False, False, True, True, False, False, False]
