"""Live play as a producer meets it: a player who stops and comes back, changes feel, plays on the drum channel;
driven by a scripted clock and mido's in-memory ports, read bar by bar as a drummer would."""

import collections

import mido
import pytest
from helpers import MemoryInput, MemoryOutput
from stub_model import StubModel

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.live import LiveSession
from reagroove.core.livemidi import InternalClock, LivePlayer
from reagroove.core.patterns import PatternStore

KICK, HAT = GM_DRUM_MAP.output[0], GM_DRUM_MAP.output[2]


def _rig(**kw):
    clock = InternalClock(120)
    clock.t0 = 0.0
    session = LiveSession(Engine(StubModel(), PatternStore({})), **kw)
    player = LivePlayer(session, MemoryInput(), MemoryOutput(), clock)
    session.start(0.0)
    return player


def _play(player, notes, until_beat, dt=0.005):
    """Feed `notes` [(beat, message)] as the clock reaches them; returns [(beat, message sent)]."""
    notes, sent, t, i = sorted(notes, key=lambda n: n[0]), [], 0.0, 0
    while t * 2 < until_beat:  # 120 BPM: 2 beats a second
        while i < len(notes) and notes[i][0] <= t * 2 + 1e-9:
            player.inport.queue.append(notes[i][1])
            i += 1
        n0 = len(player.outport.sent)
        player.step(t)
        sent += [(t * 2, m) for m in player.outport.sent[n0:]]
        t = round(t + dt, 6)
    return sent


def _on(beat, note=40, velocity=100, channel=0):
    return beat, mido.Message("note_on", note=note, velocity=velocity, channel=channel)


def _bar_hits(sent, pitch, bars):
    per_bar = collections.Counter(int(b // 4) for b, m in sent if m.type == "note_on" and m.velocity and m.note == pitch)
    return [per_bar[k] for k in range(bars)]


def test_a_player_who_stops_for_four_bars_keeps_the_whole_groove_going():
    """8ths for four bars, then four bars' rest: the drums keep the groove they had in every bar of the break.
    The buffer fades a bar at a time, the older bar first; loops made from the half left lost the other bar's
    kicks, so every other bar of the break played without a kick."""
    player = _rig()
    sent = _play(player, [_on(k * 0.5) for k in range(32)], 32)
    kicks = _bar_hits(sent, KICK, 8)
    assert all(kicks[2:]), f"kicks per bar {kicks}: the drums dropped their groove while the player rested"
    assert kicks[4:8] == [kicks[3]] * 4  # the same groove through the break


def _offbeat_hats(sent, bar):
    """Where the hats' off-beats fall in `bar` (beats after the beat, rounded)."""
    return sorted({round(b % 1, 2) for b, m in sent if m.type == "note_on" and m.note == HAT
                   and bar * 4 <= b < bar * 4 + 4 and b % 1 > 0.3})


@pytest.mark.parametrize("before, after", [(0.5, 2 / 3), (2 / 3, 0.5)])
def test_a_player_who_switches_between_straight_8ths_and_a_shuffle_is_followed_within_two_bars(before, after):
    """Four bars of straight 8ths, then a shuffle (or back): once two bars of the new feel are in, the hats play
    it. The take kept the last four grooves, and their old feel held the hats in it four bars after the switch."""
    notes = [_on(b + (before if b < 16 else after)) for b in range(40)] + [_on(b) for b in range(40)]
    sent = _play(_rig(), notes, 40, dt=0.002)
    assert _offbeat_hats(sent, 3) == pytest.approx([before], abs=0.03)
    for bar in (6, 7, 8, 9):  # bar 7 on: its loop is made from two bars of the new feel
        assert _offbeat_hats(sent, bar) == pytest.approx([after], abs=0.03), f"bar {bar + 1}"


class _ThruOutput(MemoryOutput):
    """An output whose synth sends everything back (MIDI thru, or one loopback bus for --in and --out)."""

    def _send(self, msg):
        super()._send(msg)
        self.back.queue.append(msg)


def test_drums_echoed_back_on_the_input_are_not_followed_as_playing():
    """A synth's MIDI thru sends the drums back to the input: fed as playing, the drums followed themselves, a
    kick on every 16th within bars, the snare drifting off 2 and 4, and played on after the player stopped."""
    player = _rig()
    player.outport = _ThruOutput()
    player.outport.back = player.inport
    sent = _play(player, [_on(k * 0.5) for k in range(16)], 40)  # two bars of 8ths, then nothing
    assert not player.session.drum_part
    assert player.stats.input_notes <= 16 + 4  # the player's notes (and the echoes before the rig proved it echoes)
    kicks = [round(b * 4) % 16 for b, m in sent if m.type == "note_on" and m.note == KICK and b >= 16]
    assert kicks and set(kicks) <= set(range(0, 16, 2))  # the player's 8ths, nothing between
    snare = {round(b * 4) % 16 for b, m in sent if m.type == "note_on" and m.note == GM_DRUM_MAP.output[1]}
    assert snare == {4, 12}


def test_drum_pads_on_channel_10_are_still_played_along_with():
    """Channel 10 input is a drum part (pads): with no echo every pad hit counts, those matching a drum just sent too."""
    player = _rig()
    pads = [_on(k * 1.0, note=36, velocity=100, channel=9) for k in range(24)]
    _play(player, pads, 24)
    assert player.session.drum_part and player.stats.input_notes == 24


@pytest.mark.parametrize("rest_bars", [4, 12])
def test_a_player_back_from_a_break_is_followed_without_a_bar_losing_its_kick(rest_bars):
    """8ths for four bars, a break, then quarter notes: no bar loses its kick when the player comes back (the loop
    made from the one bar played had nothing for the other), and the drums take up the new part a bar later."""
    back = 16 + 4 * rest_bars
    notes = [_on(k * 0.5) for k in range(32)] + [_on(back + k) for k in range(16)]
    sent = _play(_rig(), notes, back + 16)
    kicks = _bar_hits(sent, KICK, back // 4 + 4)
    assert all(kicks[2:]), f"kicks per bar {kicks}"
    last = [round(b * 4) % 16 for b, m in sent if m.type == "note_on" and m.note == KICK and b >= back + 8]
    assert set(last) == {0, 4, 8, 12}  # the quarters played since
