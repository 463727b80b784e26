"""Hand edits made in the editor on REAPER's selection survive Drumify and Variations run from outside it: the docked
panel's buttons and REAPER's toolbar actions run `reagroove reaper drumify` / `variations` in a process of their own,
which never read the edits the editor keeps with the selection (hand_edits.json). A producer who fixed a fill by
hand in the editor and pressed Drumify in the dock had the drums written without it, and nothing said so. Now they
write what the editor's own Drumify and Variations write (the edits on top, each version its own) and say so; a
drum item the producer edited in REAPER's MIDI editor still stays as they left it (the two do not fight)."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, bass_project, engine, note_rows
from test_reaper_selection import run_action  # noqa: F401  (a fixture: `reagroove reaper ...` as REAPER runs it)
from test_reaper_time_selection import time_selection

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.panel.edits import EditedEngine, HandEdits
from reagroove.reaper_ext.panel.input_groove import input_from_selection
from reagroove.reaper_ext.panel.kept_edits import KeptEdits, kept_edits_path

TOM, SNARE, KICK = (VOICES.index(v) for v in ("high_tom", "snare", "kick"))
TOM_PITCH = GM_DRUM_MAP.output[TOM]
SEED = 3


def kept_in_editor(by_version) -> object:
    """What the editor does with REAPER's selection: reads it (Read REAPER selection) and keeps the hand edits made
    on it with it (persistence.keep_hand_edits). The selection read, its windows numbered as the edits are."""
    source = input_from_selection(LocalBridge())
    edits = {k: e(source) for k, e in by_version.items()}
    assert KeptEdits(kept_edits_path()).keep(source.part, source.name, edits) == ""
    return source


def tom_and_no_first_kick(source, window: int = 0) -> HandEdits:
    """A tom added on the 7th 16th and the first kick taken out, in a window of the selection."""
    bar = int(source.bars[window])
    return HandEdits().set(bar, 6, TOM, 0.8).set(bar, 0, KICK, None)


def drum_notes(bridge) -> list:
    return sorted(tuple(round(x, 4) for x in n[:3]) for i in bridge.call("drum_track_items")["items"]
                  for n in i["notes"])


def toms_at(notes, qn) -> bool:
    return any(p == TOM_PITCH and abs(on - qn) < 0.02 for on, _, p in notes)


def variation_notes(rpr) -> dict:
    """Each ReaGroove Var track's notes, by name."""
    out = {}
    for t in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, t)
        name = rpr.RPR_GetTrackName(track, "", 256)[2]
        if name.startswith("ReaGroove Var"):
            out[name] = [note_rows(rpr, rpr.RPR_GetTrackMediaItem(track, i))
                         for i in range(rpr.RPR_CountTrackMediaItems(track))]
    return out


def console_notes(s) -> list[str]:
    return [line.strip()[len("note: "):] for line in s.reaper.console_text().splitlines()
            if line.strip().startswith("note: ")]


def test_the_docks_drumify_writes_the_editors_hand_edits_on_top_and_says_so(run_action):  # noqa: F811
    # the editor's own Drumify into REAPER: its edits as the roll shows them (an older copy of them on disk, kept
    # before the last click, is not put on top as well)
    with reapy_inside(bass_project(), purge=PURGE):
        stale = kept_in_editor({1: lambda src: HandEdits().set(int(src.bars[1]), 10, TOM, 0.9)})
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, EditedEngine(engine(), tom_and_no_first_kick(stale)),
                                        Settings(seed=SEED))
        by_editor = drum_notes(bridge)
        assert not any("from the editor" in m for m in res["messages"])  # the editor says its own line
    # the dock's Drumify: `reagroove reaper drumify` in a process of its own, after the same edits in the editor
    with reapy_inside(bass_project(), purge=PURGE) as s:
        source = kept_in_editor({1: tom_and_no_first_kick})
        assert run_action("drumify", "--seed", str(SEED)) == 0
        by_dock = drum_notes(LocalBridge())
        start = float(source.starts[0])
        assert toms_at(by_dock, start + 1.5)  # the tom added by hand, on the 7th 16th
        assert by_dock == by_editor  # and the rest as the editor writes it: the kick taken out is out
        said = console_notes(s)
        assert said[0] == ("2 hand edits from the editor kept on top (to drop them: Read REAPER selection in the "
                           "editor, then Clear hand edits)"), said


def test_the_docks_variations_put_each_versions_hand_edits_on_it(run_action):  # noqa: F811
    """As the editor's Variations: version 1's edits on Var 1 (Drumify's part), version 3's on Var 3."""
    def on_three(src):
        return HandEdits().set(int(src.bars[1]), 2, SNARE, 0.5)

    with reapy_inside(bass_project(), purge=PURGE) as s:
        source = input_from_selection(LocalBridge())
        actions.variations_of_selection(LocalBridge(), EditedEngine(engine(), tom_and_no_first_kick(source),
                                                                    {3: on_three(source)}), Settings(seed=SEED), 3)
        by_editor = variation_notes(s.rpr)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        kept_in_editor({1: tom_and_no_first_kick, 3: on_three})
        assert run_action("variations", "--count", "3", "--seed", str(SEED)) == 0
        assert variation_notes(s.rpr) == by_editor
        assert console_notes(s)[0] == ("hand edits from the editor kept on top: 2 hand edits on ReaGroove Var 1, "
                                       "1 on Var 3 (to drop them: Read REAPER selection in the editor, then Clear "
                                       "hand edits)"), console_notes(s)


