"""A drummer listening to whole songs: how the drums end, stop and change with the band."""

import numpy as np
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

KICK, SNARE, HAT, TOM, CRASH, RIDE = 0, 1, 2, 4, 7, 8


def groove_bars(bars):
    """Bass and keys on 1, 2& and 3 of each listed bar (1-based): the band playing time."""
    return [((b - 1) * 4.0 + t, p, 100, c) for b in bars for t in (0.0, 1.5, 2.0) for p, c in ((40, 0), (64, 1))]


def chord(bar):
    """One chord on the downbeat of a bar, nothing after it."""
    return [((bar - 1) * 4.0, p, 100, c) for p, c in ((36, 0), (60, 1), (64, 1), (67, 1))]


def bar_hits(res, bar):
    """(16, 9) hits of a 4/4 bar of a drumify result (windows of two bars)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return res.loops[w, 16 * m:16 * m + 16, :9] > 0.5


def test_a_song_ending_on_one_held_chord_ends_with_one_hit_on_it(make_midi):
    path = make_midi(sorted(groove_bars(range(1, 8)) + chord(8)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    last = bar_hits(res, 8)
    assert last[0, KICK] and last[0, CRASH]  # the final hit, with the band
    assert not last[1:].any() and not last[0, HAT]  # nothing after it (the crash rings), the hat hand on the crash
    assert bar_hits(res, 7)[12:, TOM].any()  # a fill into it
    assert crash_bars(res) == [1, 8]
    assert any("ends on one chord in bar 8" in m for m in res.messages)
    for version in Engine(BarEndFills()).variations_of(res, Settings(), 3):  # every version ends alike
        hits = version[..., :9] > 0.5
        assert hits[3, 17:].sum() == 0 and hits[3, 16, KICK] and hits[3, 16, CRASH]


def test_a_rolled_last_chord_ends_the_song_too(make_midi):
    """A pianist rolls a ballad's last chord: at 70 BPM its top notes land in the second 16th of the bar. It is
    still the song's last chord, the drums' last hit (they grooved on through it)."""
    rolled = [(28.0 + i * 0.04, p, 90, 1) for i, p in enumerate((36, 48, 60, 64, 67, 72))]  # 0.2 beats, 6 notes
    path = make_midi(sorted(groove_bars(range(1, 8)) + rolled), length=4.0, tempos=((0, 70.0),))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    last = bar_hits(res, 8)
    assert last[0, KICK] and last[0, CRASH] and not last[1:].any()
    assert any("ends on one chord in bar 8" in m for m in res.messages)


def test_a_last_chord_struck_mid_bar_and_held_is_the_drums_last_hit():
    """A blues band's last bar: beat 1, then the last chord on the and of 2, held to the end. The drums play
    up to it and end with one hit on it (they grooved on through the held chord to the bar's end)."""
    from reagroove.core.midi import MidiContent, Notes

    band = [(t, p) for t, p, _, _ in groove_bars(range(1, 8))] + [(28.0, 40), (28.0, 64)]
    starts = [t for t, _ in band] + [29.5] * 4
    ends = [t + 0.4 for t, _ in band] + [32.0] * 4  # the last chord rings to the music's end
    notes = Notes.from_lists(starts, [p for _, p in band] + [36, 60, 64, 67], [100] * len(starts), ends)
    content = MidiContent("blues.mid", notes, 480, [(0.0, 120.0)], [(0.0, 4, 4)], 32.0, [])
    res = Engine(BarEndFills()).drumify(content, Settings())
    last = bar_hits(res, 8)
    assert last[6, KICK] and last[6, CRASH] and not last[7:].any()  # one hit on the chord, nothing after it
    assert last[:6].any()  # the bar played up to it
    assert any("ends on one chord struck mid-bar 8 and held" in m for m in res.messages)
    short = Notes.from_lists(starts, [p for _, p in band] + [36, 60, 64, 67], [100] * len(starts),
                             [t + 0.4 for t in starts])  # a short chord there: a figure, played through
    res = Engine(BarEndFills()).drumify(MidiContent("riff.mid", short, 480, [(0.0, 120.0)], [(0.0, 4, 4)], 32.0, []),
                                        Settings())
    assert not any("ends on one chord" in m for m in res.messages)
    # a half-note bass line: its last note on 3, held as every bar's is, is the figure, not an ending
    starts = [b * 4.0 + t for b in range(8) for t in (0.0, 2.0)]
    half = Notes.from_lists(starts, [40] * 16, [100] * 16, [t + 1.9 for t in starts])
    res = Engine(BarEndFills()).drumify(MidiContent("half.mid", half, 480, [(0.0, 110.0)], [(0.0, 4, 4)], 32.0, []),
                                        Settings())
    assert not any("ends on one chord" in m for m in res.messages) and bar_hits(res, 8)[9:].any()
    # a 2-bar riff whose second bar holds a chord from beat 3, the song's last bar that ordinary bar: no ending
    starts, ends = [], []
    for b in range(8):
        for t in ((0.0, 1.0, 2.0, 3.0) if b % 2 == 0 else (0.0, 1.0, 2.0)):
            starts.append(b * 4.0 + t)
            ends.append(b * 4.0 + (4.0 if b % 2 and t == 2.0 else t + 0.4))
    riff = Notes.from_lists(starts, [40] * len(starts), [100] * len(starts), ends)
    res = Engine(BarEndFills()).drumify(MidiContent("riff2.mid", riff, 480, [(0.0, 120.0)], [(0.0, 4, 4)], 32.0, []),
                                        Settings())
    assert not any("ends on one chord" in m for m in res.messages) and bar_hits(res, 8)[9:].any()


def test_a_stretch_of_bars_ending_mid_song_or_a_part_of_pads_is_no_ending(make_midi):
    # bars 1-8 asked of a song that goes on after a stab in bar 8: the song has not ended there
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(9, 13)]) + chord(8)))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), bars=(1, 8))
    whole = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert bar_hits(res, 8)[4:].any() and not any("ends on one chord" in m for m in res.messages)
    assert crash_bars(res) == [b for b in crash_bars(whole) if b <= 8]  # (the song's stab, not an ending)
    # a chord on every downbeat (a ballad's pads): the last is one more of them
    pads = make_midi(sorted(n for b in range(1, 9) for n in chord(b)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(pads), Settings())
    assert bar_hits(res, 8)[4:].any() and crash_bars(res) == [1]


def eighths(bars):
    """A bass on every 8th note of each listed bar, keys on 1 and 3."""
    return [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in bars for t in range(8)] + \
        [((b - 1) * 4.0 + t, p, 80, 1) for b in bars for t in (0.0, 2.0) for p in (60, 64)]


def halves(bars):
    """A half-time bridge: bass and keys on 1 and 3 only."""
    return [((b - 1) * 4.0 + t, p, 90, c) for b in bars for t in (0.0, 2.0) for p, c in ((40, 0), (60, 1))]


def test_a_band_changing_what_it_plays_starts_a_section_without_markers(make_midi):
    # 8 bars of 8ths, a half-time bridge in bars 9-16, the 8ths again in 17-24, no markers
    path = make_midi(sorted(eighths(range(1, 9)) + halves(range(9, 17)) + eighths(range(17, 25))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9, 17]
    assert bar_hits(res, 8)[12:, TOM].any() and bar_hits(res, 16)[12:, TOM].any()  # fills into both
    assert not bar_hits(res, 4)[:, TOM].any() and not bar_hits(res, 12)[:, TOM].any()
    assert 9 in res.section_bars and 17 in res.section_bars
    assert any("changes what it plays in bars 9, 17" in m for m in res.messages)
    versions = Engine(BarEndFills()).variations_of(read_midi_windows(path), Settings(), 2)
    assert (versions[:, 3, 28:, TOM] > 0.5).any(-1).all() and (versions[:, 4, 0, CRASH] > 0.5).all()


def bass_alone(bars):
    """A breakdown: the bass alone, on 1, the "and" of 2, 3 and the "and" of 4."""
    return [((b - 1) * 4.0 + t, 40, 90, 0) for b in bars for t in (0.0, 1.5, 2.0, 3.5)]


def test_a_four_bar_breakdown_before_the_last_chorus_is_a_section_of_its_own(make_midi):
    """Verse (halves) 1-8, chorus (8ths) 9-16, the bass alone 17-20, the chorus 21-28: the breakdown was played
    as the chorus, no fill into it or crash on it (sections at least 8 bars apart, the stronger change won)."""
    path = make_midi(sorted(halves(range(1, 9)) + eighths(range(9, 17)) + bass_alone(range(17, 21))
                            + eighths(range(21, 29))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert [b for b in crash_bars(res) if b > 1] == [9, 17, 21]  # (the half-time verse may open as an intro)
    assert bar_hits(res, 16)[12:, TOM].any() and bar_hits(res, 20)[12:, TOM].any()  # a fill into it and out of it
    assert any("changes what it plays in bars 9, 17, 21" in m for m in res.messages)
    # riffs alternating every 4 bars are no 4-bar sections: no fill and crash every 4 bars
    path = make_midi(sorted(eighths([*range(1, 5), *range(9, 13)]) + halves([*range(5, 9), *range(13, 17)])),
                     name="alternating.mid")
    crashes = crash_bars(Engine(BarEndFills()).drumify(read_midi(path), Settings()))
    assert all(b - a >= 8 for a, b in zip(crashes[1:], crashes[2:])), crashes


def read_midi_windows(path):
    from reagroove.core.groove import extract_windows
    return extract_windows(read_midi(path))


def test_a_steady_band_or_one_with_markers_gets_no_heard_sections(make_midi):
    path = make_midi(sorted(eighths(range(1, 17))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1] and not any("changes what it plays" in m for m in res.messages)
    path = make_midi(sorted(eighths(range(1, 9)) + halves(range(9, 17))), name="marked.mid")
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(), section_bars=[7])
    # the producer's sections, not the band's change 2 bars after one as well (given_sections.GIVEN_APART_BARS:
    # a phrase or farther from the markers it is heard beside them, tests/test_given_sections_near.py)
    assert crash_bars(res) == [1, 7]


def stab(bar):
    """The band hitting one short chord on a bar's downbeat."""
    return chord(bar)


def test_the_drums_stop_dead_with_the_band_and_fill_into_its_comeback(make_midi):
    # the band plays bars 1-7, hits the downbeat of bar 8, rests through bar 9 and comes back in bar 10
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(10, 17)]) + stab(8)))
    for settings in (Settings(), Settings(fill_every=2)):  # a phrase's fill planned in the rest is left out too
        res = Engine(BarEndFills()).drumify(read_midi(path), settings)
        hit = bar_hits(res, 8)
        assert hit[0, KICK] and hit[0, CRASH] and not hit[1:].any()  # one hit with the band, then nothing
        rest = bar_hits(res, 9)
        assert not rest[:8].any() and rest[8:, TOM].any()  # silence, then the fill into the comeback
        assert 10 in crash_bars(res) and bar_hits(res, 10)[:, SNARE].any()  # the band's back: so are the drums
        assert any("stops dead on the downbeat of bar 8 and comes back in bar 10" in m for m in res.messages)
        versions = Engine(BarEndFills()).variations_of(res, settings, 2)
        assert not (versions[:, 3, 17:, :9] > 0.5).any() and not (versions[:, 4, :8, :9] > 0.5).any()


