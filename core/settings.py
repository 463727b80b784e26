"""Settings: every control of the engine in one plain, serialisable object.

The CLI, the live session, the REAPER actions and the panel all build one of
these. It is the one place controls are checked and normalised (each value
with a message that names the setting); the engine turns it into the model's
`Conditioning` (conditioning.py) without looking at a value again.

Saved settings are one versioned JSON document, written by `--save-settings`,
the panels' shared settings.json and presets (`to_document`):

    {"format": "reagroove-settings", "version": 1, "settings": {...Settings.to_dict()...}}

`from_document` / `load` also read the older forms: the bare dict that
`--save-settings` wrote before, and the panel's panel.json (its "settings").
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
from dataclasses import asdict, dataclass, field, fields, replace

import numpy as np

from .errors import InputFileError, ReaGrooveError
from .files import atomic_write_text, read_json
from .genres import GENRES, style_hint
from .loop import N_VOICES, VOICE_GROUPS, VOICES
from .near_names import meant
from .swing_asked import check_swing
from .wording import listed


# The follow a named pattern implies when follow is not given: halfway between the pattern and your groove.
FOLLOW_WITH_PATTERN = 0.5
# The variety of a take when a seed is chosen and the temperature is left to its default:
# about a quarter of the hits change from seed to seed (measured on GMD validation grooves).
# On a steady part (an 8th-note or half-note bass) a draw this near the prior's point can leave every
# hit in place, so the engine draws such a take further out until it differs from seed 0's drums in
# MIN_TAKE_CHANGE of its hits (core/takes.py `draw_take`; benchmarks/bench_seeds.py).
TAKE_TEMPERATURE = 0.3
FILL_LENGTHS = ("beat", "half", "bar")
# The feels a part is played in (core/feel.py): as written, or half time over its 4/4 bars (backbeat on 3).
FEELS = ("normal", "half")
MAX_TEMPERATURE = 3.0
# The density control (0..1) spans these hits per cell of the 32 x 9 loop (the model's unit): from a sparse
# beat (about 4 hits a bar) to a busy one (36 a bar); its middle, 0.14, is about what the shipped model
# plays when density is left to the input (39 hits per loop on GMD validation grooves).
DENSITY_CELLS = (0.03, 0.25)
# The tempos a --bpm (an audio file's tempo, the live clock, an interpolated path's output) and the panel's Tempo
# take on every path: what a band plays at. Audio onsets are read on a 16th grid (at 400 BPM a 16th is 38 ms) and
# the live clock schedules each bar from it. A MIDI file's own tempo map may go further (midi.MAX_FILE_BPM).
MIN_BPM, MAX_BPM = 20.0, 400.0
# How many versions Variations makes: the engine's range (Engine.drumify_variations, `reagroove drumify
# --variations`), the one both panels and `reagroove reaper variations --count` take.
MAX_VARIATIONS = 64
DEFAULT_VARIATIONS = 4
SETTINGS_FORMAT = "reagroove-settings"
SETTINGS_VERSION = 1
# panel.json (the Qt panel's state; it held the settings before settings.json): read for its "settings" entry
PANEL_FORMAT = "reagroove-panel"


class SettingsError(ReaGrooveError):
    """A setting outside its range, or a malformed settings file."""


def _unit(name: str, value: float) -> float:
    if isinstance(value, bool):  # true would silently read as 1
        raise SettingsError(f"{name} must be a number from 0 to 1, got {value!r}")
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{name} must be a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= value <= 1.0 or math.isnan(value):
        raise SettingsError(f"{name} must be from 0 to 1, got {value:g}")
    return value


def _is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _flag(name: str, value) -> bool:
    # a saved "no" or 0 must not read as on, so only true/false are accepted
    if not isinstance(value, bool):
        raise SettingsError(f"{name} must be true or false, got {value!r}")
    return value


def _mapping(name: str, value, example: str) -> dict:
    if not isinstance(value, dict):
        raise SettingsError(f"{name} must be a mapping like {example}, got {value!r}")
    return value


def check_genre_mix(mix: dict) -> dict[str, float]:
    """{genre: weight} checked (known names, finite weights >= 0); zero weights left out."""
    out = {}
    for name, weight in _mapping("genre", mix, '{"funk": 0.7}').items():
        if name not in GENRES:
            raise SettingsError(f"unknown genre '{name}'{_genre_meant(str(name))} (genres are: {', '.join(GENRES)})")
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise SettingsError(f"genre weight for {name} must be a number, got {weight!r}") from None
        if not 0 <= weight < math.inf:
            raise SettingsError(f"genre weight for {name} must be a number from 0 up, got {weight:g}")
        if weight > 0:
            out[name] = weight
    return out


def _genre_meant(name: str) -> str:
    """': did you mean ...' for a genre mistyped, or named as GMD files its drummers ('punk' is rock, 'afrobeat'
    afro: neither was given one), or weighted with a colon ('rock:0.5')."""
    genre, colon, weight = name.partition(":")
    if colon:
        return f": a weight is written {genre}={weight}"
    if (hint := style_hint(name)) is not None:  # before a spelling: 'punk' is rock, not 'funk'
        return hint
    return meant(name, GENRES)


def normalised_mix(weights) -> np.ndarray:
    """Genre weights (..., 9) in GENRES order as a mix: each row sums to 1 (a row of zeros = no preference)."""
    w = np.asarray(weights, np.float64)
    # weights are relative: scaled by the largest first, as 1e300 (a hand-edited settings file) summed to inf
    # and the mix to NaN
    w = w / np.maximum(w.max(-1, keepdims=True, initial=0.0), 1e-300)
    total = w.sum(-1, keepdims=True)
    return np.where(total > 0, w / np.maximum(total, 1e-12), 0.0).astype(np.float32)


def check_voice_groups(groups: dict) -> dict[str, bool]:
    """{group: on} checked; groups not named are on."""
    out = {g: True for g in VOICE_GROUPS}
    for name, on in _mapping("voice_groups", groups, '{"toms": false}').items():
        if name not in VOICE_GROUPS:
            raise SettingsError(f"unknown voice group '{name}'{meant(str(name), VOICE_GROUPS)} (groups are: "
                                f"{', '.join(VOICE_GROUPS)})")
        out[name] = _flag(f"voice group {name}", on)
    return out


def check_variations(n, name: str = "variations") -> int:
    """A count of variations: a whole number from 1 to MAX_VARIATIONS (a one-line error naming `name` else)."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or not 1 <= n <= MAX_VARIATIONS:
        raise SettingsError(f"{name} must be a whole number from 1 to {MAX_VARIATIONS}, got {n!r}")
    return int(n)


