"""Docked panel responsiveness on the simulated REAPER and ReaImGui (tests/fake_reaper).

Prints, for the docked panel (reaper_ext/dock) drawn once per defer cycle
at REAPER's ~30 Hz:
- frame time: one whole frame (shared settings checked, live status read
  from REAPER with live follow on and the transport playing, every widget
  drawn, gestures applied), p50/p99/max over --frames frames;
- control change -> settings applied: the frame that receives a slider move
  (the panel's settings change in it), and from its start to settings.json
  replaced on disk (atomic write with fsync, on the panel's writer thread),
  p50/p99 over --changes moves;
- control change -> seen by the Qt panel: the same, until a reader polling
  every 50 ms as the Qt panel does (store.SharedSettings) has the new value;
- the other way: a change written by the Qt panel's side -> drawn in the
  docked panel (waits for the next defer cycle).

The simulated ImGui costs less than ReaImGui's real drawing (which happens
in C++ after the frame); the figures are the Python side's share.

Run: python benchmarks/bench_dock.py [--frames 300] [--changes 100]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFER_S = 1 / 30  # REAPER's defer rate
QT_TICK_S = 0.05  # reaper_ext/panel/app.py SHARED_TICK_MS


def pct(values, q) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--changes", type=int, default=100)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    os.environ["REAGROOVE_CONFIG"] = tempfile.mkdtemp(prefix="reagroove-bench-dock-")
    from fake_reaper import ProjectSpec, reapy_inside
    from fake_reaper import imgui as fake_imgui

    from reagroove.core.constants import EXT_SECTION
    from reagroove.core.settings import Settings
    from reagroove.reaper_ext.dock import host
    from reagroove.reaper_ext.panel.store import SharedSettings

    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    with reapy_inside(spec) as s:
        reaper = s.reaper
        fake_imgui.install_reaimgui(reaper)
        launched = []
        panel = host.run_action(launch=launched.append)
        gui = fake_imgui.state(reaper)
        reaper.run_deferred()
        s.rpr.RPR_SetExtState(EXT_SECTION, host.LIVE_KEY, "on", False)  # live follow on: status read every frame
        reaper.transport.play()

        frames = []
        for k in range(args.frames):
            reaper.transport.advance(DEFER_S)
            if k % 4 == 0:
                reaper.input.feed(bytes([0x90, 40, 100]), proj_pos=reaper.transport.position())
            t0 = time.perf_counter()
            reaper.run_deferred()
            frames.append(time.perf_counter() - t0)
            time.sleep(max(0.0, DEFER_S - frames[-1]))

        applied, seen_by_qt, change_frames = [], [], []
        qt_side = SharedSettings(panel.shared.path)
        seen_at: dict = {}
        stop = threading.Event()

        def qt_tick():  # what the Qt panel's timer does every 50 ms
            while not stop.is_set():
                got = qt_side.poll()
                if got is not None:
                    seen_at[got.density] = time.perf_counter()
                stop.wait(QT_TICK_S)

        poller = threading.Thread(target=qt_tick, daemon=True)
        poller.start()
        gui.set_value("auto", False)
        reaper.run_deferred()
        for k in range(args.changes):
            value = round(0.2 + 0.6 * ((k * 37) % 100) / 100, 3)
            if value == panel.settings.density:
                value = round(value + 0.001, 3)
            gui.set_value("Density", value)
            time.sleep(DEFER_S)
            t0 = time.perf_counter()
            reaper.run_deferred()
            frame_done = time.perf_counter()
            panel.shared.flush()  # written by the panel's writer thread, off REAPER's UI thread
            t1 = time.perf_counter()
            assert Settings.load(panel.shared.path).density == value
            applied.append(t1 - t0)
            change_frames.append(frame_done - t0)
            deadline = t1 + 1.0
            while value not in seen_at and time.perf_counter() < deadline:
                time.sleep(0.001)
            seen_by_qt.append(seen_at.get(value, deadline) - t0)
        stop.set()
        poller.join()

        other_way = []
        for k in range(args.changes // 4):
            value = round(0.1 + 0.001 * k, 3)
            t0 = time.perf_counter()
            qt_side.write(panel.settings.replace(density=value))
            while True:  # REAPER's defer loop: a cycle every ~33 ms
                elapsed = time.perf_counter() - t0
                time.sleep(DEFER_S - elapsed % DEFER_S)
                reaper.run_deferred()
                if gui.widget("Density").value == value:
                    break
            other_way.append(time.perf_counter() - t0)
        widgets = len(gui.last_frame())
        host._open["panel"] = None
        reaper.run_deferred()

    print(f"docked panel on the simulated ReaImGui, {len(gui.windows)} window, "
          f"{widgets} widgets a frame, live status on")
    print(f"frame time at ~30 Hz ({len(frames)} frames): p50 {pct(frames, 50):.2f} ms, "
          f"p99 {pct(frames, 99):.2f} ms, max {max(frames) * 1000:.2f} ms (budget {DEFER_S * 1000:.1f} ms)")
    print(f"frame that takes a control change ({len(change_frames)} moves): p50 {pct(change_frames, 50):.2f} ms, "
          f"p99 {pct(change_frames, 99):.2f} ms (the settings are applied in it; the file is written off the UI thread)")
    print(f"control change -> settings.json replaced on disk: p50 {pct(applied, 50):.2f} ms, "
          f"p99 {pct(applied, 99):.2f} ms")
    print(f"control change -> seen by the Qt panel (its 50 ms tick): p50 {pct(seen_by_qt, 50):.1f} ms, "
          f"p99 {pct(seen_by_qt, 99):.1f} ms")
    print(f"Qt panel change -> drawn in the docked panel ({len(other_way)} changes): "
          f"p50 {pct(other_way, 50):.1f} ms, p99 {pct(other_way, 99):.1f} ms")


if __name__ == "__main__":
    main()
