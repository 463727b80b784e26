"""`reagroove live` as a producer met it, driven through the CLI on in-memory ports with the shipped model and a
scripted clock: a keyboard left on MIDI channel 10 had its bass riff drummed as pads with nothing said (drumify says
so of a file); a 3/4 waltz in quarters had its drums in on bar 3 where 4/4's come in on bar 2; and under `--clock-in`
a stop then continue left a flam in the take (the next bar's kick sent a hair before the stop, and the continue's)."""

import mido
from helpers import MemoryInput, MemoryOutput

from reagroove.core import livemidi
from reagroove.core.cli import main
from reagroove.models import commands

RIFF = [(0, 40, 105), (0.5, 40, 60), (1, 43, 80), (1.5, 43, 85), (2, 45, 95), (2.5, 45, 60), (3, 47, 80), (3.5, 40, 70)]


def notes(played, bpm, start=1.0, channel=0, held=0.4):
    """[(beat, pitch, velocity)] as [(seconds, message)]: note-ons from `start`, each held `held` beats."""
    out = []
    for beat, pitch, vel in played:
        t = start + beat * 60 / bpm
        out.append((t, mido.Message("note_on", note=pitch, velocity=vel, channel=channel)))
        out.append((t + held * 60 / bpm, mido.Message("note_off", note=pitch, velocity=0, channel=channel)))
    return out


def bars_of(pattern, bars, beats_per_bar=4):
    return [(b * beats_per_bar + beat, pitch, vel) for b in range(bars) for beat, pitch, vel in pattern]


def live(monkeypatch, engine, args, events, until, dt=0.005):
    """`reagroove live --in keys --out synth ARGS` with `events` [(seconds, message)] arriving as the scripted clock
    reaches them, stepped every `dt` to `until` seconds: [(seconds, drum note-on sent)]."""
    sent, events = [], sorted(events, key=lambda e: e[0])

    def run(player, *, poll=0.001, duration=None):
        i, t = 0, 0.0
        player.now = lambda: t
        player.start()
        while t < until:
            while i < len(events) and events[i][0] <= t + 1e-9:
                player.inport.queue.append(events[i][1])
                i += 1
            n = len(player.outport.sent)
            player.step(t)
            sent.extend((t, m) for m in player.outport.sent[n:] if m.type == "note_on" and m.velocity)
            t = round(t + dt, 6)
        player.all_notes_off()

    monkeypatch.setattr(livemidi, "open_port", lambda name, kind: MemoryInput() if kind == "input" else MemoryOutput())
    monkeypatch.setattr(commands, "_engine", lambda args: engine)
    monkeypatch.setattr(livemidi.LivePlayer, "run", run)
    assert main(["live", "--in", "keys", "--out", "synth", *args]) == 0
    return sent


def test_a_keyboard_left_on_channel_10_is_told_its_part_is_played_as_a_drum_part(monkeypatch, shipped, capsys):
    """A bass riff from a keyboard set to channel 10 was drummed by the drum-part network (a snare on 1, toms, no
    kick) and the only line was the tempo: the player is told once, in drumify's words, with the fix; the same riff
    on channel 1 hears nothing of it."""
    until = 1.0 + 7 * 2.4
    live(monkeypatch, shipped, ["--bpm", "100"], notes(bars_of(RIFF, 6), 100, channel=9), until)
    said = capsys.readouterr().out.splitlines()
    told = [line for line in said if "drum part (MIDI channel 10)" in line]
    assert len(told) == 1, said
    assert "the drum-part model plays it" in told[0] and "set your keyboard to another channel" in told[0], told
    live(monkeypatch, shipped, ["--bpm", "100"], notes(bars_of(RIFF, 6), 100, channel=0), until)
    assert "channel 10" not in capsys.readouterr().out


