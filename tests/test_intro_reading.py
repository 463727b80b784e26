"""Which openings are a quiet intro (core/intro_reading.py, lone_part_intro.py), as freedoom's drummers play them.

A drummer's review (the band alone, its drums removed): d_dm08 and d_e3m6 open with a loud riff, guitar and bass at
velocity 100-125 from bar 1, read as a 16-bar quiet intro (soft drums, no crash until bar 17; their drummers crash
on bar 1 / play a groove); d_map20 opens with 16 bars of acoustic guitar that parts join one by one (its drummer
silent until a pickup in bar 16), played with the full groove and a crash on bar 1. Over freedoom's 60 openings of
2-16 bars before the engine's first section (drummers playing after them), openings the drummers play as an intro
(no crash on bar 1, silent, thinner or softer): 21; the engine's intros 23 -> 17, the drummers' among them 8 -> 11
(precision 35% -> 65%, recall 38% -> 52%); /tmp/N/measure.py, feat.py, rules.py. The intro's note names its bars."""

from pathlib import Path

import mido
import numpy as np
import pytest
from conftest import save_tracks
from test_engine_song_form import SNARE
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

FREEDOOM = Path(__file__).resolve().parents[2] / "shared" / "data" / "freedoom-midi"
TPB = 480
N_VOICES = 9
CRASH = 7


def part(channel, pitches, bars, steps, velocity=110):
    """Notes on 16th steps (0-15) of each bar in `bars`, each pitch of the chord `pitches`, a 16th long."""
    events = []
    for bar in bars:
        for s in steps:
            on = round(((bar - 1) * 4 + s / 4) * TPB)
            for p in pitches:
                events += [(on, mido.Message("note_on", channel=channel, note=p, velocity=velocity)),
                           (on + TPB // 4 - 1, mido.Message("note_off", channel=channel, note=p, velocity=0))]
    return events


def meta(markers=()):
    return [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4)),
            *((round((bar - 1) * 4 * TPB), mido.MetaMessage("marker", text=text)) for bar, text in markers)]


def loud_riff(path):
    """A guitar's power chord (E2-B2-E3) on every beat and the bass's 8ths (E1), both at velocity 110, from bar 1;
    a lead's 16ths join them on bar 9 (markers "Intro" on bar 1, "Verse" on bar 9): the band's riff, then busier."""
    eighths, beats = range(0, 16, 2), range(0, 16, 4)
    return save_tracks(path, [meta(((1, "Intro"), (9, "Verse"))), part(0, (40, 47, 52), range(1, 17), beats),
                              part(1, (28,), range(1, 17), eighths), part(2, (76,), range(9, 17), range(16))],
                       tpb=TPB)


def lone_guitar_then_band(path):
    """An acoustic guitar strumming 8ths low (E2-A2-E3: the low register, as d_map20's) alone for 4 bars; a part
    joins it on the same 8ths on bars 5, 9 and 13 (no new onset); on bar 17 (a "Verse" marker) a bass and a lead
    come in, the lead pushing 16ths between the 8ths."""
    eighths = range(0, 16, 2)
    tracks = [meta(((17, "Verse"),)), part(0, (40, 45, 52), range(1, 25), eighths, 90)]
    tracks += [part(1 + k, (67 + 5 * k,), range(bar, 25), eighths, 80) for k, bar in enumerate((5, 9, 13))]
    pushed = (0, 2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15)
    tracks += [part(4, (28,), range(17, 25), eighths), part(5, (79,), range(17, 25), pushed)]
    return save_tracks(path, tracks, tpb=TPB)


def said_bars_1_16(message):
    """The intro's note names its bars: 1-16 where the engine tells form_notes the part's first bar, else up to 16;
    and the band's entrance, bar 17."""
    return ("quiet intro in bars 1-16:" in message or "quiet intro up to bar 16:" in message) and "(bar 17)" in message


