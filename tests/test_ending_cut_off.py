"""A band cutting off into its held-chord outro: a short figure in the first half of the bar before the held
chords (freedoom's d_e4m7: chords on 1 and its "and" after a bar of 16ths) is the ending's first hit. The drums
had kept time (hats, backbeat, kick) through the cut-off bar, hitting only the held chords after it; a drummer
hits the cut-off with the band and lets it ring."""

from test_sections import EIGHTHS, band, write_song
from test_stop_time import CRASH, KICK, SNARE, bar_hits

from reagroove.core import read_midi
from reagroove.core.settings import Settings

SIXTEENTHS = tuple(i / 4 for i in range(16))
CUT_OFF = (0.0, 0.5)  # chords on 1 and its "and"


def _drumify(shipped, path, notes):
    return shipped.drumify(read_midi(write_song(path, notes)), Settings())


def test_a_cut_off_ringing_into_held_chords_is_the_outros_first_hit(tmp_path, shipped):
    # bars 1-12 16ths, bar 13 the cut-off (its chords ring through the bar), bars 14-16 one chord held each bar
    notes = band(range(1, 13), SIXTEENTHS, 0.2) + band([13], CUT_OFF, 3.9) + band(range(14, 17), (0.0,), 3.9)
    res = _drumify(shipped, tmp_path / "cut.mid", notes)
    assert [(s.bar, s.back_bar, s.held) for s in res.stops] == [(13, 16, True), (16, None, True)]
    assert any("holds its chords from bar 13 to the end" in m for m in res.messages)
    assert bar_hits(res, 12)[:, SNARE].any()  # the groove up to the cut-off
    cut = bar_hits(res, 13)
    assert cut[0, KICK] and cut[0, CRASH]  # with the band's cut-off
    assert not cut[1:].any()  # no time kept through it: the cymbal rings
    assert not bar_hits(res, 14).any() and not bar_hits(res, 15).any()
    last = bar_hits(res, 16)
    assert last[0, KICK] and last[0, CRASH] and not last[1:].any()


def test_a_short_cut_off_then_silence_is_hit_and_the_held_chords_come_in_on_a_hit(tmp_path, shipped):
    # the cut-off's chords are short (silence for the rest of its bar), then the held chords from bar 14
    notes = band(range(1, 13), SIXTEENTHS, 0.2) + band([13], CUT_OFF, 0.2) + band(range(14, 17), (0.0,), 3.9)
    res = _drumify(shipped, tmp_path / "short.mid", notes)
    assert [(s.bar, s.back_bar) for s in res.stops if s.held] == [(13, 14), (14, 16), (16, None)]
    cut = bar_hits(res, 13)
    assert cut[0, KICK] and cut[0, CRASH] and not cut[1:].any()
    first = bar_hits(res, 14)
    assert first[0, KICK] and first[0, CRASH] and not first[1:].any()
    assert not bar_hits(res, 15).any()
    # said as a cut-off, then the held chords (the note had said the band held its chords from bar 13)
    assert any(m.startswith("the band cuts off in bar 13 and holds its chords from bar 14 to the end") for m in
               res.messages), res.messages


def test_a_riff_that_rests_each_second_half_has_no_cut_off(tmp_path, shipped):
    # every bar of the song plays on 1 and its "and" only: the bar before the held chords is the band's riff,
    # no cut-off; the outro is its held chords alone, as before
    notes = band(range(1, 14), (0.0, 0.5, 1.0, 1.5), 0.2) + band(range(14, 17), (0.0,), 3.9)
    res = _drumify(shipped, tmp_path / "riff.mid", notes)
    assert [(s.bar, s.back_bar) for s in res.stops if s.held] == [(14, 16), (16, None)]
    # a "cut-off" after only 3 bars of rhythm (pads before them): the four bars before the held chords play,
    # so they are the outro as before, the bar before them played with
    notes = band(range(1, 10), (0.0,), 3.9) + band(range(10, 13), EIGHTHS, 0.2) + band([13], CUT_OFF, 3.9) \
        + band(range(14, 17), (0.0,), 3.9)
    res = _drumify(shipped, tmp_path / "short_rhythm.mid", notes)
    assert [(s.bar, s.back_bar) for s in res.stops if s.held] == [(14, 16), (16, None)]