def test_hand_edits_and_drum_items_edited_in_reaper_do_not_fight():
    """The dock's Drumify pressed again with the edits on top finds its drums there (nothing rewritten); a drum item
    the producer then edits in REAPER's MIDI editor stays as they left it, the editor's edits written in the other
    bars and the ones in its bars said not written; asked to overwrite edited items, all are written again."""
    with reapy_inside(bass_project(), purge=PURGE) as s:
        rpr = s.rpr
        source = kept_in_editor({1: lambda src: tom_and_no_first_kick(src, 0).set(int(src.bars[1]), 6, TOM, 0.8)})
        bridge, eng = LocalBridge(), engine()
        res = actions.drumify_selection(bridge, eng, Settings(seed=SEED))
        first, second = (float(x) + 1.5 for x in source.starts[:2])
        assert res["written"] == 2 and toms_at(drum_notes(bridge), first) and toms_at(drum_notes(bridge), second)
        assert res["messages"][0].startswith("3 hand edits from the editor kept on top")
        again = actions.drumify_selection(bridge, eng, Settings(seed=SEED))
        assert again["written"] == 0 and again["unchanged"]  # ReaGroove's own items, not the producer's edits
        assert not any("from the editor" in m for m in again["messages"])
        drums = rpr.RPR_GetTrack(0, 1)
        edited = rpr.RPR_GetTrackMediaItem(drums, 0)
        rpr.RPR_MIDI_SetNote(rpr.RPR_GetActiveTake(edited), 0, False, False, -1, -1, -1, 50, 127, False)
        mine = note_rows(rpr, edited)
        res = actions.drumify_selection(bridge, eng, Settings(seed=9))
        assert res["written"] == 1 and res["kept_edited"] == [[4.0, 12.0]]
        items = [rpr.RPR_GetTrackMediaItem(drums, i) for i in range(rpr.RPR_CountTrackMediaItems(drums))]
        assert mine in [note_rows(rpr, i) for i in items]  # the producer's own edit in REAPER, as they left it
        assert toms_at(drum_notes(bridge), second)  # the editor's edit in the bars written
        assert res["messages"][:2] == [
            "1 hand edit from the editor kept on top (to drop it: Read REAPER selection in the editor, then "
            "Clear hand edits)",
            "2 hand edits from the editor not written: they are in bars whose drum item you edited, muted, "
            "locked or played in REAPER, kept as it is"], res["messages"]
        res = actions.drumify_selection(bridge, eng, Settings(seed=9), overwrite_edited=True)
        assert res["written"] == 2 and toms_at(drum_notes(bridge), first) and toms_at(drum_notes(bridge), second)
        assert res["messages"][0].startswith("3 hand edits from the editor kept on top")


@pytest.mark.parametrize("how", ["a bass note moved", "a time selection over some bars", "a damaged edits file"])
def test_edits_not_put_on_top_are_said(how):
    """Edits made on other notes (the bass changed in REAPER since) or other windows (the same items, a time
    selection now drumming some bars of them) are not put on other bars' drums, and the producer is told why, in one
    line, as the editor tells it; a damaged hand_edits.json is one line too."""
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=SEED))
        plain = drum_notes(bridge)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        kept_in_editor({1: tom_and_no_first_kick})
        if how == "a bass note moved":
            take = s.rpr.RPR_GetActiveTake(s.rpr.RPR_GetSelectedMediaItem(0, 0))
            note = s.rpr.RPR_MIDI_GetNote(take, 3, 0, 0, 0, 0, 0, 0, 0)
            s.rpr.RPR_MIDI_SetNote(take, 3, note[3], note[4], note[5] + 240, note[6] + 240, note[7], note[8],
                                   note[9], False)
            said = ("your 2 hand edits from the editor not kept on top: the selection changed in REAPER since they "
                    "were made (they were on other notes)")
        elif how == "a time selection over some bars":
            time_selection(s.rpr, 12, 20)
            said = ("your 2 hand edits from the editor not kept on top: the time selection chooses other bars of these "
                    "items than they were made on (or their notes changed since)")
        else:
            kept_edits_path().write_text("{not json", encoding="utf-8")
            said = "hand_edits.json"
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=SEED))
        if how == "a damaged edits file":
            assert drum_notes(bridge) == plain
        line = res["messages"][0]
        assert said in line and "\n" not in line and "Traceback" not in line, res["messages"]


def test_a_selection_never_edited_in_the_editor_is_drummed_as_before():
    """Edits kept for another part (a file, another selection) are not this selection's: nothing on top, nothing
    said."""
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), Settings(seed=SEED))
        plain = drum_notes(bridge)
    other = ProjectSpec(bpm=100)
    keys = other.add_track("Keys", selected=True)
    other.add_midi_item(keys, start_qn=0, length_qn=8, selected=True, notes=[(q, 0.5, 60, 90) for q in range(8)])
    with reapy_inside(other, purge=PURGE):
        kept_in_editor({1: tom_and_no_first_kick})
    with reapy_inside(bass_project(), purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, engine(), Settings(seed=SEED))
        assert drum_notes(bridge) == plain
        assert not any("editor" in m or "hand edit" in m for m in res["messages"]), res["messages"]
