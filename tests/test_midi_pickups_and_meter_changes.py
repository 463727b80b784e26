"""Band parts as producers export them, read on the CLI's drumify path: a song opening with a pickup in a
whole first bar, meter changes past the music's end, and other real-world MIDI layouts."""

import numpy as np
import pytest
from conftest import build_midi
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

CRASH = 49  # General MIDI crash cymbal, as the drums are written


def riff(first_bar, n_bars, bar_beats=4):
    """A bass riff from `first_bar` (1-based) on, `n_bars` bars: low notes on the 1 and 3, passing notes after."""
    notes = []
    for bar in range(first_bar - 1, first_bar - 1 + n_bars):
        s = bar * bar_beats
        notes += [(s, 40, 110, 0), (s + 1.5, 43, 80, 0), (s + 2.0, 40, 90, 0), (s + 3.0, 45, 80, 0)][: 3 if bar_beats == 3 else 4]
    return notes


def drums_of(path):
    drums = read_midi(path)
    order = np.argsort(drums.notes.start, kind="stable")
    return drums.notes.start[order], drums.notes.pitch[order]


def drumify(src, out, *args):
    assert main(["drumify", str(src), "-o", str(out), *args]) == 0


# ---------------------------------------------------------------- a pickup in a whole first bar


PICKUP = [(3.0, 38, 90, 0), (3.5, 39, 90, 0)]  # beat 4 and its "and" of bar 1, into bar 2 (beat 4.0)


@pytest.mark.parametrize("args", [[], ["--bars", "1-4"]])
def test_a_song_opening_on_a_pickup_gets_no_drum_bar_before_the_band(stub_engine, tmp_path, capsys, args):
    """Bar 1 holds only the bass's pickup on beat 4 (no pickup time signature: how most DAWs export it). The
    drums played a whole bar 1, crash and all, before the band came in; a drummer waits for bar 2's downbeat
    (at most a lead-in over the pickup's beat) and crashes there."""
    build_midi(tmp_path / "part.mid", PICKUP + riff(2, 8), length=0.4)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", *args)
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 3.0 - 0.1, "drums before the pickup"
    assert not (pitches[onsets < 4.0 - 0.1] == CRASH).any(), "a crash before the band's first downbeat"
    assert (np.abs(onsets[pitches == CRASH] - 4.0) < 0.1).any(), "no crash on bar 2's downbeat"
    assert ((onsets >= 4.0 - 0.1) & (onsets < 8.0)).any() and ((onsets >= 8.0 - 0.1) & (onsets < 12.0)).any()
    out = capsys.readouterr().out
    assert "pickup into bar 2" in out
    chart = [line.split()[:2] for line in out.splitlines() if "bar" in line.split()[:2]]
    assert ["bar", "1"] not in chart and ["bar", "2"] in chart  # the file's own bar numbers


def test_a_pickup_later_in_the_file_is_its_first_bar_of_music(stub_engine, tmp_path):
    """The bass enters with a pickup in bar 30 (the song's intro on other tracks): the drums come in on
    bar 31, not with a bar of their own before it."""
    build_midi(tmp_path / "part.mid", [(29 * 4 + 3.0, 38, 90, 0)] + riff(31, 4), length=0.4)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--quiet")
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 29 * 4 + 3.0 - 0.1
    assert not (pitches[onsets < 120.0 - 0.1] == CRASH).any()


def test_a_waltz_opening_on_a_pickup_on_beat_3(stub_engine, tmp_path):
    build_midi(tmp_path / "part.mid", [(2.0, 43, 90, 0)] + riff(2, 6, bar_beats=3), length=0.4,
               time_signatures=((0, 3, 4),))
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--quiet")
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 2.0 - 0.1 and not (pitches[onsets < 3.0 - 0.1] == CRASH).any()


def test_a_cut_time_pickup_is_as_long_as_its_music(stub_engine, tmp_path):
    """2/2 (a half-note beat), the pickup one quarter note: the lead-in is that quarter, not the half bar
    (a kick and snare on beat 3 before the band's pickup)."""
    build_midi(tmp_path / "part.mid", [(3.0, 43, 90, 0)] + riff(2, 6), length=0.4, time_signatures=((0, 2, 2),))
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--quiet")
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 3.0 - 0.1 and (np.abs(onsets[pitches == CRASH] - 4.0) < 0.1).any()


@pytest.mark.parametrize("args", [[], ["--bars", "1-4"]])
def test_a_song_starting_on_bar_1_beat_1_keeps_its_drums_in_bar_1(stub_engine, tmp_path, capsys, args):
    build_midi(tmp_path / "part.mid", riff(1, 8), length=0.4)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", *args)
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() < 0.1 and (np.abs(onsets[pitches == CRASH]) < 0.1).any()
    assert "pickup" not in capsys.readouterr().out


