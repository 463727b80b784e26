"""The action scripts install/reaper.py writes, run under a fake REAPER: valid Python with their values filled
in, each spawning its engine command, starting the server once, asking the Variations count, toggling live
follow, and a missing engine said as a message (the installer itself: test_installer.py)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from test_installer import resource  # noqa: F401  (its fixture)
from test_installer import PY, REAGROOVE_EXE, free_port, install, load_installer

from reagroove.core.settings import MAX_VARIATIONS


def test_action_scripts_are_valid_python_with_values_filled_in(resource):
    install(resource, "--port", "2399")
    folder = resource / "Scripts" / "ReaGroove"
    for path in folder.glob("*.py"):
        text = path.read_text()
        compile(text, str(path), "exec")
        assert not re.search(r'"@[A-Z_]+@"', text), path
        assert "import torch" not in text and "import numpy" not in text
        if path.name != "reagroove_warm.py":  # the warm engine's client: given them by reagroove_common
            assert "PORT = 2399" in text
            assert f"REAGROOVE = {REAGROOVE_EXE!r}" in text
    common = (folder / "reagroove_common.py").read_text()
    assert f"PYTHON = {os.path.abspath(PY)!r}" in common
    assert f"INSTALL_DIR = {str(folder)!r}" in common
    site_dirs = re.search(r"^SITE_DIRS = (.*)$", common, re.MULTILINE).group(1)
    assert any((Path(p) / "reapy").is_dir() for p in eval(site_dirs))  # the venv's site-packages


HARNESS = """\
import json, runpy, sys, types

spec = json.load(open(sys.argv[1]))
calls, ext = [], dict(spec.get("ext", {}))
rp = types.ModuleType("reaper_python")

def RPR_GetUserInputs(title, num, captions, values, size):
    calls.append(["GetUserInputs", title, captions, values])
    answer = spec.get("answer")
    return (0 if answer is None else 1, title, num, captions, values if answer is None else answer, size)

def RPR_GetExtState(section, key):
    return ext.get(section + "/" + key, "")

def RPR_SetExtState(section, key, value, persist):
    ext[section + "/" + key] = value
    calls.append(["SetExtState", section, key, value, persist])

def RPR_ShowMessageBox(msg, title, kind):
    calls.append(["ShowMessageBox", msg])
    return 1

def RPR_ShowConsoleMsg(msg):
    calls.append(["ShowConsoleMsg", msg])

def RPR_NamedCommandLookup(name):
    return spec["commands"].get(name, [55001])[0]

def RPR_Main_OnCommand(command, flag):  # runs a registered script, as REAPER does
    calls.append(["Main_OnCommand", command])
    for number, script in spec["commands"].values():
        if number == command:
            runpy.run_path(script, run_name="__main__")

def RPR_defer(code):
    calls.append(["defer", code])

def RPR_SetToggleCommandState(section, cmd, state):
    calls.append(["SetToggleCommandState", section, cmd, state])
    return True

def RPR_RefreshToolbar2(section, cmd):
    pass

for name, value in list(globals().items()):
    if name.startswith("RPR_"):
        setattr(rp, name, value)
sys.modules["reaper_python"] = rp

server = types.ModuleType("reagroove.reaper_ext.server")  # the real one needs REAPER; record the call
def start(port):
    calls.append(["start", port])
    return types.SimpleNamespace(port=port)
server.start = start
sys.modules["reagroove.reaper_ext.server"] = server

for script in spec["scripts"]:
    runpy.run_path(script, run_name="__main__")
