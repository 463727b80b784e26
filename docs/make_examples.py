"""Make the bundled example MIDI files in core/examples/ (run once; the files are committed).

They are ReaGroove's own, written here, so the package ships no third-party data:
- funk_bass.mid: 8 bars of a syncopated 16th-note bass line at 96 BPM, played a
  little behind the beat with accents, the kind of part a producer drumifies.
- piano_waltz.mid: 6 bars of piano chords in 3/4 at 84 BPM with a pickup beat.
- shuffle_blues.mid: a 12-bar boogie shuffle in A at 100 BPM, a bass track and piano stabs on the swung
  off-beats, in MIDI triplets (each beat's swung 8th on its third triplet).
"""

from pathlib import Path

import mido
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "core" / "examples"
TPB = 480


def save(path, notes, bpm, sigs):
    """notes: (beat, length, pitch, velocity); sigs: (beat, num, den)."""
    mf = mido.MidiFile(type=1, ticks_per_beat=TPB)
    meta = mido.MidiTrack()
    meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm), time=0))
    events = [(int(round(b * TPB)), 0, mido.MetaMessage("time_signature", numerator=n, denominator=d)) for b, n, d in sigs]
    now = 0
    for tick, _, msg in sorted(events, key=lambda e: e[0]):
        meta.append(msg.copy(time=tick - now))
        now = tick
    part = mido.MidiTrack()
    ev = []
    for beat, length, pitch, vel in notes:
        on = int(round(beat * TPB))
        ev.append((on, 1, pitch, vel))
        ev.append((on + int(round(length * TPB)), 0, pitch, 0))
    now = 0
    for tick, is_on, pitch, vel in sorted(ev):
        part.append(mido.Message("note_on" if is_on else "note_off", note=pitch, velocity=vel, channel=0, time=tick - now))
        now = tick
    mf.tracks.extend([meta, part])
    mf.save(OUT / path)


def funk_bass():
    rng = np.random.default_rng(3)
    # One bar of 16ths: (step, pitch offset, accent); E minor pentatonic riff
    riff = [(0, 0, 1), (3, 0, 0), (4, 12, 0), (6, 0, 1), (7, 3, 0), (10, 5, 1), (11, 7, 0), (14, 10, 0)]
    riff2 = [(0, 0, 1), (2, 0, 0), (3, 12, 0), (6, 7, 1), (8, 5, 0), (10, 3, 1), (12, 0, 0), (13, 0, 0), (15, -2, 0)]
    notes = []
    for bar in range(8):
        for step, dp, acc in riff if bar % 2 == 0 else riff2:
            late = 0.06 + rng.normal(0, 0.03)  # behind the beat, in steps
            beat = bar * 4 + (step + late) / 4
            vel = int(np.clip((104 if acc else 78) + rng.normal(0, 6), 40, 127))
            notes.append((beat, 0.2, 40 + dp, vel))
    save("funk_bass.mid", notes, 96, [(0, 4, 4)])


def piano_waltz():
    notes = [(0.0, 1.0, 67, 70)]  # pickup beat in a 1/4 bar
    chords = [(48, 64, 67), (53, 65, 69), (55, 62, 67), (48, 64, 67), (45, 60, 64), (55, 62, 65)]
    for bar, (bass, a, b) in enumerate(chords):
        start = 1 + bar * 3
        notes.append((start, 2.5, bass, 88))
        for beat in (1, 2):
            for p in (a, b):
                notes.append((start + beat + 0.02, 0.8, p, 60))
    save("piano_waltz.mid", notes, 84, [(0, 1, 4), (1, 3, 4)])


def notes_track(name, program, channel, notes):
    """A named part: notes (tick, length in ticks, pitch, velocity), offs before ons at one tick."""
    track = mido.MidiTrack([mido.MetaMessage("track_name", name=name, time=0),
                            mido.Message("program_change", channel=channel, program=program, time=0)])
    events = sorted([(t, 1, p, v) for t, _, p, v in notes] + [(t + length, 0, p, 0) for t, length, p, _ in notes])
    now = 0
    for tick, is_on, pitch, vel in events:
        track.append(mido.Message("note_on" if is_on else "note_off", note=pitch, velocity=vel, channel=channel,
                                  time=tick - now))
        now = tick
    return track


def shuffle_blues():
    bar, swung = 4 * TPB, 2 * TPB // 3  # a bar; the swung 8th's place in its beat (the third triplet)
    # The quick-change 12-bar blues in A: A D A A | D D A A | E D A E (roots of the bass's boogie)
    roots = [45, 50, 45, 45, 50, 50, 45, 45, 52, 50, 45, 52]
    boogie = [0, 4, 7, 9, 10, 9, 7, 4]  # root, 3rd, 5th, 6th, b7th, down again: one note a swung 8th
    bass, piano = [], []
    for i, root in enumerate(roots):
        for k, step in enumerate(boogie):
            beat, late = divmod(k, 2)
            on = i * bar + beat * TPB + late * swung
            bass.append((on, 140, root + step, 78) if late else (on, 300, root + step, 100))
        chord = [root + 16, root + 19, root + 22]  # 3rd, 5th and b7th an octave up
        for on, length, vel in ((TPB, 160, 72), (3 * TPB, 160, 72), (3 * TPB + swung, 120, 60)):  # 2, 4, 4's swung 8th
            piano += [(i * bar + on, length, p, vel) for p in chord]
    mf = mido.MidiFile(type=1, ticks_per_beat=TPB)
    mf.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="shuffle blues in A", time=0),
                                     mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(100), time=0),
                                     mido.MetaMessage("time_signature", numerator=4, denominator=4, time=0)]))
    mf.tracks.append(notes_track("bass", 33, 0, bass))
    mf.tracks.append(notes_track("piano", 0, 1, piano))
    mf.save(OUT / "shuffle_blues.mid")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    funk_bass()
    piano_waltz()
    shuffle_blues()
    print("wrote", *sorted(p.name for p in OUT.glob("*.mid")))
