"""The full editor across restarts: a producer's hand edits on the piano roll are kept with the part
they were made on and come back when that part is opened again (tomorrow, after the editor closed); never on
another part or a file changed since; gone after Clear hand edits; a damaged file of them costs one line, not a
traceback. And the Fills control counts bars, as a producer reads it. Offscreen, with test_panel.py's stand-in
model.
"""

import json
import shutil

import pytest

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

import test_panel  # noqa: E402
from test_editor_hand_edits import click_cell, empty_cell, played  # noqa: E402

from reagroove.core.loop import VOICES  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

make_panel = panel_helpers.make_panel
TOM = VOICES.index("high_tom") if "high_tom" in VOICES else 4
SHUFFLE = test_panel.ROOT / "core" / "examples" / "shuffle_blues.mid"


def part_copy(tmp_path, source=test_panel.FUNK_BASS, name="verse_bass.mid"):
    path = tmp_path / "song" / name
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(source, path)
    return path


def drawn(w, qtbot):
    qtbot.waitUntil(lambda: w.roll.drum_hit_count() > 0 and w._shown_request == w._request_id, timeout=5000)
    return w


def opened_on(make_panel, qtbot, path, **kw):
    w = make_panel(**kw)
    w.resize(1200, 800)
    assert w.open_midi(path)
    return drawn(w, qtbot)


def two_edits(w):
    """A tom added and a hit taken out, as a producer fixes a loop by hand; the loop then shown."""
    click_cell(w, empty_cell(w.roll.loop), TOM)
    click_cell(w, *played(w.roll.loop))
    assert len(w.controller.edits) == 2
    return w.roll.loop.copy()


def reopened(make_panel, qtbot, **kw):
    """The editor started again (same config): it opens the part it had, as a producer finds it tomorrow."""
    w = make_panel(**kw)
    w.resize(1200, 800)
    return drawn(w, qtbot)


