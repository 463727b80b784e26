"""`reagroove live` cued for the next section from the player's own gear (LivePlayer's cue_cc / cue_note,
core/livemidi.py): a footswitch's controller (a value from 64 is a press) or a pad's note cues the section as
LivePlayer.cue_section does: a fill in the bar before, a crash on its 1, the bar said. Nothing a player touched called
the cue: a footswitch's CC was kept in the take as a controller, a pad's note was played along with as a note. Through
the rig `reagroove live` assembles (open_live_player, in-memory ports), the shipped model, a verse riff at 100."""

import mido
import numpy as np
import pytest
from helpers import MemoryInput, MemoryOutput
from test_live_half_time_shuffle import VOICE_OF
from test_live_part_change import RIFF
from test_live_section_cue import BARS, BPM, START, fill_steps, roll

from reagroove.core.errors import ReaGrooveError
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import Recording, open_live_player

BEAT = 60.0 / BPM
PEDAL = 85  # a footswitch's controller (a general-purpose one: not the sustain pedal)
PAD = 49  # a pad on the drum channel set to cue


def rig(engine, record=None, **cue):
    ports = {"input": MemoryInput(), "output": MemoryOutput()}
    player = open_live_player(None, "in", "out", BPM, record=record, opener=lambda name, kind: ports[kind], **cue)
    player.session = LiveSession(engine)
    clock = [0.0]
    player.now = lambda: clock[0]
    return player, clock


def play(player, clock, cues):
    """The riff played BARS bars, each of `cues` [(beat, message)] sent at its beat with it; {bar: {voice: [16ths]}}
    of the drums and the lines the player said."""
    said = []
    player.say = said.append
    rng = np.random.default_rng(0)
    msgs = sorted([(START + (bar * 4 + b) * BEAT + rng.uniform(-0.01, 0.01), mido.Message("note_on", note=p, velocity=v))
                   for bar in range(BARS) for b, p, v in RIFF] + [(START + b * BEAT, m) for b, m in cues],
                  key=lambda tm: tm[0])
    player.start()
    t, bars = 0.0, {}
    while t < START + 4 * BARS * BEAT:
        while msgs and msgs[0][0] <= t + 1e-9:
            player.inport.queue.append(msgs.pop(0)[1])
        clock[0] = t
        n0 = len(player.outport.sent)
        player.step(t)
        for m in player.outport.sent[n0:]:
            if m.type == "note_on" and m.velocity:
                step = round((t - START) / BEAT * 4)
                bars.setdefault(step // 16, {}).setdefault(VOICE_OF[m.note], []).append(step % 16)
        t = round(t + 0.005, 6)
    return bars, said


def assert_section_on_bar_6(bars, said):
    assert [line for line in said if line.startswith("next section")] == \
        ["next section on bar 6: the drums fill into it"], said
    assert fill_steps(bars[4]) and min(fill_steps(bars[4])) >= 8, f"no fill into the section\n{roll(bars)}"
    assert 0 in bars[5].get("crash", []), f"no crash on the section's 1\n{roll(bars)}"
    for bar in set(range(2, BARS)) - {4, 5}:  # the groove elsewhere: no fill, no crash
        assert not fill_steps(bars[bar]) and not bars[bar].get("crash"), f"bar {bar + 1}\n{roll(bars)}"


def cc(value):
    return mido.Message("control_change", control=PEDAL, value=value)


def test_a_footswitch_press_cues_the_next_section_once(shipped):
    """Pressed in bar 4 (127), bounced on its way down (90: still pressed), released (0): one cue, the section on bar
    6; the controller is not kept in the take (it is the drummer's cue, not the band's playing)."""
    record = Recording()
    player, clock = rig(shipped, record=record, cue_cc=PEDAL)
    bars, said = play(player, clock, [(13.0, cc(127)), (13.2, cc(90)), (13.6, cc(0))])
    assert_section_on_bar_6(bars, said)
    assert not [m for _, m in record.input_controls if m.type == "control_change" and m.control == PEDAL]


def test_a_pad_on_the_cue_pitch_cues_the_section_and_is_never_played_along_with(shipped):
    record = Recording()
    player, clock = rig(shipped, record=record, cue_note=PAD)
    bars, said = play(player, clock, [(13.0, mido.Message("note_on", channel=9, note=PAD, velocity=110)),
                                      (13.1, mido.Message("note_off", channel=9, note=PAD))])
    assert_section_on_bar_6(bars, said)
    assert player.stats.input_notes == BARS * len(RIFF)  # the riff's notes only
    assert PAD not in {pitch for _, _, pitch, _ in record.input_notes}


def test_a_controller_under_64_and_another_controller_cue_nothing(shipped):
    player, clock = rig(shipped, cue_cc=PEDAL)
    bars, said = play(player, clock, [(13.0, cc(40)), (13.2, mido.Message("control_change", control=64, value=127))])
    assert not [line for line in said if line.startswith("next section")], said
    assert not any(bars[b].get("crash") for b in range(2, BARS)), roll(bars)


def test_a_cue_before_the_drums_are_in_is_said_and_changes_nothing(shipped):
    player, clock = rig(shipped, cue_cc=PEDAL)
    _, said = play(player, clock, [(-0.5, cc(127))])  # before the player's first note: no bar 1 yet
    assert "no section cued: the drums are not in yet (cue the next section once they play)" in said
    assert player.session._cue.lines == []


@pytest.mark.parametrize("cue, bad", [("cue_cc", 128), ("cue_note", -1)])
def test_a_cue_number_outside_midi_is_one_line(cue, bad):
    with pytest.raises(ReaGrooveError, match=rf"^--{cue.replace('_', '-')} must be .* from 0 to 127, got {bad}$"):
        open_live_player(None, "in", "out", BPM, opener=lambda name, kind: MemoryInput(), **{cue: bad})


def test_reagroove_live_takes_the_cue_options_and_checks_them_before_the_ports(tmp_path, monkeypatch, capsys):
    # `reagroove live --cue-cc 64`: the footswitch reaches the rig; --cue-cc 200 is one line before any port opens
    from helpers import MemoryInput, MemoryOutput
    from stub_model import StubModel

    from reagroove.core import livemidi
    from reagroove.core.cli import main
    from reagroove.core.engine import Engine
    from reagroove.models import commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    opened, rigs = [], []
    real_open = livemidi.open_live_player

    def opening(*a, **kw):
        rigs.append(kw)
        return real_open(*a, **kw, opener=lambda name, kind: opened.append(kind) or
                         {"input": MemoryInput(), "output": MemoryOutput()}[kind])

    monkeypatch.setattr(livemidi, "open_live_player", opening)
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    assert main(["live", "--in", "keys", "--out", "synth", "--duration", "0.1", "--cue-cc", "64",
                 "--cue-note", "60"]) == 0, capsys.readouterr().err
    assert (rigs[-1]["cue_cc"], rigs[-1]["cue_note"]) == (64, 60)
    opened.clear()
    assert main(["live", "--in", "keys", "--out", "synth", "--cue-cc", "200"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--cue-cc" in err and "0 to 127" in err and len(err.splitlines()) == 1 and not opened