def check_bpm(bpm) -> float:
    """A tempo given by hand (--bpm, the live clock, the panel's Tempo) as a float from MIN_BPM to MAX_BPM; the one
    line every path says otherwise."""
    try:
        value = float(bpm)
    except (TypeError, ValueError):
        raise SettingsError(f"'{bpm}' is not a tempo in BPM") from None
    if not MIN_BPM <= value <= MAX_BPM:  # also refuses nan and inf
        raise SettingsError(f"tempo {value:g} BPM is outside {MIN_BPM:g}..{MAX_BPM:g} BPM")
    return value


def per_voice(name: str, value, kind, lo, hi, default=None) -> tuple:
    """A per-voice control as one value per voice (VOICES order), each checked to lie in lo..hi.

    value: one number for every voice, one per voice, or {voice: value} where the voices not named
    keep `default` (a number or one per voice; None = hi for counts, 0.5 for thresholds)."""
    if _is_number(value):
        value = [value] * N_VOICES
    elif isinstance(value, dict):  # {"kick": 0.3, ...}: the rest keep the default
        unknown = set(value) - set(VOICES)
        if unknown:
            first = str(sorted(unknown, key=str)[0])
            if first in VOICE_GROUPS:  # hats=8 given as --mute names it: the group's own voices
                raise SettingsError(f"{name}: '{first}' is a voice group: give each of its voices, "
                                    f"{listed(list(VOICE_GROUPS[first]))}")
            raise SettingsError(f"{name}: unknown voice '{first}'{meant(first, VOICES)} (voices are: {', '.join(VOICES)})")
        if default is None:
            default = hi if kind is int else 0.5
        base = [default] * N_VOICES if _is_number(default) else list(default)
        value = [value.get(v, base[i]) for i, v in enumerate(VOICES)]
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):  # a hand-edited "0.3" was 3 values
        example = 4 if kind is int else 0.4
        raise SettingsError(f"{name} must be a number, one per voice or a mapping like {{\"kick\": {example}}}, "
                            f"got {value!r}")
    value = list(value)
    if len(value) != N_VOICES:
        raise SettingsError(f"{name} needs one value per voice ({N_VOICES}), got {len(value)}")
    out = []
    for v, x in zip(VOICES, value):
        if not _is_number(x):  # "4" or true in a saved file: said, not read as a count
            raise SettingsError(f"{name} for {v} must be a number, got {x!r}")
        if kind is int and not (math.isfinite(x) and x == int(x)):  # a count of 2.5 hits was cut to 2 unsaid
            raise SettingsError(f"{name} for {v} must be a whole number, got {x!r}")
        x = kind(x)
        if not lo <= x <= hi:
            raise SettingsError(f"{name} for {v} must be from {lo:g} to {hi:g}, got {x:g}")  # as --help says 0..1
        out.append(x)
    return tuple(out)


