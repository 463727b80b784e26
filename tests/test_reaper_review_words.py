"""What C3's review of the first hour's REAPER words found left: the full editor linked to REAPER still said a long
rest between the selected items as a damaged file to drum with the CLI's --bars (REAPER's console no longer did),
and a time selection was told of the whole song's sections where it has two or more (tempo changes on bars 5 and 9:
"each starts a new section (a fill into it, a crash on it)" to a selection over bars 3-4).

The actions run as REAPER's action list runs them (`reagroove reaper ... --panel-settings`), inside the simulated
REAPER on the stand-in model. Each test here failed before its fix.
"""

from fake_reaper import ProjectSpec, reapy_inside
from test_actions_use_panel_settings import panels  # noqa: F401 - the fixture
from test_reaper import PURGE, engine
from test_reaper_first_hour_words import intro_and_outro

from reagroove.core.settings import Settings
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.note_words import in_panel_words

FEWER = "(296 bars: for drums in fewer, make a time selection over the bars you want)"


def _no_cli(text: str) -> bool:
    return "CLI" not in text and "--bars" not in text and "damaged" not in text


def test_the_editor_linked_to_reaper_says_a_long_rest_as_reapers_console_does(panels):  # noqa: F811
    from reagroove.reaper_ext.panel.controller import PanelController
    from reagroove.reaper_ext.panel.input_groove import input_from_selection
    from reagroove.reaper_ext.panel.modes import with_notes
    from reagroove.reaper_ext.panel.store import PanelStore

    with reapy_inside(intro_and_outro(1200), purge=PURGE) as s:
        assert panels.run(["reaper", "drumify", "--panel-settings"]) == 0
        console = [line.removeprefix("  note: ") for line in s.reaper.console_text().splitlines()]
        rest = [m for m in console if m.startswith("bars 5-300 have no notes")]
        assert rest == [f"bars 5-300 have no notes: the drums keep time through them {FEWER}"], console
        # the editor's input line, read from the same selection, says the console's words
        source = input_from_selection(LocalBridge())
    line = with_notes("input: REAPER selection", source.messages)
    assert f"note: {rest[0]}" in line and _no_cli(line), line
    # and its preview's notes (the drums shown) say no command line either
    controller = PanelController(engine(), PanelStore(panels.settings.parent))
    loop = controller.generate(Settings(), source.groove, **source.model_inputs())
    assert all(_no_cli(in_panel_words(m)) for m in loop.notes), loop.notes


def test_the_editor_linked_to_reaper_says_the_10000_bars_error_in_reapers_words(panels):  # noqa: F811
    from reagroove.reaper_ext.panel.input_groove import input_from_selection
    from reagroove.reaper_ext.panel.workers import ReaperLink

    failed = []
    with reapy_inside(intro_and_outro(44000), purge=PURGE):
        link = ReaperLink(LocalBridge(), lambda fn, *args: fn(*args))
        link.job_failed.connect(lambda name, message: failed.append(message))
        link.submit("selection", input_from_selection)
        link._jobs.put(None)  # (then stop: the jobs run here, in order, as the link's thread runs them)
        link.run()
    assert len(failed) == 1 and "more than 10,000" in failed[0], failed
    assert "drum a range of bars (a time selection over them)" in failed[0] and _no_cli(failed[0]), failed


def _two_tempo_changes() -> ProjectSpec:
    """A clip over bars 1-12 at 96 BPM, 120 from bar 5 and 140 from bar 9."""
    spec = ProjectSpec(bpm=96)
    spec.tempo_marker(120, qn=16.0)
    spec.tempo_marker(140, qn=32.0)
    synth = spec.add_track("Synth")
    notes = [(k, 0.5, 40 + k % 3, 90) for k in range(48)]
    spec.add_midi_item(synth, start_qn=0, length_qn=48, selected=True, name="clip", notes=notes)
    return spec


