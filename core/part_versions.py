"""The versions of a drum part (Engine.drumify_variations): drawn in one model call, each a coherent part of its
own, and drawn again where two come out too alike (takes.keep_apart).

Without a pattern, version i is a take drawn with seed + i for the whole part; with pattern A, version i moves every
window's latent point by one random offset. Version 0 is drumify's part.

A version keeps one time-keeper rate through a section (`held_pulse`): one seed's draw is shared by every window,
but each window is decoded from its own point, and at a version's temperature the hats went from quarters to 8ths
and back every 2 bars over a guitar playing the same bars throughout (a pop-rock part's 3rd version: quarters in
bars 1-2, 5-6 and 9-16, 8ths in 3-4 and 7-8). section_time.held_figure holds 8ths against 16ths the same way.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from . import takes
from .conditioning import four_four_rows
from .limbs import OPEN_HAT
from .loop import HVO_WIDTH, N_VOICES, STEPS
from .played_part import PlayedPart, as_written
from .section_time import (BAR, BREAK, KEEPERS, LEAST_STEPS, PLAYS, STRAY, fewer_switches, figure_runs, judged_for,
                           source_bar)
from .sections import onset_steps
from .settings import Settings
from .stop_time import Stop


def drawn_versions(play: Callable, part: PlayedPart, settings: Settings, n: int, spread: float,
                   stops: Sequence[Stop], judged: np.ndarray | None = None,
                   asked: np.ndarray | None = None, finish: Callable | None = None) -> np.ndarray:
    """n versions of a part, (n, W, 32, 27), each as drumify writes it (as_written: stopping with the band at
    its level); play(z, take=, k=, **per_loop): k copies of the part's windows played (Engine._play); spread:
    how far a pattern's versions move its latent points (Engine.drumify_variations'); judged: (W,) the windows
    they are kept apart in (takes.keep_apart; None: all); asked: (W,) the windows laid in full, the others' fills left
    unlaid where no window asked for hears them (range_versions.py; None: all); finish: (k, W, 32, 27) versions as
    written -> as heard (a chorus a marker names on the ride: named_sections.lift_versions), before they are kept
    apart: kept apart without it, d_map14's version 2 came within 12.8% of version 1 once both rode its chorus."""
    finish = finish or (lambda versions: versions)
    z, part_takes, w = part.z, part.takes, len(part.g)
    plan = part.form.plan
    fills = plan.fill_steps if plan.fill_real is None else plan.fill_real
    plain = four_four_rows(part.meters)  # (the bars held: plain 4/4 windows only, as section_time's)
    plain = np.ones(w, bool) if plain is None else np.asarray(plain, bool)

    def versions_of(k: int, first: bool = False, **per_loop) -> np.ndarray:
        """k versions in one model call, each as drumify writes its part: (k, W, 32, 27); per_loop: z, seed,
        temperature for all k * W (by default the settings' seed and temperature, each version drawn as it
        is: no take ladder). A version's sections are takes of its own, each with one time-keeper rate
        (`held_pulse`; first: the first is drumify's part, left as drumify plays it)."""
        per_loop.setdefault("seed", settings.seed)
        per_loop.setdefault("temperature", settings.temperature)
        per_loop["asked"] = None if asked is None else np.tile(asked, k)
        takes_k = (part_takes[None] + np.arange(k)[:, None] * (part_takes.max(initial=-1) + 1)).reshape(-1)
        loops = play(per_loop.pop("z", None), take=takes_k, k=k, **per_loop).reshape(k, w, STEPS, HVO_WIDTH)
        for i in range(int(first), k):
            held_pulse(loops[i], part_takes, plain, fills, part.g, part.bass)
        return finish(as_written(loops, part, stops, settings)[0])

    if z is not None:  # a pattern: version i moves every window's point by one random offset
        rng = np.random.default_rng(settings.seed)
        noise = rng.standard_normal((n, z.shape[1])).astype(np.float32) * spread
        noise[0] = 0.0
        # (only version 0's points are the pattern's own, pulled to a drum pattern's hits: pattern_hits.py)
        out = versions_of(n, True, z=(z[None] + noise[:, None]).reshape(-1, z.shape[1]),
                          pattern_near=np.repeat((np.arange(n) == 0).astype(np.float32), w))

        def redraws(weak: list[int], _round: int) -> np.ndarray:
            """REDRAWS other offsets for each weak version, half as far again (the next draws of the rng, so
            the versions kept are the ones drawn before; each round draws new ones)."""
            alt = rng.standard_normal((takes.REDRAWS, len(weak), z.shape[1])).astype(np.float32) * spread * 1.5
            return versions_of(takes.REDRAWS * len(weak), z=(z[None, None] + alt[:, :, None]).reshape(-1, z.shape[1]),
                               pattern_near=np.zeros(takes.REDRAWS * len(weak) * w, np.float32))
    else:
        # No pattern: version 0 is the plain drumify, version i a take of its own (seed + i, at least
        # VARIATION_TEMPERATURE), drawn once for all its windows so it stays one coherent part.
        seeds = (settings.seed + np.arange(n, dtype=np.int64)) % 2**32
        temps = np.array([settings.temperature] + [max(settings.temperature, takes.VARIATION_TEMPERATURE)] * (n - 1),
                         np.float32)
        out = versions_of(n, True, seed=np.repeat(seeds, w), temperature=np.repeat(temps, w))

        def redraws(weak: list[int], round_: int) -> np.ndarray:
            """REDRAWS other seeds for each weak version (each round its own: round 0's are the first)."""
            others = np.arange(round_ * takes.REDRAWS + 1, (round_ + 1) * takes.REDRAWS + 1)[:, None] * 7919 * n
            alt_seeds = (np.repeat(seeds[weak][None], takes.REDRAWS, 0) + others) % 2**32
            return versions_of(takes.REDRAWS * len(weak), seed=np.repeat(alt_seeds.reshape(-1), w),
                               temperature=np.repeat(np.tile(temps[weak], takes.REDRAWS), w))
    if takes.draws_take(settings):  # version 0 is drumify's part: a seeded take drawn clear of seed 0's
        out[0] = finish(as_written(play(z, take=part_takes, asked=asked), part, stops, settings)[0][None])[0]
    takes.keep_apart(out, redraws, part.meters, judged)  # the versions as written: stopping with the band, at its level
    return out


