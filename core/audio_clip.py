"""A clipped take's distortion told from its notes: a loud guitar or bass DI driven into full scale.

A note clipped at full scale rings as flat plateaus, and as it rings their width changes (a low note's each period,
a chord's with its beating against the bass): bursts of harmonics come and go in the upper bands, and the onset
envelope rises with them, weakly but above the picker's threshold. Bass lines driven 24 dB into the clip read
85 onsets nobody played (4 rendered 16 s parts, tests/audio_synth.py), bass and keys or guitar bands 131.
Such a rise starts inside a plateau (the window before it already clipped), clips no more of the window after it
and no less than half as much (a plateau ringing on), and it is weak against the take's notes. A note played over
a clipped one clips more of the window, or rises as far as the take's notes do; one after a note has stopped
clips less. A de-clipper (the plateaus redrawn) had fixed the band and lost a bass line's notes; this keeps the
samples and judges the picked onsets: 6 and 10 onsets nobody played now, a bass line's notes kept (1 lost). A
soft note inside a clipped band's plateau goes with the distortion (16 more lost), and so do a drummed mix's hats
under clipped chords (53 more at 24 dB; 12 dB loses 10 and drops 11 onsets nobody played).
"""

from __future__ import annotations

import numpy as np

from .audio_read import CLIP_LEVEL, FULL_SCALE

CLIP_SCALE = 255  # a frame's clipped share held as a byte (uint8, 0.7 MB an hour where the take clips at all)
INSIDE_CLIP = 0.05  # the window before the rise had this share of its samples at full scale: a plateau was ringing
CLIPS_MORE = 0.06  # ... and the window after it clips no more than this share more
RINGS_ON = 0.5  # ... and at least this part as much: the plateau rings on (a note after the last one ended clips less)
WEAK_RISE = 0.25  # ... and the rise is under this part of the take's loud onsets' (their 95th percentile)
BEFORE_FRAMES = 6  # the window the flux compares with (its lag and reference span: 4 frames) and a frame or two
AFTER_FRAMES = 2  # the window the rise has reached (10 ms on)


def clipped_samples(block: np.ndarray) -> np.ndarray:
    """Per sample of a (frames, channels) block: 1.0 where any channel sits at full scale (not over it: a float
    bounce keeps its peaks above 0 dBFS whole, as core/audio_read.py counts them), else 0.0."""
    level = np.abs(block)
    return np.any((level >= CLIP_LEVEL) & (level <= FULL_SCALE), axis=1).astype(np.float32)


def clipped_share(frames: np.ndarray, window: np.ndarray) -> np.ndarray:
    """Per frame (rows of per-sample flags), the share of its analysis window at full scale, weighed by the window
    as the spectrum is, in CLIP_SCALE steps."""
    share = frames @ window / np.float32(window.sum())
    return np.round(share * CLIP_SCALE).astype(np.uint8)


def clip_ripples(clip: np.ndarray | None, peak_frames: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """Which onsets (their flux peaks' frames and strengths) are a clipped note's distortion coming and going,
    not notes: inside a plateau, clipping no more after, and weak. `clip`: the envelope's clipped share per frame
    (None where the take never clips: every onset is kept)."""
    ripple = np.zeros(len(peak_frames), bool)
    if clip is None or len(peak_frames) < 2:
        return ripple
    last = len(clip) - 1
    before = clip[np.clip(peak_frames - BEFORE_FRAMES, 0, last)].astype(np.float64) / CLIP_SCALE
    after = clip[np.clip(peak_frames + AFTER_FRAMES, 0, last)].astype(np.float64) / CLIP_SCALE
    loud = float(np.percentile(strength, 95))
    return (before >= INSIDE_CLIP) & (after - before <= CLIPS_MORE) & (after >= RINGS_ON * before) & (strength < WEAK_RISE * loud)
