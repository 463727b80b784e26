"""ReaGroove models: the drum generator network, its training, evaluation and shipped weights.

Public API (stable): drumify_batch, encode, decode, load_model (see api.py, loaded_model.py); WeightsError.
They are imported on first use, so a light module here (commands.py, which
registers `reagroove` subcommands) does not load torch with the package.
"""

from importlib import import_module

_PUBLIC = {"drumify_batch": "api", "encode": "api", "decode": "api", "load_model": "loaded_model", "WeightsError": "weights"}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
