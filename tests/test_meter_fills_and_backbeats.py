"""Fills, backbeats, phrase notes and crashes in meters other than 4/4, as a drummer plays them.

The stand-in model here plays its fill as a trained one does: a tom and snare
roll on the last beat of each loop bar, the beat as it was before that. So
where the toms land shows which of the fill loop's steps the engine kept.
"""

import dataclasses

import mido
import numpy as np
import pytest
from stub_model import StubModel

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.meter import bars_beats
from reagroove.core.phrases import phrase_starts
from reagroove.core.settings import Settings

KICK, SNARE, TOM, CRASH = 0, 1, 4, 7
FILL_VOICES = [1, 4, 5, 6]


class BarEndFills(StubModel):
    """A fill is the beat with a tom roll (and snare) over each loop bar's last beat, as the shipped model plays."""

    def generate(self, grooves, z, cond):
        fill = cond.fill
        out = super().generate(grooves, z, dataclasses.replace(cond, fill=None))
        if fill is not None:
            for i in np.flatnonzero(np.asarray(fill) > 0.5):
                for last_beat in (slice(12, 16), slice(28, 32)):
                    out[i, last_beat, :9] = 0
                    out[i, last_beat, TOM] = 1
                    out[i, last_beat, 9 + TOM] = 0.8
                    out[i, last_beat.start, SNARE] = 1
                    out[i, last_beat.start, 9 + SNARE] = 0.8
        return out


def band_part(make_midi, num, den, bars, name="part.mid", markers=()):
    """A part of `bars` bars of num/den: a bass note on each downbeat, 8th-note chords."""
    bar = num * 4 / den
    notes = [(b * bar, 36, 100, 0) for b in range(bars)]
    notes += [(b * bar + t * 0.5, 60 + t % 3, 70, 0) for b in range(bars) for t in range(int(bar * 2))]
    return make_midi(notes, name=name, time_signatures=((0, num, den),))


def bar_steps(res, bar):
    """(window, [real steps of each beat]) of a bar of a drumify result."""
    for w in reversed(range(len(res.bars))):
        if res.bars[w] <= bar:
            beats = bars_beats(None if res.meters is None else res.meters[w])[bar - int(res.bars[w])]
            return w, [range(b.start, b.start + b.length) for b in beats]
    raise AssertionError(f"bar {bar} not played")


def hits_in(res, bar, beat, voices):
    """Hits of these voices on one beat (index, -1 = last) of a bar."""
    w, beats = bar_steps(res, bar)
    return int((res.loops[w, list(beats[beat])][:, voices] > 0.5).sum())


METERS = [(4, 4), (3, 4), (6, 8), (5, 4), (7, 8), (12, 8)]


@pytest.mark.parametrize("num, den", METERS)
def test_a_fill_ends_the_phrase_on_the_last_beat_of_its_bar_in_every_meter(make_midi, num, den):
    # 17 bars, --fill-every 4: phrases of 8 bars, the fill on the last beat of bars 8 and 16 (bar 17 the song's last)
    engine = Engine(BarEndFills())
    res = engine.drumify(read_midi(band_part(make_midi, num, den, 17)), Settings(fill_every=4, fill_length="beat"))
    for bar in (8, 16):
        assert hits_in(res, bar, -1, [TOM]) > 0, f"no fill in bar {bar} of {num}/{den}"
    for bar in (4, 6, 7, 12):  # no fill inside a phrase
        assert hits_in(res, bar, -1, [TOM]) == 0
    # the beat keeps going up to the fill: bar 8's first beat is the plain beat's
    assert hits_in(res, 8, 0, [KICK]) > 0


def test_shipped_model_fills_6_8_and_5_4_at_the_end_of_the_phrase(shipped, make_midi):
    for num, den in ((6, 8), (5, 4)):
        part = read_midi(band_part(make_midi, num, den, 9, name=f"p{num}_{den}.mid"))  # bar 9: the song goes on
        res = shipped.drumify(part, Settings(fill_every=4))
        plain = shipped.drumify(part, Settings())
        # bar 8 ends the phrase: its last beat is busier with toms and snare than without fills
        assert hits_in(res, 8, -1, FILL_VOICES) > hits_in(plain, 8, -1, FILL_VOICES), f"{num}/{den}"
        assert hits_in(res, 8, -1, FILL_VOICES[1:]) > 0, f"no toms in {num}/{den}'s fill"


def snare_bars(res, bars):
    """The bars (of `bars`) with a snare hit."""
    return [b for b in bars if hits_in(res, b, -1, [SNARE]) + hits_in(res, b, 0, [SNARE]) > 0]


