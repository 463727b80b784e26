"""Audio takes as producers bounce them: the song's last chord ringing out, the file trimmed while it still rings,
and a part faded in over its first bar.

Before: the cut at the end of a ring-out (a band part's final chord trimmed at 6 s, -35 dB, silence after) was an onset,
a note 6 s after the last one, so the drums heard the band "stop dead and come back": they filled over the ring-out
and played a bar of groove after the song had ended. A part faded in from its first note got bar 1 a bar late (the
first bar's notes were fainter than a clear onset and were left out as a pickup): the drums came in a bar after the
part, 24 of 24 rendered fades (a half, one and two bars long) read so; 22 of 24 now read bar 1 where the part starts.
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import faded_in, make_part, with_ring_out

from reagroove.core.audio import read_audio
from reagroove.core.settings import Settings

SR = 22050


def _ring_out_take(tmp_path, kind, bpm, seed, trail_s):
    """A part, then its final chord on the downbeat after its last bar, trimmed ringing at 6 s (-35 dB), then `trail_s` of
    digital silence (a render longer than the trimmed item); (path, seconds of the chord)."""
    audio, downbeat, notes = make_part(kind, bpm, seconds=20.0, seed=seed, sr=SR, with_notes=True)
    bar = 240.0 / bpm
    last = max(n[0] for n in notes)
    chord_s = downbeat + np.ceil((last - downbeat) / bar + 0.01) * bar
    path = tmp_path / f"{kind}_ring_out.wav"
    sf.write(path, with_ring_out(audio, chord_s, trail_s=trail_s, sr=SR), SR, subtype="PCM_16")
    return path, chord_s


@pytest.mark.parametrize("kind,bpm,seed,trail_s", [("band", 100.0, 7, 0.5), ("strum", 128.0, 8, 0.5), ("keys", 90.0, 9, 0.5),
                                                    ("band", 100.0, 7, 0.0)])
def test_a_final_chord_trimmed_while_it_rings_adds_no_note(tmp_path, kind, bpm, seed, trail_s):
    path, chord_s = _ring_out_take(tmp_path, kind, bpm, seed, trail_s)
    got = read_audio(path, bpm=bpm, start=0.0)
    times = got.onsets.times
    assert np.any(np.abs(times - chord_s) < 0.05)  # the chord itself is heard
    assert not np.any(times > chord_s + 0.1), times[times > chord_s + 0.1]  # its ring-out and the cut are not notes
    assert got.notes.start.max() <= chord_s * bpm / 60 + 0.1


def test_the_drums_end_on_the_final_chord_not_after_it(tmp_path, shipped):
    path, chord_s = _ring_out_take(tmp_path, "band", 100.0, 7, 0.5)
    res = shipped.drumify(read_audio(path), Settings())
    chord_beat = chord_s * 100.0 / 60
    hits = res.loops[..., :9] > 0.5
    beats = res.starts[:, None] + np.arange(res.loops.shape[1])[None, :] / 4  # each step's beat
    played = beats[hits.any(axis=-1)]
    played = played[played < res.end - 1e-6]  # what is written
    assert np.any(np.abs(played - chord_beat) < 0.01)  # a hit on the chord
    assert not np.any(played > chord_beat + 0.5), played[played > chord_beat]  # and nothing over its ring-out


@pytest.mark.parametrize("kind,bpm,seed,bars", [("strum", 95.0, 6, 1.0), ("keys", 88.0, 3, 0.5), ("bass", 110.0, 4, 1.0),
                                                 ("band", 100.0, 5, 2.0)])
def test_a_part_faded_in_gets_bar_1_where_it_starts(tmp_path, kind, bpm, seed, bars):
    audio, downbeat = make_part(kind, bpm, lead_s=1.0, seed=seed, sr=SR)
    path = tmp_path / "faded_in.wav"
    sf.write(path, faded_in(audio, downbeat, bars * 240.0 / bpm, SR), SR, subtype="PCM_16")
    got = read_audio(path)
    assert got.bpm == pytest.approx(bpm, rel=0.02)
    assert got.start_s == pytest.approx(downbeat, abs=0.04)  # not a bar later
    assert not any("before bar 1" in w for w in got.warnings), got.warnings


@pytest.mark.parametrize("first_beat,lead_s", [(3, 1.3), (2, 0.0), (4, 2.2)])
def test_a_pickup_still_leads_into_bar_1(tmp_path, first_beat, lead_s):
    # a pickup starts after a bar line, never on it: bar 1 stays where it resolves
    audio, downbeat = make_part("band", 104.0, first_beat=first_beat, lead_s=lead_s, seed=12, sr=SR)
    path = tmp_path / "pickup.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    assert read_audio(path).start_s == pytest.approx(downbeat, abs=0.04)
