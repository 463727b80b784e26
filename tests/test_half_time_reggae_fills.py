"""Half time's reggae fill bars are played as its 4/4 ones (reggae_bars.half_time_fill_bars).

By ear, before: `--genre reggae --feel half --fill-every 8bars` over the e1m6 band part, a fill through the drop
(bar 8: toms from the 3) kept the kick on the 1 and a snare on the "and" of 2, a rock bar's backbeat before the
fill, and a fill after the drop led in with 4 snare strokes after it (bar 16: "X-X-XXXX", its tom on the last 16th);
over the funk riff (--fill-every 4bars) bar 4's snare played "X-x-XXX-" from the drop. Normal time's reggae fill bar
(reggae_bars.drop_fill) leaves the 1 open and no snare before the drop, and keeps LEAD_IN_STROKES strokes into the
toms; half time's one drop (half_time_genres.one_drop) had left a bar filling from its 3 as drawn, and nothing
shortened a lead-in there."""

from pathlib import Path

import numpy as np
import pytest

from reagroove.core.feel import with_feel
from reagroove.core.half_time_fills import genre_fills
from reagroove.core.loop import N_VOICES, STEPS, VOICES
from reagroove.core.midi import read_midi
from reagroove.core.phrases import PhrasePlan
from reagroove.core.reggae_bars import LEAD_IN_STROKES, reggae_fill_bars
from reagroove.core.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"
KICK, SNARE, CLOSED, CRASH = (VOICES.index(v) for v in ("kick", "snare", "closed_hat", "crash"))
TOMS = [VOICES.index(v) for v in ("low_tom", "mid_tom", "high_tom")]
REGGAE = {"reggae": 1.0}
BAR, DROP = 16, 8  # a half-time bar's steps, laid one to one, and its drop (the 3)


def hits(loops, w, lo, hi, voice) -> list[int]:
    return [s - lo for s in range(lo, hi) if loops[w, s, voice] > 0.5]


def lay(loops, w, steps, voice, level):
    for s in steps:
        loops[w, s, [voice, N_VOICES + voice]] = (1.0, level)


def fill_window(toms: list[int], snares: list[int]) -> np.ndarray:
    """Two windows of a half-time one drop (the hat on the 8ths, kick and snare on each bar's 3) where window 0's
    second bar fills from the drawn `toms` and `snares` (steps in the bar) over the kick on its 1, the hat up to the
    toms, and window 1 opens with a crash and no kick."""
    loops = np.zeros((2, STEPS, 3 * N_VOICES), np.float32)
    for w in range(2):
        lay(loops, w, range(0, STEPS, 2), CLOSED, 0.6)
        lay(loops, w, (DROP, BAR + DROP), KICK, 0.8)
        lay(loops, w, (DROP, BAR + DROP), SNARE, 0.9)
    loops[0, BAR + toms[0]:] = 0.0
    lay(loops, 0, [BAR + s for s in range(0, toms[0], 2)], CLOSED, 0.6)
    lay(loops, 0, [BAR], KICK, 0.9)
    lay(loops, 0, [BAR + s for s in snares], SNARE, 0.95)
    lay(loops, 0, [BAR + s for s in toms], TOMS[0], 0.9)
    loops[1, 0, [CRASH, N_VOICES + CRASH]] = (1.0, 0.9)
    loops[1, 0, KICK::N_VOICES] = 0.0
    return loops


# (the fill's toms, its snares): through the drop, over a backbeat on the "and" of 2 (e1m6's bar 8); after the
# drop, leading in with 4 strokes (e1m6's bar 16)
FILLS = {"through the drop": ([8, 10, 12, 13, 14, 15], [6, 10]),
         "after the drop": ([15], [6, 8, 10, 12, 13, 14])}


