"""Half time (`--feel half`) as a drummer hears it: the snare on each bar's 3 stands alone. A whole-bar fill keeps
the bar's 2 clean (the model's 4/4 fill bar had put its backbeat on 2), a seeded take keeps the kick off the
backbeat (kick on the 1 and around it) and no normal-time snare on the bar's 2 or 4, and an open-hat wash keeps
the song's 8ths. On the shipped model with an 808 line at 140 and a hip-hop bass at 90, and on made-up loops laid
on half-time bars (meter.loops_to_bars, half_time.lay_fills) for what a take rarely plays."""

import numpy as np
import pytest

from reagroove.core.feel import half_time_bar
from reagroove.core.half_time import lay_fills
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.meter import loops_to_bars
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

KICK, SNARE, CLOSED, OPEN = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "open_hat"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
CRASH = VOICES.index("crash")
FILL_DRUMS = [SNARE, *TOMS]
HALF_TIME = (half_time_bar(0.0), half_time_bar(4.0))
# an 808 line, each bar: the 1, the "and-a" of 2, the "and" of 3, beat 4 (test_half_time.py's)
TRAP_BAR = ((0.0, 110), (1.5, 90), (1.75, 100), (2.5, 100), (3.0, 80))
# a hip-hop bass at 90: the 1, the "a" of 1, the "and" of 2, the "and" of 3, the "e" of 4
HIPHOP_BAR = ((0.0, 40, 100), (0.75, 40, 80), (1.5, 43, 90), (2.5, 40, 100), (3.25, 38, 80))
BARS = 16


@pytest.fixture
def trap(make_midi):
    notes = [(4 * bar + beat, 36, vel, 0) for bar in range(BARS) for beat, vel in TRAP_BAR]
    return read_midi(make_midi(notes, "trap_140.mid", tempos=((0, 140.0),), length=0.2))


@pytest.fixture
def hiphop(make_midi):
    notes = [(4 * bar + beat, pitch, vel, 0) for bar in range(BARS) for beat, pitch, vel in HIPHOP_BAR]
    return read_midi(make_midi(notes, "hiphop_90.mid", tempos=((0, 90.0),), length=0.3))


def song_bars(loops, bars) -> dict[int, np.ndarray]:
    """The song's bar number -> its 16 steps of drums (16, 27) on the real grid."""
    return {int(bar) + k: loop[16 * k:16 * (k + 1)] for bar, loop in zip(bars, loops) for k in (0, 1)}


def hits(bar: np.ndarray) -> np.ndarray:
    return bar[:, :N_VOICES] > 0.5


def test_a_whole_bar_fill_in_half_time_keeps_the_bars_2_clean(shipped, trap):
    """`--fill-length bar`: the fill bar's first half plays the half-time beat (kick on the 1, no snare on 2) unless
    the fill runs through it; the fill ends on the toms into the next bar's crash. The model's fill bar, laid at the
    song's speed, had put its 4/4 backbeat on the bar's 2 (a tom on the 1, a lone snare on 2, fill from 3)."""
    result = shipped.drumify(trap, Settings(feel="half", fill_every=2, fill_length="bar"))
    bars = song_bars(result.loops, result.bars)
    for bar in (4, 8, 12):
        h = hits(bars[bar])
        runs_through = int(h[:8][:, FILL_DRUMS].any(1).sum()) >= 3
        assert runs_through or not h[4, SNARE], bar  # no normal-time backbeat on 2
        assert runs_through or h[0, KICK], bar  # the half-time beat's 1
        assert h[8:, TOMS].any(), bar
        assert hits(bars[bar + 1])[0, CRASH], bar


