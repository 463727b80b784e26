"""The docked panel used by a producer, frame by frame, with its buttons running the real engine (the shipped
model) on the simulated REAPER: what it showed or did wrong, each fixed here."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.errors import ReaGrooveError
from reagroove.reaper_ext.dock import host

TITLE = host.WINDOW_TITLE
PURGE = ("reagroove.reaper_ext.server",)
RIFF = [(0.0, 36), (0.75, 36), (1.5, 43), (2.0, 36), (2.5, 38), (3.5, 43)]  # a funk bass bar: (QN, pitch)


class Ended:
    """The engine's process, once it has ended (the run below is synchronous): Popen's poll."""

    def __init__(self, args, code):
        self.args, self.code = args, code

    def poll(self):
        return self.code


class Runs(list):
    launch = None


@pytest.fixture
def engine_runs(shipped, monkeypatch, tmp_path):
    """What the dock's buttons start: `reagroove reaper ...` on the shipped model inside the simulated REAPER
    (the engine reaches REAPER in-process, as through ReaGroove's server). A list of the runs, each Ended."""
    from reagroove.core.cli import build_parser
    from reagroove.models import drummer
    from reagroove.reaper_ext import commands
    from reagroove.reaper_ext.bridge import LocalBridge

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(drummer, "default_engine", lambda weights=None: shipped)
    monkeypatch.setattr(commands, "_bridge", lambda args: LocalBridge())
    runs = Runs()

    def launch(args):
        parsed = build_parser("reaper").parse_args(list(args))
        try:
            if parsed.reaper_command == "live":  # it follows until turned off: only its start is run here
                commands._settings_with_patterns(parsed, shipped)
                runs.append(Ended(args, None))  # still following
                return runs[-1]
            code = commands.run_reaper(parsed)
        except ReaGrooveError:  # said in REAPER's console by run_reaper; the CLI exits 2
            code = 2
        runs.append(Ended(args, code))
        return runs[-1]

    runs.launch = launch
    before = set(shipped.patterns.names())
    yield runs
    for name in set(shipped.patterns.names()) - before:  # set from REAPER here: the session's engine is shared
        shipped.patterns.remove(name)


def said(s):
    """The engine's last "wrote ..." line in REAPER's console."""
    return [line for line in s.reaper.console_text().splitlines() if "wrote" in line][-1]


def bass_song(bars=8):
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass")
    notes = [(4 * bar + q, 0.25, pitch, 100) for bar in range(bars) for q, pitch in RIFF]
    spec.add_midi_item(bass, start_qn=0, length_qn=4 * bars, selected=True, name="bass", notes=notes)
    return spec


def open_dock(s, launch):
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launch)
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def texts(gui):
    return [w.label for w in gui.last_frame() if w.kind == "text"]


def drum_items(rpr):
    return sum(int(rpr.RPR_CountTrackMediaItems(rpr.RPR_GetTrack(0, i))) for i in range(rpr.RPR_CountTracks(0))
               if rpr.RPR_GetTrackName(rpr.RPR_GetTrack(0, i), "", 64)[2] == host.DRUMS_TRACK_NAME)


# ---------------------------------------------------------------- the pad dragged across before pattern B


