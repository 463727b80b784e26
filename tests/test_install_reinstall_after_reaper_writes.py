"""install/reaper.py as a producer uses it over months: installs, REAPER rewriting its files, re-installs, uninstall.

Each test here failed on the installer before its fix (see the commit that added it).
"""

from __future__ import annotations

from pathlib import Path

from test_installer import REAPER_EXTSTATE_INI, REAPER_INI, install, make_resource, snapshot


def test_reinstall_after_reaper_rewrote_a_file_then_uninstall_keeps_what_reaper_wrote(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    # REAPER ran and quit: other extensions' ext state and a new preference were written back.
    ext, ini = resource / "reaper-extstate.ini", resource / "reaper.ini"
    ext.write_text(ext.read_text() + "\n[SWS]\nsnapshot=3\n")
    ini.write_text(ini.read_text().replace("maxrecent=50\n", "maxrecent=50\nzoom=2.5\n"))
    install(resource, "--port", "2400")  # the producer changes the port (or moves the checkout)
    install(resource, "--uninstall")
    assert ext.read_text() == REAPER_EXTSTATE_INI + "\n[SWS]\nsnapshot=3\n"
    assert ini.read_text() == REAPER_INI.replace("maxrecent=50\n", "maxrecent=50\nzoom=2.5\n")


def test_a_file_the_installer_created_keeps_what_reaper_added_after_a_reinstall(tmp_path):
    resource = make_resource(tmp_path / "REAPER", extstate=False)
    install(resource)
    ext = resource / "reaper-extstate.ini"
    ext.write_text(ext.read_text() + "\n[SWS]\nsnapshot=3\n")
    install(resource, "--port", "2400")
    install(resource, "--uninstall")
    assert ext.read_text() == "[SWS]\nsnapshot=3\n"


def test_an_unchanged_reinstall_still_restores_byte_for_byte(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    install(resource)
    install(resource, "--port", "2400")  # edits only what the installer itself wrote
    install(resource, "--uninstall")
    assert snapshot(resource) == before


def test_the_next_steps_say_to_quit_a_running_reaper_and_how_to_enable_python_by_hand(tmp_path):
    from test_installer import load_installer

    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    # A second run that does not touch reaper.ini still names the Python library to set by hand.
    out = install(resource, "--port", "2400").stdout
    lib_dir, lib_name = load_installer().python_library()
    steps = out[out.index("done."):]
    # Restarting a REAPER that ran during the install would write its settings back over the install.
    assert "restart it if it was running" not in steps
    assert "quit it and run this again" in steps
    assert "Plug-ins > ReaScript" in steps and lib_dir in steps and lib_name in steps
    assert "Show action list" in steps
    out = install(resource, "--uninstall").stdout
    assert "quit it and run this again" in out[out.index("done."):]


def test_a_resource_path_the_console_cannot_show_installs_and_errs_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    from test_installer import INSTALLER

    # Windows with output piped (Git Bash, a log file) writes in the ANSI code page, which lacks most scripts.
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    resource = make_resource(tmp_path / "Łukasz Пётр" / "REAPER")
    run = [sys.executable, str(INSTALLER), "--resource-path"]
    done = subprocess.run(run + [str(resource)], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert (resource / "Scripts" / "ReaGroove" / "reagroove_drumify.py").is_file()
    assert "Traceback" not in done.stderr
    missing = subprocess.run(run + [str(tmp_path / "Łukasz Пётр" / "nowhere")], capture_output=True, text=True,
                             env=env, timeout=60, check=False)
    assert missing.returncode == 2 and len(missing.stderr.splitlines()) == 1, missing.stderr


def test_a_python_reaper_cannot_load_says_how_to_make_the_venv_again():
    import pytest

    from test_installer import load_installer

    installer = load_installer()
    # pyenv's default build on macOS: a static libpython3.12.a, no .dylib for REAPER to load.
    mac = {"LIBDIR": "/Users/p/.pyenv/versions/3.12.1/lib", "LDLIBRARY": "libpython3.12.a", "Py_ENABLE_SHARED": 0}
    for platform, config in (("darwin", mac), ("linux", {"Py_ENABLE_SHARED": 0})):
        with pytest.raises(installer.InstallError) as error:
            installer.python_library(platform, config.get, "/Users/p/.pyenv/versions/3.12.1", (3, 12), lambda p: False)
        assert "--enable-shared" in str(error.value), platform
        assert "install/setup.sh" in str(error.value) and "delete .venv" in str(error.value), platform


KILLED_AT = """
import os, sys
sys.argv = ["reaper.py", "--resource-path", {resource!r}]
real_replace, calls = os.replace, []
def replace(src, dst):  # the power goes at this rename: no undo runs
    calls.append(dst)
    if len(calls) == {at}:
        os._exit(9)
    return real_replace(src, dst)
os.replace = replace
__file__ = {installer!r}
exec(compile(open(__file__).read(), __file__, "exec"))
"""


def test_a_run_killed_midway_leaves_no_temporary_files_once_installed_and_uninstalled(tmp_path):
    import subprocess
    import sys

    from test_installer import INSTALLER

    for at in (1, 6):  # while copying a backup; while writing the first action script
        resource = make_resource(tmp_path / f"REAPER{at}")
        (resource / ".notes.tmp").write_text("the producer's own\n")
        before = snapshot(resource)
        code = KILLED_AT.format(resource=str(resource), at=at, installer=str(INSTALLER))
        assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60).returncode == 9
        assert [p for p in resource.rglob(".*.tmp") if p.name != ".notes.tmp"]  # what the kill left
        install(resource)
        assert not [p for p in resource.rglob(".*.tmp") if p.name != ".notes.tmp"]
        install(resource, "--uninstall")
        assert snapshot(resource) == before


def test_uninstall_removes_what_reagroove_kept_in_its_ext_state_section(tmp_path):
    for extstate in (True, False):
        resource = make_resource(tmp_path / f"REAPER{extstate}", extstate=extstate)
        install(resource)
        # REAPER quit after the docked panel was docked: it wrote the panel's docker into ReaGroove's section.
        ext = resource / "reaper-extstate.ini"
        ext.write_text(ext.read_text().replace("server_port=2317\n", "server_port=2317\ndock_id=-3\n")
                       + "\n[SWS]\nsnapshot=3\n")
        install(resource, "--uninstall")
        text = ext.read_text()
        assert "[reagroove]" not in text and "dock_id" not in text
        assert text == (REAPER_EXTSTATE_INI + "\n" if extstate else "") + "[SWS]\nsnapshot=3\n"