def test_hand_edits_come_back_when_the_part_is_opened_the_next_day(make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    part = part_copy(tmp_path)
    w = opened_on(make_panel, qtbot, part)
    shown = two_edits(w)
    w.close()
    assert (tmp_path / "data" / "hand_edits.json").is_file()  # in ReaGroove's user data folder
    w = reopened(make_panel, qtbot)
    assert w.controller.input.path == str(part)
    assert len(w.controller.edits) == 2 and w.roll.edits_marked() == 2
    assert (w.roll.loop == shown).all()  # the roll as the producer left it
    assert "restored 2 hand edits from your last session" in w.last_message, w.last_message
    w.close()


def test_kept_edits_stay_with_their_part_not_another(make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    part = part_copy(tmp_path)
    w = opened_on(make_panel, qtbot, part)
    two_edits(w)
    assert w.open_midi(SHUFFLE)  # another song: none of the verse's edits on it
    drawn(w, qtbot)
    assert len(w.controller.edits) == 0 and w.roll.edits_marked() == 0
    assert "kept with it" in w.last_message, w.last_message
    assert w.open_midi(part)  # and back: the verse has them again
    drawn(w, qtbot)
    assert len(w.controller.edits) == 2 and "restored 2 hand edits" in w.last_message, w.last_message
    w.close()
    other = opened_on(make_panel, qtbot, part_copy(tmp_path, name="same_notes_other_file.mid"))
    assert len(other.controller.edits) == 0  # the same notes in another file are another part
    other.close()


def test_a_file_changed_since_gets_none_and_says_why(make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    part = part_copy(tmp_path)
    w = opened_on(make_panel, qtbot, part)
    two_edits(w)
    w.close()
    shutil.copyfile(SHUFFLE, part)  # re-recorded under the same name: other notes, other bars
    w = reopened(make_panel, qtbot)
    assert len(w.controller.edits) == 0 and w.roll.edits_marked() == 0
    assert "2 hand edits kept for verse_bass.mid not restored: the file changed" in w.last_message, w.last_message
    w.close()


def test_clear_hand_edits_clears_them_for_the_next_session_too(make_panel, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    part = part_copy(tmp_path)
    w = opened_on(make_panel, qtbot, part)
    two_edits(w)
    w.close()
    w = reopened(make_panel, qtbot)
    assert len(w.controller.edits) == 2
    w.clear_hand_edits()
    w.close()
    w = reopened(make_panel, qtbot)
    assert len(w.controller.edits) == 0 and "restored" not in w.last_message, w.last_message
    w.close()


def test_a_damaged_or_foreign_edits_file_is_one_line_and_no_edits(make_panel, qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("REAGROOVE_DATA", str(data))
    part = part_copy(tmp_path)
    key = "file:" + str(part.resolve())
    bad_entry = {"format": "reagroove-hand-edits", "version": 1,
                 "parts": {key: {"name": part.name, "digest": "x", "versions": {"1": [[1, 99, 0, 0.5]]}}}}
    cases = (("{not json", "not valid JSON"), (json.dumps({"format": "someone-else"}), "not a ReaGroove"),
             (json.dumps(bad_entry), "damaged"), ("\xff\xfe", "no hand edits restored"))
    for k, (text, said) in enumerate(cases):
        (data / "hand_edits.json").write_bytes(text.encode("latin-1"))
        config = tmp_path / f"config{k}"  # a first start: the part opened by hand
        w = opened_on(make_panel, qtbot, part, config_dir=config)
        assert len(w.controller.edits) == 0
        line = w.last_message
        assert said in line and "hand_edits.json" in line and "\n" not in line and "Traceback" not in line, line
        two_edits(w)
        w.close()  # the next edits replace the damaged file with a good one
        w = reopened(make_panel, qtbot, config_dir=config)
        assert len(w.controller.edits) == 2, w.last_message
        w.clear_hand_edits()
        w.close()


def test_the_fills_control_counts_bars(make_panel, qtbot, tmp_path):
    w = make_panel()
    w.fills.every.setValue(4)  # Settings.fill_every: 4 two-bar loops, a fill every 8 bars
    assert w.controller.settings.fill_every == 4
    assert w.fills.every.text() == "every 8 bars"
    w.fills.every.setValue(1)
    assert w.fills.every.text() == "every 2 bars"
    w.fills.every.lineEdit().setText("every 16 bars")  # typed as a producer counts them
    w.fills.every.interpretText()
    assert w.controller.settings.fill_every == 8  # the setting keeps its meaning: 2-bar loops
    w.controller.settings = Settings(fill_every=2)
    w._sync()
    assert w.fills.every.text() == "every 4 bars" and "bars" in w.fills.every.toolTip()
    w.close()


def test_hand_edits_on_reapers_selection_come_back_with_it(make_panel, qtbot, tmp_path, monkeypatch):
    from test_panel import FakeReaper

    from reagroove.reaper_ext.panel.controller import REAPER

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))

    def linked():
        w = make_panel(bridge=FakeReaper(), check_every=0.05)
        w.resize(1200, 800)
        qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None
                        and w.controller.input.name == "REAPER selection" and w.roll.drum_hit_count() > 0, timeout=5000)
        return w

    w = linked()
    click_cell(w, *played(w.roll.loop))
    shown = w.roll.loop.copy()
    w.close()
    w = linked()  # the same items selected: the same part
    assert len(w.controller.edits) == 1 and (w.roll.loop == shown).all()
    assert "restored 1 hand edit from your last session" in w.last_message, w.last_message
    w.close()


def test_a_newer_edits_file_is_left_as_it_is(make_panel, qtbot, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("REAGROOVE_DATA", str(data))
    newer = json.dumps({"format": "reagroove-hand-edits", "version": 99, "parts": {"future": {}}})
    (data / "hand_edits.json").write_text(newer)
    w = opened_on(make_panel, qtbot, part_copy(tmp_path))
    assert "newer ReaGroove" in w.last_message and len(w.controller.edits) == 0, w.last_message
    two_edits(w)
    w.close()
    assert (data / "hand_edits.json").read_text() == newer  # what a newer ReaGroove kept there is not lost


@pytest.mark.parametrize("action", ["drumify", "make_variations"])
def test_edits_cleared_just_before_drumify_in_reaper_are_gone_from_what_reaper_reads(make_panel, qtbot, tmp_path,
                                                                                      monkeypatch, action):
    # REAPER's side reads the edits kept on disk (reaper_ext/editor_edits.py); the editor wrote them there half a
    # second after a change, so edits cleared just before Drumify were still put on top from the file
    from test_panel import FakeReaper

    from reagroove.reaper_ext.panel.controller import REAPER
    from reagroove.reaper_ext.panel.kept_edits import KeptEdits, kept_edits_path

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    w = make_panel(bridge=FakeReaper(), check_every=0.05)
    w.resize(1200, 800)
    qtbot.waitUntil(lambda: w.mode == REAPER and w.controller.input is not None
                    and w.controller.input.name == "REAPER selection" and w.roll.drum_hit_count() > 0, timeout=5000)
    click_cell(w, *played(w.roll.loop))
    assert w.keep_hand_edits()
    part = w._part_source().part
    assert KeptEdits(kept_edits_path()).lookup(part, "selection").count == 1
    seen = []
    monkeypatch.setattr(w, "_run_reaper",
                        lambda *a, **kw: seen.append(KeptEdits(kept_edits_path()).lookup(part, "selection").count))
    w.clear_hand_edits()
    getattr(w, action)()
    assert seen == [0]
    w.close()