def test_a_chord_held_over_a_bar_with_the_band_back_on_the_next_is_played_through(make_midi):
    # (a short stab there is a stop: tests/test_sections.py)
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(9, 17)]) + stab(8)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert bar_hits(res, 8)[4:, SNARE].any() and not res.stops


def test_a_long_break_after_a_stab_is_a_drum_break_the_drums_keep_time_through(make_midi):
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(13, 17)]) + stab(8)))  # bars 9-12: 4 bars' rest
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not res.stops and bar_hits(res, 10)[:, SNARE].any() and 13 in crash_bars(res)


def test_a_stop_of_two_bars_is_said_once(make_midi):
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(11, 17)]) + stab(8)))  # bars 9-10: rest
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    said = [m for m in res.messages if "bar 11" in m]
    assert len(said) == 1 and "stops dead on the downbeat of bar 8" in said[0]
    assert not bar_hits(res, 9).any() and not bar_hits(res, 10)[:8].any() and 11 in crash_bars(res)


def test_a_last_chord_pushed_on_the_and_of_4_is_the_drums_last_hit(make_midi):
    # bars 1-7 play time, the last chord comes on the "and" of 4 in bar 7 and is held through bar 8
    pushed = [(6 * 4.0 + 3.5, p, 100, c) for p, c in ((36, 0), (60, 1), (64, 1))]
    path = make_midi(sorted(groove_bars(range(1, 8)) + pushed), length=4.5)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    bar7, bar8 = bar_hits(res, 7), bar_hits(res, 8)
    assert bar7[14, KICK] and bar7[14, CRASH] and not bar7[15:].any() and not bar8.any()
    assert bar7[8:14, TOM].any()  # the fill leads into the push
    assert any("pushed into bar 8" in m for m in res.messages)


