"""The editor's preview of a REAPER selection clipped to a time selection is what Drumify writes there: the whole
items' drums in its bars (reaper_ext/selection_range.py, core/bar_range.py), and so are Drumify's drums under the
editor's hand edits, from the editor or from REAPER's toolbar (the edits kept with the selection).

tests/test_reaper_bar_range.py's bass changes riff on bar 9: over a time selection of bars 9-16 the editor had
previewed the clip drummed alone (96 hits, no crash on bar 9) where Drumify wrote 118 notes with the crash, and
Drumify with hand edits had written the clip drummed alone under them, another base than plain Drumify's."""

import numpy as np
import pytest
from fake_reaper import reapy_inside
from test_reaper import PURGE
from test_reaper_bar_range import CRASH, SPQ, between, drum_notes, song

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.loop import VOICES, Loop
from reagroove.core.midi_write import loop_note_events
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.controller import PanelController
from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits
from reagroove.reaper_ext.panel.input_groove import input_from_selection
from reagroove.reaper_ext.panel.kept_edits import KeptEdits, kept_edits_path
from reagroove.reaper_ext.panel.store import PanelStore

pytest.importorskip("torch")

SETTINGS = Settings(seed=3)  # test_reaper_bar_range's
TOM, KICK = VOICES.index("high_tom"), VOICES.index("kick")
LO, HI = 9, 16  # the time selection's bars


def editor_preview(controller, source, edits: HandEdits = HandEdits()) -> set:
    """{(QN to 1/16, pitch, velocity)} of every window the editor previews (as the panel asks for it), with the
    hand edits on top as the roll draws them, in the time selection's bars."""
    result, _ = controller.drum_part(SETTINGS, source.groove, **source.model_inputs())
    out = set()
    for w in range(len(source.grooves)):
        source.window = w
        loop = edits.apply(np.asarray(controller.generate(SETTINGS, source.groove, **source.model_inputs())),
                           int(source.bars[w]))
        sticks = None if result.cross_sticks is None else result.cross_sticks[w]
        for on, _, pitch, velocity in loop_note_events([Loop.from_hvo(loop)], [float(result.starts[w])], GM_DRUM_MAP,
                                                       [float(result.spans[w])], [sticks]):
            out.add((round(on * 4) / 4, pitch, velocity))
    return between(out, LO, HI)


def read_and_drumify(shipped, tmp_path, edits=None, kept: bool = False):
    """(the editor's preview with `edits` on top, what Drumify writes) over the time selection. edits(source):
    the hand edits made on the selection read into the editor; kept: Drumify run outside the editor (REAPER's
    toolbar), which finds them kept with the selection, else the editor's own Drumify (its EditedEngine)."""
    with reapy_inside(song(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (LO - 1) * 4 * SPQ, HI * 4 * SPQ, False)
        source = input_from_selection(LocalBridge())
        made = HandEdits() if edits is None else edits(source)
        engine = shipped
        if kept:
            assert KeptEdits(kept_edits_path()).keep(source.part, source.name, {1: made}) == ""
        elif len(made):
            engine = EditedEngine(shipped, made)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine, SETTINGS)
        written = {(round(n[0] * 4) / 4, n[2], n[3]) for i in bridge.call("drum_track_items")["items"]
                   for n in i["notes"]}
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    return editor_preview(controller, source, made), written


def tom_and_no_kick(source) -> HandEdits:
    """A tom added on the 7th 16th of bars 11-12 and their first kick taken out."""
    bar = int(source.bars[1])
    return HandEdits().set(bar, 6, TOM, 0.8).set(bar, 0, KICK, None)


def test_the_editor_previews_a_time_selection_as_drumify_writes_it(shipped, tmp_path):
    shown, written = read_and_drumify(shipped, tmp_path)
    assert written == between(drum_notes(), LO, HI)  # (the whole items' drums there: test_reaper_bar_range)
    assert any(q == (LO - 1) * 4.0 and pitch == CRASH for q, pitch, _ in shown)  # the new riff on bar 9, crashed on
    only_shown, only_written = sorted(shown - written), sorted(written - shown)
    assert not only_shown and not only_written, (f"(QN, pitch, velocity) only the editor plays {only_shown[:6]}; "
                                                 f"only Drumify writes {only_written[:6]}")


def test_drumify_from_the_editor_writes_the_whole_items_drums_under_its_hand_edits(shipped, tmp_path):
    shown, written = read_and_drumify(shipped, tmp_path, tom_and_no_kick)
    assert shown == written
    plain = between(drum_notes(), LO, HI)
    # everything but the two bars edited is plain Drumify's, the crash on bar 9 too
    assert between(written, LO, 10) | between(written, 13, HI) == between(plain, LO, 10) | between(plain, 13, HI)
    assert any(q == (LO - 1) * 4.0 and pitch == CRASH for q, pitch, _ in written)
    assert any(q == 40.0 + 1.5 and pitch == GM_DRUM_MAP.output[TOM] for q, pitch, _ in written)  # the tom added


def test_drumify_from_reapers_toolbar_puts_the_kept_hand_edits_on_the_whole_items_drums(shipped, tmp_path):
    shown, written = read_and_drumify(shipped, tmp_path, tom_and_no_kick, kept=True)
    assert shown == written
    assert any(q == (LO - 1) * 4.0 and pitch == CRASH for q, pitch, _ in written)
    assert not any(q == 40.0 and pitch == GM_DRUM_MAP.output[KICK] for q, pitch, _ in written)  # the kick taken out


def test_the_editors_versions_of_a_time_selection_are_those_variations_writes(shipped, tmp_path):
    """Alt+→ in the editor shows version k of the whole items' drums in the time selection, as Variations writes it."""
    from reagroove.reaper_ext.panel.versions import VersionsOf

    with reapy_inside(song(), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, (LO - 1) * 4 * SPQ, HI * 4 * SPQ, False)
        source = input_from_selection(LocalBridge())
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    versions_of, settings = VersionsOf(controller), SETTINGS.replace(variations=3)
    result, _ = controller.drum_part(settings, source.groove, **source.model_inputs())
    written = drum_notes(LO, HI, variations=3)
    for k in (1, 2, 3):
        shown = set()
        for w in range(len(source.grooves)):
            source.window = w
            loop = np.asarray(versions_of(settings, source.groove, version=k, **source.model_inputs()))
            sticks = None if result.cross_sticks is None else result.cross_sticks[w]
            shown |= {(round(on * 4) / 4, pitch, velocity) for on, _, pitch, velocity in loop_note_events(
                [Loop.from_hvo(loop)], [float(result.starts[w])], GM_DRUM_MAP, [float(result.spans[w])], [sticks])}
        assert between(shown, LO, HI) == written[k - 1], f"version {k}"
