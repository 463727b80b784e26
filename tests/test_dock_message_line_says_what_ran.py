"""The docked panel's message line said only a run's first note: Variations over ReaGroove drums said "drums for
bars 9-16 (the time selection)" and never that all four were muted, Dice pressed twice said the same fill note both
times and never the seed it drew, and "Follow has no effect" after the pad was dragged stayed in REAPER's console.
Now it says what the run did first ("wrote 16 drum items, seed 7", "4 variations, all muted, ..."), then its most
important note, a narrow docker dropping the details before the point."""

import json
import re

import pytest
from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock, said  # noqa: F401
from test_dock_run_errors import TITLE, message_line, press

from reagroove.reaper_ext.dock import results
from reagroove.reaper_ext.panel.short_text import shortened

NARROW = 330.0  # REAPER's docker beside the arrange view
RIGHT_DOCKER = 400.0  # a docker at the arrange view's side, as wide as REAPER gives one
SLIM = 200.0  # the narrowest docker the panel still draws its actions in
NARROWEST_SAID = 300.0  # the narrowest docker that says both what a run did and that its drums are silent


def report(tmp_path, line, notes, ok=True):
    path = tmp_path / "run.json"
    path.write_text(json.dumps({"ok": ok, "line": line, "notes": notes}), encoding="utf-8")
    return results.read_report(str(path), "drumify")


def dice_twice(s, gui, panel, engine_runs) -> list[tuple[str, str, int, str]]:
    """(line, tooltip, seed, what the console said) of two Dice presses after a Drumify (the drum track made: its first write's "no
    instrument" note said, tests below)."""
    press(s, gui, "Drumify")
    out = []
    for _ in range(2):
        press(s, gui, "Dice")
        assert engine_runs[-1].code == 0, s.reaper.console_text()
        out.append((*message_line(gui), panel.settings.seed, said(s)))
    return out


def test_each_dice_press_says_its_own_seed_in_a_narrow_docker(config, engine_runs):
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (NARROW, 800.0)
        lines = []
        for line, tip, seed, console in dice_twice(s, gui, panel, engine_runs):
            assert f"seed {seed}" in console  # the take written is the seed said
            assert line.startswith("Drumify: ") and "wrote" in line and f"seed {seed}" in line, line
            lines.append(line)
        assert lines[0] != lines[1]


def test_variations_over_reagroove_drums_say_they_are_all_muted_in_a_narrow_docker(config, engine_runs):
    with reapy_inside(bass_song(8), purge=PURGE) as s:
        rpr = s.rpr
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (NARROW, 800.0)
        press(s, gui, "Drumify")  # ReaGroove drums now play
        bass = rpr.RPR_GetTrackMediaItem(rpr.RPR_GetTrack(0, 0), 0)
        rpr.RPR_SelectAllMediaItems(0, False)
        rpr.RPR_SetMediaItemSelected(bass, True)
        spq = 60.0 / 100
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 16 * spq, 32 * spq, False)  # bars 5-8
        press(s, gui, "Variations")
        assert engine_runs[-1].args[:2] == ["reaper", "variations"] and engine_runs[-1].code == 0
        line, tip = message_line(gui)
        assert "all muted" in tip and "bars 5-8" in tip, tip  # the engine said both
        # the variation tracks have no instrument: that note outranks the headline's details (tests below)
        assert line.startswith("Variations: 4 muted; no instrument"), line
        right = gui.windows[TITLE].pos[0] + NARROW
        assert all(w.rect[2] <= right for w in gui.last_frame() if w.label == line)
        gui.windows[TITLE].size = (1400.0, 800.0)  # room: the unmute hint and the note too
        s.reaper.run_deferred()
        line, _ = message_line(gui)
        assert "unmute one in their place" in line and "; " in line, line


def test_a_control_that_did_nothing_is_said_before_a_fill_note(tmp_path):
    """The pad dragged with no pattern chosen: "Follow has no effect" was a second note, in the console only."""
    line, tip = report(tmp_path, "wrote 16 drum items (ReaGroove · funk 1.0 · seed 0) in 0.3 s", [
        "bar 32 ends the song: no fill there, as no phrase follows to fill into (list it as a fill bar for one)",
        "follow has no effect: no pattern A or B is chosen"])
    assert line.startswith("Drumify: wrote 16 drum items, seed 0; ") and "has no effect" in line, line
    assert "bar 32 ends the song" in tip and "in 0.3 s" in tip  # all it said, in the tooltip


def test_drumify_that_wrote_nothing_says_so_first(tmp_path):
    line, _ = report(tmp_path, "nothing written (ReaGroove · seed 3); drums already written for these settings: "
                     "nothing changed, no undo point (a new seed draws a new take) in 0.2 s", [])
    assert line.startswith("Drumify: nothing written, seed 3; drums already written"), line


def test_a_failed_run_says_why_alone(tmp_path):
    line, _ = report(tmp_path, "select one or more MIDI or audio items to drumify (nothing selected)",
                     ["an unrelated note"], ok=False)
    assert line == "Drumify: select one or more MIDI or audio items to drumify (nothing selected)"


