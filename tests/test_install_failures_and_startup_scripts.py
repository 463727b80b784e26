"""install/reaper.py as a producer installs, upgrades and uninstalls: failures midway, startup scripts of their
own, files linked elsewhere. Temporary REAPER resource folders only (test_installer.py's fixtures).

Each test here failed on the installer before its fix.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from test_installer import REAPER_INI, install, load_installer, make_resource, snapshot


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE: a disk that takes no more bytes")
def test_a_disk_still_full_while_undoing_never_leaves_half_a_reaper_ini(tmp_path, monkeypatch, capsys):
    import resource as rlimit

    installer = load_installer()
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    ini = resource / "reaper.ini"
    real_replace, calls = os.replace, []
    soft, hard = rlimit.getrlimit(rlimit.RLIMIT_FSIZE)

    def disk_fills(src, dst):
        calls.append(dst)
        if len(calls) == 16:  # the disk is full from here on: no file may grow by a byte
            rlimit.setrlimit(rlimit.RLIMIT_FSIZE, (0, hard))
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", disk_fills)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    try:
        assert installer.main(["--resource-path", str(resource)]) == 2
    finally:
        rlimit.setrlimit(rlimit.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    err = capsys.readouterr().err.splitlines()
    text = ini.read_text()
    # Whole: as the installer wrote it (it could not be put back), never emptied by a rewrite in place.
    assert text.startswith("[REAPER]\n") and text.endswith("lastcheck=1763000000\n") and "reascript=1\n" in text
    backup = resource / "reaper.ini.reagroove-backup"
    assert backup.read_text() == REAPER_INI  # the one copy of what it was: kept
    assert len(err) == 1 and "no space left" in err[0].lower() and "nothing was changed" not in err[0], err
    assert "reaper.ini.reagroove-backup" in err[0] and "once there is room" in err[0]
    monkeypatch.setattr(installer.os, "replace", real_replace)
    install(resource)  # once there is room, as it says: the install completes...
    install(resource, "--uninstall")  # ...and uninstall puts the producer's file back as it was
    assert snapshot(resource) == before


# ---------------------------------------------------------------- Scripts/__startup.lua ending in `return`

# A producer's startup script whose last statement is the chunk's own `return` (Lua allows nothing after it).
RETURNING_STARTUP = """\
-- My startup: REAPER runs it when it starts.
local M = {}
function M.hello() reaper.ShowConsoleMsg("hi\\n") return true end
if not reaper then return end
M.hello()
return M
"""


def code_after_chunk_return(text: str) -> list[str]:
    """Lines of code after the file's final top-level `return` line (Lua allows none)."""
    lines = text.splitlines()
    last = max(i for i, line in enumerate(lines) if line.startswith("return"))
    return [line for line in lines[last + 1:] if line.strip() and not line.lstrip().startswith("--")]


