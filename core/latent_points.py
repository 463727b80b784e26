"""The engine's latent points (Engine's side of them, `LatentPoints`): the groove's own, a named pattern's, the point
on pattern A/B's triangle the settings ask (target), and the drum loop a point is mostly a share of (pattern_pull,
whose hits the network cannot decode from it: models/pattern_hits.py). Engine (engine.py) inherits them; they use
its model (`self.model`), its pattern store (`self.patterns`) and the cache of the patterns' points."""

from __future__ import annotations

import numpy as np

from .conditioning import DrumModel
from .loop import HVO_WIDTH, N_VOICES, STEPS
from .patterns import Pattern, PatternStore
from .settings import Settings
from .swing import Swing, part_swing, straighten


class LatentPoints:
    """Latent points under the settings (see the module); Engine's base."""

    model: DrumModel
    patterns: PatternStore
    _pattern_z: dict

    def tuned_thresholds(self) -> tuple[float, ...]:
        """The model's own per-voice hit thresholds (tuned on validation), else 0.5 each: where a threshold
        given for some voices only (kick=0.4) starts the others, and the panel's custom table starts."""
        values = getattr(self.model, "thresholds", None)
        if values is not None and len(values) == N_VOICES:
            return tuple(round(float(v), 3) for v in values)
        return (0.5,) * N_VOICES

    def encode(self, grooves: np.ndarray, loops: np.ndarray | None = None, *, bass: np.ndarray | None = None,
               drum_part: bool = False) -> np.ndarray:
        grooves = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
        loops = None if loops is None else np.asarray(loops, np.float32).reshape(-1, STEPS, HVO_WIDTH)
        bass = None if bass is None else np.asarray(bass, np.float32).reshape(-1, STEPS, 3)
        return self.model.encode(grooves, loops, bass=bass, drum_part=drum_part)

    def _read(self, pattern: Pattern, drum_part: bool = False) -> tuple[np.ndarray, Swing | None, np.ndarray,
                                                                         np.ndarray | None]:
        """(latent point, swing, groove, bass) of a pattern as the network reads it: a swung part's groove and bass
        straightened at its swing, as drumify reads that part (`_decode`); its point its drum loop's where it has
        one, else its groove's own at the point its bass (a file's low register) gives it, as drumify plays it."""
        swing = part_swing(pattern.groove[None], drum_part)
        groove = straighten(pattern.groove[None], swing)
        bass = None if pattern.bass is None else straighten(pattern.bass[None], swing)
        loop = None if pattern.loop is None else pattern.loop[None]
        z = self.encode(groove, loop, bass=bass, drum_part=drum_part)[0]
        return z, swing, groove[0], None if bass is None else bass[0]

    def _pattern(self, name: str, drum_part: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(z, groove, bass: zeros where it has none, a drum loop) of a named pattern, encoded once per network."""
        pattern: Pattern = self.patterns.get(name)
        key = (name, *(None if a is None else a.tobytes() for a in (pattern.groove, pattern.loop, pattern.bass)), drum_part)
        if key not in self._pattern_z:
            self._pattern_z[key] = self._read(pattern, drum_part)[0]
        bass = np.zeros_like(pattern.groove) if pattern.bass is None else pattern.bass
        return self._pattern_z[key], pattern.groove, bass

    @staticmethod
    def _ends(settings: Settings) -> tuple[str, str] | None:
        """The triangle's A and B pattern names (B alone is both ends), None where no pattern is named."""
        first = settings.pattern_a or settings.pattern_b
        return None if first is None else (first, settings.pattern_b or first)

    def _prior_share(self, settings: Settings) -> float | None:
        """The share of `target`'s point that is a groove's own (the prior's point, which drumify tempers): the
        groove's (follow) and that of a pattern without a drum loop (a part's rhythm); a drum loop's point is its
        drummer's, decoded as it is. None where no pattern is named."""
        ends = self._ends(settings)
        if ends is None:
            return None
        own_a, own_b = (float(self.patterns.get(n).loop is None) for n in ends)
        t, f = settings.interpolate, settings.follow
        return f + (1 - f) * ((1 - t) * own_a + t * own_b)

    def pattern_pull(self, settings: Settings) -> tuple[np.ndarray | None, float]:
        """(loop, share): the drum loop of pattern A or B holding the largest share of `target`'s point (the
        triangle's (1 - follow)(1 - interpolate) and (1 - follow) interpolate, one end's when both are one) and
        that share; (None, 0) where no pattern named is a drum loop."""
        ends = self._ends(settings)
        if ends is None:
            return None, 0.0
        t, f = settings.interpolate, settings.follow
        shares: dict[str, float] = {}
        for name, share in zip(ends, ((1 - f) * (1 - t), (1 - f) * t)):
            shares[name] = shares.get(name, 0.0) + share
        name = max(shares, key=shares.get)
        loop = self.patterns.get(name).loop
        return (None, 0.0) if loop is None else (loop, shares[name])

    def target(self, settings: Settings, grooves: np.ndarray, z_groove: np.ndarray | None = None, *,
               bass: np.ndarray | None = None, drum_part: bool = False):
        """The latent points, decoder grooves and bass grooves for N input grooves under the settings.

        Triangle: P = A + interpolate * (B - A); point = P + follow * (G - P), and the
        decoder's groove and bass alike (a drum loop's bass: none). Pattern B alone is
        both ends. Without a pattern the point is the groove's own, returned as None so
        the model encodes it in the same call (its fastest path). bass: the grooves'
        low register, as the decoder gets it (the groove's point is the one follow 1
        plays); at follow 0 a drum loop's kick is its own, not the bass line's (the
        input's bass had kept the kick on the bass notes all along Follow). drum_part:
        the input is a drum part (the points are that network's).
        """
        grooves = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
        ends = self._ends(settings)
        if ends is None:
            return z_groove, grooves, bass
        a = self._pattern(ends[0], drum_part)  # a name no store holds is said even at follow 1
        if settings.follow >= 1.0:  # follow 1 is the groove's own point, exactly (not P + (G - P))
            return z_groove, grooves, bass
        b = self._pattern(ends[1], drum_part)
        z_g = self.encode(grooves, bass=bass, drum_part=drum_part) if z_groove is None else z_groove
        t, f = settings.interpolate, settings.follow
        toward = lambda i, own: ((1 - t) * a[i] + t * b[i])[None] * (1 - f) + f * own  # noqa: E731
        lows = None if bass is None else toward(2, np.asarray(bass, np.float32)).astype(np.float32)
        return toward(0, z_g).astype(np.float32), toward(1, grooves).astype(np.float32), lows
