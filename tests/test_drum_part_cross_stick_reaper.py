"""REAPER's Drumify and the editor's export write a drum part's cross-stick backbeat on 37, as `reagroove drumify`
does (drum_part_cross_stick.py): REAPER's items and the export had written it on the snare's head (38)."""

from fake_reaper import ProjectSpec, reapy_inside
from test_drum_part_cross_stick import ballad, written
from test_reaper import PURGE

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge


def test_reaper_drumify_writes_the_parts_cross_sticks_on_37(shipped):
    spec = ProjectSpec(bpm=76)
    drums = spec.add_track("My ballad kit", selected=True)
    spec.add_midi_item(drums, start_qn=0, length_qn=32, selected=True, name="ballad",
                       notes=[(b, 0.1, p, v, c) for b, p, v, c in ballad(8)])
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, shipped, Settings())
        notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    snares = [n[2] for n in notes if n[2] in (37, 38)]
    assert len(snares) >= 12 and all(p == 37 for p in snares), snares


def test_the_editors_export_writes_the_parts_cross_sticks_on_37(shipped, make_midi, tmp_path):
    from reagroove.reaper_ext.panel.controller import PanelController
    from reagroove.reaper_ext.panel.input_groove import input_from_midi
    from reagroove.reaper_ext.panel.store import PanelStore

    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    out = tmp_path / "drums.mid"
    controller.export_drums(out, Settings(), source=input_from_midi(make_midi(ballad(8))))
    snares = [p for _, p, _ in written(out) if p in (37, 38)]
    assert len(snares) >= 12 and all(p == 37 for p in snares), snares