def test_a_keyboard_moved_off_channel_10_is_told_the_band_model_plays_again(monkeypatch, shipped, capsys):
    """Pads, then the keyboard on channel 1: the switch back to the band network is said once too."""
    pads = notes(bars_of(RIFF, 3), 100, channel=9)
    keys = notes(bars_of(RIFF, 4), 100, start=1.0 + 3 * 2.4, channel=0)
    live(monkeypatch, shipped, ["--bpm", "100"], pads + keys, 1.0 + 8 * 2.4)
    said = capsys.readouterr().out.splitlines()
    told = [line for line in said if "channel 10" in line]
    assert len(told) == 2 and "drum part (MIDI channel 10)" in told[0] and "band part again" in told[1], said


def first_drum_bar(sent, bpm, beats_per_bar, start=1.0):
    return min(round((t - start) * bpm / 60 / beats_per_bar, 2) for t, _ in sent) + 1


def test_a_waltz_in_quarters_gets_its_drums_on_bar_2_as_4_4_does(monkeypatch, shipped):
    """Oom-pah-pah in 3/4 quarters at --bpm 120: 4 onsets were needed whatever the meter, the 4th on bar 2's 1, and
    the drums came in on bar 3 (4/4's quarters and 3/4's 8ths on bar 2). README: the drums come in on the first bar
    line after your first note (once a bar is heard)."""
    waltz = [(0, 48, 100), (1, 55, 70), (2, 55, 70)]
    for meter in (["--meter", "3/4"], ["--beats-per-bar", "3"]):
        sent = live(monkeypatch, shipped, ["--bpm", "120", *meter], notes(bars_of(waltz, 6, 3), 120), 1 + 7 * 3 * 0.5)
        assert first_drum_bar(sent, 120, 3) == 2.0, meter
    four = [(0, 48, 100), (1, 55, 70), (2, 55, 70), (3, 55, 70)]
    sent = live(monkeypatch, shipped, ["--bpm", "120"], notes(bars_of(four, 6), 120), 1 + 7 * 4 * 0.5)
    assert first_drum_bar(sent, 120, 4) == 2.0


def test_a_waltz_off_the_tempo_asked_still_waits_to_read_it(monkeypatch, shipped, capsys):
    """A bar of quarters lets the drums in only where they sit on --bpm's beats: played at 105 with 120 set, three
    notes read no tempo, and the drums would come in at 120, locked, off the player's bars."""
    waltz = [(0, 48, 100), (1, 55, 70), (2, 55, 70)]
    played = notes(bars_of(waltz, 6, 3), 105)
    live(monkeypatch, shipped, ["--bpm", "120", "--meter", "3/4"], played, 1 + 7 * 3 * 60 / 105)
    came_in = [line for line in capsys.readouterr().out.splitlines() if "come in at" in line]
    assert len(came_in) == 1 and abs(float(came_in[0].split(" at ")[1].split()[0]) - 105) <= 2, came_in


def test_a_take_stopped_and_continued_under_clock_in_has_no_flam_where_it_stopped(monkeypatch, shipped, tmp_path):
    """The master stops on a bar line and continues from there: the next bar's kick, sent 5 ms ahead of the stop
    (a drummer's push) and cut by its all-notes-off, stayed in the take beside the continue's kick on the same 1
    (beats 15.99 and 16.00). No two hits of a drum in the take sit within a 32nd of each other."""
    q, take = 0.6, tmp_path / "take.mid"
    events = []

    def clock(t0, t1):
        t = t0
        while t < t1:
            events.append((t, mido.Message("clock")))
            t += q / 24

    t0, bar = 0.5, 4 * q
    events.append((t0 - 0.001, mido.Message("start")))
    clock(t0, t0 + 4 * bar)
    events += notes(bars_of(RIFF, 4), 100, start=t0)
    events.append((t0 + 4 * bar, mido.Message("stop")))
    t1 = t0 + 4 * bar + 3.0
    events.append((t1 - 0.001, mido.Message("continue")))
    clock(t1, t1 + 3 * bar)
    events += notes(bars_of(RIFF, 3), 100, start=t1)
    events.append((t1 + 3 * bar, mido.Message("stop")))
    sent = live(monkeypatch, shipped, ["--clock-in", "--record", str(take)], events, t1 + 3 * bar + 1.0)
    stopped = t0 + 4 * bar
    assert any(stopped - 0.02 < t < stopped for t, _ in sent), "no drum sent just before the stop: nothing tested"
    drums = mido.MidiFile(take).tracks[-1]
    tick, hits = 0, {}
    for msg in drums:
        tick += msg.time
        if msg.type == "note_on" and msg.velocity:
            hits.setdefault(msg.note, []).append(tick / 480)
    assert any(abs(b - 16.0) < 1e-6 for b in hits.get(36, [])), "the continue's downbeat kick is in the take"
    for pitch, beats in hits.items():
        gaps = [round(b - a, 3) for a, b in zip(beats, beats[1:]) if b - a < 0.125]
        assert not gaps, (pitch, gaps)


