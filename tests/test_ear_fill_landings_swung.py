"""A swung part's fills land on its swung 8ths (core/fill_landings.py): a landing is written straight, then swung as
the part's loops are. The bundled 12-bar shuffle with a fill every 4 bars had its bar 8 land with kick, snare and
floor tom on the straight "and" of 4 (tick 240 of 480), against the band's swung 8ths (tick 320), a flam no
shuffle drummer plays."""

import mido
import pytest

from reagroove.core.cli import main

EXAMPLES = __import__("pathlib").Path(__file__).parents[1] / "core" / "examples"


@pytest.mark.parametrize("fill_every", ["4bars", "2bars"])
def test_the_shuffles_fills_land_on_its_swung_eighths(shipped, tmp_path, fill_every):
    out = tmp_path / "blues.mid"
    assert main(["drumify", str(EXAMPLES / "shuffle_blues.mid"), "-o", str(out), "--fill-every", fill_every,
                 "--quiet"]) == 0
    midi = mido.MidiFile(out)
    beat = midi.ticks_per_beat
    t, places = 0, []
    for msg in mido.merge_tracks(midi.tracks):
        t += msg.time
        if msg.type == "note_on" and msg.velocity:
            places.append(round((t % beat) / beat * 12))  # twelfths of a beat: 0 on it, 6 straight, 8 swung
    assert places.count(8) > 20, places  # the part swings: its drums' "and"s are swung
    assert places.count(6) == 0, f"{places.count(6)} drum notes on a straight 'and' in a shuffle"
