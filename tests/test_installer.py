"""install/reaper.py against temporary REAPER resource folders, and its action scripts under a fake REAPER.

The fixture files follow what REAPER writes (see install/reaper.py's notes on
the formats): reaper.ini and reaper-extstate.ini are INI files of
`[section]` and `key=value` lines; reaper-kb.ini holds one record a line
(`ACT`, `KEY`, `SCR <flags> <section> <command id> "<description>" <path>`);
Scripts/__startup.lua is a Lua ReaScript REAPER runs at launch. Comments,
unrelated records and sections are there to be left alone.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "install" / "reaper.py"
TEMPLATES = ROOT / "install" / "reaper_scripts"
PY = sys.executable
REAGROOVE_EXE = str(Path(os.path.abspath(PY)).parent / ("reagroove.exe" if os.name == "nt" else "reagroove"))

ACTION_NAMES = {
    "ReaGroove: Start server",
    "ReaGroove: Drumify selected items",
    "ReaGroove: Variations of selection",
    "ReaGroove: Set pattern A from selection",
    "ReaGroove: Set pattern B from selection",
    "ReaGroove: Clear pattern A",
    "ReaGroove: Clear pattern B",
    "ReaGroove: Live follow on/off",
    "ReaGroove: Open panel",
    "ReaGroove: Docked panel",
}

REAPER_INI = """\
[REAPER]
lastproject=/home/producer/Music/REAPER Media/Groove sketch.RPP
lastcwd=/home/producer/Music/REAPER Media
maxrecent=50
undomaxmem=500
reascript=0
autosaveint=5
; pinned by hand: keep the mixer on the right
mixwnd_vis=1
defsplitautoxfade=1

[Recent]
recent01=/home/producer/Music/REAPER Media/Groove sketch.RPP
recent02=/home/producer/Music/REAPER Media/Bass ideas.RPP

[verchk]
lastcheck=1763000000
"""

REAPER_KB_INI = """\
ACT 0 0 "4f6b5b1c2d3e4f5a6b7c8d9e0f1a2b3c" "Custom: Split and select right" 40759 40289
KEY 1 83 _RS7f0b3c1d8a2e4f5b6c7d8e9f0a1b2c3d4e5f6a7b 0\t\t # Main : Ctrl+S : Script: X-Raym_Save all.lua
SCR 4 0 RS7f0b3c1d8a2e4f5b6c7d8e9f0a1b2c3d4e5f6a7b "Custom: X-Raym_Save all.lua" "X-Raym Scripts/X-Raym_Save all.lua"
SCR 4 32060 RS7d3c_0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678 "Custom: Quantize notes.lua" "MIDI Editor/Quantize notes.lua"
SCR 260 0 RS11aa22bb33cc44dd55ee66ff77889900aabbccdd "Custom: toggle click.eel" toggle_click.eel
"""

REAPER_EXTSTATE_INI = """\
[ReaPack]
last_check=1762900000

[SWS_Cycle]
version=2

[reapy]
activate_reapy_server="_RS4c0c0a1f2e3d4c5b6a79880716253443526170809"
"""

STARTUP_LUA = """\
-- My startup script: REAPER runs Scripts/__startup.lua when it starts.
reaper.ShowConsoleMsg("Good morning\\n")
"""

# What versions before 2026-12 added to Scripts/__startup.py (which REAPER does not run).
LEGACY_STARTUP_PY = """\
# My old startup notes.
# >>> ReaGroove: start ReaGroove's server when REAPER starts (added by install/reaper.py) >>>
try:
    import reagroove_common
    reagroove_common.start_at_launch()
except Exception:
    pass
# <<< ReaGroove <<<
"""


# ---------------------------------------------------------------- helpers


def make_resource(folder: Path, *, crlf: bool = False, startup: bool = True, kb: bool = True,
                  extstate: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"reaper.ini": REAPER_INI}
    if kb:
        files["reaper-kb.ini"] = REAPER_KB_INI
    if extstate:
        files["reaper-extstate.ini"] = REAPER_EXTSTATE_INI
    if startup:
        files["Scripts/__startup.lua"] = STARTUP_LUA
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.replace("\n", "\r\n") if crlf else text
        path.write_bytes(data.encode("utf-8"))
    return folder


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder, by relative path."""
    out: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        out[str(path.relative_to(folder))] = None if path.is_dir() else path.read_bytes()
    return out


