"""Bars drummed again (`--bars`) play the whole song's drums there, beat for beat (core/bar_range.py).

Drummed alone, `--bars 17-32` of freedoom's d_e1m1 band lost the crash on bar 17, where the band changes what it
plays, and the fill in bar 32 into bar 33, where parts of the band leave: the range could hear neither bar 16 nor
bar 33. 14 of its 261 hits differed from the whole song's there, d_e2m2's 46 of 284."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pytest

from reagroove.core import read_midi
from reagroove.core.settings import Settings

pytest.importorskip("torch")

BAND = Path(os.environ.get("REAGROOVE_BAND") or Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi")
CRASH = 7


def played(res, lo: float = -np.inf, hi: float = np.inf) -> set[tuple[int, int, int]]:
    """The hits a result writes between beats lo and hi: (16th from the file's start, voice, velocity 0-127)."""
    return res.written_hits(lo, hi)


def range_beats(res) -> tuple[float, float]:
    return float(res.starts[0]), float(res.starts[-1] + res.spans[-1])


def sections_song(make_midi):
    """24 bars at 120: a bass riff in bars 1-8, another with keys from bar 9, the bass alone again from bar 17."""
    notes = [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(1, 9) for t in (0.0, 1.5, 2.0, 3.5)]
    notes += [((b - 1) * 4.0 + t, 45, 100, 0) for b in range(9, 17) for t in (0.0, 0.75, 1.5, 2.5, 3.0)]
    notes += [((b - 1) * 4.0 + t, p, 80, 1) for b in range(9, 17) for t in (0.5, 1.5, 2.5, 3.5) for p in (60, 64, 67)]
    notes += [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(17, 25) for t in (0.0, 2.0)]
    return read_midi(make_midi(sorted(notes), "sections.mid"))


@pytest.mark.parametrize("bars", [(9, 16), (10, 16), (5, 12), (9, 20)])
def test_bars_drummed_again_are_the_whole_songs_drums_there(shipped, make_midi, bars):
    song = sections_song(make_midi)
    whole = shipped.drumify(song, Settings())
    part = shipped.drumify(song, Settings(), bars=bars)
    lo, hi = range_beats(part)
    assert lo == (bars[0] - 1) * 4.0 and hi == bars[1] * 4.0  # the bars asked, no more
    assert played(part) == played(whole, lo, hi)
    if bars[0] == 9:  # the band's new riff on bar 9 is heard from the bars before it: crashed on, as in the song
        assert any(beat == 32 * 4 and voice == CRASH for beat, voice, _ in played(part))


def test_a_range_from_mid_song_says_what_the_song_does_around_it_not_its_intro(shipped, make_midi):
    song = sections_song(make_midi)
    said = shipped.drumify(song, Settings(), bars=(10, 16)).messages
    # the band thins out after it: its fill (bar 9's section, its crash before the range, is not said)
    assert [m for m in said if "new section" in m] == [
        "the band changes what it plays in bar 17: it starts a new section (bar 16 fills into it)"], said
    assert not any("quiet intro" in m for m in said)


def test_versions_of_bars_drummed_again_differ_there_and_open_with_the_plain_drums(shipped, make_midi):
    song = sections_song(make_midi)
    part = shipped.drumify(song, Settings(), bars=(9, 16))
    versions = shipped.variations_of(part, Settings(), 4)
    assert versions.shape == (4, *part.loops.shape)
    assert np.array_equal(versions[0], part.loops)
    hits = versions[..., :9] > 0.5
    for a, b in itertools.combinations(range(4), 2):
        assert (hits[a] != hits[b]).sum() >= 0.15 * max(hits[a].sum(), hits[b].sum())


@pytest.mark.parametrize("name, bars", [("d_e1m1", (17, 32)), ("d_e2m2", (17, 32)), ("d_map03", (10, 24))])
def test_bars_of_a_real_song_are_its_drums_there(shipped, name, bars):
    path = BAND / f"{name}.mid"
    if not path.is_file():
        pytest.skip(f"freedoom MIDI not found at {BAND}")
    song = read_midi(path)  # (its own drums are left out of the input)
    part = shipped.drumify(song, Settings(), bars=bars)
    assert played(part) == played(shipped.drumify(song, Settings()), *range_beats(part))


def test_a_range_in_two_four_says_the_section_its_last_bar_fills_into(shipped, make_midi):
    """40 bars of 2/4 (a loop is 4 of its bars), the band's new riff on bar 25: bars 17-24 play the fill into it, and
    say so as bars 17-24 of 4/4 do (the range's end had been counted as its last window's first bar, 21, + 1)."""
    notes = [((b - 1) * 2.0 + t, 40 if b <= 24 else 45, 100 if t == 0 else 70, 0)
             for b in range(1, 41) for t in (0.0, 0.5, 1.0, 1.5)]
    song = read_midi(make_midi(notes, "two_four.mid", time_signatures=((0, 2, 4),)))
    said = shipped.drumify(song, Settings(), bars=(17, 24)).messages
    assert any("bar 25" in m and "new section" in m for m in said), said


def intro_song(make_midi):
    """A soft pad alone in bars 1-4 (a quiet intro), the band (bass and keys) from bar 5 to 20."""
    notes = [((b - 1) * 4.0, p, 40, 1) for b in range(1, 5) for p in (60, 64, 67)]
    notes += [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(5, 21) for t in (0.0, 0.75, 1.5, 2.5, 3.0)]
    notes += [((b - 1) * 4.0 + t, p, 80, 1) for b in range(5, 21) for t in (0.5, 2.5) for p in (60, 64, 67)]
    return read_midi(make_midi(sorted(notes), "intro.mid"))


def test_a_range_says_the_songs_quiet_intro_where_it_plays_part_of_it_and_only_there(shipped, make_midi):
    song = intro_song(make_midi)
    assert any("intro" in m for m in shipped.drumify(song, Settings()).messages)
    # bars 3-4 are the intro's drums, the crash on 5 where the band comes in: said
    assert any("quiet intro" in m for m in shipped.drumify(song, Settings(), bars=(3, 10)).messages)
    # bars 9-16 play no intro: none of its notes (they name no bar) is said there
    assert not any("intro" in m for m in shipped.drumify(song, Settings(), bars=(9, 16)).messages)


def test_a_range_over_a_meter_change_says_the_meters_it_plays(shipped, make_midi):
    """4/4, then 3/4 from bar 9, then 4/4 from bar 17: bars 10-18 play 3/4 and then 4/4, said as the song says them
    (the range's own reading had said "music in 3/4" alone)."""
    notes = [((b - 1) * 4.0 + t, 40, 90, 0) for b in range(1, 9) for t in (0.0, 1.0, 2.0, 3.0, 3.5)]
    notes += [(32.0 + (b - 9) * 3.0 + t, 45, 90, 0) for b in range(9, 17) for t in (0.0, 1.0, 2.0, 2.5)]
    notes += [(56.0 + (b - 17) * 4.0 + t, 43, 90, 0) for b in range(17, 25) for t in (0.0, 1.5, 2.0, 3.0)]
    song = read_midi(make_midi(notes, "meters.mid", time_signatures=((0, 4, 4), (32, 3, 4), (56, 4, 4))))
    said = [m for m in shipped.drumify(song, Settings(), bars=(10, 18)).messages if m.startswith("music in")]
    assert said and all("4/4 from bar 17" in m for m in said), said
