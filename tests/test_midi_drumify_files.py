"""MIDI files as producers hand them to `reagroove drumify`, and its options: the drums written where the
song's bars are, and a mistyped option said in the words the user typed."""

import numpy as np
import pytest
from conftest import build_midi
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.cli import main
from reagroove.core.groove import bar_grid
from reagroove.core.midi import read_midi


def eighths_part(path, sigs, n_bars, *, bpm=100.0):
    """A band part playing every 8th (louder on each bar's 1) for `n_bars` bars of the meter map `sigs`,
    its last note ending on the last bar line."""
    lines = bar_grid(list(sigs), float(n_bars * 8)).lines[: n_bars + 1]
    notes = []
    for first, end in zip(lines[:-1], lines[1:]):
        notes += [(float(b), 40, 110 if b == first else 80, 0) for b in np.arange(first, end - 1e-9, 0.5)]
    build_midi(path, notes, tempos=((0, bpm),), time_signatures=sigs, length=0.5)
    return [float(x) for x in lines]


def drum_onsets(path):
    drums = read_midi(path)
    assert len(drums.notes) and set(drums.notes.channel.tolist()) == {9}
    return np.sort(drums.notes.start)


@pytest.mark.parametrize("sigs, n_bars", [(((0, 4, 4),), 3), (((0, 4, 4),), 7), (((0, 3, 4),), 5),
                                          (((0, 4, 4), (8, 3, 4)), 5)])
def test_drums_stop_at_the_end_of_the_last_bar_of_music(stub_engine, tmp_path, capsys, sigs, n_bars):
    """An odd number of bars: the last 2-bar loop is cut where the song ends (as REAPER's items are), not
    played on through a bar the song never has; every bar of the song keeps its drums."""
    lines = eighths_part(tmp_path / "part.mid", sigs, n_bars)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(out), "--variations", "2"]) == 0
    for version in ("drums_v1.mid", "drums_v2.mid"):
        onsets = drum_onsets(tmp_path / version)
        assert onsets.max() < lines[-1] - 1e-6, f"{version}: drums after the song's last bar"
        for first, end in zip(lines[:-1], lines[1:]):
            assert ((onsets >= first - 0.1) & (onsets < end)).any(), f"{version}: no drums in bar at beat {first}"
    charts = capsys.readouterr().out.split("version 2 (")  # each version is charted (version 1's, then 2's)
    assert len(charts) == 2
    for chart in charts:
        kick_rows = [row for row in chart.splitlines() if "kick" in row.split()]
        assert sum(row.count("|") - 1 for row in kick_rows) <= n_bars  # the chart shows no bar past the music's end


@pytest.mark.parametrize("bars, first, last", [("2-2", 2, 2), ("2-4", 2, 4), ("3-", 3, 7)])
def test_drums_for_a_bar_range_stay_inside_it(stub_engine, tmp_path, bars, first, last):
    """--bars 2-4 of a song: drums in bars 2, 3 and 4, none over bar 5 (drumming a song section by section
    must not stack two drum parts on one bar)."""
    lines = eighths_part(tmp_path / "part.mid", ((0, 4, 4),), 7)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(out), "--bars", bars, "--quiet"]) == 0
    onsets = drum_onsets(out)
    assert onsets.min() >= lines[first - 1] - 0.1 and onsets.max() < lines[last] - 1e-6
    assert ((onsets >= lines[last - 1] - 0.1) & (onsets < lines[last])).any()  # the range's last bar is played


@pytest.mark.parametrize("options, said", [
    (["--fill-every", "-2"], "--fill-every must be a whole number"),
    (["--fill-bars", "0"], "--fill-bars must be bar numbers from 1, e.g. 8,16,24, got '0'"),
    (["--max-hits", "-1"], "--max-hits must be from 0 to 32, got -1"),  # one value for every voice: no voice named
    (["--threshold", "kick=3"], "--threshold for kick must be"),
    (["--seed", "-1"], "--seed must be a whole number"),
    (["--density", "2"], "--density must be from 0 to 1"),
])
def test_an_option_out_of_range_is_named_as_typed(stub_engine, tmp_path, capsys, options, said):
    """--fill-every -2 said "fill_every must be ...", --fill-bars 0 "... e.g. [8, 16, 24], got (0,)": the
    settings' field names and Python's lists, not what was typed."""
    eighths_part(tmp_path / "part.mid", ((0, 4, 4),), 2)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(out), *options]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and said in err, err
    assert not out.exists()