def test_a_take_stopped_for_good_keeps_the_drum_sent_before_the_stop(monkeypatch, shipped, tmp_path):
    """The master stops on a bar line and never continues: the kick sent 5 ms ahead of the stop was played (a drum
    sampler sounds it whole), so the take keeps it (a review found it cut on every stop, not only at a continue)."""
    q, take = 0.6, tmp_path / "take.mid"
    t0, bar = 0.5, 4 * q
    events = [(t0 - 0.001, mido.Message("start"))]
    t = t0
    while t < t0 + 4 * bar:
        events.append((t, mido.Message("clock")))
        t += q / 24
    events += notes(bars_of(RIFF, 4), 100, start=t0)
    stopped = t0 + 4 * bar
    events.append((stopped, mido.Message("stop")))
    sent = live(monkeypatch, shipped, ["--clock-in", "--record", str(take)], events, stopped + 2.0)
    before = [m.note for t, m in sent if stopped - 0.02 < t < stopped and m.type == "note_on" and m.velocity]
    assert before, "no drum sent just before the stop: nothing tested"
    tick, last = 0, []
    for msg in mido.MidiFile(take).tracks[-1]:
        tick += msg.time
        if msg.type == "note_on" and msg.velocity and tick / 480 > 15.9:
            last.append(msg.note)
    assert sorted(last) == sorted(before), (last, before)


def test_the_rock_pattern_at_follow_0_plays_live_at_drumify_s_levels_for_the_part(monkeypatch, shipped, make_midi,
                                                                                   tmp_path, capsys):
    """`--pattern-a rock --follow 0` plays the pattern itself at the part's level, live as drumify plays the part
    (dynamics.band_accents, pattern_hits.pattern_levels): the same backbeat and hats for the riff at full and at
    half velocity (a part at 79 of 127 puts the backbeat at 127 both ways; at half, 78). Drumify of a live take
    reads louder (snare up to 100): its drums run a window past the part, which plays the pattern's own level and
    lifts the take's other windows with it (dynamics.take_dynamics)."""
    args = ["--pattern-a", "rock", "--follow", "0"]
    for scale in (1.0, 0.5):
        riff = [(b, p, int(v * scale)) for b, p, v in bars_of(RIFF, 6)]
        sent = live(monkeypatch, shipped, ["--bpm", "100", *args], notes(riff, 100), 1 + 7 * 2.4)
        live_levels = levels([m for _, m in sent])
        song = make_midi([(b, p, v, 0) for b, p, v in riff], tempos=((0, 100.0),), length=0.4)
        out = tmp_path / "drums.mid"
        assert main(["drumify", str(song), "-o", str(out), *args]) == 0
        capsys.readouterr()
        drumify_levels = levels([m for m in mido.MidiFile(out).tracks[-1] if m.type == "note_on" and m.velocity])
        assert live_levels == drumify_levels, (scale, live_levels, drumify_levels)


def levels(hits):
    """{pitch: (softest, loudest)} of the snare's and closed hat's note-ons."""
    return {p: (min(v), max(v)) for p in (38, 42) for v in [[m.velocity for m in hits if m.note == p]] if v}
