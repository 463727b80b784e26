"""Jazz asked for rides every beat with the hat foot on 2 and 4, where the network's draw left the ride gaps on the
beats beside stick hats on 16ths (comping.ride_time's bars between "moving" and "riding").

Over freedoom's d_map26 bass (`--genre jazz`, with or without `--swing 66`) the draw rode the four beats beside a
hat on 2 and 4 with a pickup on the 16th before it; that hat was no foot to limbs.playable, so the ride lost 2 and 4
to it and the snare's backbeat, and ride_time left the bar as drawn: the ride "X-x- --x- X-X- --x-" over stick hats
"---x X--- ---x X---" in 32 of 48 bars, no jazz drummer's time."""

from __future__ import annotations

import numpy as np
import pytest

from reagroove.core.comping import FOOT_LEVEL, no_backbeat, ride_time
from reagroove.core.drummap import GM_DRUM_MAP, GM_PEDAL_HAT
from reagroove.core.limbs import one_drummer
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN, CRASH, RIDE = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat",
                                                                     "crash", "ride"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
BAR = 16
BEATS = [0, 4, 8, 12]
FOOT = [4, 12]  # 2 and 4
# d_map26's bass figure (2 bars at 70 BPM, beats and GM pitches): 16ths and 32nds around a low F
FIGURE = [(0.0, 29), (0.25, 31), (0.5, 43), (0.75, 31), (0.875, 43), (1.125, 31), (1.25, 41), (1.5, 43),
          (1.75, 31), (2.0, 29), (2.25, 31), (2.5, 43), (2.75, 31), (2.875, 43), (3.125, 31), (3.25, 29),
          (3.5, 35), (3.75, 44), (4.0, 29), (4.25, 31), (4.5, 43), (4.75, 31), (4.875, 43), (5.125, 31),
          (5.25, 41), (5.5, 43), (5.75, 31), (6.0, 29), (6.25, 31), (6.5, 43), (6.75, 31), (6.875, 43),
          (7.125, 31), (7.25, 41), (7.375, 31), (7.5, 43), (7.625, 31), (7.75, 41)]


def beat_bars(loops):
    """Each 16-step bar (16, 27) of loops (steps, 27) with no fill's toms."""
    bars = [loop[s:s + BAR] for loop in loops for s in range(0, len(loop) - BAR + 1, BAR)]
    return [bar for bar in bars if not (bar[:, TOMS] > 0.5).any()]


def keeps_jazz_time(bar) -> str:
    """'' where a bar (16, 27) rides all four beats (but under a crash) with the closed hat on 2 and 4 alone, at
    most FOOT_LEVEL and no open hat, else what it plays instead."""
    hit = bar[:, :N_VOICES] > 0.5
    ride, hat = np.flatnonzero(hit[:, RIDE]).tolist(), np.flatnonzero(hit[:, CLOSED]).tolist()
    beats_ridden = all(hit[b, RIDE] or hit[b, CRASH] for b in BEATS)
    quiet = (bar[hit[:, CLOSED], N_VOICES + CLOSED] <= FOOT_LEVEL + 1e-6).all()
    ok = beats_ridden and hat == FOOT and quiet and not hit[:, OPEN].any()
    return "" if ok else f"ride {ride} closed hat {hat} open hat {np.flatnonzero(hit[:, OPEN]).tolist()}"


@pytest.mark.parametrize("swing", [None, 66])
def test_jazz_over_map26_s_bass_rides_every_beat_with_the_foot_on_2_and_4(shipped, make_midi, swing):
    notes = [(bar * 4 + beat, pitch, 100, 0) for bar in range(0, 8, 2) for beat, pitch in FIGURE]
    part = read_midi(make_midi(notes, tempos=[(0, 70.0)], length=0.1))
    settings = Settings(genre={"jazz": 1.0}) if swing is None else Settings(genre={"jazz": 1.0}, swing=swing)
    result = shipped.drumify(part, settings)
    bars = beat_bars(result.loops)
    assert len(bars) >= 6, len(bars)
    wrong = [f"bar {i}: {why}" for i, why in enumerate(map(keeps_jazz_time, bars)) if why]
    assert not wrong, wrong
    for loop in result.loops:  # the hat is the foot's: written on the pedal hat
        hits = loop[:, :N_VOICES] > 0.5
        assert (GM_DRUM_MAP.pitches(hits)[hits[:, CLOSED], CLOSED] == GM_PEDAL_HAT).all()


