"""What a WAV (or AIFF) file's header promises, to tell a cut-short file from a whole one.

libsndfile sizes a truncated WAV by the bytes it finds and reads it without a
word, so a file cut off by a failed copy would be drummed as if it ended
there. The header's data chunk still says how long the recording was. Plain
Python: the chunk headers are read, never the audio.

The other way round, libsndfile trusts a data size that is too small: a
recording never closed properly (the recorder or DAW crashed, the card was
pulled) leaves 0 there and was "no audio (zero samples)", and a damaged
header, or a plain RIFF file over 4 GB whose size wrapped, gave drums for
its first part only, without a word. `raw_wav` tells such a file (the
data chunk the last thing in it, with audio past its size), and
core/audio_read.py reads its samples raw to the end, saying so. It also tells
a header whose bits per sample disagree with its block align (libsndfile goes
by the bits: a 16-bit take damaged to say 7 read as 8-bit noise twice as
long), read raw at the block align's width.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

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


def _extended(b: bytes) -> float:
    """An 80-bit IEEE extended float (AIFF's sample rate)."""
    exp, mant = struct.unpack(">HQ", b)
    sign, exp = (-1.0 if exp & 0x8000 else 1.0), exp & 0x7FFF
    return 0.0 if exp == 0 and mant == 0 else sign * mant * 2.0 ** (exp - 16383 - 63)


def declared_aiff_seconds(path: str | os.PathLike) -> float | None:
    """Seconds of audio an AIFF/AIFC file's COMM chunk announces, or None (not such a file, or no length given).

    libsndfile reads an AIFF cut short (a failed copy) as far as it goes, without a word, as it does a WAV."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"FORM" or head[8:12] not in (b"AIFF", b"AIFC"):
                return None
            while True:
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                kind, size = chunk[:4], struct.unpack(">I", chunk[4:])[0]
                if kind == b"COMM":
                    comm = f.read(18)
                    if len(comm) < 18:
                        return None
                    frames, rate = struct.unpack(">I", comm[2:6])[0], _extended(comm[8:18])
                    return frames / rate if frames and rate > 0 else None
                f.seek(size + (size & 1), os.SEEK_CUR)  # chunks are padded to an even length
    except (OSError, struct.error, OverflowError):
        return None


@dataclass(frozen=True)
class RawWav:
    """A WAV libsndfile would misread, to be read as raw audio: its data chunk runs past the size its header gives
    (0 when never filled in, or too small), or its bits per sample disagree with its block align (a damaged
    field: 7 for 16 read a 20 s take as 40 s of 8-bit noise). Where the samples start and how they are laid out."""

    offset: int  # byte where the samples start
    length: int  # bytes of whole frames to read from there
    declared: int  # bytes the header gives (0: never filled in)
    samplerate: int
    channels: int
    subtype: str  # soundfile's name: PCM_16, FLOAT, ...
    bits: int | None = None  # the header's bits per sample where they disagree with its block align

    @property
    def seconds(self) -> float:
        return self.length / (self.channels * _SUBTYPE_BYTES[self.subtype]) / self.samplerate

    @property
    def unsized(self) -> bool:
        """Whether the audio runs past the header's data size."""
        return self.length > self.declared

    def note(self) -> str:
        said = []
        if self.bits is not None:
            width = 8 * _SUBTYPE_BYTES[self.subtype]
            said.append(f"the WAV header gives {self.bits} bits per sample where its block align gives {width} "
                        f"(a damaged or unusual header); read as {width}-bit")
        if self.unsized:
            size = "no size (never filled in: a recording not closed properly)" if self.declared == 0 else \
                f"{self.declared / self.length * self.seconds:.1f} s (a damaged header, or a file over 4 GB)"
            said.append(f"the WAV header gives its audio {size}; the {self.seconds:.1f} s the file holds were read")
        return "; ".join(said)


MIN_UNSIZED_S = 0.5  # audio past the header's size counts from this much on

# WAVE format tags soundfile reads raw: (tag, bits) -> subtype.
_RAW_SUBTYPES = {(1, 8): "PCM_U8", (1, 16): "PCM_16", (1, 24): "PCM_24", (1, 32): "PCM_32",
                 (3, 32): "FLOAT", (3, 64): "DOUBLE", (6, 8): "ALAW", (7, 8): "ULAW"}
_SUBTYPE_BYTES = {"PCM_U8": 1, "PCM_16": 2, "PCM_24": 3, "PCM_32": 4, "FLOAT": 4, "DOUBLE": 8, "ALAW": 1, "ULAW": 1}
_EXTENSIBLE = 0xFFFE


def _chunk_follows(f, at: int, file_size: int) -> bool:
    """Whether a RIFF chunk header (4 printable ASCII characters, a size that fits) or an ID3 tag starts at byte `at`."""
    if at + 8 > file_size:
        return False
    f.seek(at)
    head = f.read(8)
    if head[:3] in (b"ID3", b"TAG"):  # a tag appended without a chunk of its own
        return True
    return all(32 <= c < 127 for c in head[:4]) and at + 8 + struct.unpack("<I", head[4:])[0] <= file_size


def raw_wav(path: str | os.PathLike) -> RawWav | None:
    """A RawWav where a plain (little-endian) WAV's data chunk says 0 bytes, or fewer than run to the end of the
    file with no chunk after them, or its bits per sample disagree with its block align (and its byte rate agrees
    with the align: two fields against one); None for any other file (libsndfile reads those as they are)."""
    try:
        file_size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return None
            fmt = None
            while True:
                chunk = f.read(8)
                if len(chunk) < 8:
                    return None
                kind, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
                if kind == b"fmt ":
                    fmt = f.read(min(size, 40))
                    f.seek(size - len(fmt) + (size & 1), os.SEEK_CUR)
                elif kind == b"data":
                    break
                else:
                    f.seek(size + (size & 1), os.SEEK_CUR)
            offset = f.tell()
            if fmt is None or len(fmt) < 16:
                return None
            tag, channels, rate, byte_rate, align, bits = struct.unpack("<HHIIHH", fmt[:16])
            if tag == _EXTENSIBLE and len(fmt) >= 26:
                tag = struct.unpack("<H", fmt[24:26])[0]  # the sub-format GUID's first two bytes
            if not channels or not rate or align % channels:
                return None
            # The sample width is the block align's: libsndfile's, from the bits (rounded up to whole bytes), is
            # wrong when that field alone is damaged.
            subtype = _RAW_SUBTYPES.get((tag, 8 * (align // channels)))
            if subtype is None:
                return None
            damaged_bits = None
            if -(-bits // 8) != align // channels:
                if byte_rate == rate * channels * -(-bits // 8):
                    return None  # the block align is the damaged field: libsndfile reads the bits right
                damaged_bits = bits
            rest = file_size - offset
            if size == 0xFFFFFFFF:  # all ones: to the end of the file
                whole = True
                size = rest
            else:  # whole (or cut short: declared_wav_seconds says so), or a chunk follows the data
                whole = size + (size & 1) >= rest or bool(size and _chunk_follows(f, offset + size + (size & 1), file_size))
            length = rest - rest % align
            if whole or length <= size or (size and length - size < MIN_UNSIZED_S * rate * align):
                if damaged_bits is None:
                    return None  # a few stray bytes after the audio are not more of it
                length = min(size, rest) - min(size, rest) % align
            return RawWav(offset, length, size, rate, channels, subtype, damaged_bits)
    except (OSError, struct.error):
        return None


__all__ = ["RawWav", "declared_aiff_seconds", "declared_wav_seconds", "raw_wav"]
