"""Panel responsiveness: time from a slider change to the redrawn piano roll.

The panel runs offscreen on core/examples/funk_bass.mid. For each of
--changes changes the density slider moves to a new value; the clock runs
from the slider's setValue to the end of the piano roll's next paint showing
the loop generated for that change (settings edit, widget sync, model call on
the preview thread, hand-back to the UI thread, redraw). The UI thread waits
in Qt's event loop meanwhile, as it does in use. Then a burst: --changes
changes as fast as the slider takes them, and the time from the last one to
its loop on screen (requests coalesce: only the latest is generated).

Run: python benchmarks/bench_panel.py [--changes 200] [--model auto|shipped|untrained|stub] [--weights FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "core" / "examples" / "funk_bass.mid"


def untrained_weights() -> str:
    """A randomly initialised network of the default size in a temporary file: the shipped model's speed,
    meaningless drums (for timing while the weights are being trained)."""
    from reagroove.models.network import Config, DrumVAE
    from reagroove.models.weights import save_weights

    path = Path(tempfile.mkdtemp(prefix="reagroove-bench-net-")) / "untrained.pt"
    save_weights(path, DrumVAE(Config()).eval(), {})
    return str(path)


def make_engine(which: str, weights: str | None):
    """The shipped model when its weights load (or --model shipped), else the tests' stand-in."""
    if which == "untrained":
        which, weights = "shipped", untrained_weights()
    if which in ("auto", "shipped"):
        try:
            from reagroove.core.settings import Settings
            from reagroove.models.drummer import default_engine

            engine = default_engine(weights, patterns_path=Path(tempfile.mkdtemp()) / "patterns.json")
            engine.generate(np.zeros((1, 32, 3), np.float32), Settings())  # loads and traces the network
            return engine, "network " + (Path(weights).name if weights else "shipped weights")
        except Exception as exc:  # noqa: BLE001 - weights still being trained, or torch missing
            if which == "shipped":
                raise
            print(f"note: shipped model unavailable ({str(exc).splitlines()[0]}); using the tests' stand-in model")
    sys.path.insert(0, str(ROOT / "tests"))
    from stub_model import StubModel

    from reagroove.core.engine import Engine

    return Engine(StubModel()), "stand-in model (tests/stub_model.py)"


def pct(values, q) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--model", choices=("auto", "shipped", "untrained", "stub"), default="auto",
                    help="auto: the shipped weights if present, else the stand-in; untrained: a random network of "
                    "the default size (the shipped model's speed, for when the weights are not trained yet)")
    ap.add_argument("--weights")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reagroove.reaper_ext.panel.app import PanelWindow
    from reagroove.reaper_ext.panel.theme import apply_theme

    engine, model_name = make_engine(args.model, args.weights)
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    config = tempfile.mkdtemp(prefix="reagroove-bench-panel-")
    window = PanelWindow(engine, standalone=True, config_dir=config, list_ports=lambda: ([], []), midi=EXAMPLE)
    window.resize(1320, 820)
    window.show()
    roll = window.roll
    waiting = {"tag": None, "loop": None, "t": 0.0}

    def on_paint(tag):
        if tag == waiting["tag"] and waiting["loop"] is not None:
            waiting["t"] = time.perf_counter()
            waiting["loop"].quit()

    roll.painted.connect(on_paint)
    guard = QTimer()
    guard.setSingleShot(True)

    def wait_drawn(tag, timeout_ms=5000) -> float:
        """Run Qt's event loop until the roll has painted the content tagged `tag`; returns when."""
        loop = QEventLoop()
        waiting.update(tag=tag, loop=loop)
        guard.timeout.connect(loop.quit)
        guard.start(timeout_ms)
        if roll.tag != tag or waiting["t"] == 0.0:
            loop.exec()
        guard.stop()
        guard.timeout.disconnect(loop.quit)
        waiting["loop"] = None
        if roll.tag != tag:
            raise SystemExit(f"the piano roll did not show change {tag} within {timeout_ms} ms")
        return waiting["t"]

    slider = window.density_slider.slider
    wait_drawn(window._request_id)  # the first preview of the file
    values = [(137 * i) % 1001 for i in range(1, args.changes + 1)]
    took, gen = [], []
    for v in values:
        if slider.value() == v:
            v = (v + 1) % 1001
        waiting["t"] = 0.0
        t0 = time.perf_counter()
        slider.setValue(v)
        t1 = wait_drawn(window._request_id)
        took.append(t1 - t0)
        gen.append(float(window.generation_label.text().split()[2]) / 1000)

    served_before = window.preview.served
    waiting["t"] = 0.0
    t0 = time.perf_counter()
    for v in values:
        slider.setValue(v if slider.value() != v else (v + 1) % 1001)
    t_last = time.perf_counter()
    t_drawn = wait_drawn(window._request_id)
    burst_generated = window.preview.served - served_before
    window.close()

    print(f"panel responsiveness ({model_name}, offscreen, input {EXAMPLE.name})")
    print(f"  slider change -> piano roll redrawn, {len(took)} changes: "
          f"p50 {pct(took, 50):.1f} ms, p99 {pct(took, 99):.1f} ms, max {pct(took, 100):.1f} ms (budget 50 ms)")
    print(f"  of which the model on the preview thread: p50 {pct(gen, 50):.1f} ms, p99 {pct(gen, 99):.1f} ms")
    print(f"  burst of {len(values)} changes in {1000 * (t_last - t0):.0f} ms: the last one on screen "
          f"{1000 * (t_drawn - t_last):.1f} ms after it; {burst_generated} loops generated (the rest coalesced)")


if __name__ == "__main__":
    main()