def test_a_time_selection_is_told_only_the_sections_it_plays_of_several(panels):  # noqa: F811
    changes = "the tempo changes (from 96 to 120 BPM in bar 5, from 120 to 140 BPM in bar 9)"
    first = "the tempo changes (from 96 to 120 BPM in bar 5)"
    second = "the tempo changes (from 120 to 140 BPM in bar 9)"
    seeds = iter(range(1, 9))
    with reapy_inside(_two_tempo_changes(), purge=PURGE) as s:
        def said(start_s=None, end_s=None):
            if start_s is not None:
                s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, start_s, end_s, False)
            before = len(s.reaper.console_text())
            # (a new take each time, written as the docked panel's Dice has it)
            assert panels.run(["reaper", "drumify", "--panel-settings", "--seed", str(next(seeds))]) == 0
            return [m.removeprefix("  note: ") for m in s.reaper.console_text()[before:].splitlines()]

        whole = said()  # the whole clip: both sections, fill and crash
        assert f"{changes}: each starts a new section (a fill into it, a crash on it)" in whole, whole
        three_four = said(5.0, 10.0)  # bars 3-4 (2.5 s a bar): bar 4 fills into bar 5, no crash, nothing of bar 9
        assert "drums for bars 3-4 (the time selection)" in three_four, three_four
        assert [m for m in three_four if "tempo" in m] == [f"{first}: it starts a new section (bar 4 fills into it)"], \
            three_four
        four_eight = said(7.5, 18.0)  # bars 4-8: bar 5's fill and crash, and bar 8 fills into bar 9
        assert "drums for bars 4-8 (the time selection)" in four_eight, four_eight
        assert [m for m in four_eight if "tempo" in m] == [
            f"{first}: it starts a new section (a fill into it, a crash on it)",
            f"{second}: it starts a new section (bar 8 fills into it)"], four_eight
        six_seven = said(12.0, 16.0)  # bars 6-7: neither section (bar 9's fill is bar 8's)
        assert "drums for bars 6-7 (the time selection)" in six_seven, six_seven
        assert not [m for m in six_seven if "tempo" in m], six_seven


def test_each_kind_of_several_sections_keeps_only_the_selections_bars():
    # the lines as form_notes writes them (a form with each kind of section; the swaps apart, as bar 9 joins in the
    # first), said to bars 5-8 as range_of says them to a time selection or --bars
    from reagroove.core.form_notes import form_notes
    from reagroove.core.phrases import PartSections

    each = ": each starts a new section (a fill into it, a crash on it)"
    it = ": it starts a new section (a fill into it, a crash on it)"
    crash = ": it starts a new section (a crash on it)"  # (on the range's first bar: its fill is not drummed)
    form = PartSections(back={}, heard=[3, 5, 9], section_bars=[3, 4, 5, 6, 7, 9], intro=False, plan=None,
                        meter_changes={4: (3, 4)}, tempo_changes={7: (96.0, 120.0)}, last_fill_left_out=None,
                        level_changes={5: 0.2, 7: -0.2, 9: 0.2}, layer_changes={6: (2, 3), 9: (3, 2)},
                        part_swaps={4: (0, 1), 9: (0, 2)})
    swaps = form._replace(heard=[], meter_changes={}, tempo_changes={}, level_changes=None, layer_changes=None,
                          part_swaps={5: (1, 1), 9: (2, 0)})
    lines = form_notes(form, [], int) + form_notes(swaps, [], int)
    assert sorted(lines) == sorted([
        "the band changes what it plays in bars 3, 5, 9" + each,
        "the band plays louder from bar 5, then softer from bar 7, then louder from bar 9" + each,
        "parts of the band join in bar 6 (2 parts to 3), then leave in bar 9 (3 parts to 2)" + each,
        "1 new part joins the band in bar 4, then 2 new parts join the band in bar 9" + each,
        "the band swaps parts in bar 5 (1 part out, 1 part in), then bar 9 (2 parts out, the rest on new figures)"
        + each,
        "the meter and tempo change (to 3/4 in bar 4, from 96 to 120 BPM in bar 7)" + each])
    assert sorted(said for line in lines for said in line.in_bars(5, 8)) == sorted([
        "the band changes what it plays in bar 5" + crash,
        "the band changes what it plays in bar 9: it starts a new section (bar 8 fills into it)",
        "the band plays softer from bar 7" + it,
        "the band plays louder from bar 5" + crash,
        "the band plays louder from bar 9: it starts a new section (bar 8 fills into it)",
        "parts of the band join in bar 6 (2 parts to 3)" + it,
        "parts of the band leave in bar 9 (3 parts to 2): it starts a new section (bar 8 fills into it)",
        "2 new parts join the band in bar 9: it starts a new section (bar 8 fills into it)",
        "the band swaps parts in bar 5 (1 part out, 1 part in)" + crash,
        "the band swaps parts in bar 9 (2 parts out, the rest on new figures): it starts a new section (bar 8 fills "
        "into it)",
        "the tempo changes (from 96 to 120 BPM in bar 7)" + it])
