"""An audio take drummed with a bar line --start puts before the audio (--start below 0: bar 1 is the first bar line
inside the file, what plays before it a pickup, as --help says) gets what a MIDI pickup gets (README: "a short fill in
the pickup's own length, never a loop before bar 1"): its window before bar 1 is a pickup from the beat its first note
is on, as the same part's MIDI with a pickup bar has. It had been an ordinary window of 8 beats, whose groove loop's
end the drum file played from the audio's start (hats and backbeat before the part came in)."""

import mido
import numpy as np
import pytest
import soundfile as sf
from audio_synth import make_part

from reagroove.core.audio import read_audio
from reagroove.core.cli import main
from reagroove.core.groove import extract_windows
from reagroove.core.loop import VOICES
from reagroove.core.meter import is_pickup
from reagroove.core.midi import read_midi
from reagroove.core.settings import Settings

SR, BPM, LEAD = 22050, 96.0, 0.3
BAR_S = 240.0 / BPM
PICKUP = ((6.0, 2, 4),)  # the part comes in on beat 3: a 2-beat pickup at the window's end, as a 2/4 pickup bar's


@pytest.fixture(scope="module")
def take(tmp_path_factory):
    """A strummed part coming in on beat 3 of its pickup bar 0.3 s into the file, as audio and as MIDI (a 2/4
    pickup bar, then 4/4: the same notes on their 16ths); the --start that puts bar 1's bar line before the audio."""
    d = tmp_path_factory.mktemp("audio_pickup")
    audio, downbeat, notes = make_part("strum", BPM, first_beat=3, lead_s=LEAD, seconds=12, seed=3, with_notes=True)
    sf.write(d / "strum.wav", audio, SR, subtype="PCM_16")
    mf = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mf.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(BPM)))
    track.append(mido.MetaMessage("time_signature", numerator=2, denominator=4))
    events = [(960, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
    for t, velocity, _, freqs, _, _ in notes:
        tick = round((t - LEAD) * BPM / 60 * 4) * 120
        for f in freqs[:3]:
            pitch = int(round(69 + 12 * np.log2(f / 440)))
            events += [(tick, mido.Message("note_on", note=pitch, velocity=int(20 + 100 * velocity))),
                       (tick + 200, mido.Message("note_off", note=pitch, velocity=0))]
    now = 0
    for tick, msg in sorted(events, key=lambda e: (e[0], e[1].type == "note_on")):
        track.append(msg.copy(time=tick - now))
        now = tick
    mf.save(d / "strum.mid")
    return str(d / "strum.wav"), str(d / "strum.mid"), downbeat - BAR_S


def test_the_window_before_bar_1_is_the_pickup_a_midi_pickup_bar_gets(take):
    wav, mid, start = take
    assert start < 0
    audio = extract_windows(read_audio(wav, start=start, for_drums=True))
    midi = extract_windows(read_midi(mid))
    assert audio.meters[0] == midi.meters[0] == PICKUP and is_pickup(audio.meters[0])
    assert audio.bars[0] == midi.bars[0] == 0 and audio.bars[1] == 1  # labelled 'pickup', bar 1 next
    assert audio.starts[1] - audio.starts[0] == pytest.approx(8.0)  # the pickup's beats end at bar 1
    # the same hits in the pickup, on beats 3 and 4 only (nothing drawn or played before the part comes in)
    hits = np.flatnonzero(audio.grooves[0, :, 0]).tolist()
    assert hits == np.flatnonzero(midi.grooves[0, :, 0]).tolist() and min(hits) >= 24


def test_the_drums_play_a_lead_in_in_the_pickups_beats_not_a_loops_end(take, shipped):
    wav, _, start = take
    res = shipped.drumify(read_audio(wav, start=start, for_drums=True), Settings())
    first = res.loops[0]
    assert int(res.bars[0]) == 0
    played = np.flatnonzero((first > 0.5).any(axis=1))
    assert len(played) and played.min() >= 24  # in the pickup's 2 beats only
    assert not (first[:, VOICES.index("closed_hat")] > 0.5).any()  # a lead-in, not the groove's hats


def test_the_file_writes_nothing_before_the_pickup_and_the_chart_draws_it_as_one_short_bar(shipped, take, tmp_path,
                                                                                            capsys, monkeypatch):
    import reagroove.models.commands as commands

    monkeypatch.setenv("REAGROOVE_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(commands, "_engine", lambda args: shipped)
    wav, _, start = take
    out = tmp_path / "drums.mid"
    assert main(["drumify", wav, "--start", f"{start:.4f}", "-o", str(out)]) == 0
    chart = capsys.readouterr().out
    mf = mido.MidiFile(out)
    now, hits = 0, []
    for msg in mf.tracks[1]:
        now += msg.time
        if msg.type == "note_on" and msg.velocity:
            hits.append(now / mf.ticks_per_beat * BPM / 60)  # seconds (one tempo)
    assert min(hits) > LEAD - 0.06  # nothing before the part comes in on beat 3 (a 16th is 0.156 s)
    rows = [line for line in chart.splitlines() if "|" in line]
    pickup_rows = rows[:next(i for i, r in enumerate(rows) if r.split()[:2] == ["bar", "1"])]
    # the pickup's 2 beats (8 steps), a lead-in on the drums: no groove's hats
    assert pickup_rows and all(r.count("|") == 2 and len(r.split("|")[1].replace(" ", "")) == 8 for r in pickup_rows)
    assert not any("closed_hat" in r for r in pickup_rows), chart


def test_a_told_start_before_the_audio_says_where_bar_1_is_and_the_pickup(take):
    # --bpm and --start both told: nothing was estimated, yet bar 1 is not where --start says (it moves on into the
    # audio), so it is said, as a MIDI file's pickup bar is
    wav, _, start = take
    said = " ".join(read_audio(wav, bpm=BPM, start=start, for_drums=True).warnings)
    assert f"the drums' bar 1 is at {start + BAR_S:.3f} s" in said and "a pickup (the drums play a lead-in" in said
    groove = " ".join(read_audio(wav, bpm=BPM, start=start, for_drums=False).warnings)  # groove's reading: no drums
    assert f"before the audio: bar 1 is at {start + BAR_S:.3f} s" in groove and "lead-in" not in groove
    assert "pickup" not in " ".join(read_audio(wav, bpm=BPM, start=LEAD + 2 * 60 / BPM, for_drums=True).warnings)
