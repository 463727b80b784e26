"""Round trips and wall time of the REAPER actions on the simulated REAPER, and the live mode's latency.

1. Drumify a --bars bar selection (default 64: a 100 BPM 8th-note bass line)
   and write 8 variations of it, in inside mode (the actions call ReaGroove's
   REAPER-side functions in-process) and in distant mode (through ReaGroove's
   server, reapy's protocol, in a simulated REAPER process over 127.0.0.1,
   answering one request per 30 ms defer tick as REAPER does). Each with the
   shipped model (default_engine(), one torch thread) and with the numpy
   stand-in model (tests/stub_model.py), to tell model time from REAPER and
   transport time. "in REAPER calls" is the time spent waiting on bridge calls
   (the REAPER side's work plus, distant, the socket and the defer tick); the
   rest is the engine process (model, grooves, notes). Median of --repeat runs.
2. Live follow: LiveFollower on an armed track, the simulated transport at
   120 BPM moved by hand, 8th notes scheduled at their project positions plus
   a 16th pickup fed at the moment each bar's loop is due (the look-ahead
   point, the larger of one beat and 0.5 s before the bar line), so that pickup is the bar's last
   input event that shapes the next bar's loop. Measured: wall time from
   feeding it to the write_drum_track call for the next bar's loop returning,
   p50/p99 over --live-bars bars. A real follower adds up to one poll
   interval (it polls every 20-50 ms); the budget is the look-ahead, 500 ms at
   120 BPM. Whether a bar's first hits are then written before REAPER renders
   them (render-ahead, with both cores busy): benchmarks/bench_live_lookahead.py.

Run: python benchmarks/bench_reaper.py [--bars 64] [--live-bars 500] [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

SERVER_SCRIPT = ROOT / "tests" / "fake_reaper" / "start_reagroove_server.py"
PURGE = ("reagroove.reaper_ext.server",)
BPM_LIVE = 120.0
NOTE_ON = bytes([0x90, 40, 100])


# ---------------------------------------------------------------- projects


def selection_project(bars: int):
    from fake_reaper import ProjectSpec

    spec = ProjectSpec(bpm=100, timesig=(4, 4))
    bass = spec.add_track("Bass", selected=True)
    pitches = [40, 40, 47, 40, 52, 40, 47, 45]
    notes = [(k * 0.5, 0.4, pitches[k % 8], 60 + (k * 37) % 60) for k in range(bars * 8)]
    spec.add_midi_item(bass, start_qn=0, length_qn=bars * 4.0, selected=True, name="bass", notes=notes)
    spec.add_track("Keys")
    return spec


def live_project():
    from fake_reaper import ProjectSpec

    spec = ProjectSpec(bpm=BPM_LIVE, timesig=(4, 4))
    spec.add_track("Bass", armed=True)
    spec.add_track("Keys")
    return spec


# ---------------------------------------------------------------- REAPER in both modes


class TimedBridge:
    """A bridge that adds up the wall time spent in its calls."""

    def __init__(self, bridge):
        self.bridge, self.seconds = bridge, 0.0

    @property
    def round_trips(self):
        return self.bridge.round_trips

    def call(self, name, *args):
        t0 = time.perf_counter()
        try:
            return self.bridge.call(name, *args)
        finally:
            self.seconds += time.perf_counter() - t0

    def close(self):
        self.bridge.close()


class Inside:
    """The simulated REAPER in this process (reapy imported inside it)."""

    name = "inside"

    def __init__(self, spec):
        from fake_reaper import enter_inside

        self.session = enter_inside(spec, PURGE)
        self.reaper, self.rpr = self.session.reaper, self.session.rpr

    def bridge(self):
        from reagroove.reaper_ext.bridge import LocalBridge

        return LocalBridge()

    def undo(self):
        self.rpr.RPR_Undo_DoUndo2(0)

    def play(self):
        self.rpr.RPR_OnPlayButton()

    def advance(self, seconds):
        self.reaper.transport.advance(seconds)

    def schedule(self, events):
        self.reaper.input.schedule(events)

    def feed_now(self, msg, pos_s):
        self.reaper.input.feed(msg, proj_pos=pos_s)

    def close(self):
        from fake_reaper import exit_inside

        exit_inside(self.session, PURGE)
        problems = self.session.problems()
        if problems:
            raise RuntimeError("simulated REAPER reported problems:\n" + "\n".join(problems))


class Distant:
    """A simulated REAPER process running ReaGroove's server; this process talks to it over 127.0.0.1."""

    name = "distant"

    def __init__(self, spec, tick=0.03):
        from fake_reaper import FakeReaperProcess

        self.proc = FakeReaperProcess(spec, tick=tick, server="none", server_script=str(SERVER_SCRIPT), lifetime=900)
        self.proc.start()
        deadline = time.monotonic() + 30
        while not self.proc.ext_state("reagroove", "server_port"):
            if time.monotonic() > deadline:
                raise RuntimeError("ReaGroove's server did not start:\n" + self.proc.log_text())
            time.sleep(0.05)
        self.port = int(self.proc.ext_state("reagroove", "server_port"))
        self._bridges = []

    def bridge(self):
        from reagroove.reaper_ext.bridge import DistantBridge

        b = DistantBridge(self.port, timeout=30.0)
        self._bridges.append(b)
        return b

    def undo(self):
        self.proc.exec("result = rpr.RPR_Undo_DoUndo2(0)")

    def play(self):
        self.proc.exec("rpr.RPR_OnPlayButton(); result = True")

    def advance(self, seconds):
        self.proc.advance(seconds)

    def schedule(self, events):
        self.proc.schedule_input(events)

    def feed_now(self, msg, pos_s):
        self.proc.feed_input([(msg, pos_s)])

    def close(self):
        for b in self._bridges:
            b.close()
        self.proc.close()


