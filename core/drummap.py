"""Drum maps: which MIDI pitches belong to which of the 9 voices, and which pitch each voice plays.

The default is the General MIDI map of reference.md. A user map is a JSON or
TOML file naming voices; voices it leaves out keep their General MIDI pitches:

    name = "My kit"
    [voices.kick]
    output = 36
    input = [36, 35]

    [voices.closed_hat]
    output = 44          # this kit's closed hat sits on the pedal-hat pad

    [voices.snare]
    output = 37          # the backbeat on the cross-stick ...
    fill = 38            # ... and a fill's snare strokes on the head (the default where the output is 37)

A drummer playing the backbeat as a cross-stick plays a fill on the snare's head: a map writing the snare on 37
had played the fill's snare strokes as cross-sticks too (`fill_pitches`: which notes are a fill's).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DrumMapError, os_problem
from .files import read_json
from .limbs import foot_hat
from .loop import N_VOICES, VOICES
from .near_names import meant

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class DrumMap:
    name: str
    input: tuple[tuple[int, ...], ...]  # per voice: the pitches read as that voice
    output: tuple[int, ...]  # per voice: the pitch written for it
    fill: tuple[int, ...] | None = None  # per voice: the pitch a fill's strokes are written on (None: output's)

    def __post_init__(self) -> None:
        if len(self.input) != N_VOICES or len(self.output) != N_VOICES or len(self.fill or self.output) != N_VOICES:
            raise ValueError(f"a drum map needs {N_VOICES} voices")

    def pitches(self, hits: np.ndarray) -> np.ndarray:
        """The pitch (steps, 9) int each hit of a loop's hits (steps, 9) bool is written on: its voice's output, a
        fill's strokes (`fill_strokes`) its voice's fill pitch, and a closed hat struck only under the ride (the foot's)
        the pedal hat (GM 44) where the map leaves the closed hat on 42."""
        out = np.broadcast_to(np.asarray(self.output, np.int16), np.shape(hits)).copy()
        if self.fill is not None and self.fill != self.output:
            fill = np.broadcast_to(np.asarray(self.fill, np.int16), out.shape)
            out = np.where(fill_strokes(np.asarray(hits, bool)), fill, out)
        hits = np.asarray(hits, bool)
        hat, ride = hits[:, CLOSED_HAT], hits[:, RIDE]
        if (self.output[CLOSED_HAT] == GM_CLOSED_HAT and GM_PEDAL_HAT not in self.output and hat.any()
                and not (hat & ~ride & ~_foot_in_a_fill(hits)).any()):
            # the right hand on the ride and the hat struck only with it: the foot's "chick" (jazz's 2 and 4),
            # written on the pedal hat as it sounds, not as a stick on the closed hat (a hat played on its own too
            # is the hands')
            out[hat, CLOSED_HAT] = GM_PEDAL_HAT
        return out

    def _fill_entry(self, v: int) -> dict:
        """{"fill": pitch} where voice v's fill pitch differs from its output, or where it is a cross-stick snare's
        own (a producer's `fill = 37`: left out, reading the map back would put the default 38 in again)."""
        fill = (self.fill or self.output)[v]
        return {"fill": fill} if fill != self.output[v] or (v == SNARE and self.output[v] == CROSS_STICK) else {}

    def voice_of_pitch(self) -> np.ndarray:
        """Lookup table: pitch (0..127) -> voice index, or -1 for pitches outside the map."""
        table = np.full(128, -1, np.int16)
        for v, pitches in enumerate(self.input):
            table[list(pitches)] = v
        # A voice's output pitch (and its fill's, where no other voice writes it) always reads back as that voice.
        for v, p in enumerate(self.fill or ()):
            table[p] = v
        for v, p in enumerate(self.output):
            table[p] = v
        return table

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "voices": {v: {"output": self.output[i], "input": list(self.input[i]), **self._fill_entry(i)}
                       for i, v in enumerate(VOICES)},
        }


SNARE = VOICES.index("snare")
FILL_DRUMS = [VOICES.index(v) for v in ("snare", "low_tom", "mid_tom", "high_tom")]
TOMS = FILL_DRUMS[1:]
CROSS_STICK, SNARE_HEAD = 37, 38  # General MIDI's side stick and acoustic snare
CLOSED_HAT, RIDE = VOICES.index("closed_hat"), VOICES.index("ride")
GM_CLOSED_HAT, GM_PEDAL_HAT = 42, 44
FOOT_REACH = 3  # (16ths) a foot's hat nearer no ride stroke than a beat is one the hands left the ride around
FILL_GAP = 2  # the empty 16ths a fill's strokes may leave between them and stay one fill (its 8ths; a swung 8th
# sits on the grid's last 16th of its beat, 3 steps after the beat)


def _foot_in_a_fill(hits: np.ndarray) -> np.ndarray:
    """(steps,) bool: a loop's closed hats (hits (steps, 9) bool) the foot keeps where the hands leave the ride for
    a fill (fill_runs keeps the pedal hat through a jazz fill): no ride nearer than a beat, in a loop that plays a
    fill, whose hat plays on the beats only and whose ride keeps time on half its beats or more (limbs.foot_hat's
    rule; a rock beat's quarter hats with one ride bell are a stick's). A fill window's hat had been written on the
    closed hat (42) in its groove bar too, the window's other bars on the pedal hat (44)."""
    hat, ride = hits[:, CLOSED_HAT], hits[:, RIDE]
    if not (hat & ride).any() or not foot_hat(hits[None])[0].any() or not fill_strokes(hits).any():
        return np.zeros_like(hat)
    near = np.convolve(ride.astype(np.int32), np.ones(2 * FOOT_REACH + 1, np.int32), "same") > 0
    return hat & ~near


def fill_strokes(hits: np.ndarray) -> np.ndarray:
    """(steps, 9) bool: the snare and tom hits of a loop's hits (steps, 9) bool that play a fill: each run of snare
    or tom strokes at most FILL_GAP 16ths apart that strikes a tom (a backbeat's snare on its own is the beat's)."""
    hits = np.asarray(hits, bool)
    struck = hits[:, FILL_DRUMS].any(1)
    toms = hits[:, TOMS].any(1)
    out = np.zeros_like(hits)
    steps = np.flatnonzero(struck)
    if not toms.any():
        return out
    for run in np.split(steps, np.flatnonzero(np.diff(steps) > FILL_GAP + 1) + 1):
        if not toms[run].any():
            continue
        # the backbeat (2 or 4) leading a fill that starts after it (on its "and") is the groove's last stroke: the
        # drummer leaves the rim after it. A backbeat with a 16th straight after it starts the fill (snare 16ths)
        while len(run) > 1 and not toms[run[0]] and run[0] % 8 == 4 and run[1] - run[0] > 1:
            run = run[1:]
        out[run[:, None], FILL_DRUMS] = hits[run[:, None], FILL_DRUMS]
    return out


GM_DRUM_MAP = DrumMap(
    name="General MIDI",
    input=((36, 35), (38, 37, 40), (42, 22, 44), (46, 26), (43, 58, 41), (47, 45), (50, 48), (49, 52, 55, 57), (51, 53, 59)),
    output=(36, 38, 42, 46, 43, 47, 50, 49, 51),
)


def _pitch(path: str, voice: str, value: object) -> int:
    if isinstance(value, float) and value.is_integer():  # 36.0, as some tools write JSON numbers
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):  # 'C1': octave names differ between samplers
        raise DrumMapError(path, f"voice '{voice}': pitch {value!r} is not a MIDI note number (0..127, "
                                 "e.g. 36 for the GM kick)")
    if not 0 <= value <= 127:
        raise DrumMapError(path, f"voice '{voice}': pitch {value!r} is outside 0..127")
    return value


