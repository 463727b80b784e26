"""A new user installing ReaGroove: the set-up's last words and install/reaper.py's, read as the next step.

Each test here failed before its fix (see the commit that added it).
"""

from __future__ import annotations

import pytest
from test_install_actions import fake_reaper  # noqa: F401 (a fixture)
from test_install_setup import run_setup
from test_installer import make_resource, resource  # noqa: F401 (a fixture)


def test_setup_ends_by_naming_the_reaper_install_step_and_again_after_a_move(tmp_path):
    # README's set-up ends with drums for the example; a producer who came for REAPER needs the next command.
    result, _ = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "REAPER" in last and "`.venv/bin/python install/reaper.py`" in last
    assert str(tmp_path / "checkout") in last and "moved" not in last
    # The checkout moved: REAPER's actions still run the old folder until install/reaper.py runs again.
    activate = tmp_path / "checkout" / ".venv" / "bin" / "activate"
    activate.write_text('VIRTUAL_ENV="/home/me/old place/.venv"\n')
    result, _ = run_setup(tmp_path, FAKE_LOCAL_TORCH="1")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "moved" in last and "old folder" in last and "install/reaper.py` again" in last


def test_install_says_how_to_undo_it_and_that_command_undoes_it(tmp_path):
    import subprocess

    from test_installer import install, snapshot

    folder = make_resource(tmp_path / "Réaper data" / "REAPER")  # a folder a shell needs quoted
    before = snapshot(folder)
    out = install(folder).stdout
    undo = [line for line in out.splitlines() if line.startswith("To undo all of this: ")]
    assert len(undo) == 1, out
    command = undo[0].split(": ", 1)[1]
    assert command.endswith(" --uninstall")
    # Pasted into a shell where it was printed, it takes every change back.
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(folder) == before


def test_install_says_the_docked_panel_needs_reaimgui_until_it_is_there(tmp_path):
    from test_installer import install

    folder = make_resource(tmp_path / "REAPER")
    out = install(folder).stdout
    steps = out[out.index("done."):]
    assert "ReaImGui" in steps and "ReaPack" in steps
    install(folder, "--uninstall")
    # ReaPack put ReaImGui's binding in place: nothing more to say about it.
    binding = folder / "Scripts" / "ReaTeam Extensions" / "API" / "imgui.py"
    binding.parent.mkdir(parents=True)
    binding.write_text("# ReaImGui\n")
    out = install(folder).stdout
    assert "ReaImGui" not in out[out.index("done."):]


def test_an_action_after_the_checkout_moved_says_to_run_the_set_up_then_the_installer(fake_reaper):
    import re

    # `mv reagroove elsewhere`: the venv the actions were installed from is gone with everything in it.
    common = fake_reaper["folder"] / "reagroove_common.py"
    old = "/home/me/old place/reagroove/.venv"
    text = re.sub(r"^PYTHON = .*$", f"PYTHON = {old + '/bin/python'!r}", common.read_text(), flags=re.M)
    text = re.sub(r"^SITE_DIRS = .*$", f"SITE_DIRS = {[old + '/lib/python3.11/site-packages']!r}", text, flags=re.M)
    common.write_text(text)
    fake_reaper["fake"].unlink()
    result = fake_reaper["run"]("reagroove_drumify.py")
    boxes = [c[1] for c in result["calls"] if c[0] == "ShowMessageBox"]
    # Running install/reaper.py again first fails too (the moved venv cannot import ReaGroove): the set-up first.
    assert len(boxes) == 1 and old in boxes[0] and "moved" in boxes[0], boxes
    assert boxes[0].index("install/setup.sh") < boxes[0].index(".venv/bin/python install/reaper.py")
    assert "--uninstall" in boxes[0]