json.dump({"calls": calls, "ext": ext}, open(spec["out"], "w"))
"""


@pytest.fixture()
def fake_reaper(tmp_path, resource):
    """Install with a free port, swap the baked `reagroove` for a recorder, and run scripts under a fake REAPER."""
    port = free_port()
    install(resource, "--port", port)
    record = tmp_path / "engine-calls.jsonl"
    fake = tmp_path / "bin" / "reagroove"
    fake.parent.mkdir()
    fake.write_text(textwrap.dedent(f"""\
        #!{PY}
        import json, sys
        with open({str(record)!r}, "a") as fh:
            fh.write(json.dumps(sys.argv[1:]) + "\\n")
        """))
    fake.chmod(0o755)
    folder = resource / "Scripts" / "ReaGroove"
    for path in set(folder.glob("*.py")) - {folder / "reagroove_warm.py"}:  # the installer baked the venv's
        text = path.read_text()  # reagroove in (reagroove_warm.py is given it): point it at the recorder
        assert repr(REAGROOVE_EXE) in text
        path.write_text(text.replace(repr(REAGROOVE_EXE), repr(str(fake))))
    (tmp_path / "harness.py").write_text(HARNESS)

    def run(*scripts, answer=None, ext=None, expect_spawns=0):
        out = tmp_path / "harness-out.json"
        start = "_" + load_installer().command_id("reagroove_start_server.py")
        spec = {"scripts": [str(folder / s) for s in scripts], "answer": answer, "ext": ext or {}, "out": str(out),
                "commands": {start: [55100, str(folder / "reagroove_start_server.py")]}}
        (tmp_path / "spec.json").write_text(json.dumps(spec))
        done = subprocess.run([PY, str(tmp_path / "harness.py"), str(tmp_path / "spec.json")],
                              capture_output=True, text=True, timeout=30, check=False)
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the engine is detached: wait for it to record its arguments
            spawned = record.read_text().splitlines() if record.exists() else []
            if len(spawned) >= expect_spawns:
                break
            time.sleep(0.02)
        result = json.loads(out.read_text())
        result["spawned"] = [json.loads(line) for line in spawned]
        return result

    return {"run": run, "port": port, "folder": folder, "fake": fake}


def test_variations_action_asks_the_count_then_spawns_the_engine(fake_reaper):
    port = str(fake_reaper["port"])
    result = fake_reaper["run"]("reagroove_variations.py", answer="6", expect_spawns=1)
    assert result["calls"][0][0] == "GetUserInputs" and result["calls"][0][3] == "4"  # default 4
    assert ["start", int(port)] in result["calls"]  # the server was not running: started first
    assert result["spawned"] == [["reaper", "variations", "--count", "6", "--panel-settings", "--port", port]]
    log = (fake_reaper["folder"] / "reagroove.log").read_text()
    assert "reaper variations --count 6 --panel-settings --port " + port in log
    # Cancelled: nothing spawned; nonsense: a message, nothing spawned.
    assert fake_reaper["run"]("reagroove_variations.py", answer=None, expect_spawns=1)["spawned"] == result["spawned"]
    bad = fake_reaper["run"]("reagroove_variations.py", answer="lots", expect_spawns=1)
    assert any(c[0] == "ShowMessageBox" and f"1 to {MAX_VARIATIONS}" in c[1] for c in bad["calls"])
    assert len(bad["spawned"]) == 1
    # The log gets its line before the engine starts, so it counts the spawns without waiting for them.
    assert (fake_reaper["folder"] / "reagroove.log").read_text().count("reaper variations") == 1
    # The dialog allows what the engine and both panels allow (it stopped at 32 where they go to 64).
    most = fake_reaper["run"]("reagroove_variations.py", answer=str(MAX_VARIATIONS), expect_spawns=2)
    assert most["spawned"][-1] == ["reaper", "variations", "--count", str(MAX_VARIATIONS), "--panel-settings", "--port", port]


def test_actions_spawn_their_commands_and_start_the_server_once(fake_reaper):
    port = str(fake_reaper["port"])
    result = fake_reaper["run"]("reagroove_start_server.py", "reagroove_drumify.py", "reagroove_pattern_a.py",
                                "reagroove_pattern_b.py", "reagroove_panel.py", expect_spawns=4)
    assert [c for c in result["calls"] if c[0] == "start"] == [["start", int(port)]]  # once per REAPER session
    assert sorted(result["spawned"]) == sorted([  # detached processes: they record in any order
        ["reaper", "drumify", "--panel-settings", "--port", port],  # the panels' settings, as the dock plays
        ["reaper", "set-pattern", "A", "--panel-settings", "--port", port],
        ["reaper", "set-pattern", "B", "--panel-settings", "--port", port],
        ["reaper", "panel", "--port", port],  # the editor that says in REAPER's console why it did not open
    ])
    assert not [c for c in result["calls"] if c[0] == "ShowMessageBox"]
    assert ["ShowConsoleMsg", f"ReaGroove: server started on 127.0.0.1:{port}\n"] in result["calls"]


def test_a_server_already_listening_is_not_started_again(fake_reaper):
    with socket.socket() as listener:  # ReaGroove's server, started earlier in this REAPER session (its key set)
        listener.bind(("127.0.0.1", fake_reaper["port"]))
        listener.listen()
        result = fake_reaper["run"]("reagroove_drumify.py", ext={"reagroove/server_running": str(fake_reaper["port"])},
                                    expect_spawns=1)
    assert not [c for c in result["calls"] if c[0] == "start"]
    assert result["spawned"] == [["reaper", "drumify", "--panel-settings", "--port", str(fake_reaper["port"])]]


def test_live_follow_toggles_through_ext_state(fake_reaper):
    port = str(fake_reaper["port"])
    on = fake_reaper["run"]("reagroove_live_toggle.py", expect_spawns=1)
    assert on["ext"]["reagroove/live"] == "on"
    assert on["spawned"] == [["reaper", "live", "--panel-settings", "--port", port]]
    assert ["SetToggleCommandState", 0, 55001, 1] in on["calls"]
    off = fake_reaper["run"]("reagroove_live_toggle.py", ext={"reagroove/live": "on"}, expect_spawns=1)
    assert off["ext"]["reagroove/live"] == "off"
    assert ["SetExtState", "reagroove", "live", "off", False] in off["calls"]
    assert off["spawned"] == on["spawned"]  # stopping spawns nothing: the follower sees "off" and ends


def test_missing_engine_is_a_message_not_a_traceback(fake_reaper):
    fake_reaper["fake"].unlink()
    result = fake_reaper["run"]("reagroove_drumify.py")
    boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
    assert len(boxes) == 1 and "engine is missing" in boxes[0]


def test_actions_ask_the_start_server_action_and_leave_no_undo_point_of_their_own(fake_reaper):
    port = fake_reaper["port"]
    result = fake_reaper["run"]("reagroove_drumify.py", "reagroove_pattern_a.py", expect_spawns=2)
    # The server is started by running the start-server action (its loop's one owner), once.
    assert [c for c in result["calls"] if c[0] == "Main_OnCommand"] == [["Main_OnCommand", 55100]]
    assert [c for c in result["calls"] if c[0] == "start"] == [["start", port]]
    # Each action that does not keep running defers one empty call (no automatic undo point from REAPER);
    # the start-server action, whose loop defers, does not.
    assert [c for c in result["calls"] if c[0] == "defer"] == [["defer", "pass"]] * 2


def test_actions_are_generated_from_one_table(resource):
    install(resource)
    installer = load_installer()
    folder = resource / "Scripts" / "ReaGroove"
    assert len(installer.ACTIONS) == 10
    for action in installer.ACTIONS:
        text = (folder / action.script).read_text()
        assert f"# @description {action.description}\n" in text
        assert f"reagroove_common.run({action.calls!r}, port=PORT, engine=REAGROOVE)" in text
    dock = next(a for a in installer.ACTIONS if a.description == "ReaGroove: Docked panel")
    assert dock.calls == "reagroove.reaper_ext.dock:run_action"



@pytest.fixture()
def panels_config(tmp_path, monkeypatch):
    """The panels' config folder, set before the installer runs (it bakes in their settings.json)."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("REAGROOVE_CONFIG", str(config))
    return config


def test_variations_action_offers_the_count_the_panels_share(panels_config, fake_reaper):
    """The Variations dialog offered 4 whatever count the producer had set in either panel (settings.json):
    it now offers the shared count, and 4 where the file holds none or cannot be read."""
    from reagroove.core.settings import Settings

    def offered():
        calls = fake_reaper["run"]("reagroove_variations.py", answer=None)["calls"]
        return next(c[3] for c in calls if c[0] == "GetUserInputs")

    assert offered() == "4"  # no settings.json yet
    Settings(variations=7).save(panels_config / "settings.json")
    assert offered() == "7"
    Settings(variations=None).save(panels_config / "settings.json")  # saved, but no count chosen
    assert offered() == "4"
    (panels_config / "settings.json").write_text("{not json")
    assert offered() == "4"