def test_a_first_bar_with_music_from_its_first_half_is_no_pickup(stub_engine, tmp_path):
    """Keys comping on every beat from beat 2 of bar 1 on, at one level: a take that only starts late, no walk-up
    into a louder, lower or fuller downbeat. Bar 1 is the part's (the drums take it from its downbeat)."""
    chords = [(beat, p, 80, 0) for beat in range(1, 20) for p in (60, 64, 67)]
    build_midi(tmp_path / "part.mid", chords, length=0.4)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--quiet")
    onsets, _ = drums_of(tmp_path / "drums.mid")
    assert onsets.min() < 0.1


def test_a_walk_up_from_beat_2_into_a_louder_lower_downbeat_is_a_pickup(stub_engine, tmp_path):
    """A bass walking up on beats 2-4 of bar 1 into the riff's louder, lower downbeat: the drums come in on bar 2
    (a lead-in over the walk-up), not with a groove and a crash on bar 1's silent downbeat."""
    build_midi(tmp_path / "part.mid", [(1.0, 43, 90, 0), (2.0, 45, 90, 0), (3.0, 47, 90, 0)] + riff(2, 4), length=0.4)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--quiet")
    onsets, _ = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 1.0 - 0.1  # nothing before the walk-up's first note


# ---------------------------------------------------------------- meter changes after the music


@pytest.mark.parametrize("sigs", [((0, 4, 4), (28, 3, 4)), ((0, 4, 4), (28, 3, 4), (31, 6, 8)), ((0, 4, 4), (30, 3, 4))])
def test_a_meter_change_after_the_music_is_not_said_nor_written(stub_engine, tmp_path, capsys, sigs):
    """7 bars of 4/4, the file's meter map going on to 3/4 (and 6/8) after the last note: the note said
    'music in 3/4' and the drum file carried a meter no bar of the music plays in."""
    build_midi(tmp_path / "part.mid", riff(1, 7), length=0.5, time_signatures=sigs)
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid")
    out = capsys.readouterr().out
    assert "3/4" not in out and "6/8" not in out and "meter changes" not in out
    assert read_midi(tmp_path / "drums.mid").time_signatures == [(0.0, 4, 4)]
    onsets, _ = drums_of(tmp_path / "drums.mid")
    assert onsets.max() < 28.0  # the drums stop with the music's 7th bar


def test_a_meter_change_the_music_plays_is_still_said(stub_engine, tmp_path, capsys):
    build_midi(tmp_path / "part.mid", riff(1, 4) + [(16.0 + 3 * b + k, 40, 90, 0) for b in range(3) for k in range(3)],
               length=0.5, time_signatures=((0, 4, 4), (16, 3, 4)))
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid")
    assert "music in 3/4" in capsys.readouterr().out
    assert (16.0, 3, 4) in read_midi(tmp_path / "drums.mid").time_signatures


