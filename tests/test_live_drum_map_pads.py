"""`reagroove live --drum-map KIT` with pads played on that kit: the pads are read as a kit by the map the drums play
(models/commands_live.py; LivePlayer sets it, live_kit.py reads it), as drumify reads a drum part by --drum-map. The
CLI built the session after the player, and the map never reached it: a rock beat typed on a kit with its kick on
24, snare on 26 and hats on 30 was read by General MIDI's pitches, and the drums played the kick on 2 and 4 with the
snare and hats on 1, 1's "and", 2's "and" and 4 only. Driven through the CLI on in-memory ports with the shipped model,
the player's notes (the internal clock follows them) at 120 BPM."""

import json

import mido
import numpy as np
from helpers import MemoryInput, MemoryOutput
from test_drum_part_kit import typed_rock

from reagroove.core import livemidi
from reagroove.core.cli import main
from reagroove.models import commands

KIT = {"kick": 24, "snare": 26, "closed_hat": 30}
GM = {36: "kick", 38: "snare", 42: "closed_hat"}
BARS = 8


def live_on_the_kit(monkeypatch, tmp_path, engine):
    """The drum notes `reagroove live --drum-map` sends for the typed rock beat played on KIT's pads: {bar: {pitch:
    [16ths]}} (bars from 1, the player's first note)."""
    kit = tmp_path / "kit.json"
    kit.write_text(json.dumps({"voices": {v: {"output": p, "input": [p]} for v, p in KIT.items()}}))
    heard = {}

    def run(player, *, poll=0.001, duration=None):
        notes = sorted((b * 0.5, KIT[GM[p]], v) for b, p, v, _ in typed_rock(BARS))  # (seconds at 120 BPM)
        send, t, i = player.outport.send, 0.0, 0

        def spy(msg):
            if msg.type == "note_on":
                step = round(player.clock.beat(t) * 4)
                heard.setdefault(1 + step // 16, {}).setdefault(msg.note, []).append(step % 16)
            send(msg)

        player.outport.send = spy
        player.start()
        for k in range(BARS * 400):  # (a step every 5 ms)
            t = k * 0.005
            while i < len(notes) and notes[i][0] <= t + 1e-9:
                player.inport.queue.append(mido.Message("note_on", channel=9, note=notes[i][1], velocity=notes[i][2]))
                i += 1
            player.step(t)
        player.all_notes_off()

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: engine)
    monkeypatch.setattr(livemidi.LivePlayer, "run", run)
    assert main(["live", "--in", "pads", "--out", "kit", "--drum-map", str(kit)]) == 0
    return heard


def test_pads_played_on_the_drum_maps_kit_keep_their_kick_and_snare(monkeypatch, tmp_path, shipped):
    heard = live_on_the_kit(monkeypatch, tmp_path, shipped)
    for bar in range(3, BARS + 1):  # the kick on 1, 3 and the 3's "and", the snare on 2 and 4, as typed
        assert sorted(set(heard[bar].get(KIT["kick"], []))) == [0, 8, 10], (bar, heard[bar])
        assert sorted(set(heard[bar].get(KIT["snare"], []))) == [4, 12], (bar, heard[bar])
        assert set(np.arange(0, 16, 2)) <= set(heard[bar].get(KIT["closed_hat"], [])), (bar, heard[bar])
