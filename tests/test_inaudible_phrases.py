"""Band notes too soft to hear are silence to every reader of where the music starts (core/inaudible_notes.py
heard_notes): a pad struck at velocity 4 in bars 1-2 of a band coming in on bar 3 had counted the phrases from bar 1
(`--fill-every 4bars`: a fill in bar 4, crashes on 5, 9, 13) where the same band after two silent bars crashes on
3, 7, 11, 15. And the line saying such notes names their bars, as the ruler numbers them, only where the bars drummed
hold some (d_dm19's "18 band notes at velocity 4 or softer" named none of bars 48, 72 and 88, and said it of
`--bars 1-8`)."""

import numpy as np
import pytest
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.form_notes import within_music
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings
from reagroove.reaper_ext.song_phrases import song_before

LAST = 16
SOFT = "too soft to hear over the band, read as silence"


def band(make_midi, first=3, pad_velocity=None, pad_bars=(1, 2), name="band.mid"):
    """A bass on 8ths and a lead from bar `first` to LAST; with `pad_velocity`, a pad's chord struck at it on beat 3
    of each of `pad_bars` (its own part, striking nothing louder there)."""
    bass = [((b - 1) * 4.0 + t / 2, 40, 100, 0) for b in range(first, LAST + 1) for t in range(8)]
    lead = [((b - 1) * 4.0 + t, 72, 90, 1) for b in range(first, LAST + 1) for t in (0.0, 1.5, 2.0, 3.5)]
    pad = [] if pad_velocity is None else [((b - 1) * 4.0 + 2.0, p, pad_velocity, 2) for b in pad_bars
                                           for p in (48, 52, 55)]
    return read_midi(make_midi(sorted(bass + lead + pad), name=name, length=0.25))


def fill_bars(res):
    return [b for b in range(1, LAST + 1) if b >= int(res.bars[0]) and bar_hits(res, b)[:, TOM].any()]


@pytest.mark.parametrize("bars", [None, (5, 16)])
def test_a_pad_nobody_hears_before_the_band_counts_no_phrase(make_midi, bars):
    settings = Settings(fill_every=2)  # --fill-every 4bars
    silent = Engine(BarEndFills()).drumify(band(make_midi, name="silent.mid"), settings, bars=bars)
    soft = Engine(BarEndFills()).drumify(band(make_midi, pad_velocity=4, name="pad.mid"), settings, bars=bars)
    assert crash_bars(soft) == crash_bars(silent) == ([3, 7, 11, 15] if bars is None else [7, 11, 15])
    assert fill_bars(soft) == fill_bars(silent) == [6, 10, 14]
    assert np.array_equal(soft.loops, silent.loops)
    said = "6 band notes at velocity 4 or softer in bars 1-2: " + SOFT
    assert (said in soft.messages) == (bars is None), soft.messages  # (a range after them: no line)


def test_the_line_names_the_bars_of_the_notes_left_out(make_midi):
    content = band(make_midi, first=1, pad_velocity=3, pad_bars=(4, 5, 6, 12))
    said = "12 band notes at velocity 3 or softer in bars 4-6 and 12: " + SOFT
    assert said in Engine(BarEndFills()).drumify(content, Settings()).messages
    # as REAPER's ruler numbers them (a project whose ruler starts at bar 5: measure offset 4)
    ruled = extract_windows(content, ruler=4).messages
    assert "12 band notes at velocity 3 or softer in bars 8-10 and 16: " + SOFT in ruled, ruled


def test_bars_holding_none_of_them_say_nothing_of_them(make_midi):
    content = band(make_midi, first=1, pad_velocity=3, pad_bars=(12,))
    early = Engine(BarEndFills()).drumify(content, Settings(), bars=(1, 8))
    assert not any(SOFT in m for m in early.messages), early.messages
    late = Engine(BarEndFills()).drumify(content, Settings(), bars=(9, 16))
    assert "3 band notes at velocity 3 or softer in bar 12: " + SOFT in late.messages, late.messages


def test_nor_where_it_ends_or_the_song_before_a_selection(make_midi):
    # a pad nobody hears in bar 17, after the band's last bar (and one in 18, the file's end marker): a marker on 17
    # starts no section (a fill into a silent bar), as on a bar after the band with nothing in it
    assert within_music([9, 17], band(make_midi, first=1, pad_velocity=3, pad_bars=(17, 18))) == [9]
    # REAPER: a selected item from bar 3 whose track plays only such a pad before it opens the song (its drums come
    # in with the band), no rest in it drummed through
    song = band(make_midi, pad_velocity=4, name="pad.mid")
    assert not song_before(song, {}, 8.0) and song_before(band(make_midi, first=1, name="early.mid"), {}, 8.0)