def test_the_installer_run_from_a_moved_checkouts_venv_says_to_run_the_set_up_again(tmp_path):
    import shutil
    import subprocess
    import sys

    from test_installer import ROOT, one_error_line, snapshot

    # A checkout whose .venv cannot import ReaGroove: `mv` left its editable install naming the old folder.
    checkout = tmp_path / "moved here"
    shutil.copytree(ROOT / "install", checkout / "install", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(checkout / ".venv")], check=True, timeout=60)
    python = checkout / ".venv" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    folder = make_resource(tmp_path / "REAPER")
    before = snapshot(folder)
    result = subprocess.run([str(python), str(checkout / "install" / "reaper.py"), "--resource-path", str(folder)],
                            capture_output=True, text=True, timeout=60, check=False)
    # That .venv's Python is the one the README names: "run it with the venv's Python" would go in a circle.
    line = one_error_line(result, "moved", "install/setup.sh", "again")
    assert "run this with the virtual environment's Python" not in line
    assert snapshot(folder) == before


@pytest.mark.parametrize("inside", ["Scripts", "Scripts/ReaGroove", "reaper.ini"])
def test_a_path_inside_the_resource_folder_names_the_folder_to_give(tmp_path, inside):
    from test_installer import one_error_line, run_installer

    # A new user browses into the resource folder REAPER showed them, and gives what they see there.
    folder = make_resource(tmp_path / "REAPER")
    (folder / "Scripts" / "ReaGroove").mkdir(parents=True, exist_ok=True)
    result = run_installer("--resource-path", folder / inside)
    line = one_error_line(result, f"give {folder}" if inside != "reaper.ini" else f"it is in, {folder}")
    assert "start REAPER once" not in line


def test_running_the_installer_again_when_all_is_installed_still_says_what_to_try_in_reaper(tmp_path):
    from test_installer import install, load_installer

    # A producer whose REAPER shows no ReaGroove actions, or no Python, runs the installer again.
    folder = make_resource(tmp_path / "REAPER")
    install(folder)
    out = install(folder).stdout
    assert "already installed" in out and "nothing to change" in out
    lib_dir, lib_name = load_installer().python_library()
    assert "Show action list" in out and "Plug-ins > ReaScript" in out and lib_dir in out and lib_name in out
    assert "--uninstall" in out
    # Nothing was written, so a running REAPER has nothing to write over: no "quit it and run this again".
    assert "run this again" not in out


def test_installing_one_checkout_with_another_checkouts_venv_is_refused(tmp_path):
    import shutil
    import subprocess
    import sys

    from test_installer import ROOT, one_error_line, snapshot

    # Two clones (a stable one and a newer one): this one's installer, run with the other's venv, would give
    # REAPER this version's actions driving the other version's engine.
    other = tmp_path / "newer clone"
    shutil.copytree(ROOT / "install", other / "install", ignore=shutil.ignore_patterns("__pycache__"))
    folder = make_resource(tmp_path / "REAPER")
    before = snapshot(folder)
    result = subprocess.run([sys.executable, str(other / "install" / "reaper.py"), "--resource-path", str(folder)],
                            capture_output=True, text=True, timeout=60, check=False)
    one_error_line(result, "another checkout", str(ROOT), str(other))
    assert snapshot(folder) == before
    # Its uninstall needs no ReaGroove at all: still allowed.
    result = subprocess.run([sys.executable, str(other / "install" / "reaper.py"), "--resource-path", str(folder),
                             "--uninstall"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_setup_with_a_python_reaper_cannot_load_says_so_before_reaper_is_tried(tmp_path, monkeypatch):
    import sys
    import sysconfig

    from test_install_setup import load_setup

    setup = load_setup()
    monkeypatch.setattr(sys, "platform", "linux")
    shared = sysconfig.get_config_var
    monkeypatch.setattr(sysconfig, "get_config_var", lambda name: 1 if name == "Py_ENABLE_SHARED" else shared(name))
    assert "install/reaper.py" in setup.reaper_step(tmp_path)
    # pyenv's default build: the set-up works, REAPER cannot load its Python; say it now, with the way out.
    monkeypatch.setattr(sysconfig, "get_config_var", lambda name: 0 if name == "Py_ENABLE_SHARED" else shared(name))
    line = setup.reaper_step(tmp_path)
    assert "no shared libpython" in line and "--enable-shared" in line and "PYTHON=" in line
