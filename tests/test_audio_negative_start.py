"""A take whose bar line --start puts before the audio (--start -1: it opens mid-bar): --help says "the part bar
plays as a pickup, bar 1 is the next". The note names that bar 1, where the drum file puts it (its time signature);
it had said "the drums' bar 1 is at -1.000 s of the audio" (-100.000 s for --start -100). The chart draws the pickup
as the file holds it, the bar before bar 1 from the audio's start (as a MIDI pickup bar is drawn alone, '|x---|'),
where it had drawn a whole 2-bar loop, backbeat and all, mostly before the audio starts (29 hits where the file held
11), and later loops played the same had read 'as pickup'."""

import re

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import guitar_take
from test_cli import stub_engine  # noqa: F401 - a fixture

from reagroove.core.audio import read_audio
from reagroove.core.cli import main
from reagroove.core.loop import N_VOICES, STEPS
from reagroove.core.textroll import loops_roll

SR, BPM = 22050, 96.0


@pytest.fixture(scope="module")
def take(tmp_path_factory):
    """8 bars of strummed 8ths at 96 BPM from 0.5 s."""
    path = tmp_path_factory.mktemp("neg_start") / "guitar.wav"
    audio, _ = guitar_take(BPM, bars=8, seed=0)
    sf.write(path, audio, SR, subtype="PCM_16")
    return str(path)


def _bar1_note(text: str) -> float:
    return float(re.search(r"bar 1 is at (-?[\d.]+) s of the audio", text)[1])


def _file_bar1(path) -> tuple[float, float, list[float]]:
    """(bar 1 in seconds, in beats, the drum hits' beats) of a drum file written at one tempo."""
    mf = mido.MidiFile(path)
    tempo = next(m.tempo for t in mf.tracks for m in t if m.type == "set_tempo")
    sig = next(sum(m.time for m in t[:i + 1]) for t in mf.tracks for i, m in enumerate(t) if m.type == "time_signature")
    hits, now = [], 0
    for m in mf.tracks[1]:
        now += m.time
        if m.type == "note_on" and m.velocity:
            hits.append(now / mf.ticks_per_beat)
    beat = sig / mf.ticks_per_beat
    return beat * tempo / 1e6, beat, hits


@pytest.mark.parametrize("start", ["-1", "-100"])
def test_the_note_names_the_bar_1_the_drum_file_starts(stub_engine, take, tmp_path, capsys, start):
    out = tmp_path / "drums.mid"
    assert main(["drumify", take, "--start", start, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    bar1_s, _, _ = _file_bar1(out)
    assert 0.0 <= bar1_s < 60.0 * 4 / BPM + 0.05  # the first bar line inside the audio, as --help says
    assert _bar1_note(said) == pytest.approx(bar1_s, abs=0.002), said
    assert "what plays before it a pickup" in said
    # groove reads the same bar 1 (its own words: no drums)
    assert main(["groove", take, "--start", start]) == 0
    assert _bar1_note(capsys.readouterr().out) == pytest.approx(bar1_s, abs=0.002)
    # read_audio: the meter starts there
    content = read_audio(take, start=float(start))
    assert content.time_signatures[0][0] * 60.0 / content.tempos[0][1] == pytest.approx(bar1_s, abs=0.002)
    assert content.start_s == pytest.approx(bar1_s, abs=0.002)


def test_the_chart_draws_the_pickup_the_file_holds(stub_engine, take, tmp_path, capsys):
    out = tmp_path / "drums.mid"
    assert main(["drumify", take, "--start", "-1", "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("pickup"))
    rows = [lines[first]]  # its voices' rows, up to bar 1's
    for line in lines[first + 1:]:
        if "bar " in line or not line.startswith(" " * 9):
            break
        rows.append(line)
    cells = [r.split("|")[1:-1] for r in rows]
    assert all(len(c) == 1 for c in cells), rows  # one bar: the part bar before bar 1, not a 2-bar loop
    drawn = sum(ch in "oxX" for c in cells for ch in c[0])
    _, bar1, hits = _file_bar1(out)
    # the pickup window's hits the file holds (bar 1's early downbeat aside: more than half a 16th before it)
    written = sum(h < bar1 - 0.125 for h in hits)
    assert 0 < drawn == written, rows
    assert not any(re.search(r"\bas pickup\b", line) for line in lines)


def test_a_window_starting_before_the_file_is_drawn_from_its_first_step_written():
    from reagroove.core.textroll import first_written

    # bar 1 at beat 2.4 (--start -1 at 96 BPM): the window before it starts at -5.6 beats; the file holds its steps
    # from 0 s on, step 23 (midi_write leaves out those before the file's start)
    assert first_written(-5.6) == 23 and first_written(0.0) == 0 and first_written(-8.0) == STEPS
    loops = np.zeros((2, STEPS, 3 * N_VOICES))
    loops[:, ::4, 0] = 1.0  # a kick on every beat
    loops[:, 4::8, 1] = 1.0  # the backbeat
    loops[:, :, N_VOICES:2 * N_VOICES] = 0.9
    plain = ((0.0, 4, 4), (4.0, 4, 4))
    drawn = loops_roll(loops, np.array([0, 1]), [None, plain], np.array([-5.6, 2.4]))
    # the last bar before bar 1, from its first whole beat (nothing written in the beat the file's start cuts)
    assert drawn[0].split()[:2] == ["pickup", "kick"] and drawn[0].endswith("|X--- X---|")
    assert drawn[1].endswith("|---- X---|") and drawn[2].split()[:2] == ["bar", "1"]
    loops[:, 3::4, 2] = 1.0  # a hat on every beat's last 16th: step 23 is written, the beat it ends drawn from it
    drawn = loops_roll(loops, np.array([0, 1]), [None, plain], np.array([-5.6, 2.4]))
    assert [r[-16:] for r in drawn[:3]] == ["|   - X--- X---|", "|   - ---- X---|", "|   X ---X ---X|"]
    # no starts (a file's windows, never before its start): both bars, as before
    assert loops_roll(loops, np.array([0, 1]), [None, plain])[0].endswith("|X--- X--- X--- X---|X--- X--- X--- X---|")
