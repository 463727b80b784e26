"""Jazz over a 12/8 part (a slow blues), as its drummer plays it, on the bars' real grid.

meter.py lays a 4/4 loop beat on each of 12/8's four dotted beats, and jazz's rules in the loop's frame play on plain
4/4 bars (comping.comp) or over a part the swing reads as swung (idioms.skip_notes): 12/8's triplets are its meter,
not a swing. So `--genre jazz` over a 12/8 slow blues at a dotted quarter of 60 rode the four big beats alone (a note
a second), the hat foot on 2 and 4, and no snare at all (comping.no_backbeat had taken the draw's 2 and 4, and
nothing comped). A drummer riding a slow 12/8 blues plays the ride on every triplet 8th (GMD's slow blues shuffle,
drummer5 at 72 BPM: the ride on all three triplets of each beat, the beat loudest), the hat foot on 2 and 4, and the
left hand on the snare: a soft 2 and 4 (the slow blues's backbeat, felt rather than a rock backbeat's crack) and
comping's few notes between (`twelve_eight_jazz`):

- the ride (the closed hat where the cymbals are off, as idioms.skip_notes plays jazz's time then) on every
  triplet 8th of a bar whose ride plays its big beats (before a fill) and no 16th between the triplets, at
  SKIP_VELOCITY times its beat's note (as jazz in 6/8, meter_genres.jazz_eighths); a draw keeping no time at all
  (no cymbal, the hats on the foot's 2 and 4 alone: `--seed 3` over the blues) gets the ride's beats first;
- comping's rule (comping.comp_steps, lay_comp) on the bar's 24 steps: COUNTS notes a bar over a 4-bar phrase, on
  the triplet before a beat (the 4/4 bar's "and"s, comping.ORDERS, each on its dotted beat), where the part rests
  first, in a bar that keeps time and plays no snare or fill; a draw's own soft snares kept to MOST_SNARES a bar
  (comping.at_most's rule, which plays on 4/4 bars only);
- then the snare on the big beats 2 and 4 (BACKBEAT) before a fill, at BACKBEAT_SHARE of the ride's note there,
  within comping.LOUDEST (a comp note's loudest) and clave.CLAVE_LEVEL (a cross-stick's, on the snare voice: the
  side stick is written for latin's clave alone, clave_rim.py): the hat foot there is no hand
  (limbs.one_drummer), so the two sticks are the ride's and this one.

The snare switched off (no grooves) gets neither; bars of other meters, pickups and windows of mixed meters are
left. Plain numpy, called by meter_genres.meter_genre where jazz leads the mix.
"""

from __future__ import annotations

import numpy as np

from .clave import CLAVE_LEVEL
from .comping import COUNTS, LOUDEST, MOST_SNARES, comp_steps, lay_comp
from .idioms import SKIP_VELOCITY
from .limbs import CLOSED_HAT, CRASH, HANDS_FROM, MAX_HANDS, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES, STEPS
from .meter import bar_lengths, is_pickup

BAR = 24  # a 12/8 bar's 16ths on the real grid: four dotted beats of six
DOTTED = (6, 6, 6, 6)
BIG_BEATS = np.arange(0, BAR, 6)
OFF_BEATS = np.setdiff1d(np.arange(0, BAR, 2), BIG_BEATS)  # the bar's 8ths between its big beats
BACKBEAT = np.array([6, 18])  # the big beats 2 and 4
# The snare on 2 and 4 at this share of the ride's note there, within a comp note's loudest and a cross-stick's level
# (under a rock backbeat's: jazz plays none, comping.no_backbeat). GMD's slow blues shuffle (drummer5, 72 BPM, filed
# under jazz) plays the snare on 94% of its 2s and 4s, about as loud as its ride there (rimshots among them).
BACKBEAT_SHARE = 0.8
# The comp notes' triplets (the last 8th of a dotted beat, leaning into the next), each bar of a 4-bar phrase
# reaching for them in comping.ORDERS' order (its "and" of beat k on dotted beat k's last triplet)
COMP_ORDERS = np.array([(22, 10, 16, 4), (10, 22, 4, 16), (16, 22, 10, 4), (4, 16, 22, 10)])
COMP_RIDING = 8  # a 12/8 bar keeps time with at least this many ride (or closed hat) notes
# The ride's beat where a draw kept no time at all (no ride, the hats on the foot's 2 and 4 alone: `--seed 3` over a
# 12/8 blues had played no cymbal but the foot); the network's 12/8 ride on the beats is at 0.51-0.69.
TIME_LEVEL = 0.6


