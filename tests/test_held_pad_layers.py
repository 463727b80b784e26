"""A pad held two bars a chord is the band playing (R11's drum and bass at 174): the reese bass leaving for bars
17-24 over the pad and coming back on 25 is a new section each time, as a drummer hears it (a fill into it, a
crash on it). The pad's second bar has no onset, and had read as a rest: no 4 bars there were compared, and the
drums played one loop from bar 3 to 32."""

import mido
import numpy as np
from conftest import save_tracks
from test_engine_song_form import TOM, bar_hits
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.settings import Settings

OUT, BACK, LAST = 17, 25, 32  # the bass leaves on bar 17, comes back on 25; the song's last bar
TPB = 480


def write(path, notes):
    """notes (beat, length in beats, pitch, velocity, channel) on a track per channel, at 174 BPM."""
    tracks = [[(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(174)))]]
    for chan in sorted({n[4] for n in notes}):
        evs = []
        for beat, length, pitch, vel, ch in notes:
            if ch == chan:
                evs += [(round(beat * TPB), 1, mido.Message("note_on", note=pitch, velocity=vel, channel=ch)),
                        (round((beat + length) * TPB), 0, mido.Message("note_off", note=pitch, velocity=0, channel=ch))]
        tracks.append([(t, m) for t, _, m in sorted(evs, key=lambda e: (e[0], e[1]))])
    return save_tracks(path, tracks, tpb=TPB)


def dnb(path, bass_out=range(OUT, BACK), pad_bars=2):
    """A bass in long notes (two a bar) on bars outside `bass_out`, a pad chord struck every `pad_bars` bars and
    held to the next."""
    notes = []
    for bar in range(1, LAST + 1):
        at = (bar - 1) * 4.0
        if bar not in bass_out:
            notes += [(at, 2.5, 29, 100, 1), (at + 2.75, 1.25, 29, 90, 1)] if bar % 2 else \
                [(at, 3.5, 29, 95, 1), (at + 3.5, 0.5, 32, 85, 1)]
        if (bar - 1) % pad_bars == 0:
            notes += [(at, 4.0 * pad_bars - 0.1, p, 60, 0) for p in (65, 68, 72)]
    return write(path, notes)


def test_a_bass_leaving_over_a_held_pad_and_coming_back_starts_a_section_each_time(tmp_path):
    """A fill into bar 17 and a crash on it, and the same into bar 25 where the bass comes back; drumify says so."""
    res = Engine(BarEndFills()).drumify(read_midi(dnb(tmp_path / "dnb.mid")), Settings())
    assert crash_bars(res) == [1, OUT, BACK]
    assert bar_hits(res, BACK - 1)[12:, TOM].any() and bar_hits(res, OUT - 1)[12:, TOM].any()
    assert not bar_hits(res, BACK - 5)[12:, TOM].any()  # (inside the pad's bars: played through)
    assert any(f"bars {OUT}, {BACK}" in m for m in res.messages), res.messages


def test_only_bars_a_note_is_held_over_count_as_played(tmp_path):
    """The pad's second bars are played; a bar the band rests in (only a short note's tail ringing into it) is
    not, so a stop's rest stays a rest. With the bass playing on, the held pad starts nothing."""
    from reagroove.core.sections import held_bars
    wins = extract_windows(read_midi(dnb(tmp_path / "dnb.mid")))
    assert {b for b in range(OUT, BACK) if b % 2 == 0} <= held_bars(wins.sounding, wins.bars, wins.meters,
                                                                       wins.starts, wins.end)
    notes = [((bar - 1) * 4.0 + t, 0.5, 40, 100, 1) for bar in (*range(1, 9), *range(11, 17)) for t in range(4)]
    notes += [(8 * 4.0 - 0.5, 1.0, 40, 100, 1)]  # the last stroke before the rest rings a half beat into bar 9
    wins = extract_windows(read_midi(write(tmp_path / "stop.mid", notes)))
    held = held_bars(wins.sounding, wins.bars, wins.meters, wins.starts, wins.end)
    assert not {9, 10} & held
    assert held_bars(None, wins.bars, wins.meters, wins.starts, wins.end) == set()
    res = Engine(BarEndFills()).drumify(read_midi(dnb(tmp_path / "on.mid", bass_out=())), Settings())
    assert crash_bars(res) == [1]
    assert np.isfinite(res.loops).all()