def test_a_run_of_16ths_ending_the_song_is_no_pushed_chord(make_midi):
    run = [(6 * 4.0 + 2.0 + t / 4, 60 + t, 90, 1) for t in range(8)]  # bar 7: 16ths from beat 3 to the end
    path = make_midi(sorted(groove_bars(range(1, 7)) + [n for n in groove_bars([7]) if n[0] < 26.0] + run),
                     length=4.0)  # its last note rings through bar 8
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert res.end >= 32.0 and not any(s.pushed for s in res.stops)


def strums(bars):
    """A guitar strumming every 8th of each listed bar (short chords, the "and" of 4 among them), a bass on 1 and 3."""
    return [((b - 1) * 4.0 + t / 2, p, 100 if t % 2 == 0 else 80, 1) for b in bars for t in range(8) for p in (60, 64)] + \
        [((b - 1) * 4.0 + t, 40, 100, 0) for b in bars for t in (0.0, 2.0)]


def test_a_figure_that_stops_after_an_ordinary_bar_has_no_pushed_ending(make_midi):
    # the strum on the "and" of 4 is the figure's, every bar, each ringing 2 beats: the band just stops after
    # bar 7 (as a recording's tail goes on past its last bar), and the drums play bar 7 through
    path = make_midi(sorted(strums(range(1, 8))), length=2.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not any(s.pushed for s in res.stops) and not any("pushed into" in m for m in res.messages)
    bar7 = bar_hits(res, 7)
    assert bar7[12:, SNARE].any() and bar7[8:, HAT].any() and not bar7[8:, TOM].any()  # backbeat and time, no fill


def test_a_last_chord_pushed_from_an_even_bar_is_the_drums_last_hit_too(make_midi):
    # as above one bar later: the push into bar 9 comes in the last 2-bar window, with no window for bar 9
    pushed = [(7 * 4.0 + 3.5, p, 100, c) for p, c in ((36, 0), (60, 1), (64, 1))]
    path = make_midi(sorted(groove_bars(range(1, 9)) + pushed), length=4.5)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    bar8 = bar_hits(res, 8)
    assert bar8[14, KICK] and bar8[14, CRASH] and not bar8[15:].any() and bar8[8:14, TOM].any()
    assert any("pushed into bar 9" in m for m in res.messages)


def test_a_chorus_coming_back_is_the_same_take_as_the_first(make_midi):
    # verse (8ths), chorus (half notes), verse, chorus: four sections heard, two kinds of music
    verse, chorus = eighths, halves
    path = make_midi(sorted(verse(range(1, 9)) + chorus(range(9, 17)) + verse(range(17, 25)) + chorus(range(25, 33))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 9 in res.section_bars and 17 in res.section_bars and 25 in res.section_bars
    from reagroove.core.sections import section_takes
    takes = section_takes(res.bars, res.meters, res.section_bars, res.grooves, res.bass).tolist()
    assert takes == [0] * 4 + [1] * 4 + [0] * 4 + [1] * 4  # the drummer plays each chorus as the first
    seen = []
    model = BarEndFills()
    generate = model.generate
    model.generate = lambda g, z, cond: seen.append(cond.take) or generate(g, z, cond)
    Engine(model).drumify(read_midi(path), Settings())
    assert any(t is not None and len(t) == 16 and t.tolist() == takes for t in seen)


def test_a_keys_intro_gets_no_opening_crash_the_band_coming_in_does(make_midi):
    keys = [((b - 1) * 4.0, p, 70, 1) for b in range(1, 5) for p in (60, 64, 67)]  # a chord a bar, keys alone
    path = make_midi(sorted(keys + eighths(range(5, 13))), length=3.9)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [5] and bar_hits(res, 4)[12:, TOM].any()  # a fill into the band's entrance
    assert not bar_hits(res, 1).any()  # the drums lay out under the keys until the bass comes in (intro_figure.py)
    assert any("quiet intro" in m for m in res.messages)
    versions = Engine(BarEndFills()).variations_of(res, Settings(), 2)
    assert not (versions[:, 0, 0, CRASH] > 0.5).any() and (versions[:, 2, 0, CRASH] > 0.5).all()
    # a band opening as busy as it goes on keeps its crash on bar 1
    busy = make_midi(sorted(eighths(range(1, 5)) + halves(range(5, 13))), name="busy.mid")
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(busy), Settings()))[0] == 1


def test_variations_of_a_selection_hear_the_sections_drumify_hears(make_midi):
    # REAPER's Variations take the selection's windows (no drumify first): a chorus without markers and the
    # song's last chord must give the same sections as the drumify an export writes
    from reagroove.core.groove import extract_windows
    path = make_midi(sorted(eighths(range(1, 9)) + halves(range(9, 17)) + chord(17)), length=1.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 9 in res.section_bars and 17 in res.section_bars
    from_result = Engine(BarEndFills()).variations_of(res, Settings(), 3)
    from_windows = Engine(BarEndFills()).variations_of(extract_windows(read_midi(path)), Settings(), 3)
    assert np.array_equal(from_windows[..., :9] > 0.5, from_result[..., :9] > 0.5)
    assert (from_windows[:, 4, 0, CRASH] > 0.5).all()  # the chorus's crash in every version


def test_a_section_starting_on_an_even_bar_is_heard_on_its_bar(make_midi):
    # 9 bars of 8ths (a bar's intro and a verse), the half-time bridge from bar 10, the 8ths again from 18
    path = make_midi(sorted(eighths(range(1, 10)) + halves(range(10, 18)) + eighths(range(18, 26))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 10, 18]  # not a bar early or late, and not missed
    assert bar_hits(res, 9)[12:, TOM].any() and bar_hits(res, 17)[12:, TOM].any()
    assert not bar_hits(res, 10)[:, TOM].any()


def test_a_band_resting_after_its_opening_is_no_quiet_intro(make_midi):
    """Bass and keys for 4 bars, 4 bars' rest, the same again: the note said 'the part opens with a quiet
    intro' (the rest's empty windows counted into the opening's loudness) and bar 1 lost its crash. The
    opening is the band playing as it goes on: crash on bar 1, and on its comeback."""
    path = make_midi(sorted(groove_bars(range(1, 5)) + groove_bars(range(9, 13))), length=0.4)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert crash_bars(res)[:1] == [1] and 9 in crash_bars(res)


def test_a_bass_line_playing_busier_is_no_band_coming_in_after_an_intro(make_midi):
    """A drum'n'bass line over a pad held 2 bars a chord: 8 bars of its riff, then the same riff rolling 16ths in every other bar
    (twice the onsets). The band is the same from bar 1, no intro: bar 1 keeps its crash and no note says
    'quiet intro' (it had, and bar 1 had no crash). The bass coming in under keys is still the band coming in."""
    riff = [0.0, 1.5, 2.5, 3.5, 3.75, 4.5, 6.0, 6.5, 7.5, 7.75]
    line = [(w * 8.0 + t, 38, 105, 0) for w in range(4) for t in riff]
    line += [(w * 8.0 + t, 38, 105, 0) for w in range(4, 8) for t in riff[:5]]
    line += [(w * 8.0 + 4 + i / 4, 38 + 12 * (i % 2), 90, 0) for w in range(4, 8) for i in range(16)]
    pad = [(b * 8.0, p, 60, 1) for b in range(8) for p in (62, 65, 69)]  # a chord held 2 bars
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(line + pad), length=0.2)), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert crash_bars(res)[0] == 1
    keys = [(b * 4.0 + t, p, 70, 1) for b in range(8) for t in (0.0, 2.0) for p in (62, 65)]  # keys alone
    band = [(32.0 + b * 4.0 + t, p, 90, c) for b in range(8) for t in (0.0, 2.0) for p, c in ((38, 0), (62, 1))]
    band += [(32.0 + b * 4.0 + t, 38, 90, 0) for b in range(8) for t in (0.5, 1.0, 1.5, 2.5, 3.0, 3.5)]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(keys + band), name="keys.mid")), Settings())
    assert any("quiet intro" in m for m in res.messages) and crash_bars(res)[0] == 9


