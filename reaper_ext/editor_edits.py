"""The editor's hand edits on the drums Drumify and Variations write into REAPER, wherever they are run from.

A producer fixes the drums by hand in the editor (panel/edits.py), which keeps the edits with the selection they
were made on (panel/kept_edits.py: hand_edits.json in the user data folder, keyed by the selected items' GUIDs, its
digest the selection's windows). The docked panel's Drumify and Variations and REAPER's toolbar actions run in
another process (commands.py): they had written the drums without them, the edits gone from the project and
nothing said. Here those actions find the edits by the same key and put them on top, as the editor's own Drumify
does (EditedEngine: version 1's on Drumify's drums, each version's on its own in Variations), and say so. The
editor passes an EditedEngine of its own: its edits as the roll shows them, not the file's copy of them.

Drum items the producer edited in REAPER's MIDI editor stay as they are (reaper_side.write_drum_track): the editor's
edits in their bars are not written, and that is said too. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .panel.edits import EditedEngine, HandEdits, count_text
from .panel.input_groove import selection_guids
from .panel.kept_edits import KeptEdits, kept_edits_path, selection_part_id
from .selection_bars import clip_name

SELECTION_NAME = "REAPER selection"  # the name the editor keeps them under (input_groove.input_from_selection)
TO_DROP = "to drop {}: Read REAPER selection in the editor, then Clear hand edits"


@dataclass
class OnTop:
    """The editor's hand edits put on top of an action's drums (version -> HandEdits), and what to say where none
    could be (the selection changed since, the file damaged)."""

    by_version: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def drumify_notes(self, result, written: dict) -> list[str]:
        """What Drumify says of them: how many are in the drums written, and how many are not because their
        bars kept a drum item the producer edited, muted, locked or played in REAPER (theirs, newer: it stays)."""
        edits = self.by_version.get(1)
        if edits is None or not written.get("written"):
            return self.notes  # nothing written (the same drums there already): nothing to say of them
        kept = written.get("kept_edited") or ()
        left = {int(bar) for bar, start in zip(result.bars, result.starts)
                if any(abs(float(start) - k[0]) < 1e-6 for k in kept)}
        out = sum(1 for (bar, _, _), _ in edits.cells if bar in left)
        notes = [f"{count_text(len(edits) - out)} from the editor kept on top "
                 f"({TO_DROP.format('it' if len(edits) - out == 1 else 'them')})"] if len(edits) > out else []
        if out:
            notes.append(f"{count_text(out)} from the editor not written: {'it is' if out == 1 else 'they are'} in "
                         "bars whose drum item you edited, muted, locked or played in REAPER, kept as it is")
        return notes + self.notes

    def variations_notes(self, written: dict, count: int) -> list[str]:
        """What Variations says of them: the tracks written with a version's own edits on top."""
        first = int(written.get("first_number", 1))
        on = [(k, len(e)) for k, e in sorted(self.by_version.items()) if 1 <= k <= count]
        if not on:
            return self.notes
        said = [f"{count_text(n) if i == 0 else n} on {'ReaGroove ' if i == 0 else ''}Var {first + k - 1}"
                for i, (k, n) in enumerate(on)]
        return [f"hand edits from the editor kept on top: {', '.join(said)} ({TO_DROP.format('them')})"] + self.notes


def editor_edits(engine, sel, wins) -> tuple:
    """(the engine to run, OnTop) for REAPER's selection `sel` read into `wins` (actions.selection_windows): the
    engine with the hand edits the editor keeps for these items on top, or as it is where there are none (or it
    is the editor's own EditedEngine)."""
    if isinstance(engine, EditedEngine):
        return engine, OnTop()
    part = selection_part_id(wins.grooves, wins.bars, sel.item_tracks, sel.start_qn,
                             selection_guids(sel.project.get("items", ())))
    found = KeptEdits(kept_edits_path()).lookup(part, SELECTION_NAME)
    if found.problem:
        return engine, OnTop(notes=[found.problem])
    if found.changed:
        # the same items read over other bars (a time selection now, or another one) are other windows: as the
        # editor, the edits go on none of them, and which changed is said
        clip = clip_name(sel.project)
        why = (f"the {clip} chooses other bars of these items than they were made on (or their notes changed since)"
               if sel.time_selection else "the selection changed in REAPER since they were made (they were on other "
               "notes)")
        return engine, OnTop(notes=[f"your {count_text(found.count)} from the editor not kept on top: {why}"])
    if not found.by_version:
        return engine, OnTop()
    others = {k: e for k, e in found.by_version.items() if k > 1}
    return EditedEngine(engine, found.by_version.get(1, HandEdits()), others), OnTop(found.by_version)


__all__ = ["OnTop", "editor_edits"]
