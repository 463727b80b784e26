"""In-memory model of a REAPER instance for the simulated ``reaper_python``.

Nothing here imports reapy or ctypes: this is the state that the C-level
functions of ``reaper_python`` (its ``api_*`` modules) read and write, plus a JSON-friendly
builder (:class:`ProjectSpec`) and inspection helpers for tests.

Units follow REAPER: project time in seconds, QN (quarter notes) counted from
the project start, MIDI ticks (PPQ) at 960 per quarter note counted from the
start of a take's source, tempo in BPM.

The model is split by job; this module gathers their public names (and holds
the instance the simulated API works on: :func:`current`):

* ``model_objects``: units, pointer values, sources/takes/items/tracks, MIDI events;
* ``model_project``: a project (tempo map, selection, undo snapshots, sends);
* ``model_transport``: transport and recent MIDI input;
* ``model_reaper``: the REAPER instance (:class:`Reaper`) and global ext state;
* ``project_spec``: :class:`ProjectSpec` and :func:`build`;
* ``model_midi_buffer``: the packed event buffer of MIDI_GetAllEvts/SetAllEvts, take hashes.
"""

from __future__ import annotations

from .model_objects import (
    ALL_NOTES_OFF, APP_VERSION, AUDIO_SOURCE_TYPES, CC, PPQ, SAMPLE_RATE, Item, Note, Obj, Source, Take, TempoMarker,
    TextEvt, Track, audio_source_type,
)
from .model_project import SEND_DEFAULTS, Project, keep_sends, send_info
from .model_transport import RecentInput, Transport
from .model_reaper import ExtState, Reaper
from .project_spec import ProjectSpec, build
from .model_midi_buffer import pack_events, set_take_events, take_events, take_hash, unpack_buffer

__all__ = [
    "ALL_NOTES_OFF", "APP_VERSION", "AUDIO_SOURCE_TYPES", "CC", "PPQ", "SAMPLE_RATE", "Item", "Note", "Obj", "Source",
    "Take", "TempoMarker", "TextEvt", "Track", "audio_source_type", "SEND_DEFAULTS", "Project", "keep_sends",
    "send_info", "RecentInput", "Transport", "ExtState", "Reaper", "ProjectSpec", "build", "pack_events",
    "set_take_events", "take_events", "take_hash", "unpack_buffer", "current", "set_current",
]

_current = None


def current():
    """The Reaper instance the simulated ``reaper_python`` works on."""
    if _current is None:
        raise RuntimeError("no simulated REAPER installed: call fake_reaper.install(reaper) first")
    return _current


def set_current(reaper):
    global _current
    _current = reaper
