"""What of a Drumify window the producer's drum items hold, for reaper_side.write_drum_track (inside REAPER): the
window's bars outside an edited or locked ReaGroove item, written (a time selection's 2-bar window starts at the
selection, not on the items' grid: over bars 6-7 with the item of bars 5-6 edited, bar 7 had kept its old drums too,
"nothing written"); why each kept item is kept, as the producer did it; and which items written with other
settings a write replaced (their names carry the settings), for the console to say.
"""

from __future__ import annotations

from reagroove.core.groove import bar_grid

from . import project_maps, reaper_read
from .reaper_item_record import NAME_KEY, copied, pooled
from .reaper_names import HASH_KEY
from .selection_bars import cut_around, merged

# why a kept item is kept, in the order said ("you edited, muted, locked or played yourself")
REASONS = ("edited", "muted", "locked", "copied", "played yourself")


def _bar_lines(r, hi_qn: float) -> list:
    sigs = project_maps._known(r)[4][1]
    return [float(x) for x in bar_grid([(float(q), int(n), int(d)) for q, n, d in sigs], hi_qn).lines]


def held_bars(r, new: dict, holding: list, generated: dict) -> tuple[list, list]:
    """([[lo_qn, hi_qn], ...] the bars of window `new` the held items cover, the item specs for the rest of it):
    the held items' spans out to whole bars (an item trimmed mid-bar keeps its bar). Kept whole (no pieces) where
    a held item is the producer's own (`generated`: reaper_side._generated_spans, item -> (start, end, generated)),
    as before: their fill's bar and the bar beside it are one phrase of theirs."""
    lo, hi = new["start_qn"], new["end_qn"]
    whole = [[lo, hi]], []
    if any(not generated.get(e[0], (0, 0, False))[2] for e in holding):
        return whole
    lines = _bar_lines(r, hi)
    spans = []
    for e in holding:
        a = max([x for x in lines if x <= e[1] + 1e-6] or [e[1]])
        b = min([x for x in lines if x >= e[2] - 1e-6] or [e[2]])
        spans.append((max(lo, a), min(hi, b)))
    held = [[a, b] for a, b in merged(spans) if b > a + 1e-6]
    pieces = cut_around([new], held)
    return (held, pieces) if pieces else whole


def why_kept(r, holding: list, generated: dict) -> list:
    """The reasons the held items are kept (REASONS, in order): their own item or a take of theirs in one
    ("played yourself"), locked, muted, their copy (pooled too) with its notes as written, else edited (notes, trim,
    speed, name, colour...)."""
    found = set()
    for e in holding:
        item = e[0]
        if not generated.get(item, (0, 0, False))[2] or r.RPR_CountTakes(item) > 1:
            found.add("played yourself")
            continue
        if e[4]:
            found.add("locked")
        if not e[3]:
            continue
        muted = bool(r.RPR_GetMediaItemInfo_Value(item, "B_MUTE"))
        if muted:
            found.add("muted")
        same = reaper_read.notes_hash(r, item) == r.RPR_GetSetMediaItemInfo_String(item, HASH_KEY, "", False)[3]
        if not same or not muted:  # (muted alone: "muted")
            found.add("copied" if same and (copied(r, item) or pooled(r, item)) else "edited")  # (pooled: a copy)
    return [w for w in REASONS if w in found]


def replaced(r, e: list, new: dict) -> list:
    """[name, lo_qn, hi_qn]: the part of generated item e ([item, lo, hi, ...]) a new item replaces, named as written
    (its settings in words: 'ReaGroove · jazz 1.0 · density 0.30 · seed 0')."""
    name = r.RPR_GetSetMediaItemInfo_String(e[0], NAME_KEY, "", False)[3]
    return [name, max(e[1], new["start_qn"]), min(e[2], new["end_qn"])]


__all__ = ["REASONS", "held_bars", "replaced", "why_kept"]