def run_installer(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(INSTALLER), *map(str, args)], capture_output=True, text=True, env=env, timeout=60, check=False)


def install(resource: Path, *args) -> subprocess.CompletedProcess:
    result = run_installer("--resource-path", resource, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def load_installer():
    spec = importlib.util.spec_from_file_location("reagroove_reaper_installer", INSTALLER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_error_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def resource(tmp_path) -> Path:
    return make_resource(tmp_path / "REAPER")


# ---------------------------------------------------------------- install


def test_install_adds_exactly_what_it_should(resource):
    before = snapshot(resource)
    result = install(resource)
    installer = load_installer()
    lib_dir, lib_name = installer.python_library()

    # reaper.ini: reascript switched on in place, the two library keys added to [REAPER]; nothing else moves.
    ini = (resource / "reaper.ini").read_text()
    expected = REAPER_INI.replace("reascript=0\n", "reascript=1\n").replace(
        "defsplitautoxfade=1\n", f"defsplitautoxfade=1\npythonlibpath64={lib_dir}\npythonlibdll64={lib_name}\n")
    assert ini == expected
    assert (Path(lib_dir) / lib_name).is_file()

    # reaper-kb.ini: the user's records untouched, one SCR line per action in section 0 (Main).
    kb = (resource / "reaper-kb.ini").read_text()
    assert kb.startswith(REAPER_KB_INI)
    added = kb[len(REAPER_KB_INI):].splitlines()
    assert len(added) == len(ACTION_NAMES)
    pattern = re.compile(r'^SCR (4|516) 0 (RS[0-9a-f]{40}) "([^"]+)" (ReaGroove/reagroove_[a-z_]+\.py)$')
    parsed = [pattern.match(line) for line in added]
    assert all(parsed), added
    assert {m.group(3) for m in parsed} == ACTION_NAMES
    assert len({m.group(2) for m in parsed}) == len(added)  # distinct command ids
    for m in parsed:
        assert (resource / "Scripts" / m.group(4)).is_file()
        assert m.group(2) == installer.command_id(Path(m.group(4)).name)  # stable: derived from the path
        # The server's owner and the docked panel (the two deferred loops) run as a new instance when run
        # again: no "terminate?" prompt can stop the server, and the panel's action closes it.
        assert m.group(1) == ("516" if m.group(3) in ("ReaGroove: Start server", "ReaGroove: Docked panel") else "4")
    start_id = next(m.group(2) for m in parsed if m.group(3) == "ReaGroove: Start server")

    # reaper-extstate.ini: a [reagroove] section after the others.
    assert (resource / "reaper-extstate.ini").read_text() == REAPER_EXTSTATE_INI + "\n[reagroove]\nserver_port=2317\n"

    # __startup.lua: the user's code first, then the marked block, which runs the start-server action.
    startup = (resource / "Scripts" / "__startup.lua").read_text()
    assert startup.startswith(STARTUP_LUA + "\n" + installer.BEGIN + "\n")
    assert startup.endswith(installer.END + "\n")
    assert f'reaper.Main_OnCommand(reaper.NamedCommandLookup("_{start_id}"), 0)\n' in startup
    assert not (resource / "Scripts" / "__startup.py").exists()

    # Backups of the four edited files, byte for byte; the scripts folder.
    for rel in ("reaper.ini", "reaper-kb.ini", "reaper-extstate.ini", "Scripts/__startup.lua"):
        assert (resource / (rel + ".reagroove-backup")).read_bytes() == before[rel]
    names = {p.name for p in (resource / "Scripts" / "ReaGroove").iterdir()}
    assert names == {p.name for p in TEMPLATES.glob("*.py")} | {a.script for a in installer.ACTIONS} | {"install.json"}
    # A line per change, naming each file.
    for word in ("backup", "reaper.ini", "reaper-kb.ini", "reaper-extstate.ini", "__startup.lua", "reagroove_drumify.py"):
        assert word in result.stdout


def test_second_install_changes_nothing(resource):
    install(resource)
    first = snapshot(resource)
    mtimes = {p: p.stat().st_mtime_ns for p in resource.rglob("*") if p.is_file()}
    result = install(resource)
    assert snapshot(resource) == first
    assert {p: p.stat().st_mtime_ns for p in resource.rglob("*") if p.is_file()} == mtimes  # not even rewritten
    assert "nothing to change" in result.stdout
    kb = (resource / "reaper-kb.ini").read_text()
    assert kb.count('"ReaGroove: Drumify selected items"') == 1
    assert (resource / "Scripts" / "__startup.lua").read_text().count("-- >>> ReaGroove") == 1


def test_backups_are_never_overwritten(resource):
    (resource / "reaper.ini.reagroove-backup").write_bytes(b"an older backup\n")
    install(resource)
    assert (resource / "reaper.ini.reagroove-backup").read_bytes() == b"an older backup\n"
    ext_backup = (resource / "reaper-extstate.ini.reagroove-backup").read_bytes()
    assert ext_backup == REAPER_EXTSTATE_INI.encode()
    # Another port edits reaper-extstate.ini and the scripts again: the first backup stays.
    result = install(resource, "--port", "2310")
    assert "server_port=2310 (was '2317')" in result.stdout
    assert "  backup  " not in result.stdout
    assert (resource / "reaper-extstate.ini.reagroove-backup").read_bytes() == ext_backup
    assert "server_port=2310\n" in (resource / "reaper-extstate.ini").read_text()
    assert "PORT = 2310" in (resource / "Scripts" / "ReaGroove" / "reagroove_common.py").read_text()


def test_uninstall_restores_every_file_byte_for_byte(resource):
    before = snapshot(resource)
    install(resource)
    result = install(resource, "--uninstall")
    assert snapshot(resource) == before  # backups, Scripts/ReaGroove and all: gone
    assert "restore reaper.ini" in result.stdout
    assert "nothing to change" in install(resource, "--uninstall").stdout


def test_uninstall_removes_files_and_folders_it_created(tmp_path):
    resource = make_resource(tmp_path / "fresh", startup=False, kb=False, extstate=False)
    before = snapshot(resource)
    assert not (resource / "Scripts").exists()
    result = install(resource)
    assert "create  reaper-kb.ini" in result.stdout and "mkdir   Scripts" in result.stdout
    assert not (resource / "reaper-kb.ini.reagroove-backup").exists()  # nothing to back up
    assert (resource / "reaper-extstate.ini").read_text() == "[reagroove]\nserver_port=2317\n"
    assert (resource / "Scripts" / "__startup.lua").read_text().startswith("-- >>> ReaGroove")
    install(resource, "--uninstall")
    assert snapshot(resource) == before


def test_windows_line_endings_and_bom_are_kept(tmp_path):
    resource = make_resource(tmp_path / "win", crlf=True)
    ini = resource / "reaper.ini"
    ini.write_bytes(b"\xef\xbb\xbf" + ini.read_bytes())  # a UTF-8 byte order mark
    before = snapshot(resource)
    install(resource)
    for rel in ("reaper.ini", "reaper-kb.ini", "reaper-extstate.ini", "Scripts/__startup.lua"):
        data = (resource / rel).read_bytes()
        assert data.startswith(before[rel]) or rel == "reaper.ini"
        assert data.count(b"\n") == data.count(b"\r\n"), rel  # no bare LF added
    data = ini.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf[REAPER]\r\n") and b"reascript=1\r\n" in data
    assert b"\r\n[Recent]\r\nrecent01=" in data
    after = snapshot(resource)
    install(resource)
    assert snapshot(resource) == after
    install(resource, "--uninstall")
    assert snapshot(resource) == before


def test_uninstall_after_reaper_rewrote_a_file_keeps_the_rest(resource):
    install(resource)
    # REAPER rewrote reaper.ini on exit with a new setting; the user added an ext state section.
    ini = resource / "reaper.ini"
    ini.write_text(ini.read_text().replace("maxrecent=50\n", "maxrecent=50\nzoom=2.5\n"))
    ext = resource / "reaper-extstate.ini"
    ext.write_text(ext.read_text() + "\n[Other]\nk=v\n")
    result = install(resource, "--uninstall")
    assert ini.read_text() == REAPER_INI.replace("maxrecent=50\n", "maxrecent=50\nzoom=2.5\n")
    assert ext.read_text() == REAPER_EXTSTATE_INI + "\n[Other]\nk=v\n"
    assert (resource / "reaper.ini.reagroove-backup").exists()  # kept: the file is not what it was
    assert "the rest of it is kept" in result.stdout
    assert (resource / "reaper-kb.ini").read_text() == REAPER_KB_INI  # unchanged since: restored
    assert not (resource / "Scripts" / "ReaGroove").exists()


def test_dry_run_changes_nothing(resource):
    before = snapshot(resource)
    result = install(resource, "--dry-run")
    assert snapshot(resource) == before
    assert "would edit    reaper.ini: [REAPER] reascript=1" in result.stdout
    assert "nothing was changed" in result.stdout
    install(resource)
    installed = snapshot(resource)
    assert "would restore reaper.ini" in install(resource, "--uninstall", "--dry-run").stdout
    assert snapshot(resource) == installed


# ---------------------------------------------------------------- errors


def test_no_resource_folder_is_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "APPDATA")}
    env["HOME"] = str(tmp_path / "home")
    (tmp_path / "home").mkdir()
    line = one_error_line(run_installer(env=env), "no REAPER resource folder found", "--resource-path")
    assert str(tmp_path / "home" / ".config" / "REAPER") in line
    one_error_line(run_installer("--resource-path", tmp_path / "missing"), "no REAPER resource folder")
    one_error_line(run_installer("--resource-path", tmp_path / "home"), "no reaper.ini")
    assert list((tmp_path / "home").iterdir()) == []