@dataclass(frozen=True)
class Settings:
    """The controls of drum generation.

    follow       0..1: 1 = drums follow the input groove; 0 = play the A<->B pattern.
                 None (the default) = 1 without a pattern, FOLLOW_WITH_PATTERN once A or B is named,
                 so naming a pattern is always heard; `follow` reads the value in force
    interpolate  0..1: position between pattern A (0) and pattern B (1)
    pattern_a/b  names of saved patterns (see patterns.py), or None
    genre        mixing weights over the 9 genres; empty = no preference
    density      0..1 fewer to more hits; None = what the groove suggests
    voice_groups which of kick, snare, hats, toms, cymbals may play; a muted
                 group's role is taken over by the others
    temperature  0 = the most likely loop; higher = more variety. None (the default) = 0 with
                 seed 0 (the most likely loop) and TAKE_TEMPERATURE with any other seed, so
                 a new seed (the panel's dice) is always a new take (drawn further out where that
                 draw plays seed 0's drums: takes.draw_take); `temperature` reads the value in force
    threshold    per-voice hit threshold (0..1) or None for the model's tuned one
    max_hits     per-voice maximum hits per loop (0..32) or None for no limit
    humanize     0 = quantized, flat velocities; 1 = the model's micro-timing and dynamics
    seed         same settings + same seed = same output, bit for bit
    hold         drumify: hold one loop through each section instead of following every window
    fill_every   drumify: phrases of N 2-bar loops, each ending in a fill and the next opening
                 with a crash (N=4: fills in bar 8, 16, ... counted from where the input starts); 0 = none
    fill_bars    drumify: bars that end in a fill (the next bar opens with a crash), e.g. (8, 16, 24)
    fill_length  how much of the phrase's last bar the fill takes: "beat", "half" (the last half bar) or "bar"
    opening_crash drumify: a crash on the first downbeat the drums play
    feel         drumify: "normal", or "half": each 4/4 bar played in half time (kick on 1, the backbeat on
                 3, the hats on the bar's 8ths; core/feel.py)
    swing        the drums' swing in percent as DAWs say it (50 straight .. 75; 66 triplets); None: the part's own
    variations   how many versions Variations makes (1..MAX_VARIATIONS): one count for both panels and
                 `drumify --variations`. None (the default) = DEFAULT_VARIATIONS in the panels, one in drumify
                 (`variations_auto`)
    """

    follow: float | None = None
    interpolate: float = 0.0
    pattern_a: str | None = None
    pattern_b: str | None = None
    genre: dict[str, float] = field(default_factory=dict)
    density: float | None = None
    voice_groups: dict[str, bool] = field(default_factory=lambda: {g: True for g in VOICE_GROUPS})
    temperature: float | None = None
    threshold: tuple[float, ...] | None = None
    max_hits: tuple[int, ...] | None = None
    humanize: float = 1.0
    seed: int = 0
    hold: bool = False
    fill_every: int = 0
    fill_bars: tuple[int, ...] = ()
    fill_length: str = "half"
    opening_crash: bool = True
    variations: int | None = None
    feel: str = "normal"
    swing: float | None = None
    # True when follow (temperature) was not given and takes its default from the patterns (the seed): kept by
    # replace and to_dict, and compared: a default and the same value set by hand act differently later
    follow_auto: bool = field(default=False, init=False, repr=False)
    temperature_auto: bool = field(default=False, init=False, repr=False)
    # True when no count was chosen: the panels make DEFAULT_VARIATIONS, `drumify` one version (a count it
    # saved with --variations plays again); such a file is saved without it, as files were before
    variations_auto: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 - frozen dataclass
        for name in ("pattern_a", "pattern_b"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise SettingsError(f"{name} must be a pattern's name, got {getattr(self, name)!r}")
        set_("follow_auto", self.follow is None)
        if self.follow is None:
            set_("follow", FOLLOW_WITH_PATTERN if (self.pattern_a or self.pattern_b) else 1.0)
        set_("follow", _unit("follow", self.follow))
        set_("interpolate", _unit("interpolate", self.interpolate))
        set_("humanize", _unit("humanize", self.humanize))
        if self.density is not None:
            set_("density", _unit("density", self.density))
        set_("temperature_auto", self.temperature is None)
        if self.temperature is None:
            seeded = not isinstance(self.seed, bool) and isinstance(self.seed, int) and self.seed != 0
            set_("temperature", TAKE_TEMPERATURE if seeded else 0.0)
        try:
            temperature = float(self.temperature)
        except (TypeError, ValueError):
            raise SettingsError(f"temperature must be a number, got {self.temperature!r}") from None
        if not 0.0 <= temperature <= MAX_TEMPERATURE:
            raise SettingsError(f"temperature must be from 0 to {MAX_TEMPERATURE:g}, got {temperature:g}")
        set_("temperature", temperature)
        set_("genre", check_genre_mix(self.genre))
        set_("voice_groups", check_voice_groups(self.voice_groups))
        if self.threshold is not None:
            set_("threshold", per_voice("threshold", self.threshold, float, 0.0, 1.0))
        if self.max_hits is not None:
            set_("max_hits", per_voice("max_hits", self.max_hits, int, 0, 32))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise SettingsError(f"seed must be a whole number from 0 to {2**32 - 1}, got {self.seed!r}")
        set_("hold", _flag("hold", self.hold))
        if isinstance(self.fill_every, bool) or not isinstance(self.fill_every, int) or not 0 <= self.fill_every <= 64:
            raise SettingsError(f"fill_every must be a whole number from 0 (no fills) to 64, got {self.fill_every!r}")
        bars = self.fill_bars
        if isinstance(bars, (int, str)) or not all(isinstance(b, int) and not isinstance(b, bool) and b >= 1 for b in bars):
            raise SettingsError(f"fill_bars must be bar numbers from 1, e.g. [8, 16, 24], got {bars!r}")
        set_("fill_bars", tuple(sorted(set(bars))))
        if self.fill_length not in FILL_LENGTHS:
            raise SettingsError(f"fill_length must be one of {', '.join(FILL_LENGTHS)}, got {self.fill_length!r}")
        set_("opening_crash", _flag("opening_crash", self.opening_crash))
        if self.feel not in FEELS:
            raise SettingsError(f"feel must be one of {', '.join(FEELS)}, got {self.feel!r}")
        set_("swing", check_swing(self.swing))
        set_("variations_auto", self.variations is None)
        set_("variations", DEFAULT_VARIATIONS if self.variations is None else check_variations(self.variations))

    def genre_weights(self) -> list[float]:
        """The genre mix as 9 weights summing to 1 (all 0 = no preference)."""
        return normalised_mix([self.genre.get(g, 0.0) for g in GENRES]).tolist()

    @property
    def density_cells(self) -> float | None:
        """The density in the model's unit, hits per cell of the 32 x 9 loop (None = what the groove suggests)."""
        if self.density is None:
            return None
        lo, hi = DENSITY_CELLS
        return lo + (hi - lo) * self.density

    def replace(self, **changes) -> "Settings":
        if self.follow_auto and "follow" not in changes:
            changes["follow"] = None  # still the default: it follows the patterns chosen now
        if self.temperature_auto and "temperature" not in changes:
            changes["temperature"] = None  # still the default: it follows the seed chosen now
        if self.variations_auto and "variations" not in changes:
            changes["variations"] = None
        return replace(self, **changes)

    @property
    def has_fills(self) -> bool:
        return self.fill_every > 0 or bool(self.fill_bars)

    def inactive(self) -> dict[str, str]:
        """Settings that have no effect under the others: {name: why, and what to change}.

        The one place this rule lives: the CLI prints these, the panel greys them out.
        """
        out: dict[str, str] = {}
        pattern = self.pattern_a or self.pattern_b
        if not pattern:
            out["follow"] = "no pattern A or B is chosen, so the drums follow your groove; choose a pattern to blend toward it"
        elif self.follow >= 1.0:
            why = "follow is 1: the drums follow your groove only; lower follow to hear pattern A/B"
            out.update({k: why for k in ("pattern_a", "pattern_b") if getattr(self, k)})
        if not (self.pattern_a and self.pattern_b) or self.pattern_a == self.pattern_b:
            out["interpolate"] = "blending from pattern A toward B needs two different patterns; choose both A and B"
        elif self.follow >= 1.0:
            out["interpolate"] = "follow is 1: the drums follow your groove only; lower follow to hear pattern A/B"
        if not self.has_fills:
            out["fill_length"] = "there are no fills; ask for some (--fill-every or --fill-bars; the panel's Fills or Fill bars)"
        if self.density is not None and self.threshold is not None and len(set(self.threshold)) == 1:
            # density ranks every cell by its margin over its voice's threshold: one shift for all ranks nothing
            out["threshold"] = ("density sets how many hits play, so one threshold for every voice changes nothing; "
                                "set thresholds per voice, or density to auto")
        if not any(self.voice_groups.values()):
            out["voice_groups"] = "every voice group is muted: the drums are silent; unmute one"
        elif not self.voice_groups["cymbals"]:
            out["opening_crash"] = "cymbals are muted, so no crash can play; unmute cymbals"
        return out

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("threshold", "max_hits"):
            if d[k] is not None:
                d[k] = list(d[k])
        d["fill_bars"] = list(d["fill_bars"])
        if d.pop("follow_auto"):
            d["follow"] = None
        if d.pop("temperature_auto"):
            d["temperature"] = None
        if d.pop("variations_auto"):
            d["variations"] = None
        return d

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        if not isinstance(data, dict):
            raise SettingsError("settings must be a JSON object")
        names = {f.name for f in fields(cls) if f.init}
        unknown = set(data) - names
        if unknown:  # a hand-edited file's typo: the setting meant, or the ones there are
            import difflib

            name = sorted(unknown)[0]
            near = difflib.get_close_matches(str(name), sorted(names), n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"settings are: {', '.join(sorted(names))}"
            raise SettingsError(f"unknown setting '{name}' ({hint})")
        return cls(**data)

    def to_document(self) -> dict:
        """The settings as the one saved form (versioned; see the module's docstring)."""
        d = self.to_dict()
        if d["variations"] is None:  # no count chosen: left out, as before, so any ReaGroove reads the file
            del d["variations"]
        for name, plain in (("feel", "normal"), ("swing", None)):  # likewise: a file any ReaGroove reads, as before
            if d[name] == plain:
                del d[name]
        return {"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION, "settings": d}

    @classmethod
    def from_document(cls, doc) -> "Settings":
        """Settings from a saved document: the versioned form, or an older one (a bare dict, panel.json's)."""
        kind = document_kind(doc)
        if kind in NOT_SETTINGS:  # another ReaGroove file given as settings: said as what it is and where it goes
            raise SettingsError(f"this looks like {NOT_SETTINGS[kind]}")
        if isinstance(doc, dict) and "format" in doc:  # no setting is called "format": a bare dict never has it
            version = doc.get("version")
            if doc["format"] == PANEL_FORMAT:  # panel.json: its "settings" entry, in either form
                return cls.from_document(doc.get("settings", {}))
            if doc["format"] != SETTINGS_FORMAT:
                raise SettingsError(f"not a ReaGroove settings file (its format is {doc['format']!r})")
            if _newer_format_version(doc) is not None:
                raise SettingsError(f"settings format version {version} is newer than this ReaGroove reads "
                                    f"(up to {SETTINGS_VERSION}); update ReaGroove")
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise SettingsError(f"settings format version must be a whole number from 1, got {version!r}")
            if "settings" not in doc:
                raise SettingsError("has no \"settings\" entry")
            return cls.from_dict(doc["settings"])
        return cls.from_dict(doc)

    def save(self, path: str | os.PathLike) -> None:
        atomic_write_text(path, json.dumps(self.to_document(), indent=2) + "\n")

    @staticmethod
    def newer_version(path: str | os.PathLike) -> int | None:
        """The format version of a settings file saved by a newer ReaGroove (None: readable here, damaged or
        absent): such a file holds settings this one cannot read, so it is not written over."""
        try:
            doc = read_json(path, "ReaGroove settings file")
        except InputFileError:
            return None
        return _newer_format_version(doc)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Settings":
        """Settings saved in a file (any form from_document reads); InputFileError naming the file and the problem."""
        try:
            doc = read_json(path, "ReaGroove settings file")
        except InputFileError:
            kind = file_kind(path)  # a MIDI file or a TOML drum map read as JSON said "not valid JSON"
            if kind in NOT_SETTINGS:
                raise InputFileError(path, f"this looks like {NOT_SETTINGS[kind]}") from None
            raise
        try:
            return cls.from_document(doc)
        except (SettingsError, TypeError) as exc:
            raise InputFileError(path, str(exc)) from None


# what each other kind of file is, and where it goes, when given as settings
NOT_SETTINGS = {
    "drum map": "a drum map, not settings: give it to --drum-map",
    "patterns": "a ReaGroove patterns file, not settings: its patterns play by name (--pattern-a NAME; "
                "reagroove patterns list)",
    "presets": "the panel's presets file, not settings: choose a preset in the panel",
    "groove": "a groove written by reagroove groove --json, not settings",
    "midi": "a MIDI file, not settings: give it as a part to drum, or to --pattern-a",
    "audio": "an audio file, not settings: give it as a part to drum, or to --pattern-a",
}


def document_kind(doc) -> str | None:
    """Which ReaGroove file a JSON document is: "settings" (any form from_document reads), "drum map", "patterns",
    "presets", "groove" (reagroove groove --json), or None (none of these)."""
    if not isinstance(doc, dict):
        return None
    form = doc.get("format")
    if form in (SETTINGS_FORMAT, PANEL_FORMAT):
        return "settings"
    known = {"reagroove-patterns": "patterns", "reagroove-panel-presets": "presets"}
    if form in known:
        return known[form]
    if form is None and isinstance(doc.get("voices"), dict):
        return "drum map"
    if form is None and {"windows", "file"} <= set(doc):
        return "groove"
    if form is None and set(doc) <= {f.name for f in fields(Settings) if f.init}:
        return "settings"
    return None


def file_kind(path) -> str | None:
    """document_kind of a file, or "midi" / "audio" for those (by their header), else None."""
    from .file_kinds import is_audio_path, is_midi_file
    if is_midi_file(path):
        return "midi"
    if str(path).lower().endswith(".toml"):
        from .drummap import tomllib  # tomli before Python 3.11, as drum maps are read

        try:
            with open(path, "rb") as f:
                return document_kind(tomllib.load(f))
        except (OSError, ValueError):
            return None
    if is_audio_path(path):
        return "audio"
    try:
        return document_kind(read_json(path, "file"))
    except InputFileError:
        return None


def _newer_format_version(doc) -> int | None:
    """The version of a versioned settings document saved by a newer ReaGroove, else None."""
    version = doc.get("version") if isinstance(doc, dict) and doc.get("format") == SETTINGS_FORMAT else None
    newer = isinstance(version, int) and not isinstance(version, bool) and version > SETTINGS_VERSION
    return version if newer else None


def list_items(text: str) -> list[str]:
    """'funk=0.7,jazz=0.3', 'funk=0.7 jazz=0.3' or 'kick = 0.3, ride=0.7' -> its items: parted by commas and/or
    spaces, as --fill-bars takes its bars ('funk=0.7 jazz=0.3' read jazz=0.3 as part of funk's weight)."""
    return re.sub(r"\s*=\s*", "=", str(text)).replace(",", " ").split()


def parse_genre_mix(text: str, what: str = "genre mix") -> dict[str, float]:
    """'funk=0.7,jazz=0.3', 'rock' or 'funk,jazz' (equal parts) -> {'funk': 0.7, 'jazz': 0.3} (names and weights
    are checked by Settings). `what` names the control in the one-line error (the CLI's --genre)."""
    mix: dict[str, float] = {}
    typed = text.strip()
    bare = []
    for part in list_items(re.sub(r"(?i)\bhip\s+hop\b", "hiphop", text)):  # not genres 'hip' and 'hop'
        name, eq, weight = part.partition("=")
        name = name.strip().lower().replace("-", "").replace("/", "")
        if name in mix:  # 'rock=1,rock=2' kept the last unsaid
            raise SettingsError(f"genre '{name}' is given twice in {what} '{typed}': give each genre once")
        if not eq:
            bare.append(name)
        try:
            mix[name] = float(weight) if eq else 1.0
        except ValueError:
            raise SettingsError(f"{what} '{typed}': weight '{weight}' for {name} is not a number") from None
    if bare and len(bare) < len(mix):
        # 'funk=0.5,jazz' gave jazz 1.0, twice funk's, unsaid: a name without its weight in a weighted mix reads
        # as a typo (a bare name alone, or only bare names, is an even mix)
        raise SettingsError(f"{what} '{typed}' gives {bare[0]} no weight: give every genre in a mix one "
                            f"(e.g. {bare[0]}=0.5), or none for an even mix")
    # 'funk=0' played with no genre preference, unsaid ('funk=-1' is no 0: Settings refuses it as below 0)
    if mix and all(w == 0 for w in mix.values()):
        raise SettingsError(f"{what} weights '{typed}' are all 0: give one a weight above 0, or leave the "
                            "genre out for no preference")
    return mix


def parse_fill_bars(text: str, what: str = "fill bars") -> tuple[int, ...]:
    """'8,16,24', '8 16 24' or '8, 16 24' -> (8, 16, 24): bar numbers parted by commas and/or spaces; nothing
    typed = none. `what` names the control in the one-line error (the CLI's --fill-bars, the panel's field);
    that bars count from 1 is Settings' check."""
    try:
        return tuple(int(b) for b in str(text).replace(",", " ").split())
    except ValueError:
        raise SettingsError(f"{what} '{str(text).strip()}' is not a list of bar numbers such as 8,16,24 or "
                            "8 16 24") from None


FAR_TEMPERATURE = 1.5  # above it a draw often leaves the part's groove (a funk bass's bar of 12 kicks at 2.5)


def far_settings(settings: Settings) -> list[str]:
    """A line for a temperature so high the drums are drawn far from the part's (said, as producers took the
    wild drums it gives for a fault)."""
    t = settings.temperature
    if t <= FAR_TEMPERATURE:
        return []
    return [f"temperature {t:g} draws the drums far from the likeliest for this part: expect unusual patterns "
            f"(0.5-1 varies them and keeps the groove)"]


def ignored_settings(settings: Settings) -> list[str]:
    """One line per setting the user changed that has no effect under the others (Settings.inactive)."""
    default = Settings()
    playing = [VOICES.index(v) for g, on in settings.voice_groups.items() if on for v in VOICE_GROUPS[g]]
    if settings.max_hits is not None and playing and not any(settings.max_hits[v] for v in playing):
        return ["every voice playing may hit at most 0 times (max hits): the drums are silent; raise max hits"]
    if settings.threshold is not None and settings.density is None and playing and all(
            settings.threshold[v] >= 1.0 for v in playing):  # no hit's probability reaches 1
        return ["a threshold of 1 lets no hit through: the drums are silent but for crashes the phrases ask for; "
                "lower the threshold (0.3-0.5 is usual)"]
    label = {"pattern_a": "pattern A", "pattern_b": "pattern B"}
    # settings idle for one reason are said in one line (patterns A and B and interpolate at follow 1 had been three
    # lines of the same reason, cut off on the panel's status line); every voice muted is no setting without
    # effect but the drums' silence: said as it is
    by_why: dict[str, list[str]] = {}
    for name, why in settings.inactive().items():
        if getattr(settings, name) != getattr(default, name):
            by_why.setdefault(why, []).append(name)
    return [why if names == ["voice_groups"] else
            f"{listed([label.get(n, n.replace('_', ' ')) for n in names])} "
            f"{'has' if len(names) == 1 else 'have'} no effect: {why}" for why, names in by_why.items()]
