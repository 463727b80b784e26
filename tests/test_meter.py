"""Drums in the song's meter: the meter adapter's mapping, bar lengths, and the shipped model in 3/4, 6/8, 12/8, 2/4."""

import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import bar_grid, extract_windows
from reagroove.core.meter import beat_lengths, grooves_to_loop, is_pickup, loops_to_bars, window_beats
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.midi_write import loop_note_events, write_loops
from reagroove.core.settings import Settings
from reagroove.core.textroll import loops_roll

EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "core" / "examples"

WALTZ = ((0.0, 3, 4), (3.0, 3, 4))


def sources(bars):
    return [[b.source for b in bar] for bar in window_beats(bars)]


def test_beats_of_each_meter():
    assert beat_lengths(4, 4) == (4, 4, 4, 4)
    assert beat_lengths(3, 4) == (4, 4, 4)
    assert beat_lengths(6, 8) == (6, 6) and beat_lengths(12, 8) == (6, 6, 6, 6)
    assert beat_lengths(7, 8) == (4, 4, 6)  # 2 + 2 + 3 eighths
    assert beat_lengths(2, 2) == (4, 4, 4, 4)
    # 16ths group as 8ths do, in dotted 8ths and 8ths (beats of 3 and 2 steps); 32nds are off the grid
    assert beat_lengths(7, 16) == (2, 2, 3) and beat_lengths(9, 16) == (3, 3, 3) and beat_lengths(5, 16) == (2, 3)
    assert beat_lengths(12, 16) == (3, 3, 3, 3) and beat_lengths(1, 16) is None and beat_lengths(3, 32) is None  # compound
    # each bar starts on a bar line of the loop: its downbeat plays the loop's downbeat
    assert sources(WALTZ) == [[0, 1, 3], [4, 5, 7]]  # kick on 1, backbeat on 2 and 3
    assert sources(((0.0, 6, 8), (3.0, 6, 8))) == [[0, 1], [4, 5]]  # the backbeat on the 4th 8th
    assert sources(((0.0, 12, 8),)) == [[0, 1, 2, 3]]
    assert sources(((0.0, 4, 4), (4.0, 2, 4))) == [[0, 1, 2, 3], [4, 5]]
    assert sources(((0.0, 2, 4), (2.0, 4, 4))) == [[0, 1], [4, 5, 6, 7]]
    assert sources(((0.0, 5, 4),)) == [[0, 1, 3, 4, 5]]  # 3 + 2


def test_loops_are_laid_onto_the_bars_and_grooves_back():
    loop = np.zeros((1, 32, 27), np.float32)
    for step, voice in [(0, 0), (4, 1), (8, 0), (12, 1), (16, 0), (20, 1), (28, 1), (2, 2), (6, 2)]:
        loop[0, step, voice], loop[0, step, 9 + voice] = 1, 0.8
    waltz = loops_to_bars(loop, WALTZ)[0]
    assert list(np.flatnonzero(waltz[:, 0])) == [0, 12]  # kick on each bar's 1 (the loop's beat 3 is not played)
    assert list(np.flatnonzero(waltz[:, 1])) == [4, 8, 16, 20]  # snare on 2 and 3 of both bars
    assert not waltz[24:].any()  # two bars of 3/4 are 24 steps
    twelve = loops_to_bars(loop, ((0.0, 12, 8),))[0]
    assert list(np.flatnonzero(twelve[:, 0])) == [0, 12] and list(np.flatnonzero(twelve[:, 1])) == [6, 18]
    assert list(np.flatnonzero(twelve[:, 2])) == [4, 10]  # straight 8ths become a shuffle's last triplet
    # the input groove goes the other way: a waltz's beats 1, 2, 3 are the loop's 1, 2, 4 (3 repeats 2)
    groove = np.zeros((1, 32, 3), np.float32)
    groove[0, [0, 4, 8, 12, 16, 20], :2] = 1
    heard = grooves_to_loop(groove, WALTZ)[0]
    assert list(np.flatnonzero(heard[:, 0])) == [0, 4, 8, 12, 16, 20, 24, 28]
    assert np.array_equal(loops_to_bars(loop, ((0.0, 4, 4), (4.0, 4, 4))), loop)


