"""What a drum part is: notes all on MIDI channel 10 (a drum take, pads played live), which the drum-part network
plays (models/README.md), and whether it was typed into a DAW rather than played."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .drummap import GM_DRUM_MAP
from .loop import N_VOICES, STEPS_PER_BEAT
from .midi import Notes


def typed_beat(notes: Notes) -> bool:
    """A drum part typed into a DAW: 8 notes or more, all at one velocity and on the 16th grid (within a 20th of a
    16th, 6 ms at 120 BPM: tighter than a player). Its groove has no accents or timing, where a drummer's tells
    the drum-part network where the kick and snare were (models/README, "Tried in stop 58": F1 0.44 against 0.64
    on GMD's validation loops made so)."""
    if len(notes) < 8 or np.ptp(notes.velocity) > 1:
        return False
    return bool(np.all(np.abs(notes.start * STEPS_PER_BEAT - np.round(notes.start * STEPS_PER_BEAT)) < 0.05))


def is_drum_part(notes: Notes) -> bool:
    """Whether notes are a drum part: every one on MIDI channel 10 (a drum take, a pad, a drum loop
    to re-drum). Such a part's onsets are drum hits already, so the model trained on drummers'
    own grooves plays it (models/README.md); any other part is a band part."""
    return bool(len(notes)) and bool(np.all(notes.channel == DRUM_CHANNEL))


def kit_loops(notes: Notes, starts: np.ndarray) -> np.ndarray | None:
    """(W, 32, 27) the drum part's own loops where it plays a kit (the kick or the snare and another voice), so the
    drums keep its pattern (Engine.drumify_grooves: the point that reproduces them); None for a rhythm tapped on
    one pad, which the drum-part network drums from its groove alone. A typed rock beat's groove alone had
    given the kick on 2 and 4 with the snare (kick F1 0.10 against the part's own on freedoom's e1m1 drums)."""
    from .groove import loops_from_notes  # (groove imports this module)

    voices = np.unique(GM_DRUM_MAP.voice_of_pitch()[notes.pitch]) if len(notes) else np.zeros(0, int)
    voices = voices[(voices >= 0) & (voices < N_VOICES)]
    if len(voices) < 2 or not np.isin(voices, (0, 1)).any():
        return None
    return loops_from_notes(notes, np.asarray(starts, np.float64))[0]


def drum_part_said(notes: Notes, kit: np.ndarray | None, drums: bool = True) -> list[str]:
    """What to tell the producer of a drum part drummed (drums) or read (`reagroove groove`); kit: kit_loops'."""
    if not drums:
        return ["the input is a drum part (MIDI channel 10): drumify plays it with the drum-part model"]
    if kit is not None:
        return ["the input is a drum part (MIDI channel 10): the drum-part model plays its pattern as a drummer "
                "(its kick and snare kept, the hands and levels its own; in half time, from its groove)"]
    said = ["the input is a drum part (MIDI channel 10): the drum-part model plays it"]
    if typed_beat(notes):  # its groove says nothing of where the kick and snare were
        said.append("the drum part is typed at one velocity on the grid: the drum-part model hears no accents, so "
                    "its kick may not follow yours (give the hats 75 or less against a kick and snare at 100)")
    return said


__all__ = ["drum_part_said", "is_drum_part", "kit_loops", "typed_beat"]
