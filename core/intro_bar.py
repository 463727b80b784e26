"""An intro bar: a first bar whose figure lands on bar 2's downbeat, the song's phrases counting from bar 2.

Some songs open on a bar of hits (a run of stabs or a 16th flourish, 3+3+3+3+2 or a scale) that some of the band's
parts play across bar 1 and end on bar 2's downbeat, while the rest of the band goes on from there: the figure
leads into bar 2 the way a pickup does, over a whole bar. A drummer catches the hits, crashes on bar 2 and counts
the song's phrases from there (freedoom's d_e2m1 and d_map06: their drummers crash on bars 2, 10, 18, ... and fill
bars 9, 17, 25; ReaGroove, counting from bar 1, filled bars 8, 16, 24 with a fill every 8 bars: a bar early).

Heard, on freedoom's 108 songs with drums, in d_e2m1 and d_map06 only (both drummers' crashes fall a bar after
bar 1's phrases: 8 of 12 and 5 of 5); a two-bar riff that rests a bar and comes back (d_dm09) plays on its own
phrases, and a band landing on a held chord with nothing after it (d_inter) is no groove going on from bar 2.
Where the landing part comes back tells whose phrases they are: d_e2m1's and d_map06's landing parts come back
on bar 10 (on bar 2's grid of 4-bar phrases); a lead lick in bar 1 that lands on bar 2 and comes back on bar 5
(1 + 4k) is a figure on bar 1's phrases, the band's, and counting from bar 2 put every fill and crash a bar late.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .loop import STEPS_PER_BEAT

if TYPE_CHECKING:
    from .groove import BarGrid
    from .midi import Notes

FIGURE_NOTES = 3  # a part's onsets in bar 1 that make a figure (one struck chord is no figure)
DRUM_CHANNEL = 9  # General MIDI's channel 10
DROPS_BARS = 3  # bars from bar 2's downbeat (to bar 5) the landing part stays out: its figure was the intro's
PHRASE_BARS = 4  # a landing part next coming in on bar 1 + 4k plays on bar 1's phrases: no intro bar
PICKUP_BEATS = 1.0  # a return note this close (quarter notes) before a bar line is that bar's pickup


def opens_on_intro_bar(grid: BarGrid, notes: Notes) -> bool:
    """Whether bar 1 (a whole bar of the file's own meter, not a pickup bar) is an intro bar: a part plays a figure
    in it (FIGURE_NOTES onsets or more, from its first half) that ends on bar 2's downbeat, the part then silent
    DROPS_BARS bars on and not next coming in on a bar 1 + PHRASE_BARS * k (bar 1's phrases), while another part
    plays on through bar 2 after its first beat (a quarter note) and into bar 3."""
    if grid.first_bar or len(notes) == 0 or len(grid.lines) < 2 + DROPS_BARS:
        return False
    lines = [float(x) for x in grid.lines[:2 + DROPS_BARS]]
    if lines[1] - lines[0] < 2 or any(b - a != lines[1] - lines[0] for a, b in zip(lines, lines[1:])):
        return False  # a short bar or a change of meter: not a bar of the song's own
    band = notes.channel != DRUM_CHANNEL
    if band.any() and not band.all():
        notes = notes.select(band)  # the band's figure and groove: a drum part beside it plays the hits with it
    played = np.round(notes.start * STEPS_PER_BEAT) / STEPS_PER_BEAT  # a note half a 16th early is the next's
    if played.min() > lines[0] + 1e-9:
        return False  # the music opens later (phrase_start_of counts from its first bar)
    lands = goes_on = False
    for part in np.unique(notes.parts()):
        at = played[notes.parts() == part]
        figure = at[(at >= lines[0] - 1e-9) & (at < lines[1] - 1e-9)]
        down = bool((np.abs(at - lines[1]) < 1e-6).any())
        after = at[(at >= lines[1] + 1 - 1e-9) & (at < lines[1 + DROPS_BARS] - 1e-9)]
        if len(figure) >= FIGURE_NOTES and figure[0] < (lines[0] + lines[1]) / 2 and down and not len(after):
            back = at[at >= lines[1] + 1 - 1e-9]  # its next entry, past bar 2's downbeat it landed on
            # a pickup in a bar's last quarter note is the next bar's entry (as lone_part_intro's): one 8th on
            # bar 9's "and" of 4 before the lead's return on bar 10 is a return on bar 2's phrases
            if len(back) and (grid.bar_number(float(back.min()) + PICKUP_BEATS) - 1) % PHRASE_BARS == 0:
                return False  # the figure comes back on bar 1's phrases: a lick of the band's, not an intro
            lands = True
        elif (after < lines[2] - 1e-9).any() and ((after >= lines[2] - 1e-9) & (after < lines[3] - 1e-9)).any():
            goes_on = True
    return lands and goes_on