def test_resource_folder_is_found_in_the_home_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "APPDATA")}
    env["HOME"] = str(tmp_path)
    resource = make_resource(tmp_path / ".config" / "REAPER")
    result = run_installer(env=env)
    assert result.returncode == 0, result.stderr
    assert f"install into {resource}" in result.stdout
    assert (resource / "Scripts" / "ReaGroove" / "reagroove_drumify.py").is_file()


@pytest.mark.parametrize(
    "rel, text, words",
    [
        ("reaper.ini", "[REAPER\nreascript=0\n", ("reaper.ini", "malformed", "line 1")),
        ("reaper.ini", "[REAPER]\nreascript=0\nthis is not a setting\n", ("reaper.ini", "malformed", "line 3")),
        ("reaper-extstate.ini", "orphan=1\n[SWS]\nx=1\n", ("reaper-extstate.ini", "malformed", "outside")),
        ("reaper-extstate.ini", "[SWS]\nx=\x00\x01\n", ("reaper-extstate.ini", "binary")),
        ("reaper-kb.ini", 'SCR 4 0 RSabc "Custom: broken.lua\n', ("reaper-kb.ini", "malformed", "SCR")),
    ],
)
def test_malformed_file_changes_nothing(resource, rel, text, words):
    (resource / rel).write_bytes(text.encode())
    before = snapshot(resource)
    one_error_line(run_installer("--resource-path", resource), *words, "nothing was changed")
    assert snapshot(resource) == before


