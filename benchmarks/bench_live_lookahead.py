"""Live follow against REAPER's render-ahead: are a bar's first hits written before REAPER renders them?

REAPER renders tracks that are not monitored up to ~200 ms ahead of the play
cursor; a drum item written later than that loses the hits at its start.
This runs LiveFollower (the shipped model, one torch thread; --model stub,
or when the shipped weights do not load, the numpy stand-in of the tests) on the
simulated REAPER with that render-ahead modelled (a note inserted where
REAPER has already rendered is recorded as lost), an 8th-note line played
live on an armed track, for --bars bars at each tempo, while --busy
processes of this script's own keep both cores busy (bounded busy loops,
ended with the run).

Time: the simulated transport follows this process's wall clock during the
follower's work (its model, its REAPER-side calls, their JSON round trip),
so every delay the busy cores cause counts; each call into REAPER also waits
for REAPER's next defer tick (uniform 0-30 ms, seeded: REAPER answers one
request per ~30 ms tick); the idle sleep between polls (--poll, 30 ms, what
`reagroove reaper live` does) is skipped rather than slept, so 500 bars at
60 BPM take minutes, not half an hour.

Printed per tempo: loops written, first hits (the notes on a bar's first
16th step) written and lost, any note lost, and the margin left (bar line minus REAPER's render point when its
loop was written: from its first note's time): minimum and 1st percentile, in ms.

Run: python benchmarks/bench_live_lookahead.py [--bars 500] [--bpm 60 120 200] [--busy 2] [--render-ahead 0.2]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

PURGE = ("reagroove.reaper_ext.server",)
NOTE_ON = bytes([0x90, 40, 100])
TICK_S = 0.03  # REAPER's defer timer


def busy_loop(seconds: float) -> None:
    """Keep one core busy for at most `seconds`."""
    end = time.monotonic() + seconds
    x = 0
    while time.monotonic() < end:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF


class ClockedBridge:
    """LocalBridge whose calls move the simulated transport by the wall time they take, plus a defer-tick wait."""

    def __init__(self, reaper, rng: random.Random):
        from reagroove.reaper_ext.bridge import LocalBridge

        self.local, self.reaper, self.rng = LocalBridge(), reaper, rng
        self.last = time.perf_counter()
        self.margins: list[float] = []  # seconds from REAPER's render point to each written item's first note

    @property
    def round_trips(self):
        return self.local.round_trips

    def catch_up(self) -> None:
        now = time.perf_counter()
        self.reaper.transport.advance(now - self.last)
        self.last = now

    def call(self, name, *args):
        self.catch_up()
        self.reaper.transport.advance(self.rng.uniform(0.0, TICK_S))  # REAPER takes it up at its next tick
        result = self.local.call(name, *args)
        self.catch_up()
        rendered = self.reaper.transport.rendered_until() if name == "write_drum_track" else None
        if rendered is not None:  # None once stopped: a take's last write renders nothing
            qn_to_time = self.reaper.project.qn_to_time
            # each item's first note (an item rewritten from a bar line already played, its notes all ahead, is
            # no note late: its start would read as a negative margin)
            self.margins += [qn_to_time(min(n[0] for n in item["notes"])) - rendered
                             for item in args[0]["items"] if item["notes"]]
        return result

    def close(self):
        pass


def run_tempo(engine, bpm: float, bars: int, poll_s: float, render_ahead: float, seed: int) -> dict:
    from fake_reaper import ProjectSpec, enter_inside, exit_inside

    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import live_follow

    spec = ProjectSpec(bpm=bpm, timesig=(4, 4))
    spec.add_track("Bass", armed=True, rec_input=4096 + (63 << 5))
    spec.add_track("Keys")
    session = enter_inside(spec, PURGE)
    try:
        reaper, rpr = session.reaper, session.rpr
        reaper.transport.render_ahead = render_ahead
        beat_s = 60.0 / bpm
        reaper.input.schedule([(k * beat_s / 2, NOTE_ON) for k in range((bars + 2) * 8)])  # 8ths, played live
        bridge = ClockedBridge(reaper, random.Random(seed))
        follower = live_follow.LiveFollower(bridge, engine, Settings(genre={"funk": 1.0}, seed=seed), memory=0.9)
        rpr.RPR_OnPlayButton()
        end_s = bars * 4 * beat_s
        while reaper.transport.position() < end_s:
            follower.poll()
            bridge.catch_up()
            reaper.transport.advance(poll_s)  # the follower's sleep between polls, skipped
            bridge.last = time.perf_counter()
        rpr.RPR_OnStopButton()
        follower.poll()
        items = bridge.local.call("drum_track_items")["items"]
        # a bar's first hits: its notes on the bar's first 16th step (played early ones start on the bar line)
        firsts = [(i["start_qn"], i["start_qn"] + 0.25) for i in items]
        first_hits = sum(1 for i, (lo, hi) in zip(items, firsts) for n in i["notes"] if lo - 1e-9 <= n[0] < hi)
        lost = reaper.late_notes
        to_qn = reaper.project.time_to_qn
        lost_first = sum(1 for _track, t, _pitch in lost if any(lo - 1e-9 <= to_qn(t) < hi for lo, hi in firsts))
        margins = np.array(bridge.margins)
        return {"bpm": bpm, "loops": len(items), "first_hits": first_hits, "lost_first": lost_first,
                "lost_any": len(lost), "margin_min": float(margins.min()), "margin_p1": float(np.percentile(margins, 1)),
                "lookahead_s": follower.session.lookahead * beat_s}
    finally:
        exit_inside(session, PURGE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", type=int, default=500)
    ap.add_argument("--bpm", type=float, nargs="+", default=[60.0, 120.0, 200.0])
    ap.add_argument("--busy", type=int, default=2, help="busy-loop processes (default 2: both cores)")
    ap.add_argument("--poll", type=float, default=0.03, help="seconds between polls (default 0.03)")
    ap.add_argument("--render-ahead", type=float, default=0.2, help="REAPER's render-ahead in seconds (default 0.2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", choices=("shipped", "stub"), default="shipped")
    ap.add_argument("--max-seconds", type=float, default=1800.0, help="the busy loops end by then whatever happens")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.errors import ReaGrooveError
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine

    model = args.model
    try:
        engine = default_engine() if model == "shipped" else Engine(StubModel())
        engine.generate(np.zeros((1, 32, 3), np.float32), Settings())
    except ReaGrooveError as exc:
        print(f"the shipped model did not load ({exc}): the numpy stand-in (tests/stub_model.py) instead")
        model, engine = "stub", Engine(StubModel())
    engine.generate(np.zeros((1, 32, 3), np.float32), Settings())  # lazy set-up, before timing
    busy = [mp.Process(target=busy_loop, args=(args.max_seconds,), daemon=True) for _ in range(args.busy)]
    for p in busy:
        p.start()
    print(f"Live follow on the simulated REAPER, render-ahead {args.render_ahead * 1e3:.0f} ms, {args.bars} bars per "
          f"tempo, an 8th-note line played live, {args.busy} busy-loop processes, polls every {args.poll * 1e3:.0f} ms, "
          f"{model} model:")
    print(f"  {'BPM':>5} {'look-ahead ms':>13} {'loops':>6} {'first hits':>10} {'first lost':>10} {'any lost':>8} "
          f"{'margin min ms':>13} {'margin p1 ms':>12} {'wall s':>7}")
    try:
        for bpm in args.bpm:
            t0 = time.perf_counter()
            r = run_tempo(engine, bpm, args.bars, args.poll, args.render_ahead, args.seed)
            print(f"  {r['bpm']:>5g} {r['lookahead_s'] * 1e3:>13.0f} {r['loops']:>6d} {r['first_hits']:>10d} "
                  f"{r['lost_first']:>10d} {r['lost_any']:>8d} {r['margin_min'] * 1e3:>13.0f} "
                  f"{r['margin_p1'] * 1e3:>12.0f} {time.perf_counter() - t0:>7.0f}", flush=True)
    finally:
        for p in busy:
            p.terminate()
            p.join(5)


if __name__ == "__main__":
    main()