def test_a_pickup_into_a_marked_first_bar_is_no_quiet_intro(make_midi):
    """A pickup on beat 4 of bar 1, the band on bar 2 under a "Verse" marker: the pickup is no intro. The drums
    crash on bar 2 with the band (it had said 'the part opens with a quiet intro', and bar 2 had no crash)."""
    import mido

    pickup = [(3.0, 40, 90, 0), (3.5, 43, 90, 0)]
    path = make_midi(sorted(pickup + [(t + 4.0, p, v, c) for t, p, v, c in groove_bars(range(1, 13))]), length=0.4)
    mid = mido.MidiFile(path)
    mid.tracks[0].insert(0, mido.MetaMessage("marker", text="Verse", time=0))
    mid.tracks[0][1].time += 4 * 480  # the marker on bar 2's downbeat, the events after it where they were
    mid.tracks[0][0], mid.tracks[0][1] = mid.tracks[0][1], mid.tracks[0][0]
    mid.save(path)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert 2 in crash_bars(res)


def fill_bars_of(loops, bars):
    """The 4/4 bars (windows of two) whose last beat lets go of the time (no hat or ride) for snare or tom strokes
    on two of its 16ths or more: the stand-in's fills (a take's random hits are a tom here and there, under the
    time), as the stand-in draws them or, thin (a groove beat, then the last beat's tom), as a run down the kit
    (fill_runs.py)."""
    beat = lambda w, m: loops[w, 16 * m + 12:16 * m + 16] > 0.5  # noqa: E731
    return [int(bars[w]) + m for w in range(len(bars)) for m in range(2)
            if beat(w, m)[:, [SNARE, TOM, TOM + 1, TOM + 2]].any(1).sum() >= 2 and not beat(w, m)[:, [HAT, RIDE]].any()]


