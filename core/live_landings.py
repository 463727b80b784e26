"""How a live session's fills land: as drumify's (fill_landings.py), each unlike the last ones heard.

drumify varies a part's landings over its fills (a fill that would land as one of the two before it lands another
drummer's way). A live session plays each loop in an Engine.play_part call of its own, its fill alone there: no
fill came before it, and every fill of a session landed alike (the floor tom on 4 and its "and": 98% of the fills
of 32 bars with --fill-every 2 landed as the one before). The session remembers the landings heard, each under
the 16th its fill ends on, and lands each new fill unlike the last ones with fill_landings' own rule. A fill drawn
again in a later loop (a loop made every beat, a fill over two bars made every bar) is the same fill: it avoids
the fills before it, not itself, and what is heard of it replaces what was remembered.
"""

from __future__ import annotations

import numpy as np

from .fill_landings import DRUMS, LANDING_MEMORY, Landed, landing_figure, last_beats, vary_landings
from .hand_speed import at_tempo
from .limbs import one_drummer
from .live_runs import LiveRuns
from .loop import STEPS_PER_BEAT, runs
from .meter import WindowBars, is_pickup
from .settings import Settings


class LiveLandings:
    """The landings of a live session's fills, in the order heard (the last LANDING_MEMORY + 1: a fill drawn again
    leaves out its own), and how many it has landed another way (each drawn from its count, as drumify's)."""

    def __init__(self):
        self._heard: list[tuple[int, bytes]] = []  # (the session's 16th a fill ends on, its landing figure)
        self._varied = 0
        self.runs = LiveRuns()  # the fills' runs down the kit, each unlike the last ones heard (live_runs.py)

    def forget(self) -> None:
        """The session starts over: its next fill lands as drawn (nothing heard before it)."""
        self._heard.clear()
        self._varied = 0
        self.runs.forget()

    def land(self, loop: np.ndarray, phrase: tuple[np.ndarray, np.ndarray] | None, bars: WindowBars | None,
             settings: Settings, bpm: float | None, window_start: float) -> np.ndarray:
        """`loop` (32, 27: a window's, on its real grid, made with LiveSession._phrase's `phrase`) with each of its
        fills that would land as one of the last LANDING_MEMORY fills heard before it landing another way
        (fill_landings.vary_landings at the session's seed and tempo `bpm`), kept playable at that tempo as
        drumify's (one drummer's hands, hand_speed.at_tempo); `loop` itself where none changes."""
        ends = self._ends(phrase, bars, window_start)
        if not ends:
            return loop
        seed = int(settings.seed)
        before = Landed({seed: [fig for end, fig in self._heard if end not in ends][-LANDING_MEMORY:]},
                        {seed: self._varied})
        out = vary_landings(loop[None].copy(), np.zeros(1, np.int64), phrase[1][None],
                            None if bars is None else [bars], settings, seed, bpm, before=before)
        self._varied = before.varied.get(seed, self._varied)
        if np.array_equal(out[0], loop):
            return loop
        return at_tempo(one_drummer(out), bpm)[0][0]

    def heard(self, loop: np.ndarray, phrase: tuple[np.ndarray, np.ndarray] | None, bars: WindowBars | None,
              window_start: float) -> None:
        """Remember how the fills of `loop` (as it plays, from the window at the beat `window_start`) land."""
        for end, (lo, hi) in self._ends(phrase, bars, window_start).items():
            if (loop[lo:hi, DRUMS] > 0.5).any():  # (a fill with no drums on its last beat lands as nothing)
                self._heard = [h for h in self._heard if h[0] != end][-LANDING_MEMORY:]
                self._heard.append((end, landing_figure(loop, lo, hi)))

    @staticmethod
    def _ends(phrase, bars: WindowBars | None, window_start: float) -> dict[int, tuple[int, int]]:
        """{the session's 16th a fill ends on: its last beat's loop steps (lo, hi)} for the fills of `phrase` that
        end on a beat and play it whole, as vary_landings lands them (none in a pickup's bars)."""
        if phrase is None or is_pickup(bars):
            return {}
        beat_of = {hi: lo for lo, hi in last_beats(bars)}
        at = int(round(window_start * STEPS_PER_BEAT))
        return {at + hi: (beat_of[hi], hi) for run_lo, hi in runs(phrase[1])
                if hi in beat_of and beat_of[hi] >= run_lo}


__all__ = ["LiveLandings"]
