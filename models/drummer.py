"""The shipped network behind the engine: reagroove.core.engine.DrumModel on top of the batch API.

    from reagroove.models.drummer import default_engine
    engine = default_engine()            # the shipped weights, genre prototypes as patterns
    loops = engine.generate(grooves, Settings(genre={"funk": 1}))
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from reagroove.core.conditioning import Conditioning
from reagroove.core.engine import Engine
from reagroove.core.errors import InputFileError
from reagroove.core.files import read_json, user_data_folder
from reagroove.core.patterns import Pattern, PatternError, PatternStore

from . import api

PROTOTYPES = Path(__file__).resolve().parent / "weights" / "prototypes.json"


class ShippedModel:
    """DrumModel over the batch API: the engine's Conditioning goes to `api.generate` as it is.

    The shipped weights: one network for band parts and one for drum parts
    (Conditioning.drum_part picks), each encoding the patterns it decodes. A `weights` file given plays every input."""

    def __init__(self, weights: str | os.PathLike | None = None):
        api.one_thread()
        self.weights = weights
        self.net = api.load_model(weights)
        self.latent_size = int(self.net.latent)  # the drum-part network's is the same (loaded when first asked)

    def warm(self) -> None:
        """Load the drum-part network now too (0.3 s here) and trace both networks' calls (about 1 s each; a
        process that drums one file traces nothing, one that keeps generating traces the calls it uses), so a live
        session that turns to drum pads, a pattern or the pad does not wait for them in the middle of a bar."""
        self.net.warm()
        if self.weights is None:
            api.load_model(drum_part=True).warm()

    @property
    def thresholds(self) -> np.ndarray:
        """The per-voice hit thresholds tuned on validation (where a custom threshold table starts)."""
        return self.net.thresholds

    def encode(self, grooves: np.ndarray, loops: np.ndarray | None = None, bass: np.ndarray | None = None, *,
               drum_part: bool = False) -> np.ndarray:
        return api.encode(grooves, loops=loops, bass=bass, drum_part=drum_part, weights=self.weights)

    def generate(self, grooves: np.ndarray, z: np.ndarray | None, cond: Conditioning) -> np.ndarray:
        return api.generate(grooves, cond, z=z, weights=self.weights)


def genre_prototypes(path: Path = PROTOTYPES) -> dict[str, Pattern]:
    """One default pattern per genre (made from the training data by models/prototypes.py)."""
    if not path.exists():
        return {}
    doc = read_json(path, "ReaGroove genre patterns file")
    try:
        return {p["name"]: Pattern.from_dict(p) for p in doc["patterns"]}
    except (KeyError, TypeError, ValueError, PatternError) as exc:
        raise InputFileError(path, f"not a ReaGroove genre patterns file ({exc})") from None


def user_patterns_path() -> Path:
    return user_data_folder() / "patterns.json"


def default_engine(weights: str | os.PathLike | None = None, patterns_path: str | os.PathLike | None = None) -> Engine:
    """An Engine on the shipped model, with the genre prototypes and the user's saved patterns."""
    store = PatternStore(genre_prototypes(), patterns_path if patterns_path is not None else user_patterns_path())
    return Engine(ShippedModel(weights), store)
