"""Latin's clave on the rim: the steps of a drum part where the clave's rule laid its strokes, written on the side
stick (General MIDI 37, drum_part_cross_stick.cross_stick_pitches) with the default map.

clave.py plays the son clave on the snare voice (the drums' one voice for the left hand), and the MIDI writer wrote
it on the full snare: asked for latin over the bundled funk bass, the clave's five strokes a window on 38 at 64-77
and no 37, a backbeat's drum where a latin drummer plays a cross-stick. DrumifyResult.cross_sticks carries the steps
whose snare is written on the cross-stick to the writer (a drum part's own cross-sticks, drum_parts.py);
`clave_rim_steps` adds the clave's: in each window latin leads (clave.LATIN_LEADS, reggae not leading: its drop
takes the snare), on plain 4/4 bars (idioms.played_by_rule) and half-time ones (half_time_genres.genre_half_time),
the song's clave (its side read as the rule reads it, the window's first bar counted as the song's run counts it)
on the steps before each bar's first tom and outside the phrase's fills; in a waltz's or a 6/8's bars, their one
rim note a bar (meter_genres.latin_bar). A backbeat, a ghost note or a fill's stroke on the snare stays a snare.
The same steps serve drumify's variations: the clave and the fills are the part's, the takes differ in the hands.
REAPER's Drumify and the editor's export write the result's mask as drumify does; live play writes its notes with
none, and its clave stays on the snare voice (a map with `output = 37` for the snare plays it on the rim). Plain
numpy. Where reggae leads, the rim is its one drop's (`drop_rim_steps`) and no clave's."""

from __future__ import annotations

import numpy as np

from .clave import BAR, LATIN, LATIN_LEADS, clave_of, clave_steps
from .half_time import half_time_window
from .limbs import KICK, SNARE, first_tom
from .loop import N_VOICES, STEPS
from .meter import is_pickup, is_plain
from .meter_genres import LATIN_RIM, leading, meter_bars
from .one_drop import reggae_leads


def clave_rim_steps(loops: np.ndarray, mix, meters, grooves: np.ndarray, heard: np.ndarray | None = None,
                    counts=None, side: np.ndarray | None = None, fills: np.ndarray | None = None,
                    bass: np.ndarray | None = None) -> np.ndarray | None:
    """(W, 32) bool: the steps of a part's loops (W, 32, 27, on the real grid, as drumify returns them) whose snare
    stroke is the clave's (see the module), None where there is none. mix: the genre mix (9 weights); meters: one
    WindowBars or None per window (None: all plain 4/4); grooves: the part's in the loop's frame (PlayedPart.g),
    heard: on the real grid (PlayedPart.heard; None: grooves), the side read from the first where the clave is laid
    in the loop's frame, from the second in half time; counts: (W,) each window's first bar counted as the song's
    run counts it (None: window w's is 2w); side: the song's clave (PlayedPart.side; None: read from the part);
    fills: (W, 32) bool the phrase's fill steps laid over the beat (none there); bass: the part's in the loop's frame
    (PlayedPart.bass; None: none), a bossa's playing the bossa clave on plain bars as the rule lays it
    (clave.clave_steps)."""
    mix = np.asarray(mix)
    loops = np.asarray(loops)
    if len(loops) and reggae_leads(mix):
        return drop_rim_steps(loops, meters, fills)
    if not len(loops) or mix[LATIN] < LATIN_LEADS:
        return None
    w = len(loops)
    bars_of = [None] * w if meters is None else list(meters)[:w]
    plain = np.array([is_plain(b) for b in bars_of], bool)
    half = np.array([b is not None and not is_pickup(b) and half_time_window(b) for b in bars_of], bool) & ~plain
    firsts = 2 * np.arange(w) if counts is None else np.asarray(counts, np.int64)[:w]
    at = np.zeros((w, STEPS), bool)
    for rows, read, low in ((plain, grooves, bass), (half, grooves if heard is None else heard, None)):
        if not rows.any():
            continue
        song = np.zeros(STEPS, bool)
        song[clave_steps(clave_of(read, None if counts is None else firsts) if side is None else side, low)] = True
        for i in np.flatnonzero(rows):
            at[i] = np.roll(song, BAR) if firsts[i] % 2 else song  # (a window from an odd bar: the other side first)
    if leading(mix) == LATIN:  # (a waltz's or 6/8's rim: one note a bar)
        for i, start, name, _ in meter_bars(meters, w):
            at[i, start + LATIN_RIM[name]] = True
    hit = loops[..., :N_VOICES] > 0.5
    beat = np.zeros((w, STEPS), bool)
    for i in range(w):
        for start, end in bar_spans(bars_of[i]):
            beat[i, start:start + first_tom(hit[i, start:end])] = True
    at &= beat & hit[..., SNARE]
    if fills is not None:
        at &= ~np.asarray(fills, bool)[:w]
    return at if at.any() else None


def drop_rim_steps(loops: np.ndarray, meters, fills: np.ndarray | None = None) -> np.ndarray | None:
    """(W, 32) bool: reggae's one drop on the rim (a reggae drummer's cross-stick; one_drop.py lays it at the rim's
    level): in each bar of loops (W, 32, 27, the real grid; meters: one WindowBars or None per window), its first
    snare stroke before the bar's first tom where the kick plays with it or it is the bar's one stroke there (a bar
    drawn with its backbeat, a fill's early toms left as drawn, stays on the head), outside the phrase's fills
    (W, 32) bool; None where there is none."""
    w = len(loops)
    bars_of = [None] * w if meters is None else list(meters)[:w]
    hit = np.asarray(loops)[..., :N_VOICES] > 0.5
    at = np.zeros((w, STEPS), bool)
    for i in range(w):
        for start, end in bar_spans(bars_of[i]):
            strokes = start + np.flatnonzero(hit[i, start:start + first_tom(hit[i, start:end]), SNARE])
            if len(strokes) and (hit[i, strokes[0], KICK] or len(strokes) == 1):
                at[i, strokes[0]] = True
    if fills is not None:
        at &= ~np.asarray(fills, bool)[:w]
    return at if at.any() else None


def bar_spans(bars) -> list[tuple[int, int]]:
    """The (first, last + 1) real steps of a window's bars (WindowBars; None: two 4/4 bars), within its 32."""
    if bars is None:
        return [(0, BAR), (BAR, STEPS)]
    starts = sorted({min(STEPS, max(0, round(b[0] * 4))) for b in bars} | {STEPS})
    return [(s, e) for s, e in zip(starts, starts[1:]) if e > s]


def with_clave_rim(sticks: np.ndarray | None, clave_steps: np.ndarray | None) -> np.ndarray | None:
    """A part's cross-stick steps (W, 32) bool, a drum part's own (None: none) and the clave's (None: none)."""
    if clave_steps is None:
        return sticks
    return clave_steps if sticks is None else np.asarray(sticks, bool) | clave_steps


__all__ = ["bar_spans", "clave_rim_steps", "drop_rim_steps", "with_clave_rim"]