def crashes_on(res, bar):
    """Whether the drums crash on bar `bar`'s downbeat (2-bar windows of 4/4)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    return bool(res.loops[w, 16 * (bar - int(res.bars[w])), CRASH] > 0.5)


def snare_velocity(res, first, last):
    rows = [w for w in range(len(res.bars)) if first <= int(res.bars[w]) <= last]
    hits = res.loops[rows, :, SNARE] > 0.5
    return float(res.loops[rows, :, N_VOICES + SNARE][hits].mean())


def test_a_loud_riff_from_bar_1_is_no_quiet_intro(tmp_path):
    """d_dm08's opening: the band's riff at full level, the band busier from bar 9. A crash on bar 1, the drums as
    loud there as after, no quiet intro said (it had been: soft drums, no crash until bar 9)."""
    res = Engine(BarEndFills()).drumify(read_midi(loud_riff(tmp_path / "riff.mid")), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert crashes_on(res, 1)
    assert snare_velocity(res, 1, 7) >= 0.95 * snare_velocity(res, 9, 15)


def test_a_lone_guitar_the_band_builds_on_is_a_quiet_intro_named_by_its_bars(tmp_path):
    """d_map20's opening: one part alone, parts joining it, the band on bar 17. A quiet intro said with its bars,
    no crash on bar 1, the crash on 17, the drums softer before it (they had crashed on bar 1, full groove)."""
    res = Engine(BarEndFills()).drumify(read_midi(lone_guitar_then_band(tmp_path / "lone.mid")), Settings())
    said = [m for m in res.messages if "quiet intro" in m]
    assert said and said_bars_1_16(said[0]), res.messages
    assert 1 not in crash_bars(res) and 17 in crash_bars(res)
    assert snare_velocity(res, 1, 15) < 0.95 * snare_velocity(res, 17, 23)


def test_two_bars_before_a_section_are_no_intro():
    from reagroove.core.intro_reading import band_from_bar_one, intro_bars

    steps = np.zeros((4, 32), bool)
    steps[:, ::8] = True
    opening, after = np.array([True, False, False, False]), np.array([False, True, True, False])
    assert band_from_bar_one(steps, None, opening, opening, after)  # (a pickup's two bars)
    assert intro_bars([9, 17]) == (1, 8) and intro_bars([5, 13], 5) == (5, 12) and intro_bars([]) is None


@pytest.mark.skipif(not (FREEDOOM / "d_map20.mid").is_file(), reason="freedoom-midi not here")
def test_freedoom_the_drummers_intros(shipped):
    """d_map20: a quiet intro in bars 1-16 (its drummer silent), the crash on 17; d_dm08: its riff from bar 1 gets
    the crash on bar 1 and no quiet intro, as its drummer plays it."""
    res = shipped.drumify(read_midi(FREEDOOM / "d_map20.mid"), Settings())
    assert any("quiet intro" in m and said_bars_1_16(m) for m in res.messages), res.messages
    assert not crashes_on(res, 1) and crashes_on(res, 17)
    res = shipped.drumify(read_midi(FREEDOOM / "d_dm08.mid"), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert crashes_on(res, 1)


def test_a_pickup_before_a_quiet_intro_leaves_its_bars_said_from_the_first_whole_bar(tmp_path):
    """Bars 1-3 empty, a bass pickup in bar 4, the bass alone from bar 5 and the band from bar 13: the intro had been
    said as "bars 1-12", counted from the pickup's window (numbered bar 0); it is bars 5-12."""
    eighths, beats = range(0, 16, 2), range(0, 16, 4)
    path = save_tracks(tmp_path / "pickup_intro.mid", [
        meta(), part(1, (28,), range(5, 29), eighths), part(1, (28,), [4], [12, 14]),
        part(0, (40, 47, 52), range(13, 29), beats), part(2, (76,), range(13, 29), range(16))], tpb=TPB)
    res = Engine(BarEndFills()).drumify(read_midi(path), Settings())
    said = [m for m in res.messages if "quiet intro" in m]
    assert said and "in bars 5-12" in said[0] and "(bar 13)" in said[0], res.messages
