"""A pad struck again on every bar before the band comes in (freedoom d_e4m7: the strings' whole notes for 4 bars,
the band in on bar 5) is an intro's texture: a quiet intro, no crash on its first bar and the drums softer, however
loud the pad. A chord struck once and held over those bars is the band's first hit (test_loud_opening_chord.py)."""

import mido
import pytest
from conftest import save_tracks
from test_engine_song_form import CRASH, KICK, SNARE, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.loop import N_VOICES
from reagroove.core.settings import Settings

TPB = 480


def song(path, strikes):
    """A power chord (E2, B2, E3) at velocity 100 struck at each beat of `strikes` (bars 1-4), held to the next, then
    from bar 5 a riff of 8ths at velocity 100 for 8 bars."""
    events = []

    def note(beat, pitch, vel, beats):
        on, off = round(beat * TPB), round((beat + beats) * TPB)
        events.extend([(on, mido.Message("note_on", note=pitch, velocity=vel)),
                       (off - 1, mido.Message("note_off", note=pitch, velocity=0))])

    for beat, until in zip(strikes, [*strikes[1:], 16.0]):
        for pitch in (40, 47, 52):
            note(beat, pitch, 100, until - beat)
    for k in range(8 * 8):
        note(16.0 + k * 0.5, (40, 47)[k % 4 == 3], 100, 0.4)
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(81))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    return save_tracks(path, [meta, sorted(events, key=lambda e: (e[0], e[1].type == "note_on"))], tpb=TPB)


def snare_level(res, windows):
    """The mean velocity of the snare's strokes in `windows`."""
    loops = res.loops[windows]
    return float(loops[..., N_VOICES + SNARE][loops[..., SNARE] > 0.5].mean())


def test_a_loud_pad_struck_on_every_bar_before_the_band_is_a_quiet_intro(tmp_path):
    """The pad at the band's own velocity, struck on each bar's 1: no crash on bar 1 (the crash where the band
    comes in on bar 5), said as a quiet intro, and the drums softer there than with the band."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "pad.mid", [0.0, 4.0, 8.0, 12.0])), Settings())
    assert 1 not in crash_bars(res) and 5 in crash_bars(res), crash_bars(res)
    assert any("quiet intro" in m for m in res.messages), res.messages
    intro, band = res.bars < 5, res.bars >= 5
    assert snare_level(res, intro) < snare_level(res, band)


def test_a_pad_struck_twice_a_bar_is_a_quiet_intro_too(tmp_path):
    """Half notes re-struck through the opening (8 strikes over 4 bars) are a pad's texture as well."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "half.mid", [2.0 * k for k in range(8)])),
                                        Settings())
    assert 1 not in crash_bars(res) and 5 in crash_bars(res), crash_bars(res)
    assert any("quiet intro" in m for m in res.messages), res.messages


def test_a_loud_chord_changed_once_and_held_is_still_the_bands_first_hit(tmp_path):
    """Two loud chords held two bars each (struck on bars 1 and 3) ring as the band's first hits, as one chord held
    four bars does: the crash and kick on bar 1, no quiet intro."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "two.mid", [0.0, 8.0])), Settings())
    first = bar_hits(res, 1)
    assert first[0, CRASH] and first[0, KICK]
    assert 1 in crash_bars(res) and not any("quiet intro" in m for m in res.messages), res.messages


def test_a_pad_pushed_ahead_of_each_bar_is_a_quiet_intro_too(tmp_path):
    """Each bar's strike after the first pushed a 16th early (on the bar before's last 16th): still one strike a
    bar, still the intro's texture."""
    strikes = [0.0, 3.75, 7.75, 11.75]
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "push.mid", strikes)), Settings())
    assert 1 not in crash_bars(res) and 5 in crash_bars(res), crash_bars(res)
    assert any("quiet intro" in m for m in res.messages), res.messages


@pytest.mark.parametrize("pickup", [(15.0, 15.5, 15.75), (14.0, 15.0, 15.5)])
def test_a_held_chord_with_the_bands_pickup_is_still_the_bands_first_hit(tmp_path, pickup):
    """One loud chord struck on bar 1 and held, then the band's three-note pickup into bar 5: four strikes over four
    bars had read as a pad struck every bar (a quiet intro, no crash on bar 1): the strikes are counted by the bars
    they fall in."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "pick.mid", [0.0, *pickup])), Settings())
    assert 1 in crash_bars(res) and not any("quiet intro" in m for m in res.messages), res.messages
