"""The lines a player reads in a `reagroove live` session (stop 77's first-session walkthrough, U6), run on in-memory
ports with a scripted clock and the stand-in model: the settings said back as the session starts, the player's groove
taking over from the idle pattern (and the pattern coming back), and the end summary in words ("13 loops (p99 7.0 ms),
183 drum notes, 1 late" had been all a player read at the end)."""

import re
import time
import types

import mido
import pytest
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core import livemidi
from reagroove.core.cli import main
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.models import commands, commands_live

SPB = 60.0 / 96.0  # seconds a beat at --bpm 96
# a funk bass's bar at 96 (beat, pitch, velocity)
RIFF = [(0.0, 40, 88), (0.75, 40, 74), (1.0, 52, 76), (1.5, 40, 102), (1.75, 43, 97), (2.5, 45, 101),
        (2.75, 47, 73), (3.5, 50, 75)]


def riff(start_s: float, bars: int) -> list[tuple[float, mido.Message]]:
    return [(start_s + (4 * bar + b) * SPB, mido.Message("note_on", note=p, velocity=v))
            for bar in range(bars) for b, p, v in RIFF]


class _Scripted(MemoryInput):
    """An input port whose notes arrive as the scripted clock reaches their time."""

    def _open(self, **kw):
        super()._open(**kw)
        self.script: list = []

    def iter_pending(self):
        out = []
        while self.script and self.script[0][0] <= self.clock[0]:
            out.append(self.script.pop(0)[1])
        return iter(out)


class _Timed(MemoryOutput):
    """An output port that keeps when (the scripted clock's seconds) each drum note went out."""

    def _open(self, **kw):
        super()._open(**kw)
        self.times: list[float] = []

    def _send(self, msg):
        super()._send(msg)
        if msg.type == "note_on" and msg.velocity > 0:
            self.times.append(self.clock[0])


@pytest.fixture
def session(monkeypatch):
    """run(argv, notes, seconds, engine=None) -> the lines `reagroove live` printed, the session played on a scripted
    clock (`--duration` seconds of it) with `notes` [(seconds, message)] coming in as it reaches them."""
    clock = [0.0]
    fake = types.SimpleNamespace(monotonic=lambda: clock[0], perf_counter=time.perf_counter,
                                 sleep=lambda s: clock.__setitem__(0, round(clock[0] + max(s, 0.004), 6)))
    monkeypatch.setattr(livemidi, "time", fake)
    monkeypatch.setattr(commands_live, "time", fake)
    real_open = livemidi.open_live_player

    def run(argv, notes, seconds, engine=None, capsys=None):
        inport, outport = _Scripted("Keystation 88"), _Timed("FluidSynth")
        outport.clock = clock
        inport.clock, inport.script = clock, sorted(notes, key=lambda n: n[0])
        clock[0] = 0.0

        def opened(*a, **kw):
            player = real_open(*a, **kw, opener=lambda name, kind: inport if kind == "input" else outport)
            player.now = lambda: clock[0]
            return player

        monkeypatch.setattr(livemidi, "open_live_player", opened)
        monkeypatch.setattr(commands, "_engine", lambda args: engine or Engine(StubModel()))
        assert main(["live", "--in", "keys", "--out", "synth", "--duration", str(seconds), *argv]) == 0
        return outport

    return run


@pytest.mark.parametrize("argv, drums", [
    (["--genre", "funk", "--density", "0.3", "--fill-every", "4bars"],
     "the drums play Funk with density 0.3 (sparse) and a fill every 4 bars; they come in when you play"),
    (["--genre", "funk=0.7,jazz=0.3", "--fill-bars", "8,16", "--mute", "toms"],
     "the drums play Funk 70% / Jazz 30% with fills ending bars 8, 16 and no toms; they come in when you play"),
    (["--feel", "half", "--swing", "60"], "the drums play with a half-time feel and 60% swing; they come in when you play"),
    # (both: the session plays both; the fill bars had been left out beside a fill every N bars)
    (["--fill-every", "4bars", "--fill-bars", "3"],
     "the drums play with a fill every 4 bars and fills ending bar 3; they come in when you play"),
    ([], "the drums come in when you play"),  # nothing set: the drums follow the groove, nothing to say back
])
def test_the_first_line_says_back_what_the_drums_will_play(session, capsys, argv, drums):
    """`live --genre funk --density 0.3 --fill-every 4bars` had said "playing at 96 BPM: ...; the drums come in when
    you play": nothing of the genre, density or fills, so a player could not tell the command took."""
    session(["--bpm", "96", *argv], [], 0.1)
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"playing at 96 BPM: Keystation 88 -> FluidSynth; {drums}; Ctrl-C stops"


def test_a_settings_files_genre_is_said_back_too(session, capsys, tmp_path):
    saved = tmp_path / "jazz.json"
    Settings(genre={"jazz": 1.0}, fill_every=4).save(saved)
    session(["--settings", str(saved)], [], 0.1)
    assert "; the drums play Jazz with a fill every 8 bars; they come in when you play, at your tempo" in \
        capsys.readouterr().out.splitlines()[0]


def test_the_end_summary_says_the_bars_and_notes_the_drums_played_in_words(session, capsys):
    """Eight bars of a bass riff at 96: the end had read "13 loops (p99 7.0 ms), 183 drum notes, 0 late"."""
    out = session(["--bpm", "96"], riff(0.5, 8), 0.5 + 36 * SPB)
    last = capsys.readouterr().out.splitlines()[-1]
    got = re.fullmatch(r"stopped after 23 s: the drums played (\d+) bars \((\d+) notes\)(, all on time|; .*)", last)
    assert got, last
    assert int(got[2]) == len(out.times)
    # the bars the drums sounded in, from the player's first note: in on the riff's bar 3 (the stand-in model's
    # entry), on through bar 9 (the bar after its last, where they stopped)
    bars = {int((t - 0.5) / (4 * SPB) + 1e-6) + 1 for t in out.times}
    assert bars == set(range(3, 10)) and int(got[1]) == len(bars), (bars, last)