def test_no_phrase_fill_in_the_songs_last_bar(make_midi):
    # 16 bars of time, phrases of 4 bars: fills end bars 4, 8 and 12; bar 16 ends the song, with no phrase after
    # it to fill into (the fill there had nothing after it)
    from reagroove.core.groove import extract_windows
    path = make_midi(sorted(groove_bars(range(1, 17))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2))
    assert fill_bars_of(res.loops, res.bars) == [4, 8, 12] and crash_bars(res) == [1, 5, 9, 13]
    assert bar_hits(res, 16)[12:, SNARE].any()  # the last bar played as time
    assert any("bar 16 ends the song: no fill there" in m for m in res.messages), res.messages
    for versions in (Engine(BarEndFills()).variations_of(res, Settings(fill_every=2), 3),  # every version alike,
                     Engine(BarEndFills()).variations_of(extract_windows(read_midi(path)), Settings(fill_every=2), 3)):
        assert [fill_bars_of(v, res.bars) for v in versions] == [[4, 8, 12]] * 3  # a selection's (REAPER) too
    # the panel's preview drums the part's windows, as REAPER's Drumify does (drumify_windows)
    wins = extract_windows(read_midi(path))
    part = Engine(BarEndFills()).drumify_grooves(wins.grooves, Settings(fill_every=2), starts=wins.starts, bars=wins.bars,
                                                 meters=wins.meters, end=wins.end, sounding=wins.sounding)
    assert fill_bars_of(part.loops, part.bars) == [4, 8, 12]


