"""A drum part's cross-sticks (General MIDI's side stick, 37, read as the snare): where its kit is kept
(drum_parts.keep_the_kit), a snare stroke the part played on the cross-stick stays a cross-stick, written on 37 at
the part's own level. A drummer keeps a cross-stick a cross-stick (a ballad's or a bossa's backbeat, a rim click on
the "and" of 4); re-drummed, a ballad's backbeat on 37 at velocity 70 had come back as a full snare (38) at 91."""

from __future__ import annotations

import numpy as np

from .drummap import CROSS_STICK, GM_DRUM_MAP, DrumMap
from .limbs import SNARE
from .loop import N_VOICES
from .midi import Notes


def cross_stick_steps(notes: Notes, starts: np.ndarray, drum_map: DrumMap = GM_DRUM_MAP) -> np.ndarray | None:
    """(W, 32) bool: the steps of a drum part's own loops (drum_parts.kit_loops, on the same windows `starts`) whose
    snare stroke is a cross-stick (the cell's loudest snare-voice note on CROSS_STICK, as kit_loops keeps the
    loudest); None where it plays none, or where the map writes the snare on the cross-stick already."""
    from .groove import loops_from_notes  # (groove imports drum_parts, which imports this module)

    voice = drum_map.voice_of_pitch()[notes.pitch] if len(notes) else np.zeros(0, int)
    snare, cross = voice == SNARE, (voice == SNARE) & (notes.pitch == CROSS_STICK)
    if not cross.any() or drum_map.output[SNARE] == CROSS_STICK:
        return None
    starts = np.asarray(starts, np.float64)
    strokes = loops_from_notes(notes.select(snare), starts, drum_map)[0][..., N_VOICES + SNARE]
    sticks = loops_from_notes(notes.select(cross), starts, drum_map)[0][..., N_VOICES + SNARE]
    steps = (sticks > 0) & (sticks >= strokes)
    return steps if steps.any() else None


def keep_cross_stick_levels(loops: np.ndarray, take: np.ndarray, sticks: np.ndarray) -> None:
    """In place: a version's snare strokes on the part's cross-stick steps (sticks: (k * W, 32), take: its own loops
    tiled as loops) at the part's own level: the network's is a full snare's."""
    at = sticks & (loops[..., SNARE] > 0.5) & (take[..., SNARE] > 0.5)
    loops[..., N_VOICES + SNARE][at] = take[..., N_VOICES + SNARE][at]


def cross_stick_pitches(pitches: np.ndarray, hits: np.ndarray, sticks: np.ndarray | None,
                        drum_map: DrumMap) -> np.ndarray:
    """A loop's pitches (steps, 9), drum_map.pitches', with its snare hits on the steps `sticks` ((steps,) bool: the
    part's cross-sticks outside the fills laid over it, DrumifyResult.cross_sticks) written on CROSS_STICK; a fill's
    strokes on a pitch of their own stay on it."""
    if sticks is None or drum_map.voice_of_pitch()[CROSS_STICK] not in (SNARE, -1):
        return pitches  # (a map reading 37 as another drum's has no side stick there: the snare plays it)
    at = np.asarray(sticks, bool) & (np.asarray(hits)[:, SNARE] > 0.5) & (pitches[:, SNARE] == drum_map.output[SNARE])
    out = pitches.copy()
    out[at, SNARE] = CROSS_STICK
    return out


__all__ = ["cross_stick_pitches", "cross_stick_steps", "keep_cross_stick_levels"]
