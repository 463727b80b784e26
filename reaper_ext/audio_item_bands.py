"""A selection of audio items hears a new layer coming in, as an audio file does (core/audio_layers.py): each item's
level in frequency bands, its file's frames placed where REAPER plays them (audio_items.audio_rows: the onsets'
mapping through the take's start offset, playrate, section, loop and stretch markers, and the same times_to_qn round
trip), rides on the selection's content as AudioContent.band_levels does on a file's; extract_windows lays it on the
windows' steps (audio_layers.window_bands) and the section rules hear it (heard_layers).

Several items: the mix's level, each frame of an item adding the others' power where they play (a bass stem coming in
on bar 9 beside a guitar stem is the band growing there; two items one after another are each heard on their bars).
Bars no item plays have no frames: silence, as a file's silent stretch is (floored, audio_layers.bar_levels).
MIDI items beside the audio, or the song's notes of items not selected in the bars between: no band levels (their
parts have none, and the bars where they play would be heard as silence); razor areas clipping the items apart
likewise (their notes are their areas', the levels the whole items'). A time selection's bars carry the items' levels
there (its clip is drummed alone for audio items: a layer is heard where it holds 4 bars either side).
A take playing one side of a stereo file (its channel mode: a bass DI on the left, a guitar on the right) is heard
at that side's level, as its onsets are: the file's downmix had heard the other side's layers in it too.
Read once: the levels come from the onset envelope's read of the file (onset_envelope(bands=True), bit for bit
band_levels'); a take playing one side reads that side's levels on their own (the envelope's are every channel's),
as does a file whose envelope read kept none (an MP3, a decoding error).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from reagroove.core.midi import MidiContent


@dataclass
class BandedContent(MidiContent):
    """The selected audio items as notes, with their band levels ((QN, (frames, BANDS) dB), AudioContent.band_levels'
    pair on the project's beats): extract_windows lays them on the windows (groove.Windows.band_levels)."""

    band_levels: tuple | None = None


class Frames(NamedTuple):
    """A file's band-level frames as audio_items._audio_project_times takes onsets: each frame's index rides as its
    velocity, so the frames a loop repeats or the item leaves out are followed back to their levels."""

    times: np.ndarray  # the frames' centres, file seconds
    velocity: np.ndarray  # the frames' indices into the levels
    duration_s: float


def file_frames(path: str, duration_s: float, read: tuple | None = None,
                side: list[int] | None = None) -> tuple[Frames, np.ndarray] | None:
    """(the file's frames, their (frames, BANDS) dB levels), or None where the file can no longer be read (changed
    since its onsets were: no layer heard, the item still drummed, as audio_layers.beat_bands). `read`: the levels
    the onset envelope's read gave (Envelope.bands, every channel's), used where the take plays every channel;
    `side`: the file's channels the take plays where it plays some only (read on their own)."""
    from reagroove.core.audio_layers import band_levels
    from reagroove.core.errors import InputFileError

    try:
        times, levels = side_levels(path, side) if side else band_levels(path) if read is None else read
    except (OSError, RuntimeError, InputFileError):
        return None
    return Frames(np.asarray(times, np.float64), np.arange(len(times), dtype=np.float64), float(duration_s)), levels


def side_levels(path: str, side: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """audio_layers.band_levels of the file's channels `side` alone (0-based, mixed as a take's channel mode plays
    them): a channel of a stereo file reads as a mono file of it does."""
    from reagroove.core.audio_layers import BandReader
    from reagroove.core.audio_read import Damage, open_audio, read_blocks
    from reagroove.core.errors import InputFileError
    from reagroove.core.native_stderr import quiet_mpg123

    with quiet_mpg123(path.lower().endswith(".mp3")), open_audio(path, InputFileError) as f:
        reader = BandReader(int(f.samplerate), len(side))
        for block in read_blocks(f, reader.block_frames, Damage()):
            reader.block(block[:, side])
    return reader.levels()


def mixed(items: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """(QN, dB) of the items' frames ("bands": (QN, dB) each, audio_rows'), each frame the mix's level there: its own
    power with the other items' (interpolated between their frames) where they play and their files sound."""
    power = [10.0 ** (np.asarray(i["bands"][1], np.float64) / 10.0) for i in items]
    qns = [np.asarray(i["bands"][0], np.float64) for i in items]
    out = []
    for k, (q, p) in enumerate(zip(qns, power)):
        total = p.copy()
        for j, other in enumerate(items):
            if j == k or not len(qns[j]):
                continue
            plays = (q >= other["start_qn"]) & (q < other["end_qn"])  # (the other item's span: silence outside)
            # ... and its file's frames, a frame's hop either side: an item running past its unlooped file's end plays
            # silence there (its last frame had been held over the bars after it)
            hop = float(np.median(np.diff(qns[j]))) if len(qns[j]) > 1 else 0.0
            plays &= (q >= qns[j][0] - hop) & (q <= qns[j][-1] + hop)
            for band in range(p.shape[1]):
                total[plays, band] += np.interp(q[plays], qns[j], power[j][:, band])
        out.append(total)
    q = np.concatenate(qns)
    order = np.argsort(q, kind="stable")
    levels = np.concatenate(out)[order] if out else np.zeros((0, 0))
    return q[order], (10.0 * np.log10(levels + 1e-12)).astype(np.float32)


def with_bands(content: MidiContent, items: list[dict], between=(), clip=None) -> MidiContent:
    """`content` with the audio items' band levels where every item it follows is audio with its levels read; else
    `content` as it is. Nor with the song's notes `between` the items (actions.read_selection's song_between), nor
    where `clip` (selection_bars.selection_clip's) holds razor areas clipping the items apart (their notes are their
    areas', where the levels are the whole items'); a time selection's bars hear the items' levels in them."""
    if between or not items or any(i["is_midi"] or i.get("bands") is None for i in items) or \
            clip and any("clip_qn" in i for i in items):
        return content
    return BandedContent(**{f.name: getattr(content, f.name) for f in fields(content)}, band_levels=mixed(items))


__all__ = ["BandedContent", "Frames", "file_frames", "mixed", "side_levels", "with_bands"]