def test_the_first_drumify_onto_a_track_with_no_instrument_says_so_at_400_px(config, engine_runs):
    """It read "Drumify: wrote 8 drum items, seed 0; …" with the rest of the line empty: the note that the drums are
    silent was dropped whole, though it comes first."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (RIGHT_DOCKER, 800.0)
        press(s, gui, "Drumify")
        assert engine_runs[-1].code == 0, s.reaper.console_text()
        line, tip = message_line(gui)
        assert "no instrument" in tip  # a new drum track with nothing on it: the engine said so
        assert line.startswith("Drumify: wrote ") and "; no instrument" in line and line.endswith("…"), line
        right = gui.windows[TITLE].pos[0] + RIGHT_DOCKER
        assert all(w.rect[2] <= right for w in gui.last_frame() if w.label == line)


def test_each_dice_press_says_its_own_seed_in_a_200_px_docker(config, engine_runs):
    """Every press read "Drumify: wrote 8 drum ite…": the seed, what differs from the press before, was cut."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (SLIM, 800.0)
        lines = []
        for line, tip, seed, _ in dice_twice(s, gui, panel, engine_runs):
            assert line.startswith(f"Drumify: seed {seed}"), line
            assert "wrote" in tip
            lines.append(line)
        assert lines[0] != lines[1]
        gui.windows[TITLE].size = (RIGHT_DOCKER, 800.0)  # room for the whole headline: said as it was
        s.reaper.run_deferred()
        assert message_line(gui)[0].startswith("Drumify: wrote ")


def test_a_pattern_name_with_brackets_still_leaves_the_seed(tmp_path):
    """Pattern A named "groove (take 2)": the settings' label was not cut to ", seed N" and, all of it taken for an
    aside in brackets, went from the line with the seed where the docker is narrow."""
    line, tip = report(tmp_path, "wrote 16 drum items (ReaGroove · funk 1.0 · A=groove (take 2) follow 0.50 · "
                       "seed 41) in 0.3 s", [])
    assert line == "Drumify: wrote 16 drum items, seed 41", line
    assert "A=groove (take 2)" in tip


def test_a_failed_run_in_a_200_px_docker_says_its_start(config, engine_runs):
    with reapy_inside(bass_song(), purge=PURGE) as s:
        rpr = s.rpr
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (SLIM, 800.0)
        rpr.RPR_SelectAllMediaItems(0, False)
        press(s, gui, "Drumify")
        line, tip = message_line(gui)
        assert line.startswith("Drumify: select ") and line.endswith("…") and "nothing selected" in tip, line


def test_a_note_whose_start_fits_is_cut_not_dropped():
    """Short of room for a note the line ended "seed 0; …" with the rest of its width empty: its start shows now."""
    line = "Drumify: wrote 16 drum items, seed 0; follow has no effect: no pattern A or B is chosen"
    width = len(line) - 20  # in letters: the note's first words and more fit, not all of it

    def cut(text):
        return text if len(text) <= width else text[:width - 1] + "…"

    shown = cut(shortened(line, lambda text: len(text) <= width))  # as the dock's line and the editor's status line
    assert shown.startswith("Drumify: wrote 16 drum items, seed 0; follow has no") and shown.endswith("…"), shown



def shown_in(gui, width: float) -> str:
    """The message line, drawn inside a docker `width` px wide."""
    line, _ = message_line(gui)
    right = gui.windows[TITLE].pos[0] + width
    assert all(w.rect[2] <= right for w in gui.last_frame() if w.label == line)
    return line


@pytest.mark.parametrize("width", [NARROWEST_SAID, RIGHT_DOCKER])
@pytest.mark.parametrize("seed", [0, 1753473788])
def test_the_first_drumify_says_its_drums_are_silent_with_what_it_wrote_at_300_to_400_px(config, engine_runs,
                                                                                          width, seed):
    """The first Drumify onto a new drum track with no instrument read "Drumify: wrote 8 drum items, seed 0; …" at
    300 px (at 400 px too with a 10-digit seed): drums heard as nothing, unexplained. The headline is said by its
    core so the note shows, with the run's seed."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (width, 800.0)
        panel.settings = panel.settings.replace(seed=seed)
        press(s, gui, "Drumify")
        assert engine_runs[-1].code == 0, s.reaper.console_text()
        line, tip = message_line(gui)
        assert f"seed {seed}" in said(s) and "no instrument" in tip
        shown = shown_in(gui, width)
        assert shown.startswith("Drumify: ") and f"seed {seed}" in shown and "; no instrument" in shown, shown
        if seed == 0:  # room for what it wrote, said by its core where not whole
            assert re.match(r"Drumify: (wrote )?\d+ (drum )?items, seed 0; ", shown), shown


@pytest.mark.parametrize("width", [NARROWEST_SAID, RIGHT_DOCKER])
def test_variations_on_tracks_with_no_instrument_say_so_at_300_to_400_px(config, engine_runs, width):
    """"Variations: 4 variations, all muted, as ReaGroove dru…": the note that the variation tracks have no
    instrument never showed at 200-400 px."""
    with reapy_inside(bass_song(8), purge=PURGE) as s:
        rpr = s.rpr
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (width, 800.0)
        press(s, gui, "Drumify")  # ReaGroove drums now play: the variations start muted
        spq = 60.0 / 100
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 16 * spq, 32 * spq, False)  # bars 5-8
        press(s, gui, "Variations")
        assert engine_runs[-1].code == 0, s.reaper.console_text()
        _, tip = message_line(gui)
        assert "all muted" in tip and "have no instrument" in tip, tip
        assert shown_in(gui, width).startswith("Variations: 4 muted; no instrument"), message_line(gui)


def test_silent_drums_are_said_before_the_headline_where_only_one_fits(config, engine_runs):
    """A 200 px docker has room for what the run did or the note that its drums are silent, not both: the note,
    as the drums appear on the track anyway and silence has no other explanation (the tooltip says all)."""
    with reapy_inside(bass_song(), purge=PURGE) as s:
        _, gui = open_dock(s, engine_runs.launch)
        gui.windows[TITLE].size = (SLIM, 800.0)
        press(s, gui, "Drumify")
        line, tip = message_line(gui)
        assert re.search(r"wrote \d+ drum items", tip), tip
        assert shown_in(gui, SLIM).startswith("Drumify: no instrument"), line