def drum_map_from_dict(data: dict, path: str = "<drum map>") -> DrumMap:
    """Build a map from parsed JSON/TOML, falling back to General MIDI for voices not named."""
    if not isinstance(data, dict) or not isinstance(data.get("voices"), dict):
        # a kit written as [kick] (no voices table) was refused as 'expected a voices table': say where it goes
        named = [k for k in data if k in VOICES] if isinstance(data, dict) else []
        if named:
            raise DrumMapError(path, f"'{named[0]}' belongs in the 'voices' table: [voices.{named[0]}] in TOML, "
                                     f"{{\"voices\": {{\"{named[0]}\": ...}}}} in JSON")
        near = [k for k in data if isinstance(k, str) and meant(k, ("voices",))] if isinstance(data, dict) else []
        if near:  # [voice.kick] for [voices.kick]
            raise DrumMapError(path, f"unknown table '{near[0]}': did you mean 'voices'? ([voices.kick] output = 36)")
        from .settings import document_kind  # (settings imports the voices from here: not at the top)

        kind = document_kind(data) if data else None  # {} (an empty TOML file) was said to be settings
        if kind in ("settings", "patterns", "presets", "groove"):  # another ReaGroove file given as a drum map
            where = {"settings": "give it to --settings", "patterns": "it is read from the user data folder",
                     "presets": "the panel reads it", "groove": "reagroove groove --json wrote it"}[kind]
            raise DrumMapError(path, f"this looks like ReaGroove {kind if kind != 'groove' else 'groove output'}, "
                                     f"not a drum map: {where}")
        raise DrumMapError(path, "expected a 'voices' table naming drum voices, e.g. [voices.kick] output = 36 in "
                                 "TOML, {\"voices\": {\"kick\": {\"output\": 36}}} in JSON")
    inputs = [list(p) for p in GM_DRUM_MAP.input]
    outputs = list(GM_DRUM_MAP.output)
    fills: dict[int, int] = {}  # per voice named so, the pitch a fill's strokes are written on
    given_inputs: dict[int, str] = {}
    for voice, spec in data["voices"].items():
        if voice not in VOICES:
            raise DrumMapError(path, f"unknown voice '{voice}'{meant(str(voice), VOICES)} (voices are: "
                                     f"{', '.join(VOICES)})")
        v = VOICES.index(voice)
        if not isinstance(spec, dict):
            spec = {"output": spec}
        unknown = set(spec) - {"output", "input", "fill"}
        if unknown:
            key = sorted(unknown)[0]
            raise DrumMapError(path, f"voice '{voice}': unknown key '{key}'"
                                     f"{meant(str(key), ('output', 'input', 'fill'))} (keys are output, input, fill)")
        if "output" in spec:
            outputs[v] = _pitch(path, voice, spec["output"])
        if "fill" in spec:
            if v not in FILL_DRUMS:
                raise DrumMapError(path, f"voice '{voice}': only the snare and the toms play a fill ('fill' is "
                                         "the pitch their fill strokes are written on)")
            fills[v] = _pitch(path, voice, spec["fill"])
        if "input" in spec:
            raw = spec["input"]
            if not isinstance(raw, list):
                raise DrumMapError(path, f"voice '{voice}': input must be a list of pitches")
            inputs[v] = [_pitch(path, voice, p) for p in raw]
            for p in inputs[v]:
                if p in given_inputs and given_inputs[p] != voice:
                    raise DrumMapError(path, f"input pitch {p} is given to both '{given_inputs[p]}' and '{voice}'")
                given_inputs[p] = voice
    # Voices without an explicit input list keep GM's, minus pitches the user gave elsewhere.
    for v, voice in enumerate(VOICES):
        inputs[v] = [p for p in inputs[v] if given_inputs.get(p, voice) == voice]
    seen: dict[int, str] = {}
    for v, p in enumerate(outputs):
        if p in seen:
            raise DrumMapError(path, f"output pitch {p} is used by both '{seen[p]}' and '{VOICES[v]}'")
        seen[p] = VOICES[v]
    for v, p in fills.items():  # a fill written on another voice's pad would be heard, and read back, as that voice
        if p != outputs[v] and p in seen:
            raise DrumMapError(path, f"voice '{VOICES[v]}': fill pitch {p} is the output of '{seen[p]}'")
    # a backbeat written as a cross-stick: the fill's snare strokes on the head (where no other voice writes it)
    if outputs[SNARE] == CROSS_STICK and SNARE not in fills and SNARE_HEAD not in outputs:
        fills[SNARE] = SNARE_HEAD
    name = data.get("name", Path(path).stem)
    fill = tuple(fills.get(v, p) for v, p in enumerate(outputs))
    return DrumMap(str(name), tuple(tuple(p) for p in inputs), tuple(outputs),
                   None if fill == tuple(outputs) else fill)


