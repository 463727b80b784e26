"""Settings: every control of the engine in one plain, serialisable object.

The CLI, the live session, the REAPER actions and the panel all build one of
these; `to_dict`/`from_dict` round-trip through JSON, and every value is
checked with a message that names the setting.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from .errors import InputFileError, ReaGrooveError
from .files import atomic_write_text
from .genres import GENRES
from .loop import N_VOICES, VOICE_GROUPS, VOICES


# The follow a named pattern implies when follow is not given: halfway between the pattern and your groove.
FOLLOW_WITH_PATTERN = 0.5
# The variety of a take when a seed is chosen and the temperature is left to its default:
# about a quarter of the hits change from seed to seed (measured on GMD validation grooves).
TAKE_TEMPERATURE = 0.3
FILL_LENGTHS = ("beat", "half", "bar")


class SettingsError(ReaGrooveError):
    """A setting outside its range, or a malformed settings file."""


def _unit(name: str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{name} must be a number from 0 to 1, got {value!r}") from None
    if not 0.0 <= value <= 1.0 or math.isnan(value):
        raise SettingsError(f"{name} must be from 0 to 1, got {value:g}")
    return value


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
                 a new seed (the panel's dice) is always a new take; `temperature` reads the value in force
    threshold    per-voice hit threshold (0..1) or None for the model's tuned one
    max_hits     per-voice maximum hits per loop (0..32) or None for no limit
    humanize     0 = quantized, flat velocities; 1 = the model's micro-timing and dynamics
    seed         same settings + same seed = same output, bit for bit
    hold         drumify: hold one pattern for the whole input instead of following every window
    fill_every   drumify: phrases of N 2-bar loops, each ending in a fill and the next opening
                 with a crash (N=4: fills in bar 8, 16, ... counted from where the input starts); 0 = none
    fill_bars    drumify: bars that end in a fill (the next bar opens with a crash), e.g. (8, 16, 24)
    fill_length  how much of the phrase's last bar the fill takes: "beat", "half" (the last half bar) or "bar"
    opening_crash drumify: a crash on the first downbeat the drums play
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
    # True when follow was not given and takes its default from the patterns (kept by replace and to_dict)
    follow_auto: bool = field(default=False, init=False, repr=False, compare=False)
    temperature_auto: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 - frozen dataclass
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
        if not 0.0 <= temperature <= 3.0:
            raise SettingsError(f"temperature must be from 0 to 3, got {temperature:g}")
        set_("temperature", temperature)
        genre = {}
        for name, weight in dict(self.genre).items():
            if name not in GENRES:
                raise SettingsError(f"unknown genre '{name}' (genres are: {', '.join(GENRES)})")
            try:
                weight = float(weight)
            except (TypeError, ValueError):
                raise SettingsError(f"genre weight for {name} must be a number, got {weight!r}") from None
            if weight < 0 or math.isnan(weight):
                raise SettingsError(f"genre weight for {name} must be 0 or more, got {weight:g}")
            if weight > 0:
                genre[name] = weight
        set_("genre", genre)
        groups = {g: True for g in VOICE_GROUPS}
        for name, on in dict(self.voice_groups).items():
            if name not in VOICE_GROUPS:
                raise SettingsError(f"unknown voice group '{name}' (groups are: {', '.join(VOICE_GROUPS)})")
            groups[name] = bool(on)
        set_("voice_groups", groups)
        if self.threshold is not None:
            set_("threshold", self._per_voice("threshold", self.threshold, float, 0.0, 1.0))
        if self.max_hits is not None:
            set_("max_hits", self._per_voice("max_hits", self.max_hits, int, 0, 32))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise SettingsError(f"seed must be a whole number from 0 to {2**32 - 1}, got {self.seed!r}")
        set_("hold", bool(self.hold))
        if isinstance(self.fill_every, bool) or not isinstance(self.fill_every, int) or not 0 <= self.fill_every <= 64:
            raise SettingsError(f"fill_every must be a whole number from 0 (no fills) to 64, got {self.fill_every!r}")
        bars = self.fill_bars
        if isinstance(bars, (int, str)) or not all(isinstance(b, int) and not isinstance(b, bool) and b >= 1 for b in bars):
            raise SettingsError(f"fill_bars must be bar numbers from 1, e.g. [8, 16, 24], got {bars!r}")
        set_("fill_bars", tuple(sorted(set(bars))))
        if self.fill_length not in FILL_LENGTHS:
            raise SettingsError(f"fill_length must be one of {', '.join(FILL_LENGTHS)}, got {self.fill_length!r}")
        set_("opening_crash", bool(self.opening_crash))

    @staticmethod
    def _per_voice(name, value, kind, lo, hi) -> tuple:
        if isinstance(value, (int, float)):
            value = [value] * N_VOICES
        elif isinstance(value, dict):  # {"kick": 0.3, ...}: the rest keep the default
            unknown = set(value) - set(VOICES)
            if unknown:
                raise SettingsError(f"{name}: unknown voice '{sorted(unknown)[0]}' (voices are: {', '.join(VOICES)})")
            default = hi if kind is int else 0.5
            value = [value.get(v, default) for v in VOICES]
        value = list(value)
        if len(value) != N_VOICES:
            raise SettingsError(f"{name} needs one value per voice ({N_VOICES}), got {len(value)}")
        out = []
        for v, x in zip(VOICES, value):
            try:
                x = kind(x)
            except (TypeError, ValueError):
                raise SettingsError(f"{name} for {v} must be a number, got {x!r}") from None
            if not lo <= x <= hi:
                raise SettingsError(f"{name} for {v} must be from {lo} to {hi}, got {x}")
            out.append(x)
        return tuple(out)

    def genre_weights(self) -> list[float]:
        """The genre mix as 9 weights summing to 1 (all 0 = no preference)."""
        total = sum(self.genre.values())
        return [self.genre.get(g, 0.0) / total if total else 0.0 for g in GENRES]

    def replace(self, **changes) -> "Settings":
        if self.follow_auto and "follow" not in changes:
            changes["follow"] = None  # still the default: it follows the patterns chosen now
        if self.temperature_auto and "temperature" not in changes:
            changes["temperature"] = None  # still the default: it follows the seed chosen now
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
            out["interpolate"] = "interpolate moves between two different patterns; choose both pattern A and pattern B"
        elif self.follow >= 1.0:
            out["interpolate"] = "follow is 1: the drums follow your groove only; lower follow to hear pattern A/B"
        if not self.has_fills:
            out["fill_length"] = "there are no fills; set fill_every or fill_bars"
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
        return d

    @classmethod
    def from_dict(cls, data: dict) -> "Settings":
        if not isinstance(data, dict):
            raise SettingsError("settings must be a JSON object")
        names = {f.name for f in fields(cls) if f.init}
        unknown = set(data) - names
        if unknown:
            raise SettingsError(f"unknown setting '{sorted(unknown)[0]}'")
        return cls(**data)

    def save(self, path: str | os.PathLike) -> None:
        atomic_write_text(path, json.dumps(self.to_dict(), indent=2) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike) -> "Settings":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputFileError(path, exc.strerror or "cannot be read") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputFileError(path, f"not valid JSON: {str(exc).splitlines()[0]}") from None
        try:
            return cls.from_dict(data)
        except SettingsError as exc:
            raise InputFileError(path, str(exc)) from None


def parse_genre_mix(text: str) -> dict[str, float]:
    """'funk=0.7,jazz=0.3' or 'rock' -> {'funk': 0.7, 'jazz': 0.3}."""
    mix: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, weight = part.partition("=")
        name = name.strip().lower().replace("-", "").replace("/", "")
        try:
            mix[name] = float(weight) if weight else 1.0
        except ValueError:
            raise SettingsError(f"genre weight '{weight}' for {name} is not a number") from None
    Settings(genre=mix)  # validates names and weights
    return mix
