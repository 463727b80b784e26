"""`reagroove live --genre latin` keeps one clave, bar by bar, as `drumify --genre latin` plays one for the whole
part (core/live_clave.py). Live had read the clave's side from the take's last grooves, so it turned round mid-phrase
(the same side in two bars running) when the player's first bar, held over the bar not yet played, left the take,
and again at a new take: over a 2-3 part played from bar 1 the drums played 2 3 2 3 2 2 3 2 3, from the wrong side
until bar 7. On the shipped model, through the rig `reagroove live` assembles, compared with drumify of the same
notes bar by bar."""

import numpy as np
import pytest
from helpers import live_rig, play_live
from test_live_half_time_shuffle import VOICE_OF

from reagroove.core.loop import N_VOICES, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

ONE, BPM = 0.4, 100.0  # the player's beat 1 at 0.4 s
SIDES = {(0, 6, 12): "3", (4, 8): "2"}  # a bar's clave (its snare's 16ths): the 3 side, the 2 side
LATIN = Settings(genre={"latin": 1.0})


def son(first_bar, bars, rest=(), soft_until=0):
    """A 2-3 son part from `first_bar` (0-based) for `bars` bars, (beat, pitch, velocity): the bass on the clave's
    notes (the 2 side first), a keyboard on every beat; none in the `rest` bars, at a third of the level before
    bar `soft_until`."""
    notes = []
    for k, bar in enumerate(range(first_bar, first_bar + bars)):
        if bar in rest:
            continue
        level = 1.0 if bar >= soft_until else 1 / 3
        bass = (1.0, 2.0) if k % 2 == 0 else (0.0, 1.5, 3.0)
        notes += [(4 * bar + b, 45, int(100 * level)) for b in bass] + [(4 * bar + b, 64, int(70 * level))
                                                                       for b in range(4)]
    return notes


def sides_live(engine, notes, bars, regenerate="bar") -> dict[int, str]:
    """{bar (1-based): its clave side, "-" for no rim, "?" for another snare} as played live."""
    at = [(ONE + beat * 60.0 / BPM, pitch, vel) for beat, pitch, vel in notes]
    player, clock = live_rig(engine, BPM, settings=LATIN, regenerate=regenerate)
    snares: dict[int, list[int]] = {}
    for t, msg in play_live(player, clock, at, ONE + 4 * bars * 60.0 / BPM):
        if msg.type == "note_on" and msg.velocity:
            step = round((t - ONE) * BPM / 60.0 * 4)
            snares.setdefault(step // 16 + 1, [])
            if VOICE_OF[msg.note] == "snare":
                snares[step // 16 + 1].append(step % 16)
    return {bar: side(steps) for bar, steps in snares.items()}


def sides_drumified(engine, make_midi, notes) -> dict[int, str]:
    result = engine.drumify(read_midi(make_midi([(b, p, v, 0) for b, p, v in notes], "son.mid",
                                                tempos=((0, BPM),), length=0.25)), LATIN)
    snares: dict[int, list[int]] = {}
    for start, loop in zip(result.starts, result.loops):
        for step in np.flatnonzero(loop[:, VOICES.index("snare")] > 0.5):
            at = round(start * 4 + step + loop[step, 2 * N_VOICES + VOICES.index("snare")])
            snares.setdefault(at // 16 + 1, []).append(at % 16)
    return {bar: side(steps) for bar, steps in snares.items()}


def side(steps) -> str:
    return "-" if not steps else SIDES.get(tuple(sorted(steps)), "?")


def said(sides: dict[int, str]) -> str:
    return " ".join(f"{bar}:{s}" for bar, s in sorted(sides.items()))


def assert_one_clave(heard: dict[int, str], bars: range):
    """Every bar in `bars` plays a side, the other one than the bar before."""
    assert all(heard.get(bar) in ("2", "3") for bar in bars), said(heard)
    assert all(heard[bar] != heard[bar - 1] for bar in bars[1:]), f"the clave turned round: {said(heard)}"


@pytest.mark.parametrize("regenerate", ["bar", "beat"])
@pytest.mark.parametrize("first_bar", [0, 1])  # the player starting on the window's first bar, or its second
def test_live_plays_drumifys_clave_from_the_drums_second_bar(shipped, make_midi, first_bar, regenerate):
    notes = son(first_bar, 10)
    heard, offline = sides_live(shipped, notes, first_bar + 10, regenerate), sides_drumified(shipped, make_midi, notes)
    entry = first_bar + 2  # the drums come in on the player's second bar, listening for the clave (no rim)
    assert heard.get(entry) in ("-", offline[entry]), said(heard)
    played = range(entry + 1, first_bar + 11)
    assert_one_clave(heard, played)
    assert [heard[bar] for bar in played] == [offline[bar] for bar in played], \
        f"live {said(heard)}\ndrumify {said(offline)}"


def test_a_new_take_keeps_the_clave(shipped, make_midi):
    """The band soft for 4 bars, then loud (a new take, live_sections.py): the clave goes on as it was."""
    notes = son(0, 12, soft_until=5)
    heard, offline = sides_live(shipped, notes, 12), sides_drumified(shipped, make_midi, notes)
    assert_one_clave(heard, range(3, 13))
    assert [heard[bar] for bar in range(3, 13)] == [offline[bar] for bar in range(3, 13)], \
        f"live {said(heard)}\ndrumify {said(offline)}"


@pytest.mark.parametrize("rest", [{5, 6}, {5, 6, 7}])
def test_the_clave_keeps_its_bars_through_a_rest(shipped, rest):
    """The player rests 2 or 3 bars and comes back: the drums' clave never turns round, before, over or after it."""
    assert_one_clave(sides_live(shipped, son(0, 14, rest=rest), 14), range(3, 15))
