"""Keyboard shortcuts bound to ReaGroove's actions: `install/reaper.py --uninstall` takes them away with the actions.

REAPER keeps a shortcut in reaper-kb.ini as `KEY <modifiers> <key or MIDI note> <command> <section>`, the
command of a script being `_` + its command id (`_RS...`), and when it rewrites the file it adds a comment
after it (`\\t\\t # Main : Ctrl+D : Custom: ...`). A shortcut to a ReaGroove action is ReaGroove's and goes
on uninstall; every other line of the file, the user's shortcuts included, stays byte for byte. The
fixtures and helpers are test_installer.py's (a temporary REAPER resource folder, never a real one).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from test_installer import REAPER_KB_INI, ROOT, install, load_installer, make_resource, snapshot

sys.path.insert(0, str(ROOT / "install"))
import reaper_files  # noqa: E402

DRUMIFY = reaper_files.command_id("reagroove_drumify.py")
START = reaper_files.command_id("reagroove_start_server.py")
USERS_SCRIPT = "RS7f0b3c1d8a2e4f5b6c7d8e9f0a1b2c3d4e5f6a7b"  # the X-Raym script in REAPER_KB_INI


def bindings(nl: str = "\n") -> tuple[str, str]:
    """Shortcuts as REAPER writes them once a user bound keys: (ReaGroove's, the user's own)."""
    ours = (f"KEY 9 68 _{DRUMIFY} 0\t\t # Main : Ctrl+D : Custom: ReaGroove: Drumify selected items{nl}"
            f"KEY 255 48 _{START} 100\t\t # Main (alt recording) : MIDI Chan 1 Note 48 : Custom: ReaGroove: "
            f"Start server{nl}")
    users = (f"KEY 1 84 _{USERS_SCRIPT} 0\t\t # Main : T : Script: X-Raym_Save all.lua{nl}"
             f"KEY 5 68 _{DRUMIFY}0 0\t\t # Main : Shift+D : not ReaGroove's (another id){nl}"
             f"KEY 17 68 40001 0\t\t # Main : Alt+D : Track: Insert new track (ReaGroove's next to it){nl}"
             f"ACT 0 0 \"macro\" \"Custom: drumify then save\" _{DRUMIFY} 40026{nl}")
    return ours, users


def bind_keys(resource: Path, nl: str = "\n") -> tuple[Path, str]:
    """What reaper-kb.ini is after the user bound keys in REAPER (which rewrote the file on exit)."""
    kb = resource / "reaper-kb.ini"
    ours, users = bindings(nl)
    kb.write_bytes(kb.read_bytes() + (users + ours).encode())
    return kb, users


def test_uninstall_removes_the_shortcuts_bound_to_reagrooves_actions_and_keeps_the_users(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    kb, users = bind_keys(resource)
    result = install(resource, "--uninstall")
    # Only ReaGroove's SCR and KEY lines went; the rest, the user's custom action naming a ReaGroove action
    # and their shortcut to an id that merely starts like one of ReaGroove's, is as it was.
    assert kb.read_text() == REAPER_KB_INI + users
    assert "2 keyboard shortcut(s) bound to ReaGroove's actions" in result.stdout
    assert (resource / "reaper-kb.ini.reagroove-backup").exists()  # the file is not what it was: kept
    assert "nothing to change" in install(resource, "--uninstall").stdout


def test_uninstall_keeps_the_other_lines_byte_for_byte(tmp_path):
    # Windows line endings, a byte order mark, a byte that is not UTF-8, and ReaGroove's shortcuts between
    # the user's lines (REAPER sorts them by key, not by who made them).
    resource = make_resource(tmp_path / "REAPER", crlf=True)
    kb = resource / "reaper-kb.ini"
    kb.write_bytes(b"\xef\xbb\xbf" + kb.read_bytes() + b"KEY 1 76 _RSlatin1\xe9 0\t\t # Main : L : caf\xe9\r\n")
    install(resource)
    installed = kb.read_bytes()
    ours, users = bindings("\r\n")
    first, second = ours.encode().split(b"\r\n")[:2]
    user_lines = users.encode()
    kb.write_bytes(installed.replace(b"\r\nKEY 1 83 ", b"\r\n" + first + b"\r\nKEY 1 83 ", 1)
                   + user_lines + second + b"\r\n")
    expected = snapshot(resource)["reaper-kb.ini.reagroove-backup"] + user_lines
    install(resource, "--uninstall")
    assert kb.read_bytes() == expected


def test_uninstall_without_a_record_removes_shortcuts_by_their_command_ids(tmp_path):
    # Scripts/ReaGroove and the backups deleted by hand: ReaGroove's lines are still known by their ids.
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    kb, users = bind_keys(resource)
    for backup in resource.rglob("*.reagroove-backup"):
        backup.unlink()
    (resource / "Scripts" / "ReaGroove" / "install.json").unlink()
    result = install(resource, "--uninstall")
    assert kb.read_text() == REAPER_KB_INI + users
    assert "keyboard shortcut" in result.stdout


def test_a_kb_ini_the_installer_created_goes_with_the_shortcuts_bound_in_it(tmp_path):
    resource = make_resource(tmp_path / "fresh", kb=False)
    install(resource)
    kb = resource / "reaper-kb.ini"
    kb.write_text(kb.read_text() + bindings()[0])  # only ReaGroove's actions and shortcuts in it
    result = install(resource, "--uninstall")
    assert not kb.exists(), kb.read_text()
    assert "delete  reaper-kb.ini (created by the installer, nothing else in it)" in result.stdout


def test_a_shortcut_an_earlier_uninstall_left_in_the_backup_is_not_restored(tmp_path):
    # An earlier version's uninstall left the shortcut and the user removed that backup: this install's
    # backup holds a shortcut to an action that no longer exists.
    resource = make_resource(tmp_path / "REAPER")
    kb = resource / "reaper-kb.ini"
    ours = bindings()[0]
    kb.write_text(REAPER_KB_INI + ours)
    install(resource)
    assert (resource / "reaper-kb.ini.reagroove-backup").read_text() == REAPER_KB_INI + ours
    result = install(resource, "--uninstall")
    assert kb.read_text() == REAPER_KB_INI
    assert not (resource / "reaper-kb.ini.reagroove-backup").exists()
    assert "restore reaper-kb.ini from reaper-kb.ini.reagroove-backup (less ReaGroove's entries)" in result.stdout


def test_install_removes_the_shortcuts_of_an_action_that_is_no_longer_part_of_reagroove(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    manifest_path = resource / "Scripts" / "ReaGroove" / "install.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["scripts"].append("reagroove_old.py")  # what an earlier version installed
    manifest_path.write_text(json.dumps(manifest))
    old = reaper_files.command_id("reagroove_old.py")
    kb = resource / "reaper-kb.ini"
    installed = kb.read_text()
    kb.write_text(installed + f'SCR 4 0 {old} "ReaGroove: Old" ReaGroove/reagroove_old.py\n'
                  f"KEY 1 79 _{old} 0\t\t # Main : O : Custom: ReaGroove: Old\n")
    result = install(resource)
    assert kb.read_text() == installed
    assert "- 1 stale ReaGroove action(s)" in result.stdout and "- 1 shortcut(s) bound to them" in result.stdout


def test_dry_run_names_the_shortcuts_and_changes_nothing(tmp_path):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    bind_keys(resource)
    before = snapshot(resource)
    result = install(resource, "--uninstall", "--dry-run")
    assert "would edit    reaper-kb.ini: - 2 keyboard shortcut(s)" in result.stdout
    assert snapshot(resource) == before


def test_a_failed_uninstall_keeps_the_shortcuts_too(tmp_path, monkeypatch, capsys):
    resource = make_resource(tmp_path / "REAPER")
    install(resource)
    bind_keys(resource)
    before = snapshot(resource)
    installer = load_installer()
    real_replace, calls = os.replace, []

    def full_disk_after_kb(src, dst):
        calls.append(Path(dst).name)
        # reaper-kb.ini written, then the disk is full for the next write only (the rollback's own atomic writes,
        # since 9ed4fd5, get room again: a disk that stayed full is test_install_failures_and_startup_scripts's case)
        if calls[-2:-1] == ["reaper-kb.ini"] and calls.count("reaper-kb.ini") == 1:
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(installer.os, "replace", full_disk_after_kb)
    assert installer.main(["--resource-path", str(resource), "--uninstall"]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert "reaper-kb.ini" in calls[:-1]
    assert snapshot(resource) == before


# ---------------------------------------------------------------- the line functions


@pytest.mark.parametrize("line, command", [
    (f"KEY 9 68 _{DRUMIFY} 0\t\t # Main : Ctrl+D : Custom: it's mine\r\n", f"_{DRUMIFY}"),  # quote in comment
    (f"\ufeffKEY 9 68 _{DRUMIFY} 0\n", f"_{DRUMIFY}"),  # the file's first line, after a byte order mark
    ("KEY 255 176 _SWS_ABOUT 32060", "_SWS_ABOUT"),  # a MIDI CC in the MIDI editor, no line ending
    ("KEY 1 65 40001", None),  # incomplete: no section
    (f"SCR 4 0 {DRUMIFY} \"ReaGroove: Drumify selected items\" ReaGroove/reagroove_drumify.py", None),
    (f"KEYS 9 68 _{DRUMIFY} 0", None),
    ("", None),
])
def test_key_command_of(line, command):
    assert reaper_files.key_command_of(line) == command


def test_kb_remove_keys_takes_only_the_named_ids_shortcuts():
    lines = reaper_files.split_lines(REAPER_KB_INI + "".join(bindings()))
    kept = [line for line in lines if f"_{DRUMIFY} 0" not in line and f"_{START} 100" not in line]
    assert reaper_files.kb_remove_keys(lines, {DRUMIFY, START}) == 2
    assert lines == kept
    assert reaper_files.kb_remove_keys(lines, {DRUMIFY, START}) == 0
    assert reaper_files.kb_remove_keys(lines, {USERS_SCRIPT}) == 2  # Ctrl+S and T: whichever ids it is given
