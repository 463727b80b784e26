"""A bass playing alone for 4 bars before two parts join it on bar 5, no section heard there (the band's joins are
left alone in a song's first 8 bars): a drummer plays the 4 bars as a quiet intro (freedoom's d_dm16: hats alone,
a crash where the band comes in), not the full groove with a crash on bar 1. A band that joins only in part (one
part joining, or the second part a phrase later) is the bass's duo, its groove from bar 1."""

import mido
from conftest import save_tracks
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

TPB = 480
BARS = 24


def part(channel, pitches, first_bar, beats, last_bar=BARS):
    """One part's notes (all `pitches` on each of `beats`) from first_bar to last_bar."""
    events = []
    for bar in range(first_bar, last_bar + 1):
        for b in beats:
            on = round(((bar - 1) * 4 + b) * TPB)
            for p in pitches:
                events += [(on, mido.Message("note_on", channel=channel, note=p, velocity=90)),
                           (on + TPB // 2 - 1, mido.Message("note_off", channel=channel, note=p, velocity=0))]
    return events


def song(path, keys_from=5, lead_from=5):
    """A synth bass on 8ths from bar 1; keys chords on the beat from keys_from and a lead from lead_from (None: no
    lead), to bar 24."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    tracks = [meta, part(0, (36,), 1, (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5)),
              part(1, (60, 64, 67), keys_from, (0.0, 1.0, 2.0, 3.0))]
    if lead_from is not None:
        tracks.append(part(2, (76,), lead_from, (0.0, 1.5, 2.5, 3.0)))
    return save_tracks(path, tracks, tpb=TPB)


def drumify(path):
    return Engine(BarEndFills()).drumify(read_midi(path), Settings())


def test_a_bass_alone_until_the_band_joins_on_bar_5_is_a_quiet_intro(tmp_path):
    res = drumify(song(tmp_path / "alone.mid"))
    assert any("quiet intro in bars 1-4" in m for m in res.messages), res.messages
    assert any("join in bar 5" in m for m in res.messages), res.messages  # why the drums crash there
    crashes = crash_bars(res)
    assert 1 not in crashes and 5 in crashes


def test_one_part_joining_the_bass_keeps_the_groove_from_bar_1(tmp_path):
    res = drumify(song(tmp_path / "duo.mid", lead_from=None))
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert 1 in crash_bars(res)


def test_the_band_joining_in_part_keeps_the_groove_from_bar_1(tmp_path):
    # the lead joins a phrase after the keys: bars 5-8 are the bass's duo with the keys, no band yet
    res = drumify(song(tmp_path / "late.mid", lead_from=9))
    assert not any("quiet intro" in m for m in res.messages), res.messages
    assert 1 in crash_bars(res)