@pytest.mark.parametrize("seed", range(6))
def test_seeded_half_time_takes_keep_the_snare_on_3_alone(shipped, hiphop, trap, seed):
    """`--seed N --variations 4`: in every version's beat bars the kick never plays under the snare on 3, a bar
    with kicks has one on its 1, and a snare on the bar's 2 or 4 is at most a ghost note beside the 3 (seed 2 had
    put the 808 line's kick under the backbeat; seed 1 played the hip-hop bass's bars with loud snares on 2, 3
    and 4, normal time and half time at once)."""
    for part in (trap, hiphop):
        settings = Settings(feel="half", seed=seed)
        result = shipped.drumify(part, settings)
        for version in shipped.variations_of(result, settings, 4):
            for bar, steps in song_bars(version, result.bars).items():
                h = hits(steps)
                if h[:, TOMS].any() or not h.any():  # a fill bar, or past the song
                    continue
                where = (seed, part.path, bar)
                assert not (h[8, KICK] and h[8, SNARE]), where
                assert h[0, KICK] or not h[:, KICK].any(), where
                if h[8, SNARE]:
                    for beside in (4, 12):
                        ghost = steps[beside, N_VOICES + SNARE] <= 0.6 * steps[8, N_VOICES + SNARE]
                        assert not h[beside, SNARE] or ghost, where


def loop(**voices) -> np.ndarray:
    """A made-up 2-bar 4/4 loop (1, 32, 27): voice name -> {loop step: velocity} in each bar."""
    out = np.zeros((1, STEPS, 3 * N_VOICES), np.float32)
    for name, steps in voices.items():
        v = VOICES.index(name)
        for bar in (0, 16):
            for step, vel in steps.items():
                out[0, bar + step, v], out[0, bar + step, N_VOICES + v] = 1.0, vel
    return out


EIGHTHS = {s: 0.7 for s in range(0, 16, 2)}


def test_a_kick_on_the_loops_2_plays_on_the_bars_1_not_under_its_3():
    both = loops_to_bars(loop(kick={0: 0.9, 4: 0.8}, snare={4: 1.0, 12: 1.0}, closed_hat=EIGHTHS), HALF_TIME)[0]
    only = loops_to_bars(loop(kick={4: 0.8}, snare={4: 1.0, 12: 1.0}, closed_hat=EIGHTHS), HALF_TIME)[0]
    for out in (both, only):
        for bar in (0, 16):
            assert out[bar + 8, SNARE] > 0.5 and out[bar + 8, KICK] < 0.5  # the snare on 3 alone
            assert out[bar, KICK] > 0.5  # the kick on the 1 (the take whose only kick was on 2: a bar with none)


def test_a_loud_snare_on_the_loops_and_is_no_backbeat_on_the_bars_2_or_4():
    """The loop's "and" of 1 and of 2 land on the bar's 2 and 4: at a backbeat's weight they go, as ghost notes
    they stay."""
    loud = loops_to_bars(loop(kick={0: 0.9}, snare={2: 0.9, 4: 1.0, 6: 0.85, 12: 1.0}, closed_hat=EIGHTHS),
                         HALF_TIME)[0]
    ghost = loops_to_bars(loop(kick={0: 0.9}, snare={2: 0.3, 4: 1.0, 6: 0.3, 12: 1.0}, closed_hat=EIGHTHS),
                          HALF_TIME)[0]
    for bar in (0, 16):
        assert loud[bar + 8, SNARE] > 0.5 and loud[bar + 4, SNARE] < 0.5 and loud[bar + 12, SNARE] < 0.5
        assert ghost[bar + 4, SNARE] > 0.5 and ghost[bar + 12, SNARE] > 0.5


def test_an_open_hat_wash_keeps_the_songs_eighths_in_half_time():
    out = loops_to_bars(loop(kick={0: 0.9}, snare={4: 1.0, 12: 1.0}, open_hat=EIGHTHS), HALF_TIME)[0]
    assert (out[::2, OPEN] > 0.5).all()  # the bar's 8ths, where it had played quarters
    accent = loops_to_bars(loop(kick={0: 0.9}, snare={4: 1.0, 12: 1.0}, closed_hat=EIGHTHS, open_hat={6: 0.8}),
                           HALF_TIME)[0]
    assert (accent[:, OPEN] > 0.5).sum() == 2  # one open hat on an "and" a bar stays an accent