# ---------------------------------------------------------------- 1. actions


def time_actions(mode_cls, engine, bars: int, n_var: int, repeat: int) -> dict:
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import ReaperError

    host = mode_cls(selection_project(bars))
    out = {}
    try:
        settings = Settings(genre={"funk": 1.0}, seed=3)
        jobs = {
            "drumify": lambda b: actions.drumify_selection(b, engine, settings),
            f"{n_var} variations": lambda b: actions.variations_of_selection(b, engine, settings, n_var),
        }
        for label, job in jobs.items():
            walls, in_reaper, trips = [], [], []
            try:
                for _ in range(repeat):
                    run_once(host, job, walls, in_reaper, trips, bars)
            except ReaperError as exc:
                out[label] = {"error": str(exc)}
                continue
            out[label] = {"wall": statistics.median(walls), "reaper": statistics.median(in_reaper), "trips": max(trips)}
    finally:
        host.close()
    return out


def run_once(host, job, walls, in_reaper, trips, bars):
    bridge = TimedBridge(host.bridge())
    try:
        bridge.call("project_info")  # connected before timing (distant), as a running panel is
        bridge.seconds, before = 0.0, bridge.round_trips
        t0 = time.perf_counter()
        res = job(bridge)
        walls.append(time.perf_counter() - t0)
        in_reaper.append(bridge.seconds)
        trips.append(bridge.round_trips - before)
        assert res["written"] >= bars // 2, res
    finally:
        bridge.close()
    host.undo()  # the next run starts from the same project


# ---------------------------------------------------------------- 2. live


