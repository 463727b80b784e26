"""A keys part playing alone for 8 bars (its left hand low, as busy as the band after it) before bass and lead come
in at an "Introduction"/"Verse" marker pair: a drummer plays it as a quiet intro (freedoom's d_e1m8: silent there),
not the full groove with a crash on bar 1, and crashes where the band comes in."""

import mido
from conftest import save_tracks
from test_engine_song_form import SNARE
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

TPB = 480
N_VOICES = 9


def song(path, intro_parts=1):
    """Keys (left hand C2, chord on every 8th) bars 1-16; from bar 9 a bass (a pickup note into it on bar 8's
    last 8th) and a lead on the 8ths too (intro_parts 3: they play from bar 1). Markers "Introduction" on bar 1
    and "Verse 1" on bar 9."""
    def part(channel, pitch, first_bar, beats=(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)):
        events = []
        for bar in range(first_bar, 17):
            for b in beats:
                on = round(((bar - 1) * 4 + b) * TPB)
                for p in ((pitch,) if channel else (36, 60, 64, 67)):
                    events += [(on, mido.Message("note_on", channel=channel, note=p, velocity=90)),
                               (on + TPB // 2 - 1, mido.Message("note_off", channel=channel, note=p, velocity=0))]
        return events

    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(110))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4)),
            (0, mido.MetaMessage("marker", text="Introduction")),
            (8 * 4 * TPB, mido.MetaMessage("marker", text="Verse 1"))]
    joins = 1 if intro_parts == 3 else 9
    bass = part(1, 36, joins, (0.0, 1.0, 1.5, 2.5, 3.0))
    pickup = round((7 * 4 + 3.5) * TPB)  # the bass's pickup into bar 9: a low note in the intro's last bar
    bass += [(pickup, mido.Message("note_on", channel=1, note=43, velocity=90)),
             (pickup + TPB // 2 - 1, mido.Message("note_off", channel=1, note=43, velocity=0))]
    return save_tracks(path, [meta, part(0, 0, 1), bass,
                              part(2, 76, joins, (0.0, 0.5, 1.5, 2.0, 3.0, 3.5))], tpb=TPB)


def snare_velocity(res, first, last):
    """The mean velocity of the snare hits in bars first-last (windows of two 4/4 bars)."""
    rows = [w for w in range(len(res.bars)) if first <= int(res.bars[w]) <= last]
    hits = res.loops[rows, :, SNARE] > 0.5
    return float(res.loops[rows, :, N_VOICES + SNARE][hits].mean())


def test_a_part_alone_before_the_band_is_a_quiet_intro(tmp_path):
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "alone.mid")), Settings())
    assert any("quiet intro" in m for m in res.messages), res.messages
    assert 1 not in crash_bars(res) and 9 in crash_bars(res)
    assert snare_velocity(res, 1, 7) < 0.95 * snare_velocity(res, 9, 15)


def test_the_whole_band_from_bar_1_keeps_its_opening_crash(tmp_path):
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "band.mid", intro_parts=3)), Settings())
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert 1 in crash_bars(res)
