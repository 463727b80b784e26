"""The sections a range of bars is told of: the CLI's `--bars` (bar_range.range_of) and a REAPER time selection (which
drums its bars through range_of too) hear the whole song's line of a section starting (form_notes: a tempo or meter
change, the band changing what it plays, playing louder or softer, parts joining, leaving or swapped) said for what the
range plays of it. A section inside the range keeps its fill and crash; one on the bar after it is the range's last
bar's fill ("it starts a new section (bar N fills into it)": the crash is not drummed); the others are left out.
`--bars 3-4` of a song with tempo changes on bars 5 and 9 had been told the song's whole line, "... each starts a new
section (a fill into it, a crash on it)", crashes it does not play. Bars are those the messages say (REAPER's ruler:
Windows.bar_shift added), as range_of counts the range's. Plain Python."""

from __future__ import annotations

import re

# form_notes' line of one section starting, and the bars it names
NEW_SECTION = "it starts a new section (a fill into it, a crash on it)"
BARS_NAMED = re.compile(r"\bbars? (-?\d+)")
# its line of several, and how each kind lists them: "the tempo changes (from 96 to 120 BPM in bar 5, from 120 to 140
# BPM in bar 9)", "the band changes what it plays in bars 5, 9", "the band plays louder from bar 5, then softer from
# bar 9" (and "parts of the band ...", "... joins the band in bar 5, then ...", "the band swaps parts in ...")
EACH_SECTION = ": each starts a new section (a fill into it, a crash on it)"
CHANGES = re.compile(r"^the (?:meter and tempo change|meter changes|tempo changes) \((?P<items>.+)\)$")
HEARD = "the band changes what it plays in bars "
THEN_HEADS = ("the band plays ", "parts of the band ", "the band swaps parts in ", "")


def sections_near(messages: list, first: int, last: int) -> list:
    """`messages` with a section starting outside bars first..last said for what the range plays of it: one on the
    bar after it as its last bar's fill (the range fills into it; the crash is not drummed), one on the bar before it
    not at all (neither its fill nor its crash is drummed). Bars 2-3 were told "the tempo changes (... in bar 4): it
    starts a new section (a fill into it, a crash on it)", a crash they do not play."""
    out = []
    for m in messages:
        if m.endswith(EACH_SECTION):
            out += _each_near(m, first, last)
            continue
        named = {int(b) for b in BARS_NAMED.findall(m)} if m.endswith(NEW_SECTION) else set()
        if named and not any(first <= b <= last for b in named):
            if named == {last + 1}:
                m = m[:-len(NEW_SECTION)] + f"it starts a new section (bar {last} fills into it)"
            elif max(named) < first:
                continue
        out.append(m)
    return out


def _each_near(message: str, first: int, last: int) -> list[str]:
    """A line of several sections starting (EACH_SECTION) said of those in bars first..last, and of one on the bar
    after them as the range's last bar fills into it; the others left out. A time selection over bars 3-4 with tempo
    changes on bars 5 and 9 had read "... each starts a new section (a fill into it, a crash on it)": the song's line,
    crashes it does not play."""
    body = message[:-len(EACH_SECTION)]
    changes = CHANGES.match(body)
    if changes:  # (the kinds named again: a meter change left out is no "meter and tempo change")
        items = changes["items"].split(", ")

        def said(kept: list[str]) -> str:
            meter, tempo = any(re.search(r"\bto \d+/\d+", i) for i in kept), any(" BPM " in i for i in kept)
            kinds = "meter and tempo change" if meter and tempo else "meter changes" if meter else "tempo changes"
            return f"the {kinds} ({', '.join(kept)})"
    elif body.startswith(HEARD):
        items = body[len(HEARD):].split(", ")

        def said(kept: list[str]) -> str:
            return f"{HEARD[:-2]}{'s' if len(kept) > 1 else ''} {', '.join(kept)}"
    else:
        head = next(h for h in THEN_HEADS if body.startswith(h))
        items = body[len(head):].split(", then ")

        def said(kept: list[str]) -> str:
            return head + ", then ".join(kept)

    def bar_of(item: str) -> int | None:
        found = BARS_NAMED.search(item)
        return int(found[1]) if found else int(item) if item.lstrip("-").isdigit() else None

    bars = [bar_of(i) for i in items]
    if len(items) < 2 or None in bars:  # (a line worded otherwise: as the song says it)
        return [message]
    inside = [i for i, b in zip(items, bars) if first <= b <= last]
    into = [i for i, b in zip(items, bars) if b == last + 1]
    out = [f"{said(inside)}: {'each' if len(inside) > 1 else 'it'} starts a new section (a fill into it, a crash on "
           "it)"] if inside else []
    return out + ([f"{said(into)}: it starts a new section (bar {last} fills into it)"] if into else [])


__all__ = ["sections_near"]