def time_live(mode_cls, engine, bars: int) -> dict:
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext import live_follow

    beat_s = 60.0 / BPM_LIVE
    host = mode_cls(live_project())
    try:
        follower = live_follow.LiveFollower(host.bridge(), engine, Settings(genre={"funk": 1.0}))
        # the 8th notes arrive as the play position passes them
        host.schedule([(qn * beat_s, NOTE_ON) for qn in np.arange(0.0, (bars + 2) * 4.0, 0.5)])
        host.play()
        follower.poll()
        lookahead = follower.session.lookahead  # in beats, set from the tempo once playing
        latencies, late_writes, pos_qn = [], 0, 0.0
        for bar in range(bars):
            due = (bar + 1) * 4.0 - lookahead  # the next bar's loop is made here
            for target in (bar * 4.0 + 2.0, due):  # one poll mid-bar, one at the look-ahead point
                host.advance((target - pos_qn) * beat_s)
                pos_qn = target
                if target == due:
                    host.feed_now(NOTE_ON, due * beat_s)  # the pickup: the bar's last input event
                    t0 = time.perf_counter()
                    made = follower.poll()
                    took = time.perf_counter() - t0
                    if [s.boundary for s in made] != [(bar + 1) * 4.0]:
                        raise RuntimeError(f"bar {bar + 1}: expected the next bar's loop, got {[s.boundary for s in made]}")
                    latencies.append(took)
                    late_writes += took > lookahead * beat_s
                else:
                    assert follower.poll() == []
        return {"p50": float(np.percentile(latencies, 50)), "p99": float(np.percentile(latencies, 99)),
                "max": max(latencies), "late": late_writes, "n": len(latencies),
                "model": float(np.median(follower.session.stats.seconds)),
                "trips": follower.bridge.round_trips}
    finally:
        host.close()


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bars", type=int, default=64, help="bars in the drumified selection (default 64)")
    ap.add_argument("--variations", type=int, default=8)
    ap.add_argument("--live-bars", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3, help="runs per action (median)")
    ap.add_argument("--no-distant-live", action="store_true", help="live latency in inside mode only")
    ap.add_argument("--quick", action="store_true", help="16 bars, 50 live bars, one run each")
    args = ap.parse_args()
    if args.quick:
        args.bars, args.live_bars, args.repeat = min(args.bars, 16), min(args.live_bars, 50), 1

    import torch

    torch.set_num_threads(1)
    from stub_model import StubModel

    from reagroove.core.engine import Engine
    from reagroove.core.settings import Settings
    from reagroove.models.drummer import default_engine
    from reagroove.reaper_ext.live_follow import lookahead_beats

    from reagroove.core.errors import ReaGrooveError

    engines = {"stub": Engine(StubModel())}
    try:
        shipped = default_engine()
        shipped.generate(np.zeros((1, 32, 3), np.float32), Settings())  # first call: lazy set-up, not timed
        engines = {"shipped": shipped, **engines}
    except ReaGrooveError as exc:
        print(f"the shipped model did not load ({exc}): the numpy stand-in only")

    print(f"Round trips and wall time per action on the simulated REAPER "
          f"(drumify a {args.bars}-bar selection; {args.variations} variations), median of {args.repeat}:")
    print(f"  {'action':<14} {'mode':<8} {'model':<8} {'round trips':>11} {'wall ms':>9} {'in REAPER calls ms':>19} {'engine side ms':>15}")
    for mode in (Inside, Distant):
        for model, engine in engines.items():
            res = time_actions(mode, engine, args.bars, args.variations, args.repeat)
            for label, r in res.items():
                if "error" in r:
                    print(f"  {label:<14} {mode.name:<8} {model:<8} FAILED: {r['error']}", flush=True)
                    continue
                print(f"  {label:<14} {mode.name:<8} {model:<8} {r['trips']:>11d} {r['wall'] * 1e3:>9.1f} "
                      f"{r['reaper'] * 1e3:>19.1f} {(r['wall'] - r['reaper']) * 1e3:>15.1f}", flush=True)

    print(f"\nLive mode: time from a bar's last input event to its loop being written, over {args.live_bars} bars "
          f"at {BPM_LIVE:g} BPM (budget: the look-ahead, {lookahead_beats(BPM_LIVE) * 60 / BPM_LIVE * 1e3:.0f} ms):")
    print(f"  {'mode':<8} {'model':<8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'model p50 ms':>13} {'over budget':>12}")
    for mode in (Inside, Distant):
        if mode is Distant and args.no_distant_live:
            continue
        for model, engine in engines.items():
            r = time_live(mode, engine, args.live_bars)
            print(f"  {mode.name:<8} {model:<8} {r['p50'] * 1e3:>8.1f} {r['p99'] * 1e3:>8.1f} {r['max'] * 1e3:>8.1f} "
                  f"{r['model'] * 1e3:>13.2f} {r['late']:>6d} of {r['n']}", flush=True)


if __name__ == "__main__":
    main()