def draw(ride: str, hats: str, open_hats: str = "-" * BAR) -> np.ndarray:
    """One loop of two alike bars as a jazz draw leaves limbs.playable: the ride and hats as written ('x' a note;
    the ride at 0.7 on the beats and 0.5 between, the hats loud at 0.9), the kick on 1 and 3, the snare on 2 and
    4 (no_backbeat takes it)."""
    out = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for start in range(0, STEPS, BAR):
        notes = [(0, KICK, 0.6), (8, KICK, 0.55), (4, SNARE, 0.6), (12, SNARE, 0.6)]
        notes += [(s, RIDE, 0.7 if s % 4 == 0 else 0.5) for s, c in enumerate(ride) if c == "x"]
        notes += [(s, CLOSED, 0.9) for s, c in enumerate(hats) if c == "x"]
        notes += [(s, OPEN, 0.9) for s, c in enumerate(open_hats) if c == "x"]
        for step, voice, level in notes:
            out[0, start + step, [voice, N_VOICES + voice]] = (1.0, level)
    return out


@pytest.mark.parametrize("ride, hats, open_hats", [
    ("x-x---x-x-x---x-", "---xx------xx---", "-" * BAR),  # d_map26's: the ride lost 2 and 4 to the hat
    ("x-------x-------", "---xx------xx---", "-" * BAR),  # ... and its "and"s: 1 and 3 alone
    ("x-x-x-x-x-x-x-x-", "---xx------xx---", "-" * BAR),  # every beat, stick hats on the "a"s
    ("x---x---x---x---", "--x---x---x---x-", "-" * BAR),  # hats on the "and"s, as many as the ride's notes
    ("x---x---x---x---", "---x-------x----", "------x-------x-"),  # the open hat's too
    ("x-x---x-x-x-x-x-", "----x-------x---", "-" * BAR),  # a ride that keeps time but misses 2
    ("x-------x-------", "----x-------x---", "-" * BAR),  # under RIDING notes, the foot on 2 and 4
], ids=["map26", "one_and_three", "every_beat", "hats_on_ands", "open_hats", "misses_2", "sparse_ride"])
def test_a_jazz_bar_between_moving_and_riding_keeps_jazz_time(ride, hats, open_hats):
    loops = draw(ride, hats, open_hats)
    rows = np.ones(1, bool)
    out = one_drummer(ride_time(no_backbeat(loops, rows), rows))
    for bar in beat_bars(out):
        assert not keeps_jazz_time(bar), keeps_jazz_time(bar)
        drawn = [s for s, c in enumerate(ride) if c == "x"]
        assert (bar[drawn, RIDE] > 0.5).all()  # the ride's own notes stay, at their level
        assert np.allclose(bar[drawn, N_VOICES + RIDE], loops[0, drawn, N_VOICES + RIDE])
        # the beats filled at the ride's own level (the hat the foot's, not a loud stick's)
        assert (bar[BEATS, N_VOICES + RIDE] <= 0.7 + 1e-6).all()
        assert not (bar[:, SNARE] > 0.5).any()  # (the draw's backbeat gone: no_backbeat)


def test_a_bar_without_jazz_asked_or_with_a_fill_s_toms_is_left_as_drawn():
    loops = draw("x-x---x-x-x---x-", "---xx------xx---")
    assert ride_time(loops, np.zeros(1, bool)) is loops
    for step in (13, 14, 15, 29, 30, 31):  # a fill's toms in both bars
        loops[0, step, [TOMS[0], N_VOICES + TOMS[0]]] = (1.0, 0.8)
    assert ride_time(loops, np.ones(1, bool)) is loops
