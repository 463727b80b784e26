"""One grouping of an odd bar's beats through a section: 5/4 as 3+2 or 2+3 held, as a drummer settles on one.

meter_read.follow_groupings hears each window's grouping from the band's accents on its own (a 5/4 loop is one
bar), so where the band's accents sit near the line between two groupings the drums switched bar by bar. Over
freedoom's d_e2m4 (5/4) bars 10-17 went 3+2, 2+3, 3+2, 3+2, 3+2, 2+3, 3+2, 2+3: the kick and snare swapping
between "K-S-S | K-S" (snare on 2, 3 and 5) and "K-S | K-S-S" (snare on 2, 4 and 5, no kick in beats 4-5), and
the windows of one section falling into two takes (sections.section_takes tells meters apart by their grouping).
The song's drummer keeps 3+2 in all 48 bars whose kick and snare say a grouping clearly.

So per take (the windows of a section in one meter, a section the band plays again joining the first:
sections.section_takes, on the meters with their groupings left out, as section_time.held_figure holds one hat
figure a take) the grouping most of its windows' accents are heard in is the section's (a tie: the one heard
first, where the drummer started), and each window of it plays that one, but a run of at least
meter_read.METER_HOLD_BARS bars heard in another (a phrase, as a change of meter must hold to start a section):
there the band's grouping has clearly changed, and the drums follow it. A window without a note votes for none
(follow_groupings gives it its neighbour's). Pickups and meters with one grouping (3/4, 4/4, 6/8) are left as
they are: their meters come back unchanged, the very object.

Over freedoom's nine songs with 5/4, 7/4, 5/8, 7/8 or 9/8 bars (456 such bars), bars whose grouping differs from
the bar before inside a section: 43 -> 1 (d_e2m4 15 -> 1, d_dm17's 9/8 17 -> 0, d_e2m7 5 -> 0, d_e2m8 5 -> 0,
d_map32 1 -> 0);
the songs' drummers (their kick on a group's first beat, snare on the others; in 8ths, hits on the beats), 0 in
the bars both say clearly; bars agreeing with the drummer's grouping 62 -> 72 of 143 (d_e2m4 34 -> 43 of 48,
d_e4m4's lone 5/8 bars 17 -> 21 of 21, d_map32 5 -> 2 of 41: its band accents 3+2 where its drummer plays 2+3).
d_dm17's 9/8 now holds 3+3+3 to bar 79 and 2+3+2+2 from 80 (its accents' 16-bar phrase), a regrouping that
meter sections hear as a new section (a fill into 80, a crash on it: the drummer fills in 78-79 and crashes on
every 8th from 80).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .loop import STEPS, STEPS_PER_BEAT
from .meter import GroupedBar, is_pickup
from .meter_groups import QUARTER_GROUPINGS
from .meter_read import GROUPINGS, METER_HOLD_BARS
from .sections import section_takes


def groupings_of(num: int, den: int) -> tuple[tuple[int, ...], ...]:
    """The groupings a num/den bar can be heard in, the default first (none for a meter with one)."""
    return GROUPINGS.get(num, ()) if den == 8 else QUARTER_GROUPINGS.get(num, ()) if den == 4 else ()


def grouping(bar) -> tuple[int, ...]:
    """A window's bar's grouping: its own (meter.GroupedBar), else its meter's default."""
    return tuple(getattr(bar, "groups", None) or groupings_of(bar[1], bar[2])[0])


