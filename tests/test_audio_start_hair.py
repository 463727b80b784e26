"""--start a hair before the audio: a strum whose downbeat is at 0.0 s, told --start -0.01, had its bar 1 moved on a
whole bar (2.49 s) and its first bar of music drummed as a 4-beat "pickup" of toms and snare, nothing on the music's
downbeat and the crash a bar late. A bar line within half a 16th before 0 s is bar 1, as --start 0; a real pickup
(--start -1: the take opens mid-bar) still is one."""

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.audio import read_audio
from reagroove.core.cli import main
from reagroove.core.groove import BarGrid
from reagroove.core.pickups import pickup_before

SR, BPM = 22050, 96.0


@pytest.fixture(scope="module")
def strum(tmp_path_factory):
    """A strum from its downbeat at 0.0 s, 96 BPM."""
    audio, downbeat = make_part("strum", BPM, seconds=12, seed=3, first_beat=1, lead_s=0.0)
    assert downbeat == pytest.approx(0.0, abs=1e-6)
    path = tmp_path_factory.mktemp("start_hair") / "strum.wav"
    sf.write(path, audio, SR, subtype="PCM_16")
    return str(path)


@pytest.mark.parametrize("start", [-0.01, -0.05, -2.51])
def test_a_bar_line_a_hair_before_the_audio_is_bar_1(strum, start):
    content = read_audio(strum, bpm=BPM, start=start)
    assert content.start_s == pytest.approx(0.0, abs=1e-9)  # not 2.49 s, a bar on
    assert content.time_signatures[0][0] == pytest.approx(0.0, abs=1e-9)
    assert not any("pickup" in w for w in content.warnings), content.warnings


def test_a_real_pickup_stays_one(strum):
    content = read_audio(strum, bpm=BPM, start=-1.0)
    assert content.start_s == pytest.approx(-1.0 + 2.5, abs=1e-6)  # the first bar line inside the audio
    assert any("what plays before it a pickup" in w for w in content.warnings), content.warnings


def _hits(path) -> list[tuple[float, int]]:
    mf = mido.MidiFile(path)
    now, out = 0, []
    for m in mido.merge_tracks(mf.tracks):
        now += m.time
        if m.type == "note_on" and m.velocity:
            out.append((now / mf.ticks_per_beat, m.note))
    return out


def test_the_drums_play_bar_1_on_the_musics_downbeat(stub_engine, strum, tmp_path, capsys):
    hair, zero = tmp_path / "hair.mid", tmp_path / "zero.mid"
    assert main(["drumify", strum, "--bpm", "96", "--start=-0.01", "-o", str(hair)]) == 0
    said = capsys.readouterr().out
    assert "pickup" not in said, said
    assert main(["drumify", strum, "--bpm", "96", "--start", "0", "-o", str(zero)]) == 0
    hits = _hits(hair)
    assert hits == _hits(zero)  # the groove of --start 0, its crash on the music's downbeat
    first = min(b for b, _ in hits)  # (the stand-in's hits a little behind the beat)
    assert first < 0.125 and any(b == first and p == 49 for b, p in hits), hits[:8]


def test_music_from_a_whole_bar_before_the_first_line_is_no_pickup():
    grid = BarGrid(np.arange(4.0, 40.0, 4.0), [(4, 4)] * 9, 0)
    assert pickup_before(grid, 0.0) is None  # that bar, not a 4-beat pickup into the next
    assert pickup_before(grid, 0.2) is None  # its first 16th, played a little late
    assert pickup_before(grid, 1.0) == pytest.approx(3.0)  # from beat 2: a pickup
    assert pickup_before(grid, 3.0) == pytest.approx(1.0)
