"""A live session's fills are not one stamp: each thin fill's run down the kit is unlike the last two fills', as
drumify's (fill_runs.py), the session remembering its runs from loop to loop (live_runs.py). Each live loop is
played in a call of its own, and every fill of a session over a steady part had been the same run: at seed 1 all
the fills of 16 bars with --fill-every 2 (or 1) opened `sn hi . hi`, only their landings varied."""

import numpy as np
import pytest
from test_ear_fill_runs import groove_loops
import test_live_fill_landings
from test_live_fill_landings import heard_live

from reagroove.core.fill_runs import EIGHTHS_BPM, FIGURE_MEMORY, fill_out, runs_heard
from reagroove.core.limbs import HIGH_TOM, LOW_TOM, MID_TOM, SNARE
from reagroove.core.live import LiveSession
from reagroove.core.live_runs import LiveRuns
from reagroove.core.loop import runs
from reagroove.core.settings import Settings

DRUMS = [SNARE, HIGH_TOM, MID_TOM, LOW_TOM]  # down the kit
THIN = [(28, LOW_TOM), (30, LOW_TOM)]  # the network's commonest fill: the floor tom on 4 and its "and"


def part_of_fills(n: int, lo: int = 24) -> tuple[np.ndarray, np.ndarray]:
    """(loops, fill_at): n windows of one groove, each ending in the same thin fill from step lo."""
    fill_at = np.zeros((n, 32), bool)
    fill_at[:, lo:32] = True
    return groove_loops(n, THIN), fill_at


def window_by_window(loops, fill_at, settings, bpm, runs: LiveRuns, windows) -> np.ndarray:
    """fill_out over each of `windows` in a call of its own (as a live session plays its loops: the tempo not given
    to the call, the session's), `runs` carried."""
    out = loops.copy()
    for w in windows:
        memory = runs.before(fill_at[w], w, bpm)
        with runs_heard(memory):
            out[w] = fill_out(out[w:w + 1].copy(), np.arange(1), fill_at[w:w + 1], None, settings, None, None)[0]
        runs.heard(memory, w, 0)
    return out


def drums_heard(fill: np.ndarray) -> tuple:
    """Per 16th of a fill, the snare and toms struck on it."""
    return tuple(tuple(v for v in DRUMS if row[v] > 0.5) for row in fill)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("lo, bpm", [(24, 110.0), (16, 96.0), (28, 120.0), (16, 180.0)])
def test_fills_played_loop_by_loop_are_drumifys_fills_of_the_part(seed, lo, bpm):
    loops, fill_at = part_of_fills(6, lo)
    settings = Settings(seed=seed)
    drumify = fill_out(loops.copy(), np.arange(6), fill_at, None, settings, None, bpm)
    live = window_by_window(loops, fill_at, settings, bpm, LiveRuns(), range(6))
    assert (live == drumify).all()
    fills = [drums_heard(loop[lo:]) for loop in live]
    assert all(f not in fills[max(0, i - FIGURE_MEMORY):i] for i, f in enumerate(fills))
    # each call on its own (the old live loop): one run every time
    alone = [drums_heard(fill_out(loops[w:w + 1].copy(), np.arange(1), fill_at[w:w + 1], None, settings, None,
                                  bpm)[0, lo:]) for w in range(6)]
    assert len(set(alone)) == 1


def test_a_fill_drawn_again_follows_the_fills_before_it_not_itself_and_a_new_start_forgets_them():
    loops, fill_at = part_of_fills(4)
    settings = Settings(seed=1)
    runs = LiveRuns()
    first = window_by_window(loops, fill_at, settings, 110.0, runs, [0, 1, 2])
    # window 2 made again a beat later (a loop made every beat): the same fill
    again = window_by_window(first, fill_at, settings, 110.0, runs, [2])
    assert (again[2] == first[2]).all()
    assert (window_by_window(loops, fill_at, settings, 110.0, runs, [3])[3] ==
            fill_out(loops.copy(), np.arange(4), fill_at, None, settings, None, 110.0)[3]).all()
    runs.forget()  # a new start: its first fill is a part's first
    fresh = window_by_window(loops, fill_at, settings, 110.0, runs, [3])
    assert (fresh[3] == fill_out(loops[3:].copy(), np.arange(1), fill_at[3:], None, settings, None, 110.0)[0]).all()


def fills_heard(rows: np.ndarray, fills: dict[int, int]) -> list[tuple[tuple, tuple]]:
    """(its run before its last beat, the whole fill) of each fill heard: `fills`, per session 16th a fill starts
    on, its length in 16ths."""
    return [(drums_heard(rows[start:start + n - 4]), drums_heard(rows[start:start + n]))
            for start, n in sorted(fills.items()) if start + n <= len(rows)]


def session_fills(engine, settings: Settings, bars: int, regenerate: str, monkeypatch) -> tuple[np.ndarray, list]:
    """(the steps heard, each fill heard) over `bars` bars of a pop bass line played live."""
    fills: dict[int, int] = {}
    make = LiveSession._generate

    def generate(self, boundary, now):
        made = make(self, boundary, now)
        for lo, hi in runs(np.zeros(32, bool) if made.fill_at is None else made.fill_at):  # (where it plays)
            fills[int(round(made.window_start * 4)) + lo] = hi - lo
        return made

    monkeypatch.setattr(LiveSession, "_generate", generate)
    rows = heard_live(engine, settings, bars, regenerate)
    return rows, fills_heard(rows, fills)


@pytest.mark.parametrize("fill_every, regenerate", [(2, "bar"), (1, "bar"), (2, "beat")])
def test_a_live_sessions_fills_are_unlike_the_two_before_and_the_same_seed_plays_them_again(
        shipped, monkeypatch, fill_every, regenerate):
    settings = Settings(fill_every=fill_every, seed=1)
    rows, fills = session_fills(shipped, settings, 16, regenerate, monkeypatch)
    assert len(fills) >= 4
    runs, whole = [f[0] for f in fills], [f[1] for f in fills]
    assert all(any(any(d) for d in f) for f in whole)
    assert all(f not in whole[max(0, i - 2):i] for i, f in enumerate(whole)), whole
    # not one stamp with landings varied: fewer than half of the fills open as the one before (all had, at seed 1)
    assert sum(a == b for a, b in zip(runs, runs[1:])) < (len(runs) - 1) / 2, runs
    # the same seed, started again: the same fills
    again, _ = session_fills(shipped, settings, 16, regenerate, monkeypatch)
    assert (again == rows).all()


def test_a_fast_live_sessions_fills_play_8ths_as_drumifys(shipped, monkeypatch):
    # its loops are made without the tempo: the runs had played 16ths at 200 BPM (`sn hi md .`), drumify's 8ths
    monkeypatch.setattr(test_live_fill_landings, "BPM", 200.0)
    assert test_live_fill_landings.BPM > EIGHTHS_BPM
    _, fills = session_fills(shipped, Settings(fill_every=2, seed=1), 16, "bar", monkeypatch)
    assert len(fills) >= 4
    for _, fill in fills:
        assert any(fill[0::2]) and not any(fill[1::2]), fill