def test_the_end_summary_says_how_many_times_the_drums_came_in(session, capsys):
    """Four bars, a stop the drums ended on (--stop-after 2), four bars again: the two runs of drums are said."""
    out = session(["--bpm", "96", "--stop-after", "2"], riff(0.5, 4) + riff(0.5 + 40 * SPB, 4), 0.5 + 60 * SPB)
    lines = capsys.readouterr().out.splitlines()
    got = re.fullmatch(r"stopped after \d+ s: the drums came in twice and played (\d+) bars \((\d+) notes\)"
                       r"(, all on time|; .*)", lines[-1])
    assert got and "the drums come back in on bar" in "\n".join(lines), lines
    bars = {int((t - 0.5) / (4 * SPB) + 1e-6) for t in out.times}
    assert int(got[1]) == len(bars) and int(got[2]) == len(out.times), (bars, lines[-1])


class _SlowOnce(StubModel):
    """The stand-in model, slow once (a loop made while the machine was busy) after `at` seconds of the session."""

    def __init__(self, clock, at):
        super().__init__()
        self.clock, self.at, self.slow = clock, at, True

    def generate(self, grooves, z, cond):
        if self.slow and self.clock() > self.at:
            self.slow = False
            time.sleep(0.3)
        return super().generate(grooves, z, cond)


def test_a_loop_made_late_is_said_with_how_late_the_drums_went_out(session, capsys):
    """A loop still being made when its bar came (0.3 s against the 0.25 beat, 0.16 s, made ahead): the end said
    "1 late", not what it meant; the notes due while it was made go out when it is ready, up to 0.3 - 0.16 s late."""
    model = _SlowOnce(lambda: livemidi.time.monotonic(), 10.0)
    session(["--bpm", "96"], riff(0.5, 8), 0.5 + 36 * SPB, engine=Engine(model))
    last = capsys.readouterr().out.splitlines()[-1]
    got = re.search(r"; (once|twice|\d+ times) the drums were still being made when due, so notes went out up to "
                    r"(\d+) ms late \(making them took up to (\d+) ms\)$", last)
    assert got and not model.slow, last
    assert 100 <= int(got[2]) <= int(got[3]) and int(got[3]) >= 300, last


def _beat(path):
    """A drum pattern file: kick on 1, hats on the other quarters, four bars."""
    drums = mido.MidiFile()
    track = mido.MidiTrack()
    drums.tracks.append(track)
    for b in range(16):
        pitch = 36 if b % 4 == 0 else 42
        track += [mido.Message("note_on", note=pitch, velocity=100, channel=9, time=0 if b == 0 else 240),
                  mido.Message("note_off", note=pitch, channel=9, time=0)]
    drums.save(path)
    return path


def test_the_players_groove_taking_over_from_the_idle_pattern_is_said_once_and_its_return_too(session, capsys, tmp_path):
    """--idle-pattern: the pattern played, the player came in and the drums followed them, unsaid (the first line had
    said "beat.mid plays until you do", then nothing), and the pattern's return after they stopped went unsaid too."""
    beat = _beat(tmp_path / "beat.mid")
    # four bars from 0.8 beat into the pattern's bar 3, then (after 2 bars of silence ended them) from its bar 13
    notes = riff(5.5, 4) + riff(5.5 + 40 * SPB, 4)
    session(["--bpm", "96", "--idle-pattern", str(beat), "--stop-after", "2"], notes, 5.5 + 64 * SPB)
    lines = capsys.readouterr().out.splitlines()
    said = [line for line in lines if line.startswith(("you came in", "you stopped"))]
    # the first line names the pattern as the later lines do (its file's name, not the path typed)
    assert "; beat.mid plays until you do" in lines[0] and str(tmp_path) not in lines[0], lines[0]
    assert said == ["you came in: the drums follow your playing from bar 4 (beat.mid stops)",
                    "you stopped: beat.mid plays again from bar 10 until you play",
                    "you came in: the drums follow your playing from bar 14 (beat.mid stops)",
                    "you stopped: beat.mid plays again from bar 19 until you play"], lines


def test_a_session_without_an_idle_pattern_says_no_take_over(session, capsys):
    session(["--bpm", "96"], riff(0.5, 4), 0.5 + 24 * SPB)
    assert not any(line.startswith(("you came in", "you stopped:")) for line in capsys.readouterr().out.splitlines())


def test_a_daws_loop_region_coming_round_is_no_new_entry_of_the_drums():
    """--clock-in with a 2-bar loop region: each pass moved the song position back, and the summary said "the drums
    came in 4 times" though they never stopped (C5's review)."""
    from test_live_transport import ClockRig

    from reagroove.core.live_lines import summary_line

    rig = ClockRig()
    rig.send(mido.Message("start"))
    rig.send(mido.Message("clock"))
    for _ in range(4):  # the region played 4 times
        rig.pulses(8 * 24 - 1)
        rig.send(mido.Message("songpos", pos=0))
        rig.send(mido.Message("clock"))
    stats = rig.player.stats
    assert stats.sent and stats.runs == 1 and stats.bars == 8, stats
    line = summary_line(16.0, notes=stats.sent, bars=stats.bars, runs=stats.runs, loops=0, late=0, late_ms=0,
                        slowest_ms=0)
    assert "came in" not in line and "played 8 bars" in line, line
