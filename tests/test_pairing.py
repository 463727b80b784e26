"""Note-on/note-off pairing against a plain reference: first on, first off, per track, channel and pitch."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reagroove.core.midi import _pair_notes


def reference_pairing(events, track_end):
    open_notes, rows, stray = {}, [], 0
    for tick, chan, pitch, vel, track in sorted(events, key=lambda e: (e[4], e[0])):
        key = (track, chan, pitch)
        if vel > 0:
            open_notes.setdefault(key, []).append((tick, vel))
        elif open_notes.get(key):
            on_tick, on_vel = open_notes[key].pop(0)
            rows.append((on_tick, tick, pitch, on_vel, chan, track))
        else:
            stray += 1
    unclosed = 0
    for (track, chan, pitch), q in open_notes.items():
        for on_tick, on_vel in q:
            unclosed += 1
            rows.append((on_tick, max(track_end[track], on_tick), pitch, on_vel, chan, track))
    return sorted(rows), unclosed, stray


event = st.tuples(
    st.integers(0, 4),  # delta ticks
    st.integers(0, 1),  # channel
    st.integers(60, 62),  # pitch: few, so notes overlap
    st.sampled_from([0, 0, 1, 64, 127]),  # velocity 0 = note-off
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(event, max_size=25), min_size=1, max_size=3))
def test_pairing_matches_first_on_first_off(tracks):
    events, track_end = [], {}
    for track, evs in enumerate(tracks):
        tick = 0
        for delta, chan, pitch, vel in evs:
            tick += delta
            events.append((tick, chan, pitch, vel, track))
        track_end[track] = tick + 10
    rows, unclosed, stray = _pair_notes(events, track_end)
    want_rows, want_unclosed, want_stray = reference_pairing(events, track_end)
    assert sorted(map(tuple, np.asarray(rows).tolist())) == want_rows
    assert (unclosed, stray) == (want_unclosed, want_stray)


def test_only_note_offs_give_no_notes():
    rows, unclosed, stray = _pair_notes([(0, 0, 60, 0, 0), (5, 0, 61, 0, 0)], {0: 10})
    assert len(rows) == 0 and unclosed == 0 and stray == 2
