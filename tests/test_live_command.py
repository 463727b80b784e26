"""`reagroove live` as a producer meets it: wrong port names, Ctrl-C at any moment, the recording kept,
run on in-memory mido ports with the numpy stand-in model."""

import os
import signal

import mido
import pytest
from helpers import MemoryInput, MemoryOutput, PlayingInput, live_command_on

from reagroove.core import livemidi, read_midi
from reagroove.core.cli import main
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import LivePlayer, Recording
from reagroove.models import commands


@pytest.fixture
def rig(monkeypatch):
    """In-memory ports (8 input notes, played once the drums play) and the stand-in model behind `reagroove live`."""
    ports = {"input": PlayingInput(), "output": MemoryOutput()}
    for _ in range(8):
        ports["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    return live_command_on(monkeypatch, ports)


def test_a_misspelled_port_is_one_line_naming_the_ports_said_before_the_model_loads(monkeypatch, capsys):
    loaded = []
    monkeypatch.setattr(livemidi, "port_names", lambda: (["My Keyboard 20:0", "Midi Through 14:0"], ["Drum Synth 24:0"]))
    monkeypatch.setattr(commands, "_engine", lambda args: loaded.append(1))
    assert main(["live", "--in", "My Keybaord", "--out", "Drum Synth"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("reagroove: error: no MIDI input port matches 'My Keybaord' "
                   "(input ports: 'My Keyboard 20:0', 'Midi Through 14:0')")
    monkeypatch.setattr(mido, "open_input", lambda name, **kw: MemoryInput())
    assert main(["live", "--in", "keyboard", "--out", "Drum Sytnh"]) == 2
    assert "no MIDI output port matches 'Drum Sytnh' (output ports: 'Drum Synth 24:0')" in capsys.readouterr().err
    assert not loaded  # said at once, not after seconds of loading the model


def test_no_midi_system_is_one_line(monkeypatch, capsys):
    def no_system():
        raise SystemError("MidiInAlsa::initialize: error creating ALSA sequencer client object.")

    monkeypatch.setattr(mido, "get_input_names", no_system)
    monkeypatch.setattr(commands, "_engine", lambda args: pytest.fail("the model loaded before the ports"))
    assert main(["live", "--in", "keys", "--out", "synth"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reagroove: error: no MIDI system available") and err.count("\n") == 1


def test_ctrl_c_as_the_play_begins_still_keeps_the_take_and_silences_the_output(rig, tmp_path, monkeypatch):
    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(LivePlayer, "start", interrupted)
    out = tmp_path / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--record", str(out)]) == 0
    assert out.exists()
    sent = rig["output"].sent
    assert sent and sent[-1].type == "control_change" and sent[-1].control == 123  # all notes off


def test_ctrl_c_pressed_again_while_the_take_is_saved_does_not_lose_it(rig, tmp_path, monkeypatch):
    """Stopping with Ctrl-C and pressing it again while the file is written: the file is whole."""
    real_save = mido.MidiFile.save

    def save_with_second_ctrl_c(self, *a, **kw):
        os.kill(os.getpid(), signal.SIGINT)
        return real_save(self, *a, **kw)

    monkeypatch.setattr(mido.MidiFile, "save", save_with_second_ctrl_c)
    out = tmp_path / "jam.mid"
    before = signal.getsignal(signal.SIGINT)  # Python's own handler in a terminal; ignored under some CI runners
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.2", "--record", str(out)]) == 0
    assert (read_midi(out).notes.channel == 0).sum() == 8  # the whole take
    assert signal.getsignal(signal.SIGINT) is before  # Ctrl-C works again afterwards, as it did before


def test_record_to_an_unwritable_place_is_refused_before_playing(rig, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["live", "--in", "keys", "--out", "synth", "--record", str(blocker / "jam.mid")]) == 2
    assert "jam.mid" in capsys.readouterr().err
    assert not rig["output"].sent  # nothing played


def test_record_never_writes_over_the_players_own_midi_but_replaces_an_earlier_take(rig, tmp_path, make_midi,
                                                                                      capsys):
    """--record song.mid wrote the take over the producer's own song without a word. Their MIDI is refused
    before anything plays; a take ReaGroove recorded there before is replaced, and said."""
    song = make_midi([(0.0, 40, 100, 0)])
    before = song.read_bytes()
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--record", str(song)]) == 2
    assert "did not write" in capsys.readouterr().err and song.read_bytes() == before
    assert not rig["output"].sent  # nothing played
    take = tmp_path / "jam.mid"
    Recording(input_notes=[(0.0, 0, 40, 100)]).save(take, 120.0)  # yesterday's take
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--record", str(take)]) == 0
    assert "earlier take" in capsys.readouterr().err


@pytest.fixture
def made(monkeypatch):
    """The LiveSessions `reagroove live` builds, as it built them."""
    sessions = []
    real_init = LiveSession.__init__

    def init(self, *a, **kw):
        sessions.append(self)
        real_init(self, *a, **kw)

    monkeypatch.setattr(LiveSession, "__init__", init)
    return sessions


def test_the_live_session_is_built_with_the_options(rig, made):
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--genre", "funk", "--density", "0.3",
                 "--beats-per-bar", "3", "--every", "beat"]) == 0
    s = made[0]
    assert s.settings.genre == {"funk": 1.0} and s.settings.density == 0.3
    assert s.beats_per_bar == 3 and s.regenerate == "beat"


def test_a_port_that_is_listed_but_will_not_open_is_one_line(monkeypatch, capsys):
    """A port busy in another program, or gone between listing and opening."""
    def busy(name, **kw):
        raise SystemError("MidiInWinMM::openPort: error creating Windows MM MIDI input port.")

    monkeypatch.setattr(livemidi, "port_names", lambda: (["My Keyboard 20:0"], ["Drum Synth 24:0"]))
    monkeypatch.setattr(mido, "open_input", busy)
    assert main(["live", "--in", "keyboard", "--out", "drum synth"]) == 2
    assert capsys.readouterr().err == ("reagroove: error: cannot open MIDI input port 'My Keyboard 20:0' "
                                       "(MidiInWinMM::openPort: error creating Windows MM MIDI input port.)\n")


def test_a_6_8_session_plays_in_its_own_pulse_and_its_recording_opens_in_6_8(rig, tmp_path, made):
    """`--meter 6/8`: the session's bar is two dotted quarters (where --beats-per-bar 3 means 3/4), and the
    recorded take carries its time signature, so a DAW opens it in 6/8 rather than 4/4."""
    out = tmp_path / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.05", "--meter", "6/8",
                 "--record", str(out)]) == 0
    assert made[0].time_signature == (6, 8) and made[0].beats_per_bar == 3.0
    sigs = [m for m in mido.MidiFile(out).tracks[0] if m.type == "time_signature"]
    assert [(m.numerator, m.denominator) for m in sigs] == [(6, 8)]


@pytest.mark.parametrize("meter", ["6/7", "six/8", "40/4", "3"])
def test_a_meter_live_cannot_play_is_one_line_before_any_port_opens(rig, meter, capsys):
    with pytest.raises(SystemExit) as stop:  # refused as the option is read, as drumify's --meter is
        main(["live", "--in", "keys", "--out", "synth", "--meter", meter])
    assert stop.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "--meter" in err and meter in err and len(err.splitlines()) == 1
    assert not rig["output"].sent


def test_a_session_refused_on_its_ports_leaves_no_folder_for_its_take(monkeypatch, tmp_path, capsys):
    """`--record new/sub/jam.mid` with a misspelled port: the record path was checked first, which made the
    folders, and the refusal left them behind, empty. They are made when the take is written."""
    monkeypatch.setattr(livemidi, "port_names", lambda: (["My Keyboard 20:0"], ["Drum Synth 24:0"]))
    monkeypatch.setattr(mido, "open_input", lambda name, **kw: MemoryInput())
    monkeypatch.setattr(commands, "_engine", lambda args: pytest.fail("the model loaded before the ports"))
    take = tmp_path / "new" / "sub" / "jam.mid"
    assert main(["live", "--in", "keyboard", "--out", "Nope", "--record", str(take)]) == 2
    assert "no MIDI output port matches 'Nope'" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_take_recorded_into_new_folders_is_written_there(rig, tmp_path):
    take = tmp_path / "new" / "sub" / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.2", "--record", str(take)]) == 0
    assert (read_midi(take).notes.channel == 0).sum() == 8  # the folders made when the take was written


def test_notes_played_while_the_drums_load_are_left_out_and_said(rig, tmp_path, capsys):
    """The ports open before the model loads (seconds): notes played meanwhile waited on the port and were read
    all at once at the first pass, their queue read as the player's tempo (4 of 6 runs at 4/3 of it)."""
    waiting = MemoryInput()
    for _ in range(8):
        waiting.queue.append(mido.Message("note_on", note=40, velocity=100))
    rig["input"] = waiting
    out = tmp_path / "jam.mid"
    assert main(["live", "--in", "keys", "--out", "synth", "--bpm", "96", "--duration", "0.2", "--record", str(out)]) == 0
    said = capsys.readouterr().out
    assert "note: 8 notes played while the drums were loading left out" in said
    assert said.index("left out") < said.index("playing at 96 BPM")
    assert (read_midi(out).notes.channel == 0).sum() == 0  # none of them in the take
