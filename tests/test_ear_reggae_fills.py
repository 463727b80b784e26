"""Reggae's fill bars, steppers and odd meters, as a reggae drummer plays them.

Asked for reggae with --fill-every 4bars over the bundled funk bass, the fill bar's snare struck the 3 with no kick
under it (the kick slipped to the "a" of 3); over the shuffle with --fill-length bar the fill loop's backbeat played
the snare on 2 and no drop; a waltz's or 6/8's fill through the drop kicked the 1 and left the 3 without the foot.
A reggae drummer keeps the drop in a fill bar (kick and rim on the 3, the 1 open, no snare before it) and lands
into the next 1 with the kick under the crash. Steppers (disco with reggae) in 4/4 had kept the network's kicks on
the bass's pushes ("X--x x--- x--x x---"); reggae in 5/4 played a busy rock beat (the snare on 8 of 20 16ths)."""

from pathlib import Path

import numpy as np
import pytest
from test_ear_meter_genres import WALTZ, six_eight, steps  # noqa: F401 (six_eight: a fixture)

from reagroove.core.fill_landings import vary_landings
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.meter import bars_beats
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
DRUMS = [SNARE, *TOMS]
EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
REGGAE = {"reggae": 1.0}


def part(name, request):
    return request.getfixturevalue(name) if name == "six_eight" else read_midi(
        WALTZ if name == "waltz" else EXAMPLES / f"{name}.mid")