def test_a_startup_lua_that_ends_in_return_gets_the_block_where_it_runs(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(RETURNING_STARTUP)
    install(resource)
    text = startup.read_text()
    assert "NamedCommandLookup" in text and code_after_chunk_return(text) == []  # runs, and the file parses
    assert text.index("NamedCommandLookup") > text.index("M.hello()\n") and text.endswith("return M\n")
    assert "nothing to change" in install(resource).stdout  # a second run leaves it there
    startup.write_text(text.replace("M.hello()\n", "M.hello()\nM.later = 1\n"))  # the producer's edit since
    install(resource, "--uninstall")  # ReaGroove's lines only: theirs back exactly
    assert startup.read_text() == RETURNING_STARTUP.replace("M.hello()\n", "M.hello()\nM.later = 1\n")


def test_a_block_an_earlier_version_put_after_the_return_moves_before_it(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(RETURNING_STARTUP)
    install(resource)
    good = startup.read_text()
    # What the earlier installer left: its block appended below `return M` (a syntax error, nothing ran).
    block = good[good.index("-- >>> ReaGroove"):good.index("-- <<< ReaGroove <<<\n") + 21]
    startup.write_text(RETURNING_STARTUP + "\n" + block)
    result = install(resource)
    assert "moved before" in result.stdout
    assert startup.read_text() == good


@pytest.mark.parametrize("theirs", [
    "if not reaper then return end\nreaper.ShowConsoleMsg('x')\n",  # a return inside a block: not the end
    "local function f()\n  return 1\nend\nf() -- return\nlocal s = [[\nreturn\n]]\n",  # in a function, comment, string
])
def test_a_return_that_is_not_the_files_own_leaves_the_block_at_the_end(tmp_path, theirs):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(theirs)
    install(resource)
    text = startup.read_text()
    assert text.startswith(theirs + "\n-- >>> ReaGroove") and text.endswith("-- <<< ReaGroove <<<\n")


# ---------------------------------------------------------------- a run killed midway, files linked elsewhere

KILLED_AT_REAPER_INI = """\
import os, sys
sys.path.insert(0, {tests!r})
from test_installer import load_installer
installer = load_installer()
real_replace = os.replace
def power_cut(src, dst):
    if os.path.basename(dst) == "reaper.ini":  # its temporary file written, not yet renamed: the power goes
        os._exit(9)
    return real_replace(src, dst)
installer.os.replace = power_cut
installer.main(["--resource-path", {resource!r}])
"""


def test_a_temporary_file_a_killed_run_left_beside_a_linked_reaper_ini_is_cleaned_up(tmp_path):
    import subprocess

    from test_installer import PY

    resource = make_resource(tmp_path / "REAPER")
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (resource / "reaper.ini").rename(dotfiles / "reaper.ini")
    os.symlink(dotfiles / "reaper.ini", resource / "reaper.ini")
    theirs = [dotfiles / ".reaper.ini.swp.reagroove.tmp", dotfiles / ".vimrc.123.reagroove.tmp"]
    for path in theirs:  # not the installer's temporary file of reaper.ini: left alone
        path.write_text("theirs\n")
    script = KILLED_AT_REAPER_INI.format(tests=str(Path(__file__).parent), resource=str(resource))
    killed = subprocess.run([PY, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert killed.returncode == 9, killed.stderr
    left = [p for p in dotfiles.glob(".reaper.ini.*.reagroove.tmp") if p not in theirs]
    assert len(left) == 1  # what the killed run left beside the real file
    result = install(resource)
    assert not left[0].exists() and "left by an interrupted run" in result.stdout
    assert all(p.read_text() == "theirs\n" for p in theirs)
    install(resource, "--uninstall")
    assert (dotfiles / "reaper.ini").read_text() == REAPER_INI and (resource / "reaper.ini").is_symlink()
    assert sorted(dotfiles.iterdir()) == sorted([dotfiles / "reaper.ini", *theirs])


# ---------------------------------------------------------------- uninstall with an old system Python

# The interpreter as it starts reaper.py, told it is an older one (the version check is the first thing run).
AS_OLD_PYTHON = """\
import sys
sys.version_info = {version!r}
sys.argv = [{script!r}, "--uninstall", "--resource-path", {resource!r}]
code = compile(open({script!r}).read(), {script!r}, "exec")
exec(code, {{"__name__": "__main__", "__file__": {script!r}}})
"""


def old_pythons() -> list[str]:
    """Older interpreters this machine really has (pyenv's shims answer for versions not selected: tried)."""
    import shutil
    import subprocess

    found = []
    for name in ("python2.7", "python3.6", "python3.7"):
        path = shutil.which(name)
        if path and subprocess.run([path, "-c", "pass"], capture_output=True, timeout=30).returncode == 0:
            found.append(path)
    return found


@pytest.mark.parametrize("python", [(3, 7, 17, "final", 0), (2, 7, 18, "final", 0), *old_pythons()])
def test_uninstall_with_too_old_a_python_is_one_line_saying_which_is_needed(tmp_path, python):
    import subprocess

    from test_installer import INSTALLER, PY, one_error_line

    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    before = snapshot(resource)
    if isinstance(python, tuple):  # this Python, told it is that old
        script = AS_OLD_PYTHON.format(version=python, script=str(INSTALLER), resource=str(resource))
        command = [PY, "-c", script]
    else:  # `python3 install/reaper.py --uninstall` on an old system
        command = [python, str(INSTALLER), "--uninstall", "--resource-path", str(resource)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    line = one_error_line(result, "reaper.py: error:", "3.8 or newer", ".venv")
    assert "Traceback" not in result.stderr and "SyntaxError" not in line
    assert snapshot(resource) == before


# ---------------------------------------------------------------- reaper-kb.ini: ReaGroove's scripts loaded by hand

@pytest.mark.parametrize("before_install", [False, True])
def test_uninstall_removes_actions_the_producer_made_for_reagrooves_scripts_and_keeps_their_own(tmp_path,
                                                                                                 before_install):
    from test_installer import REAPER_KB_INI

    resource = make_resource(tmp_path / "REAPER")
    if not before_install:
        install(resource)
    kb = resource / "reaper-kb.ini"
    scripts = resource / "Scripts"
    # In the action list the producer loaded two of ReaGroove's scripts themselves (REAPER gave them its own
    # ids, one in the MIDI editor's section, written relative or absolute, with Windows' separator) and bound a
    # key; their own script of the same file name, elsewhere, stays.
    loaded = [
        'SCR 4 0 RS0123456789abcdef0123456789abcdef01234567 "Custom: reagroove_drumify.py" ReaGroove\\reagroove_drumify.py\n',
        f'SCR 4 32060 RS7d3c_89abcdef0123456789abcdef0123456789abcdef "Custom: reagroove_panel.py" '
        f'"{scripts}/ReaGroove/reagroove_panel.py"\n',
        "KEY 1 68 _RS0123456789abcdef0123456789abcdef01234567 0\t\t # Main : D : Custom: reagroove_drumify.py\n",
    ]
    theirs = 'SCR 4 0 RSfedcba9876543210fedcba9876543210fedcba98 "Custom: reagroove_drumify.py" "Mine/reagroove_drumify.py"\n'
    kb.write_text(kb.read_text() + "".join(loaded) + theirs)
    if before_install:  # loaded before (an earlier copy of the scripts): in the backup uninstall restores
        install(resource)
    result = install(resource, "--uninstall")
    assert "2 action(s) you added that run ReaGroove's scripts" in result.stdout
    assert kb.read_text() == REAPER_KB_INI + theirs  # no action left that runs a file uninstall deleted


# ---------------------------------------------------------------- --resource-path as producers give it

def test_a_resource_path_ending_in_the_quote_windows_leaves_after_a_backslash_installs_there(tmp_path):
    # `--resource-path "C:\Program Files\REAPER (x64)\"` (a portable REAPER, the folder as PowerShell completes
    # it): Windows hands Python `C:\Program Files\REAPER (x64)"`, the closing quote escaped by the backslash.
    resource = make_resource(tmp_path / "REAPER (x64)")
    result = install(Path(str(resource) + '"'))
    assert f"install into {resource}\n" in result.stdout
    assert (resource / "Scripts" / "ReaGroove" / "reagroove_drumify.py").is_file()
    assert not Path(str(resource) + '"').exists()


@pytest.mark.parametrize("given", ["reaper.exe", "REAPER.app"])
def test_a_portable_reapers_program_given_installs_into_its_folder(tmp_path, given):
    # A portable REAPER keeps its resource folder beside the program; the producer drags the program into the
    # terminal instead of the folder.
    resource = make_resource(tmp_path / "REAPER Portable")
    if given.endswith(".app"):  # macOS: a folder
        (resource / given).mkdir()
    else:
        (resource / given).write_bytes(b"MZ")
    result = install(resource / given)
    assert f"install into {resource}\n" in result.stdout
    assert (resource / "Scripts" / "ReaGroove" / "reagroove_drumify.py").is_file()
    assert not (resource / given / "Scripts").exists()


# ---------------------------------------------------------------- a second checkout installed over the first

def test_a_second_checkout_installed_over_the_first_says_which_one_reaper_now_runs(tmp_path):
    import json

    from test_installer import PY

    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    manifest = resource / "Scripts" / "ReaGroove" / "install.json"
    record = json.loads(manifest.read_text())
    first = "/home/producer/old-reagroove/.venv/bin/python"  # what the first checkout's install recorded
    record["python"] = first
    manifest.write_text(json.dumps(record))
    notes = [line for line in install(resource).stdout.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and first in notes[0] and os.path.abspath(PY) in notes[0], notes
    assert json.loads(manifest.read_text())["python"] == os.path.abspath(PY)
    assert not [line for line in install(resource).stdout.splitlines() if line.startswith("note:")]  # said once


@pytest.mark.parametrize("theirs", ["x = 1\n\n", "x = 1\n\n\nreturn x\n", "\n"])
def test_a_blank_line_of_the_producers_before_the_block_survives_uninstall(tmp_path, theirs):
    resource = make_resource(tmp_path / "REAPER")
    startup = resource / "Scripts" / "__startup.lua"
    startup.write_text(theirs)
    install(resource)
    startup.write_text("-- edited since\n" + startup.read_text())  # so uninstall removes ReaGroove's lines only
    install(resource, "--uninstall")
    assert startup.read_text() == "-- edited since\n" + theirs