def test_a_project_meter_after_the_selection_is_not_said():
    """REAPER hands the project's meter map whole: a 3/4 section after the selected 4/4 part (and a meter
    change mid-bar there) is not the part's, and no note speaks of it."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.midi import MidiContent, Notes

    starts = [b * 4.0 + k for b in range(7) for k in range(4)]
    notes = Notes.from_lists(starts, [40] * len(starts), [100] * len(starts))
    content = MidiContent("the selected items", notes, 960, [(0.0, 120.0)], [(0.0, 4, 4), (28.0, 3, 4), (30.0, 6, 8)],
                          28.0)
    wins = extract_windows(content, bars=(1, 7))
    assert not [m for m in wins.messages if "3/4" in m or "6/8" in m or "meter" in m], wins.messages


# ---------------------------------------------------------------- bars before the music


def test_bars_before_the_music_starts_are_refused_in_one_line(stub_engine, tmp_path, capsys):
    """The bass comes in at bar 30 (the song's intro is on other tracks); --bars 1-4 wrote 4 bars of a groove
    following nothing, with only '32 notes outside bars 1-4 left out' to say why."""
    build_midi(tmp_path / "part.mid", riff(30, 8), length=0.4)
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(tmp_path / "drums.mid"), "--bars", "1-4"]) == 2
    err = capsys.readouterr().err
    assert "bars 1-4 hold no notes: the music starts in bar 30" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "drums.mid").exists()
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid", "--bars", "29-31", "--quiet")  # a range reaching it plays
    onsets, _ = drums_of(tmp_path / "drums.mid")
    assert onsets.max() >= 29 * 4.0


# ---------------------------------------------------------------- a meter stated again mid-bar


def test_a_meter_stated_again_mid_bar_starts_a_bar_there(stub_engine, tmp_path, capsys):
    """A DAW's partial first bar: 4/4 at beat 0 and 4/4 again at beat 3, the song's bar 1 there (the file's own
    grid). The second 4/4 was read as a repeat and dropped, so the drums' bars fell a beat off the band's:
    its downbeats read as beat 4, a pickup lead-in over the band's first downbeat."""
    build_midi(tmp_path / "part.mid", [(n[0] + 3.0, *n[1:]) for n in riff(1, 8)], length=0.4,
               time_signatures=((0, 4, 4), (3, 4, 4)))
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid")
    onsets, pitches = drums_of(tmp_path / "drums.mid")
    assert onsets.min() >= 3.0 - 0.1
    assert (np.abs(onsets[pitches == CRASH] - 3.0) < 0.1).any()  # the opening crash on the band's downbeat
    kicks = onsets[pitches == 36]
    assert (np.abs(kicks - 7.0) < 0.1).any() and (np.abs(kicks - 11.0) < 0.1).any()  # the model's kick on each 1
    assert (3.0, 4, 4) in read_midi(tmp_path / "drums.mid").time_signatures
    out = capsys.readouterr().out
    assert "pickup" not in out and "meter changes" not in out


def test_a_meter_stated_again_on_every_bar_line_is_one_meter(make_midi):
    content = read_midi(make_midi(riff(1, 4), time_signatures=tuple((4.0 * b, 4, 4) for b in range(4))))
    assert content.time_signatures == [(0.0, 4, 4)]


def test_a_reaper_item_from_bar_1_opening_on_a_pickup_gets_drums_from_bar_2():
    """The same song as an item in REAPER starting on bar 1's line (not mid-bar): the drums wrote bar 1 whole,
    crash and all, before the band; they now come in on bar 2, as for an item starting on the pickup."""
    from fake_reaper import reapy_inside
    from test_reaper import PURGE, engine
    from test_reaper_project_layouts import part_with, spans

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    with reapy_inside(part_with(0.0, 20.0, [3.0] + [4.0 + k for k in range(16)]), purge=PURGE):
        res = actions.drumify_selection(LocalBridge(), engine(), Settings())
        assert spans() == [(4.0, 12.0), (12.0, 20.0)]
        assert any("pickup into bar 2" in m for m in res["messages"])


def test_phrases_of_a_song_opening_on_a_pickup_count_from_the_bar_it_leads_into(make_midi):
    """--fill-every 4 on a song whose bar 1 holds only a pickup: the song's 8-bar phrases are bars 2-9, 10-17,
    so the fills end bars 9 and 17 and the crashes open bars 10 and 18 (they came a bar early), variations too."""
    from stub_model import StubModel
    from test_meter_fills_and_backbeats import BarEndFills, crash_bars

    from reagroove.core.engine import Engine
    from reagroove.core.settings import Settings

    content = read_midi(make_midi(PICKUP + riff(2, 17)))  # bars 2-18: the fill in bar 17 leads into the last
    res = Engine(BarEndFills()).drumify(content, Settings(fill_every=4))
    assert crash_bars(res) == [2, 10, 18]
    fills = sorted({int(res.bars[w]) + m for w in range(len(res.bars)) for m in range(2)
                    if (res.loops[w, 16 * m:16 * m + 16, 4] > 0.5).any() and res.bars[w] > 0})
    assert fills == [9, 17]
    engine = Engine(StubModel())
    res = engine.drumify(content, Settings(fill_every=4))
    for version in engine.variations_of(res, Settings(fill_every=4), 2):
        crashes = sorted({int(res.bars[w]) + t // 16 for w, t in zip(*np.nonzero(version[:, :, 7] > 0.5))})
        assert crashes == [2, 10, 18]


def test_a_pattern_from_a_file_opening_on_a_pickup_is_the_two_bars_it_leads_into(make_midi):
    """`patterns add` / Set pattern from a file whose bar 1 holds only a pickup took bars 1-2: a nearly empty
    bar and one of the riff. It takes bars 2-3, the riff twice, and names bar 2."""
    from reagroove.core.patterns import pattern_from_file

    path = make_midi(PICKUP + riff(2, 4))
    pat = pattern_from_file(path, "p")
    assert pat.source.endswith("bar 2")
    hits = pat.groove[:, 0] > 0
    assert np.array_equal(hits[:16], hits[16:]) and hits[0]  # the riff in both bars, from its downbeat


def test_a_single_bar_of_another_meter_is_named_by_its_bar(stub_engine, tmp_path, capsys):
    """4 bars of 4/4, one 2/4 bar (bar 5), 4/4 again: the note said 'music in 2/4' as if the song were in
    2/4; a bar or three of a meter are named, so the producer finds them."""
    notes = riff(1, 4) + [(16.0, 40, 90, 0), (17.0, 40, 90, 0)] + [(n[0] + 18.0, *n[1:]) for n in riff(1, 4)]
    build_midi(tmp_path / "part.mid", notes, length=0.5, time_signatures=((0, 4, 4), (16, 2, 4), (18, 4, 4)))
    drumify(tmp_path / "part.mid", tmp_path / "drums.mid")
    out = capsys.readouterr().out
    assert "music in 2/4 (bar 5): the drums follow its bars" in out, out
