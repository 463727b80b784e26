"""A bassless outro: the bass plays its last note and leaves for good while the rest of the band (the keys, a pad,
a voice or two) plays on for OUTRO_BARS bars to the song's end.

The drums had played their full groove to the end over a lone Rhodes (freedoom's d_e1m8, its "Conclusion": the bass
lands on bar 73, the Rhodes and two voices play 15 more bars). A drummer ends with the bass: a kick and a crash
on the downbeat it lands on, then lays out, the cymbal ringing. Freedoom's drummers where the bass leaves for
good 4 to 16 bars before the end: d_e1m8, d_e2m7, d_map32 silent from there (d_map18's already out), d_e3m9 after 2
more bars; d_fdmint's bass leaves 33 bars before the end, where its drummer plays on (longer than OUTRO_BARS: a
section of the song's own). The band's parts alone tell it less well: two parts or more leaving, the rest at most
half the band, found 14 such endings on freedoom, their drummers playing on through 7. Read as a stop
(stops.Stop) whose band never comes back: the drums hit with it and rest to the end (fills.end_on_hit), said as
an outro (form_notes: `held`, no comeback).

The band left must be an outro's, not the band playing on without its bass (a rock band's guitar, keys and lead
going on at full level, or a REAPER selection whose bass item is shorter than the rest: the drums had laid out
under a full band): with the parts known (Windows.parts), a part comes in with it (d_e1m8's two voices, d_e2m7's
new lines: their outros' own parts), or the parts left are at most half the band before it, or they play clearly
fewer onsets (THIN_ONSETS) or softer (THIN_LEVEL) than the band's bars before it. On freedoom it fires on d_e1m8
and d_e2m7 only, as before the check, both drummers laying out.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .band_hits import bar_onsets
from .loop import STEPS_PER_BEAT
from .meter import WindowBars
from .stops import Stop

# bars the band plays on after the bass leaves: at least (a shorter tail is the last chord's ring, stops.band_stops'
# song end) and at most (a longer one is a section of its own, played through)
OUTRO_BARS = (4, 16)
# bars before its last the bass plays in, each: the band's bass line, not a low note or two of the keys
BASS_BARS = 4
# the outro's band plays less than this share of the onsets a bar of the band before it played: thinner
THIN_ONSETS = 0.5
# or its notes' mean level (velocity, 0-1) is this much lower: the band playing softer to the end
THIN_LEVEL = 0.15


def bassless_outro(grooves: np.ndarray, bass: np.ndarray | None, bars: np.ndarray,
                   meters: Sequence[WindowBars | None] | None, starts: Sequence[float] | None, end: float, *,
                   song_end: bool = True, taken: set[int] = frozenset(), parts=None) -> list[Stop]:
    """The stop of a bassless outro (song_end and a known end; bass: Windows.bass, the low register on the real
    grid): the bass plays in each of the BASS_BARS bars before its last, then never again, and the band plays on for
    OUTRO_BARS bars after it to its last bar with notes, in at least half of them. The hit is the bass's last bar
    where it only lands there (its notes within the first beat), else the bar after where the band plays its
    downbeat; none where a stop is `taken` from it on, or where the band left is the band before it less its bass
    (_thinned: parts, Windows.parts, tell which parts play). One stop with no comeback (the drums hit and rest to
    the end), or none."""
    if bass is None or not song_end or not np.isfinite(end):
        return []
    band = bar_onsets(grooves, bars, meters, starts, end)
    low = bar_onsets(np.asarray(bass).reshape(np.shape(grooves)), bars, meters, starts, end)
    played = sorted(b for b, r in band.items() if len(r[4]))
    lows = sorted(b for b, r in low.items() if len(r[4]))
    if not played or not lows:
        return []
    last, bass_last = played[-1], lows[-1]
    if not all(b in lows for b in range(bass_last - BASS_BARS, bass_last)):
        return []
    landed = low[bass_last][4].max() < STEPS_PER_BEAT  # (onsets from the downbeat, in 16ths)
    hit = bass_last if landed and 0 in low[bass_last][4] else bass_last + 1
    tail = range(hit + 1, last + 1)
    if hit not in band or 0 not in band[hit][4] or not OUTRO_BARS[0] <= len(tail) <= OUTRO_BARS[1]:
        return []
    if sum(b in played for b in tail) * 2 < len(tail) or any(b in taken for b in range(hit, last)):
        return []
    if not _thinned(grooves, band, parts, range(hit - BASS_BARS, hit), [b for b in tail if b in played]):
        return []
    w, lo = band[hit][:2]
    return [Stop(hit, w, lo, held=True)]


def _thinned(grooves: np.ndarray, band: dict, parts, before: range, tail: list[int]) -> bool:
    """Whether the band in the `tail` bars is an outro's against the band in the bars `before` the bass left (band:
    band_hits.bar_onsets): a part new to it (its own parts), the parts left at most half of those before, or its
    onsets per bar under THIN_ONSETS of theirs, or its level THIN_LEVEL below. Without parts known (a count per
    window alone), the onsets and level tell it."""
    before = [b for b in before if b in band and len(band[b][4])]
    if not before or not tail:
        return True
    steps = getattr(parts, "steps", None)
    if steps is not None:
        def who(bars):
            return int(np.bitwise_or.reduce([int(np.bitwise_or.reduce(steps[band[b][0], band[b][1]:band[b][2]]))
                                             for b in bars]))
        was, left = who(before), who(tail)
        if not left & was:  # no part plays on: the band swapped the bass for another part (a verse's bass, then a
            return False  # chorus on the keys), no band thinned behind a bass leaving
        if left & ~was or 2 * bin(left).count("1") <= bin(was).count("1"):
            return True
    g = np.asarray(grooves).reshape(len(grooves), -1, np.shape(grooves)[-1])

    def onsets_and_level(bars):
        loud = np.concatenate([g[band[b][0], band[b][1] + band[b][4], 1] for b in bars])
        return len(loud) / len(bars), float(loud.mean())
    (was_on, was_level), (on, level) = onsets_and_level(before), onsets_and_level(tail)
    return on < THIN_ONSETS * was_on or level < was_level - THIN_LEVEL


__all__ = ["bassless_outro", "OUTRO_BARS", "BASS_BARS", "THIN_ONSETS", "THIN_LEVEL"]