def test_a_fill_bar_named_in_the_last_bar_or_bars_from_mid_song_keep_their_fill(make_midi):
    path = make_midi(sorted(groove_bars(range(1, 17))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2, fill_bars=(16,)))
    assert fill_bars_of(res.loops, res.bars) == [4, 8, 12, 16]  # the producer asked for it
    assert not any("ends the song" in m for m in res.messages)
    # bars 1-8 of the song: the song goes on after bar 8, so its phrase's fill leads into bar 9
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2), bars=(1, 8))
    assert fill_bars_of(res.loops, res.bars) == [4, 8] and not any("ends the song" in m for m in res.messages)
    # a song ending on one chord: its fill leads into that chord, as before, and no note of a fill left out
    path = make_midi(sorted(groove_bars(range(1, 8)) + chord(8)), name="ending.mid", length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=2))
    assert fill_bars_of(res.loops, res.bars) == [4, 7] and not any("ends the song:" in m for m in res.messages)


def test_fills_moved_off_the_plain_count_by_a_section_are_said(make_midi):
    """A fill every 8 bars counts its phrases again from a comeback: the producer looking for the fill in
    bar 8 is told where the fills are (a 12-bar part whose band rests in bars 5-6 got no fill in bar 8 and no
    word of it)."""
    rests = make_midi(sorted(groove_bars([1, 2, 3, 4, *range(7, 13)])), name="rests.mid")
    res = Engine(BarEndFills()).drumify(read_midi(rests), Settings(fill_every=4))
    said = [m for m in res.messages if m.startswith("a fill every")]
    assert said == ["a fill every 8 bars counts its phrases again from each section the band starts: none in bar 8; "
                    "a fill also ends bar 6"]
    assert bar_hits(res, 6)[8:, TOM].any() and not bar_hits(res, 8)[8:, TOM].any()  # as said
    steady = make_midi(sorted(groove_bars(range(1, 17))), name="steady.mid")
    for path, settings in ((steady, Settings(fill_every=4)), (rests, Settings())):
        res = Engine(BarEndFills()).drumify(read_midi(path), settings)
        assert not any(m.startswith("a fill every") for m in res.messages)


def test_an_ending_keeps_the_fill_every_phrase_before_it(make_midi):
    """A 12-bar ballad ending on one chord in bar 12, a fill every 8 bars: the fill into bar 9 and the one into
    the last chord both play (the ending, a section of its own, had cut the 8-bar phrase short: no fill in bar 8)."""
    path = make_midi(sorted(groove_bars(range(1, 12)) + chord(12)), length=4.0)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=4))
    assert bar_hits(res, 8)[12:, TOM].any() and bar_hits(res, 11)[12:, TOM].any()
    assert crash_bars(res) == [1, 9, 12]
    assert not any(m.startswith("a fill every") for m in res.messages)


def _run_on(path, bars):
    """The file at `path` with its end-of-track moved `bars` 4/4 bars (at 480 ticks a beat) further on."""
    import mido

    mid = mido.MidiFile(path)
    for track in mid.tracks:
        track[-1].time += bars * 4 * 480
    mid.save(path)
    return path


