"""install/reaper.py used as a producer does over months: install, uninstall, their own REAPER settings between.

The fixtures and helpers are test_installer.py's (a temporary REAPER resource folder, never a real one).
Each test here failed on the installer before its fix.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_installer import REAPER_INI, install, load_installer, make_resource

# The producer's own Python for ReaScript, set in REAPER's preferences (REAPER writes it into reaper.ini).
THEIR_PYTHON = ("reascript=1\n", "pythonlibpath64=/opt/their python/lib\n", "pythonlibdll64=libpython3.11.so\n")


def reaper_rewrote(resource: Path, line: str) -> None:
    """REAPER ran and quit: it wrote a new preference into reaper.ini (so the file is not the installer's)."""
    ini = resource / "reaper.ini"
    ini.write_text(ini.read_text().replace("maxrecent=50\n", f"maxrecent=50\n{line}\n"))


def set_their_python(resource: Path) -> str:
    ini = resource / "reaper.ini"
    text = ini.read_text().replace("reascript=0\n", THEIR_PYTHON[0])
    text = text.replace("defsplitautoxfade=1\n", "defsplitautoxfade=1\n" + "".join(THEIR_PYTHON[1:]))
    ini.write_text(text)
    return text


@pytest.mark.parametrize("install_again", [False, True])
def test_a_backup_an_earlier_uninstall_kept_never_resets_the_producers_python(tmp_path, install_again):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    reaper_rewrote(resource, "zoom=2.5")
    install(resource, "--uninstall")  # the file changed: ReaGroove's lines go, the backup is kept
    assert (resource / "reaper.ini.reagroove-backup").exists()
    theirs = set_their_python(resource)  # later, the producer sets up Python for their own scripts
    if install_again:
        install(resource)
        reaper_rewrote(resource, "zoom2=1")
        theirs = theirs.replace("maxrecent=50\n", "maxrecent=50\nzoom2=1\n")
    install(resource, "--uninstall")
    assert (resource / "reaper.ini").read_text() == theirs


def test_a_python_setting_the_producer_changed_while_installed_survives_uninstall(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    ini = resource / "reaper.ini"
    lib_dir, _ = load_installer().python_library()
    # In REAPER's preferences the producer points ReaScript at another Python folder; REAPER writes it on exit.
    ini.write_text(ini.read_text().replace(f"pythonlibpath64={lib_dir}\n", "pythonlibpath64=/opt/py\n"))
    install(resource, "--uninstall")
    # reascript and the .dll name were ReaGroove's (put back as they were); the folder is the producer's.
    assert ini.read_text() == REAPER_INI.replace("defsplitautoxfade=1\n", "defsplitautoxfade=1\npythonlibpath64=/opt/py\n")


def test_a_file_reaper_writes_while_the_installer_runs_is_never_written_over(tmp_path, monkeypatch, capsys):
    from test_installer import snapshot

    installer = load_installer()
    for uninstall in (False, True):
        resource = make_resource(tmp_path / f"REAPER{uninstall}")
        if uninstall:
            install(resource)
        kb = resource / "reaper-kb.ini"
        theirs = kb.read_bytes() + b"KEY 1 70 40044 0\t\t # Main : F : the shortcut the producer just bound\n"
        real_replace, calls = os.replace, []

        def reaper_quits_meanwhile(src, dst, kb=kb, theirs=theirs, calls=calls, at=1 if uninstall else 2):
            calls.append(dst)
            if len(calls) == at:  # a running REAPER quits midway and writes its keyboard file back
                kb.write_bytes(theirs)
            return real_replace(src, dst)

        before = snapshot(resource)
        monkeypatch.setattr(installer.os, "replace", reaper_quits_meanwhile)
        args = ["--resource-path", str(resource)] + (["--uninstall"] if uninstall else [])
        assert installer.main(args) == 2
        monkeypatch.setattr(installer.os, "replace", real_replace)
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and "reaper-kb.ini changed while this ran" in err[0] and "REAPER" in err[0], err
        assert kb.read_bytes() == theirs  # what REAPER wrote is kept
        assert snapshot(resource) == dict(before, **{"reaper-kb.ini": theirs})  # the rest undone


def test_running_it_again_without_port_keeps_the_port_the_producer_chose(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource, "--port", "2400")  # 2317 is taken on this machine
    # The README: after moving the checkout, run the set-up and then this again (no --port said).
    result = install(resource)
    assert "server_port=2400\n" in (resource / "reaper-extstate.ini").read_text()
    common = (resource / "Scripts" / "ReaGroove" / "reagroove_common.py").read_text()
    assert "PORT = 2400\n" in common and "2317" not in result.stdout
    install(resource, "--port", "2317")  # said: it changes
    assert "server_port=2317\n" in (resource / "reaper-extstate.ini").read_text()


@pytest.mark.parametrize("args", [["--dry-run"], [], ["--help"]])
def test_output_piped_into_a_reader_that_stopped_is_no_traceback_and_still_installs(tmp_path, args):
    import subprocess

    from test_installer import INSTALLER, PY, snapshot

    # `reaper.py --dry-run | head -3`: the reader has gone by the time the installer writes.
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([PY, str(INSTALLER), "--resource-path", str(resource), *args], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60, check=False)
    finally:
        os.close(write_end)
    assert done.returncode == 0 and "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    installed = (resource / "Scripts" / "ReaGroove" / "reagroove_drumify.py").is_file()
    assert installed == (args == [])  # the run does what it was asked, output or not
    if args:
        assert snapshot(resource) == before


def test_a_reaper_file_linked_from_a_dotfiles_folder_stays_a_link(tmp_path):
    from test_installer import REAPER_KB_INI

    resource = make_resource(tmp_path / "REAPER")
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    for name in ("reaper.ini", "reaper-kb.ini"):  # the producer keeps these under version control
        (resource / name).rename(dotfiles / name)
        os.symlink(dotfiles / name, resource / name)
    install(resource)
    for name in ("reaper.ini", "reaper-kb.ini"):
        assert (resource / name).is_symlink(), name  # not replaced by a copy
    assert "reascript=1\n" in (dotfiles / "reaper.ini").read_text()
    assert "ReaGroove: Drumify selected items" in (dotfiles / "reaper-kb.ini").read_text()
    install(resource, "--uninstall")
    assert (resource / "reaper.ini").is_symlink() and (resource / "reaper-kb.ini").is_symlink()
    assert (dotfiles / "reaper.ini").read_text() == REAPER_INI
    assert (dotfiles / "reaper-kb.ini").read_text() == REAPER_KB_INI


def test_a_dry_run_on_a_folder_it_cannot_write_says_so_as_the_real_run_would(tmp_path):
    from test_installer import one_error_line, run_installer, snapshot

    resource = make_resource(tmp_path / "REAPER")
    for args, folder in (([], resource), (["--uninstall"], resource / "Scripts" / "ReaGroove")):
        if args:
            install(resource)
        before = snapshot(resource)
        folder.chmod(0o555)
        try:
            dry = run_installer("--resource-path", resource, "--dry-run", *args)
            real = run_installer("--resource-path", resource, *args)
        finally:
            folder.chmod(0o755)
        assert one_error_line(real, "cannot write in", str(folder))
        assert one_error_line(dry, "cannot write in", str(folder)) == one_error_line(real)
        assert snapshot(resource) == before


def test_help_says_which_of_reapers_files_it_changes_and_how_to_undo(tmp_path):
    from test_installer import run_installer

    result = run_installer("--help")
    assert result.returncode == 0 and not result.stderr
    text = result.stdout
    for name in ("reaper.ini", "reaper-kb.ini", "reaper-extstate.ini", "Scripts/__startup.lua", "Scripts/ReaGroove/",
                 ".reagroove-backup", "--dry-run", "--uninstall", ".venv"):
        assert name in text, name
    assert max(len(line) for line in text.splitlines()) <= 80  # a terminal's width


REAPER_MENU_INI = """\
[Main toolbar]
item_0=40023 Open project
item_1=_{drumify} Drums!
item_2=_RS7f0b3c1d8a2e4f5b6c7d8e9f0a1b2c3d4e5f6a7b Save all
icon_1=toolbar_drums.png
title=Main toolbar

[Floating toolbar 1]
item_0=_{live} Live
"""


def test_uninstall_keeps_the_producers_toolbar_buttons_for_its_actions_and_says_so(tmp_path):
    from test_installer import run_installer

    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    ids = load_installer().command_id
    menu = resource / "reaper-menu.ini"
    # The producer put ReaGroove's actions on two toolbars (REAPER wrote reaper-menu.ini when it quit).
    menu.write_text(REAPER_MENU_INI.format(drumify=ids("reagroove_drumify.py"), live=ids("reagroove_live_toggle.py")))
    before = menu.read_bytes()
    for args in (["--dry-run"], []):
        out = run_installer("--resource-path", resource, "--uninstall", *args).stdout
        notes = [line for line in out.splitlines() if "toolbar" in line]
        assert len(notes) == 1 and "2 toolbar button(s)" in notes[0] and "Customize toolbar" in notes[0], out
        assert menu.read_bytes() == before  # theirs: never edited
    assert "nothing to change" in install(resource, "--uninstall").stdout


def test_an_empty_resource_path_from_an_unset_variable_installs_nowhere(tmp_path):
    from test_installer import one_error_line, run_installer, snapshot

    # `reaper.py --resource-path "$PORTABLE_REAPER"` with the variable unset: not the main REAPER's folder.
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "APPDATA")}
    env["HOME"] = str(tmp_path)
    main = make_resource(tmp_path / ".config" / "REAPER")
    before = snapshot(main)
    for args in ([], ["--uninstall"]):
        one_error_line(run_installer("--resource-path", "", *args, env=env), "--resource-path", "empty")
    assert snapshot(main) == before


