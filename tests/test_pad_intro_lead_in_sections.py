"""A pad intro with the band's pickup into its entrance (lead_in_bars.py): still a quiet intro, the crash on the
band's first hit. A chord struck once and held, with the pickup, is the band's first hit (test_pad_intro.py)."""

import mido
import pytest
from conftest import save_tracks
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

TPB = 480


def song(path, pickup):
    """A pad (E3, B3, E4, velocity 100) struck on each bar's 1 of bars 1-4, the bass's `pickup` (beats) into bar 5,
    then the bass's riff of 8ths for 8 bars, each on its own channel and track."""
    tracks: dict[int, list] = {0: [], 1: []}

    def note(channel, beat, pitch, beats):
        on, off = round(beat * TPB), round((beat + beats) * TPB)
        tracks[channel] += [(on, mido.Message("note_on", note=pitch, velocity=100, channel=channel)),
                            (off - 1, mido.Message("note_off", note=pitch, velocity=0, channel=channel))]

    for bar in range(4):
        for pitch in (52, 59, 64):
            note(1, bar * 4.0, pitch, 4.0)
    for beat in pickup:
        note(0, beat, 40, 0.2)
    for k in range(8 * 8):
        note(0, 16.0 + k * 0.5, (40, 47)[k % 4 == 3], 0.4)
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(81))),
            (0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    ordered = [sorted(t, key=lambda e: (e[0], e[1].type == "note_on")) for t in tracks.values()]
    return save_tracks(path, [meta, *ordered], tpb=TPB)


@pytest.mark.parametrize("pickup", [(15.0, 15.5, 15.75), (14.0, 15.0, 15.5), (14.0, 14.5, 15.0, 15.5)])
def test_the_bands_pickup_into_its_entrance_keeps_the_pad_a_quiet_intro(tmp_path, pickup):
    """The pad struck on every bar is the intro's texture with or without the bass's pickup into bar 5: no crash on
    bar 1, the crash on bar 5 where the band comes in, said as a quiet intro. The pickup had made the pad's 4 bars
    read unsteady, no section at bar 5: the crash on bar 1 under the pad and none on the band's entrance."""
    res = Engine(BarEndFills()).drumify(read_midi(song(tmp_path / "pick.mid", pickup)), Settings())
    assert crash_bars(res) == [5], crash_bars(res)
    assert any("quiet intro" in m for m in res.messages), res.messages
