"""Two parts open the song for 4 bars, then the band comes in on bar 5: a drummer keeps time there (kick and hats)
and leaves the backbeat out (freedoom's drummers over 4-7 bar openings of 1-2 parts: no backbeat in 16 of 19;
core/opening_time.py); a section marked where the band comes in keeps its fill and crash. A third part in the opening, or one part for the whole song,
is the band's own groove from bar 1."""

import mido
import numpy as np
from conftest import save_tracks
from test_lone_part_entry import part as lone_part
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.limbs import CLOSED_HAT, KICK, LOW_TOM, RIDE, SNARE
from reagroove.core.settings import Settings

TPB = 480
BARS = 16
EIGHTHS = tuple(i / 2 for i in range(8))


def part(channel, pitches, first_bar, beats, last_bar=BARS):
    """One part's notes (all `pitches` on each of `beats`) from first_bar to last_bar (test_lone_part_entry's)."""
    return lone_part(channel, pitches, first_bar, beats, last_bar)


def song(path, opening_parts=2, band_from=5):
    """A bass on 8ths and keys on the beat from bar 1 (and a lead from bar 1 where opening_parts is 3); an arpeggio
    on 8ths and the lead (where not in already) from band_from: 16 bars of 4/4 at 120."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    tracks = [meta, part(0, (36,), 1, EIGHTHS), part(1, (60, 64, 67), 1, (0.0, 1.0, 2.0, 3.0)),
              part(2, (76,), 1 if opening_parts >= 3 else band_from, (0.0, 1.5, 2.5, 3.0)),
              part(3, (72,), band_from, EIGHTHS)]
    return save_tracks(path, tracks, tpb=TPB)


def one_part(path):
    """A synth line on 8ths, alone for the whole song."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)))]
    return save_tracks(path, [meta, part(0, (40, 52), 1, EIGHTHS)], tpb=TPB)


