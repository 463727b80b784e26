"""A reggae drummer's fill bars (the one drop kept where the fill starts after it, the fill landing into the next 1
with the kick, never a rock backbeat before it) and the drop in meters no other rule drops (5/4, 7/4, 7/8, 12/8).

The one drop is laid on a part's beats (one_drop.py in 4/4, meter_genres.py over a waltz's or a 6/8's bars), but a
phrase's fill is the network's fill loop laid over the bar's end (fills.fill_part), drawn as a fill and never
one-dropped. Asked for reggae over the bundled funk bass with --fill-every 4bars, the fill bar's snare struck the 3
with no kick under it (the kick on the "a" of 3); over the shuffle with --fill-length bar the fill loop's backbeat
played the snare on 2 and no drop; over a 3/4 game song's fill from the waltz's 2 the 1 was kicked and the 3 had
no kick. A reggae drummer plays the drop in a fill bar (its kick and rim, the 1 left open, no snare before it) and
fills from the "and" of 3 or on 4; a fill through the drop strikes it with the foot under it, and every fill lands
with the kick under the next phrase's crash. With disco leading too (steppers) the kick is on every beat before
the fill's toms. Plain numpy over a part's loops on the real grid, after its fills are laid (called from
fill_landings.vary_landings, which drumify and live both lay fills through).

Over a 5/4 game song reggae played the network's busy rock beat (the snare on 8 of a bar's 20 16ths): one_drop.py
drops plain 4/4 bars and meter_genres.py the waltz's and 6/8's. `other_meter_drops` drops the rest on their middle
beat (5/4's 3), as the engine and live lay a genre's rules on the real grid (half_time_genres.genre_half_time).
"""

from __future__ import annotations

import numpy as np

from .half_time import half_time_window
from .limbs import CLOSED_HAT, CRASH, HIGH_TOM, KICK, LOW_TOM, MID_TOM, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES, STEPS, runs
from .meter import BAR_STEPS, bars_beats, is_pickup
from .one_drop import DROP_LEVEL, OWN_HATS, drop_bar, reggae_leads, steppers  # (reggae_leads: it fills so, as it drops)

DRUMS = [SNARE, LOW_TOM, MID_TOM, HIGH_TOM]
KEEPS_TIME = 6  # of a window's 16 8ths, the closed hat keeps time on at least this many
LEAD_IN_STROKES = 2  # a reggae fill's snare strokes between the drop and its toms, at most
LEAD_IN_UNDER = 0.85  # the stroke before the last at most this share of the drop's level