def bars_of(result):
    """(loops, window, first step, end step, the drop's step) of each bar of a result on the real grid (the drop: a
    waltz's 3, else the bar's middle beat: 4/4's and 5/4's 3, 6/8's second dotted beat)."""
    for w, loop in enumerate(result.loops):
        bars = None if result.meters is None else result.meters[w]
        if bars is not None and len(bars) == 1 and bars[0][0] > 0:  # (a pickup)
            continue
        for beats in bars_beats(bars):
            starts = [b.start for b in beats]
            drop = starts[-1] if len(starts) == 3 else starts[len(starts) // 2]
            yield result.loops, w, starts[0], beats[-1].start + beats[-1].length, drop


def fill_bars(result):
    out = [b for b in bars_of(result) if (b[0][b[1], b[2]:b[3]][:, TOMS] > 0.5).any()]
    assert out, "no fill"
    return out


@pytest.mark.parametrize("name, length, seed", [("funk_bass", "half", 0), ("funk_bass", "bar", 0),
                                                ("funk_bass", "beat", 0), ("shuffle_blues", "half", 0),
                                                ("shuffle_blues", "bar", 0), ("waltz", "half", 2),
                                                ("waltz", "half", 5), ("six_eight", "half", 2),
                                                ("six_eight", "half", 1)])
def test_a_reggae_fill_bar_keeps_the_drop_and_lands_with_the_kick(shipped, name, length, seed, request):
    """Every fill bar: the foot on the drop (with the rim where the fill's toms start after it, under the fill's
    stroke where they run through it), no kick before it but under a crash, no snare before it (no backbeat on 2),
    and the kick under the next phrase's crash."""
    result = shipped.drumify(part(name, request), Settings(genre=REGGAE, fill_every=2, fill_length=length, seed=seed))
    for loops, w, lo, hi, drop in fill_bars(result):
        bar = loops[w]
        toms_from = lo + int(np.flatnonzero((bar[lo:hi, TOMS] > 0.5).any(1))[0])
        where = f"window {w}, steps {lo}-{hi}: kick {steps(bar, KICK)} snare {steps(bar, SNARE)}"
        assert bar[drop, KICK] > 0.5, where
        if toms_from > drop:
            assert bar[drop, SNARE] > 0.5, where
        else:
            assert (bar[drop, DRUMS] > 0.5).any(), where
        early = [s for s in range(lo, drop) if bar[s, KICK] > 0.5 and bar[s, CRASH] <= 0.5]
        assert not early, where
        assert not [s for s in range(lo, min(drop, toms_from)) if bar[s, SNARE] > 0.5], where
        nxt = (w, hi) if hi < STEPS else (w + 1, 0)
        if nxt[0] < len(loops) and loops[nxt][CRASH] > 0.5:
            assert loops[nxt][KICK] > 0.5, f"{where}: no kick under the crash after it"


@pytest.mark.parametrize("name", ["funk_bass", "shuffle_blues"])
def test_steppers_in_4_4_kick_every_beat_and_nothing_else(shipped, name):
    """`--genre disco,reggae` in 4/4: the kick on the four beats (and under a phrase's crash) alone: the network's
    kicks on the funk bass's pushes had stayed ("X--x x--- x--x x---|x--x x--- x--- xx-x")."""
    result = shipped.drumify(read_midi(EXAMPLES / f"{name}.mid"), Settings(genre={"disco": 0.5, "reggae": 0.5}))
    for loops, w, lo, hi, drop in bars_of(result):
        bar = loops[w, lo:hi]
        if (bar[:, TOMS] > 0.5).any():
            continue
        kicks = [s for s in steps(bar, KICK) if bar[s, CRASH] <= 0.5]
        assert kicks == [0, 4, 8, 12] or kicks == [4, 8, 12], steps(bar, KICK)
        assert steps(bar, SNARE) == [8], steps(bar, SNARE)


@pytest.fixture
def five_four(make_midi):
    """8 bars of a 5/4 part at 120: a bass riff on the beats and some 8ths, chords on 1 and 4."""
    riff = [(0.0, 40, 100), (1.0, 40, 90), (1.5, 43, 80), (2.0, 45, 95), (3.0, 47, 90), (4.0, 45, 85), (4.5, 43, 80)]
    notes = [(5.0 * bar + t, pitch, vel, 0) for bar in range(8) for t, pitch, vel in riff]
    notes += [(5.0 * bar + t, p, 70, 1) for bar in range(8) for t in (0.0, 3.0) for p in (52, 55, 59)]
    return read_midi(make_midi(notes, tempos=[(0, 120.0)], time_signatures=[(0, 5, 4)], length=1.0))


@pytest.mark.parametrize("settings", [{}, {"seed": 3}, {"fill_every": 2}], ids=["default", "seed3", "fills"])
def test_reggae_in_5_4_drops_on_the_bars_3(shipped, five_four, settings):
    """Reggae over a 5/4 part: the snare on the bar's 3 alone, the kick with it and nowhere else but under a crash,
    before a fill (the network's busy rock beat had played)."""
    result = shipped.drumify(five_four, Settings(genre=REGGAE, **settings))
    assert result.meters and {tuple(b[1:3]) for bars in result.meters if bars for b in bars} == {(5, 4)}
    seen = 0
    for loops, w, lo, hi, drop in bars_of(result):
        bar = loops[w, lo:hi]
        if (bar[:, TOMS] > 0.5).any():
            continue
        seen += 1
        assert steps(bar, SNARE) == [drop - lo], steps(bar, SNARE)
        assert [s for s in steps(bar, KICK) if bar[s, CRASH] <= 0.5] == [drop - lo], steps(bar, KICK)
    assert seen >= 4


def thin_fill_loop() -> np.ndarray:
    """Two windows of a one drop, the first's second bar ending in a thin fill (as freedoom's d_e2m1 over reggae): the
    drop, a snare on the "and" of 3, then the kick and a hat on 4 and nothing into the next 1."""
    n = N_VOICES
    out = np.zeros((2, STEPS, 3 * n), np.float32)
    for step in range(0, STEPS, 2):
        out[:, step, [CLOSED, n + CLOSED]] = (1.0, 0.5 if step % 4 == 0 else 0.8)
    for step in (8, 24):
        out[:, step, [KICK, n + KICK, SNARE, n + SNARE]] = (1.0, 0.6, 1.0, 0.9)
    out[0, 26, [SNARE, n + SNARE]] = (1.0, 0.7)
    out[0, 28:, :] = 0.0
    out[0, 28, [KICK, n + KICK, CLOSED, n + CLOSED]] = (1.0, 0.6, 1.0, 0.5)
    out[1, 0, [CRASH, n + CRASH, KICK, n + KICK]] = (1.0, 0.9, 1.0, 0.7)
    return out


def test_a_thin_4_4_reggae_fill_lands_on_the_drums():
    """A reggae fill whose last beat strikes its drums on under 3 16ths lands as a drummer's landing (as the
    waltz's and 6/8's thin fills do); the same fill told no genre is left as drawn (outputs without one unchanged)."""
    fill_at = np.zeros((2, STEPS), bool)
    fill_at[0, 24:] = True
    played = vary_landings(thin_fill_loop(), np.array([0]), fill_at, None, Settings(genre=REGGAE), seed=0)
    struck = (played[0][28:32][:, DRUMS] > 0.5).any(1)
    assert struck.sum() >= 3, played[0, 28:32, :N_VOICES].round(1)
    assert played[0, 24, KICK] > 0.5 and played[0, 24, SNARE] > 0.5  # the drop stays
    plain = vary_landings(thin_fill_loop(), np.array([0]), fill_at, None, Settings(), seed=0)
    assert np.array_equal(plain, thin_fill_loop())


def test_a_reggae_fill_loops_backbeat_goes_and_the_hand_goes_back_to_the_hat():
    """A fill loop laid over a whole bar plays its backbeat (the snare on 2) and a lead-in snare on the "and" of 1
    where the hat had been: a reggae fill bar plays the drop on 3 instead, the 1 open, and the hat keeps its 8ths
    where the snares went (over the bundled piano waltz the bar's hat had thinned to quarters)."""
    n = N_VOICES
    out = thin_fill_loop()
    out[0, 16:, :] = 0.0
    for step in (16, 20, 22, 26):
        out[0, step, [CLOSED, n + CLOSED]] = (1.0, 0.6)
    out[0, 16, [KICK, n + KICK]] = (1.0, 0.7)
    out[0, 18, [SNARE, n + SNARE]] = (1.0, 0.5)  # (the lead-in, on the hat's "and" of 1)
    out[0, 20, [SNARE, n + SNARE]] = (1.0, 0.9)  # (the fill loop's backbeat on 2)
    out[0, 24, [SNARE, n + SNARE]] = (1.0, 0.9)
    for step, tom in zip(range(28, 32), TOMS[::-1] + TOMS[:1]):
        out[0, step, [tom, n + tom]] = (1.0, 0.9)
    fill_at = np.zeros((2, STEPS), bool)
    fill_at[0, 16:] = True
    played = vary_landings(out, np.array([0]), fill_at, None, Settings(genre=REGGAE), seed=0)[0]
    assert steps(played[16:24], SNARE) == [], steps(played[16:32], SNARE)
    assert played[24, SNARE] > 0.5 and played[24, KICK] > 0.5, steps(played[16:32], KICK)
    assert steps(played[16:24], KICK) == [], steps(played[16:32], KICK)
    assert steps(played[16:24], CLOSED) == [0, 2, 4, 6], steps(played[16:24], CLOSED)
