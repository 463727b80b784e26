"""`reagroove live`'s section cue from a pad or pedal, among a band's notes (core/livemidi.py LivePlayer._cued).
`--cue-note` matched any channel: a bassist's low C (36) on their own channel, with a pad set to cue on 36, was taken
as the cue (a fill and a crash nobody asked for, the note never heard by the drums); `--cue-channel` names the pad's
channel. `--cue-cc` on a continuous pedal swept up (40, 70, 90, 90, 100: a value sent twice) cued twice: a value sent
again cues again only after a gap (CUE_REPEAT_S: a footswitch that sends its press value only). Through the rig
`reagroove live` assembles (open_live_player, in-memory ports), a verse riff at 100 (test_live_cue_pedal.py's)."""

import mido
import pytest
from helpers import MemoryInput, MemoryOutput
from test_live_cue_pedal import PEDAL, assert_section_on_bar_6, cc, play, rig
from test_live_part_change import RIFF
from test_live_section_cue import BARS

from reagroove.core.errors import ReaGrooveError
from reagroove.core.livemidi import open_live_player

LOW_C = 36


def cues_said(said):
    return [line for line in said if line.startswith("next section")]


def test_the_cue_pitch_on_another_channel_is_a_note_played_and_the_pads_is_the_cue(shipped):
    """The bassist's low C in bar 3 (channel 1) is played along with; the pad's C on channel 10 in bar 4 cues the
    section on bar 6, once."""
    player, clock = rig(shipped, cue_note=LOW_C, cue_channel=10)
    bars, said = play(player, clock, [(9.0, mido.Message("note_on", channel=0, note=LOW_C, velocity=100)),
                                      (9.4, mido.Message("note_off", channel=0, note=LOW_C)),
                                      (13.0, mido.Message("note_on", channel=9, note=LOW_C, velocity=110)),
                                      (13.1, mido.Message("note_off", channel=9, note=LOW_C))])
    assert_section_on_bar_6(bars, said)
    assert player.stats.input_notes == BARS * len(RIFF) + 1  # the riff's notes and the bassist's C


def test_a_pedal_swept_up_cues_once_and_a_press_only_footswitch_cues_each_press(shipped):
    player, clock = rig(shipped, cue_cc=PEDAL)
    sweep = [(9.0 + 0.03 * k, cc(v)) for k, v in enumerate((40, 70, 90, 90, 100))]  # in bar 3, 20 ms apart
    _, said = play(player, clock, sweep)
    assert len(cues_said(said)) == 1, said
    player, clock = rig(shipped, cue_cc=PEDAL)
    _, said = play(player, clock, [(9.0, cc(127)), (17.0, cc(127))])  # pressed in bar 3, and again in bar 5
    assert len(cues_said(said)) == 2, said


def test_the_cue_channel_off_midi_or_with_no_cue_is_one_line():
    opener = lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput()  # noqa: E731
    with pytest.raises(ReaGrooveError, match=r"^--cue-channel must be a MIDI channel from 1 to 16, got 0$"):
        open_live_player(None, "in", "out", 100.0, opener=opener, cue_note=LOW_C, cue_channel=0)
    with pytest.raises(ReaGrooveError, match=r"^--cue-channel is the channel of --cue-cc or --cue-note"):
        open_live_player(None, "in", "out", 100.0, opener=opener, cue_channel=10)


def test_reagroove_live_passes_the_cue_channel(tmp_path, monkeypatch, capsys):
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.cli import main
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    rigs, real_open = [], livemidi.open_live_player

    def opening(*a, **kw):
        rigs.append(kw)
        return real_open(*a, **kw, opener=lambda name, kind: {"input": MemoryInput(), "output": MemoryOutput()}[kind])

    monkeypatch.setattr(livemidi, "open_live_player", opening)
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.1", "--cue-note", "36",
                 "--cue-channel", "10"]) == 0, capsys.readouterr().err
    assert rigs[-1]["cue_channel"] == 10
