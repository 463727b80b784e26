"""Versions of a few bars (--bars with --variations, REAPER's Variations over a time selection) are the whole song's
versions there, bit for bit, without laying the whole song's fills (core/range_versions.py).

Laying each fill as a run and its landing is what costs most in a song's versions: 16 versions of freedoom d_dm17's
bars 17-24 (its band alone) took 66 s on the command line where they had taken 12 s drummed alone."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core import engine as engine_module
from reagroove.core import read_midi
from reagroove.core.settings import Settings

pytest.importorskip("torch")


def long_song(make_midi):
    """64 bars at 120: two bass riffs taking turns every 8 bars, keys over the second, so a fill ends each section."""
    notes = []
    for section in range(8):
        bars = range(section * 8 + 1, section * 8 + 9)
        if section % 2 == 0:
            notes += [((b - 1) * 4.0 + t, 40, 100, 0) for b in bars for t in (0.0, 1.5, 2.0, 3.5)]
        else:
            notes += [((b - 1) * 4.0 + t, 45, 100, 0) for b in bars for t in (0.0, 0.75, 1.5, 2.5, 3.0)]
            notes += [((b - 1) * 4.0 + t, p, 80, 1) for b in bars for t in (0.5, 1.5, 2.5, 3.5) for p in (60, 64, 67)]
    return read_midi(make_midi(sorted(notes), "long.mid"))


def versions(engine, song, settings, bars, n, laid: list, monkeypatch, whole_song: bool):
    """The drums of `bars` and n versions of them, and in `laid` the fill windows each play of the versions lays;
    whole_song: every fill of the song laid (as before range_versions.py)."""
    part = engine.drumify(song, settings, bars=bars)
    lay = engine_module.lay_phrases

    def spy(loops, fill_loops, fills, plan, *args, **kw):
        laid.append(np.asarray(fills))
        return lay(loops, fill_loops, fills, plan, *args, **kw)

    monkeypatch.setattr(engine_module, "lay_phrases", spy)
    if whole_song:  # (the module before range_versions.py had no asked_windows: nothing to switch off)
        monkeypatch.setattr(engine_module, "asked_windows", lambda part, judged: None, raising=False)
    out = engine.variations_of(part, settings, n)
    monkeypatch.undo()
    return part, out


@pytest.mark.parametrize("settings", [Settings(), Settings(seed=3, density=0.6, fill_every=4)])  # (3: a seeded take)
def test_versions_of_a_few_bars_are_the_whole_songs_there_without_laying_its_later_fills(shipped, make_midi,
                                                                                         monkeypatch, settings):
    song, bars = long_song(make_midi), (9, 16)
    laid_range: list = []
    part, ours = versions(shipped, song, settings, bars, 4, laid_range, monkeypatch, whole_song=False)
    theirs = versions(shipped, song, settings, bars, 4, [], monkeypatch, whole_song=True)[1]
    assert ours.shape == (4, len(part.loops), 32, 27)
    assert np.array_equal(ours, theirs)  # every version, every hit, velocity and offset
    assert np.array_equal(ours[0], part.loops)  # version 1 is the range's drums
    w = len(part.whole.loops)
    last = int(np.flatnonzero(part.whole.judged)[-1])
    song_fills = [f % w for f in laid_range if len(f)]
    assert song_fills and max(int(f.max()) for f in song_fills) <= last + 2  # no fill of bars 21-64 laid
    # (the song's later fills are still there to lay: the whole song's versions lay them)
    laid_whole: list = []
    versions(shipped, song, settings, (1, 64), 2, laid_whole, monkeypatch, whole_song=False)
    assert max(int((f % len(part.whole.loops)).max()) for f in laid_whole if len(f)) > last + 8
