"""One kit plays at a time after Drumify, for actions.py: the variations Drumify muted said (or one still playing
over the new drums, from an older REAPER side), and the producer's own drums selected with the band (a guide beat
on channel 10 of a track of theirs: left out of what the new drums follow, yet still playing) keep the drum track
muted where they play over half its new bars or more, said with how to hear it instead (fewer: the bars said). The
drum track is ReaGroove's and muted in the same undo point, as Variations start muted where ReaGroove drums already
play; the producer's tracks and items are never changed."""

from __future__ import annotations

from reagroove.core.constants import DRUM_CHANNEL

from .selection_bars import bars_said, merged


def own_drums(items: list, label) -> list[tuple[str, float, float]]:
    """The producer's own drums among the selected items heard: MIDI items off ReaGroove's drum track playing notes
    on channel 10, as (label(item), first note QN, last note's end QN); none where they are all that is selected
    (a drum part re-drummed: the new drums are what the producer asked to hear, as Variations plays them)."""
    heard = [i for i in items if not i.get("on_drum_track")]
    if not any(not i.get("is_midi") or any(int(n[4]) != DRUM_CHANNEL for n in i["notes"]) for i in heard):
        return []
    out = []
    for item in items:
        if not item.get("is_midi") or item.get("on_drum_track"):
            continue
        drums = [n for n in item["notes"] if int(n[4]) == DRUM_CHANNEL]
        if drums:
            out.append((label(item), min(float(n[0]) for n in drums), max(float(n[1]) for n in drums)))
    return out


def own_drums_over(mine: list, specs: list) -> tuple[list[str], list[tuple[float, float]]]:
    """(labels, spans): the producer's drums (own_drums) playing over the drum items about to be written, and where
    they play over them [(lo_qn, hi_qn)]."""
    names, spans = [], []
    for name, lo, hi in mine:
        over = [(max(lo, s["start_qn"]), min(hi, s["end_qn"])) for s in specs]
        over = [(a, b) for a, b in over if b > a + 1e-6]
        if over:
            names.append(name)
            spans += over
    return list(dict.fromkeys(names)), spans


def mutes_drum_track(spans: list, specs: list) -> bool:
    """Whether the producer's drums (own_drums_over's spans) play over half the bars written or more: the drum
    track is muted then; less (a drum intro of theirs over a song's first bars), both kits are left playing and
    the bars where they meet are said (own_drums_line)."""
    written = sum(s["end_qn"] - s["start_qn"] for s in specs)
    total = sum(b - a for a, b in merged(spans))  # the union's length
    return written > 0 and total >= written / 2


def own_drums_line(names: list[str], track: str, muted: bool, where: str = "") -> str:
    """What Drumify says of the producer's drums over its bars (own_drums_over): the drum track muted for them, or
    the bars (`where`) two kits play."""
    one = len(names) == 1
    it = "it" if one else "them"
    if not muted:
        return (f"your drums {', '.join(names)} also play in {where}: two kits at once there; mute {it} (or the "
                f"'{track}' items there) to hear one")
    return (f"muted the '{track}' track, so one kit plays: your drums {', '.join(names)} play these bars too (mute "
            f"{it} and unmute '{track}' to hear ReaGroove's; select without {it} to hear both)")


def _items_straddle_line(project: dict, looked: dict) -> str:
    """What Drumify says of a variation whose items lie over both the drum track's playing and muted bars: the
    bars left with two kits (an item kept playing, mostly over muted drums) or none (one muted, mostly over
    playing drums), as REAPER mutes whole items, and how to split it: the part to mute of one kept, the part to
    unmute of one muted (its items are muted then, not the track, so that part plays)."""
    two, none = looked["two_kits"], looked["no_kit"]
    left = ([f"two kits playing {bars_said(project, two)}"] if two else []) + (
        [f"no kit in {bars_said(project, none)}"] if none else [])
    split = ("mute the part over the playing drums" if not none else "unmute the part over the muted drums"
             if not two else "mute the part over the playing drums or unmute the part over the muted ones")
    return (f"'{looked['name']}' leaves {' and '.join(left)}: REAPER mutes whole items, and an item of it lies "
            f"over drum-track bars both playing and muted (split it at the bar line and {split} for one kit in "
            "each bar)")


def two_kits(project: dict, items: list, written: dict) -> list[str]:
    """The variations Drumify muted (auditioned, then Drumify run for new drums: one kit plays), said with how
    to hear them again, those playing on where the drum track's items are muted, and the bars left with two kits
    or none by an item over both (variation_audition.py); a variation still playing there (an older REAPER side
    that mutes none) said as a clash."""
    looked = written.get("muted_variations") or ()  # variation_audition.mute_where_drums_play's entries
    said = [f"muted '{m['name']}' in {bars_said(project, m['muted'])}, where the drum track plays, so one kit plays "
            "(unmute its items there to audition it again)" for m in looked if m["muted"] and not m["track_muted"]]
    # where the drum track's items are muted (the producer's choice to hear it there) it plays on: no bar silent
    said += [f"'{n}' still plays {bars_said(project, where)}, where the drum track's items are muted"
             for n, where in written.get("variations_still_playing") or ()]
    said += [_items_straddle_line(project, m) for m in looked if m["two_kits"] or m["no_kit"]]
    if whole := [m["name"] for m in looked if m["track_muted"]]:
        one, names = len(whole) == 1, ", ".join(f"'{n}'" for n in whole)
        return [f"muted {names}, which played over these bars, so one kit plays "
                f"(unmute {'it' if one else 'them'} to audition {'it' if one else 'them'} again)"] + said
    if said:
        return said
    if not written.get("written") or not written.get("heard", True) or not items or "muted_variations" in written:
        return []
    lo, hi = min(i["start_qn"] for i in items), max(i["end_qn"] for i in items)
    names = [name for name, spans in project.get("variations_playing") or ()
             if any(a < hi - 1e-6 and b > lo + 1e-6 for a, b in spans)]
    if not names:
        return []
    which = ", ".join(f"'{n}'" for n in names)
    return [f"{which} also play{'s' if len(names) == 1 else ''} over these bars: two kits at once; mute "
            f"{'it' if len(names) == 1 else 'them'} (or the drum track) to hear one"]


__all__ = ["mutes_drum_track", "own_drums", "own_drums_line", "own_drums_over", "two_kits"]
