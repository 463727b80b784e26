"""Conditioning: what a drum model generates N loops under, as arrays in the network's fixed order.

The settings path runs one way: `Settings` (settings.py) checks and
normalises every control once; the engine turns it into one `Conditioning`
(`Engine.conditioning`); the model (`DrumModel.generate`, the network's side of the
contract, below) takes it as it is.
The batch API (reagroove.models.drumify_batch) takes plain arguments instead
of a Settings; `Conditioning.of` checks those with the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .genres import GENRES, N_GENRES
from .loop import STEPS, VOICE_GROUPS, LoopError
from .meter import is_plain
from .settings import MAX_TEMPERATURE, SettingsError, check_genre_mix, check_voice_groups, normalised_mix, per_voice

GROUPS = tuple(VOICE_GROUPS)
_ALL_ON = np.ones(len(GROUPS), np.float32)  # every group on (read-only: shared by the calls that ask for nothing)
_ALL_ON.flags.writeable = False


@dataclass(frozen=True, eq=False)
class Conditioning:
    """The controls of one model call for N loops (all float32 unless said).

    genre         (N, 9) a mix in GENRES order, each row summing to 1 (zeros = no preference)
    voice_groups  (5,) 0/1 in kick, snare, hats, toms, cymbals order; an off group never plays
    temperature   (N,) 0..3: the latent point is drawn that many spreads from the most likely one
    seed          (N,) int64: one draw per seed, shared by the loops with that seed (a take); None = fresh noise
    density       (N,) hits per cell of the 32 x 9 loop (the model's unit); None = what the groove suggests
    threshold     (9,) hit-probability thresholds per voice; None = the model's own tuned ones
    max_hits      (9,) int64 most hits per voice per loop; None = no limit
    fill          (N,) 1 = play a fill instead of a beat; None = beats
    crash         (N,) 1 = the loop opens a phrase (a crash on its downbeat), 0 = no crash in it;
                  None = the model decides (downbeats only)
    bass          (N, 32, 3) the groove of the input's low register in the loop's frame; None = unknown
    drum_part     the input is a drum part (groove.is_drum_part), not a band part: a model with a
                  network for each plays it with the drum-part one
    take          (N,) int64: loops with the same number are windows of one part (a section, a
                  variation), played as one drummer keeps one groove through it; -1 or None = each on its own
    prior_share   (N,) 0..1, with explicit latent points: the share of each point that is a groove's own
                  (the prior's, drumify's point) rather than a drum loop's; the loop gets that share of the
                  corrections drumify's point gets (average drummer, steady time, one take); None = none (a
                  point decoded as it is)
    pattern       (N, 32, 27) with explicit latent points: the drum loop (a pattern's) each point is mostly a
                  share of, whose hits the network cannot decode from it (models/pattern_hits.py); None = none
    pattern_share (N,) 0..1: the share of each point that is `pattern`'s (pulled to its hits from over 0.5)
    part_level    (N,) with explicit latent points: the part's own mean hit velocity (dynamics.part_levels, read
                  before a pattern steers its groove), which a band part's steered beats play at
                  (dynamics.band_accents); None = each loop at its own
    four_four     (N,) bool: the loops laid on 4/4 bars, where a band part's loops take a drummer's accents
                  (GMD's, measured in 4/4) at the part's level instead of the part's own touch; a loop laid on
                  another meter keeps the part's accents within each voice, each voice at a drummer's share of
                  the part's level (dynamics.voice_levels); None = every loop
    plain         (N,) bool: the loops of four_four laid on plain 4/4 bars, not at half speed in half time (where a
                  genre's figure on the loop's 16ths would land on other steps); None = four_four's
    step_levels   (N, 32) int64: each loop step's place in the bars the loop is laid on (thinning.level_rows:
                  4 a bar's downbeat ... 0 a 16th, -1 a step those bars leave out), which a cap (max_hits)
                  keeps first; None = read from four_four (a loop on other bars: the steps every meter plays)
    bpm           (N,) float: each loop's tempo in quarter notes a minute, where the rules after the network ask it
                  (a bass on the off-beats is house or disco only at dance tempos); None = unknown
    song_bar      (N,) int64: each loop's first bar counted in the song from 0 (song_bars.bar_counts), where the rules
                  after the network count a song's phrases (hip-hop's open hat: genre_open_hats.py); None = the loops
                  in order from the song's first bar
    phrase_edges  (N, 2) bool: each loop bar that ends a phrase with a fill or opens one with a crash (a section's
                  on a loop's second bar too), where the rules after the network keep disco's open hats closed
                  (genre_open_hats.py); None = crash's downbeats alone
    """

    genre: np.ndarray
    voice_groups: np.ndarray
    temperature: np.ndarray
    seed: np.ndarray | None = None
    density: np.ndarray | None = None
    threshold: np.ndarray | None = None
    max_hits: np.ndarray | None = None
    fill: np.ndarray | None = None
    crash: np.ndarray | None = None
    bass: np.ndarray | None = None
    drum_part: bool = False
    take: np.ndarray | None = None
    prior_share: np.ndarray | None = None
    pattern: np.ndarray | None = None
    pattern_share: np.ndarray | None = None
    part_level: np.ndarray | None = None
    four_four: np.ndarray | None = None
    plain: np.ndarray | None = None
    step_levels: np.ndarray | None = None
    bpm: np.ndarray | None = None
    song_bar: np.ndarray | None = None
    phrase_edges: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.genre)

    @classmethod
    def of(cls, n: int, *, genre=None, density=None, voice_groups=None, temperature=0.0, threshold=None,
           max_hits=None, seed=None, fill=None, crash=None, bass=None, drum_part=False, take=None,
           tuned_thresholds=None) -> "Conditioning":
        """Conditioning for n loops from plain arguments (see reagroove.models.drumify_batch), checked
        with Settings' rules: SettingsError names the argument and the problem.

        genre: None, a genre name, {genre: weight}, 9 weights or (n, 9); density: hits per cell (0..1),
        a number or (n,); voice_groups: {group: on} or 5 flags; temperature: a number or (n,);
        threshold/max_hits: a number, 9 numbers or {voice: value} (the voices not named keep
        `tuned_thresholds`, else 0.5 / no limit); seed: an int, (n,) ints or None; fill, crash:
        a flag or (n,); bass: (n, 32, 3); drum_part: a flag; take: (n,) ints (-1 = none) or None.
        """
        if isinstance(genre, str):
            genre = {genre: 1.0}
        if genre is None:
            weights = None  # no preference: rows of zeros, already a mix
        elif isinstance(genre, dict):
            mix = check_genre_mix(genre)
            weights = np.tile(np.array([mix.get(g, 0.0) for g in GENRES], np.float32), (n, 1))
        else:
            weights = _rows("genre", genre, n, (N_GENRES,))
            if np.any(weights < 0):
                raise SettingsError("genre weights must be 0 or more")
        if voice_groups is None:
            flags = _ALL_ON
        elif isinstance(voice_groups, dict):
            on = check_voice_groups(voice_groups)
            flags = np.array([on[g] for g in GROUPS], np.float32)
        else:
            flags = np.asarray(voice_groups, np.float32).reshape(-1)
            if flags.shape != (len(GROUPS),):
                raise SettingsError(f"voice_groups must be {{group: on}} or {len(GROUPS)} flags ({', '.join(GROUPS)})")
            flags = (flags > 0).astype(np.float32)
        temps = _rows("temperature", temperature, n)
        low, high = (temperature, temperature) if type(temperature) in (int, float) else (temps.min(initial=0.0),
                                                                                           temps.max(initial=0.0))
        if low < 0 or high > MAX_TEMPERATURE:
            raise SettingsError(f"temperature must be from 0 to {MAX_TEMPERATURE:g}")
        if density is not None:
            rows = _rows("density", density, n)
            # one number (the slider's, every call with a density): checked as a number, as temperature is
            low, high = (density, density) if type(density) in (int, float) else (rows.min(initial=0.0),
                                                                                rows.max(initial=0.0))
            if low < 0 or high > 1:
                raise SettingsError("density (hits per cell) must be from 0 to 1")
            density = rows
        if threshold is not None:
            threshold = np.asarray(per_voice("threshold", _plain(threshold), float, 0.0, 1.0, tuned_thresholds), np.float32)
        if max_hits is not None:
            max_hits = np.asarray(per_voice("max_hits", _plain(max_hits), int, 0, STEPS), np.int64)
        if seed is not None:
            one = np.asarray(seed, np.int64)
            if one.ndim == 0:  # (one seed, the common case: filled in, without broadcast_to's Python wrapper)
                seed = np.empty(n, np.int64)
                seed.fill(one)
            else:
                seed = np.broadcast_to(one, (n,)).copy()
        fill = None if fill is None or fill is False else _rows("fill", fill, n)
        crash = None if crash is None else _rows("crash", crash, n)
        if bass is not None:
            bass = np.broadcast_to(np.asarray(bass, np.float32), (n, STEPS, 3)).copy()
            if not np.all(np.isfinite(bass)):
                raise LoopError("bass contains NaN or infinite values")
        if take is not None:
            take = np.asarray(take)
            numeric = np.issubdtype(take.dtype, np.number) and not np.issubdtype(take.dtype, np.complexfloating)
            if take.shape != (n,) or not numeric or not np.all(np.isfinite(take)) or np.any(take != np.round(take)):
                raise SettingsError(f"take must be one whole number per loop ({n} loops), got {take.dtype} of shape "
                                    f"{take.shape}")
            take = take.astype(np.int64)
        mix = np.zeros((n, N_GENRES), np.float32) if weights is None else normalised_mix(weights)
        return cls(mix, flags, temps, seed, density, threshold, max_hits, fill, crash, bass, bool(drum_part), take)


def _plain(value):
    """A numpy array as a list (per_voice reads numbers, lists and dicts)."""
    return value.tolist() if isinstance(value, np.ndarray) else value


def _rows(name: str, value, n: int, shape: tuple = ()) -> np.ndarray:
    """One value (or one row) for every loop, or one per loop: (n, *shape) float32, finite."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not shape:  # the common case, quickly
        one = np.asarray(value, np.float32)
        if not np.isfinite(one):
            raise SettingsError(f"{name} contains NaN or infinite values")
        out = np.empty(n, np.float32)  # (np.full, without its Python wrapper: every drumify_batch call)
        out.fill(one)
        return out
    try:
        out = np.broadcast_to(np.asarray(value, np.float32), (n, *shape)).copy()
    except (TypeError, ValueError):
        raise SettingsError(f"{name} must be a number or one per loop ({n}), got shape {np.shape(value)}") from None
    if not np.all(np.isfinite(out)):
        raise SettingsError(f"{name} contains NaN or infinite values")
    return out


class DrumModel(Protocol):
    """What the engine needs from a drum generator network."""

    latent_size: int
    # optional: the per-voice hit thresholds the model was tuned with (a panel's custom table starts there)
    thresholds: np.ndarray

    def encode(self, grooves: np.ndarray, loops: np.ndarray | None = None, *, bass: np.ndarray | None = None,
               drum_part: bool = False) -> np.ndarray:
        """(N, 32, 3) grooves -> (N, latent) latent points.

        With loops (N, 32, 27), the drum loops that go with the grooves: the
        point that reproduces those loops (how a pattern is carried). Without:
        the most likely point for the groove alone. bass: (N, 32, 3) the grooves'
        low register (Conditioning.bass; None: unknown). drum_part: the points of the
        network that plays drum parts (Conditioning.drum_part), where a model has one."""

    # optional: warm() loads everything a generation may need (a live session calls it before it plays)

    def generate(self, grooves: np.ndarray, z: np.ndarray | None, cond: Conditioning) -> np.ndarray:
        """Decode latent points, reading the (possibly soft) grooves step by step, under `cond`.

        grooves (N, 32, 3); z (N, latent), or None to encode the grooves; cond: the controls as
        arrays (conditioning.py), taken as they are: the engine built them from checked Settings.
        A model may ignore what it cannot use (the engine still keeps crashes to phrase starts).
        Returns (N, 32, 27) loops. Same arguments (seeds included) -> the same loops, bit for bit.
        """


def four_four_rows(meters) -> np.ndarray | None:
    """(W,) bool: the windows whose loops are laid on 4/4 bars (meter.is_plain), or None for every window
    (no meters: 4/4)."""
    return None if meters is None else np.array([is_plain(m) for m in meters], bool)
