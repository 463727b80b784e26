"""Idioms the training music lacks: a house or disco bass on the off-beats gets four on the floor and open hats;
disco asked for gets four on the floor; jazz asked for over a swung part gets the ride's skip note."""

import numpy as np

from reagroove.core import read_midi
from reagroove.core.genres import GENRES
from reagroove.core.idioms import (SKIP_VELOCITY, disco_bars, four_on_the_floor, house_bars, off_beat_bass_bars,
                                   open_off_beats, skip_notes)
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED_HAT, OPEN_HAT, RIDE = 0, 1, 2, 3, 8
N = 9


def house_bass(bars=4, pickup=False):
    """A bass on the "and" of every beat (and, with pickup, a 16th before bar 2's first note)."""
    notes = [(b * 4.0 + beat + 0.5, 36, 100, 1) for b in range(bars) for beat in range(4)]
    return notes + ([(4.25, 36, 90, 1)] if pickup else [])


def test_a_house_bass_line_gets_the_kick_on_every_beat_not_on_its_off_beats(shipped, make_midi):
    # the network follows the bass, as it learned from songs with no such line, and had kicked the off-beats with it
    res = shipped.drumify(read_midi(make_midi(house_bass(), length=0.4)), Settings())
    kick = res.loops[..., KICK].reshape(-1, 16) > 0.5  # (bars, 16)
    assert kick[:, 0::4].all()
    assert not kick[:, 2::4].any()
    for version in shipped.variations_of(res, Settings(), 3)[1:]:  # an arranger's versions play it too
        k = version[..., KICK].reshape(-1, 16) > 0.5
        assert k[:, 0::4].all() and not k[:, 2::4].any()
    # in a band, the keys on the beats do not change what the bass asks of the kick
    keys = [(b * 4.0 + t, 64, 80, 0) for b in range(4) for t in (0.0, 1.0, 2.0, 3.0)]
    res = shipped.drumify(read_midi(make_midi(sorted(house_bass() + keys), name="band.mid", length=0.4)), Settings())
    kick = res.loops[..., KICK].reshape(-1, 16) > 0.5
    assert kick[:, 0::4].all() and not kick[:, 2::4].any()


def test_only_a_bass_off_the_beat_alone_is_heard_as_one():
    def bars_of(steps):
        b = np.zeros((1, 32))
        b[0, steps] = 1
        return off_beat_bass_bars(b)[0].tolist()

    assert bars_of([2, 6, 10, 14, 18, 22, 26, 30]) == [True, True]
    assert bars_of([2, 6, 10, 13, 14]) == [True, False]  # one 16th pickup: still off the beat; bar 2 silent
    assert bars_of([0, 2, 6, 10, 14]) == [False, False]  # a note on the beat: the kick may follow it
    assert bars_of([2, 6]) == [False, False]  # two notes: too few to call
    assert bars_of([2, 3, 6, 7, 10, 14]) == [False, False]  # 16ths around them: a busy line, not a house bass


def test_four_on_the_floor_changes_only_those_bars_kicks():
    hits = np.zeros((2, 32, 9), bool)
    hits[:, [0, 2, 6, 16, 18], KICK] = True
    hits[:, 4::8, 1] = True
    bass = np.zeros((2, 32))
    bass[:, [2, 6, 10, 14]] = 1  # bar 1 off the beat, bar 2 silent
    bars = house_bars(bass, np.array([True, False]))  # loop 2 is a fill
    assert bars.tolist() == [[True, False], [False, False]]
    out = four_on_the_floor(hits, bass, bars)
    assert np.flatnonzero(out[0, :, KICK]).tolist() == [0, 4, 8, 12, 16, 18]
    assert (out[1] == hits[1]).all() and (out[..., 1:] == hits[..., 1:]).all()
    assert house_bars(np.zeros((2, 32))) is None and house_bars(None) is None
    assert four_on_the_floor(hits, bass, None) is hits


def _house_hats_of(loops):
    """(closed, open) hat hits per bar, (bars, 16) each."""
    return (loops[..., CLOSED_HAT].reshape(-1, 16) > 0.5), (loops[..., OPEN_HAT].reshape(-1, 16) > 0.5)


def test_a_house_bass_line_gets_the_hi_hat_opened_on_its_off_beats(shipped, make_midi):
    # "x-Xx" closed hats on every beat had been the network's; a house or disco drummer opens the hat on the "and"
    res = shipped.drumify(read_midi(make_midi(house_bass(), length=0.4)), Settings())
    for loops in [res.loops] + shipped.variations_of(res, Settings(), 3)[1:]:
        closed, opened = _house_hats_of(loops)
        assert opened[:, 2::4].all()  # every off-beat 8th: the open hat
        assert not closed[:, 2::4].any() and not closed[:, 3::4].any()  # it rings on until the next beat
        assert not (closed & opened).any()
        assert opened.sum() == opened[:, 2::4].sum()  # and nowhere else
    # with the open hat capped by hand, the hats stay as the cap leaves them: closed
    res = shipped.drumify(read_midi(make_midi(house_bass(), length=0.4)), Settings(max_hits={"open_hat": 2}))
    closed, opened = _house_hats_of(res.loops)
    assert opened.sum() <= 2 * len(res.loops) and closed[:, 2::4].any()


