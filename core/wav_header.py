"""What a WAV file's header promises, to tell a cut-short file from a whole one.

libsndfile sizes a truncated WAV by the bytes it finds and reads it without a
word, so a file cut off by a failed copy would be drummed as if it ended
there. The header's data chunk still says how long the recording was. Plain
Python: the chunk headers are read, never the audio.
"""

from __future__ import annotations

import os
import struct

# A data size of 0 or all ones means "unknown" (a recorder that never went back to fill it in).
_UNKNOWN_SIZES = (0, 0xFFFFFFFF)


def declared_wav_seconds(path: str | os.PathLike) -> float | None:
    """Seconds of audio a RIFF/WAVE (or RF64/BW64) file's header announces, or None (not such a file, or no size given)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] not in (b"RIFF", b"RF64", b"BW64") or head[8:12] != b"WAVE":
                return None
            rate = frame_bytes = None
            big_data = None  # RF64/BW64 (files over 4 GB): the data size is in 'ds64', the chunk's own says 0xFFFFFFFF
            while True:
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                kind, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if kind == b"ds64" and head[:4] != b"RIFF":
                    ds64 = f.read(min(size, 16))
                    if len(ds64) == 16:
                        big_data = struct.unpack("<QQ", ds64)[1]
                    f.seek(size - len(ds64) + (size & 1), os.SEEK_CUR)
                elif kind == b"fmt ":
                    fmt = f.read(min(size, 16))
                    if len(fmt) < 14:
                        return None
                    _, _, rate, _, frame_bytes = struct.unpack("<HHIIH", fmt[:14])
                    f.seek(size - len(fmt) + (size & 1), os.SEEK_CUR)
                elif kind == b"data":
                    if size == 0xFFFFFFFF and big_data:
                        size = big_data
                    if not rate or not frame_bytes or size in _UNKNOWN_SIZES:
                        return None
                    return size / frame_bytes / rate
                else:
                    f.seek(size + (size & 1), os.SEEK_CUR)  # chunks are padded to an even length
    except OSError:
        return None


__all__ = ["declared_wav_seconds"]