def test_a_3_8_part_has_a_backbeat_on_the_third_8th(make_midi):
    part = read_midi(band_part(make_midi, 3, 8, 8))
    res = Engine(StubModel()).drumify(part, Settings())
    for bar in range(1, 9):  # kick on the 1, snare on the 3rd 8th of every bar, as a 3/8 drummer keeps time
        w, beats = bar_steps(res, bar)
        kicks = np.flatnonzero(res.loops[w, beats[0].start:beats[-1].stop, KICK] > 0.5).tolist()
        snares = np.flatnonzero(res.loops[w, beats[0].start:beats[-1].stop, SNARE] > 0.5).tolist()
        assert 0 in kicks and snares == [4], f"bar {bar}: kick {kicks}, snare {snares}"
        hand = res.loops[w, beats[0].start:beats[-1].stop][:, [2, CRASH]] > 0.5  # the crash takes the hat's hand
        hats = np.flatnonzero(hand.any(1)).tolist()
        assert hats == [0, 2, 4], f"bar {bar}: 8th hats, not a 16th after the 3rd 8th: {hats}"


def test_shipped_model_plays_a_backbeat_in_3_8(shipped, make_midi):
    res = shipped.drumify(read_midi(band_part(make_midi, 3, 8, 8)), Settings())
    assert len(snare_bars(res, range(1, 9))) >= 6  # a snare in (nearly) every bar, not none


@pytest.mark.parametrize("num, den, bars, fill_bars, said", [
    (4, 4, 7, (4, 8), "fill bar 8 is outside the part (bars 1-7): no fill there"),
    (3, 4, 5, (2, 6, 9), "fill bars 6, 9 are outside the part (bars 1-5): no fill there"),
    (5, 4, 3, (3, 4), "fill bar 4 is outside the part (bars 1-3): no fill there"),
])
def test_fill_bars_past_the_music_are_said_with_the_music_s_bars(make_midi, num, den, bars, fill_bars, said):
    # the last window plays whole loops past the music's last bar, which the drums do not play
    res = Engine(StubModel()).drumify(read_midi(band_part(make_midi, num, den, bars)), Settings(fill_bars=fill_bars))
    assert [m for m in res.messages if "fill bar" in m] == [said]


def test_fill_bars_past_the_bars_asked_are_said(make_midi):
    part = read_midi(band_part(make_midi, 4, 4, 8))
    res = Engine(StubModel()).drumify(part, Settings(fill_bars=(5, 6)), bars=(1, 5))
    assert [m for m in res.messages if "fill bar" in m] == ["fill bar 6 is outside the part (bars 1-5): no fill there"]


def with_marker(path, beat, text="Chorus"):
    """The MIDI file at path with a marker at `beat` (480 ticks a beat) in its first track."""
    mf = mido.MidiFile(path)
    events, now = [], 0
    for msg in mf.tracks[0]:
        now += msg.time
        if msg.type != "end_of_track":
            events.append((now, msg))
    events.append((round(beat * 480), mido.MetaMessage("marker", text=text)))
    track, now = mido.MidiTrack(), 0
    for tick, msg in sorted(events, key=lambda e: e[0]):
        track.append(msg.copy(time=tick - now))
        now = tick
    track.append(mido.MetaMessage("end_of_track", time=0))
    mf.tracks[0] = track
    mf.save(path)
    return path


def crash_bars(res):
    """The bars with a crash on their downbeat (and no crash anywhere else)."""
    out = []
    for w in range(len(res.bars)):
        hit = np.flatnonzero(res.loops[w, :, CRASH] > 0.5).tolist()
        downbeats = [beats[0].start for beats in bars_beats(None if res.meters is None else res.meters[w])]
        assert set(hit) <= set(downbeats), f"a crash off a downbeat in window {w}: {hit}"
        out += [int(res.bars[w]) + downbeats.index(t) for t in hit]
    return out


@pytest.mark.parametrize("marker_bar, crashes, fills", [(8, [1, 8, 16], [7, 15]), (10, [1, 10], [9]),
                                                      (9, [1, 9], [8]), (5, [1, 5, 13], [4, 12])])
def test_a_marker_mid_phrase_crashes_once(make_midi, marker_bar, crashes, fills):
    # --fill-every 4 opens phrases on bars 1, 9; a section marked a bar before or after bar 9 is that phrase,
    # and phrases count again from the section (a phrase ending with the song, from bar 9: no fill in bar 16, the
    # song's last, with nothing after it to fill into)
    path = with_marker(band_part(make_midi, 4, 4, 16), (marker_bar - 1) * 4.0)
    res = Engine(StubModel()).drumify(read_midi(path), Settings(fill_every=4))
    assert crash_bars(res) == crashes
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=4))
    got = [int(res.bars[w]) + m for w in range(len(res.bars)) for m in range(2)
           if (res.loops[w, 16 * m:16 * m + 16, TOM] > 0.5).any()]
    assert got == fills


