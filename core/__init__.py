"""ReaGroove core: loops, drum maps, MIDI in and out, grooves and the dataset, in plain Python + numpy.

Nothing here imports torch, Qt or reapy; the model (reagroove.models) and the
REAPER extension (reagroove.reaper_ext) build on it.
"""

from .drummap import GM_DRUM_MAP, DrumMap, load_drum_map
from .errors import DrumMapError, InputFileError, MidiFileError, ReaGrooveError
from .groove import Windows, extract_windows, grooves_from_notes, loops_from_notes
from .loop import HVO_WIDTH, N_VOICES, STEPS, VOICE_GROUPS, VOICES, Groove, Loop, LoopError, flatten_hvo
from .midi import MidiContent, Notes, read_midi, write_loops

__all__ = [
    "DrumMap", "DrumMapError", "GM_DRUM_MAP", "Groove", "HVO_WIDTH", "InputFileError", "Loop", "LoopError",
    "MidiContent", "MidiFileError", "N_VOICES", "Notes", "ReaGrooveError", "STEPS", "VOICES", "VOICE_GROUPS",
    "Windows", "extract_windows", "flatten_hvo", "grooves_from_notes", "load_drum_map", "loops_from_notes",
    "read_midi", "write_loops",
]
