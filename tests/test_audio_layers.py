"""A new layer coming into an audio take starts a section: a bass alone for 8 bars, then keys and a strum join it
in bar 9. An audio take is one part to the section rules that count parts, so the join had been heard as nothing
(no fill into bar 9, no crash on it); core/audio_layers.py hears it from the take's frequency bands. A band playing
the same all through gets no section from it. Rendered at 11.025 kHz, 120 BPM, the tempo and bar 1 given.
"""

import numpy as np
import soundfile as sf
from audio_synth import _hz, render_notes
from stub_model import StubModel

from reagroove.core.audio import read_audio
from reagroove.core.engine import Engine
from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings

SR, BPM, BARS = 11025, 120.0, 16
BEAT = 60.0 / BPM
ROOTS = (45, 45, 41, 43)  # A, A, F, G: one a bar, round again every 4 bars


def _read(tmp_path, join_bar: int | None):
    """A bass on 8ths from bar 1; keys on beats 1 and 3 and a strum on the off-beats from `join_bar` (None: from
    bar 1, a band that never grows)."""
    notes = []
    for bar in range(BARS):
        root = ROOTS[bar % 4]
        t0 = bar * 4 * BEAT
        notes += [(t0 + k * BEAT / 2, 0.6, "bass", [_hz(root + (12 if k % 4 == 3 else 0))], BEAT / 2, True)
                  for k in range(8)]
        if join_bar is None or bar + 1 >= join_bar:
            chord = [_hz(root + 24), _hz(root + 28), _hz(root + 31)]
            notes += [(t0 + k * BEAT, 0.9, "keys", chord, 1.8 * BEAT, True) for k in (0, 2)]
            notes += [(t0 + (k + 0.5) * BEAT, 0.9, "strum", [_hz(root + 36), _hz(root + 40)], BEAT / 2, k % 2 == 0)
                      for k in range(4)]
    audio = render_notes(notes, sr=SR, duration_s=BARS * 4 * BEAT + 1.0, seed=3)
    path = tmp_path / "take.wav"
    sf.write(path, (0.9 * audio / np.abs(audio).max()).astype(np.float32), SR)
    return read_audio(path, bpm=BPM, start=0.0)


def _take(tmp_path, join_bar: int | None):
    """The take's drums (the stand-in network)."""
    return Engine(StubModel()).drumify(_read(tmp_path, join_bar), Settings())


def _bar_steps(result, bar: int, voice: str) -> np.ndarray:
    """The hits of `voice` in `bar` (16 steps) of the written drums."""
    w = int(np.flatnonzero(result.bars <= bar)[-1])
    half = (bar - int(result.bars[w])) * 16
    return result.loops[w, half:half + 16, VOICES.index(voice)]


def test_parts_joining_a_bass_start_a_section_with_a_fill_into_it_and_a_crash_on_it(tmp_path):
    result = _take(tmp_path, join_bar=9)
    assert 9 in result.section_bars, result.messages
    assert _bar_steps(result, 9, "crash")[0] > 0  # the crash on the band's entrance
    assert _bar_steps(result, 8, "low_tom").any()  # the fill into it (the stand-in network's fill: toms)
    assert not _bar_steps(result, 5, "crash").any() and not _bar_steps(result, 13, "crash").any()
    assert any("from bar 9" in m and "new section" in m for m in result.messages), result.messages


def test_a_band_playing_the_same_all_through_gets_no_section(tmp_path):
    result = _take(tmp_path, join_bar=None)
    assert [b for b in result.section_bars if b > 1] == [], result.messages
    crashed = [bar for bar in range(2, BARS + 1) if _bar_steps(result, bar, "crash").any()]
    assert crashed == [], (crashed, result.messages)


def test_versions_of_the_takes_windows_crash_where_the_layer_comes_in_too(tmp_path):
    # (the versions drawn from an audio take's windows, without drumify first, hear its sections as drumify does)
    wins = extract_windows(_read(tmp_path, join_bar=9))
    w = int(np.flatnonzero(wins.bars <= 9)[-1])
    step = (9 - int(wins.bars[w])) * 16
    versions = Engine(StubModel()).variations_of(wins, Settings(), 2)
    assert all(v[w, step, VOICES.index("crash")] > 0 for v in versions)
