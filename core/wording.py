"""How counts and lists are said in what ReaGroove prints: "1 onset", "3 onsets" ("1 onsets" was said); "A, B and C";
"bars 48, 72 and 88"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in its number: counted(1, "note") is "1 note", counted(3, "note") "3 notes"; `plural` for
    a noun whose plural is not noun + "s" (counted(2, "match", "matches"))."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def listed(items: list[str]) -> str:
    """Items as a sentence says them: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# a list of bars says this many runs at most, then "...": a long song's list said whole ran to two lines
BARS_LISTED = 4


def bars_listed(bars: list[int]) -> str:
    """Bars (sorted, distinct) as a line names them, runs of consecutive bars by their ends: "bar 48", "bars 48, 72
    and 88", "bars 1-4 and 9"; past BARS_LISTED runs the first of them, then "...": "bars 1, 3, 5, 7, ..."."""
    runs: list[list[int]] = []
    for b in bars:
        if runs and b == runs[-1][1] + 1:
            runs[-1][1] = b
        else:
            runs.append([b, b])
    said = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    noun = "bar" if len(bars) == 1 else "bars"
    return f"{noun} {', '.join(said[:BARS_LISTED])}, ..." if len(said) > BARS_LISTED else f"{noun} {listed(said)}"


__all__ = ["BARS_LISTED", "bars_listed", "counted", "listed"]
