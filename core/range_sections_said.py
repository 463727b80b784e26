"""The lines of a song's form that a range of its bars is told for what it plays: the CLI's `--bars`
(bar_range.range_of) and a REAPER time selection (which drums its bars through range_of too) hear the whole song's
line of a section starting (form_notes: a tempo or meter change, the band changing what it plays, playing louder or
softer, parts joining, leaving or swapped) and of fill_every's fills moved off the plain count, said of the range's
bars alone.

A section inside the range keeps its fill and crash; one on the bar after it is the range's last bar's fill ("it
starts a new section (bar N fills into it)": the crash is not drummed); the others are left out. `--bars 3-4` of a
song with tempo changes on bars 5 and 9 had been told the song's whole line, "... each starts a new section (a fill
into it, a crash on it)", crashes it does not play. The line of moved fills names the range's bars: `--bars 3-4` had
been told "none in bars 3, 5, 7, 9; fills also end bars 4, 6, 8, 10", bars it does not drum.

Each such line is a `RangeLine`: the text the whole song reads, carrying what it names, so the code that worded it
(form_notes) words it again for a range (`in_bars`). These lines had been narrowed by re-reading their wording with
regular expressions (here for sections, in reaper_ext.selection_range for fills, which --bars never ran): a change of
wording broke them silently, and a list cut at its first four bars could not be told a range past them. Bars are
those the messages say (REAPER's ruler: Windows.bar_shift added), as range_of counts the range's. Plain Python."""

from __future__ import annotations


class RangeLine(str):
    """A line the whole song reads (the string itself) that names bars, which a range of bars is told in the words of
    its writer (`in_bars`)."""

    def in_bars(self, first: int, last: int) -> list[str]:
        """The line said to bars first..last (by the ruler): none, one or more lines."""
        raise NotImplementedError


__all__ = ["RangeLine"]
