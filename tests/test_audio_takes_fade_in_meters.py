"""Audio takes faded in over their first bar or two in 3/4, 6/8 and 12/8, read untold and told their meter.

Before: the fade-in rule (bar 1 moved back over bars the part already plays softly) moved it by a 4/4 bar before the
meter was read, and the meter reading then put bar 1 back on the first clear onset: every faded-in waltz, 6/8 and
12/8 take got bar 1 a bar late (the drums came in a bar after the part): 90 of 90 rendered fades (6 waltzes, three 6/8
and three 12/8 takes, faded over half a bar to two bars; untold, told their meter, the compound ones told 3/4 too), a
drifting waltz too (its bar 1 read again on the tempo map). Now bar 1 is moved back once the meter is read, over that
meter's bars: 72 of the 90 read bar 1 where the part starts (a 12/8 fade over two 3-4 s bars leaves its first bar
unheard; a faded strummed waltz is read at 2/3 of its tempo, faded or not by this rule).
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import faded_in, make_part
from test_audio_told_meter import SR, six_eight_part

from reagroove.core.audio import read_audio


def meter_of(content):
    return [(n, d) for _, n, d in content.time_signatures]


def _faded_waltz(tmp_path, kind, bpm, seed, bars, **part):
    """(path, bar 1 s): a waltz from 1 s, faded in from its first note over `bars` of its 3/4 bars."""
    audio, downbeat = make_part(kind, bpm, lead_s=1.0, seed=seed, sr=SR, beats_per_bar=3, **part)
    path = tmp_path / f"waltz_{kind}_faded.wav"
    sf.write(path, faded_in(audio, downbeat, bars * 180.0 / bpm, SR), SR, subtype="PCM_16")
    return path, downbeat


@pytest.mark.parametrize("kind,bpm,seed,bars,told", [("band", 114.0, 2, 1.0, None), ("keys", 150.0, 7, 0.5, None),
                                                      ("bass", 127.0, 0, 2.0, (3, 4))])
def test_a_waltz_faded_in_gets_bar_1_where_it_starts(tmp_path, kind, bpm, seed, bars, told):
    path, downbeat = _faded_waltz(tmp_path, kind, bpm, seed, bars)
    got = read_audio(path, time_signature=told)
    assert meter_of(got) == [(3, 4)]
    assert got.start_s == pytest.approx(downbeat, abs=0.04)  # not a bar later
    assert not any("before bar 1" in w for w in got.warnings), got.warnings


def test_a_drifting_waltz_faded_in_keeps_bar_1_on_its_tempo_map(tmp_path):
    # bar 1 is read again on the map: there too over the waltz's bars (it was a bar late, 2.79 s)
    path, downbeat = _faded_waltz(tmp_path, "band", 100.0, 2, 1.0, bpm_end=108.0)
    got = read_audio(path)
    assert meter_of(got) == [(3, 4)] and len(got.tempos) > 1  # followed with a tempo map
    assert got.start_s == pytest.approx(downbeat, abs=0.04)


@pytest.mark.parametrize("n,dotted_bpm,seed,bars,told", [(6, 84.0, 5, 1.0, None), (6, 72.0, 2, 2.0, (6, 8)),
                                                          (6, 60.0, 1, 0.5, (3, 4)), (12, 60.0, 1, 0.5, None),
                                                          (12, 80.0, 2, 1.0, (12, 8))])
def test_a_6_8_or_12_8_take_faded_in_gets_bar_1_where_it_starts(tmp_path, n, dotted_bpm, seed, bars, told):
    path, downbeat = six_eight_part(tmp_path, dotted_bpm, seed, eighths=n, bars=16 if n == 6 else 10, lead_s=1.0)
    audio, _ = sf.read(path, dtype="float32")
    sf.write(path, faded_in(audio, downbeat, bars * n * 20.0 / dotted_bpm, SR), SR, subtype="PCM_16")
    got = read_audio(path, time_signature=told)
    assert meter_of(got) == [told or (n, 8)]
    assert got.tempos[0][1] == pytest.approx(dotted_bpm * 1.5, rel=0.01)
    assert got.start_s == pytest.approx(downbeat, abs=0.04)  # not a bar (or, told 3/4, a 3/4 bar) later


@pytest.mark.parametrize("first_beat,lead_s", [(3, 1.3), (2, 0.4)])
def test_a_waltz_pickup_still_leads_into_bar_1(tmp_path, first_beat, lead_s):
    # a pickup starts after a bar line of the waltz, never on it: bar 1 stays where it resolves
    audio, downbeat = make_part("band", 114.0, first_beat=first_beat, lead_s=lead_s, seed=2, sr=SR, beats_per_bar=3)
    path = tmp_path / "waltz_pickup.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    got = read_audio(path)
    assert meter_of(got) == [(3, 4)]
    assert got.start_s == pytest.approx(downbeat, abs=0.04)
    assert np.any(np.abs(got.onsets.times - (downbeat - (4 - first_beat) * 60.0 / 114.0)) < 0.04)  # the pickup is heard