@pytest.mark.parametrize("pattern_a", [False, True])
def test_the_pad_dragged_across_without_pattern_b_still_drumifies(config, engine_runs, pattern_a):
    """The pad dragged across (A ↔ B above 0, greyed out as "no effect" while B is none): every Drumify then failed
    with "--interpolate needs --pattern-b (and --pattern-a)", the panel saying only "did not finish"."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        if pattern_a:
            gui.click("←item##A")  # the bass's groove as pattern A
            s.reaper.run_deferred(2)
            assert panel.settings.pattern_a == "reaper-A"
        gui.drag("##pad", 0.8, 0.5)  # across, halfway up
        s.reaper.run_deferred()
        assert panel.settings.interpolate > 0 and gui.widget("A ↔ B").disabled  # shown as having no effect
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert engine_runs[-1].args[:2] == ["reaper", "drumify"] and engine_runs[-1].code == 0, s.reaper.console_text()
        assert drum_items(s.rpr) > 0
        assert not any("did not finish" in t for t in texts(gui)) and "--interpolate" not in s.reaper.console_text()
        assert ("A=reaper-A follow 0.50" in said(s)) == pattern_a, said(s)  # what the panel shows, played
        gui.set_value("Live follow", True)  # the follower starts from the same settings
        s.reaper.run_deferred()
        assert engine_runs[-1].args[:2] == ["reaper", "live"] and engine_runs[-1].poll() is None


# ---------------------------------------------------------------- genre sliders


def test_each_genre_slider_shows_the_share_the_engine_plays(config, engine_runs):
    """Funk alone at 0.30 read "0.30", but the engine plays a lone genre at full weight ("funk 1.0"): moving it
    changed nothing heard while the number moved. Each slider shows its share of the mix, as the editor does."""
    from reagroove.core.genres import GENRE_LABELS

    funk, rock, jazz = (GENRE_LABELS[g] for g in ("funk", "rock", "jazz"))
    with reapy_inside(bass_song(), purge=PURGE) as s:
        _, gui = open_dock(s, engine_runs.launch)
        gui.set_value(funk, 0.3)
        s.reaper.run_deferred(2)
        assert gui.widget(funk).shown == "100%" and gui.widget(rock).shown == "–"
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert "funk 1.0" in said(s)
        gui.set_value(rock, 0.2)
        s.reaper.run_deferred(2)
        assert (gui.widget(funk).shown, gui.widget(rock).shown, gui.widget(jazz).shown) == ("60%", "40%", "–")
        assert gui.widget(funk).value == pytest.approx(0.3)  # the handle stays where it was put
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert "funk 0.6 rock 0.4" in said(s)


# ---------------------------------------------------------------- REAPER quit right after a move


@pytest.fixture
def slow_disk(monkeypatch):
    """Settings written to a busy disk (0.4 s a write); the event is set once a write has started."""
    import threading

    from reagroove.core.settings import Settings

    real_save, writing = Settings.save, threading.Event()

    def slow_save(self, path):
        writing.set()
        threading.Event().wait(0.4)  # a busy disk
        real_save(self, path)

    monkeypatch.setattr(Settings, "save", slow_save)
    return writing


def test_a_control_moved_just_before_reaper_quits_is_there_after_the_restart(config, slow_disk, tmp_path):
    """The settings are written on a daemon thread (REAPER's UI never waits for the disk); REAPER quitting right
    after a move (a slow disk: 100 ms) ended that thread with REAPER's Python, and the move was gone next time."""
    from reagroove.core.settings import Settings

    writing = slow_disk
    resource = str(tmp_path / "REAPER")
    with reapy_inside(bass_song().build(resource_path=resource)) as s:
        _, gui = open_dock(s, lambda args: None)
        gui.set_value("auto", False)
        gui.set_value("Fills", 6)
        s.reaper.run_deferred()
        assert writing.wait(2.0)  # the write has started on its thread
        s.reaper.run_atexit()  # the producer quits REAPER
        on_disk = Settings.load(config / "settings.json")  # what the next REAPER session reads
        assert (on_disk.fill_every, on_disk.density) == (3, 0.5)
        assert host._open["panel"] is None


# ---------------------------------------------------------------- a very narrow docker


def test_in_a_120_px_docker_the_genre_names_are_cut_to_fit_and_said_whole_in_their_tooltips(config):
    from reagroove.core.genres import GENRE_LABELS, GENRES

    with reapy_inside(bass_song()) as s:
        _, gui = open_dock(s, lambda args: None)
        gui.windows[TITLE].size = (120.0, 900.0)
        s.reaper.run_deferred(2)
        right = gui.windows[TITLE].pos[0] + 120.0 - fake_imgui.PADDING
        assert [w.label for w in gui.last_frame() if w.kind == "text" and w.rect[2] > right + 0.5] == []
        names = {w.tooltip: w.label for w in gui.last_frame() if w.kind == "text" and w.tooltip}
        for genre in GENRES:  # each slider still named above it: whole, or cut with "…" and whole in its tooltip
            name = GENRE_LABELS[genre]
            assert names.get(name) == name or names[name].endswith("…") and name.startswith(names[name][:-1])
        assert names["Hip-Hop/R&B/Soul"] != "Hip-Hop/R&B/Soul"


# ---------------------------------------------------------------- pattern A cleared


def drum_notes(rpr):
    """The drum track's notes: (item position, ppq, pitch) of each."""
    rows = []
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        if rpr.RPR_GetTrackName(track, "", 64)[2] != host.DRUMS_TRACK_NAME:
            continue
        for k in range(rpr.RPR_CountTrackMediaItems(track)):
            item = rpr.RPR_GetTrackMediaItem(track, k)
            take = rpr.RPR_GetActiveTake(item)
            at = rpr.RPR_GetMediaItemInfo_Value(item, "D_POSITION")
            for n in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
                note = rpr.RPR_MIDI_GetNote(take, n, 0, 0, 0, 0, 0, 0, 0)
                rows.append((round(at, 3), note[5], note[8]))
    return sorted(rows)


def test_pattern_a_cleared_with_the_cross_no_longer_plays(config, engine_runs):
    """← item set the keys as pattern A, Follow went to 0.1, then × cleared A: the panel showed "A: none" and Follow
    greyed out (no effect), but Drumify still blended 90% toward the item's pattern (the engine takes reaper-A
    where none is named). The drums are now the groove's own, as before any pattern was chosen. (The pattern is
    another item's: the bass's own selection as A is the bass's own point, which plays its own drums.)"""
    spec = bass_song()
    keys = spec.add_track("Keys")
    spec.add_midi_item(keys, start_qn=0, length_qn=32, name="keys", notes=[(k * 0.5, 0.4, 60, 90) for k in range(64)])
    with reapy_inside(spec, purge=PURGE) as s:
        bass_item, keys_item = (s.rpr.RPR_GetMediaItem(0, i) for i in range(2))
        _, gui = open_dock(s, engine_runs.launch)
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        groove_only = drum_notes(s.rpr)
        assert groove_only
        s.rpr.RPR_SetMediaItemSelected(bass_item, False)
        s.rpr.RPR_SetMediaItemSelected(keys_item, True)
        gui.click("←item##A")
        s.reaper.run_deferred(2)
        s.rpr.RPR_SetMediaItemSelected(keys_item, False)
        s.rpr.RPR_SetMediaItemSelected(bass_item, True)
        gui.set_value("Follow", 0.1)
        s.reaper.run_deferred()
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert "A=reaper-A follow 0.10" in said(s) and drum_notes(s.rpr) != groove_only  # the pattern plays
        gui.click("×##A")
        s.reaper.run_deferred(2)
        assert gui.widget("A: none").kind == "text" and gui.widget("Follow").disabled
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert [r.code for r in engine_runs] == [0, 0, 0, 0]
        assert "follow 0.10" not in said(s) and drum_notes(s.rpr) == groove_only


# ---------------------------------------------------------------- a very short docker


@pytest.mark.parametrize("width, height", [(900, 60), (300, 56)])
def test_in_a_60_px_strip_the_buttons_come_before_the_status_line(config, width, height):
    """Docked as a thin strip under the arrange view, the panel's first row was "Live follow off" (what the unticked
    box already says) and Drumify was cut in half below it."""
    with reapy_inside(bass_song()) as s:
        _, gui = open_dock(s, lambda args: None)
        gui.windows[TITLE].size = (float(width), float(height))
        s.reaper.run_deferred(2)
        bottom = gui.windows[TITLE].pos[1] + height - fake_imgui.PADDING
        for label in ("Drumify", "Variations", "##variations"):
            assert gui.widget(label).rect[3] <= bottom + 0.5, f"{label} is below the fold"
        assert any(w.label == "Live follow off" for w in gui.last_frame())  # still said, under the buttons


def test_pattern_b_alone_plays_b_not_an_earlier_pattern_a(config, engine_runs):
    """A and B set from two items, then A cleared with ×: the panel shows B alone (the pattern the drums lean
    toward), but Drumify played the cleared A (the engine takes reaper-A where no A is named)."""
    spec = bass_song()
    keys = spec.add_track("Keys")
    spec.add_midi_item(keys, start_qn=0, length_qn=32, name="keys", notes=[(k * 0.5, 0.4, 60, 90) for k in range(64)])
    with reapy_inside(spec, purge=PURGE) as s:
        rpr = s.rpr
        bass_item, keys_item = (rpr.RPR_GetMediaItem(0, i) for i in range(2))
        _, gui = open_dock(s, engine_runs.launch)
        gui.click("←item##A")  # the bass's groove
        s.reaper.run_deferred(2)
        rpr.RPR_SetMediaItemSelected(bass_item, False)
        rpr.RPR_SetMediaItemSelected(keys_item, True)
        gui.click("←item##B")  # the keys' groove
        s.reaper.run_deferred(2)
        rpr.RPR_SetMediaItemSelected(keys_item, False)
        rpr.RPR_SetMediaItemSelected(bass_item, True)
        gui.set_value("Follow", 0.0)  # the pattern itself
        s.reaper.run_deferred()
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        toward_a = drum_notes(rpr)
        gui.click("×##A")
        s.reaper.run_deferred(2)
        assert gui.widget("A: none").kind == "text" and gui.widget("B: reaper-B").kind == "text"
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert [r.code for r in engine_runs] == [0, 0, 0, 0]
        assert "reaper-A" not in said(s) and drum_notes(rpr) != toward_a, said(s)
