"""What a producer reads in REAPER's console in their first hour: the panels' words for the panels' settings, a
run that wrote nothing said so, and a long gap between selected items never called a damaged file.

Each action runs as REAPER's action list runs it (`reagroove reaper ... --panel-settings`), inside the simulated
REAPER on the stand-in model. Each test here failed before its fix.
"""

from fake_reaper import ProjectSpec, reapy_inside
from test_actions_use_panel_settings import panels  # noqa: F401 - the fixture
from test_reaper import PURGE, bass_project

from reagroove.core.settings import Settings


def console_after(s, run):
    before = len(s.reaper.console_text())
    assert run() == 0
    return s.reaper.console_text()[before:]


def test_the_console_names_the_panels_controls_not_the_command_lines_options(panels):  # noqa: F811
    # Swing set in the panel over a straight bass, then REAPER's Drumify action: the console said "the drums swing
    # at 62%, as --swing asks", an option the producer never typed (the docked panel's line said it as Swing).
    Settings(swing=62, fill_every=2).save(panels.settings)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert "as the Swing setting asks" in said, said
        assert "--" not in said, said
        # the last fill left out at the song's end names the control that lists fill bars
        assert "(add it to Fill bars, in the full editor, for one)" in said, said
        assert s.reaper.undo_names == ["ReaGroove: drumify (swing 62%, fill every 4 bars)"]
        # typed in a terminal, the options typed are the words
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--swing", "62", "--seed", "2"]))
        assert "as --swing asks" in said, said


def test_a_drumify_whose_bars_all_keep_the_producers_edits_says_nothing_written(panels):  # noqa: F811
    # It read "wrote 0 drum items ...; kept 1 item you edited", as if the run had failed to write.
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        assert panels.run(["reaper", "drumify", "--panel-settings"]) == 0
        drums = rpr.RPR_GetTrack(0, 1)
        edited = rpr.RPR_GetTrackMediaItem(drums, 0)  # bars 2-3
        rpr.RPR_MIDI_SetNote(rpr.RPR_GetActiveTake(edited), 0, False, False, -1, -1, -1, 50, 127, False)
        spq = 60.0 / 100
        rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 4 * spq, 12 * spq, False)  # a time selection over them
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings", "--seed", "4"]))
        first = said.splitlines()[0]
        assert first.startswith("ReaGroove: nothing written (") and "kept 1 item you edited" in first, said
        assert "wrote 0" not in said
        assert s.reaper.undo_names == ["ReaGroove: drumify selected items"]  # nothing to undo


def intro_and_outro(outro_qn: float) -> ProjectSpec:
    """A bass track's intro (bars 1-4) and outro (from `outro_qn`) items, both selected, nothing between them."""
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    riff = [(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(32)]
    spec.add_midi_item(bass, start_qn=0, length_qn=16, selected=True, name="intro", notes=riff)
    spec.add_midi_item(bass, start_qn=outro_qn, length_qn=16, selected=True, name="outro", notes=riff)
    return spec


def test_items_selected_far_apart_are_not_called_a_damaged_file(panels):  # noqa: F811
    # An intro and an outro selected 300 bars apart: "296 bars of silence is no song's rest: a damaged file (a
    # corrupt delta time)? drum a range of bars (the CLI's --bars FIRST-LAST)" in REAPER's console.
    spec = intro_and_outro(1200)
    with reapy_inside(spec, purge=PURGE) as s:
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert "damaged file" not in said and "--bars" not in said and "CLI" not in said, said
        assert ("bars 5-300 have no notes: the drums keep time through them (296 bars: for drums in fewer, make a "
                "time selection over the bars you want)") in said, said
        assert len(s.reaper.undo_names) == 1


def test_variations_say_the_far_apart_rest_as_drumify_does(panels):  # noqa: F811
    spec = intro_and_outro(1200)
    with reapy_inside(spec, purge=PURGE) as s:
        said = console_after(s, lambda: panels.run(["reaper", "variations", "--count", "2", "--panel-settings"]))
        assert "damaged file" not in said and "make a time selection over the bars you want" in said, said


def test_a_loop_cut_on_a_bar_line_after_an_early_downbeat_says_no_note_left_out(panels):  # noqa: F811
    # funk_bass.mid cut to 4 bars ends on bar 5's downbeat played a hair early: REAPER cuts that note at the item's
    # end (a click), and the console said "1 note outside bars 2-5 left out" of a note inside the item selected.
    spec = ProjectSpec(bpm=100)
    bass = spec.add_track("Bass", selected=True)
    riff = [(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(32)] + [(15.99, 0.2, 40, 100)]
    spec.add_midi_item(bass, start_qn=4, length_qn=16, selected=True, name="riff", notes=riff)
    with reapy_inside(spec, purge=PURGE) as s:
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert said.startswith("ReaGroove: wrote 2 drum items") and "outside" not in said, said
        drums = s.rpr.RPR_GetTrack(0, 1)
        assert s.rpr.RPR_CountTrackMediaItems(drums) == 2  # bars 2-5, nothing past the item
