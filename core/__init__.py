"""ReaGroove core: loops, drum maps, MIDI in and out, grooves and the dataset, in plain Python + numpy.

Nothing here imports torch, Qt or reapy; the model (reagroove.models) and the
REAPER extension (reagroove.reaper_ext) build on it.

The names below are loaded on first use (PEP 562), so importing one light
module (reagroove.core.constants inside REAPER) does not import numpy or mido.
"""

from __future__ import annotations

import importlib

# name -> the core module that defines it
_EXPORTS = {
    "DrumMap": "drummap", "GM_DRUM_MAP": "drummap", "load_drum_map": "drummap",
    "DrumMapError": "errors", "InputFileError": "errors", "MidiFileError": "errors", "ReaGrooveError": "errors",
    "Windows": "groove", "extract_windows": "groove", "grooves_from_notes": "groove", "loops_from_notes": "groove",
    "HVO_WIDTH": "loop", "N_VOICES": "loop", "STEPS": "loop", "VOICE_GROUPS": "loop", "VOICES": "loop",
    "Groove": "loop", "Loop": "loop", "LoopError": "loop", "flatten_hvo": "loop",
    "MidiContent": "midi", "Notes": "midi", "read_midi": "midi", "write_loops": "midi_write",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
