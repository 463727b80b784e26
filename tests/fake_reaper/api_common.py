"""Shared plumbing of the simulated API functions: C arguments (``Ref``, C strings and
buffers), the ``@_api`` registry ``_IMPL`` that ``reaper_python`` builds its callbacks
from, and pointer-resolving helpers."""

import ctypes
from . import project as _fr


class Ref:
    """A scalar C pointer argument (``int*``, ``double*``, ``bool*``); NULL-safe."""

    __slots__ = ("addr", "ct")

    def __init__(self, addr, ct):
        self.addr = addr
        self.ct = ct

    def __bool__(self):
        return bool(self.addr)

    def get(self, default=None):
        if not self.addr:
            return default
        return self.ct.from_address(self.addr).value

    def set(self, value):
        if self.addr:
            self.ct.from_address(self.addr).value = value


def _cstr(addr):
    """Read a NUL-terminated C string (UTF-8) at ``addr``; None for NULL."""
    if not addr:
        return None
    return ctypes.string_at(addr).decode("utf-8", "replace")


def _cbytes(addr, size):
    if not addr or size <= 0:
        return b""
    return ctypes.string_at(addr, size)


def _write(addr, data, capacity):
    """Write ``data`` + NUL into a char buffer of ``capacity`` bytes (truncating like strncpy)."""
    if not addr or capacity is None or capacity <= 0:
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    n = min(len(data), capacity - 1)
    ctypes.memmove(addr, data, n)
    ctypes.memset(addr + n, 0, 1)


_BIG = 4 * 1024 * 1024  # "NeedBig" buffers: REAPER's wrapper allocates 4 MiB


_IMPL = {}


def _api(fn):
    _IMPL[fn.__name__[1:]] = fn
    return fn

# --------------------------------------------------------------------------
# helpers for the implementations
# --------------------------------------------------------------------------


def _proj(R, ptr, fn):
    return R.project_for(ptr, fn)


def _track(R, ptr, fn):
    return R.resolve(ptr, "MediaTrack*", fn)


def _item(R, ptr, fn):
    return R.resolve(ptr, "MediaItem*", fn)


def _take(R, ptr, fn):
    return R.resolve(ptr, "MediaItem_Take*", fn)


def _changed(obj):
    if isinstance(obj, _fr.Take):
        obj.change_count += 1
        obj = obj.item.track.project
    elif isinstance(obj, _fr.Item):
        obj = obj.track.project
    elif isinstance(obj, _fr.Track):
        obj = obj.project
    obj.changed()


def _maybe_sort(take, no_sort):
    if not no_sort and not take.sort_disabled:
        take.sort()
