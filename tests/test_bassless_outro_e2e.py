"""Drumify over keys playing on 7 bars after the bass lands on bar 9: a kick and a crash on bar 9, nothing after it,
and the note says so (stop_time.band_stops reads the outro, thinned_outro.py). A full band playing on without its
bass is no outro: the drums play on with it."""

import mido
from conftest import save_tracks
from test_bassless_outro import song
from test_engine_song_form import CRASH, KICK, bar_hits
from test_meter_fills_and_backbeats import BarEndFills

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def test_drumify_ends_with_the_bass_and_lays_out(tmp_path):
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "outro.mid")), Settings())
    hit = bar_hits(res, 9)
    assert hit[0, KICK] and hit[0, CRASH] and not hit[1:].any()
    assert not any(bar_hits(res, b).any() for b in range(10, 17))
    assert bar_hits(res, 7).any()  # the groove up to it
    assert any("the bass leaves on bar 9" in m for m in res.messages), res.messages


def rock_band(path, bars=24, bass_bars=16, tail_velocity=None):
    """A 130 BPM rock band: guitar 8ths (velocity 110), keys on every beat, a lead line, all bars 1-`bars`, and a
    bass in 8ths bars 1-bass_bars that lands on the next downbeat and leaves; with tail_velocity the band plays at
    that velocity after the bass has left."""
    def notes(channel, pitches, beats, vel):
        out = []
        for beat in beats:
            on, v_on = round(beat * 480), vel if tail_velocity is None or beat <= bass_bars * 4.0 else tail_velocity
            out += [(on + k, mido.Message(kind, channel=channel, note=p, velocity=v))
                    for p in pitches for k, kind, v in ((0, "note_on", v_on), (190, "note_off", 0))]
        return out
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(130))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    keys = notes(0, (60, 64, 67), [float(k) for k in range(bars * 4)], 100)
    bass = notes(1, (40,), [k / 2 for k in range(bass_bars * 8)] + [bass_bars * 4.0], 110)
    guitar = notes(2, (52, 59, 64), [k / 2 for k in range(bars * 8)], 110)
    lead = notes(3, (76,), [b * 4 + t for b in range(bars) for t in (0.0, 1.5, 2.0, 3.5)], 100)
    return save_tracks(path, [meta, keys, bass, guitar, lead], tpb=480)


def test_a_full_band_playing_on_without_its_bass_keeps_the_drums_playing(tmp_path):
    """The bass lands on bar 17 and leaves; guitar, keys and lead play on at full level to bar 24: the drums keep
    time with them to the end (they had hit bar 17 and laid out for 8 bars under a full band)."""
    res = Engine(BarEndFills()).drumify(read_midi(rock_band(tmp_path / "rock.mid")), Settings())
    assert all(bar_hits(res, b)[:, KICK].any() and bar_hits(res, b)[4:].any() for b in range(18, 25))
    assert not any("the bass leaves" in m for m in res.messages), res.messages


def test_the_notes_say_what_the_drums_play_in_the_outro(tmp_path):
    """The keys change figure on bar 10 inside the outro: no "new section (a fill into it, a crash on it)" note for
    it, the drums laid out there. With the keys ending on a held chord in bar 16, the drums come back for one hit
    on it: the note says so, not "they fill into it" (bar 15 is silent) nor "lay out to the end"."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "outro.mid")), Settings())
    assert not any("new section" in m and "bar 10" in m for m in res.messages), res.messages
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "chord.mid", last_chord=True)), Settings())
    assert bar_hits(res, 16)[0, CRASH] and not any(bar_hits(res, b).any() for b in range(10, 16))
    said = " ".join(res.messages)
    assert "come back for one hit on it" in said and "bar 16" in said, res.messages
    assert not any("the drums fill into it" in m for m in res.messages), res.messages
    assert not any("new section" in m and "bar 10" in m for m in res.messages), res.messages


def test_the_band_playing_on_much_softer_without_its_bass_is_an_outro(tmp_path):
    """The same band dropping to velocity 50 when the bass leaves: a quiet outro, the drums end with the bass."""
    res = Engine(BarEndFills()).drumify(read_midi(rock_band(tmp_path / "soft.mid", tail_velocity=50)), Settings())
    assert any("the bass leaves on bar 17" in m for m in res.messages), res.messages
    assert not any(bar_hits(res, b).any() for b in range(18, 25))
