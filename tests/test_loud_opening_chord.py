"""A part that opens on a loud power chord held over 4 bars before the riff comes in: a drummer hits that chord
with a crash and a kick. Read from onsets alone it had been a quiet intro (no crash on its first bar)."""

import mido
from conftest import save_tracks
from test_engine_song_form import CRASH, KICK, TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

TPB = 480


def song(path, chord_velocity, chord_beats=16.0):
    """A power chord (E2, B2, E3) on bar 1 held `chord_beats`, then from bar 5 a riff of 8ths at velocity 100 for 8
    bars."""
    events = []

    def note(beat, pitch, vel, beats):
        on, off = round(beat * TPB), round((beat + beats) * TPB)
        events.extend([(on, mido.Message("note_on", note=pitch, velocity=vel)),
                       (off - 1, mido.Message("note_off", note=pitch, velocity=0))])

    for pitch in (40, 47, 52):
        note(0.0, pitch, chord_velocity, chord_beats)
    for k in range(8 * 8):
        note(16.0 + k * 0.5, (40, 47)[k % 4 == 3], 100, 0.4)
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    return save_tracks(path, [meta, sorted(events, key=lambda e: (e[0], e[1].type == "note_on"))], tpb=TPB)


def test_a_loud_chord_held_over_the_opening_gets_the_crash_and_kick(tmp_path):
    """No quiet intro, and no rest in bars 2-4 where the chord rings: the riff coming in on bar 5 is still a
    section (a fill into it, a crash on it), said as the band changing what it plays."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "chord.mid", 100)), Settings())
    first = bar_hits(res, 1)
    assert first[0, CRASH] and first[0, KICK]
    assert crash_bars(res) == [1, 5] and bar_hits(res, 4)[12:, TOM].any()
    assert not any("quiet intro" in m or "rests in" in m for m in res.messages), res.messages
    assert any("the band changes what it plays in bar 5" in m for m in res.messages), res.messages


def test_a_soft_held_chord_or_a_short_stab_is_still_a_quiet_intro(tmp_path):
    """A pad at velocity 40 under a riff at 100, or the chord let go after a beat (the bars after it silent): the
    band comes in on bar 5, and that is where the crash is."""
    for name, velocity, beats in (("pad.mid", 40, 16.0), ("stab.mid", 100, 1.0)):
        res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / name, velocity, beats)), Settings())
        assert 1 not in crash_bars(res) and 5 in crash_bars(res), name
        assert any("quiet intro" in m for m in res.messages), (name, res.messages)
        assert any("the music rests in bars 2-4" in m for m in res.messages), (name, res.messages)
