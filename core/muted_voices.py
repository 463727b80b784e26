"""A voice muted (`--mute kick`, the panel's group switches) or capped at no hits (`--max-hits kick=0`) plays in no
fill either.

The network draws its loops and fills under the mute (the conditioning's voice groups and caps), but the fills laid
by rule after it add strokes of their own: a jazz fill leaves a beat's last triplet to the kick
(fill_jazz.let_kicks) and sets up the 1 with one (fill_runs._set_up), so `--genre jazz --fill-every 2 --mute kick`
had played kicks in the shuffle blues' bar 8 (two) and the funk bass's bar 4. The fill rules (fill_runs.fill_out
with fill_meters' runs, fill_landings.vary_landings, half_time_fills.genre_fills through them) leave what they
laid through `silence_muted` last. Plain numpy over loops (..., 32, 27).

The rules laying a genre's own time on the real grid after the network's cap (half_time_genres.genre_half_time:
a waltz's or 6/8's bars, meter_genres.py, half time's) had played what a cap took away: `piano_waltz --genre latin
--max-hits ride=0` rode the bembe bell on 20 rides, disco and jazz over the waltz laid 12 and 5 snare notes under
`snare=0`, half-time jazz 64-72 rides over the funk bass and the shuffle, half-time latin's clave 20-30 snare notes;
over the 3 bundled examples x 9 genres x both feels each voice capped at 2 was over its cap in 28 of 486 parts.
A voice capped at 0 is left to those rules as a group switched off is (`plays`: the hats keep latin's and jazz's
time where the ride is off), and what is written holds the caps and mutes last (`as_asked`, played_part.as_written).
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, VOICE_GROUPS, VOICES
from .thinning import cap_played


def silenced_voices(settings) -> list[int]:
    """The voices (indices into VOICES) the settings never play: those of a group switched off and those capped at
    0 hits a loop."""
    off = {VOICES.index(v) for group, on in settings.voice_groups.items() if not on for v in VOICE_GROUPS[group]}
    if settings.max_hits is not None:
        off |= {v for v in range(N_VOICES) if int(settings.max_hits[v]) == 0}
    return sorted(off)


def plays(settings, voice: str) -> bool:
    """Whether the settings ever play `voice` (one of VOICES): its group switched on and not capped at 0."""
    return VOICES.index(voice) not in silenced_voices(settings)


def as_asked(loops: np.ndarray, meters, settings, fills: np.ndarray | None = None) -> np.ndarray:
    """One version's loops (W, 32, 27) on their bars' real grid, as written, within the caps asked (thinning.cap_played:
    a window's hits of a voice beyond its cap left out, the bars' beats kept first; fills (W, 32): a fill's steps,
    drawn under the cap, neither counted nor thinned) and with no hit of a voice muted or capped at 0, a fill's
    included (`silence_muted`). The loops themselves where nothing is capped or muted."""
    if not silenced_voices(settings) and settings.max_hits is None:
        return loops
    return silence_muted(cap_played(loops, meters, settings.max_hits, fills).copy(), settings)


def silence_muted(loops: np.ndarray, settings) -> np.ndarray:
    """loops (..., 32, 27), in place and returned, with no hit (velocity, offset) of a voice the settings never play
    (`silenced_voices`); the loops as they are where every voice plays."""
    off = silenced_voices(settings)
    if off:
        cols = [v + k * N_VOICES for v in off for k in range(3)]
        loops[..., cols] = 0.0
    return loops


__all__ = ["as_asked", "plays", "silenced_voices", "silence_muted"]