def stored_drum_map(stored: str | None, where: str = "the drum track's map") -> DrumMap:
    """The drum map kept as JSON text (a REAPER drum track's, `to_dict`'s); "" or None for General MIDI. Text that
    no longer reads (a project file edited by hand) is one DrumMapError naming `where`."""
    if not stored:
        return GM_DRUM_MAP
    try:
        data = json.loads(stored)
    except ValueError:
        raise DrumMapError(where, "not valid JSON: drumify once with --drum-map to store it again") from None
    return drum_map_from_dict(data, where)


def load_drum_map(path: str | os.PathLike) -> DrumMap:
    """Load a user drum map from a .json or .toml file."""
    path = os.fspath(path)
    if not path.lower().endswith(".toml"):
        try:
            return drum_map_from_dict(read_json(path, "drum map", error=DrumMapError), path)
        except DrumMapError as exc:
            if Path(path).suffix.lower() == ".json" or "not valid JSON" not in str(exc):
                raise
            # a .yaml (or a map without its suffix) was said to be 'not valid JSON': say what a map may be
            raise DrumMapError(path, "not a drum map: a drum map is a JSON (.json) or TOML (.toml) file") from None
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise DrumMapError(path, f"cannot read this drum map: {os_problem(exc)}") from None
    if not text.strip():  # said as for any empty file, not as a map without its voices table
        raise DrumMapError(path, "file is empty")
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DrumMapError(path, f"not valid TOML: {str(exc).splitlines()[0]}") from None
    return drum_map_from_dict(data, path)
