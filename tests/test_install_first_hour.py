"""A producer's first hour: install/reaper.py as README's "In REAPER" says, then its actions, on the layouts a
first install meets (REAPER's program folder given for its resource folder, REAPER's Python set to another
version). What they read is one line saying what to do.

Each test here failed before its fix.
"""

from __future__ import annotations

import json
import os
import re

from test_install_actions import fake_reaper  # noqa: F401 (a fixture)
from test_installer import make_resource, resource, run_installer  # noqa: F401 (resource: the fixture fake_reaper takes)


def test_an_action_run_by_another_python_than_the_venvs_says_how_to_point_reaper_back(fake_reaper):
    # REAPER's ReaScript preferences changed since the install (another Python's library forced): the server's
    # module, the venv's, failed there as a bug ("TypeError: ..."), with nothing saying what to set.
    common = fake_reaper["folder"] / "reagroove_common.py"
    text = common.read_text()
    installed = os.path.split(json.loads((fake_reaper["folder"] / "install.json").read_text())["python_library"])
    common.write_text(re.sub(r"^PYTHON_VERSION = .*$", "PYTHON_VERSION = [3, 2]", text, flags=re.M))
    for script in ("reagroove_start_server.py", "reagroove_drumify.py", "reagroove_dock.py"):
        result = fake_reaper["run"](script)
        boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
        assert len(boxes) == 1, (script, result["calls"])
        assert "REAPER runs Python 3." in boxes[0] and "virtual environment's Python 3.2" in boxes[0]
        assert installed[0] in boxes[0] and installed[1] in boxes[0] and "restart REAPER" in boxes[0]
        assert not any(c[0] in ("start", "Main_OnCommand") for c in result["calls"]) and not result["spawned"]
    # Installed as it is, the same Python as the venv's: no word of it.
    common.write_text(text)
    result = fake_reaper["run"]("reagroove_drumify.py", expect_spawns=1)
    assert not [c for c in result["calls"] if c[0] == "ShowMessageBox"] and len(result["spawned"]) == 1


def program_layouts(root):
    """REAPER's program as each OS installs it (not portable: no reaper.ini beside it), and a user's home whose
    resource folder REAPER made on its first start."""
    windows = root / "Program Files" / "REAPER (x64)"
    mac_app = root / "Applications" / "REAPER.app"
    linux = root / "opt" / "REAPER"
    for folder in (windows, mac_app / "Contents" / "MacOS", linux):
        folder.mkdir(parents=True)
    (windows / "reaper.exe").write_bytes(b"MZ")
    (mac_app / "Contents" / "MacOS" / "REAPER").write_bytes(b"\xcf\xfa\xed\xfe")
    (linux / "reaper").write_bytes(b"\x7fELF")
    home = root / "home" / "José Müller"
    make_resource(home / ".config" / "REAPER")
    return {"windows folder": windows, "reaper.exe": windows / "reaper.exe", "REAPER.app": mac_app,
            "linux folder": linux, "linux program": linux / "reaper"}, home


def test_reapers_program_given_for_its_resource_folder_says_where_that_is(tmp_path):
    # "C:\Program Files\REAPER (x64)" (or REAPER.app, /opt/REAPER) given to --resource-path was told "start REAPER
    # once with it": REAPER never keeps its settings there unless portable, and the real folder was not named.
    layouts, home = program_layouts(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"} | {"HOME": str(home)}
    for kind, given in layouts.items():
        before = sorted(p.name for p in given.parent.rglob("*"))
        done = run_installer("--resource-path", given, env=env)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2 and len(lines) == 1, (kind, done.stderr)
        assert "REAPER's program" in lines[0] and "start REAPER once with it" not in lines[0], (kind, lines)
        assert f"it is {home / '.config' / 'REAPER'} here: run this again without --resource-path" in lines[0]
        assert "a portable REAPER not started yet: start it once" in lines[0]  # (it looks the same until then)
        assert sorted(p.name for p in given.parent.rglob("*")) == before  # nothing written there
    # The folder above the resource folder (what a file manager shows first): the folder inside it is named.
    done = run_installer("--resource-path", home / ".config", env=env)
    assert done.returncode == 2 and f"give {home / '.config' / 'REAPER'} itself" in done.stderr, done.stderr
    # A portable REAPER (reaper.ini beside its program) is its own resource folder, as before.
    portable = layouts["windows folder"]
    make_resource(portable)
    assert "install into " + str(portable) in run_installer("--resource-path", portable / "reaper.exe",
                                                            "--dry-run", env=env).stdout




def test_a_port_held_by_another_program_is_said_not_taken_for_the_server(fake_reaper):
    """Another program (or a second REAPER) listening on ReaGroove's port answered the actions' connect check:
    "server already running" was said at REAPER's start, and Drumify's engine then waited on that program, saying
    nothing in REAPER."""
    import socket

    with socket.socket() as other:
        other.bind(("127.0.0.1", fake_reaper["port"]))
        other.listen()
        for script in ("reagroove_start_server.py", "reagroove_drumify.py"):
            result = fake_reaper["run"](script)
            boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
            assert len(boxes) == 1 and f"Another program is using port {fake_reaper['port']}" in boxes[0], result
            assert f"--port {fake_reaper['port'] + 1}" in boxes[0]
            assert not any(c[0] == "start" or "already running" in str(c) for c in result["calls"])
            assert not result["spawned"]
    result = fake_reaper["run"]("reagroove_drumify.py", expect_spawns=1)  # the program gone: the server starts
    assert ["start", fake_reaper["port"]] in result["calls"] and len(result["spawned"]) == 1