def test_open_off_beats_moves_the_closed_hats_feel_and_leaves_other_bars():
    hits = np.zeros((1, 32, 9), bool)
    hits[0, :, CLOSED_HAT] = True  # 16ths in both bars
    vel = np.full((1, 32, 9), 0.1, np.float32)
    vel[0, :, CLOSED_HAT] = np.linspace(0.3, 0.9, 32)
    off = np.zeros((1, 32, 9), np.float32)
    off[0, :, CLOSED_HAT] = 0.05
    bars = np.array([[True, False]])
    h, v, o = open_off_beats(hits, vel, off, bars)
    assert np.flatnonzero(h[0, :16, OPEN_HAT]).tolist() == [2, 6, 10, 14]
    assert np.flatnonzero(h[0, :16, CLOSED_HAT]).tolist() == [0, 1, 4, 5, 8, 9, 12, 13]
    assert h[0, 16:, CLOSED_HAT].all() and not h[0, 16:, OPEN_HAT].any()  # bar 2: not a house bar
    assert np.allclose(v[0, 2:16:4, OPEN_HAT], vel[0, 2:16:4, CLOSED_HAT]) and np.allclose(o[0, 2:16:4, OPEN_HAT], 0.05)
    assert (hits[0, :, CLOSED_HAT]).all() and not hits[..., OPEN_HAT].any()  # the inputs are not changed
    assert open_off_beats(hits, vel, off, None)[0] is hits
    quarters = np.zeros_like(hits)
    quarters[0, 0::4, CLOSED_HAT] = True  # hats on the beats only: nothing to open
    assert open_off_beats(quarters, vel, off, bars)[0] is quarters


def test_disco_asked_for_gets_four_on_the_floor_over_a_rock_band(shipped, make_midi):
    # GMD's disco drummers play four on the floor in half their loops: asked for disco over straight 8ths the
    # network had kicked 1, the "a" of 1, 3 and the "a" of 3, a funk beat
    notes = sorted([(b * 4.0 + i / 2, 40, 100, 1) for b in range(4) for i in range(8)]
                   + [(b * 4.0 + i / 2, 52, 100, 0) for b in range(4) for i in range(8)])
    part = read_midi(make_midi(notes, length=0.45))
    for genre, four in (({"disco": 1.0}, True), ({"disco": 0.6, "funk": 0.4}, True), ({"funk": 1.0}, False)):
        res = shipped.drumify(part, Settings(genre=genre))
        kick = res.loops[..., KICK].reshape(-1, 16) > 0.5
        assert kick[:, 0::4].all() == four, genre
        snare = res.loops[..., SNARE].reshape(-1, 16) > 0.5
        assert snare[:, [4, 12]].all()  # the backbeat stays
    # with the kick switched off, none is added
    res = shipped.drumify(part, Settings(genre={"disco": 1.0}, voice_groups={"kick": False}))
    assert not (res.loops[..., KICK] > 0.5).any()


def test_disco_bars_are_the_loops_led_by_disco():
    mix = np.zeros((3, len(GENRES)), np.float32)
    mix[0, GENRES.index("disco")] = 1.0
    mix[1, [GENRES.index("disco"), GENRES.index("funk")]] = 0.4, 0.6
    assert disco_bars(mix).tolist() == [[True, True], [False, False], [False, False]]
    assert disco_bars(mix, np.array([False, True, True])) is None


def walking_swing(bars=8):
    """A walking bass on the beats and piano chords on the swung "and" of 2 and on 4 (a triplet swing)."""
    notes = []
    for b in range(bars):
        notes += [(b * 4.0 + q, 36 + (0, 4, 7, 5)[q], 90, 1) for q in range(4)]
        notes += [(b * 4.0 + t, p, 70, 0) for t in (1 + 2 / 3, 3) for p in (60, 64, 67)]
    return sorted(notes)


def test_jazz_asked_for_over_a_swung_part_rides_with_the_skip_note(shipped, make_midi):
    part = read_midi(make_midi(walking_swing(), length=0.3))
    res = shipped.drumify(part, Settings(genre={"jazz": 1.0}))
    ride = res.loops[..., RIDE].reshape(-1, 16) > 0.5
    vel = res.loops[..., N + RIDE].reshape(-1, 16)
    assert ride[:, 0::4].all()  # the four beats
    # "ding, ding-a ding, ding-a": the swung 8th after 2 and after 4 (played on the beat's last 16th, early), not
    # after 1 and 3 (before: quarters alone)
    assert ride[:, [7, 15]].all() and not ride[:, [2, 3, 10, 11]].any(), ride.astype(int)
    assert (vel[:, [7, 15]] < vel[:, [4, 12]]).all()  # softer than the ride on 2 and 4
    # asked for another genre, or jazz over a straight part, nothing is laid in
    funk = shipped.drumify(part, Settings(genre={"funk": 1.0})).loops
    assert funk[..., RIDE].sum() == 0 or not (funk[..., RIDE].reshape(-1, 16)[:, [7, 15]] > 0.5).all()
    straight = sorted((b * 4.0 + q, 36 + (0, 4, 7, 5)[q], 90, 1) for b in range(8) for q in range(4))
    plain = shipped.drumify(read_midi(make_midi(straight, name="straight.mid", length=0.9)),
                            Settings(genre={"jazz": 1.0})).loops
    assert not (plain[..., RIDE].reshape(-1, 16)[:, [6, 7, 14, 15]] > 0.5).any()