def drop_step(beats: list[int]) -> int:
    """The real step of a bar's drop (beats: its beats' first steps), as one_drop.py and meter_genres.py lay it: the
    waltz's 3, else its middle beat (4/4's and 5/4's 3, 6/8's second dotted beat)."""
    return beats[-1] if len(beats) == 3 else beats[len(beats) // 2]


def reggae_fill_bars(out: np.ndarray, fills, fill_at: np.ndarray, meters, mix, groups: dict) -> np.ndarray:
    """out (W, 32, 27) on the real grid, in place and returned, with each bar holding a fill (the runs of fill_at
    (W, 32) in the windows `fills`) played as a reggae drummer plays it (`drop_fill`) where reggae leads the mix (9
    weights); groups: the voice groups (a group switched off gets no notes). Pickups and half-time windows (their
    own rules: half_time_genres.py, their fill bars `half_time_fill_bars`) are left as they are."""
    if not reggae_leads(mix) or not len(fills):
        return out
    snare, kick = groups.get("snare", True), groups.get("kick", True)
    stepping = steppers(mix)
    for w in np.asarray(fills).tolist():
        bars = None if meters is None else meters[w]
        if is_pickup(bars) or (bars is not None and half_time_window(bars)):
            continue
        for lo, _ in runs(fill_at[w]):
            for beats in filter(None, bars_beats(bars)):
                start, end = beats[0].start, beats[-1].start + beats[-1].length
                if start <= lo < end <= STEPS:
                    drop_fill(out, w, [b.start for b in beats], end, lo, snare, kick, bool(stepping))
                    break
    return out


def half_time_fill_bars(out: np.ndarray, fills, fill_at: np.ndarray, half: np.ndarray, mix, groups: dict) -> np.ndarray:
    """out (W, 32, 27) on the real grid, in place and returned, with each half-time bar laid one to one (half:
    half_time.half_time_steps' (W, 32), a 4/4 bar's 16 steps at the song's speed) that
    holds a fill (fill_at (W, 32) in the windows `fills`) played as `drop_fill` plays a 4/4 fill bar, on the bar's
    quarters, its drop the half-time backbeat on 3, where reggae leads the mix (9 weights); groups: the voice
    groups. Half time's one drop (half_time_genres.one_drop) leaves a bar whose fill starts on or before its 3 as
    drawn, and reggae_fill_bars leaves half-time windows: over the e1m6 band part with --feel half --fill-every
    8bars a fill through the drop had kicked the 1 and struck the snare on the "and" of 2, and one after it led in
    with 4 snare strokes (5 with the drop) where a 4/4 bar's keeps LEAD_IN_STROKES."""
    if not reggae_leads(mix) or not len(fills):
        return out
    snare, kick = groups.get("snare", True), groups.get("kick", True)
    stepping = bool(steppers(mix))
    for w in np.asarray(fills).tolist():
        for start in range(0, STEPS, BAR_STEPS):
            bar = slice(start, start + BAR_STEPS)
            if half[w, bar].all() and fill_at[w, bar].any():
                lo = start + int(np.argmax(fill_at[w, bar]))
                drop_fill(out, w, list(range(start, start + BAR_STEPS, QUARTER)), start + BAR_STEPS, lo,
                          snare, kick, stepping)
    return out


def drop_fill(out: np.ndarray, w: int, beats: list[int], end: int, lo: int, snare: bool, kick: bool,
              steppers: bool) -> None:
    """In place on window w of out (W, 32, 27): the bar of beats (their first steps) up to `end` whose fill starts at
    step lo. Up to the drop no snare (the hand back on the hat: `hand_back_on_the_hat`) and no kick but under a
    crash (steppers: the kick on the beats), where no tom plays there. A fill whose toms start after the drop: the
    drop's snare (the bar's loudest snare's level) and its kick (the median level of the window's kicks outside the
    bar, a crash's left out), the foot resting for the rest of the drop's beat unless that beat is the bar's last
    (a landing's). A fill through the drop: the kick under its stroke there. The next 1 with a crash (the next
    window's first step where the bar ends the window) gets the kick under it."""
    n = N_VOICES
    loop = out[w]
    hit = loop[:, :n] > 0.5
    s, drop = beats[0], drop_step(beats)
    toms_from = s + first_tom(hit[s:end])
    snares = loop[s:end, n + SNARE][hit[s:end, SNARE]]
    level = float(snares.max()) if len(snares) else DROP_LEVEL
    beat = np.ones(STEPS, bool)
    beat[s:end] = False
    kicked = hit[:, KICK] & ~hit[:, CRASH]  # (a phrase's accented 1 left out, and the fill's own where the beat kicks)
    kicks = loop[:, n + KICK][kicked & beat if (kicked & beat).any() else kicked]
    kick_level = float(np.median(kicks)) if len(kicks) else level
    groove = np.zeros(STEPS, bool)  # before the drop, where the fill plays no tom (the fill's own strokes stay)
    groove[s:min(drop, toms_from)] = True
    if snare:
        loop[groove, SNARE::n] = 0.0
        hand_back_on_the_hat(loop, hit, groove & hit[:, SNARE], s)
    if kick:
        early = groove & hit[:, KICK] & ~hit[:, CRASH]
        if steppers:
            early[beats] = False
            on_beats = [b for b in beats if groove[b] and not hit[b, KICK]]
            for b in on_beats:
                loop[b, KICK::n] = (1.0, kick_level, 0.0)
        loop[early, KICK::n] = 0.0
    drop_beat_end = next((b for b in beats if b > drop), end)
    if toms_from > drop:
        if snare and not hit[drop, SNARE]:
            loop[drop, SNARE::n] = (1.0, level, loop[drop, 2 * n + KICK] if hit[drop, KICK] else 0.0)
        if snare:
            short_lead_in(loop, hit, drop, toms_from, s)
        if kick and not hit[drop, KICK]:
            loop[drop, KICK::n] = (1.0, kick_level, loop[drop, 2 * n + SNARE])
        if kick and not steppers and drop_beat_end < end:
            loop[drop + 1:drop_beat_end, KICK::n] = 0.0
    elif kick and hit[drop, DRUMS].any() and not hit[drop, KICK]:
        loop[drop, KICK::n] = (1.0, kick_level, loop[drop, 2 * n + DRUMS[int(np.argmax(hit[drop, DRUMS]))]])
    if kick:
        nxt = (w, end) if end < STEPS else (w + 1, 0)
        if nxt[0] < len(out):
            landing = out[nxt[0], nxt[1]]
            if landing[CRASH] > 0.5 and landing[KICK] <= 0.5:
                landing[[KICK, n + KICK, 2 * n + KICK]] = (1.0, kick_level, landing[2 * n + CRASH])


def short_lead_in(loop: np.ndarray, hit: np.ndarray, drop: int, toms_from: int, start: int) -> None:
    """In place on a window's loop (32, 27; hit: its hits before the drop was laid) whose bar from step `start` drops
    on `drop` and fills from its first tom on `toms_from`: the fill's snare strokes between them (its lead-in) cut
    to the LEAD_IN_STROKES before the toms, the last at most the drop's level and the one before at most
    LEAD_IN_UNDER of it (the fill's own rise kept under that); the hand back on the hat where a stroke is cut. The
    fill loop's lead-in had been a roll on every 16th from the drop, each as loud as the drop or louder: in 6/8
    "XXXXX-" (127, 112, 117, 122, 127 into the tom), in 4/4 110, 119, 127 over a drop of 102. GMD's one reggae fill
    (drummer 1) leads in with a tom stroke and a snare on 4 at the drop's level (0.8 and 0.8); its reggae beats'
    snares after the 3 are ghosts (median 0.24-0.34 against the drop's 0.69) but the 4's (0.66)."""
    n = N_VOICES
    strokes = [t for t in range(drop + 1, toms_from) if loop[t, SNARE] > 0.5]
    if not strokes:
        return
    drop_level = float(loop[drop, n + SNARE]) if loop[drop, SNARE] > 0.5 else float(loop[strokes, n + SNARE].max())
    cut, kept = strokes[:-LEAD_IN_STROKES], strokes[-LEAD_IN_STROKES:]
    taken = np.zeros(len(loop), bool)
    taken[cut] = True
    loop[taken, SNARE::n] = 0.0
    hand_back_on_the_hat(loop, hit, taken, start)
    ceilings = drop_level * LEAD_IN_UNDER ** np.arange(len(kept))[::-1]  # (the last at the drop's level)
    levels = loop[kept, n + SNARE]
    loop[kept, n + SNARE] = np.minimum(levels * min(1.0, float(ceilings[-1] / levels.max())), ceilings)


def hand_back_on_the_hat(loop: np.ndarray, hit: np.ndarray, taken: np.ndarray, start: int) -> None:
    """In place on a window's loop (32, 27; hit: its hits before a fill bar's snares `taken` (32,) bool were taken
    out, its bar from step `start`): the closed hat on the 8th of each taken snare where the window keeps time on
    it (KEEPS_TIME of its 8ths) and nothing keeps time there, at its median level. The fill loop's lead-in had taken
    the hand off the hat: over the bundled piano waltz its snare on the "and" of 1, gone with the backbeat, left the
    bar's hat in quarters."""
    n = N_VOICES
    closed = hit[:, CLOSED_HAT]
    if not taken.any() or closed[0::2].sum() < KEEPS_TIME:
        return
    level = float(np.median(loop[closed, n + CLOSED_HAT]))
    for t in np.flatnonzero(taken):
        eighth = t - (t - start) % 2
        if not hit[eighth, [CLOSED_HAT, OPEN_HAT, RIDE, CRASH]].any():
            loop[eighth, CLOSED_HAT::n] = (1.0, level, 0.0)


OWN_RULES = {(4, 4), (3, 4), (6, 8)}  # meters whose bars another rule drops (one_drop.py, meter_genres.py)
MIN_BEATS = 3  # a bar's beats from which it has a middle to drop on (2/4's two are half a 4/4 bar)
QUARTER = 4  # a quarter beat's 16ths: a bar of them (5/4, 7/4) has "and"s for the hats to accent


def other_meter_drops(loops: np.ndarray, meters, mix, snare: bool = True, kick: bool = True) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars (meters: one WindowBars or None per window, or k
    copies' worth of them), in place and returned, with each bar of a meter no other rule drops (5/4, 7/4, 7/8,
    12/8: MIN_BEATS beats or more, not OWN_RULES) played as the one drop where reggae leads the mix (9 weights):
    before its fill (its first tom), the one drop (one_drop.drop_bar, as the 4/4 bar's) on its drop (`drop_step`:
    5/4's 3): the snare alone at the bar's loudest snare's level, the kick with it and no other kick but under a
    crash (steppers, disco leading too: the kick on every beat instead, none between); in a bar of quarter beats
    (5/4, 7/4) the hats keeping time accent the "and"s (one_drop.reggae_hats, the draw's notes: they had accented
    the beats). snare, kick: False where switched off (none laid). Pickups and half-time windows are left."""
    if meters is None or not reggae_leads(mix) or not len(loops):
        return loops
    stepping = bool(steppers(mix))
    meters = list(meters) * (len(loops) // max(len(meters), 1))
    for w, bars in enumerate(meters[:len(loops)]):
        if not bars or is_pickup(bars) or half_time_window(bars):
            continue
        for bar, beats in zip(bars, bars_beats(bars)):
            end = beats[-1].start + beats[-1].length if beats else 0
            if tuple(bar[1:3]) in OWN_RULES or len(beats) < MIN_BEATS or end > STEPS:
                continue
            s = beats[0].start
            starts = np.asarray([b.start - s for b in beats])
            steps = loops[w, s:end]
            beat = np.arange(end - s) < first_tom(steps[:, :N_VOICES] > 0.5)  # (before the fill)
            drop = drop_step(starts.tolist())
            if beat[drop]:
                drop_bar(steps, drop, beat, DROP_LEVEL, snare, kick, starts if stepping else None,
                         OWN_HATS if all(b.length == QUARTER for b in beats) else None)
    return loops