def test_every_meter_maps_inside_its_bars():
    rng = np.random.default_rng(0)
    hits = (rng.random((3, 32, 9)) < 0.3).astype(np.float32)
    loops = np.concatenate([hits, hits * rng.uniform(0.1, 1, hits.shape), hits * rng.uniform(-0.4, 0.4, hits.shape)], -1)
    loops = loops.astype(np.float32)
    grooves = (rng.random((3, 32, 3)) < 0.5).astype(np.float32)
    for den in (2, 4, 8, 16):
        for num in range(1, 17):
            length = num * 4.0 / den
            for bars in (((0.0, num, den),), ((0.0, num, den), (length, num, den))):
                if bars[-1][0] + length > 8 or window_beats(bars) is None:
                    continue
                out = loops_to_bars(loops, bars)
                assert not out[:, int(round((bars[-1][0] + length) * 4)) :].any(), bars
                # each bar's downbeat plays a downbeat of the loop (its kick kept, or the bar's loudest moved there)
                others = [c for c in range(27) if c % 9]
                np.testing.assert_array_equal(out[:, 0, others], loops[:, 0][:, others])
                assert (out[:, 0, 0] >= loops[:, 0, 0]).all()
                if len(bars) == 2:
                    down = int(round(length * 4))
                    np.testing.assert_array_equal(out[:, down, others], loops[:, 16][:, others])
                    assert (out[:, down, 0] >= loops[:, 16, 0]).all()
                assert grooves_to_loop(grooves, bars).shape == (3, 32, 3)


def test_a_crash_opens_the_window_once_though_its_loop_bar_returns():
    # 5/8: a 2-bar loop covers three bars, the third playing loop bar 1 again; the phrase's crash must not
    loop = np.zeros((1, 32, 27), np.float32)
    loop[0, 0, [0, 7]], loop[0, 0, [9, 16]] = 1, 0.9  # kick and crash on the downbeat
    bars = ((0.0, 5, 8), (2.5, 5, 8), (5.0, 5, 8))
    out = loops_to_bars(loop, bars)[0]
    assert list(np.flatnonzero(out[:, 7])) == [0]
    assert list(np.flatnonzero(out[:, 0])) == [0, 20]  # the kick does come back on bar 3's downbeat


def test_sixteenth_meters_follow_their_bars(make_midi):
    for num in (5, 7, 9):
        path = make_midi([(b * 0.25, 40, 100, 0) for b in range(0, 64, 3)], name=f"{num}.mid", time_signatures=((0, num, 16),))
        wins = extract_windows(read_midi(path))
        assert any(f"music in {num}/16: the drums follow its bars" in m for m in wins.messages), wins.messages
        assert not any("too long" in m for m in wins.messages)


def rock_loop(kick_steps=range(0, 32, 4)):
    """A four-on-the-floor 4/4 loop: kick on every beat, snare on 2 and 4, straight 8th hats."""
    loop = np.zeros((1, 32, 27), np.float32)
    for steps, voice in [(kick_steps, 0), (range(4, 32, 8), 1), (range(0, 32, 2), 2)]:
        loop[0, list(steps), voice], loop[0, list(steps), 9 + voice] = 1, 0.7
    return loop


@pytest.mark.parametrize("bars, kicks, snares, hats", [
    (WALTZ, [0, 12], [4, 8, 16, 20], list(range(0, 24, 2))),  # kick on 1, snare on 2 and 3
    (((0.0, 6, 8), (3.0, 6, 8)), [0, 12], [6, 18], list(range(0, 24, 2))),  # kick on 1, snare on 4, 8ths
    (((0.0, 12, 8),), [0, 12], [6, 18], list(range(0, 24, 2))),  # kick on 1 and 3, snare on 2 and 4
    (((0.0, 4, 4), (4.0, 2, 4)), list(range(0, 24, 4)), [4, 12, 20], list(range(0, 24, 2))),  # 2/4 keeps the loop's
])
def test_each_meter_gets_its_kick_and_time(bars, kicks, snares, hats):
    out = loops_to_bars(rock_loop(), bars)[0]
    assert list(np.flatnonzero(out[:, 0])) == kicks
    assert list(np.flatnonzero(out[:, 1])) == snares
    assert list(np.flatnonzero(out[:, 2])) == hats


def test_a_bar_whose_kicks_all_go_keeps_one_on_its_downbeat():
    # the loop kicks only on beat 2 of each bar: a waltz bar plays it on its 1, at the loop's velocity
    out = loops_to_bars(rock_loop(kick_steps=[4, 20]), WALTZ)[0]
    assert list(np.flatnonzero(out[:, 0])) == [0, 12]
    assert out[0, 9] == pytest.approx(0.7)


def hits_at(loop, steps_voices, vel=0.7):
    for step, voice, *v in steps_voices:
        loop[0, step, voice], loop[0, step, 9 + voice] = 1, v[0] if v else vel
    return loop


