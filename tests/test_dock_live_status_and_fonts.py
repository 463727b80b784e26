"""The docked panel used as a producer would inside REAPER: what it showed wrong, each fixed here."""

from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.constants import EXT_SECTION
from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings


def project():
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    return spec


def open_dock(s, launch=lambda args: None):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launch)
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def status(gui):
    """The live status lines (drawn with TextColored: a colour value)."""
    return " · ".join(w.label for w in gui.last_frame() if w.kind == "text" and isinstance(w.value, int))


def test_live_status_counts_the_beat_the_band_is_on_not_the_next(config):
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s)
        panel.clock = lambda: 1.0
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        s.reaper.transport.play()
        s.reaper.transport.advance(4.9)  # 9.8 beats at 120 BPM: bar 3, 80% through its beat 2
        s.reaper.run_deferred()
        assert "bar 3 · beat 2" in status(gui), status(gui)  # not "beat 3" before beat 3 sounds


class Process:
    """A started engine process (as Popen: `poll()` is None while it runs)."""

    def __init__(self, args):
        self.args, self.code = args, None

    def poll(self):
        return self.code


def processes():
    started = []

    def launch(args):
        started.append(Process(args))
        return started[-1]

    return started, launch


def test_a_live_follower_that_crashed_is_said_and_drumify_works_again(config):
    started, launch = processes()
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launch)
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert started[-1].args[:2] == ["reaper", "live"] and "Live follow on" in status(gui)
        started[-1].code = 1  # it died without turning the flag off (a bug, out of memory, killed)
        s.reaper.run_deferred(2)
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "off" and status(gui) == "Live follow off"
        assert "live follow stopped" in panel.message and "live follow stopped" in s.reaper.console_text()
        gui.click("Drumify")  # nothing follows: Drumify is not refused as if it did
        s.reaper.run_deferred()
        assert started[-1].args[:2] == ["reaper", "drumify"]


def test_live_follow_off_and_on_again_at_once_starts_no_second_follower(config):
    started, launch = processes()
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, launch)
        for on in (True, False, True):  # the first still loads its model: it has not looked at the flag yet
            gui.set_value("Live follow", on)
            s.reaper.run_deferred()
        assert [p.args[1] for p in started] == ["live"]  # one follower writing the drum track, not two
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "off" and "still stopping" in panel.message
        started[0].code = 0  # it saw the flag off and ended
        s.reaper.run_deferred()
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert [p.args[1] for p in started] == ["live", "live"] and status(gui).startswith("Live follow on")
        assert s.rpr.RPR_GetExtState(EXT_SECTION, "live") == "on"


def drawn_words(gui):
    """Every text the last frame gave ReaImGui to draw: labels, tooltips, the pad's letters."""
    words = [w.label for w in gui.last_frame()] + [w.tooltip or "" for w in gui.last_frame()]
    return words + [d[-1] for d in gui.last_draw() if d[0] == "text"]


def test_on_reaimgui_0_9_every_word_is_drawn_with_its_font(config):
    """ReaImGui 0.9's font has Latin-1's glyphs only: "A ↔ B" showed as "A ? B", "←item" as "?item"."""
    started, launch = processes()
    with reapy_inside(project()) as s:
        fake_imgui.state(s.reaper).reaimgui_version = "0.9.3.3"
        SharedSettings(config / "settings.json").write(Settings(pattern_a="Funky_Drummer_Break_Clyde_Stubblefield"))
        panel, gui = open_dock(s, launch)
        gui.windows[host.WINDOW_TITLE].size = (200.0, 620.0)  # narrow: long names are cut with "…"
        s.rpr.RPR_SetExtState(EXT_SECTION, "live", "on", False)
        gui.click("Drumify")  # refused while live follow runs: its line is drawn
        s.reaper.run_deferred(2)
        words = drawn_words(gui)
        assert "A <-> B" in words and "<-item##A" in words and "Full editor..." in words
        assert any(w.startswith("A: Funk") and w.endswith("...") for w in words)  # cut to fit
        assert [w for w in words if any(ord(c) > 0xFF for c in w)] == []
        gui.click("<-item##B")  # the buttons still work under their Latin-1 names
        s.reaper.run_deferred()
        assert started[-1].args[:3] == ["reaper", "set-pattern", "B"]  # then --report FILE


def test_on_reaimgui_0_10_the_words_keep_their_arrows(config):
    with reapy_inside(project()) as s:
        _, gui = open_dock(s)
        assert "A ↔ B" in drawn_words(gui) and "←item##B" in drawn_words(gui)


