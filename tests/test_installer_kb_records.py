"""One reader of reaper-kb.ini records for the whole installer; the item volume read once per item on
Drumify; --variations checked in one place (core/options.py)."""

from __future__ import annotations

import sys

import pytest
import test_cli
from test_installer import REAPER_KB_INI, ROOT, install, make_resource, snapshot

sys.path.insert(0, str(ROOT / "install"))
import reaper_files  # noqa: E402

DRUMIFY = reaper_files.command_id("reagroove_drumify.py")
START = reaper_files.command_id("reagroove_start_server.py")

# ---------------------------------------------------------------- reaper-kb.ini: one reader


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


# ---------------------------------------------------------------- Drumify reads each volume once


def _riff(spec, track, name, pitch):
    spec.add_midi_item(track, start_qn=0, length_qn=16, selected=True, name=name,
                       notes=[(k * 1.0, 0.5, pitch, 100) for k in range(16)])


@pytest.fixture
def volume_reads(monkeypatch):
    """Every D_VOL read of an item or a take, by (what, pointer): a spy on the simulated REAPER's API."""
    from collections import Counter

    counts: Counter = Counter()

    def spy(module, name, what):
        real = getattr(module, name)

        def read(ptr, key, *rest):
            if key == "D_VOL":
                counts[(what, str(ptr))] += 1
            return real(ptr, key, *rest)

        monkeypatch.setattr(module, name, read)

    def install_spies():
        import reaper_python  # the simulated REAPER's module, importable inside reapy_inside

        spy(reaper_python, "RPR_GetMediaItemInfo_Value", "item")
        spy(reaper_python, "RPR_GetMediaItemTakeInfo_Value", "take")
        return counts

    return install_spies


def test_drumify_reads_each_items_and_takes_volume_once(volume_reads):
    """The item's volume was read to decide 'item volume down', then again for the same item to tell a take
    turned down from an item turned down (and again for each other take with 'play all takes'). Each volume is
    read once; a take at -inf is still left out (and the other takes of a 'play all takes' item read)."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge, ReaperError

    spec = ProjectSpec(bpm=120)
    _riff(spec, spec.add_track("Bass"), "bass", 40)
    _riff(spec, spec.add_track("Keys"), "keys", 60)
    _riff(spec, spec.add_track("Double"), "double", 45)
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass, keys, double = (rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, k), 0) for k in range(3))
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(keys), "D_VOL", 0.0)  # keys' take at -inf
        # the double: two takes, all played, the active one turned down, the octave still heard
        s.reaper.add_midi_take(s.reaper.project.tracks[2].items[0], [(k * 1.0, 0.5, 57, 90) for k in range(16)],
                               name="octave")
        rpr.RPR_SetMediaItemInfo_Value(double, "B_ALLTAKESPLAY", 1)
        rpr.RPR_SetMediaItemTakeInfo_Value(rpr.RPR_GetActiveTake(double), "D_VOL", 0.0)
        counts = volume_reads()
        sel = actions.read_selection(LocalBridge())
        assert sorted({int(p) for p in sel.content.notes.pitch}) == [40, 57]
        assert "skipped 1 item not heard (item volume down): keys" in sel.messages
        items = [str(i) for i in (bass, keys, double)]
        assert all(counts[("item", i)] == 1 for i in items), counts
        assert all(n == 1 for n in counts.values()), counts
        assert sum(1 for what, _ in counts if what == "take") == 4  # the three active takes, the octave
        # the keys alone, its take at -inf: refused as before
        counts.clear()
        for item in (bass, double):
            rpr.RPR_SetMediaItemSelected(item, False)
        with pytest.raises(ReaperError, match="item volume down"):
            actions.read_selection(LocalBridge())
        assert counts[("item", str(keys))] == 1


# ---------------------------------------------------------------- --variations: checked in one place

stub_engine = test_cli.stub_engine  # the fixture: drumify on the small stand-in model


@pytest.mark.parametrize("count, said", [
    ("0", "--variations must be from 1 to 64, got 0"),
    ("65", "--variations must be from 1 to 64, got 65"),
    ("x", "argument --variations: invalid int value: 'x'"),
])
def test_a_bad_variations_count_is_one_line_and_writes_nothing(stub_engine, tmp_path, capsys, count, said):
    import shutil

    from reagroove.core.cli import main

    part = tmp_path / "part.mid"
    shutil.copy(ROOT / "core" / "examples" / "funk_bass.mid", part)
    try:
        code = main(["drumify", str(part), "-o", str(tmp_path / "out.mid"), "--variations", count])
    except SystemExit as exc:  # argparse's own refusal of a value that is no number
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and said in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.glob("out*"))  # neither out.mid nor any out_vN.mid


def test_every_path_that_takes_variations_refuses_it_with_the_one_message():
    """options.variations_option is the check: drumify's count and the settings built from the same options
    (settings_from_args, which saves it with --save-settings) say the same line, not two wordings."""
    import argparse

    from reagroove.core.options import settings_from_args, variations_option
    from reagroove.core.settings import SettingsError

    assert variations_option(64) == 64 and variations_option(1) == 1
    for bad in (0, 65, -3):
        with pytest.raises(SettingsError) as direct:
            variations_option(bad)
        assert str(direct.value) == f"--variations must be from 1 to 64, got {bad}"
        args = argparse.Namespace(settings=None, save_settings=None, genre=None, variations=bad, threshold=None,
                                  max_hits=None, pattern_a=None, pattern_b=None, mute=None, unmute=None)
        with pytest.raises(SettingsError) as via_settings:
            settings_from_args(args)
        assert str(via_settings.value) == str(direct.value)
