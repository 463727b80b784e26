"""Loops: 2 bars of 4/4 at 16th-note resolution, as hits, velocities and offsets (HVO).

A loop is 32 steps x 9 voices. The flat HVO layout used by the model and the
dataset is (32, 27): hits in columns 0-8, velocities in 9-17, offsets in 18-26.
A groove is the one-voice version, (32, 3): hit, velocity, offset per step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

STEPS = 32  # 2 bars of 4/4 in 16th notes
STEPS_PER_BEAT = 4  # a beat is a quarter note
LOOP_BEATS = STEPS // STEPS_PER_BEAT  # 8 quarter notes, whatever the meter
VOICES = (
    "kick",
    "snare",
    "closed_hat",
    "open_hat",
    "low_tom",
    "mid_tom",
    "high_tom",
    "crash",
    "ride",
)
N_VOICES = len(VOICES)
HVO_WIDTH = 3 * N_VOICES

# Voice groups the model's controls switch on and off.
VOICE_GROUPS = {
    "kick": ("kick",),
    "snare": ("snare",),
    "hats": ("closed_hat", "open_hat"),
    "toms": ("low_tom", "mid_tom", "high_tom"),
    "cymbals": ("crash", "ride"),
}


class LoopError(ValueError):
    """A loop or groove whose shape or values are out of range."""


def _check_part(name: str, arr: np.ndarray, shape: tuple[int, ...], lo: float, hi: float) -> None:
    if arr.shape != shape:
        raise LoopError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise LoopError(f"{name} contain NaN or infinite values")
    bad = (arr < lo) | (arr > hi)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise LoopError(f"{name} must lie in {lo}..{hi}, got {float(arr[idx]):.4g} at {idx}")


def _check_hvo(hits, velocities, offsets, shape: tuple[int, ...]) -> None:
    _check_part("hits", hits, shape, 0.0, 1.0)
    if not np.all((hits == 0) | (hits == 1)):
        raise LoopError("hits must be 0 or 1")
    _check_part("velocities", velocities, shape, 0.0, 1.0)
    _check_part("offsets", offsets, shape, -0.5, 0.5)
    silent = hits == 0
    if np.any(velocities[silent] != 0) or np.any(offsets[silent] != 0):
        raise LoopError("velocities and offsets must be 0 where there is no hit")


@dataclass(frozen=True, eq=False)
class _Cells:
    """Hits, velocities and offsets over a fixed shape: what Loop and Groove share
    (validation, the empty value, the hit count, equality by content)."""

    hits: np.ndarray
    velocities: np.ndarray
    offsets: np.ndarray

    SHAPE: ClassVar[tuple[int, ...]] = ()

    def __post_init__(self) -> None:
        for name in ("hits", "velocities", "offsets"):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=np.float32))
        _check_hvo(self.hits, self.velocities, self.offsets, self.SHAPE)

    @classmethod
    def empty(cls):
        z = np.zeros(cls.SHAPE, np.float32)
        return cls(z, z.copy(), z.copy())

    @property
    def n_hits(self) -> int:
        return int(self.hits.sum())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(np.array_equal(getattr(self, k), getattr(other, k)) for k in ("hits", "velocities", "offsets"))


@dataclass(frozen=True, eq=False)
class Loop(_Cells):
    """A 32-step, 9-voice drum loop.

    hits are 0/1, velocities 0..1 (MIDI velocity / 127), offsets -0.5..0.5 of a
    16th-note step (positive = late). Cells without a hit hold zeros.
    """

    SHAPE: ClassVar[tuple[int, ...]] = (STEPS, N_VOICES)

    @classmethod
    def from_hvo(cls, hvo: np.ndarray) -> "Loop":
        hvo = np.asarray(hvo, dtype=np.float32)
        if hvo.shape != (STEPS, HVO_WIDTH):
            raise LoopError(f"HVO array must have shape {(STEPS, HVO_WIDTH)}, got {hvo.shape}")
        n = N_VOICES
        return cls(hvo[:, :n], hvo[:, n : 2 * n], hvo[:, 2 * n :])

    def to_hvo(self) -> np.ndarray:
        return np.concatenate([self.hits, self.velocities, self.offsets], axis=1)

    def groove(self) -> "Groove":
        """Flatten to one voice: a step is a hit if any voice hits; the loudest note wins."""
        return Groove.from_array(flatten_hvo(self.to_hvo()[None])[0])


@dataclass(frozen=True, eq=False)
class Groove(_Cells):
    """The rhythm of a performance over one 2-bar window: 32 steps of hit, velocity, offset."""

    SHAPE: ClassVar[tuple[int, ...]] = (STEPS,)

    @classmethod
    def from_array(cls, arr: np.ndarray) -> "Groove":
        arr = np.asarray(arr, dtype=np.float32)
        if arr.shape != (STEPS, 3):
            raise LoopError(f"groove array must have shape {(STEPS, 3)}, got {arr.shape}")
        return cls(arr[:, 0], arr[:, 1], arr[:, 2])

    def to_array(self) -> np.ndarray:
        return np.stack([self.hits, self.velocities, self.offsets], axis=1)


def flatten_hvo(hvo: np.ndarray) -> np.ndarray:
    """(N, 32, 27) loops -> (N, 32, 3) grooves: per step the loudest voice's velocity and offset."""
    hvo = np.asarray(hvo, dtype=np.float32)
    n = N_VOICES
    hits, vels, offs = hvo[..., :n], hvo[..., n : 2 * n], hvo[..., 2 * n :]
    # Loudest wins; among equally loud hits the one nearest the grid.
    loudest = np.where(hits > 0, vels, -1.0).max(axis=-1, keepdims=True)
    score = np.where((hits > 0) & (vels == loudest), -np.abs(offs), -np.inf)
    best = np.argmax(score, axis=-1)[..., None]
    any_hit = hits.max(axis=-1)
    vel = np.take_along_axis(vels, best, -1)[..., 0] * any_hit
    off = np.take_along_axis(offs, best, -1)[..., 0] * any_hit
    return np.stack([any_hit, vel, off], axis=-1).astype(np.float32)


def runs(steps: np.ndarray) -> list[tuple[int, int]]:
    """(from, to) of each run of True cells in a 1-D bool row (a fill's steps, a hand's 16ths)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[False], steps, [False]]).astype(np.int8)))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))
