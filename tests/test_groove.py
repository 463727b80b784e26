"""Grooves and loops from notes: snapping to 16ths, loudest note wins, 2-bar windows on bar lines."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reagroove.core import STEPS, MidiContent, Notes, extract_windows, grooves_from_notes, loops_from_notes, read_midi
from reagroove.core.groove import FLAT_VELOCITY

TPB = 480


def content_of(notes, time_signatures=((0.0, 4, 4),), tpb=TPB):
    """MidiContent from (tick, velocity[, pitch]) notes, 120 BPM."""
    ticks = np.array([n[0] for n in notes], np.float64)
    vels = [n[1] for n in notes]
    pitches = [n[2] if len(n) > 2 else 36 for n in notes]
    start = ticks / tpb
    end = start + 0.1
    nt = Notes.from_lists(start, pitches, vels, end=end, channel=9)
    return MidiContent("<test>", nt, tpb, [(0.0, 120.0)], list(time_signatures), float(end.max(initial=0.0)))


def hit_steps(groove):
    return np.nonzero(groove[:, 0])[0].tolist()


def step_ticks(step, frac=0.0):
    """Tick of a position `step + frac` 16ths from the start, at 480 ticks per beat (120 per step)."""
    return round((step + frac) * TPB / 4)


# ---------------------------------------------------------------- hand-checked examples


def test_chord_gives_one_hit_with_loudest_velocity(make_midi):
    path = make_midi([(1.0, 36, 50, 9), (1.0, 38, 100, 9), (1.0, 42, 70, 9)])
    w = extract_windows(read_midi(path))
    assert w.starts.tolist() == [0.0]
    g = w.grooves[0]
    assert hit_steps(g) == [4]
    np.testing.assert_allclose(g[4], [1, 100 / 127, 0], atol=1e-6)
    assert w.note_counts.tolist() == [3]


def test_loudest_note_sets_offset():
    # step 8: a soft early note and a loud late one
    w = extract_windows(content_of([(step_ticks(8, -0.25), 40), (step_ticks(8, 0.125), 120)]))
    np.testing.assert_allclose(w.grooves[0, 8], [1, 120 / 127, 0.125], atol=1e-6)
    assert hit_steps(w.grooves[0]) == [8]


def test_note_a_third_of_a_step_late(make_midi):
    # 1/3 of a step at 480 tpb is 40 ticks
    path = make_midi([(0.0, 36, 100, 9), ((4 + 1 / 3) / 4, 38, 90, 9)])
    g = extract_windows(read_midi(path)).grooves[0]
    assert hit_steps(g) == [0, 4]
    assert g[4, 2] == pytest.approx(1 / 3, abs=1e-6)
    assert g[4, 1] == pytest.approx(90 / 127, abs=1e-6)


def test_note_0_6_steps_late_snaps_to_next_step(make_midi):
    path = make_midi([(0.0, 36, 100, 9), ((4 + 0.6) / 4, 38, 90, 9)])
    g = extract_windows(read_midi(path)).grooves[0]
    assert hit_steps(g) == [0, 5]
    assert g[5, 2] == pytest.approx(-0.4, abs=1e-6)


def test_tempo_change_does_not_move_grooves(make_midi):
    notes = [(b / 4 + (0.1 if b % 3 == 0 else 0), 36 + b % 5, 40 + b * 3, 9) for b in range(0, 28)]
    steady = extract_windows(read_midi(make_midi(notes, name="steady.mid")))
    changing = extract_windows(read_midi(make_midi(notes, name="changing.mid", tempos=[(0, 120), (2.5, 70), (4.75, 175)])))
    assert changing.starts.tolist() == steady.starts.tolist()
    np.testing.assert_array_equal(changing.grooves, steady.grooves)


def test_4_4_windows_every_8_beats(make_midi):
    notes = [(b, 36, 100, 9) for b in range(0, 21)]  # beats 0..20
    w = extract_windows(read_midi(make_midi(notes)))
    assert w.starts.tolist() == [0.0, 8.0, 16.0]
    assert w.bars.tolist() == [1, 3, 5]
    for k in range(2):
        assert hit_steps(w.grooves[k]) == list(range(0, 32, 4))
    assert hit_steps(w.grooves[2]) == [0, 4, 8, 12, 16]
    assert not any("quarter-note" in m for m in w.messages)


def test_3_4_windows_start_on_bar_lines(make_midi):
    notes = [(b, 36, 100, 9) for b in range(0, 23)]  # beats 0..22
    w = extract_windows(read_midi(make_midi(notes, time_signatures=[(0, 3, 4)])))
    assert w.starts.tolist() == [0.0, 6.0, 12.0, 18.0]
    assert w.bars.tolist() == [1, 3, 5, 7]
    # what a loop holds, in bars a producer counts
    assert [m for m in w.messages if "the drums follow" in m] == [
        "music in 3/4: the drums follow its bars (a loop is 2 bars of 3/4)"]
    # each window spans 8 beats; beat 7 is step 28 of the first and step 4 of the second
    assert w.grooves[0, 28, 0] == 1 and w.grooves[1, 4, 0] == 1
    # every note is in some window
    covered = {s + round(start * 4) for start, g in zip(w.starts, w.grooves) for s in hit_steps(g)}
    assert covered == {4 * b for b in range(23)}


def test_meter_change_message_once(make_midi):
    notes = [(b, 36, 100, 9) for b in range(0, 40, 2)]
    sigs = [(0, 4, 4), (8, 3, 4), (17, 4, 4), (21, 3, 4)]
    w = extract_windows(read_midi(make_midi(notes, time_signatures=sigs)))
    assert len([m for m in w.messages if "the drums follow its bars" in m]) == 1
    bar_lines = {0, 4, 8, 11, 14, 17, 21, 24, 27, 30, 33, 36, 39}
    assert all(s in bar_lines for s in w.starts.tolist())


def test_note_just_before_window_boundary(make_midi):
    path = make_midi([(0.0, 36, 100, 9), (7.95, 38, 90, 9)])  # 7.95 beats = 3816 ticks
    w = extract_windows(read_midi(path))
    assert w.starts.tolist() == [0.0, 8.0]
    assert hit_steps(w.grooves[0]) == [0]
    assert hit_steps(w.grooves[1]) == [0]
    assert w.grooves[1, 0, 2] == pytest.approx(-0.2, abs=1e-6)
    assert w.grooves[1, 0, 1] == pytest.approx(90 / 127, abs=1e-6)


def test_empty_windows_in_the_middle_are_kept(make_midi):
    w = extract_windows(read_midi(make_midi([(1, 36, 100, 9), (17, 38, 100, 9)])))
    assert w.starts.tolist() == [0.0, 8.0, 16.0]
    assert len(w) == 3
    assert not w.grooves[1].any()
    assert w.note_counts.tolist() == [1, 0, 1]
    assert hit_steps(w.grooves[0]) == [4] and hit_steps(w.grooves[2]) == [4]


def test_a_long_rest_is_said_and_a_short_one_is_not():
    long_rest = extract_windows(content_of([(0, 100), (TPB * 4 * 19, 100)]))  # bars 1 and 20
    # bars 2-19, as the bars are (the windows 3-18 are the empty ones: said so, the phrases' note said 2-19)
    assert [m for m in long_rest.messages if "no notes" in m] == ["bars 2-19 have no notes: the drums keep time through them"]
    assert len(long_rest) == 10 and not long_rest.grooves[1:9].any()  # the windows are kept: time goes on
    short_rest = extract_windows(content_of([(0, 100), (TPB * 4 * 13, 100)]))  # bars 1 and 14: 10 silent bars
    assert not [m for m in short_rest.messages if "no notes" in m]
    two_rests = extract_windows(content_of([(0, 100), (TPB * 4 * 19, 100), (TPB * 4 * 41, 100)]))  # bars 1, 20, 42
    assert [m for m in two_rests.messages if "no notes" in m] == [
        "bars 2-19 and 21-41 have no notes: the drums keep time through them"]


def test_bar_range(make_midi):
    # bar 2 = beats 4..8, bar 3 = beats 8..12 (4/4). 3.9 snaps to beat 4 (in), 11.9 to beat 12 (out).
    notes = [(0, 36, 100, 9), (3.9, 38, 60, 9), (5, 38, 100, 9), (9, 42, 100, 9), (11.9, 42, 100, 9), (13, 36, 100, 9)]
    w = extract_windows(read_midi(make_midi(notes)), bars=(2, 3))
    assert w.starts.tolist() == [4.0]
    assert w.bars.tolist() == [2]
    g = w.grooves[0]
    assert hit_steps(g) == [0, 4, 20]
    assert g[0, 2] == pytest.approx(-0.4, abs=1e-6)
    assert w.note_counts.tolist() == [3]
    left_out = [m for m in w.messages if "left out" in m]
    assert len(left_out) == 1 and "3" in left_out[0] and "2-3" in left_out[0]


def test_bar_range_invalid():
    c = content_of([(0, 100)])
    with pytest.raises(ValueError):
        extract_windows(c, bars=(0, 2))
    with pytest.raises(ValueError):
        extract_windows(c, bars=(3, 2))


def test_use_velocity_false():
    c = content_of([(step_ticks(0), 30), (step_ticks(5, 0.2), 127), (step_ticks(9, -0.3), 64)])
    g = extract_windows(c, use_velocity=False).grooves[0]
    assert hit_steps(g) == [0, 5, 9]
    assert g[[0, 5, 9], 1].tolist() == pytest.approx([FLAT_VELOCITY] * 3)
    assert g[[0, 5, 9], 2] == pytest.approx([0, 0.2, -0.3], abs=1e-6)
    assert (g[:, 1] == 0).sum() == 29


def test_use_timing_false():
    c = content_of([(step_ticks(0), 30), (step_ticks(5, 0.2), 127), (step_ticks(9, -0.3), 64)])
    full = extract_windows(c).grooves[0]
    g = extract_windows(c, use_timing=False).grooves[0]
    assert hit_steps(g) == [0, 5, 9]
    assert not g[:, 2].any()
    np.testing.assert_array_equal(g[:, :2], full[:, :2])


def test_pickup_bar_note_ends_window_before_bar_1(make_midi):
    # a 1/4 pickup bar at beat 0, then 4/4 from beat 1: bar 1 starts at beat 1
    notes = [(0.0, 38, 80, 9), (0.5, 38, 70, 9), (1.0, 36, 100, 9), (5.0, 36, 100, 9)]
    w = extract_windows(read_midi(make_midi(notes, time_signatures=[(0, 1, 4), (1, 4, 4)])))
    assert w.starts.tolist() == [-7.0, 1.0]
    assert hit_steps(w.grooves[0]) == [28, 30]  # beats 0 and 0.5 are 7 and 7.5 beats into the window
    assert hit_steps(w.grooves[1]) == [0, 16]
    assert w.bars.tolist()[1] == 1
    assert w.grooves[:, :, 0].sum() == 4
    assert any("pickup" in m for m in w.messages)


# ---------------------------------------------------------------- grooves_from_notes / loops_from_notes


def test_overlapping_windows_share_notes():
    nt = Notes.from_lists([5.0], [36], [100])
    grooves, counts = grooves_from_notes(nt, np.array([0.0, 4.0]))
    assert hit_steps(grooves[0]) == [20] and hit_steps(grooves[1]) == [4]
    assert counts.tolist() == [1, 1]


def test_notes_outside_windows_ignored():
    nt = Notes.from_lists([1.0, 30.0], [36, 36], [100, 100])
    grooves, counts = grooves_from_notes(nt, np.array([0.0, 8.0]))
    assert grooves[:, :, 0].sum() == 1
    assert counts.tolist() == [1, 0]


def test_loops_from_notes_voices_and_unmapped():
    # beat 0: kick (36) and snare (40, a GM snare input) together; beat 1: clap (39, no voice); step 6: hat late
    nt = Notes.from_lists([0.0, 0.0, 1.0, 1.5 + 0.05], [36, 40, 39, 44], [100, 60, 90, 80])
    hvo, unmapped = loops_from_notes(nt, np.array([0.0]))
    assert unmapped == 1
    assert hvo.shape == (1, 32, 27)
    h = hvo[0]
    assert sorted(zip(*np.nonzero(h[:, :9]))) == [(0, 0), (0, 1), (6, 2)]
    assert h[0, 9 + 0] == pytest.approx(100 / 127) and h[0, 9 + 1] == pytest.approx(60 / 127)
    assert h[6, 9 + 2] == pytest.approx(80 / 127)
    assert h[6, 18 + 2] == pytest.approx(0.2, abs=1e-6)


def test_loops_from_notes_same_voice_loudest_wins():
    # 35 and 36 are both kick: one hit, the louder one's velocity and offset
    nt = Notes.from_lists([1.0 + 0.02, 1.0 - 0.03], [35, 36], [70, 110])
    hvo, _ = loops_from_notes(nt, np.array([0.0]))
    assert hvo[0, :, 0].sum() == 1
    assert hvo[0, 4, 9] == pytest.approx(110 / 127)
    assert hvo[0, 4, 18] == pytest.approx(-0.12, abs=1e-6)


def test_empty_input():
    w = extract_windows(content_of([]))
    assert w.grooves[:, :, 0].sum() == 0
    grooves, counts = grooves_from_notes(Notes.empty(), np.array([0.0, 8.0]))
    assert grooves.shape == (2, 32, 3) and not grooves.any() and counts.tolist() == [0, 0]


# ---------------------------------------------------------------- property: every onset is represented


notes_strategy = st.lists(st.tuples(st.integers(0, TPB * 24), st.integers(1, 127)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(notes_strategy)
def test_every_onset_represented(notes):
    w = extract_windows(content_of(notes))
    # expected, by hand: step = nearest 16th (120 ticks), ties to the later step; offset = residual
    by_step = defaultdict(list)
    for tick, vel in notes:
        step = (tick + 60) // 120
        by_step[step].append((vel, tick / 120 - step))
    starts = w.starts
    assert len(starts) >= 1
    assert np.all(np.diff(starts) == 8)
    assert starts[0] % 4 == 0 and starts[0] <= min(t for t, _ in notes) / TPB
    g = w.grooves
    assert g.shape == (len(starts), STEPS, 3)
    assert int(g[:, :, 0].sum()) == len(by_step)
    hits = g[:, :, 0] == 1
    assert np.all(g[hits][:, 2] >= -0.5) and np.all(g[hits][:, 2] < 0.5)
    assert not g[~hits].any()
    start_steps = np.round(starts * 4).astype(int)
    for step, cell in by_step.items():
        (win,) = np.nonzero((start_steps <= step) & (step < start_steps + STEPS))[0]
        got = g[win, step - start_steps[win]]
        loud = max(v for v, _ in cell)
        offs = [o for v, o in cell if v == loud]
        best = min(abs(o) for o in offs)
        assert got[0] == 1
        assert got[1] == pytest.approx(loud / 127, abs=1e-6)
        # (of two equally near notes, either: 70 and 170 ticks around step 1 are -0.41666666666666663 and
        # +0.41666666666666674 of a step, equal but for the float's last bits)
        assert any(abs(got[2] - o) <= 1e-6 for o in offs if abs(o) - best <= 1e-9), (got, cell)
    assert int(w.note_counts.sum()) == len(notes)


def test_meter_change_mid_bar_cuts_that_bar_to_its_length(make_midi):
    """A 7/8 bar cut after 5 eighths by a change to 3/4 (as in freedoom's e2m2) plays as 5/8: its drums
    used to be laid over a whole 7/8 bar, overlapping the next bar's first beat."""
    from reagroove.core.meter import window_beats

    notes = [(b / 2, 60, 100, 0) for b in range(0, 24)]  # 8ths over 12 beats
    w = extract_windows(read_midi(make_midi(notes, time_signatures=[(0, 7, 8), (6, 3, 4)])))
    # bar 1 is 7/8 (3.5 beats), bar 2 is cut at beat 6 (2.5 beats), 3/4 from there
    assert w.meters[0] == ((0.0, 7, 8), (3.5, 5, 8))
    assert w.starts.tolist()[:2] == [0.0, 6.0]
    assert any("mid-bar" in m and "bar 2 as 5/8" in m for m in w.messages)
    for bars in w.meters:
        beats = [b for bar in window_beats(bars) or () for b in bar]
        assert all(a.start + a.length <= b.start for a, b in zip(beats, beats[1:]))  # no beat overlaps the next


# ---------------------------------------------------------------- window labels


def test_window_labels_tell_the_windows_of_a_long_bar_apart():
    from reagroove.core.textroll import window_labels

    assert window_labels([0, 1, 1, 2, 2, 3]) == ["pickup", "bar 1", "bar 1 (cont.)", "bar 2", "bar 2 (cont.)", "bar 3"]
    assert window_labels(np.array([5, 5, 5, 7])) == ["bar 5", "bar 5 (cont.)", "bar 5 (cont. 2)", "bar 7"]
    assert window_labels([1, 3, 5]) == ["bar 1", "bar 3", "bar 5"]


def four_one(make_midi, n_bars=2):
    """A part in 4/1 (four whole notes a bar, 16 quarter notes): a window of 8 quarter notes is half a bar."""
    notes = [(b + 0.5 * (k % 2), 40 + (b // 8) % 2 * 5, 90, 0) for b in range(16 * n_bars) for k in range(2)]
    return read_midi(make_midi(notes, time_signatures=[(0, 4, 1)]))


def test_a_4_1_bar_s_two_windows_are_labelled_apart(make_midi, capsys):
    """A 4/1 bar is played by two windows: both were labelled 'bar 1' in the groove and drumify rolls."""
    from reagroove.core.cli import main
    from reagroove.core.textroll import loops_roll, window_labels

    content = four_one(make_midi)
    wins = extract_windows(content)
    assert wins.starts.tolist() == [0.0, 8.0, 16.0, 24.0] and wins.bars.tolist() == [1, 1, 2, 2]
    assert window_labels(wins.bars) == ["bar 1", "bar 1 (cont.)", "bar 2", "bar 2 (cont.)"]
    # the message on bars too long for a loop says where a bar's second window starts, in its own beats
    said = [m for m in wins.messages if "4/1" in m]
    assert len(said) == 1 and "'bar N (cont.)'" in said[0] and "beat 3" in said[0]
    # --bars picks whole bars: bar 2 is both its windows, labelled as in the whole file
    part = extract_windows(content, bars=(2, 2))
    assert part.starts.tolist() == [16.0, 24.0] and window_labels(part.bars) == ["bar 2", "bar 2 (cont.)"]
    # drumify's roll: each loop under its own label, a loop shown before named by its label
    kick = np.zeros((32, 27), np.float32)
    kick[::8, 0], kick[::8, 9] = 1, 0.9
    snare = kick.copy()
    snare[4::8, 1], snare[4::8, 10] = 1, 0.5
    lines = loops_roll(np.stack([kick, snare, kick, snare]), wins.bars, wins.meters)
    assert [line.split("|")[0].split() for line in lines] == [
        ["bar", "1", "kick"],
        ["bar", "1", "(cont.)", "kick"],
        ["snare"],
        ["bar", "2", "as", "bar", "1"],
        ["bar", "2", "(cont.)", "as", "bar", "1", "(cont.)"],
    ]
    lines = loops_roll(np.stack([kick, kick, kick, snare]), wins.bars, wins.meters)
    assert [line.split("|")[0].split() for line in lines][0] == ["bar", "1", "x3", "kick"]
    # the groove command's roll
    assert main(["groove", content.path]) == 0
    rows = [line.split("|")[0].strip() for line in capsys.readouterr().out.splitlines() if line.strip().startswith("bar")]
    assert rows == ["bar 1", "bar 1 (cont.)", "bar 2", "bar 2 (cont.)"]
