"""One reader of reaper-kb.ini records (install/reaper_files.kb_record) for the whole installer: every kind of
line REAPER writes, every reader going through it, and other scripts' lines kept byte for byte over install and
uninstall. Temporary REAPER resource folders only (test_installer.py's fixtures)."""

from __future__ import annotations

import sys

import pytest
from test_installer import REAPER_KB_INI, ROOT, install, make_resource, snapshot

sys.path.insert(0, str(ROOT / "install"))
import reaper_files  # noqa: E402

DRUMIFY = reaper_files.command_id("reagroove_drumify.py")
START = reaper_files.command_id("reagroove_start_server.py")


@pytest.mark.parametrize("line, kind, fields", [
    # a path with spaces, quoted; a description holding double quotes, so REAPER quotes it with backquotes
    ('SCR 4 0 RSab "Custom: my tool.lua" "My Scripts/my tool.lua"\r\n',
     "SCR", ["4", "0", "RSab", "Custom: my tool.lua", "My Scripts/my tool.lua"]),
    ("SCR 516 0 RScd `Custom: say \"hi\" it's me` 'Odd \"quoted\" dir/x.lua'\n",
     "SCR", ["516", "0", "RScd", 'Custom: say "hi" it\'s me', 'Odd "quoted" dir/x.lua']),
    ('\ufeffSCR 4 0 RSef "d" plain.lua', "SCR", ["4", "0", "RSef", "d", "plain.lua"]),  # after a byte order mark
    ('SCR 4 0 RSef "unclosed plain.lua\n', "SCR", None),
    # a shortcut: its comment may hold any text, an apostrophe or a quote left open too
    (f"KEY 9 68 _{DRUMIFY} 0\t\t # Main : Ctrl+D : Custom: it's \"mine\n", "KEY", ["9", "68", f"_{DRUMIFY}", "0"]),
    ("KEY 1 65 40001\n", "KEY", ["1", "65", "40001"]),
    ('ACT 0 0 "id" "Custom: a macro" 40001 40002\n', "ACT", ["0", "0", "id", "Custom: a macro", "40001", "40002"]),
    ("\r\n", "", []),
])
def test_kb_record_reads_every_kind_of_line(line, kind, fields):
    assert reaper_files.kb_record(line) == (kind, fields)


def test_every_kb_reader_reads_through_kb_record():
    """check_kb, scr_id_of, kb_remove_running and key_command_of agree on one line, as kb_record reads it."""
    scripts = ROOT / "x" / "REAPER Media" / "Scripts"
    mine = f'SCR 4 0 RSuser "Custom: ReaGroove drumify" "{scripts.as_posix()}/ReaGroove/reagroove_drumify.py"\n'
    ours = reaper_files.scr_line(DRUMIFY, "ReaGroove: Drumify selected items", "ReaGroove/reagroove_drumify.py")
    lines = [ours + "\n", mine, f"KEY 9 68 _{DRUMIFY} 0\t\t # it's\n", "KEY 1 2 _RSuser 0\n",
             'SCR 4 0 RSother "Custom: other" "Other dir/reagroove_drumify.py"\n']
    reaper_files.check_kb(lines, scripts / "reaper-kb.ini")
    assert [reaper_files.scr_id_of(line) for line in lines] == [DRUMIFY, "RSuser", None, None, "RSother"]
    assert [reaper_files.key_command_of(line) for line in lines] == [None, None, f"_{DRUMIFY}", "_RSuser", None]
    kept = list(lines)
    assert reaper_files.kb_remove_running(kept, {"reagroove/reagroove_drumify.py"}, scripts) == {DRUMIFY, "RSuser"}
    assert kept == lines[2:]  # another folder's script of the same name stays
    with pytest.raises(reaper_files.InstallError, match="line 2 \\(an incomplete SCR record\\)"):
        reaper_files.check_kb([lines[0], 'SCR 4 0 RSx "open\n'], scripts / "reaper-kb.ini")


def test_install_then_uninstall_keeps_other_scripts_lines_byte_for_byte(tmp_path):
    """Other scripts' records (quoted paths with spaces, backquoted descriptions, an apostrophe in a
    shortcut's comment) survive install and uninstall byte for byte, also when REAPER rewrote the file in
    between (then only ReaGroove's lines are taken out, the user's additions stay)."""
    resource = make_resource(tmp_path / "REAPER Media")
    kb = resource / "reaper-kb.ini"
    others = ("SCR 4 0 RS99 `Custom: say \"hi\"` \"My Scripts/say hi.lua\"\n"
              "KEY 1 72 _RS99 0\t\t # Main : H : it's \"Custom\n")
    kb.write_text(REAPER_KB_INI + others)
    before = snapshot(resource)
    install(resource)
    assert kb.read_text().startswith(REAPER_KB_INI + others)
    install(resource, "--uninstall")
    assert snapshot(resource) == before
    # REAPER rewrote the file after the install: shortcuts bound to ReaGroove's actions and the user's own
    install(resource)
    added = (f"KEY 9 68 _{DRUMIFY} 0\t\t # Main : Ctrl+D : Custom: ReaGroove's drumify\n"
             "KEY 5 84 _RS99 0\t\t # Main : Shift+T : it's the user's\n")
    kb.write_text(kb.read_text() + added)
    install(resource, "--uninstall")
    assert kb.read_text() == REAPER_KB_INI + others + added.splitlines(True)[1]
