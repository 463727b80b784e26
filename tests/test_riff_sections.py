"""A drummer hears a new section where the band moves to a new riff on the same rhythm: its notes change, not its
onsets (the sections heard from onsets alone had played one groove through it)."""

import numpy as np
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.riff_sections import riff_sections
from reagroove.core.settings import Settings

E, C, A = 40, 36, 45  # the bass's roots (E2, C2, A2); the guitar plays a fifth over them an octave up


def riff(bars, root):
    """Bass and guitar on 1, 1&, 2&, 3 and 4 of each listed bar (1-based), on `root`: the same rhythm whatever the
    root."""
    return [((b - 1) * 4.0 + t, p, 100, c) for b in bars for t in (0.0, 0.5, 1.5, 2.0, 3.0)
            for p, c in ((root, 0), (root + 12, 1), (root + 19, 1))]


def heard(path):
    wins = extract_windows(read_midi(path))
    return riff_sections(wins.lows, wins.bars, wins.meters, [], [], wins.starts, wins.end)


def test_a_new_riff_on_the_same_rhythm_starts_a_section(make_midi):
    """8 bars on E, 8 on C, 8 on E again, the rhythm and level unchanged, no markers: a drummer fills into bar 9
    and crashes on it, and again on 17 (the drums had played one groove from bar 1 to 24), and says so. Its
    versions (variations) hear it too."""
    path = make_midi(sorted(riff(range(1, 9), E) + riff(range(9, 17), C) + riff(range(17, 25), E)), length=0.4)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9, 17]
    assert heard(path) == {9: (E % 12, C % 12), 17: (C % 12, E % 12)}
    assert bar_hits(res, 8)[12:, TOM].any() and bar_hits(res, 16)[12:, TOM].any()
    assert any("the band changes what it plays in bars 9, 17" in m for m in res.messages), res.messages
    for version in Engine(BarEndFills()).variations_of(res, Settings(), 2):
        assert version[int(np.flatnonzero(res.bars == 9)[0]), 0, 7] > 0.5  # the crash on bar 9


def test_a_riff_of_changing_roots_is_one_riff(make_midi):
    """A 4-bar riff whose bars move E, A, E, C over and over is one riff (no section at any of its bars); riffs that
    swap every 4 bars are held nowhere (no section either); nor is a melody over a bass held on E."""
    cycle = [n for b in range(1, 25) for n in riff([b], (E, A, E, C)[(b - 1) % 4])]
    assert heard(make_midi(sorted(cycle), name="cycle.mid")) == {}
    swap = [n for b in range(1, 25) for n in riff([b], (E, C)[(b - 1) // 4 % 2])]
    assert heard(make_midi(sorted(swap), name="swap.mid")) == {}
    bass = [((b - 1) * 4.0 + t, 40, 100, 0) for b in range(1, 25) for t in (0.0, 0.5, 1.5, 2.0, 3.0)]
    melody = bass + [((b - 1) * 4.0 + t, (76 if b < 9 else 72) + int(t), 100, 1)
                     for b in range(1, 25) for t in (0.0, 1.0, 2.0, 3.0)]
    path = make_midi(sorted(melody), name="melody.mid")
    assert heard(path) == {}
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(path), Settings())) == [1]


def test_markers_given_are_the_sections(make_midi):
    """Where the producer marks sections, those are the song's (as with the other sections heard)."""
    path = make_midi(sorted(riff(range(1, 9), E) + riff(range(9, 17), C)), length=0.4)
    wins = extract_windows(read_midi(path))
    assert riff_sections(wins.lows, wins.bars, wins.meters, [5], [], wins.starts, wins.end) == {}
    assert riff_sections(wins.lows, wins.bars, wins.meters, [], [], wins.starts, wins.end) == {9: (E % 12, C % 12)}


def test_the_editors_preview_hears_the_new_riff_as_drumify_does(make_midi, tmp_path):
    """The editor's preview drums the part as an export does: its window on bar 9 crashes there too (it had been
    given no pitches, and previewed one groove through the new riff)."""
    from reagroove.core.patterns import PatternStore
    from reagroove.reaper_ext.panel.controller import PanelController
    from reagroove.reaper_ext.panel.input_groove import input_from_midi
    from reagroove.reaper_ext.panel.store import PanelStore

    path = make_midi(sorted(riff(range(1, 9), E) + riff(range(9, 17), C) + riff(range(17, 25), E)), length=0.4)
    engine = Engine(BarEndFills(), PatternStore({}))
    src = input_from_midi(path)
    src.window = int(np.flatnonzero(src.bars == 9)[0])
    preview, window = PanelController(engine, PanelStore(tmp_path / "config")).drum_part(
        Settings(), src.groove, **src.model_inputs())
    assert crash_bars(preview) == crash_bars(engine.drumify(read_midi(path), Settings())) == [1, 9, 17]


def test_the_songs_last_lines_are_no_new_riff(make_midi):
    """A song whose last 4 bars move to new roots (16 bars on E, the last line on C, as freedoom d_e1m9's verse
    ends A A G G | F F D D) plays on to its end: no fill and crash into its last line, which its drummers play at
    none of freedoom's 3 such endings. The same change with 4 more bars after it is a new riff."""
    ending = make_midi(sorted(riff(range(1, 17), E) + riff(range(17, 21), C)), name="ending.mid", length=0.4)
    assert heard(ending) == {}
    assert 17 not in crash_bars(Engine(BarEndFills()).drumify(read_midi(ending), Settings()))
    held = make_midi(sorted(riff(range(1, 17), E) + riff(range(17, 25), C)), name="held.mid", length=0.4)
    assert heard(held) == {17: (E % 12, C % 12)}