def drum_track_with_items(rpr, project, count):
    rpr.RPR_InsertTrackAtIndex(0, True)  # in the project shown
    track = rpr.RPR_GetTrack(project, 0)
    rpr.RPR_GetSetMediaTrackInfo_String(track, "P_NAME", host.DRUMS_TRACK_NAME, True)
    for n in range(count):
        rpr.RPR_CreateNewMIDIItemInProj(track, 2.0 * n, 2.0 * n + 2.0, False)


def test_live_status_counts_the_loops_of_the_project_tab_shown(config):
    with reapy_inside(project()) as s:
        rpr = s.rpr
        drum_track_with_items(rpr, 0, 3)  # this song's drums, from an earlier Drumify
        panel, gui = open_dock(s)
        panel.clock = lambda: 1.0
        gui.set_value("Live follow", True)
        s.reaper.run_deferred(2)
        assert "0 loops written" in status(gui)
        other = s.reaper.new_project("second song")  # the producer opens another song in a new tab
        rpr.RPR_SelectProjectInstance(rpr.rpr_unpackp("ReaProject*", other.ptr))
        drum_track_with_items(rpr, 0, 12)  # whose drums were all there before live follow
        panel.clock = lambda: 5.0
        s.reaper.run_deferred()
        assert "0 loops written" in status(gui), status(gui)  # not 12 - 3 = "9 loops written"
        rpr.RPR_CreateNewMIDIItemInProj(rpr.RPR_GetTrack(0, 0), 30.0, 32.0, False)  # one written here now
        panel.clock = lambda: 9.0
        s.reaper.run_deferred()
        assert "· 1 loop" in status(gui), status(gui)


def test_one_loop_written_is_said_as_one(config):
    from reagroove.reaper_ext.dock import LiveStatus

    said = lambda n: LiveStatus(live=True, loops_written=n).lines()[1]  # noqa: E731
    assert said(1).endswith("· 1 loop written") and said(2).endswith("· 2 loops written")
    assert said(0).endswith("· 0 loops written")


def test_one_version_is_said_as_one(config):
    with reapy_inside(project()) as s:
        _, gui = open_dock(s)
        assert gui.widget("##variations").shown == "4 versions"
        gui.set_value("##variations", 1)
        s.reaper.run_deferred(2)
        assert gui.widget("##variations").shown == "1 version"  # not "1 versions"
        gui.set_value("Fills", 2)
        s.reaper.run_deferred(2)
        assert gui.widget("Fills").shown == "every 2 bars"  # counted in bars, as the full editor's Fills
        # a value typed with Ctrl+click is bars too (8 gave fills every 16); an odd count rounds up to a loop's end
        for typed, shown in ((8, "every 8 bars"), (5, "every 6 bars")):
            gui.set_value("Fills", typed)
            s.reaper.run_deferred(2)
            assert gui.widget("Fills").shown == shown


def test_closed_and_opened_again_the_panel_still_waits_for_what_it_started(config):
    """Two engines writing the drum track at once leave it half of each; the panel runs one at a time, and
    closing it (its toolbar button) and opening it again during a Drumify forgot the one still running."""
    started, launch = processes()
    with reapy_inside(project()) as s:
        _, gui = open_dock(s, launch)
        gui.click("Drumify")
        gui.click("Full editor…")
        s.reaper.run_deferred()
        assert host.run_action() is None  # closed while both still start
        s.reaper.run_deferred()
        panel, gui = open_dock(s, launch)
        gui.click("Drumify")
        gui.click("Full editor…")
        s.reaper.run_deferred(2)
        assert [p.args[:4] for p in started] == [["reaper", "drumify", "--settings", str(config / "settings.json")],
                                             ["reaper", "panel"]]
        assert "still running" in s.reaper.console_text() and "editor is open" in s.reaper.console_text()
        started[0].code = 0
        gui.click("←item##A")
        s.reaper.run_deferred(2)
        assert started[-1].args[:3] == ["reaper", "set-pattern", "A"]
        host.run_action()  # closed and opened while the selection's pattern is saved
        panel, gui = open_dock(s, launch)
        gui.set_value("Fills", 6)  # moved meanwhile in the panel opened again
        s.reaper.run_deferred()
        started[-1].code = 0
        s.reaper.run_deferred()
        assert (panel.settings.pattern_a, panel.settings.fill_every) == ("reaper-A", 3)  # both kept
    host._open["last"] = None
