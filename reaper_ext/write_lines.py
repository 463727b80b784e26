"""What Drumify says of the drums around the bars it wrote, from REAPER's side's answer (reaper_side.write_drum_track):
copies of the drum track still playing under them, pooled items kept, ReaGroove's drums taken out from under the
producer's, an earlier Drumify's drums taken out after the last part, where no part plays now, and those left in a gap
between parts next to the bars written (drums_around.py)."""

from __future__ import annotations

from .selection_bars import bars_said


def drum_copies(project: dict, written: dict) -> list[str]:
    """Copies of the drum track still playing their old drums under the bars just written (drum_track_copies.py),
    said with their bars and how to layer a kit that follows every run."""
    return [f"'{name}' (track {number}), a copy of the drum track, keeps its old drums in "
            f"{bars_said(project, spans)} under the new ones, two grooves at once: ReaGroove writes its own "
            f"drum track only (track {written['track_index'] + 1}); to layer a second kit, delete the copy and give "
            "the drum track a MIDI send to the kit's track"
            for name, number, spans in written.get("drum_copies") or ()]


def pooled_kept(project: dict, written: dict) -> list[str]:
    """The bars kept for a pooled drum item there (reaper_item_record.pooled), with how to redrum them alone."""
    spans = written.get("pooled_kept") or []
    return [f"the drums in {bars_said(project, spans)} are pooled (REAPER's pooled MIDI: their items share "
            "their notes with other items, which new drums there would change too), so they keep their drums: to "
            "redrum them alone, un-pool them (Item: Remove active take from MIDI source data pool) and Drumify "
            "again"] if spans else []


def removed_under(project: dict, written: dict) -> list[str]:
    """ReaGroove's drums as written that REAPER's side took out from under the producer's drum items (their copy
    of an edited item dragged over them), said with their bars."""
    spans = written.get("removed_under") or []
    if not spans:
        return []
    s = "s" if written.get("under_items", 1) > 1 else ""
    return [f"removed ReaGroove's drums under your drum item{s} in {bars_said(project, spans)} (two drum "
            "parts played at once there)"]


def past_band(project: dict, written: dict) -> list[str]:
    """An earlier Drumify's drums REAPER's side took out after the last part (drums_around.drums_past_band), with
    their bars."""
    spans = written.get("past_band") or []
    return [f"removed ReaGroove's earlier drums in {bars_said(project, spans)}, where no part plays now (an earlier "
            "Drumify's, left after the end of the last part; Undo brings them back)"] if spans else []


def gap_kept(project: dict, written: dict) -> list[str]:
    """An earlier Drumify's drums REAPER's side left in a gap between two parts next to the bars just written
    (drums_around.drums_in_gaps): kept, as a break's drums are, and said with their bars and what to do."""
    spans = written.get("gap_kept") or []
    if not spans:
        return []
    bars = bars_said(project, spans)
    one = bars.startswith("bar ") and " and " not in bars
    # (kept as a break's: a break drummed on purpose, its part re-rolled, is no mistake to delete)
    return [f"{bars} {'keeps' if one else 'keep'} drums from an earlier run, where no part plays now (kept as a "
            f"break's; for one take through {'it' if one else 'them'}, select the parts on both sides and Drumify)"]