def held_groupings(meters, grooves: np.ndarray, bars, section_bars: Sequence[int] = (),
                   bass: np.ndarray | None = None):
    """The windows' meters (Windows.meters, groupings heard: meter_read.follow_groupings) with each take's odd bars
    in one grouping (the module's rule); grooves (W, 32, 3), bass: the part's on the real grid; bars: each window's
    first bar; section_bars: where sections start. Unchanged (the same object) where nothing changes."""
    if meters is None or not len(meters):
        return meters
    keys = {(b[1], b[2]) for bars_ in meters if bars_ and not is_pickup(bars_) for b in bars_
            if len(groupings_of(b[1], b[2])) > 1}
    if not keys:
        return meters
    plain = [bars_ if bars_ is None else tuple(tuple(b) if hasattr(b, "groups") else b for b in bars_)
             for bars_ in meters]
    takes = section_takes(bars, plain, section_bars, grooves, bass)
    chosen: dict[tuple[int, int, int], tuple[int, ...]] = {}  # (window, num, den) -> grouping played
    for key in sorted(keys):
        for take in np.unique(takes).tolist():
            chosen.update(_take_groupings(meters, grooves, np.flatnonzero(takes == take), key))
    out = list(meters)
    for w, bars_ in enumerate(meters):
        if not bars_ or is_pickup(bars_):
            continue
        laid = tuple(_regrouped(b, chosen.get((w, b[1], b[2]))) for b in bars_)
        if any(tuple(a) != tuple(b) or getattr(a, "groups", None) != getattr(b, "groups", None)
               for a, b in zip(laid, bars_)):
            out[w] = laid
    return out if any(a is not b for a, b in zip(out, meters)) else meters


def _take_groupings(meters, grooves, rows: np.ndarray, key: tuple[int, int]) -> dict:
    """{(window, num, den): grouping} for a take's windows (rows, in order) that play `key` bars."""
    votes = []  # (window, its key bars, the grouping heard or None for a window of rests)
    for w in rows.tolist():
        bars_ = meters[w]
        if not bars_ or is_pickup(bars_):
            continue
        own = [b for b in bars_ if (b[1], b[2]) == key]
        if own:
            votes.append((w, len(own), grouping(own[0]) if _heard(grooves, w, own) else None))
    heard = [g for _, _, g in votes if g is not None]
    if not heard:
        return {}
    counts = {g: sum(n for _, n, h in votes if h == g) for g in heard}
    held = max(heard, key=lambda g: (counts[g], -heard.index(g)))  # (a tie: the one heard first)
    out = {(w, *key): held for w, _, _ in votes}
    for run in _runs(votes):
        if run[0][2] != held and sum(n for _, n, _ in run) >= METER_HOLD_BARS:
            out.update({(w, *key): run[0][2] for w, _, _ in run})
    return out


def _runs(votes: list) -> list[list]:
    """The runs of consecutive windows (in the take's rows) heard in one grouping; a window of rests between two of
    the same grouping joins them (it counts no bars)."""
    runs: list[list] = []
    last = None
    for w, n, g in votes:
        apart = last is None or w != last + 1
        last = w
        if g is None:
            if runs and not apart:
                runs[-1].append((w, 0, runs[-1][0][2]))
            continue
        if runs and not apart and runs[-1][0][2] == g:
            runs[-1].append((w, n, g))
        else:
            runs.append([(w, n, g)])
    return runs


def _heard(grooves, w: int, bars_) -> bool:
    """Whether the band plays a note in a window's bars."""
    if grooves is None or w >= len(grooves):
        return False
    for offset, num, den in (tuple(b[:3]) for b in bars_):
        lo = round(offset * STEPS_PER_BEAT)
        hi = min(STEPS, round((offset + num * 4 / den) * STEPS_PER_BEAT))
        if (np.asarray(grooves[w])[lo:hi, 0] > 0.5).any():
            return True
    return False


def _regrouped(bar, groups):
    """A window's bar in `groups` (None: as it is): a GroupedBar, or the plain bar for its meter's default."""
    if groups is None or tuple(groups) == grouping(bar):
        return bar
    offset, num, den = tuple(bar[:3])
    return (offset, num, den) if tuple(groups) == groupings_of(num, den)[0] else GroupedBar(offset, num, den, groups)


__all__ = ["held_groupings", "grouping", "groupings_of"]
