"""`reagroove live --clock-in` joined mid-song (core/live_entry.py join_at): a drummer joining a song mid-phrase just
plays; a crash belongs where a phrase or the song starts. A master continued from bar 3 (song position, continue) had
the drums come in on bar 4 with a crash on its 1, mid-phrase, as if the song started there; so did a master located
to bar 9 while running. Now they come in there with no crash of their own; the phrases' crashes (--fill-every,
counted from the song's bar 1) stay, a start at bar 1 crashes where the drums come in as before, and so does the
drums' comeback after the player stopped.
Driven through the CLI, in-memory ports, a scripted MIDI clock master at 120 BPM and the numpy stand-in model."""

import mido
import pytest
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core import livemidi
from reagroove.core.cli import main
from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.loop import VOICES
from reagroove.models import commands

CRASH = GM_DRUM_MAP.output[VOICES.index("crash")]
PULSE = 60 / 120 / 24  # seconds between MIDI clock pulses at 120 BPM


def song_position(bar: int) -> mido.Message:
    return mido.Message("songpos", pos=(bar - 1) * 16)  # (in 16ths from the song's start)


def master(monkeypatch, script, played, *options):
    """`reagroove live --clock-in` under a master playing `script`: [(transport messages, bar, bars)] in order, the
    messages (a start, a song position and a continue, a stop) then `bars` bars of clock from the song's `bar` on,
    and a bass note on each 8th of the song's bars `played`. The drum notes sent, [(bar, 16th in it, pitch)]."""
    heard = []

    def run(player, *, poll=0.001, duration=None):
        inport, send, t = player.inport, player.outport.send, 0.0

        def spy(msg):  # each drum note at the master's position as it goes out (on its 16th: a hair late or early)
            if msg.type == "note_on":
                step = round(player.clock.beat(t) * 4)
                heard.append((1 + step // 16, step % 16, msg.note))
            send(msg)

        player.outport.send = spy
        for _ in range(48):  # the master's clock runs while stopped: its tempo is known at start
            t += PULSE
            inport.queue.append(mido.Message("clock"))
            player.step(t)
        for transport, bar, bars in script:
            inport.queue.extend(transport)
            player.step(t)
            for k in range(bars * 96):
                t += PULSE
                inport.queue.append(mido.Message("clock"))
                if k % 12 == 0 and bar + k // 96 in played:
                    inport.queue.append(mido.Message("note_on", note=40, velocity=100))
                player.step(t)
        player.all_notes_off()

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: Engine(StubModel()))
    monkeypatch.setattr(livemidi.LivePlayer, "run", run)
    assert main(["live", "--in", "bass", "--out", "synth", "--clock-in", *options]) == 0
    return heard


def crashed(heard) -> list[tuple[int, int]]:
    return sorted({(bar, step) for bar, step, pitch in heard if pitch == CRASH})


def first_bar(heard) -> int:
    return min(bar for bar, _, _ in heard)


def test_continued_from_bar_3_the_drums_come_in_on_bar_4_without_a_crash(monkeypatch):
    heard = master(monkeypatch, [([song_position(3), mido.Message("continue")], 3, 12)], range(3, 20))
    assert first_bar(heard) == 4 and crashed(heard) == [], heard


def test_started_at_bar_1_the_drums_come_in_on_bar_2_with_their_crash(monkeypatch):
    heard = master(monkeypatch, [([mido.Message("start")], 1, 12)], range(1, 20))
    assert first_bar(heard) == 2 and crashed(heard) == [(2, 0)], heard


@pytest.mark.parametrize("from_bar, crashes", [(3, [(5, 0), (9, 0), (13, 0)]), (1, [(2, 0), (5, 0), (9, 0)])],
                         ids=["from bar 3", "from bar 1"])
def test_the_phrases_crashes_stay_where_the_songs_count_puts_them(monkeypatch, from_bar, crashes):
    """--fill-every 2 (4-bar phrases from the song's bar 1): continued from bar 3, the drums come in on bar 4 with no
    crash and crash on the phrases' 1s, bars 5, 9 and 13; from bar 1, on bar 2 (their entry) and bars 5 and 9."""
    transport = [mido.Message("start")] if from_bar == 1 else [song_position(from_bar), mido.Message("continue")]
    heard = master(monkeypatch, [(transport, from_bar, 12)], range(from_bar, 20), "--fill-every", "2")
    assert crashed(heard) == crashes, heard


def test_located_to_bar_9_while_running_the_drums_come_in_on_bar_10_without_a_crash(monkeypatch):
    """The master started at bar 1 with nothing played, then jumped to bar 9 (a song position while running)."""
    heard = master(monkeypatch, [([mido.Message("start")], 1, 2), ([song_position(9)], 9, 8)], range(9, 20))
    assert first_bar(heard) == 10 and crashed(heard) == [], heard


def test_continued_with_the_drums_playing_their_comeback_after_the_player_stopped_still_crashes(monkeypatch):
    """Started at bar 1 (the drums in on bar 2 with a crash), stopped at bar 5 and continued there (the drums play on,
    no entry of theirs), the player stops after bar 6 (the drums end on bar 9, --stop-after 2) and comes back in bar
    12: the drums come back on bar 13 with a crash, as a drummer after a break."""
    paused = [mido.Message("stop"), mido.Message("continue")]
    heard = master(monkeypatch, [([mido.Message("start")], 1, 4), (paused, 5, 12)], [*range(1, 7), *range(12, 20)],
                   "--stop-after", "2")
    assert crashed(heard) == [(2, 0), (9, 0), (13, 0)], heard  # (9: the drums' end, a last hit on its 1)
    assert not any(10 <= bar <= 12 for bar, _, _ in heard), heard  # (the drums out until they come back)