def _parts_folder(folder):
    folder.mkdir()
    eighths_part(folder / "verse.mid", ((0, 4, 4),), 4)
    eighths_part(folder / "chorus.mid", ((0, 3, 4),), 4)
    return folder


@pytest.mark.parametrize("into", [".", "drums"])
def test_drumming_a_folder_into_itself_again_redrums_the_parts(stub_engine, tmp_path, capsys, into):
    """`drumify parts/ -o parts/` run a second time (another seed, another genre) failed with 'refusing to
    overwrite an input file': the first run's drums were read as parts (and into parts/drums/ they were
    drummed again, as drums of drums)."""
    parts = _parts_folder(tmp_path / "parts")
    out = parts / into
    assert main(["drumify", str(parts), "-o", str(out), "--quiet"]) == 0
    first = {p.name: p.read_bytes() for p in out.glob("*_drums.mid")}
    assert sorted(first) == ["chorus_drums.mid", "verse_drums.mid"]
    assert main(["drumify", str(parts), "-o", str(out), "--seed", "3"]) == 0
    said = capsys.readouterr().out
    assert "2 drum files ReaGroove wrote left out" in said
    assert sorted(p.name for p in out.glob("*_drums*.mid")) == ["chorus_drums.mid", "verse_drums.mid"]
    assert read_midi(out / "verse_drums.mid").notes.channel.tolist()  # written again, a drum part


def test_a_folder_run_that_would_overwrite_an_input_writes_nothing(stub_engine, tmp_path, capsys):
    """A file of the user's own named like an output (verse_drums.mid, a drum take) is never written over,
    and the run stops before writing any file (it wrote the files before it, then stopped)."""
    parts = _parts_folder(tmp_path / "parts")
    eighths_part(parts / "verse_drums.mid", ((0, 4, 4),), 2)
    before = (parts / "verse_drums.mid").read_bytes()
    assert main(["drumify", str(parts), "-o", str(parts), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "verse_drums.mid: refusing to overwrite an input file" in err
    assert "the drums for verse.mid go there" in err and len(err.strip().splitlines()) == 1  # whose, said
    assert (parts / "verse_drums.mid").read_bytes() == before
    assert not (parts / "chorus_drums.mid").exists()


def test_saving_a_pattern_under_a_taken_name_says_what_it_replaces(monkeypatch, tmp_path, capsys):
    """`patterns add verse chorus.mid` over a saved 'verse' (or over the built-in 'rock') replaced it without a word."""
    from reagroove.models.drummer import genre_prototypes

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    eighths_part(tmp_path / "verse.mid", ((0, 4, 4),), 2)
    eighths_part(tmp_path / "chorus.mid", ((0, 4, 4),), 4)
    assert main(["patterns", "add", "verse", str(tmp_path / "verse.mid")]) == 0
    assert "replaces" not in capsys.readouterr().err
    assert main(["patterns", "add", "verse", str(tmp_path / "chorus.mid"), "--bar", "3"]) == 0
    err = capsys.readouterr().err
    assert "replaces your pattern 'verse' (verse.mid, bar 1)" in err
    built_in = sorted(genre_prototypes())[0]
    assert main(["patterns", "add", built_in, str(tmp_path / "verse.mid")]) == 0
    assert f"stands in for the built-in '{built_in}'" in capsys.readouterr().err


@pytest.mark.parametrize("stray", ["end_of_track", "time_signature", "set_tempo"])
def test_a_corrupt_time_far_after_the_music_is_not_read_as_hours_of_bars(stub_engine, tmp_path, capsys, stray):
    """A 300-byte file whose end of track (or a time signature, a tempo) sits 200 million beats on (a corrupt
    delta time) made the bars of all those beats: 4 GB, then a MemoryError traceback or the process killed.
    It is read up to its music, said in a note, and drummed."""
    import mido

    from reagroove.core.midi import MAX_TAIL_BEATS

    eighths_part(tmp_path / "part.mid", ((0, 4, 4),), 4)
    mf = mido.MidiFile(tmp_path / "part.mid")
    far = 200_000_000 * mf.ticks_per_beat
    events = {"end_of_track": mido.MetaMessage("end_of_track"),
              "time_signature": mido.MetaMessage("time_signature", numerator=3, denominator=4),
              "set_tempo": mido.MetaMessage("set_tempo", tempo=400000)}
    meta = mf.tracks[0]
    at = sum(m.time for m in meta[:-1])
    meta.insert(len(meta) - 1, events[stray].copy(time=far - at))
    if stray == "end_of_track":
        del meta[-1]
    mf.save(tmp_path / "part.mid")
    part = read_midi(tmp_path / "part.mid")
    assert part.end_beat < 16 + MAX_TAIL_BEATS
    assert max(b for b, *_ in part.tempos + part.time_signatures) < 16 + MAX_TAIL_BEATS
    assert any("damaged file" in w for w in part.warnings)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(out)]) == 0
    assert "a damaged file" in capsys.readouterr().out
    assert drum_onsets(out).max() < 16


