"""A voice muted (`--mute kick`, the panel's group switches) or capped at no hits (`--max-hits kick=0`) plays in no
fill either.

The network draws its loops and fills under the mute (the conditioning's voice groups and caps), but the fills laid
by rule after it add strokes of their own: a jazz fill leaves a beat's last triplet to the kick
(fill_jazz.let_kicks) and sets up the 1 with one (fill_runs._set_up), so `--genre jazz --fill-every 2 --mute kick`
had played kicks in the shuffle blues' bar 8 (two) and the funk bass's bar 4. The fill rules (fill_runs.fill_out
with fill_meters' runs, fill_landings.vary_landings, half_time_fills.genre_fills through them) leave what they
laid through `silence_muted` last. Plain numpy over loops (..., 32, 27).
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, VOICE_GROUPS, VOICES


def silenced_voices(settings) -> list[int]:
    """The voices (indices into VOICES) the settings never play: those of a group switched off and those capped at
    0 hits a loop."""
    off = {VOICES.index(v) for group, on in settings.voice_groups.items() if not on for v in VOICE_GROUPS[group]}
    if settings.max_hits is not None:
        off |= {v for v in range(N_VOICES) if int(settings.max_hits[v]) == 0}
    return sorted(off)


def silence_muted(loops: np.ndarray, settings) -> np.ndarray:
    """loops (..., 32, 27), in place and returned, with no hit (velocity, offset) of a voice the settings never play
    (`silenced_voices`); the loops as they are where every voice plays."""
    off = silenced_voices(settings)
    if off:
        cols = [v + k * N_VOICES for v in off for k in range(3)]
        loops[..., cols] = 0.0
    return loops


__all__ = ["silenced_voices", "silence_muted"]