def pulse_figure(hits: np.ndarray, judged: np.ndarray) -> tuple[int | None, int]:
    """(4, 8 or None, the time-keeper's voice) of a bar's hits (16, 9) on its `judged` steps (16,) bool: quarters
    (the keeper on PLAYS of the beats, STRAY of the off-8ths at most) or 8ths (on PLAYS of the beats and of the
    off-8ths), either with STRAY of the 16ths between at most (busier bars are section_time's); the closed hat's
    line counts the open hat's strokes as its own."""
    keeper = max(KEEPERS, key=lambda v: int(hits[judged, v].sum()))
    if judged.sum() < LEAST_STEPS:
        return None, keeper
    # (an open hat on the off-beats keeps the hats' 8ths: d_dm21's "x-x-x-O-xx-O-x-O-" is no bar of quarters)
    step, line = np.arange(BAR), hits[:, keeper] | (hits[:, OPEN_HAT] if keeper == KEEPERS[0] else False)
    share = lambda cells: line[judged & cells].sum() / max((judged & cells).sum(), 1)  # noqa: E731
    if share(step % 2 == 1) > STRAY or share(step % 4 == 0) < PLAYS:
        return None, keeper
    off = share(step % 4 == 2)
    return (8 if off >= PLAYS else 4 if off <= STRAY else None), keeper


