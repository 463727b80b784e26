"""Whole arrangements, each part on its own channel, as a drummer shapes them: no crash over a piano playing
alone before the band comes in, and the whole band joining the last chorus after a 4-bar build is a section of
its own (a fill into it, a crash on it), not more of the build."""

from test_engine_song_form import CRASH, TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

BASS, KEYS, GUITAR, LEAD = 0, 1, 2, 3  # each part's channel
EIGHTHS = [i / 2 for i in range(8)]


def part(bars, beats, pitches, channel, vel=90):
    """(beat, pitch, velocity, channel) notes of one part: `pitches` on `beats` of each of `bars` (1-based)."""
    return [((b - 1) * 4.0 + t, p, vel, channel) for b in bars for t in beats for p in pitches]


def drums(make_midi, notes, **kw):
    return Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(notes), **kw)), Settings())


def test_no_crash_over_a_piano_playing_alone_before_the_band_comes_in(make_midi):
    # a ballad: the piano's arpeggio alone in bars 1-4, the bass in with it from bar 5 (the verse), the same
    # arpeggio on every 8th throughout: the band comes in on bar 5, no busier in its onsets than the piano alone
    arpeggio = [((b - 1) * 4.0 + t, (57, 60, 64, 69)[i % 4], 60, KEYS) for b in range(1, 21)
                for i, t in enumerate(EIGHTHS)]
    notes = arpeggio + part(range(5, 21), (0.0,), (33,), BASS, 75)
    res = drums(make_midi, notes, tempos=((0, 70.0),))
    assert 5 in res.section_bars
    crashes = crash_bars(res)
    assert 1 not in crashes and crashes[0] == 5  # in with the band, not over the lone piano
    assert any("opens with a quiet intro" in m for m in res.messages)


def test_the_whole_band_joining_after_a_4_bar_build_is_the_last_chorus(make_midi):
    # rock: verse (guitar riff and bass in 8ths) 1-8, chorus (guitar strums, bass, keys, a lead) 9-16, verse 17-24,
    # chorus 25-32, the bass alone in whole notes 33-36, the riff back 37-40 (a build), the last chorus 41-48
    verse = lambda bars: part(bars, EIGHTHS, (40,), GUITAR, 85) + part(bars, EIGHTHS, (28,), BASS, 85)  # noqa: E731
    strums = [i / 4 for i in range(16) if i % 4 != 3]
    chorus = lambda bars: (part(bars, strums, (64, 67, 71), GUITAR, 105) + part(bars, EIGHTHS, (28,), BASS, 105)  # noqa: E731
                           + part(bars, EIGHTHS, (52, 55, 59), KEYS, 95) + part(bars, (0.0, 1.0, 1.5, 3.0), (76,), LEAD))
    notes = (verse(range(1, 9)) + chorus(range(9, 17)) + verse(range(17, 25)) + chorus(range(25, 33))
             + part(range(33, 37), (0.0,), (28,), BASS, 80) + verse(range(37, 41)) + chorus(range(41, 49)))
    res = drums(make_midi, notes, tempos=((0, 128.0),))
    assert {33, 37, 41} <= set(res.section_bars)
    assert 41 in crash_bars(res)  # the last chorus opens with a crash
    assert bar_hits(res, 40)[12:, TOM].any()  # after a fill in the build's last bar
    assert not bar_hits(res, 41)[1:, CRASH].any()
    assert any("join in bar 41 (2 parts to 4)" in m for m in res.messages)