def test_a_bar_fill_lays_its_second_half_over_the_half_time_beat_unless_it_runs_through_the_bar():
    beat = loops_to_bars(loop(kick={0: 0.9}, snare={4: 1.0, 12: 1.0}, closed_hat=EIGHTHS), HALF_TIME)
    fill_at = np.zeros((1, STEPS), bool)
    fill_at[0, 16:] = True  # a bar fill in the window's second bar
    groove_fill = loop(kick={0: 0.9, 6: 0.7}, snare={4: 1.0, 8: 0.9, 10: 0.8}, low_tom={0: 0.8, 12: 0.9, 14: 0.9})
    out = beat.copy()
    lay_fills(out, groove_fill, np.array([0]), fill_at)
    bar = hits(out[0, 16:])
    assert bar[0, KICK] and not bar[4, SNARE] and not bar[:8, TOMS].any()  # the half-time beat up to the 3 ...
    assert bar[8, SNARE] and bar[12:, TOMS].any()  # ... the fill from it
    assert (bar[:8:2, CLOSED]).all()  # the hats keep time up to the fill
    run = loop(snare={s: 0.8 for s in range(16)})
    out = beat.copy()
    lay_fills(out, run, np.array([0]), fill_at)
    assert hits(out[0, 16:])[:, SNARE].all()  # a fill that runs through the bar is played whole


def test_sparse_hats_keep_time_through_the_half_time_bar():
    """A sparse take's hats on the loop's beat 1 alone (density 0.2, seed 2 over the 808 line) had left the bar's 3
    and 4 without time: the hats play the bar's 8ths throughout."""
    out = loops_to_bars(loop(kick={0: 0.9}, snare={4: 1.0, 12: 1.0}, closed_hat={0: 0.7, 2: 0.5}), HALF_TIME)[0]
    assert (out[::2, CLOSED] > 0.5).all()


def test_a_half_time_bar_fill_is_drawn_as_it_will_sound():
    """draw_fills judges a half-time bar fill as lay_fills lays it: a fill whose strokes before the bar's 3 give way
    to the half-time beat is one stroke, no fill, and is drawn again (judged whole, it had been kept, and the bar
    played a lone snare on 3 for its fill)."""
    from reagroove.core.fills import draw_fills

    groove_fill = loop(low_tom={0: 0.8}, snare={4: 1.0, 8: 0.9})  # a tom on the 1, the backbeat on 2, a snare on 3
    tom_fill = loop(snare={8: 0.8, 10: 0.8}, low_tom={12: 0.9, 14: 0.9})
    fill_at = np.zeros((1, STEPS), bool)
    fill_at[0, 16:] = True

    def decode(k, seeds, temperatures):
        return np.concatenate([groove_fill if len(k) == 1 else tom_fill] * len(k))

    chosen = draw_fills(decode, np.array([0]), fill_at, [HALF_TIME], None, None, Settings(feel="half"))
    assert (chosen[0, 28:, TOMS] > 0.5).any()  # the toms on the bar's 4


def test_a_half_time_bar_with_kicks_has_one_on_its_1():
    """A take whose kicks play only between the beats (its 1 on a high tom) had left the half-time bar without its
    anchor: the kick plays the 1 too, as loud as the bar's loudest, its own kicks kept."""
    out = loops_to_bars(loop(kick={3: 0.6, 5: 0.9, 7: 0.7}, high_tom={0: 0.5}, snare={4: 1.0, 12: 1.0},
                             closed_hat=EIGHTHS), HALF_TIME)[0]
    for bar in (0, 16):
        assert out[bar, KICK] > 0.5
        assert out[bar, N_VOICES + KICK] == pytest.approx(out[bar:bar + 16, N_VOICES + KICK].max())
        assert out[bar + 6, KICK] > 0.5 and out[bar + 10, KICK] > 0.5  # the loop's own, at half speed
    silent = loops_to_bars(loop(snare={4: 1.0, 12: 1.0}, closed_hat=EIGHTHS), HALF_TIME)[0]
    assert not (silent[:, KICK] > 0.5).any()  # no kick asked for (a muted kick), none added
