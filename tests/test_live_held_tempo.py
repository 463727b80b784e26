"""A human player's ghost notes land where drumify's do (core/live_held_tempo.py). The decode draws a song's ghost
snares and open hats per bar keyed on its tempo to a tenth; live keyed them on the followed tempo, which a player's
few ms of jitter move between 99.9, 100.0 and 100.1: at ±8 ms, 7 of 14 bars of a funk riff at 100 had other ghost
notes than drumify's. The tempo is now held through the take, and the --record'ed file carries it, so drumify of the
take (at the file's tempo) plays live's bars. Through the command line and the shipped model, on in-memory ports
and a scripted clock (as tests/test_live_half_tempo.py)."""

import mido
import pytest
from test_live_half_tempo import live as live_take

from reagroove.core.cli import main
from reagroove.core.midi import read_midi

SNARES = (38, 40)
FUNK = [(0, 40, 110), (0.75, 40, 80), (1.5, 43, 90), (2, 45, 105), (2.5, 45, 70), (3.25, 47, 85), (3.5, 45, 95)]
BPM, BARS, FIRST = 100.0, 12, 1.0
JITTER = (0.008, -0.006, 0.0, -0.008, 0.005, 0.007, -0.004)  # seconds: a player's hands, note by note


def played():
    """(seconds, pitch, velocity) of BARS bars of FUNK at BPM from FIRST, each onset a few ms off."""
    beats = [(k * 4 + b, p, v) for k in range(BARS) for b, p, v in FUNK]
    return [(FIRST + b * 60.0 / BPM + JITTER[i % len(JITTER)], p, v) for i, (b, p, v) in enumerate(beats)]


def snare_bars(hits, first_bar=3, last_bar=BARS - 1):
    """{bar (1 at the player's first): sorted 16ths of its snare notes} from [(beats from the player's first, note)]."""
    bars = {bar: [] for bar in range(first_bar, last_bar + 1)}
    for beat, note in hits:
        step = int(round(beat * 4))
        if note in SNARES and step // 16 + 1 in bars:
            bars[step // 16 + 1].append(step % 16)
    return {bar: sorted(steps) for bar, steps in bars.items()}


@pytest.mark.parametrize("asked", [["--bpm", "100"], []], ids=["--bpm 100", "tempo read"])
def test_a_jittery_takes_ghost_notes_are_drumifys_of_the_recorded_take(monkeypatch, capsys, shipped, tmp_path,
                                                                      make_midi, asked):
    """--bpm as played, or left out (the tempo read from the opening: the one the drums came in at, held)."""
    style, take = ["--genre", "rock", "--density", "0.9"], tmp_path / "take.mid"
    _, sent = live_take(monkeypatch, capsys, shipped, [*asked, *style, "--record", str(take)], played(),
                        FIRST + BARS * 2.4)
    live = snare_bars([((t - FIRST) * BPM / 60.0, note) for t, note in sent])
    tempos = read_midi(str(take)).tempos
    assert len({round(t, 1) for _, t in tempos}) == 1, f"the take's tempo moved with the player's hands: {tempos}"
    part = make_midi([(k * 4 + b, p, v, 0) for k in range(BARS) for b, p, v in FUNK], "part.mid",
                     tempos=((0, tempos[0][1]),), length=4 * BARS)
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(part), "-o", str(out), "--quiet", *style]) == 0
    tick, hits, mf = 0, [], mido.MidiFile(str(out))
    for track in mf.tracks:
        tick = 0
        for msg in track:
            tick += msg.time
            if msg.type == "note_on" and msg.velocity:
                hits.append((tick / mf.ticks_per_beat, msg.note))
    offline = snare_bars(hits)
    differ = {bar: (live[bar], offline[bar]) for bar in live if live[bar] != offline[bar]}
    assert not differ, f"bars whose snare (16ths live, drumify's) differ: {differ}"


def test_the_tempo_the_draws_are_keyed_on_is_the_one_the_drums_came_in_at_until_the_player_moves():
    from types import SimpleNamespace

    from reagroove.core.live_held_tempo import held_tempo

    clock = SimpleNamespace(bpm=101.3, set_bpm=120.0, opening=object())  # the opening reading the player's tempo
    held = held_tempo(None, clock)
    clock.opening, clock.set_bpm = None, 100.54  # the drums come in at the tempo read
    for bpm in (100.54, 100.2, 99.9, 100.1, 100.07, 99.93):  # the follower settling, a player's hands at 100
        clock.bpm = bpm
        held = held_tempo(held, clock)
        assert held == 100.54
    clock.bpm = 112.0  # the player moved on
    assert held_tempo(held, clock) == 112.0
