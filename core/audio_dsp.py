"""librosa's mel and chroma filterbanks and its dynamic-programming beat tracker, in numpy.

Why not librosa itself: importing `librosa.filters` costs about 4 s, and
`librosa.beat` about 10 s more, in every process, because numba compiles
their kernels at import (`librosa.beat`'s local score is compiled with
cache=False, so not even a warm cache helps). Every `reagroove drumify
take.wav` and every REAPER action on an audio item is a process of its own,
so those imports were most of an audio command's time. These functions
follow librosa 0.11's code step for step (Ellis 2007 for the tracker), in
the same order of arithmetic: `benchmarks/bench_audio_dsp.py` finds the same
filterbanks and the same beats as librosa's (where librosa is installed;
ReaGroove no longer needs it), and `tests/test_audio_dsp.py` tests what they
do. Also scipy's Savitzky-Golay smoothing (importing scipy.signal: 1.5 s).
"""

from __future__ import annotations

import math

import numpy as np

# librosa's Slaney mel scale: linear below 1 kHz, logarithmic above.
_F_SP = 200.0 / 3
_MIN_LOG_HZ = 1000.0
_MIN_LOG_MEL = _MIN_LOG_HZ / _F_SP
_LOGSTEP = np.log(6.4) / 27.0


def hz_to_mel(hz) -> np.ndarray:
    hz = np.asanyarray(hz, dtype=np.float64)
    mels = hz / _F_SP
    if hz.ndim:
        log_t = hz >= _MIN_LOG_HZ
        mels[log_t] = _MIN_LOG_MEL + np.log(hz[log_t] / _MIN_LOG_HZ) / _LOGSTEP
    elif hz >= _MIN_LOG_HZ:
        mels = _MIN_LOG_MEL + np.log(hz / _MIN_LOG_HZ) / _LOGSTEP
    return mels


def mel_to_hz(mels) -> np.ndarray:
    mels = np.asanyarray(mels, dtype=np.float64)
    hz = _F_SP * mels
    if mels.ndim:
        log_t = mels >= _MIN_LOG_MEL
        hz[log_t] = _MIN_LOG_HZ * np.exp(_LOGSTEP * (mels[log_t] - _MIN_LOG_MEL))
    elif mels >= _MIN_LOG_MEL:
        hz = _MIN_LOG_HZ * np.exp(_LOGSTEP * (mels - _MIN_LOG_MEL))
    return hz


def mel_frequencies(n_mels: int, *, fmin: float, fmax: float) -> np.ndarray:
    """The centre frequencies (Hz) of n_mels points evenly spaced on the mel scale (librosa.mel_frequencies)."""
    return mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels))


def mel_filterbank(*, sr: float, n_fft: int, n_mels: int, fmin: float, fmax: float) -> np.ndarray:
    """(n_mels, 1 + n_fft // 2) triangular mel filters, unnormalised (librosa.filters.mel with norm=None)."""
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + n_fft // 2), np.float32)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    return weights


def chroma_filterbank(*, sr: float, n_fft: int) -> np.ndarray:
    """(12, 1 + n_fft // 2) pitch-class weights of the FFT bins, C first (librosa.filters.chroma's defaults:
    A440 tuning, a Gaussian over octaves centred on octave 5, two octaves wide, each bin's column of unit L2 norm
    before the octave weighting)."""
    n_chroma = 12
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    frqbins = n_chroma * np.log2(frequencies / (440.0 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    d = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    half = np.round(float(n_chroma) / 2)
    d = np.remainder(d + half + 10 * n_chroma, n_chroma) - half
    wts = np.exp(-0.5 * (2 * d / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    length = np.sum(np.abs(wts) ** 2, axis=0, keepdims=True) ** (1.0 / 2)
    length[length < np.finfo(wts.dtype).tiny] = 1.0
    wts = wts / length
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - 5.0) / 2) ** 2)), (n_chroma, 1))
    wts = np.roll(wts, -3, axis=0)  # C first
    return np.ascontiguousarray(wts[:, : int(1 + n_fft / 2)], dtype=np.float32)


def _beat_window(frames_per_beat: float) -> np.ndarray:
    """The Gaussian that spreads onset strength around a beat (libm's exp, as librosa's numba kernel has)."""
    fpb = float(frames_per_beat)
    return np.array([math.exp(-0.5 * (k * 32.0 / fpb) ** 2) for k in np.arange(-fpb, fpb + 1)])


def _local_score(onsets: np.ndarray, frames_per_beat: np.ndarray) -> np.ndarray:
    """Each frame's onset strength smoothed over a beat. As librosa's kernel: the sum runs over the window in
    order, and the first frame's strength never counts (an off-by-one of librosa's, kept to give its beats)."""
    n = len(onsets)
    out = np.zeros(n)
    for fpb in np.unique(frames_per_beat):
        window = _beat_window(fpb)
        k_len = len(window)
        half = k_len // 2
        # score[i] = sum over k of window[k] * onsets[i + half - k], for 0 < i + half - k < n
        src = np.concatenate([np.zeros(k_len), onsets, np.zeros(k_len)])
        src[k_len] = 0.0  # frame 0 left out
        rows = np.flatnonzero(frames_per_beat == fpb) if len(frames_per_beat) > 1 else np.arange(n)
        every = len(rows) == n  # one tempo throughout: whole slices, no gather
        acc = np.zeros(len(rows))
        for k in range(k_len):
            shifted = src[k_len + half - k:][:n]  # shifted[i] = onsets[i + half - k]
            acc += window[k] * (shifted if every else shifted[rows])
        out[rows] = acc
    return out


