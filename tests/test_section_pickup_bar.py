"""A section the band starts with a pickup bar (core/sections.py texture_sections): the melody's pickup bar before
the bass comes in is still the old section, so the drums fill in it and crash where the bass comes in, on the
song's phrase, and a fill every 4 bars keeps to the band's phrases (freedoom's d_e4m7: bar 28 heard, bass in on 29)."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.groove import extract_windows
from reagroove.core.sections import heard_sections
from reagroove.core.settings import Settings

KEYS, BASS = 0, 1
SIXTEENTHS = "x" * 16
SPARSE = "x-xx-xx-xx-xx-x-"  # the keys thin out a phrase before the new section ...
PICKUP = "x-xx-xx-xxxxx-x-"  # ... and run into it (the melody's pickup bar)
EIGHTHS = "x-" * 8
CRASH, TOMS = 7, (4, 5, 6)


def song(make_midi, last_old: dict[int, str], new_from: int, bars: int = 40):
    """Keys in 16ths to bar new_from - 5, SPARSE to new_from - 2, then last_old's bars (the keys' and bass's steps);
    from bar new_from both in 8ths. The bass before: beat 1, with a push before beat 4 every other bar."""
    notes = []
    for bar in range(1, bars + 1):
        keys = SIXTEENTHS if bar <= new_from - 5 else SPARSE if bar < new_from else EIGHTHS
        bass = EIGHTHS if bar >= new_from else "x" + "-" * 12 + ("x" if bar % 2 == 0 and bar <= new_from - 5 else "-") + "--"
        keys, bass = last_old.get(bar, (keys, bass))
        notes += [((bar - 1) * 4 + s / 4, p, 90, ch, ch) for pat, p, ch in ((keys, 67, KEYS), (bass, 36, BASS))
                  for s, hit in enumerate(pat) if hit == "x"]
    return make_midi(notes, length=0.2)


def heard(path):
    wins = extract_windows(read_midi(path))
    return heard_sections(wins.grooves, wins.bass, wins.bars, wins.meters, [], {}, wins.starts, wins.end)


def played(res, bar, voices, lo=0, hi=16):
    """Whether the drums play any of `voices` on steps lo..hi-1 of `bar` (4/4, real grid)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = (bar - int(res.bars[w])) * 16
    return bool((res.loops[w, m + lo:m + hi, list(voices)] > 0.5).any())


def test_the_section_starts_where_the_bass_comes_in_not_on_the_pickup_bar(make_midi):
    path = song(make_midi, {28: (PICKUP, "x-------x-------")}, new_from=29)
    assert 29 in heard(path) and 28 not in heard(path)


def test_the_drums_fill_in_the_pickup_bar_and_crash_with_the_bass(make_midi, shipped):
    path = song(make_midi, {28: (PICKUP, "x-------x-------")}, new_from=29)
    res = shipped.drumify(read_midi(path), Settings())
    assert 29 in res.section_bars and 28 not in res.section_bars
    assert played(res, 29, [CRASH], 0, 1)  # the crash with the bass coming in
    assert not played(res, 28, [CRASH])  # none on the pickup bar ...
    assert played(res, 28, TOMS, 8, 16)  # ... a fill in it


def test_a_fill_every_4_bars_ends_the_bands_phrases(make_midi, shipped):
    path = song(make_midi, {28: (PICKUP, "x-------x-------")}, new_from=29)
    res = shipped.drumify(read_midi(path), Settings(fill_every=2))  # 2-bar loops: a fill every 4 bars
    assert [b for b in (28, 32, 36) if played(res, b, TOMS, 8, 16)] == [28, 32, 36]
    assert not any(played(res, b, TOMS, 8, 16) for b in (27, 31, 35))
    assert [b for b in (28, 29, 32, 33) if played(res, b, [CRASH], 0, 1)] == [29, 33]


def test_a_section_whose_first_bar_already_plays_it_stays_there(make_midi):
    # the new part from bar 28 in full (a section on an even bar): no pickup, so it is bar 28's
    path = song(make_midi, {}, new_from=28)
    assert 28 in heard(path) and 29 not in heard(path)