def test_notes_a_corrupt_delta_time_throws_days_on_are_one_line(stub_engine, tmp_path, capsys):
    """Notes pushed a billion beats on by a corrupt delta time made bar lines for all of them (GBs, a
    MemoryError traceback or the process killed) before any check could say so."""
    notes = [(float(b), 40, 90, 0) for b in range(8)] + [(1_000_000_000.0, 40, 90, 0)]
    build_midi(tmp_path / "part.mid", notes, tpb=96)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "part.mid" in err and "damaged file" in err
    assert not out.exists()


def test_a_song_of_repeated_phrases_prints_as_a_short_chart(stub_engine, tmp_path, capsys):
    """--fill-every 2 over a 64-bar part printed a line for each loop of every 4-bar phrase ('bar 5 as bar 1',
    'bar 7 as bar 3', ...: 32 lines for 64 bars, 236 for a 600-bar song with --fill-every 4); a phrase played
    again as it was is now one line for all its repeats (the song's last phrase, bars 61-64, ends without a fill:
    it is its own, two lines)."""
    lines = eighths_part(tmp_path / "part.mid", ((0, 4, 4),), 64)
    assert main(["drumify", str(tmp_path / "part.mid"), "-o", str(tmp_path / "drums.mid"), "--fill-every", "2"]) == 0
    roll = capsys.readouterr().out.splitlines()
    labels = [line.split("|")[0].split() for line in roll if line.split()[:1] in (["bar"], ["bars"])]
    assert len(labels) <= 5, roll
    said = next(line for line in roll if "as bars" in line).split()
    first, last = (int(b) for b in said[1].split("-"))
    a, b = (int(x) for x in said[4].rstrip(",").split("-"))
    times = int(said[5])
    assert last == len(lines) - 5 and first == b + 1 and (last - first + 1) == times * (b - a + 1)
    # the file holds what the chart says: each repeat plays the bars it names, note for note
    drums = read_midi(tmp_path / "drums.mid").notes
    span = lines[b] - lines[a - 1]

    def phrase(start):
        inside = (drums.start >= start - 0.1) & (drums.start < start + span - 0.1)
        return sorted(zip(np.round(drums.start[inside] - start, 2).tolist(), drums.pitch[inside].tolist()))

    model = phrase(lines[a - 1])
    assert model and all(phrase(lines[first - 1] + k * span) == model for k in range(times))


def test_a_silence_running_to_the_end_of_the_bars_asked_for_is_said_not_a_traceback(tmp_path):
    """Bass for 4 bars, then nothing until bar 40, drummed over bars 1-28: the note about the bars without
    notes indexed past the last window and raised an IndexError (also a band file whose guide drums play on
    for 24 bars after the bass stops)."""
    from reagroove.core.groove import extract_windows

    path = build_midi(tmp_path / "gap.mid", [(k, 40, 100, 0) for k in range(16)] + [(16 + 4 * 35, 40, 100, 0)],
                      length=1.0)
    wins = extract_windows(read_midi(path), bars=(1, 28))
    assert "bars 5-28 have no notes: the drums keep time through them" in wins.messages