def test_kicks_between_a_waltzs_beats_stay_one_a_bar():
    # the loop's kicks on the and of 2 (6), on beat 3 (8) and its and (10), on beat 2 of bar 2 (20), its and (22)
    loop = hits_at(rock_loop(kick_steps=[0, 16]), [(6, 0, 0.5), (8, 0), (10, 0, 0.9), (20, 0), (22, 0, 0.6)])
    out = loops_to_bars(loop, WALTZ)[0]
    # bar 1: the 1 and the loudest between the beats, the and of 3 played on the and of 1 (beat 3 is skipped);
    # bar 2: the 1 and the and of 2; no kick on a waltz's 2 or 3
    assert list(np.flatnonzero(out[:, 0])) == [0, 2, 12, 18]
    assert out[2, 9] == pytest.approx(0.9)


def test_the_beats_a_short_bar_skips_lend_their_off_beats():
    # 6/8 plays loop beats 1 and 2 of each loop bar: a ghost snare on the and of 4 (14) and a kick on the and
    # of 3 (10) come in on the bar's last 8th and the 1's last 8th; the skipped beats' own hits do not
    loop = hits_at(rock_loop(), [(14, 1, 0.3), (10, 0, 0.6), (8, 1, 0.9)])
    out = loops_to_bars(loop, ((0.0, 6, 8), (3.0, 6, 8)))[0]
    assert list(np.flatnonzero(out[:, 1])) == [6, 10, 18]  # the backbeat, the ghost, bar 2's backbeat
    assert out[10, 10] == pytest.approx(0.3)
    assert list(np.flatnonzero(out[:, 0])) == [0, 4, 12]  # no snare or kick added on the 1
    # a waltz skips loop beat 3: its ghost snare's 16th comes in on beat 1, a snare on 3 itself does not
    waltz = loops_to_bars(hits_at(rock_loop(), [(11, 1, 0.3), (8, 1, 0.9)]), WALTZ)[0]
    assert list(np.flatnonzero(waltz[:, 1])) == [3, 4, 8, 16, 20]


def test_sixteenth_hats_stay_busier_than_eighths_in_compound_meters():
    sixteenths = rock_loop()
    hits_at(sixteenths, [(s, 2, 0.4) for s in range(1, 32, 2)])
    # a part playing 16ths in its dotted beats (meter_read.plays_sixteenths): every 16th of four dotted beats
    busy = loops_to_bars(sixteenths, ((0.0, 12, 8),), sixteenths=True)[0]
    assert list(np.flatnonzero(busy[:, 2])) == list(range(24))
    assert busy[1, 11] == pytest.approx(0.4)
    # by default (a triplet part: a 12/8 slow blues) 16th hats keep the triplet 8ths, as 8th hats do
    default = loops_to_bars(sixteenths, ((0.0, 12, 8),))[0]
    plain = loops_to_bars(rock_loop(), ((0.0, 12, 8),))[0]
    assert list(np.flatnonzero(default[:, 2])) == list(range(0, 24, 2))
    assert list(np.flatnonzero(plain[:, 2])) == list(range(0, 24, 2))  # the 8ths
    assert not default[:, 3].any()  # 16ths on every beat: no push stands out, no open hat


def test_chart_bar_lines_follow_the_song_bars():
    loop = rock_loop()
    for bars, row in [
        (WALTZ, "|x--- ---- ----|x--- ---- ----|"),
        (((0.0, 6, 8), (3.0, 6, 8)), "|x----- ------|x----- ------|"),
        (((0.0, 12, 8),), "|x----- ------ x----- ------|"),
        (((0.0, 4, 4), (4.0, 2, 4)), "|x--- x--- x--- x---|x--- x---|"),
        (None, "|x--- x--- x--- x---|x--- x--- x--- x---|"),
        (((7.0, 1, 4),), "|x---|"),  # a pickup: its beat alone
    ]:
        mapped = loop if bars is None else loops_to_bars(loop, bars)
        kick = [line for line in loops_roll(mapped, [1], [bars]) if "kick" in line][0]
        assert kick.split("kick")[1].strip() == row, bars