def riding(loops=1):
    """Straight loops (N, 32, 27) with the ride on every beat (velocity 0.6, on 2 and 4 0.7) and a kick on 1."""
    out = np.zeros((loops, 32, 3 * N), np.float32)
    out[:, 0::4, RIDE] = 1.0
    out[:, 0::4, N + RIDE] = np.where(np.arange(8) % 2, 0.7, 0.6)
    out[:, 0::16, KICK] = 1.0
    out[:, 0::16, N + KICK] = 0.8
    return out


def test_skip_notes_go_where_the_ride_rides_a_hand_is_free_and_jazz_leads():
    jazz = np.zeros((3, len(GENRES)), np.float32)
    jazz[:, GENRES.index("jazz")] = 1.0
    loops = riding(3)
    loops[1, 16 + 4, RIDE] = 0.0  # loop 1's second bar does not ride beat 2
    loops[2, [6, 7], SNARE] = loops[2, [6, 7], CLOSED_HAT] = 1.0  # loop 2's first bar: both hands busy after 2
    out = skip_notes(loops, jazz)
    added = (out[..., RIDE] > 0.5) & ~(loops[..., RIDE] > 0.5)
    assert added[0].nonzero()[0].tolist() == [6, 14, 22, 30]
    assert added[1].nonzero()[0].tolist() == [6, 14]
    assert added[2].nonzero()[0].tolist() == [14, 22, 30]
    assert np.allclose(out[0, [6, 14], N + RIDE], SKIP_VELOCITY * 0.7)
    ride_columns = [RIDE, N + RIDE, 2 * N + RIDE]
    assert np.array_equal(np.delete(out, ride_columns, -1), np.delete(loops, ride_columns, -1))  # nothing else moves
    # a mix jazz does not lead, and fills, get none: the loops themselves come back
    half = np.zeros((3, len(GENRES)), np.float32)
    half[:, [GENRES.index("jazz"), GENRES.index("funk")]] = 0.4, 0.6
    assert skip_notes(loops, half) is loops
    assert skip_notes(loops, jazz, np.zeros(3, bool)) is loops


def test_one_bar_of_off_beat_bass_against_the_beat_is_a_riff_not_a_house_bar():
    # freedoom's 41 bars of an off-beat bass all sit beside a bar with the bass on the beat, and no drummer plays
    # four on the floor or opens the hats there (d_e2m9 had flipped between rock and disco every second bar)
    def house(*bars):
        bass = np.zeros((len(bars) // 2, 32))
        for i, steps in enumerate(bars):
            bass[i // 2, [16 * (i % 2) + s for s in steps]] = 1
        out = house_bars(bass)
        return None if out is None else out.reshape(-1).tolist()

    on, off, rest = [0, 6, 8, 14], [2, 6, 10, 14], []
    assert house(on, off, on, off) is None  # a two-bar riff: its second bar's displaced figure
    assert house(off, on, on, on) is None  # against the bar after, across loops too
    assert house(on, on, on, off, on, on) is None
    assert house(rest, off, rest, on) == [False, True, False, False]  # between rests: nothing tells it a riff
    assert house(on, off, off, on) == [False, True, True, False]  # a run of them: a house line
    assert house(off, off) == [True, True]
    pump = [0] + off  # the line with a root on the one: its off-beat bars stay house bars, as they were
    assert house(off, pump, off, pump) == [True, False, True, False]


def test_a_syncopated_riff_keeps_its_groove_where_its_bass_leaves_the_beat(shipped, make_midi):
    # a two-bar riff at 124 BPM, its second bar's bass on the "ands" alone: the house idiom had played four on the
    # floor with the hat opened on every "and" in every second bar, a disco bar in a rock song
    riff = [(0.0, 40), (1.5, 43), (2.0, 45), (3.5, 43), (4.5, 40), (5.5, 43), (6.5, 45), (7.5, 47)]
    notes = [(b * 8.0 + t, p, 100, 1) for b in range(4) for t, p in riff]
    res = shipped.drumify(read_midi(make_midi(notes, tempos=((0, 124.0),), length=0.4)), Settings())
    closed, opened = _house_hats_of(res.loops)
    kick = res.loops[..., KICK].reshape(-1, 16) > 0.5
    second = np.arange(len(kick)) % 2 == 1
    assert not opened[second][:, 2::4].all(1).any(), opened.astype(int)
    assert not kick[second][:, 0::4].all(1).any(), kick.astype(int)
