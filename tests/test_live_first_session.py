"""A producer's first session on MIDI ports, line by line: what `reagroove live` says when the drums never came in
(a few notes, then a stop), and when nothing came in at all (the wrong port, or --clock-in with no master)."""

import mido
import pytest
from helpers import MemoryOutput, PlayingInput, live_command_on, live_rig, play_live
from stub_model import StubModel

from reagroove.core.cli import main
from reagroove.core.engine import Engine

# a funk bass's first half bar at 96 (beat, pitch, velocity): too little for the drums to come in on
FEW = [(0.0, 40, 88), (0.75, 40, 74), (1.0, 52, 76), (1.5, 40, 102), (1.75, 43, 97)]
RIFF = FEW + [(2.5, 45, 101), (2.75, 47, 73), (3.5, 50, 75)]


def test_a_stop_before_the_drums_came_in_is_not_said_as_drums_ending_and_their_entry_is_said_later():
    """Five notes, then 12 bars of nothing, then the riff: the drums had said "you stopped: the drums end on bar 10 and
    come back in when you play" (they never played), then "the drums come back in" and "following you at 96 BPM",
    never the tempo they came in at."""
    player, clock = live_rig(Engine(StubModel()), 96.0, stop_after=8)
    said: list[str] = []
    player.say = said.append
    spb = 60.0 / 96.0
    notes = [(0.5 + b * spb, p, v) for b, p, v in FEW]
    notes += [(0.5 + (48 + bar * 4 + b) * spb, p, v) for bar in range(4) for b, p, v in RIFF]
    sent = play_live(player, clock, notes, 0.5 + 70 * spb)
    assert any(m.type == "note_on" and m.velocity for _, m in sent)  # the drums do come in with the riff
    assert said[0].startswith("you stopped before the drums came in"), said
    assert not any("drums end" in s or "come back in" in s or s.startswith("following") for s in said), said
    assert said[1] == "the drums come in at 96 BPM", said


@pytest.fixture
def silent_rig(monkeypatch):
    """`reagroove live` on in-memory ports where nothing is played, with the stand-in model."""
    return live_command_on(monkeypatch, {"input": PlayingInput("Midi Through Port-0"),
                                         "output": MemoryOutput("FluidSynth 128:0")})


def test_a_session_where_no_note_came_in_says_so_naming_the_port(silent_rig, capsys):
    """The keyboard on another port than --in (Midi Through picked): the session had ended on "0 drum notes", and
    nothing said why the drums never played."""
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.2"]) == 0
    out = capsys.readouterr().out
    assert "no notes came in on 'Midi Through Port-0'" in out and "reagroove ports" in out, out


def test_a_clock_in_session_with_no_master_start_says_so(silent_rig, capsys):
    """--clock-in with no MIDI clock master (or one not started): notes played were left out unsaid."""
    silent_rig["input"].queue.extend(mido.Message("note_on", note=40 + i, velocity=100) for i in range(8))
    assert main(["live", "--in", "through", "--out", "fluid", "--clock-in", "--duration", "0.2"]) == 0
    out = capsys.readouterr().out
    assert "no MIDI clock start came in on 'Midi Through Port-0'" in out and "8 notes played" in out, out


def test_a_session_played_says_neither(silent_rig, capsys):
    silent_rig["input"].queue.extend(mido.Message("note_on", note=40, velocity=100) for _ in range(4))
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.2"]) == 0
    out = capsys.readouterr().out
    assert "no notes came in" not in out and "no MIDI clock" not in out, out


@pytest.mark.parametrize("argv, first", [
    ([], "listening: Midi Through Port-0 -> FluidSynth 128:0; the drums come in when you play, at your tempo "
         "(read from about 120 BPM; --bpm sets it); Ctrl-C stops"),
    (["--bpm", "96"], "playing at 96 BPM: Midi Through Port-0 -> FluidSynth 128:0; the drums come in when you play; "
                      "Ctrl-C stops"),
    (["--clock-in"], "following MIDI clock: Midi Through Port-0 -> FluidSynth 128:0; the drums start with the "
                     "master's transport; Ctrl-C stops"),
])
def test_the_first_line_says_what_the_drums_wait_for(silent_rig, capsys, argv, first):
    """"playing at 120 BPM: ...; Ctrl-C stops", then silence: a first session read the drums as broken (they wait for
    the player's first bar), and 120 was no tempo they would play with --bpm left out unless the player did."""
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.1", *argv]) == 0
    assert capsys.readouterr().out.splitlines()[0] == first


def test_a_session_with_nothing_played_keeps_the_earlier_take_it_was_to_replace(silent_rig, tmp_path, capsys):
    """`--record jam.mid` again, on the wrong port (or Ctrl-C before a note): the earlier take was replaced by an
    empty file, said "recorded jam.mid"."""
    jam = tmp_path / "jam.mid"
    silent_rig["input"].queue.extend(mido.Message("note_on", note=40, velocity=100) for _ in range(4))
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.3", "--record", str(jam)]) == 0
    before = jam.read_bytes()
    assert len(mido.MidiFile(jam).tracks[1]) > 4  # the notes played are in it
    silent_rig.update(input=PlayingInput("Midi Through Port-0"), output=MemoryOutput("FluidSynth 128:0"))
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.1", "--record", str(jam)]) == 0
    assert jam.read_bytes() == before
    out = capsys.readouterr().out
    assert out.endswith(f"no notes of yours recorded: the earlier take in {jam} is kept\n"
                        f"no notes came in on 'Midi Through Port-0': is your keyboard on that port? "
                        "('reagroove ports' lists them)\n"), out


def test_an_idle_pattern_alone_keeps_the_earlier_take_too(silent_rig, tmp_path, capsys):
    """`--idle-pattern` plays drums while nobody plays: a session on the wrong port had replaced the earlier take with
    the pattern's drums alone, said "recorded jam.mid"."""
    jam, beat = tmp_path / "jam.mid", tmp_path / "beat.mid"
    drums = mido.MidiFile()
    track = mido.MidiTrack()
    drums.tracks.append(track)
    for b in range(16):
        track += [mido.Message("note_on", note=36 if b % 4 == 0 else 42, velocity=100, channel=9, time=0 if b == 0 else 240),
                  mido.Message("note_off", note=36 if b % 4 == 0 else 42, channel=9, time=0)]
    drums.save(beat)
    silent_rig["input"].queue.extend(mido.Message("note_on", note=40, velocity=100) for _ in range(4))
    assert main(["live", "--in", "through", "--out", "fluid", "--duration", "0.3", "--record", str(jam)]) == 0
    before = jam.read_bytes()
    silent_rig.update(input=PlayingInput("Midi Through Port-0"), output=MemoryOutput("FluidSynth 128:0"))
    assert main(["live", "--in", "through", "--out", "fluid", "--bpm", "300", "--duration", "1.0", "--idle-pattern",
                 str(beat), "--record", str(jam)]) == 0
    assert jam.read_bytes() == before
    assert f"no notes of yours recorded: the earlier take in {jam} is kept" in capsys.readouterr().out