def test_a_songs_file_running_on_past_its_last_note_gets_no_drums_there(make_midi):
    """A DAW's export runs three bars past a 17-bar song's last note (the end of its region, a track emptied of
    its drums): the drums stop with the band at bar 17's end, as they do for the file cut at the music's end
    (they had played bar 18, the second bar of the last loop, as a whole groove bar)."""
    path = _run_on(make_midi(groove_bars(range(1, 18)), length=0.5), 3)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert res.end == 17 * 4.0
    assert res.bars[-1] == 17


def test_a_loops_rest_bar_at_its_files_end_keeps_its_drums(make_midi):
    """A 4-bar riff resting its last bar, to be looped: its file's last bar is music (the drummer keeps time
    through the rest), as a song's run-on is not."""
    path = _run_on(make_midi(groove_bars(range(1, 4)), length=0.5), 1)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert res.end == 16.0 and list(res.bars) == [1, 3]
    assert bar_hits(res, 4)[:, HAT].sum() >= 4  # time kept through the rest


def test_a_song_ending_on_a_short_figure_ends_with_one_hit_on_its_downbeat(make_midi):
    """The band's last bar: two short 8ths, on 1 and its and, then silence. The drums fill into it, hit its
    downbeat with the band and stop (they had grooved the whole bar out, a bar of drums after the band). The
    same two 8ths ending every other bar of the band's figure are its riff, not an ending."""
    figure = [(64.0 + t, p, 100, c) for t in (0.0, 0.5) for p, c in ((40, 0), (64, 1))]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(groove_bars(range(1, 17)) + figure),
                                                             length=0.25)), Settings())
    last = bar_hits(res, 17)
    assert last[0, KICK] and last[0, CRASH] and not last[1:].any()
    assert bar_hits(res, 16)[12:, TOM].any()  # a fill into it
    assert any("ends on a short figure in the first half of bar 17" in m for m in res.messages), res.messages
    riff = [((b - 1) * 4.0 + t, p, 100, c) for b in range(2, 18, 2) for t in (0.0, 0.5) for p, c in ((40, 0), (64, 1))]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(groove_bars(range(1, 17, 2)) + riff),
                                                             name="riff.mid", length=0.25)), Settings())
    assert not any("ends on" in m for m in res.messages) and bar_hits(res, 16)[8:, :].any()


def test_a_band_breaking_off_mid_bar_at_a_phrase_end_gets_a_fill_in_the_gap_and_a_crash_on_its_return(make_midi):
    """Bars 1-7 the band plays, bar 8 it plays beat 1 and its and, then stops; back on bar 9 (the chorus, no
    marker). A drummer fills in the gap and crashes on 9 (the drums had grooved through: no fill, no crash).
    A band whose every phrase ends so (a held chord each 4th bar) is its figure: no section there."""
    broken = [(28.0 + t, p, 100, c) for t in (0.0, 0.5) for p, c in ((40, 0), (64, 1))]
    path = make_midi(sorted(groove_bars([*range(1, 8), *range(9, 17)]) + broken), length=0.25)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert 9 in crash_bars(res) and bar_hits(res, 8)[12:, TOM].any()
    assert any("plays no new note after the first half of bar 8 and comes back in bar 9" in m for m in res.messages), \
        res.messages
    every = [((b - 1) * 4.0 + t, p, 100, c) for b in range(4, 17, 4) for t in (0.0, 0.5) for p, c in ((40, 0), (64, 1))]
    plays = [b for b in range(1, 17) if b % 4]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(groove_bars(plays) + every), name="figure.mid",
                                                            length=0.25)), Settings())
    assert not any("first half of bar" in m for m in res.messages) and crash_bars(res) == [1]


def test_a_chorus_played_louder_with_the_same_rhythm_is_a_section(make_midi):
    """Verses at velocity 55, choruses at 115, the same rhythm, no markers: a drummer hears the chorus and fills
    into it, crashes on it (the drums had only played louder). A band swelling bar by bar is no section."""
    def bars(lo, hi, vel):
        return [((b - 1) * 4.0 + t, p, vel, c) for b in range(lo, hi) for t in (0.0, 1.5, 2.0) for p, c in ((40, 0), (64, 1))]

    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(bars(1, 9, 55) + bars(9, 17, 115) + bars(17, 25, 55)))),
                                        Settings())
    assert crash_bars(res) == [1, 9, 17] and bar_hits(res, 8)[12:, TOM].any()
    assert any("the band plays louder from bar 9, then softer from bar 17" in m for m in res.messages), res.messages
    swell = [n for b in range(1, 17) for n in bars(b, b + 1, 40 + 5 * b)]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(swell), name="swell.mid")), Settings())
    assert crash_bars(res) == [1] and not any("louder" in m for m in res.messages)


