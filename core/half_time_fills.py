"""Half time's fills as the genre leading the mix plays them (jazz's triplets, latin's timbale cells), at the song's
speed on the half-time bars.

half_time.lay_fills lays the network's fill one to one onto a half-time bar's steps, and fill_runs.fill_out, which
plays a jazz or latin part's fills its genre's way in 4/4 (fill_feel.py), leaves half-time windows out (they are
not four_four). So over the shuffle with --feel half --genre jazz --fill-every 4bars the fill bar had played the
network's rock fill (floor tom loud on 3, 3's "a" and 4's "a", a high tom, the ride and the hat foot gone), and
over the funk riff with --genre latin no timbale cell. A half-time bar laid one to one is a 4/4 bar's 16 steps at
the song's speed (half_time.half_time_steps), so its fills are played by those same functions (fill_out, then
fill_landings.vary_landings), read as a window of two 4/4 bars. They are laid after the genre's half-time beat
(half_time_genres.genre_half_time): a jazz fill climbs from its comping snare's level to its ride's, which half
time lays there (before it the network's backbeat on 3 had been the "comp"). A swung part's half-time bars are
straight until half_time_swing.swung_bars plays them, so its fill is laid on their straight grid (STRAIGHT) and
swung with them, its triplets on the part's swing. Parts whose genre plays no fills of its own (fill_feel's
own_runs: rock, hip-hop, funk, a swung latin part) are left to fill_runs.fill_out, which runs their thin half-time
fills before they land (phrase_laying.py), and windows not wholly in half time are left as they are. A jazz fill
bar keeps jazz's time up to its fill (`time_before_the_fill`: the ride, the hat foot on 2 and 4), as genre_half_time
lays it in the bars around (it leaves a bar holding a fill's toms as drawn).
Reggae's fill bars are played as its 4/4 ones (reggae_bars.half_time_fill_bars: the drop kept, no backbeat before
it, a short lead-in to the toms). Plain numpy over a part's loops on the real grid of its bars.
"""

from __future__ import annotations

import numpy as np

from .comping import ride_time
from .fill_feel import feel_of
from .fill_landings import vary_landings
from .fill_runs import fill_out
from .half_time import half_time_steps
from .half_time_genres import BAR, DISCO, LEADS, jazz_ride
from .loop import N_VOICES, STEPS
from .muted_voices import silence_muted
from .reggae_bars import half_time_fill_bars, reggae_leads

# A swing that lays the swung 8th on the "and" itself (swing.swing_loops: under 2.5, on the "and"): a swung
# half-time part's fill laid straight, as its bars are until swung_bars swings them (a figure laid at the part's
# swing had been swung twice), and read as a swung part's (fill_feel: the part's triplets, not TRIPLET_SWING's).
STRAIGHT = 2.0


def genre_fills(loops: np.ndarray, meters, settings, plan, seed=None, bpm=None, swung: bool = False) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars (meters: one WindowBars or None per window), in
    place and returned, with the fills of its windows wholly in half time laid one to one (plan: its PhrasePlan)
    played as the genre leading the settings' mix plays them in 4/4 (fill_runs.fill_out, then
    fill_landings.vary_landings; seed: one or one per window, None: the settings'; bpm: (W,) the song's tempo,
    None unknown; swung: the part's half-time bars are swung after this, half_time_swing.swung_bars). Where reggae
    leads, its fill bars' drop instead (reggae_bars.half_time_fill_bars)."""
    if meters is None or not len(loops) or not plan.fills.any():
        return loops
    half = half_time_steps(meters, len(loops))
    fill_at, mix = (plan.fill_steps if plan.fill_real is None else plan.fill_real) & half, settings.genre_weights()
    if reggae_leads(mix):
        return silence_muted(half_time_fill_bars(loops, np.flatnonzero(plan.fills), fill_at, half, mix,
                                                 settings.voice_groups), settings)  # (its kick under a cap at 0)
    feel = feel_of(settings, False, swung)
    if not feel.own_runs:
        return loops
    fills = np.flatnonzero(plan.fills & half.all(1))
    if not len(fills):
        return loops
    groups = settings.voice_groups
    if feel.jazz and mix[DISCO] < LEADS and groups.get("cymbals", True) and \
            groups.get("hats", True):
        time_before_the_fill(loops, fills, fill_at, swung)
    bigger = None if plan.into_section is None else plan.into_section[fills]
    swing = STRAIGHT if swung else None
    # (read as two 4/4 bars: fill_out lays 4/4 windows only; a half-time bar laid one to one is one)
    fill_out(loops, fills, fill_at, None, settings, seed, bpm, bigger, swing=swing)
    vary_landings(loops, fills, fill_at, meters, settings, seed, bpm, bigger, swing=swing)
    return loops


def time_before_the_fill(loops: np.ndarray, fills, fill_at: np.ndarray, swung: bool) -> None:
    """In place on loops (W, 32, 27): each bar of the windows `fills` that holds fill steps (fill_at (W, 32)) keeps
    jazz's time up to its fill, as half_time_genres.genre_half_time lays it in the bars around: comping.ride_time on
    its steps outside the fill, read as a bar of those alone, and jazz_ride's pattern where the part swings. The
    network's fill bar had kept its draw's stick hats on every 16th under the ride (ride_time leaves a bar with a
    fill's toms as it is): map26's bass with --feel half --genre jazz --fill-every 4bars, "8555 7565" on the closed
    hat beside "8-6- 7-7-" on the ride, and its hats written as sticks, not the foot, in the bar beside it too."""
    for w in np.asarray(fills).tolist():
        for start in range(0, STEPS, BAR):
            filled = fill_at[w, start:start + BAR]
            if not filled.any() or filled.all():
                continue
            alone = np.zeros((1,) + loops.shape[1:], np.float32)  # (its other bar empty: ride_time leaves it)
            alone[0, :BAR] = loops[w, start:start + BAR]
            alone[0, :BAR][filled] = 0.0
            timed = ride_time(alone, np.ones(1, bool))[0, :BAR]
            if swung:
                jazz_ride(timed, timed[:, :N_VOICES] > 0.5, int(np.flatnonzero(filled)[0]))
            loops[w, start:start + BAR][~filled] = timed[~filled]


def part_fills(loops: np.ndarray, part, settings, k: int = 1, seed=None) -> np.ndarray:
    """`genre_fills` of k copies of a played part's windows (Engine._play's loops (k * W, 32, 27), after
    genre_half_time, before swung_bars; part: its PlayedPart; seed: its per-loop seed, None: the settings')."""
    if part.meters is None:
        return loops
    w = len(part.g)
    plan = part.form.plan if k == 1 else part.form.plan.take(np.tile(np.arange(w), k))
    bpm = None if part.bpm is None else np.tile(part.bpm, k)
    return genre_fills(loops, list(part.meters) * k, settings, plan, seed, bpm, part.bar_swing is not None)
