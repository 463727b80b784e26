"""A part playing 16ths inside its dotted beats gets drumify's 16th hats live (core/live_part.py): a 6/8 (or 12/8)
part in 16ths played live had 8th hats, the bar's six 8ths, where `drumify` of the same notes plays its twelve 16ths
(meter_read.plays_sixteenths, which live read in half time only). On the shipped model, through the rig `reagroove
live` assembles (in-memory ports, a scripted clock), compared with drumify of the same notes bar by bar from the drums'
second bar, as tests/test_live_half_time_shuffle.py does in 4/4."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import BARS, ONE, TWELFTHS, VOICE_OF

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

SIXTEENTH = TWELFTHS // 4


def in_16ths(eighths: int) -> list[tuple[float, int, int]]:
    """A bar of `eighths` 8ths, each with its 16th after it (beat, pitch, velocity): the dotted beats' first
    8th accented and lower, as a picked guitar part in 6/8 or 12/8."""
    return [(e / 2 + s / 4, 55 if e % 3 == 0 else 62, 100 if e % 3 == 0 and s == 0 else 70)
            for e in range(eighths) for s in range(2)]


def bar_of(at: int, quarters: float) -> tuple[int, int]:
    return at // round(quarters * TWELFTHS) + 1, at % round(quarters * TWELFTHS)


def live(engine, bar_notes, bpm, meter, quarters, settings):
    """`bar_notes` played live every bar of `meter` (`quarters` long): {bar (1-based): {voice: [12ths of a beat]}}."""
    at = [(ONE + (quarters * bar + beat) * 60.0 / bpm, pitch, vel) for bar in range(BARS)
          for beat, pitch, vel in bar_notes]
    player, clock = live_rig(engine, bpm, settings=settings, beats_per_bar=meter)
    heard: dict[int, dict[str, list[int]]] = {}
    for t, msg in play_live(player, clock, at, ONE + quarters * BARS * 60.0 / bpm):
        if msg.type == "note_on" and msg.velocity:
            bar, at_ = bar_of(round((t - ONE) * bpm / 60.0 * TWELFTHS), quarters)
            heard.setdefault(bar, {}).setdefault(VOICE_OF[msg.note], []).append(at_)
    return heard


def drumified(engine, make_midi, bar_notes, bpm, meter, quarters, settings):
    """drumify of the same notes in a file of that time signature, as `live`'s."""
    notes = [(quarters * bar + beat, pitch, vel, 0) for bar in range(BARS) for beat, pitch, vel in bar_notes]
    path = make_midi(notes, "part.mid", tempos=((0, bpm),), time_signatures=((0, *meter),), length=0.2)
    result = engine.drumify(read_midi(path), settings)
    heard: dict[int, dict[str, list[int]]] = {}
    for start, loop in zip(result.starts, result.loops):
        for step, voice in zip(*np.nonzero(loop[:, :N_VOICES] > 0.5)):
            bar, at = bar_of(round((start + (step + loop[step, 2 * N_VOICES + voice]) / 4) * TWELFTHS), quarters)
            heard.setdefault(bar, {}).setdefault(VOICES[voice], []).append(at)
    return heard


def roll(heard, voices) -> str:
    return "\n".join(f"bar {bar} {v:10s} {sorted(heard[bar].get(v, []))}" for bar in sorted(heard) for v in voices)


@pytest.mark.parametrize("meter, bpm", [((6, 8), 100.0), ((12, 8), 70.0)])
def test_a_part_in_sixteenths_in_compound_time_gets_drumifys_sixteenth_hats_live(shipped, make_midi, meter, bpm):
    quarters = meter[0] / 2
    part = in_16ths(meter[0])
    heard = live(shipped, part, bpm, meter, quarters, Settings())
    offline = drumified(shipped, make_midi, part, bpm, meter, quarters, Settings())
    played = [bar for bar in range(2, BARS + 1) if bar in heard]
    assert len(played) >= BARS - 2, roll(heard, ("closed_hat",))
    for bar in played[1:]:  # (the drums' first bar is a take of one bar: drumify's hears the whole part)
        hats = sorted(heard[bar].get("closed_hat", []))
        # the part's 16ths between its 8ths played on the hats, not only its 8ths
        assert sum(at % (2 * SIXTEENTH) == SIXTEENTH for at in hats) >= meter[0] // 2, \
            f"bar {bar}\n{roll(heard, ('closed_hat',))}"
        for voice in ("closed_hat", "snare", "kick"):  # drumify plays the same bar
            assert sorted(heard[bar].get(voice, [])) == sorted(offline[bar].get(voice, [])), \
                f"bar {bar} {voice}\nlive:\n{roll(heard, (voice,))}\ndrumify:\n{roll(offline, (voice,))}"