def held_pulse(loops: np.ndarray, take: np.ndarray, plain: np.ndarray, fill_steps: np.ndarray,
               grooves: np.ndarray, bass: np.ndarray | None) -> np.ndarray:
    """One version's loops (W, 32, 27, plain 4/4 windows on their bars; changed in place and returned) with each
    section's time-keeper rate held, quarters or 8ths: section_time.held_figure's rule (the rate most of the
    section's bars play; a run of bars playing the other turns whole, from bars of the section over the same
    music, and only where that leaves fewer switches), its off-8ths copied in place of its off-8th 16ths. Fill
    steps are not judged or changed; windows off plain 4/4 are left as they are."""
    heard = [onset_steps(p) for p in (grooves, bass) if p is not None]
    hits = loops[..., :N_VOICES] > 0.5
    line = []  # as section_time's: [window, bar in the loop, take, figure, keeper, judged steps]
    for w in range(len(loops)):
        for b in range(STEPS // BAR):
            steps = slice(b * BAR, (b + 1) * BAR)
            judged = ~np.asarray(fill_steps[w, steps], bool)
            figure, keeper = pulse_figure(hits[w, steps], judged) if plain[w] else (None, None)
            if not heard[0][w, steps].any():  # no band to hear (a loop's bar past the song's end)
                figure = None
            line.append([w, b, int(take[w]) if plain[w] else BREAK, figure, keeper, judged])
    original = [bar[3] for bar in line]
    for t in sorted({bar[2] for bar in line if bar[2] >= 0}):
        played = [bar[3] for bar in line if bar[2] == t and bar[3] is not None]
        if not played:
            continue
        # the rate most of its bars play; a tie: the one its first bars play (what the drummer started with)
        figure = played[0] if played.count(4) == played.count(8) else max((4, 8), key=played.count)
        for run in figure_runs(line, t, figure):
            played = [i for i in run if line[i][3] is not None]
            sources = [_pulse_source(line, original, i, figure, heard) for i in played]
            if any(s is None for s in sources) or not fewer_switches(line, run, t, figure):
                continue
            for i, s in zip(played, sources):
                _copy_off_beats(loops, hits, line[i], line[s])
                line[i][3] = figure
    return loops


def _pulse_source(line: list, original: list, i: int, figure: int, heard: list) -> int | None:
    """The bar line[i] takes its off-8ths from: section_time's (over the same music) where there is one, else the
    nearest bar of its section playing the section's rate on the same time-keeper. A 2-bar riff whose second bar
    differs had the hats on quarters in every first bar and 8ths in every second (freedoom's d_dm21, a version's
    40 switches): the section is one music to a drummer, who keeps one rate through it."""
    # (only bars judged on every off-8th this bar takes: a fill bar's hats stop under its fill, and copied from it
    # the bar turned to 8ths played them for 2 beats, then quarters)
    original = judged_for(line, original, i, np.arange(BAR) % 4 == 2)
    same = source_bar(line, original, i, figure, heard)
    if same is not None:
        return same
    w, b, t, _, keeper, _ = line[i]
    near = [(abs(2 * (bar[0] - w) + bar[1] - b), k) for k, bar in enumerate(line)
            if bar[2] == t and original[k] == figure and bar[4] == keeper]
    return min(near)[1] if near else None


def _copy_off_beats(loops: np.ndarray, hits: np.ndarray, bar: list, source: list) -> None:
    """A bar's time-keeper on its judged off-8ths (hit, velocity, offset) as the source bar plays them, except where
    the bar plays the open hat there or has both hands busy already (one drummer: core/limbs.py); a closed hat
    keeper takes the source's open hat strokes there too (its 8ths as well, as pulse_figure hears them)."""
    w, b, _, _, keeper, judged = bar
    cells = b * BAR + np.flatnonzero(judged & (np.arange(BAR) % 4 == 2))
    hands = hits[w, cells][:, 1:].sum(1) - hits[w, cells, keeper]  # (the kick, voice 0, is a foot)
    cells = cells[(hands < 2) & ~hits[w, cells, OPEN_HAT]]
    cols = [keeper + k * N_VOICES for k in range(3)]
    src = source[1] * BAR + cells - b * BAR
    loops[w, cells[:, None], cols] = loops[source[0], src[:, None], cols]
    if keeper == KEEPERS[0]:  # (without them, a hole where the source opens the hat: "x-x-x-x-x-x-x-O-")
        opened = hits[source[0], src, OPEN_HAT]
        cols = [OPEN_HAT + k * N_VOICES for k in range(3)]
        loops[w, cells[opened][:, None], cols] = loops[source[0], src[opened][:, None], cols]
