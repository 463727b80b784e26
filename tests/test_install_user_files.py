"""install/reaper.py with what a user already has: their own files, odd paths, half-finished installs.

The fixtures and helpers are test_installer.py's (a temporary REAPER resource folder, never a real one).
"""

from __future__ import annotations

import subprocess

import pytest
import test_install_actions
import test_installer
from test_installer import INSTALLER, PY, install, make_resource, one_error_line, run_installer, snapshot


def test_uninstall_keeps_the_users_own_files_in_the_scripts_folder(tmp_path):
    # The installer created Scripts/ and Scripts/ReaGroove/; the user then saved a script of their own there.
    resource = make_resource(tmp_path / "REAPER", startup=False, kb=False, extstate=False)
    install(resource)
    mine = resource / "Scripts" / "ReaGroove" / "my_tweak.lua"
    mine.write_bytes(b"-- my own tweak\r\n")
    result = install(resource, "--uninstall")
    assert mine.read_bytes() == b"-- my own tweak\r\n"
    assert sorted(p.name for p in (resource / "Scripts" / "ReaGroove").iterdir()) == ["my_tweak.lua"]
    assert "kept    Scripts/ReaGroove/ (not empty: my_tweak.lua)" in result.stdout
    assert "nothing to change" in install(resource, "--uninstall").stdout  # nothing of ReaGroove's is left


def test_a_wrong_resource_path_says_what_is_wrong_and_where_reaper_shows_the_folder(tmp_path):
    (tmp_path / "REAPER").mkdir()
    a_file = tmp_path / "REAPER" / "reaper.ini"
    a_file.write_text("[REAPER]\n")
    line = one_error_line(run_installer("--resource-path", a_file), str(a_file), "is a file")
    assert "no such folder" not in line
    for where in (a_file, tmp_path / "missing", tmp_path):  # a file, nothing, a folder without reaper.ini
        line = one_error_line(run_installer("--resource-path", where))
        assert "Options > Show REAPER resource path" in line  # the menu item that opens the folder
    assert a_file.read_text() == "[REAPER]\n" and [p.name for p in tmp_path.rglob("*")] == ["REAPER", "reaper.ini"]


def test_a_bad_port_names_the_option_once():
    line = one_error_line(run_installer("--port", "abc"), "--port", "1 to 65535", "'abc'")
    assert line.count("--port") == 1, line


def test_uninstall_works_with_a_python_that_lacks_reagroove(tmp_path):
    # The venv was deleted (or broke) before the user uninstalled: any Python 3 puts REAPER's files back.
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    install(resource)
    no_site = [PY, "-S", str(INSTALLER), "--resource-path", str(resource)]  # -S: no site-packages, no ReaGroove
    result = subprocess.run(no_site, capture_output=True, text=True, timeout=60, check=False)
    assert "ReaGroove cannot be imported" in one_error_line(result)  # installing still needs the venv
    result = subprocess.run(no_site + ["--uninstall"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert snapshot(resource) == before


def test_the_installers_own_constants_are_reagrooves():
    from reagroove.core.constants import EXT_SECTION, SERVER_PORT

    code = (f"import sys; sys.path.insert(0, {str(INSTALLER.parent)!r}); import reaper_plan as p; "
            "print(p.REAGROOVE_MISSING is not None, p.EXT_SECTION, p.SERVER_PORT)")
    out = subprocess.run([PY, "-S", "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split() == ["True", EXT_SECTION, str(SERVER_PORT)]


def test_ctrl_c_midway_leaves_every_file_as_it_was(tmp_path, monkeypatch, capsys):
    import os

    from test_installer import load_installer

    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    installer, real_replace, calls = load_installer(), os.replace, []

    def interrupted_replace(src, dst):
        calls.append(dst)
        if len(calls) == 8:  # backups and reaper.ini done, scripts half written
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", interrupted_replace)
    try:
        assert installer.main(["--resource-path", str(resource)]) == 2
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C came through as a traceback, the install half done")
    assert capsys.readouterr().err.splitlines() == ["reaper.py: error: interrupted (Ctrl-C); nothing was changed"]
    assert snapshot(resource) == before


# A resource folder and an engine whose paths hold spaces and non-ASCII letters, as REAPER sees them.
fake_reaper = test_install_actions.fake_reaper  # its `resource` is the one below


@pytest.fixture()
def resource(tmp_path):
    return make_resource(tmp_path / "REAPER Ünïcode folder")


def test_actions_run_from_paths_with_spaces_and_non_ascii(fake_reaper, tmp_path):
    assert "REAPER Ünïcode folder" in str(fake_reaper["folder"])
    engine = tmp_path / "my tools – é" / "reagroove"
    engine.parent.mkdir()
    engine.write_bytes(fake_reaper["fake"].read_bytes())
    engine.chmod(0o755)
    for path in fake_reaper["folder"].glob("*.py"):
        path.write_text(path.read_text().replace(repr(str(fake_reaper["fake"])), repr(str(engine))))
    result = fake_reaper["run"]("reagroove_drumify.py", expect_spawns=1)
    assert result["spawned"] == [["reaper", "drumify", "--panel-settings", "--port", str(fake_reaper["port"])]]
    assert not [c for c in result["calls"] if c[0] == "ShowMessageBox"]
    assert str(engine) in (fake_reaper["folder"] / "reagroove.log").read_text()


def test_resource_folder_candidates_on_each_platform():
    from pathlib import Path

    find = test_installer.load_installer().find_resource_dir.__globals__["candidate_resource_dirs"]
    assert find("win32", {"APPDATA": r"C:\Users\me\AppData\Roaming"}, "/h") == [
        Path(r"C:\Users\me\AppData\Roaming") / "REAPER"]
    assert find("win32", {}, "/h") == []  # said in the error line: "(APPDATA is not set)"
    assert find("darwin", {}, "/Users/me") == [Path("/Users/me/Library/Application Support/REAPER")]
    assert find("linux", {"XDG_CONFIG_HOME": "/x"}, "/home/me") == [Path("/x/REAPER"), Path("/home/me/.config/REAPER")]
