"""The editor's preview plays a chorus that REAPER's regions or a file's markers name on the ride, as Drumify writes it
(core/named_sections.py; reaper_ext/song_phrases.selection_drums, Engine.drumify). The preview had kept the chorus on
the closed hat where Drumify moved it to the ride: over a time selection of bars 5-20 (the whole items' drums,
selection_range.WholeItems.preview) and over the selected items. Simulated REAPER under the real reapy, a stub network
keeping time on the closed hat (test_reaper_named_regions.py's project: Verse, Chorus, Verse regions of 8 bars)."""

import numpy as np
from fake_reaper import reapy_inside
from test_named_sections import HatsKeepTime, marked_song
from test_reaper import PURGE
from test_reaper_named_regions import HATS, RIDE, band_project, bars_playing, drum_notes

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.engine import Engine
from reagroove.core.loop import Loop
from reagroove.core.midi_write import loop_note_events
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.controller import PanelController
from reagroove.reaper_ext.panel.input_groove import input_from_midi, input_from_selection
from reagroove.reaper_ext.panel.store import PanelStore

SETTINGS = Settings()


def preview(controller, source) -> set:
    """{(QN, pitch, velocity)} of every window the editor previews, as the panel asks for each (generate)."""
    result, _ = controller.drum_part(SETTINGS, source.groove, **source.model_inputs())
    out = set()
    for w in range(len(source.grooves)):
        source.window = w
        loop = np.asarray(controller.generate(SETTINGS, source.groove, **source.model_inputs()))
        spans = [float(result.spans[w])]
        out |= {(round(on * 4) / 4, pitch, velocity) for on, _, pitch, velocity in loop_note_events(
            [Loop.from_hvo(loop)], [float(result.starts[w])], GM_DRUM_MAP, spans, [None])}
    return out


def pitched(notes) -> set:
    return {(q, pitch) for q, pitch, _ in notes}  # (bars_playing reads (QN, pitch))


def written_and_shown(tmp_path, time_selection=None):
    """(the notes Drumify writes, the editor's controller, its input) of band_project's song."""
    with reapy_inside(band_project(["Verse", "Chorus", "Verse"]), purge=PURGE) as s:
        if time_selection:
            s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, *time_selection, False)
        source = input_from_selection(LocalBridge())
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(HatsKeepTime()), SETTINGS)
        written = {(round(n[0] * 4) / 4, n[2], n[3]) for n in drum_notes(bridge)}
    controller = PanelController(Engine(HatsKeepTime()), PanelStore(tmp_path / "config"))
    return written, controller, source


def test_the_editors_preview_of_a_time_selection_plays_its_named_chorus_on_the_ride(tmp_path):
    written, controller, source = written_and_shown(tmp_path, (8.0, 40.0))  # bars 5-20 at 120
    shown = preview(controller, source)
    assert bars_playing(pitched(shown), {RIDE}) == set(range(9, 17))  # the chorus on the ride, as Drumify writes it
    assert bars_playing(pitched(shown), HATS) == {5, 6, 7, 8, 17, 18, 19, 20}
    assert shown == written
    result, _ = controller.drum_part(SETTINGS, source.groove, **source.model_inputs())
    assert "bar 9, 'Chorus': the hats move to the ride, the hats again from bar 17" in result.messages


def test_the_editors_preview_of_the_selected_items_plays_the_named_chorus_on_the_ride(tmp_path):
    written, controller, source = written_and_shown(tmp_path)
    shown = preview(controller, source)
    assert bars_playing(pitched(shown), {RIDE}) == set(range(9, 17))
    assert bars_playing(pitched(shown), HATS) == set(range(1, 9)) | set(range(17, 25))
    assert shown == written


def test_the_editors_preview_of_a_file_plays_its_chorus_marker_on_the_ride_as_drumify_writes_it(tmp_path):
    path = marked_song(tmp_path / "song.mid", [(1, "Verse"), (9, "Chorus"), (17, "Verse")])
    source = input_from_midi(path)
    engine = Engine(HatsKeepTime())
    controller = PanelController(engine, PanelStore(tmp_path / "config"))
    drummed = engine.drumify(source.content, SETTINGS)  # what `reagroove drumify` and the editor's Export write
    result, _ = controller.drum_part(SETTINGS, source.groove, **source.model_inputs())
    assert np.array_equal(result.loops, drummed.loops)
    ride = {int(b) for w, b in enumerate(result.bars) if (result.loops[w, :, RIDE_VOICE] > 0.5).any()}
    assert ride == {9, 11, 13, 15}  # the chorus's windows


RIDE_VOICE = 8  # the loop's ride
