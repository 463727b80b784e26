"""A loud take driven into the clip (a producer's hot bass DI, a band bounced too loud): the distortion of its
clipped, ringing notes is not read as notes, and a bass line's own notes are kept (core/audio_clip.py).

Before, bass lines driven 24 dB into full scale read 85 onsets nobody played (4 rendered parts, seeds 4-7, 16 s at
80-170 BPM; 6 now, 1 note of theirs lost), bass and keys or guitar bands 131 (10 now, 16 more notes lost); the
drums followed a busier part than was played.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import onset_envelope, pick_onsets, read_audio
from reagroove.core.audio_clip import CLIP_SCALE, INSIDE_CLIP

SR = 22050
MATCH_S = 0.05  # an onset this near a played note is that note


def _played(notes) -> np.ndarray:
    """The part's note times (s), a chord's or a bass note and a strum's together once."""
    out = []
    for t in sorted(n[0] for n in notes):
        if not out or t - out[-1] > 0.03:
            out.append(t)
    return np.array(out)


def _extra_and_missed(found: np.ndarray, played: np.ndarray) -> tuple[int, int]:
    """(onsets no played note is near, played notes no onset is near), each note matched once."""
    used = np.zeros(len(played), bool)
    extra = 0
    for t in found:
        near = np.flatnonzero(~used & (np.abs(played - t) <= MATCH_S))
        if len(near):
            used[near[np.argmin(np.abs(played[near] - t))]] = True
        else:
            extra += 1
    return extra, int((~used).sum())


def _take(tmp_path, kind: str, bpm: float, seed: int, drive_db: float | None):
    """A `make_part` part as a 16-bit WAV peaking at -1 dBFS, or driven `drive_db` into full scale, and its notes."""
    audio, downbeat, notes = make_part(kind, bpm, seed=seed, seconds=16.0, with_notes=True, sr=SR)
    x = audio / np.abs(audio).max() * 0.9
    if drive_db is not None:
        x = np.clip(x * 10 ** (drive_db / 20), -1.0, 1.0)
    path = tmp_path / f"{kind}_{drive_db}.wav"
    sf.write(str(path), x.astype(np.float32), SR, subtype="PCM_16")
    return path, downbeat, _played(notes)


@pytest.mark.parametrize(("seed", "bpm", "drive_db"), [(4, 135.0, 24.0), (6, 95.0, 12.0), (6, 95.0, 24.0)])
def test_a_bass_di_driven_into_the_clip_reads_its_notes_and_no_more(tmp_path, seed, bpm, drive_db):
    """Before: 16 onsets nobody played to 52 notes (seed 4, 24 dB), 7 and 21 to 34 (seed 6, 12 and 24 dB)."""
    path, _, played = _take(tmp_path, "bass", bpm, seed, drive_db)
    extra, missed = _extra_and_missed(pick_onsets(onset_envelope(path)).times, played)
    assert extra <= 2 and missed <= 1, (extra, missed, len(played))


@pytest.mark.parametrize(("seed", "bpm"), [(4, 135.0), (6, 95.0)])
def test_a_band_driven_into_the_clip_reads_few_notes_nobody_played(tmp_path, seed, bpm):
    """A bass and guitar or keys band 24 dB into the clip. Before: 23 onsets nobody played to 61 notes (seed 4),
    96 to 46 (seed 6, bass and keys: 7 now, a chord's distortion swelling with its beating, as strong as a soft note)."""
    path, _, played = _take(tmp_path, "band", bpm, seed, 24.0)
    extra, missed = _extra_and_missed(pick_onsets(onset_envelope(path)).times, played)
    assert extra <= len(played) / 6 and missed <= 0.05 * len(played), (extra, missed, len(played))


def test_a_clipped_bass_di_gives_the_clean_takes_groove(tmp_path):
    """What the drums follow: the clipped take's notes on the grid are the clean take's (it had 68 to the clean
    take's 52)."""
    clean, downbeat, _ = _take(tmp_path, "bass", 135.0, 4, None)
    hot, _, _ = _take(tmp_path, "bass", 135.0, 4, 24.0)
    steps = lambda c: set(np.round(c.notes.start * 4).astype(int).tolist())  # noqa: E731
    got, want = (read_audio(p, bpm=135.0, start=downbeat) for p in (hot, clean))
    assert len(got.notes) <= len(want.notes) + 1
    assert len(steps(got) ^ steps(want)) <= 2


def test_a_take_that_never_clips_holds_no_clip_share(tmp_path):
    """The check costs a take that never reaches full scale nothing (and leaves its onsets as they were); a
    float bounce peaking over 0 dBFS has no plateau at full scale, only samples passing through it."""
    path, _, _ = _take(tmp_path, "band", 120.0, 1, None)
    assert onset_envelope(path).clip is None
    audio, sr = sf.read(str(path), dtype="float32")
    hot = tmp_path / "hot_float.wav"
    sf.write(str(hot), 4.0 * audio, sr, subtype="FLOAT")
    share = onset_envelope(hot).clip
    assert share is None or share.max() < INSIDE_CLIP * CLIP_SCALE
    clipped = tmp_path / "clipped.wav"
    sf.write(str(clipped), np.clip(4.0 * audio, -1.0, 1.0), sr, subtype="PCM_16")
    assert onset_envelope(clipped).clip is not None