def test_a_file_reaper_holds_open_on_windows_says_to_quit_reaper(tmp_path, monkeypatch, capsys):
    from test_installer import snapshot

    installer = load_installer()
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)
    real_replace = os.replace

    def held_open(src, dst):  # Windows: a running REAPER holds reaper-kb.ini open, the rename is denied
        if Path(dst).name == "reaper-kb.ini":
            raise PermissionError(13, "Access is denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", held_open)
    assert installer.main(["--resource-path", str(resource)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "reaper-kb.ini" in err[0] and "quit it and run this again" in err[0], err
    monkeypatch.setattr(installer.os, "replace", real_replace)
    assert snapshot(resource) == before


def test_a_python_setting_the_producer_changed_before_a_reinstall_comes_back_on_uninstall(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    ini = resource / "reaper.ini"
    lib_dir, _ = load_installer().python_library()
    ini.write_text(ini.read_text().replace(f"pythonlibpath64={lib_dir}\n", "pythonlibpath64=/opt/py\n"))
    install(resource)  # ReaGroove points REAPER at its Python again (said in its output)...
    assert f"pythonlibpath64={lib_dir}\n" in ini.read_text()
    install(resource, "--uninstall")  # ...and gives the producer's own back when it goes
    assert ini.read_text() == REAPER_INI.replace("defsplitautoxfade=1\n", "defsplitautoxfade=1\npythonlibpath64=/opt/py\n")


@pytest.mark.parametrize("record", ["{not json", '{"files": {"reaper.ini": 3}}', '{"created_dirs": 5}',
                                    '{"scripts": [3]}', '{"files": {"reaper.ini": {"python_keys": []}}}'])
def test_a_damaged_install_record_is_one_line_with_the_way_out(tmp_path, record):
    from test_installer import REAPER_KB_INI, one_error_line, run_installer, snapshot

    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    manifest = resource / "Scripts" / "ReaGroove" / "install.json"
    manifest.write_text(record)  # a sync tool's conflict, an editor's stray save
    before = snapshot(resource)
    for args in ([], ["--uninstall"]):
        line = one_error_line(run_installer("--resource-path", resource, *args), "install.json", "malformed")
        assert "delete it and run this again" in line
    assert snapshot(resource) == before
    manifest.unlink()  # the way out it gave
    install(resource, "--uninstall")
    assert (resource / "reaper-kb.ini").read_text() == REAPER_KB_INI


@pytest.mark.parametrize("own_file", [False, True])
def test_a_dry_run_lists_exactly_what_the_real_run_then_does(tmp_path, own_file):
    from test_installer import run_installer

    resource = make_resource(tmp_path / "REAPER", startup=False, kb=False, extstate=False)  # Scripts/ is new
    for args in ([], ["--uninstall"]):
        if args and own_file:  # a script of the producer's own beside ReaGroove's: that folder stays
            (resource / "Scripts" / "ReaGroove" / "my_tweak.lua").write_text("-- mine\n")
        dry = run_installer("--resource-path", resource, "--dry-run", *args).stdout.splitlines()
        real = run_installer("--resource-path", resource, *args).stdout.splitlines()
        steps = [line for line in real if line.startswith("  ")]
        would = [f"  would {line[2:]}".replace("would kept ", "would keep ") for line in steps]
        assert [line for line in dry if line.startswith("  ")] == would
        if args:
            assert ("  delete  Scripts/" in steps) != own_file and any(
                line.startswith("  kept    Scripts/ReaGroove/") for line in steps) == own_file


def test_a_reaper_ini_saved_as_utf16_says_so_and_how_to_fix_it(tmp_path):
    from test_installer import one_error_line, run_installer, snapshot

    resource = make_resource(tmp_path / "REAPER")
    (resource / "reaper.ini").write_bytes(REAPER_INI.replace("\n", "\r\n").encode("utf-16"))  # Notepad's "Unicode"
    before = snapshot(resource)
    line = one_error_line(run_installer("--resource-path", resource), "reaper.ini", "UTF-16", "save it as UTF-8")
    assert "binary" not in line
    assert snapshot(resource) == before


def test_ctrl_c_while_it_reads_reapers_files_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    from test_installer import snapshot

    installer = load_installer()
    resource = make_resource(tmp_path / "REAPER")
    before = snapshot(resource)

    def interrupted(*args, **kwargs):  # Ctrl-C while the plan is made (a slow network folder)
        raise KeyboardInterrupt

    for name, args in (("plan_install", []), ("plan_uninstall", ["--uninstall"])):
        monkeypatch.setattr(installer, name, interrupted)
        try:
            assert installer.main(["--resource-path", str(resource), *args]) == 2
        except KeyboardInterrupt:
            pytest.fail("Ctrl-C came through as a traceback")
        assert capsys.readouterr().err.splitlines() == ["reaper.py: error: interrupted (Ctrl-C); nothing was changed"]
    assert snapshot(resource) == before


def test_uninstall_after_the_producer_tidied_the_backups_away_puts_reaper_ini_back(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    for backup in resource.rglob("*.reagroove-backup"):  # "what are these?": deleted
        backup.unlink()
    install(resource, "--uninstall")
    assert (resource / "reaper.ini").read_text() == REAPER_INI  # reascript=0 again, not a missing key


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() != 0, reason="needs root: the producer ran it with sudo")
def test_run_with_sudo_the_producers_files_stay_theirs(tmp_path):
    resource = make_resource(tmp_path / "REAPER", extstate=False)
    producer = (4321, 4321)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        os.chown(path, *producer)
    install(resource)  # `sudo .venv/bin/python install/reaper.py --resource-path ~producer/.config/REAPER`
    owners = {str(p.relative_to(resource)): (p.stat().st_uid, p.stat().st_gid) for p in resource.rglob("*")}
    assert {k: v for k, v in owners.items() if v != producer} == {}  # REAPER, run as them, can write them all
    install(resource, "--uninstall")
    assert {(p.stat().st_uid, p.stat().st_gid) for p in resource.rglob("*")} == {producer}
