"""A drum part opening with a fill (a first bar of snare and toms, no cymbal, into the beat) is a pickup into
bar 2, as a drummer counts it (pickups.intro_fill): its fill is kept as played and the crash is where the part
crashes, on bar 2's 1. The whole bar had been read as the song's first, ReaGroove's opening crash laid over the
fill's first stroke and the part's own crash on bar 2 lost."""

import numpy as np
from conftest import build_midi

from reagroove.core.groove import bar_grid
from reagroove.core.loop import STEPS_PER_BEAT
from reagroove.core.midi import read_midi
from reagroove.core.pickups import pickup_bar
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, CRASH, RIDE = 0, 1, 2, 7, 8
TOMS = {48: 6, 45: 5, 41: 4}  # GM pitch -> voice (high, mid, low tom)


def groove(bars: int, off: float):
    notes = []
    for bar in range(bars):
        b = off + 4.0 * bar
        notes += [(b + k * 0.5, 42, 90 if k % 2 == 0 else 64, 9) for k in range(8)]
        notes += [(b, 36, 100, 9), (b + 2, 36, 96, 9), (b + 2.5, 36, 80, 9), (b + 1, 38, 104, 9), (b + 3, 38, 100, 9)]
    return notes


FILL = [(k * 0.25, [38, 38, 48, 48, 45, 45, 41, 41][k // 2], 70 + (k % 4) * 8, 9) for k in range(16)]


def hits_at(result, voice):
    """The beats where the drums play a voice."""
    loops = np.asarray(result.loops)
    w, s = np.nonzero(loops[..., voice] > 0.5)
    return sorted(float(result.starts[i]) + j / STEPS_PER_BEAT for i, j in zip(w, s))


def test_a_drum_part_opening_with_a_fill_keeps_it_and_crashes_where_it_does(shipped, make_midi):
    song = read_midi(make_midi(FILL + [(4.0, 49, 110, 9)] + groove(8, off=4.0)))
    result = shipped.drumify(song, Settings())
    assert any("pickup into bar 2" in m for m in result.messages), result.messages
    assert hits_at(result, CRASH)[:1] == [4.0], hits_at(result, CRASH)  # the part's crash, none over the fill
    # the fill as played: its snare strokes and each tom's
    assert [b for b in hits_at(result, SNARE) if b < 4] == [0.0, 0.25, 0.5, 0.75]
    for pitch, voice in TOMS.items():
        assert [b for b in hits_at(result, voice) if b < 4] == [n[0] for n in FILL if n[1] == pitch]
    assert not [b for v in (KICK, CLOSED_HAT) for b in hits_at(result, v) if b < 4]  # no beat under the fill


def test_a_first_bar_keeping_time_or_a_band_s_is_no_pickup(tmp_path):
    """A count-in on the hat is the part's first bar (it keeps time), and so is a tom groove's and a band part's."""
    def first_pickup(notes, name):
        song = read_midi(build_midi(tmp_path / name, notes))
        return pickup_bar(bar_grid(song.time_signatures, song.end_beat), song.notes)

    assert first_pickup(FILL + groove(4, off=4.0), "fill.mid") == 1  # (the fill itself: a pickup)
    assert first_pickup([(k, 42, 90, 9) for k in range(4)] + groove(4, off=4.0), "count.mid") is None
    toms = [(4.0 * bar + n[0], n[1], n[2], 9) for bar in range(4) for n in FILL] + [(16.0, 36, 100, 9)]
    assert first_pickup(toms, "toms.mid") is None  # a part on its toms throughout: its first bar is its groove
    band = [(b, p, v, 0) for b, p, v, _ in FILL + groove(4, off=4.0)]
    assert first_pickup(band, "band.mid") is None


def tom_groove(bars: int):
    """Floor tom 8ths over the kick on each quarter (Sing, Sing, Sing), the ride joining on the quarters in bar 2."""
    notes = []
    for bar in range(bars):
        b = 4.0 * bar
        notes += [(b + k * 0.5, 43, 100 if k % 2 == 0 else 70, 9) for k in range(8)]
        notes += [(b + k, 36, 95, 9) for k in range(4)]
        notes += [(b + k, 51, 80, 9) for k in range(4)] if bar else []
    return notes


def test_a_groove_bar_without_its_cymbal_is_no_pickup(tmp_path):
    """Bar 1 playing the groove's drums before a cymbal joins it in bar 2 is the song's first bar, not a fill into
    bar 2 (it had been read as one, its 1 counted from bar 2): a tom groove the ride joins, a backbeat and ghosts
    the hats join. A roll or a rim count-in into the beat stays a pickup."""
    def first_pickup(notes, name):
        song = read_midi(build_midi(tmp_path / name, notes))
        return pickup_bar(bar_grid(song.time_signatures, song.end_beat), song.notes)

    assert first_pickup(tom_groove(4), "toms.mid") is None
    backbeat = [(b, p, v, 9) for b, p, v, _ in groove(1, off=0.0) if p != 42]
    ghosts = [(b, 38, 35, 9) for b in (0.75, 1.75, 2.75, 3.25)]
    later_ghosts = [(4.0 * bar + b, 38, 35, 9) for bar in range(1, 5) for b in (1.75, 3.25)]
    assert first_pickup(backbeat + ghosts + groove(4, off=4.0) + later_ghosts, "ghosts.mid") is None
    roll = [(k / 4, 38, 40 + 4 * k, 9) for k in range(16)] + [(4.0, 49, 110, 9)]
    assert first_pickup(roll + groove(4, off=4.0) + later_ghosts, "roll.mid") == 1
    rim = [(float(k), 37, 90, 9) for k in range(4)]
    assert first_pickup(rim + groove(4, off=4.0), "rim.mid") == 1
    # a count-in on the snare: its 2 and 4 are the backbeat's, but no kick counts in (it had been read as the groove)
    snare = [(float(k), 38, 90, 9) for k in range(4)]
    assert first_pickup(snare + groove(4, off=4.0), "snare_count.mid") == 1


def test_a_tom_groove_the_ride_joins_opens_on_bar_1(shipped, make_midi):
    """The drums crash on bar 1's 1 and keep the ride the part plays from bar 2 (a pickup's crash had taken it)."""
    result = shipped.drumify(read_midi(make_midi(tom_groove(8))), Settings())
    assert not any("pickup" in m for m in result.messages), result.messages
    assert hits_at(result, CRASH)[:1] == [0.0], hits_at(result, CRASH)
    assert 4.0 in hits_at(result, RIDE), hits_at(result, RIDE)