def twelve_eight_bars(meters, n: int) -> list[tuple[int, int, int]]:
    """(window, first real step, the bar's place in its window) of each 12/8 bar of n windows on the real grid
    (meters: one WindowBars or None per window, or k copies' worth of them) in windows whose bars are all 12/8 in
    four dotted beats (meter.bar_lengths), whole on the window's steps; pickups left."""
    if meters is None:
        return []
    meters = list(meters) * (n // max(len(meters), 1))
    out = []
    for w, bars in enumerate(meters[:n]):
        if not bars or is_pickup(bars) or any(tuple(b[1:3]) != (12, 8) for b in bars):
            continue
        for place, bar in enumerate(bars):
            start = bar[0] * 4
            if bar_lengths(bar) != DOTTED or start != round(start) or start + BAR > STEPS:
                break
            out.append((w, round(start), place))
    return out


def twelve_eight_jazz(loops: np.ndarray, meters, grooves: np.ndarray | None, firsts: np.ndarray,
                      cymbals: bool = True) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars, in place and returned, with their 12/8 bars played
    as a jazz drummer plays a slow blues (see the module). grooves: (W, 32, 3) the part's on the same grid, which
    the comp notes answer (None: the snare switched off, no left hand laid); firsts: (W,) each window's first bar
    counted as the song's run counts it (song_bars.py: window w's 2w), where comping's 4-bar phrase is laid;
    cymbals: False where they are switched off (the time on the closed hat then, as idioms.skip_notes plays it)."""
    for w, start, place in twelve_eight_bars(meters, len(loops)):
        bar = loops[w, start:start + BAR]
        hit = bar[:, :N_VOICES] > 0.5
        beat = np.arange(BAR) < first_tom(hit)
        voice = RIDE if cymbals else CLOSED_HAT
        triplet_ride(bar, hit, beat, voice)
        if grooves is None:
            continue
        in_song = int(firsts[w]) // 2 + place  # (a 12/8 window is one bar: the count 2w is the song's bar w)
        heard = np.zeros(BAR + 1, bool)  # (the next bar's first step: none after the window's last)
        heard[:min(BAR + 1, STEPS - start)] = grooves[w, start:start + BAR + 1, 0] > 0.5
        rests = ~(heard[:BAR] | heard[1:])
        if beat.all():
            steps = comp_steps(bar, COMP_ORDERS[in_song % len(COUNTS)], COUNTS[in_song % len(COUNTS)], ~rests,
                               COMP_RIDING)
            if len(steps):
                lay_comp(bar, steps)
            fewest_comps(bar, rests)
        soft_backbeat(bar, beat, voice)
    return loops


def triplet_ride(bar: np.ndarray, hit: np.ndarray, beat: np.ndarray, voice: int = RIDE) -> None:
    """In place on a 12/8 bar (24, 27; hit: its hits (24, 9)) whose time-keeper (`voice`: the ride, the closed hat
    where the cymbals are off) plays its big beats before a fill (`beat`: those steps; a crash's beat aside) and
    nothing between its triplet 8ths: that voice on each 8th between them, where a hand is free, at SKIP_VELOCITY
    times its beat's note, on that note's timing. A bar keeping no time (no ride, the hats on the foot's BACKBEAT
    alone) gets the ride's beats first, at TIME_LEVEL."""
    beats = BIG_BEATS[beat[BIG_BEATS] & ~hit[BIG_BEATS, CRASH]]
    hats = hit[:, CLOSED_HAT] | hit[:, OPEN_HAT]
    hats[BACKBEAT] = False
    if voice == RIDE and len(beats) and not hit[beat, RIDE].any() and not hats[beat].any():
        bar[beats, RIDE::N_VOICES] = (1.0, TIME_LEVEL, 0.0)
        hit = bar[:, :N_VOICES] > 0.5
    if not len(beats) or not hit[beats, voice].all() or hit[1::2, voice].any():
        return
    free = hit[:, HANDS_FROM:].sum(1) < MAX_HANDS
    # (a beat under a crash, none there: its triplets at the kept beats' median)
    level = np.where(hit[BIG_BEATS, voice], bar[BIG_BEATS, N_VOICES + voice], np.median(bar[beats, N_VOICES + voice]))
    for step in OFF_BEATS[beat[OFF_BEATS] & free[OFF_BEATS] & ~hit[OFF_BEATS, voice]]:
        on_beat = step // 6
        bar[step, voice::N_VOICES] = (1.0, SKIP_VELOCITY * level[on_beat], bar[6 * on_beat, 2 * N_VOICES + voice])


def fewest_comps(bar: np.ndarray, rests: np.ndarray) -> None:
    """In place on a 12/8 bar (24, 27) with no fill: at most MOST_SNARES snare notes off BACKBEAT, those where the
    part rests (rests: bool (24,)) first, then the louder (comping.at_most's rule, which plays on 4/4 bars only: a
    draw's softened snares had played 3 a bar beside the 2 and 4)."""
    off = np.setdiff1d(np.flatnonzero(bar[:, SNARE] > 0.5), BACKBEAT)
    kept = sorted(off, key=lambda s: (not rests[s], -bar[s, N_VOICES + SNARE], s))[:MOST_SNARES]
    bar[np.setdiff1d(off, kept), SNARE::N_VOICES] = 0.0


def soft_backbeat(bar: np.ndarray, beat: np.ndarray, voice: int = RIDE) -> None:
    """In place on a 12/8 bar (24, 27) whose time-keeper (`voice`) plays its big beats: the snare on BACKBEAT's
    steps before a fill (`beat`) where a hand is free (under the ride, the hat foot no hand), at BACKBEAT_SHARE of
    the time-keeper's note there within LOUDEST and CLAVE_LEVEL (a draw's softened note there too: 2 and 4 alike),
    on that note's timing (a draw's note: its own)."""
    hit = bar[:, :N_VOICES] > 0.5
    if not hit[BIG_BEATS[beat[BIG_BEATS] & ~hit[BIG_BEATS, CRASH]], voice].all() or not beat[BACKBEAT].any():
        return
    hands = hit[:, HANDS_FROM:].sum(1) - hit[:, SNARE] - (hit[:, CLOSED_HAT] if voice == RIDE else 0)
    for step in BACKBEAT[beat[BACKBEAT] & hit[BACKBEAT, voice] & (hands[BACKBEAT] < MAX_HANDS)]:
        level = float(np.clip(BACKBEAT_SHARE * bar[step, N_VOICES + voice], LOUDEST, CLAVE_LEVEL))
        timing = bar[step, 2 * N_VOICES + (SNARE if hit[step, SNARE] else voice)]
        bar[step, SNARE::N_VOICES] = (1.0, level, timing)