def pickup_song(path, band_from=6):
    """song's bass and keys from bar 2 after a pickup (the bass on beat 4 of bar 1), the band from band_from."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    pickup = [(3 * TPB, mido.Message("note_on", channel=0, note=36, velocity=90)),
              (4 * TPB - 1, mido.Message("note_off", channel=0, note=36, velocity=0))]
    tracks = [meta, pickup + part(0, (36,), 2, EIGHTHS, BARS + 1),
              part(1, (60, 64, 67), 2, (0.0, 1.0, 2.0, 3.0), BARS + 1),
              part(2, (76,), band_from, (0.0, 1.5, 2.5, 3.0), BARS + 1), part(3, (72,), band_from, EIGHTHS, BARS + 1)]
    return save_tracks(path, tracks, tpb=TPB)


def drumify(path, settings=None, **kw):
    return Engine(BarEndFills()).drumify(read_midi(path), settings or Settings(), **kw)


def bar_hits(res, bar, voice):
    """The 16 steps of a 4/4 bar where `voice` plays, found in the windows drumify played (res.bars)."""
    w = max(k for k, b in enumerate(res.bars) if 1 <= b <= bar)
    return np.asarray(res.loops[w, (bar - res.bars[w]) * 16:(bar - res.bars[w] + 1) * 16, voice] > 0.5)


def kept_line(res):
    return [m for m in res.messages if "keep time" in m]


def hits(loops, bar, voice):
    """The 16 steps of a bar (4/4, two bars a window from bar 1) where `voice` plays."""
    w, half = divmod(bar - 1, 2)
    return np.asarray(loops[w, half * 16:(half + 1) * 16, voice] > 0.5)


def backbeats(loops, bars):
    """The snares on beats 2 and 4 of `bars`."""
    return sum(int(hits(loops, b, SNARE)[[4, 12]].sum()) for b in bars)


def keeps_time(loops, bars):
    """Kick and hats in each of `bars`: the hats on half its 8ths or more."""
    return all(hits(loops, b, KICK).any() and hits(loops, b, CLOSED_HAT)[::2].sum() >= 4 for b in bars)


def test_a_two_part_opening_keeps_time_without_the_backbeat(tmp_path):
    res = drumify(song(tmp_path / "duo.mid"))
    assert backbeats(res.loops, (1, 2, 3)) == 0 and not hits(res.loops, 4, SNARE)[4]
    assert keeps_time(res.loops, (1, 2, 3))
    assert backbeats(res.loops, (5, 6, 7, 8)) == 8  # the band's groove from its entry
    said = [m for m in res.messages if "keep time" in m]
    assert said == ["bars 1-4 open with 2 parts before the band comes in on bar 5 (4 parts): the drums keep time "
                    "there (kick, ride and hats, no backbeat) and play the backbeat from bar 5"], res.messages
    # (the stand-in model's groove plays a ride over its hats: said as played)


def test_a_section_where_the_band_comes_in_keeps_its_fill_and_crash(tmp_path):
    res = drumify(song(tmp_path / "duo.mid"), section_bars=(5,))  # (a marker on bar 5)
    assert backbeats(res.loops, (1, 2, 3)) == 0 and keeps_time(res.loops, (1, 2, 3))
    assert hits(res.loops, 4, LOW_TOM)[12:].any()  # the fill into the band
    assert 5 in crash_bars(res)  # (and bar 1's, as the song's first hit)
    assert any("keep time" in m and m.endswith("fill into bar 5, a crash on it") for m in res.messages), \
        res.messages


def test_every_path_of_a_whole_song_keeps_time_in_it(tmp_path):
    path = song(tmp_path / "duo.mid")
    engine = Engine(BarEndFills())
    versions = engine.variations_of(engine.drumify(read_midi(path), Settings()), Settings(), 3)
    assert all(backbeats(v, (1, 2, 3)) == 0 and backbeats(v, (5, 6)) == 4 for v in versions)
    first = drumify(path, bars=(1, 8))  # drummed from bar 1: the song's opening
    assert backbeats(first.loops, (1, 2, 3)) == 0 and backbeats(first.loops, (5, 6)) == 4
    assert any("keep time" in m for m in first.messages), first.messages


def test_a_third_part_in_the_opening_keeps_its_groove(tmp_path):
    trio = drumify(song(tmp_path / "trio.mid", opening_parts=3))
    duo = drumify(song(tmp_path / "duo.mid"))
    assert backbeats(trio.loops, (1, 2, 3)) == 6 and 1 in crash_bars(trio)
    assert not any("keep time" in m for m in trio.messages), trio.messages
    assert backbeats(duo.loops, (1, 2, 3)) == 0  # one part fewer: the drums keep time


def test_one_part_for_the_whole_song_keeps_its_groove(tmp_path):
    alone = drumify(one_part(tmp_path / "alone.mid"))
    duo = drumify(song(tmp_path / "duo.mid"))
    assert backbeats(alone.loops, (1, 2, 3)) == 6 and 1 in crash_bars(alone)
    assert not any("keep time" in m for m in alone.messages), alone.messages
    assert backbeats(duo.loops, (1, 2, 3)) == 0


def test_an_opening_of_eight_bars_keeps_its_groove(tmp_path):
    # (8-16 bar openings: 10 of 19 drummers without a backbeat, no rule to build on)
    long = drumify(song(tmp_path / "long.mid", band_from=9))
    duo = drumify(song(tmp_path / "duo.mid"))
    assert backbeats(long.loops, (1, 2, 3)) == 6 and not any("keep time" in m for m in long.messages)
    assert backbeats(duo.loops, (1, 2, 3)) == 0


def test_a_band_coming_in_on_a_window_s_second_bar_gets_its_backbeat_there(tmp_path):
    # (the windows are bars 5-6: bar 5 still the duo's, its backbeat had come a bar early, and the line with it)
    res = drumify(song(tmp_path / "duo6.mid", band_from=6))
    assert not any(bar_hits(res, b, SNARE)[[4, 12]].any() for b in (1, 2, 3, 4, 5))
    assert all(bar_hits(res, b, SNARE)[[4, 12]].all() for b in (6, 7, 8))
    assert kept_line(res) and kept_line(res)[0].startswith("bars 1-5 open with 2 parts before the band comes in "
                                                           "on bar 6"), res.messages
    assert kept_line(res)[0].endswith("play the backbeat from bar 6")


def test_a_reggae_or_latin_opening_keeps_no_loud_snare_before_the_band(tmp_path):
    # (the one-drop's, the clave's loud hit on beat 3 had stayed alone in the opening's last bar)
    path = song(tmp_path / "duo.mid")
    for genre in ("reggae", "latin"):
        res = drumify(path, Settings(genre={genre: 1.0}))
        for b in (1, 2, 3, 4):
            snare = np.asarray(res.loops[(b - 1) // 2, (b - 1) % 2 * 16:(b - 1) % 2 * 16 + 16, 9 + SNARE])
            assert not bar_hits(res, b, SNARE)[::4].any() and (snare < 0.4).all(), (genre, b, snare)
        assert bar_hits(res, 5, SNARE).any() or bar_hits(res, 6, SNARE).any(), genre  # (the band's groove)


def test_a_range_is_told_only_its_own_bars_of_the_opening(tmp_path):
    path = song(tmp_path / "duo.mid")
    assert not kept_line(drumify(path, bars=(5, 12)))  # (from the band's entry: the backbeat, nothing kept)
    said = kept_line(drumify(path, bars=(3, 10)))
    assert len(said) == 1 and said[0].startswith("bars 3-4 open with 2 parts before the band comes in on bar 5"), said


def test_the_line_names_the_voices_that_keep_time(tmp_path):
    path = song(tmp_path / "duo.mid")
    no_hats = drumify(path, Settings(voice_groups={"hats": False}))
    assert bar_hits(no_hats, 2, RIDE).any() and bar_hits(no_hats, 2, KICK).any()
    assert "(kick and ride, no backbeat)" in kept_line(no_hats)[0], no_hats.messages
    no_kick = drumify(path, Settings(voice_groups={"kick": False}))  # (the stand-in plays a ride over its hats)
    assert "(ride and hats, no backbeat)" in kept_line(no_kick)[0], no_kick.messages


def test_a_pickup_bar_is_no_bar_of_the_opening(tmp_path):
    said = kept_line(drumify(pickup_song(tmp_path / "pick6.mid")))
    assert said and said[0].startswith("bars 2-5 open with 2 parts before the band comes in on bar 6"), said
    # the band on bar 9, its window bars 8-9: the opening is bars 2-8, the backbeat from 9
    res = drumify(pickup_song(tmp_path / "pick9.mid", band_from=9))
    assert kept_line(res) and kept_line(res)[0].startswith("bars 2-8 open with 2 parts before the band comes in "
                                                           "on bar 9"), res.messages
    assert not bar_hits(res, 8, SNARE)[[4, 12]].any() and bar_hits(res, 9, SNARE)[[4, 12]].all()