def test_a_pickup_plays_only_its_own_beats(make_midi):
    # a 2-beat pickup before 3/4 (notes on both its beats), then 4 bars
    notes = [(0.0, 60, 90, 0), (1.0, 60, 90, 0)] + [(2.0 + b, 40, 100, 0) for b in range(12)]
    wins = extract_windows(read_midi(make_midi(notes, time_signatures=[(0, 2, 4), (2, 3, 4)])))
    assert wins.starts[0] == -6.0 and wins.meters[0] == ((6.0, 2, 4),) and is_pickup(wins.meters[0])
    assert wins.bars[1] == 1 and wins.starts[1] == 2.0
    out = loops_to_bars(rock_loop(), wins.meters[0])[0]
    assert not out[:24].any() and out[24:, 2].any()  # nothing before the pickup's 2 beats
    res = Engine(StubModel()).drumify(read_midi(make_midi(notes, time_signatures=[(0, 2, 4), (2, 3, 4)])), Settings())
    pickup = res.loops[0]
    assert not pickup[:24].any()
    assert pickup[24:, 4].any() and not pickup[24:, :2].any()  # the stub's fill (toms), no beat
    assert list(np.flatnonzero(res.loops[1][:, 7])) == [0]  # the crash on bar 1
    events = loop_note_events(res.as_loops(), res.starts, spans=res.spans)
    lead_in = {pitch for on, _, pitch, _ in events if on < 2.0 - 1e-9}
    assert lead_in and lead_in <= {41, 43, 45, 47, 48, 50}  # before bar 1: the fill's toms only


def test_windows_say_which_bars_they_play(make_midi):
    sigs = [(0, 4, 4), (8, 2, 4), (10, 4, 4)]
    w = extract_windows(read_midi(make_midi([(b, 40, 90, 0) for b in range(0, 20)], time_signatures=sigs)))
    assert w.starts.tolist() == [0.0, 8.0, 14.0]
    assert w.meters[0] == ((0.0, 4, 4), (4.0, 4, 4))
    assert w.meters[1] == ((0.0, 2, 4), (2.0, 4, 4))  # a 2/4 bar, then 4/4
    twelve = extract_windows(read_midi(make_midi([(b, 40, 90, 0) for b in range(0, 12)], time_signatures=[(0, 12, 8)])))
    assert twelve.starts.tolist() == [0.0, 6.0] and twelve.meters == [((0.0, 12, 8),)] * 2
    # a bar longer than a loop is played as before (8 beats from its line), and said so
    long = extract_windows(read_midi(make_midi([(b, 40, 90, 0) for b in range(0, 18)], time_signatures=[(0, 9, 4)])))
    assert long.meters[0] is None and any("9/4: bars too long" in m for m in long.messages)


def part(sigs, n_bars: int, seed: int = 0) -> MidiContent:
    """A part in the given meter: bass on each downbeat, chords on the other beats, gapped 8ths above."""
    rng = np.random.default_rng(seed)
    grid = bar_grid(sigs, 6.0 * n_bars)
    starts, pitches, vels = [], [], []
    for line, (num, den) in zip(grid.lines[:n_bars], grid.meters[:n_bars]):
        beat = 1.5 if den == 8 and num % 3 == 0 else 1.0
        length = num * 4.0 / den
        chords = list(line + np.arange(beat, length - 1e-9, beat))
        starts, pitches, vels = starts + [line] + chords, pitches + [40] + [64] * len(chords), vels + [110] + [75] * len(chords)
        eighths = [line + e for e in np.arange(0.0, length, 0.5) if rng.random() < 0.7]
        starts += eighths
        pitches += [70] * len(eighths)
        vels += rng.integers(45, 65, len(eighths)).tolist()
    notes = Notes.from_lists(starts, pitches, vels)
    return MidiContent("part.mid", notes, 480, [(0.0, 110.0)], list(sigs), float(grid.lines[n_bars]), [])


def bar_hits(result, content, pitch: int):
    """Per bar of the part: the beats (from the bar line) where the drums play `pitch`."""
    notes = loop_note_events(result.as_loops(), result.starts, spans=result.spans)
    grid = bar_grid(content.time_signatures, content.end_beat)
    lines = grid.lines[grid.lines < content.end_beat - 1e-9]
    out = []
    for i, line in enumerate(lines):
        end = line + grid.meters[i][0] * 4.0 / grid.meters[i][1]
        out.append([round((on - line) * 4) / 4 for on, _, p, _ in notes if p == pitch and line - 0.1 <= on < end - 0.1])
    return out


