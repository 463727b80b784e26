"""`reagroove live --record` with the messages a keyboard sends besides its notes: channel pressure (aftertouch) and
poly pressure streams, program changes, note-ons of velocity 0 as note-offs and active sensing every 300 ms, on
in-memory ports and the numpy stand-in model. (Running status never reaches the player: rtmidi hands mido whole
messages.)"""

import mido
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.live_clock import InternalClock
from reagroove.core.livemidi import LivePlayer, Recording
from reagroove.core.patterns import PatternStore


def test_the_take_keeps_the_keyboards_pressure_and_program_changes(tmp_path):
    """An organist's take: chords swelled by channel pressure, a lead line with poly pressure, a program change to a
    second sound for the last chord. The recording kept the pedal and pitch bends but dropped pressure and program
    changes, so the swells played back flat and the last chord on the first sound. Each is now kept at its beat; the
    notes end where their velocity-0 note-ons ended them."""
    played = []
    for k in range(4):  # a chord on each beat at 120 (0.5 s), held 0.4 s, pressure rising through it
        t = 0.5 * k
        played += [(t, mido.Message("note_on", note=p, velocity=90)) for p in (60, 64, 67)]
        played += [(t + 0.05 * i, mido.Message("aftertouch", value=20 * i)) for i in range(1, 6)]
        played.append((t + 0.1, mido.Message("polytouch", note=67, value=50 + k)))
        played += [(t + 0.4, mido.Message("note_on", note=p, velocity=0)) for p in (60, 64, 67)]
    played.append((1.9, mido.Message("program_change", program=19)))
    played += [(0.3 * k, mido.Message("active_sensing")) for k in range(8)]
    script = sorted(played, key=lambda e: e[0])

    clock, inport, rec = InternalClock(120), MemoryInput(), Recording()
    clock.t0 = 0.0
    session = LiveSession(Engine(StubModel(), PatternStore({})))
    session.start(0.0)
    player = LivePlayer(session, inport, MemoryOutput(), clock, record=rec)
    t, i = 0.0, 0
    while t < 2.5:
        while i < len(script) and script[i][0] <= t + 1e-9:
            inport.queue.append(script[i][1])
            i += 1
        player.step(t)
        t = round(t + 0.005, 6)
    rec.save(tmp_path / "take.mid", 120.0)
    mf = mido.MidiFile(tmp_path / "take.mid")
    track = next(tr for tr in mf.tracks if tr.name == "Input")
    ticks, got, ons = 0, [], {}
    for msg in track:
        ticks += msg.time
        beat = ticks / mf.ticks_per_beat
        if msg.type in ("aftertouch", "polytouch", "program_change"):
            got.append((msg.type, round(beat, 2), msg.dict().get("value", msg.dict().get("program"))))
        elif msg.type == "note_on" and msg.velocity:
            ons[msg.note, round(beat, 2)] = beat
        elif msg.type in ("note_off", "note_on"):
            start = max(b for (n, r), b in ons.items() if n == msg.note and b <= beat)
            assert abs(beat - start - 0.8) < 0.05, f"note {msg.note} at {start:.2f} held {beat - start:.2f} beats"
    touches = [g for g in got if g[0] == "aftertouch"]
    assert [v for _, _, v in touches] == [20, 40, 60, 80, 100] * 4
    assert all(abs(b - (k // 5 + 0.1 * (k % 5 + 1))) < 0.03 for k, (_, b, _) in enumerate(touches))
    assert [(b, v) for kind, b, v in got if kind == "polytouch"] == [(0.2, 50), (1.2, 51), (2.2, 52), (3.2, 53)]
    assert [(b, v) for kind, b, v in got if kind == "program_change"] == [(3.8, 19)]
    assert len(ons) == 12