def test_a_closing_figure_over_two_beats_is_played_up_to_its_last_note(make_midi):
    """The band's last bar: hits on 1, 2 and the and of 2, then silence. The drums play up to its last note and
    end with one hit on it (stopped on the downbeat, they had left the band's last two hits alone)."""
    figure = [(64.0 + t, p, 110, c) for t in (0.0, 1.0, 1.5) for p, c in ((40, 0), (64, 1))]
    res = Engine(BarEndFills()).drumify(read_midi(make_midi(sorted(groove_bars(range(1, 17)) + figure),
                                                             length=0.25)), Settings())
    last = bar_hits(res, 17)
    assert last[6, CRASH] and last[6, KICK] and not last[7:].any() and last[:6].any()
    assert any("ends on a short closing figure in bar 17: the drums play up to its last note" in m
               for m in res.messages), res.messages


def test_a_resting_bar_closing_a_file_of_whole_phrases_keeps_its_drums(make_midi):
    """A 16-bar section exported to its end, the band resting in bar 16 (a break to loop on): bar 16 is music,
    the drums keep time through it; a 17-bar song's file running 3 bars on still gets none there."""
    path = _run_on(make_midi(groove_bars(range(1, 16)), length=0.5), 1)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert res.end == 64.0 and bar_hits(res, 16)[:, HAT].sum() >= 4


def test_parts_joining_for_a_chorus_start_a_section(make_midi):
    """Bass and keys for 8 bars, then a pad and a lead join for 8 (the chorus, no marker, the rhythm and level
    unchanged), then they leave: a drummer hears both and fills and crashes there (the drums had played on)."""
    def layer(lo, hi, parts):
        return [((b - 1) * 4.0 + t, p, 100, c) for b in range(lo, hi) for t in (0.0, 1.5, 2.0)
                for p, c in ((40, 0), (64, 1), (72, 2), (79, 3))[:parts]]

    path = make_midi(sorted(layer(1, 9, 2) + layer(9, 17, 4) + layer(17, 25, 2)), length=0.4)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    assert crash_bars(res) == [1, 9, 17] and bar_hits(res, 8)[12:, TOM].any()
    assert any("parts of the band join in bar 9 (2 parts to 4), then leave in bar 17 (4 parts to 2)" in m
               for m in res.messages), res.messages
    steady = make_midi(sorted(layer(1, 25, 3)), name="steady.mid")
    assert crash_bars(Engine(BarEndFills()).drumify(read_midi(steady), Settings())) == [1]


def test_phrases_count_from_the_bar_a_song_comes_in_on_after_a_silent_first_bar(make_midi):
    """A DAW's export from bar 1 of a song whose band comes in on bar 2 (a count-in bar, a silent bar): the
    drums come in on bar 2 with a crash, and the phrases count from there, so fills end bars 9 and 17 and a
    crash opens bar 10. They had counted from the silent bar: fills ending bars 8 and 16, mid-phrase for the
    band, and a crash on bar 17. The editor's preview counts as the export does."""
    from reagroove.core.groove import extract_windows
    from reagroove.core.phrases import phrase_start_of

    path = make_midi(sorted(groove_bars(range(2, 18))))
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings(fill_every=4))
    assert fill_bars_of(res.loops, res.bars) == [9], fill_bars_of(res.loops, res.bars)
    assert crash_bars(res) == [2, 10], crash_bars(res)
    assert phrase_start_of(read_midi(path)) == 2
    wins = extract_windows(read_midi(path))
    part = Engine(BarEndFills()).drumify_grooves(wins.grooves, Settings(fill_every=4), starts=wins.starts, bars=wins.bars,
                                                 meters=wins.meters, end=wins.end, sounding=wins.sounding,
                                                 phrase_start=phrase_start_of(read_midi(path)))
    assert fill_bars_of(part.loops, part.bars) == [9]


def test_fills_moved_into_the_songs_last_hit_are_said_so():
    """A song whose only section is its last hit (a closing figure in bar 54) had its moved fill said as counted
    "from each section the band starts", where no section was said."""
    from reagroove.core.form_notes import form_notes
    from reagroove.core.phrases import PartSections
    from reagroove.core.stops import Stop

    end = Stop(54, 26, 0, figure=True)
    form = PartSections({}, [], [54], False, None, {}, {}, None, (4, [53], [52]))
    said = [m for m in form_notes(form, [end], int) if m.startswith("a fill every")]
    assert said == ["a fill every 4 bars counts its phrases again into the song's last hit in bar 54: none in bar "
                    "52; a fill also ends bar 53"]
    form = form._replace(section_bars=[33, 54])
    said = [m for m in form_notes(form, [end], int) if m.startswith("a fill every")]
    assert said[0].startswith("a fill every 4 bars counts its phrases again from each section the band starts, into "
                              "the song's last hit in bar 54:"), said