@pytest.mark.parametrize("fill", list(FILLS))
@pytest.mark.parametrize("genre", [REGGAE, {"disco": 0.5, "reggae": 0.5}], ids=["one_drop", "steppers"])
def test_a_half_time_fill_bar_is_played_as_the_4_4_one(fill, genre):
    """The same bar laid in half time (genre_fills, as drumify and live lay half time's fills) and in 4/4 (the
    landings' reggae_fill_bars) is played alike: the 1 open (steppers: the kick on the beats), no snare before the
    drop, the drop's kick under the fill's stroke, a short lead-in, the kick under the next crash."""
    loops = fill_window(*FILLS[fill])
    plan = PhrasePlan(np.zeros((2, STEPS), bool), np.zeros((2, STEPS), bool))
    plan.fill_steps[0, BAR + FILLS[fill][0][0]:] = True
    half = genre_fills(loops.copy(), with_feel(None, "half", 2)[0], Settings(genre=genre), plan)
    four = reggae_fill_bars(loops.copy(), np.array([0]), plan.fill_steps, None, Settings(genre=genre).genre_weights(),
                            Settings().voice_groups)
    assert not np.array_equal(four, loops)
    assert np.array_equal(half, four), (hits(half, 0, BAR, STEPS, KICK), hits(half, 0, BAR, STEPS, SNARE))


def test_a_half_time_fill_through_the_drop_leaves_the_1_open_and_no_backbeat():
    loops = fill_window(*FILLS["through the drop"])
    plan = PhrasePlan(np.zeros((2, STEPS), bool), np.zeros((2, STEPS), bool))
    plan.fill_steps[0, BAR + DROP:] = True
    played = genre_fills(loops, with_feel(None, "half", 2)[0], Settings(genre=REGGAE), plan)
    assert [s for s in hits(played, 0, BAR, STEPS, KICK) if s < DROP] == []
    assert [s for s in hits(played, 0, BAR, STEPS, SNARE) if s < DROP] == []
    assert DROP in hits(played, 0, BAR, STEPS, KICK)  # the foot under the fill's stroke on the 3
    assert 6 in hits(played, 0, BAR, STEPS, CLOSED)  # the hand back on the hat where the backbeat went
    assert played[1, 0, KICK] > 0.5  # the kick under the next phrase's crash


@pytest.mark.parametrize("song", ["funk_bass", "shuffle_blues"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_half_time_reggae_fill_bars_drop_and_lead_in_short(shipped, song, seed):
    """Through the engine, --feel half --fill-every 4bars: every half-time fill bar plays the drop (the kick
    there, the rim too where the toms start after it), no kick before it but under a crash, no snare before it,
    at most LEAD_IN_STROKES snare strokes between the drop and the toms, and the kick under the next crash."""
    result = shipped.drumify(read_midi(EXAMPLES / f"{song}.mid"),
                             Settings(genre=REGGAE, feel="half", fill_every=2, seed=seed))
    loops, seen = result.loops, 0
    for w in range(len(loops)):
        for lo in (0, BAR):
            toms = [s for s in range(BAR) if (loops[w, lo + s, TOMS] > 0.5).any()]
            if not toms:
                continue
            seen += 1
            kicks, snares = hits(loops, w, lo, lo + BAR, KICK), hits(loops, w, lo, lo + BAR, SNARE)
            where = f"window {w} bar at {lo}: kick {kicks} snare {snares} toms from {toms[0]}"
            assert DROP in kicks, where
            assert not [s for s in kicks if s < DROP and loops[w, lo + s, CRASH] <= 0.5], where
            assert not [s for s in snares if s < min(DROP, toms[0])], where
            if toms[0] > DROP:
                assert DROP in snares, where
                assert len([s for s in snares if DROP < s < toms[0]]) <= LEAD_IN_STROKES, where
            nxt = (w, lo + BAR) if lo + BAR < STEPS else (w + 1, 0)
            if nxt[0] < len(loops) and loops[nxt][CRASH] > 0.5:
                assert loops[nxt][KICK] > 0.5, where
    assert seen