@pytest.mark.parametrize("sigs", [[(0.0, 3, 4)], [(0.0, 6, 8)], [(0.0, 12, 8)], [(0.0, 4, 4), (8.0, 2, 4), (10.0, 4, 4)]])
def test_bar_lengths_are_exact(sigs, tmp_path):
    content = part(sigs, 12)
    engine = Engine(StubModel())
    res = engine.drumify(content, Settings())
    grid = bar_grid(content.time_signatures, content.end_beat)
    for start, span, bars in zip(res.starts, res.spans, res.meters):
        last = bars[-1]
        assert span == pytest.approx(last[0] + last[1] * 4.0 / last[2])  # a window plays exactly its bars
        assert start in grid.lines
    # the stub's kick follows the input, which plays every downbeat: a kick on every bar's 1
    kicks = bar_hits(res, content, 36)
    assert all(0.0 in k for k in kicks)
    write_loops(tmp_path / "d.mid", res.as_loops(), tempos=content.tempos, time_signatures=content.time_signatures,
                starts=res.starts, spans=res.spans)
    assert read_midi(tmp_path / "d.mid").time_signatures == content.time_signatures


def test_before_the_adapter_a_waltz_drifted():
    """Without the bars (each window 8 beats of 4/4, cut at 6), the stub's 4/4 snare falls on a waltz's downbeats."""
    content = part([(0.0, 3, 4)], 12)
    engine = Engine(StubModel())
    wins = extract_windows(content)
    old = engine.drumify_grooves(wins.grooves, Settings(), starts=wins.starts, bars=wins.bars)
    new = engine.drumify(content, Settings())
    assert any(0.0 in s for s in bar_hits(old, content, 38))
    snares = bar_hits(new, content, 38)
    assert all(s == [1.0, 2.0] for s in snares)  # the stub's backbeat on 2 and 3 of every bar


torch = pytest.importorskip("torch")


@pytest.mark.parametrize("sigs", [[(0.0, 3, 4)], [(0.0, 6, 8)], [(0.0, 12, 8)], [(0.0, 4, 4), (8.0, 2, 4), (10.0, 4, 4)]])
def test_shipped_model_marks_each_bars_downbeat(shipped, sigs):
    content = part(sigs, 16, seed=3)
    res = shipped.drumify(content, Settings())
    assert any("follow its bars" in m for m in res.messages)
    kicks = bar_hits(res, content, 36)
    assert np.mean([0.0 in k for k in kicks]) >= 0.75
    # nothing drifts: every window's drums lie inside its bars
    for loop, span in zip(res.loops, res.spans):
        assert not loop[int(round(span * 4)) :, :9].any()


def from_bar_1(content, per_bar):
    """Per-bar hits from bar 1 on (a pickup bar is a lead-in, not a bar of the groove)."""
    return per_bar[bar_grid(content.time_signatures, content.end_beat).first_bar :]


@pytest.mark.parametrize("source", ["example", "part"])
def test_shipped_model_plays_a_waltz_as_a_drummer_would(shipped, source):
    # the bundled piano waltz (a pickup, then 3/4) and a generated 3/4 part: kick on 1, snare on 2 and 3
    content = read_midi(EXAMPLES / "piano_waltz.mid") if source == "example" else part([(0.0, 3, 4)], 16, seed=3)
    res = shipped.drumify(content, Settings())
    kicks = from_bar_1(content, bar_hits(res, content, 36))
    snares = from_bar_1(content, bar_hits(res, content, 38))
    assert np.mean([0.0 in k for k in kicks]) >= 0.9
    assert max(len(k) for k in kicks) <= 2 and np.mean([len(k) for k in kicks]) <= 1.5
    assert not any({1.0, 2.0} & set(k) for k in kicks)  # never a kick on beats 2 and 3 (it was on every beat)
    assert np.mean([bool({1.0, 2.0} & set(s)) for s in snares]) >= 0.75


@pytest.mark.parametrize("sigs, kick_beats, backbeat", [([(0.0, 6, 8)], [0], [1.5]), ([(0.0, 12, 8)], [0, 2], [1.5, 4.5])])
def test_shipped_model_plays_the_compound_feel(shipped, sigs, kick_beats, backbeat):
    # 6/8: kick on 1, snare on the 4th 8th, hats on the 8ths; 12/8: kick on 1 (and 3), snare on 2 and 4
    content = part(sigs, 16, seed=3)
    res = shipped.drumify(content, Settings())
    kicks, snares = bar_hits(res, content, 36), bar_hits(res, content, 38)
    assert np.mean([0.0 in k for k in kicks]) >= 0.9
    assert all(int(b // 1.5) in kick_beats for k in kicks for b in k)  # kicks only in the meter's kick beats
    assert np.mean([any(b in s for b in backbeat) for s in snares]) >= 0.6
    eighths = sigs[0][1]
    time = [set(a) | set(b) for a, b in zip(bar_hits(res, content, 42), bar_hits(res, content, 51))]
    assert np.mean([len(t & {e / 2 for e in range(eighths)}) / eighths for t in time]) >= 0.75
