"""`reagroove panel` where Qt cannot open a window: one line saying why, never Qt's abort."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are Linux's")


def panel(env_changes):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(env_changes)
    return subprocess.run([sys.executable, "-m", "reagroove.core.cli", "panel", "--standalone"], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("env, said", [({}, "the panel needs a display, and none is set"),
                                       ({"DISPLAY": ":97"}, "Qt cannot open a window here: ")])
def test_the_panel_without_a_usable_display_says_so_in_one_line(env, said):
    """With no display (a server, an ssh session) or one Qt cannot use (no X server there, or its xcb plugin
    missing libxcb-cursor0 on a bare Ubuntu), Qt aborted the process (exit 134) with its own lines."""
    out = panel(env)
    assert out.returncode == 2, (out.returncode, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"reagroove: error: {said}"), out.stderr