def test_phrase_starts_take_a_section_a_bar_away_as_the_phrase_start():
    s = Settings(fill_every=4)
    assert phrase_starts(s, 1, 24, 1) == [9, 17, 25]
    assert phrase_starts(s, 1, 24, 1, section_bars=[8, 18]) == [8, 18]  # 16 is two bars before 18: no crash
    assert phrase_starts(Settings(fill_every=4, fill_bars=(8,)), 1, 24, 1, section_bars=[10]) == [9, 10, 18]


def test_phrases_count_again_from_a_section():
    """A 2-bar break shifts the band's phrases: with --fill-every 2 and the music back on bar 11, phrases
    are 11-14, 15-18 (they were 13-16, 17-20 counted from bar 1, a fill a bar after the comeback's crash)."""
    s = Settings(fill_every=2)
    assert phrase_starts(s, 1, 18, 1, section_bars=[11]) == [5, 9, 11, 15, 19]
    assert phrase_starts(s, 1, 18, 1) == [5, 9, 13, 17]


@pytest.mark.parametrize("hold", [False, True], ids=["", "held"])
@pytest.mark.parametrize("num, den", [(3, 8), (5, 8), (2, 4), (6, 8), (3, 4)])
def test_fills_and_crashes_in_windows_of_many_short_bars_land_on_their_own_bars(make_midi, num, den, hold):
    # a window of 3/8 plays five bars, 5/8 three, 2/4 four: bars 1, 3, 5 play the loop's same steps, so a fill
    # ending bar 4 was heard in bar 2 too and bar 5's crash went to bar 1 (or bar 9's to bar 7)
    # (13 bars: the fill ending bar 12 leads into the song's last bar)
    res = Engine(BarEndFills()).drumify(read_midi(band_part(make_midi, num, den, 13)), Settings(fill_every=2, hold=hold))
    fills = [b for b in range(1, 14) if hits_in(res, b, -1, [TOM])]
    assert fills == [4, 8, 12]
    assert crash_bars(res) == [1, 5, 9, 13]
    assert all(hits_in(res, b, 0, [KICK]) for b in range(1, 14))  # the beat goes on in the other bars


@pytest.mark.parametrize("num, den", [(5, 4), (7, 4)])
def test_a_whole_bar_fill_in_a_long_bar_keeps_time_then_fills_into_the_crash(make_midi, num, den):
    """A 5/4 bar's whole-bar fill was laid from the loop's first beats: its fill played beats 1-2 (where the
    model had filled its first loop bar's end) and left beats 3-5 nearly empty before the crash. It now takes
    the bar's beats that lie within one loop bar, up to the crash, and the beat plays before them."""
    engine = Engine(BarEndFills())
    res = engine.drumify(read_midi(band_part(make_midi, num, den, 9)), Settings(fill_bars=(4,), fill_length="bar"))
    assert hits_in(res, 4, -1, [TOM]) > 0  # the fill leads into the crash
    assert hits_in(res, 4, 1, [TOM]) == 0  # not on beat 2, where the first loop bar's fill had landed
    assert hits_in(res, 4, 0, [KICK]) > 0  # the bar opens on the beat


@pytest.mark.parametrize("num, den", [(3, 4), (6, 8), (7, 8), (5, 4)])
def test_a_fill_outside_4_4_climbs_to_the_backbeat(shipped, make_midi, num, den):
    """A drummer's fill climbs from the beat's level into the crash. Outside 4/4 the band's fills kept the part's
    touch and fell away under the backbeat (a 3/4 fill at 81 then 71 beside snares at 105-119): each fill stroke
    is now at least as loud as the one before, and the last reaches the backbeat's loudness."""
    part = read_midi(band_part(make_midi, num, den, 9, name=f"c{num}_{den}.mid"))
    res = shipped.drumify(part, Settings(fill_every=4))
    w, beats = bar_steps(res, 8)
    steps = [s for beat in beats for s in beat]
    loop = res.loops[w, steps]
    first_tom = int(np.flatnonzero((loop[:, FILL_VOICES[1:]] > 0.5).any(1))[0])  # the fill from its first tom
    strokes = [float(loop[s, 9:18][FILL_VOICES][loop[s, FILL_VOICES] > 0.5].max())
               for s in range(first_tom, len(steps)) if (loop[s, FILL_VOICES] > 0.5).any()]
    _, before = bar_steps(res, 7)
    beat_loop = res.loops[bar_steps(res, 7)[0], [s for beat in before for s in beat]]
    backbeat = float(beat_loop[beat_loop[:, SNARE] > 0.5, 9 + SNARE].max())
    tail = strokes
    assert all(b >= a - 1e-6 for a, b in zip(tail, tail[1:])), np.round(strokes, 2)
    assert tail[-1] >= backbeat - 0.02, (np.round(strokes, 2), backbeat)
