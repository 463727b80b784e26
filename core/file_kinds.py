"""Which files ReaGroove reads, told apart by name and by their first bytes: MIDI (plain or RIFF RMID) and the
audio formats libsndfile reads. Apart from midi.py and audio.py so that sorting files (the options, a folder's
parts, the panel's file dialogs) loads neither reader (the audio reader was 60-100 ms of a MIDI drumify's start).
"""

from __future__ import annotations

import os

# File name endings taken as Standard MIDI Files (folders are searched for these).
MIDI_SUFFIXES = (".mid", ".midi", ".smf", ".rmi", ".kar")  # .kar: karaoke files are SMFs with lyrics
# libsndfile reads them all; .bwf (broadcast WAV), .rf64/.w64 (WAVs over 4 GB), .caf (Logic) and .opus were
# refused as "not a Standard MIDI File" for their names alone.
AUDIO_SUFFIXES = (".wav", ".wave", ".bwf", ".rf64", ".w64", ".flac", ".ogg", ".oga", ".opus", ".mp3", ".aif", ".aiff", ".aifc",
                  ".caf")

MIDI_HEAD_BYTES = 12  # what is_midi_header needs of a file's start


def is_midi_header(head: bytes) -> bool:
    """Whether a file's first bytes (MIDI_HEAD_BYTES of them) are a MIDI file's: a Standard MIDI File
    (MThd) or one in a RIFF RMID wrapper (.rmi), whatever the file is named."""
    return head[:4] == b"MThd" or (head[:4] == b"RIFF" and head[8:12] == b"RMID")


# Audio formats known by their first bytes, as a DAW export or a bounce saved under a .mid name holds them
# (the name names the format audio.py is asked to read; these name what is really there).
_AUDIO_HEADS = ((b"RIFF", 8, b"WAVE", "WAV"), (b"RF64", 8, b"WAVE", "WAV"), (b"BW64", 8, b"WAVE", "WAV"),
                (b"riff", 0, b"", "WAV"),
                (b"fLaC", 0, b"", "FLAC"), (b"OggS", 0, b"", "Ogg"), (b"ID3", 0, b"", "MP3"),
                (b"FORM", 8, b"AIFF", "AIFF"), (b"FORM", 8, b"AIFC", "AIFF"), (b"caff", 0, b"", "CAF"))


def is_audio_path(path: str | os.PathLike) -> bool:
    """Whether a file's name is an audio file's (AUDIO_SUFFIXES)."""
    return os.fspath(path).lower().endswith(AUDIO_SUFFIXES)


def audio_format_of_header(head: bytes) -> str | None:
    """The audio format ('WAV', 'FLAC', 'Ogg', 'MP3', 'AIFF', 'CAF') a file's first bytes (MIDI_HEAD_BYTES) say,
    whatever the file is named; None for anything else."""
    for magic, at, form, name in _AUDIO_HEADS:
        if head.startswith(magic) and head[at:at + len(form)] == form:
            return name
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:  # an MP3 frame, no ID3 tag
        return "MP3"
    return None


def audio_format_of(path: str | os.PathLike) -> str | None:
    """audio_format_of_header of a file's start; None when it cannot be read (the reader says why)."""
    try:
        with open(path, "rb") as fh:
            return audio_format_of_header(fh.read(MIDI_HEAD_BYTES))
    except OSError:
        return None


def is_midi_file(path: str | os.PathLike) -> bool:
    """Whether a file starts as a MIDI file does (is_midi_header); False when it cannot be read
    (the reader it goes to says why)."""
    try:
        with open(path, "rb") as fh:
            return is_midi_header(fh.read(MIDI_HEAD_BYTES))
    except OSError:
        return False


__all__ = ["MIDI_SUFFIXES", "AUDIO_SUFFIXES", "MIDI_HEAD_BYTES", "is_midi_header", "is_midi_file", "is_audio_path",
           "audio_format_of", "audio_format_of_header"]
