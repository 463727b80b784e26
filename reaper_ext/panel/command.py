"""`reagroove panel`: open the control panel. Light: Qt and torch are imported only when the command runs."""

from __future__ import annotations

import os
import subprocess
import sys

from reagroove.core.constants import SERVER_PORT
from reagroove.core.errors import ReaGrooveError
from reagroove.core.options import server_port, wait_seconds


def add_panel_command(sub) -> None:
    p = sub.add_parser(
        "panel",
        help="the control panel (latent pad, genre mix, piano roll, live status) beside REAPER or on its own",
        description="Open ReaGroove's control panel. It connects to REAPER when ReaGroove's server runs there "
        "(and keeps retrying), and otherwise works standalone on MIDI files and MIDI ports.",
    )
    p.add_argument("midi", nargs="?", metavar="FILE", help="a MIDI or audio file to open as the input groove")
    p.add_argument("--standalone", action="store_true", help="do not look for REAPER: MIDI or audio files and ports only")
    p.add_argument("--port", type=server_port, default=None, help=f"ReaGroove's server port in REAPER (default {SERVER_PORT})")
    p.add_argument("--timeout", type=wait_seconds, default=1.0, help="seconds to wait for a REAPER reply (default 1)")
    p.add_argument("--config-dir", metavar="DIR", help="where the panel keeps its layout, settings and presets "
                   "(default: the user config folder, or $REAGROOVE_CONFIG)")
    p.add_argument("--weights", metavar="FILE", help="another model's weights: a drummer.pt, or a training run's folder holding one (default: the shipped model)")
    p.set_defaults(func=run_panel)


def run_panel(args) -> int:
    try:
        from PySide6.QtWidgets import QApplication  # noqa: F401 - checked here, used by _open_window
    except ImportError:
        raise ReaGrooveError("the panel needs PySide6 and pyqtgraph: "
                             "pip install PySide6-Essentials pyqtgraph") from None
    _check_display()
    from .lock import EditorLock

    # One editor linked to REAPER at a time, whoever started it (the docked panel, the "Open panel" action, a
    # terminal): two wrote the same drum track. Taken before the model loads (seconds), so a second is told at once.
    lock = None
    if not args.standalone:
        try:
            lock = EditorLock.acquire()
        except OSError as exc:  # a data folder that cannot be written: the editor still opens, unguarded
            print(f"reagroove: cannot take the editor's lock ({exc.strerror or exc}): opening anyway", file=sys.stderr)
    try:
        return _open_window(args)
    finally:
        if lock is not None:
            lock.release()


# Qt aborts the process where it cannot open a window (no display, or its xcb plugin missing a system library:
# libxcb-cursor0 on a bare Ubuntu), with its own lines and no message of ours; a child process tries first
_PROBE = "from PySide6.QtWidgets import QApplication; QApplication([])"


def _check_display() -> None:
    """A one-line ReaGrooveError where Qt cannot open a window here (Linux; offscreen and minimal need none)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform.split(":")[0] in ("offscreen", "minimal"):
        return
    if not platform and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise ReaGrooveError("the panel needs a display, and none is set (DISPLAY or WAYLAND_DISPLAY): open it on "
                             "the desktop (QT_QPA_PLATFORM=offscreen runs it without one, for screenshots)")
    try:
        probe = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        raise ReaGrooveError("Qt did not open a window within 30 s: is the display reachable?") from None
    if probe.returncode != 0:
        lines = [line.strip() for line in probe.stderr.splitlines() if line.strip()]
        said = next((line for line in lines if "is needed" in line or "could not connect" in line.lower()),
                    lines[0] if lines else f"exit code {probe.returncode}")
        raise ReaGrooveError(f"Qt cannot open a window here: {said}")


def _open_window(args) -> int:
    from PySide6.QtWidgets import QApplication

    from reagroove.models.drummer import default_engine

    from ..bridge import DEFAULT_PORT, DistantBridge
    from .app import PanelWindow
    from .theme import apply_theme

    print("loading the model…", file=sys.stderr)
    engine = default_engine(args.weights)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ReaGroove")
    apply_theme(app)
    bridge = None if args.standalone else DistantBridge(args.port or DEFAULT_PORT, timeout=args.timeout)
    window = PanelWindow(engine, bridge=bridge, standalone=args.standalone, config_dir=args.config_dir, midi=args.midi)
    window.show()
    _close_on_ctrl_c(window)
    return int(app.exec())


def _close_on_ctrl_c(window) -> None:
    """Ctrl-C in the terminal closes the window (saving its state) instead of being ignored by Qt's loop."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGINT, lambda *_: window.close())
    tick = QTimer(window)  # lets the interpreter run its signal handlers while Qt waits
    tick.timeout.connect(lambda: None)
    tick.start(250)


def main(argv: list[str] | None = None) -> int:
    """`python -m reagroove.reaper_ext.panel` without the `reagroove` command."""
    import argparse

    parser = argparse.ArgumentParser(prog="reagroove")
    add_panel_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["panel", *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.func(args)
    except ReaGrooveError as exc:
        print(f"reagroove: error: {exc}", file=sys.stderr)
        return 2