def test_unwritable_file_or_folder_changes_nothing(resource):
    kb = resource / "reaper-kb.ini"
    before = snapshot(resource)
    kb.chmod(0o444)
    try:
        one_error_line(run_installer("--resource-path", resource), "reaper-kb.ini", "read-only")
    finally:
        kb.chmod(0o644)
    assert snapshot(resource) == before
    resource.chmod(0o555)
    try:
        one_error_line(run_installer("--resource-path", resource), "cannot write in", str(resource))
    finally:
        resource.chmod(0o755)
    assert snapshot(resource) == before


def test_failed_write_midway_is_rolled_back(resource, monkeypatch, capsys):
    installer = load_installer()
    before = snapshot(resource)
    real_replace, calls = os.replace, []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 19:  # 4 backups, reaper.ini, 12 scripts, reaper-kb.ini written: then the disk is full
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", flaky_replace)
    assert installer.main(["--resource-path", str(resource)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "no space left on device" in err[0].lower() and "nothing was changed" in err[0]
    assert calls[18].name == "reaper-extstate.ini"
    # The rollback writes atomically too (a crash while undoing never leaves half a file): 2 more renames,
    # reaper-kb.ini then reaper.ini put back (the scripts, created by this run, are only deleted).
    assert [p.name for p in calls[19:]] == ["reaper-kb.ini", "reaper.ini"]
    assert snapshot(resource) == before


def test_bad_port_is_one_line():
    one_error_line(run_installer("--port", "70000"), "--port")


def test_python_library_on_each_platform():
    installer = load_installer()
    linux = {"Py_ENABLE_SHARED": 1, "LIBDIR": "/usr/lib", "MULTIARCH": "x86_64-linux-gnu",
             "LDLIBRARY": "libpython3.12.so", "INSTSONAME": "libpython3.12.so.1.0"}
    found = installer.python_library("linux", linux.get, "/usr", (3, 12),
                                     {"/usr/lib/x86_64-linux-gnu/libpython3.12.so.1.0"}.__contains__)
    assert found == ("/usr/lib/x86_64-linux-gnu", "libpython3.12.so.1.0")  # Debian without python3-dev
    with pytest.raises(installer.InstallError, match="shared libpython"):
        installer.python_library("linux", {"Py_ENABLE_SHARED": 0}.get, "/usr", (3, 12), lambda p: True)
    win = installer.python_library("win32", {}.get, r"C:\Python312", (3, 12),
                                   {os.path.join(r"C:\Python312", "python312.dll")}.__contains__)
    assert win == (r"C:\Python312", "python312.dll")
    fw = "/Library/Frameworks/Python.framework/Versions/3.12"
    mac = {"LIBDIR": fw + "/lib", "LDLIBRARY": "Python.framework/Versions/3.12/Python",
           "PYTHONFRAMEWORKINSTALLDIR": fw, "PYTHONFRAMEWORK": "Python"}
    assert installer.python_library("darwin", mac.get, fw, (3, 12), {fw + "/lib/libpython3.12.dylib"}.__contains__) \
        == (fw + "/lib", "libpython3.12.dylib")
    assert installer.python_library("darwin", mac.get, fw, (3, 12), {fw + "/Python"}.__contains__) == (fw, "Python")
    with pytest.raises(installer.InstallError, match="cannot find"):
        installer.python_library("darwin", mac.get, fw, (3, 12), lambda p: False)


# ---------------------------------------------------------------- Scripts/__startup.lua


def test_startup_lua_keeps_the_users_lines_and_uninstall_removes_only_the_block(resource):
    startup = resource / "Scripts" / "__startup.lua"
    install(resource)
    # The producer adds a line of their own after the install: uninstall keeps it, and only it.
    startup.write_text(startup.read_text() + 'reaper.ShowConsoleMsg("later\\n")\n')
    install(resource, "--uninstall")
    assert startup.read_text() == STARTUP_LUA + 'reaper.ShowConsoleMsg("later\\n")\n'
    assert "ReaGroove" not in startup.read_text()


def test_install_removes_the_block_earlier_versions_put_in_startup_py(resource):
    legacy = resource / "Scripts" / "__startup.py"
    legacy.write_text(LEGACY_STARTUP_PY)
    result = install(resource)
    assert legacy.read_text() == "# My old startup notes.\n"  # REAPER does not run it: our block goes
    assert "__startup.py: ReaGroove's entries removed" in result.stdout
    assert "-- >>> ReaGroove" in (resource / "Scripts" / "__startup.lua").read_text()
