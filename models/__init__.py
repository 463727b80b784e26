"""ReaGroove models: the drum generator network, its training, evaluation and shipped weights.

Public API (stable): drumify_batch, encode, decode (see api.py); WeightsError.
"""

from .api import decode, drumify_batch, encode, load_model
from .weights import WeightsError

__all__ = ["drumify_batch", "encode", "decode", "load_model", "WeightsError"]
