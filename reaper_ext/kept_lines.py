"""What Drumify says of the drum items it kept and replaced, from REAPER's side's answer (reaper_side.write_drum_track,
held_bars.py): the items kept and why, as the producer did it ("kept 1 item you muted"); the bars they keep; drums
written with other settings that this run replaced (a bridge drummed as jazz, then the whole song drummed again: it
had turned rock without a word); and a typed fill bar leading into bars a kept item or a variation plays, where the
crash that follows the fill is not heard.
"""

from __future__ import annotations

from reagroove.core.groove import bar_grid

from .selection_bars import bars_said, merged, overlap

SAID_AS = {"edited": "edited", "muted": "muted", "locked": "locked", "copied": "copied", "played yourself": "played"}
ALL_REASONS = ["edited", "muted", "locked", "played yourself"]  # an older REAPER side that names none


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _reasons(written: dict, spans=None) -> list[str]:
    """The reasons REAPER's side gave for the kept items (those of `spans` alone: their indices), in its order."""
    why = written.get("kept_why")
    if why is None:
        return ALL_REASONS
    picked = why if spans is None else [why[i] for i in spans if i < len(why)]
    found = {w for reasons in picked for w in reasons}
    return [w for w in SAID_AS if w in found] or ALL_REASONS


def kept_note(result: dict) -> str:
    """'; kept N items you edited' (the reasons found: 'you muted', 'you edited or locked') for a Drumify result that
    left the producer's items alone, and what it found already written ('drums already written for these settings:
    nothing changed ...'), else '' (the console's summary and the editor's status line say it alike)."""
    kept = result.get("kept_items", len(result.get("kept_edited") or ()))  # the items, not the windows they hold
    note = f"; kept {kept} item{'s' if kept != 1 else ''} you {_or(_reasons(result))}" if kept else ""
    if result.get("unchanged") and not result.get("written") and not result.get("past_band"):
        # pressed again with the same settings and seed: the same drums, so nothing is rewritten nor to undo (a
        # variation unmuted since is muted again, as any Drumify does: that alone is the undo point then)
        note += "; drums already written for these settings" + (
            ", left as they are" if any(m["muted"] or m["track_muted"] for m in result.get("muted_variations") or ())
            else ": nothing changed, no undo point (a new seed draws a new take)")
    return note


def kept_bars(project: dict, written: dict) -> list[str]:
    """The bars kept for the producer's items (REAPER's side's "kept_edited": whole bars an item holds, the rest
    of its window written), by REAPER's ruler, with why: one line per set of reasons."""
    kept = written.get("kept_edited") or []
    if not kept:
        return []
    groups: dict = {}
    for i, _span in enumerate(kept):
        groups.setdefault(tuple(_reasons(written, [i])), []).append(i)
    out = []
    for reasons, which in groups.items():
        spans = [tuple(kept[i]) for i in which]
        bars = bars_said(project, spans)
        one = bars.startswith("bar ") and " and " not in bars
        # bars apart: an item each ("bars 2-3" may be one item's, or two: REAPER's count where all have these reasons)
        items = len(merged(spans)) > 1 or (len(groups) == 1 and written.get("kept_items", 0) > 1)
        out.append(f"{bars} keep{'s' if one else ''} the drums {'it' if one else 'they'} had: "
                   f"{'drum items there were' if items else 'a drum item there was'} "
                   f"{_or([SAID_AS[w] for w in reasons])} by you (move or delete {'them' if items else 'it'} to redrum "
                   f"{'it' if one else 'them'})")
    return out


def replaced_line(project: dict, written: dict, run_name: str, items: list | None = None) -> list[str]:
    """The bars whose drums, written with other settings than the rest replaced, this run replaced: one line with
    their settings and that Undo brings them back. A take replaced whole (one setting: a new seed, a new genre for
    the bars asked) says nothing; the rest of a song drummed with other settings than this run's is the take
    replaced, not named. items: the run's windows (write_drum_track's spec["items"]): drums of one other setting
    under part of them alone (a bridge drummed as jazz, then the whole song) are named too."""
    spans: dict = {}
    for name, lo, hi in written.get("replaced") or ():
        if name and hi > lo + 1e-6:
            spans.setdefault(name, []).append((lo, hi))
    if len(spans) == 1 and run_name not in spans and items and _under_part(spans, written, items):
        spans[run_name] = []  # (named below as any setting beside this run's is)
    if len(spans) < 2:
        return []
    others = {n: s for n, s in spans.items() if n != run_name}
    if run_name not in spans:
        others.pop(max(others, key=lambda n: sum(b - a for a, b in others[n])))
    if not others:
        return []
    said = [f"{bars_said(project, s)} ({n.removeprefix('ReaGroove · ')})" for n, s in others.items()]
    return [f"{' and '.join(said)} had drums written with other settings: replaced with these (Undo, Ctrl+Z, brings "
            "them back; lock or edit a drum item to keep it through a Drumify)"]


def _under_part(spans: dict, written: dict, items: list) -> bool:
    """Whether the one setting's replaced drums lie under part of the bars the run wrote alone (the run's windows
    less the bars kept): a whole-song run over a jazz bridge, not a take replaced whole."""
    old = next(iter(spans.values())) + [tuple(s) for s in written.get("kept_edited") or ()]
    return any(i["end_qn"] - i["start_qn"] - overlap(i["start_qn"], i["end_qn"], merged(old)) > 1e-3 for i in items)


def fill_into_kept(project: dict, fill_bars, written: dict, items: list) -> list[str]:
    """Typed fill bars (REAPER's ruler) written here whose next bar a kept item or a variation still playing plays:
    the crash drawn to follow the fill is not heard there (a kept item keeps its own drums)."""
    if not fill_bars or not items:
        return []
    sigs = [(float(q), int(n), int(d)) for q, n, d in project["time_signatures"]]
    lo, hi = min(i["start_qn"] for i in items), max(i["end_qn"] for i in items)
    lines = [float(x) for x in bar_grid(sigs, hi + 16).lines]
    offset = int(project.get("measure_offset") or 0)
    kept = [tuple(s) for s in written.get("kept_edited") or ()]
    out = []
    for bar in fill_bars:
        at = int(bar) - 1 - offset  # the fill bar's index among the bar lines (the ruler counts from the start)
        if at < 0 or at + 2 >= len(lines):
            continue
        start, nxt, after = lines[at], lines[at + 1], lines[at + 2]
        if not lo - 1e-6 <= start < hi - 1e-6 or overlap(start, nxt, kept) > 1e-6:
            continue  # a fill bar outside these bars, or kept: no fill written
        plays = [name for name, spans in written.get("variations_still_playing") or ()
                 if overlap(nxt, after, [tuple(s) for s in spans]) > 1e-6]
        if plays:
            spans = next(s for n, s in written["variations_still_playing"] if n == plays[0])
            out.append(f"fill bar {bar} leads into bar {bar + 1}, where '{plays[0]}' plays (the drum track's items "
                       "are muted there): it keeps its own drums, so the crash after the fill is not heard (Variations "
                       f"over {bars_said(project, [tuple(s) for s in spans])} again draws versions that follow it)")
        elif overlap(nxt, after, kept) > 1e-6:
            out.append(f"fill bar {bar} leads into bar {bar + 1}, whose drum item you kept: it keeps its own drums, "
                       "so no crash follows the fill there (move or delete that item to redrum it)")
    return out


__all__ = ["fill_into_kept", "kept_bars", "kept_note", "replaced_line"]
