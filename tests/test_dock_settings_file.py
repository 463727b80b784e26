"""The docked panel and the settings record both panels share (settings.json) going wrong under it."""

import json

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings


def open_dock(s):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=lambda args: None)
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def said(gui):
    return [w.label for w in gui.last_frame() if w.kind == "text" and not isinstance(w.value, int)]


def test_a_damaged_or_newer_settings_file_is_said_until_the_other_panel_saves_a_good_one(config):
    path = config / "settings.json"
    config.mkdir()
    path.write_text("{ half a file")
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        panel, gui = open_dock(s)
        assert any(str(path) in line for line in said(gui)) and panel.settings == Settings()
        doc = Settings(density=0.2).to_document()
        doc["version"] = 99  # saved by a newer ReaGroove
        path.write_text(json.dumps(doc))
        s.reaper.run_deferred()
        assert any("newer" in line for line in said(gui)) and panel.settings == Settings()  # kept, not guessed
        newer = path.read_bytes()
        SharedSettings(path).write(Settings(density=0.3))  # the Qt panel changes something: the file is kept
        assert path.read_bytes() == newer
        Settings(density=0.3).save(path)  # ReaGroove updated (or the file removed): a good record again
        s.reaper.run_deferred()
        assert panel.settings.density == 0.3
        assert not any(str(path) in line or "newer" in line for line in said(gui))  # no stale complaint


@pytest.mark.parametrize("background", [False, True])
def test_a_settings_file_of_a_newer_reagroove_is_never_written_over(tmp_path, background):
    """Whatever a panel changes, settings.json saved by a newer ReaGroove keeps what that version saved
    (this one cannot read it, so writing over it would lose it); the panel says why nothing is saved."""
    path = tmp_path / "settings.json"
    doc = Settings(density=0.2).to_document()
    doc["version"] = 99
    doc["settings"]["a_setting_of_the_future"] = True
    path.write_text(json.dumps(doc))
    newer = path.read_bytes()
    record = SharedSettings(path, background=background)
    assert record.read() is None and "newer" in record.problem
    record.write(Settings(density=0.9))
    record.flush()
    assert path.read_bytes() == newer
    assert "newer ReaGroove" in record.problem and "not saved" in record.problem
    path.unlink()  # gone (or replaced by this version's own): written again
    record.write(Settings(density=0.9))
    record.flush()
    assert Settings.load(path).density == 0.9 and record.problem == ""


def test_live_status_that_failed_once_is_not_said_once_it_reads_again(config, monkeypatch):
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        panel, gui = open_dock(s)
        broken = True
        real = panel._read_status

        def read_status():
            if broken:
                raise OSError("REAPER busy")
            real()

        monkeypatch.setattr(panel, "_read_status", read_status)
        s.reaper.run_deferred()
        assert any("live status unavailable" in line for line in said(gui))
        broken = False
        s.reaper.run_deferred()
        assert not any("live status unavailable" in line for line in said(gui)), said(gui)


def engine_reads(seen):
    """An engine start that reads its --settings file as the engine process does when it starts."""

    def launch(args):
        seen.append(Settings.load(args[args.index("--settings") + 1]))

    return launch


def test_drumify_on_a_fresh_install_gives_the_engine_a_settings_file(config):
    seen = []
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        fake_imgui.install_reaimgui(s.reaper)
        host.run_action(launch=engine_reads(seen))  # no settings.json yet: nothing was ever moved
        s.reaper.run_deferred()
        fake_imgui.state(s.reaper).click("Drumify")
        s.reaper.run_deferred()
        assert seen == [Settings()]  # not an engine failing on a missing --settings file


@pytest.mark.parametrize("bad", ["damaged", "unwritable"])
def test_drumify_uses_what_the_panel_shows_when_settings_json_is_bad(config, bad):
    path, seen = config / "settings.json", []
    if bad == "damaged":
        config.mkdir()
        path.write_text("{ half a file")
    with reapy_inside(ProjectSpec(bpm=120)) as s:
        fake_imgui.install_reaimgui(s.reaper)
        panel = host.run_action(launch=engine_reads(seen))
        s.reaper.run_deferred()
        gui = fake_imgui.state(s.reaper)
        if bad == "unwritable":
            path.mkdir(parents=True)  # a write there fails, as on a read-only folder (root ignores permissions)
            gui.set_value("Fills", 6)
            s.reaper.run_deferred()
            panel.shared.flush()
        gui.click("Drumify")  # damaged: the panel shows defaults, the file holds half a record
        s.reaper.run_deferred(2)
        assert seen == [panel.settings] and panel.settings.fill_every == (3 if bad == "unwritable" else 0)