def track_beats(onset_envelope: np.ndarray, *, sr: float, hop_length: int, bpm, tightness: float) -> np.ndarray:
    """Beat times (s) through an onset envelope at `bpm` (one tempo, or one per frame): librosa.beat.beat_track(
    onset_envelope=, sr=, hop_length=, bpm=, tightness=, trim=False, units="time")'s beats."""
    onsets = np.asarray(onset_envelope, np.float64)
    if not onsets.any():
        return np.array([], np.float64)
    bpm = np.atleast_1d(np.asarray(bpm, np.float64))
    if not np.all(np.isfinite(bpm) & (bpm > 0)) or bpm.shape[-1] not in (1, len(onsets)):
        raise ValueError(f"bpm must be positive, one value or one per frame (got {bpm.shape[-1]} for {len(onsets)} frames)")
    frames_per_beat = np.round(float(sr) / hop_length * 60.0 / bpm)
    norm = onsets.std(ddof=1, axis=-1, keepdims=True)
    local = _local_score(onsets / (norm + np.finfo(onsets.dtype).tiny), frames_per_beat)

    # The dynamic program: each frame's best predecessor half a beat to two beats back, penalised by how far
    # the interval is from the tempo's on a log scale (tightness, in float32 as librosa's kernel takes it).
    t = float(np.float32(tightness))
    n = len(local)
    backlink = np.full(n, -1, np.int64)
    cumscore = np.zeros(n)
    thresh = 0.01 * local.max()
    penalties: dict[float, tuple[int, int, np.ndarray]] = {}
    first_beat = True
    per_frame = len(frames_per_beat) > 1
    for i in range(n):
        fpb = float(frames_per_beat[i if per_frame else 0])
        table = penalties.get(fpb)
        if table is None:
            near, far = int(round(fpb / 2)), int(2 * fpb)
            pen = np.array([t * (math.log(d) - math.log(fpb)) ** 2 for d in range(near, far + 1)])
            table = penalties[fpb] = (near, far, pen)
        near, far, pen = table
        hi, lo = i - near, max(0, i - far)
        best = -1
        if hi >= 0:
            # candidates from the nearest back (librosa's loop order): the first best is kept on a tie
            scores = cumscore[hi:lo - 1 if lo > 0 else None:-1] - pen[: hi - lo + 1]
            j = int(scores.argmax())
            best = hi - j
            cumscore[i] = local[i] + scores[j]
        else:
            cumscore[i] = local[i]
        if first_beat and local[i] < thresh:
            backlink[i] = -1
        else:
            backlink[i] = best
            first_beat = False

    # The last beat: the last local maximum of the cumulative score at least half their median.
    peak = np.zeros(n, bool)
    peak[1:-1] = (cumscore[1:-1] > cumscore[:-2]) & (cumscore[1:-1] >= cumscore[2:])
    if n > 1:
        peak[-1] = cumscore[-1] > cumscore[-2]
    threshold = 0.5 * float(np.median(cumscore[peak])) if peak.any() else 0.0
    last = np.flatnonzero(peak & (cumscore >= threshold))
    beat = int(last[-1]) if len(last) else n - 1
    beats = np.zeros(n, bool)
    while beat >= 0:
        beats[beat] = True
        beat = int(backlink[beat])
    # trim=False still clears beats on silent frames at either end
    quiet = local <= 0.0
    if quiet.all():
        beats[:] = False
    else:
        beats[: int(np.argmin(quiet))] = False
        beats[n - int(np.argmin(quiet[::-1])):] = False
    frames = np.flatnonzero(beats)
    return (frames * hop_length).astype(int) / float(sr)


def savgol_smooth(y: np.ndarray, window: int, polyorder: int) -> np.ndarray:
    """scipy.signal.savgol_filter(y, window, polyorder, mode="interp") for 1-D y of at least `window` points:
    each point the least-squares polynomial through the `window` points about it, and the first and
    last window // 2 points the polynomial through the first and last `window` points."""
    y = np.asarray(y, np.float64)
    half = window // 2
    x = np.arange(-half, half + 1, dtype=np.float64)
    coeffs = np.linalg.pinv(np.vander(x, polyorder + 1, increasing=True))[0]  # the fit's value at the centre
    out = np.convolve(y, coeffs[::-1], mode="same")
    for edge, at in ((slice(0, window), np.arange(half)), (slice(len(y) - window, len(y)), np.arange(window - half, window))):
        fit = np.polyfit(np.arange(window, dtype=np.float64), y[edge], polyorder)
        out[at + edge.start] = np.polyval(fit, at)
    return out
