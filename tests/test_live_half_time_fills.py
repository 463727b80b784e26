"""Half time's fills live are the genre's, as drumify's (core/half_time_fills.py, called by live_part.input_loop):
an 808 riff played live with `--feel half --genre latin` had filled bar 4 with the network's run down the mid tom,
and `--genre jazz` with its rock fill, where drumify plays the timbale cell and jazz's triplets. On the shipped
model, through the rig `reagroove live` assembles (tests/test_live_half_time.py's)."""

import pytest
from test_live_half_time import BPM, TRAP_BAR, play_trap, roll

from reagroove.core.loop import VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings


@pytest.mark.parametrize("genre", ["latin", "jazz"])
def test_a_half_time_fill_live_is_drumifys_genre_fill(shipped, make_midi, genre):
    settings = Settings(feel="half", fill_every=2, genre={genre: 1.0})
    heard = play_trap(shipped, settings, 9)
    notes = [(4 * bar + beat, 36, vel, 0) for bar in range(9) for beat, vel in TRAP_BAR]
    loops = shipped.drumify(read_midi(make_midi(notes, tempos=((0, BPM),))), settings).loops.reshape(-1, 27)
    bar4 = loops[16 * 3:16 * 4]
    drumify = {VOICES[v]: {k for k in range(16) if bar4[k, v] > 0.5} for v in range(len(VOICES))}
    live = heard[4]
    for v in VOICES:  # the first fill, hit for hit (the later ones follow fills drumify knows of and live does not)
        assert live.get(v, set()) == drumify[v], f"{v}: live {sorted(live.get(v, ()))} drumify {sorted(drumify[v])}\n{roll(heard)}"
    if genre == "latin":
        assert "mid_tom" not in live and live.get("high_tom"), roll(heard)  # the timbales, no mid tom
