"""A live session's take: the input (with its sustain pedal, controllers, pitch bends, pressure and program changes)
and the drums, in beats, saved as a MIDI file. Split from livemidi.py, whose LivePlayer fills it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import mido
import numpy as np

from .files import atomic_write
from .midi import DRUM_CHANNEL
from .midi_write import TAKE_TRACK_NAME

NOTE_BEATS = 0.125  # drum note length: a 32nd note
# The input's messages kept beside its notes, as played: without the pedal a pianist's take played back dry, without
# the pressure (aftertouch) an organ's swells and a synth lead's vibrato were flat, without a program change the
# second half of a take played on the first half's sound.
KEPT_CONTROLS = frozenset({"control_change", "pitchwheel", "aftertouch", "polytouch", "program_change"})


@dataclass
class Recording:
    """Input and drum notes of a session, in beats."""

    input_notes: list[tuple[float, int, int, int]] = field(default_factory=list)  # beat, channel, pitch, velocity
    drum_notes: list[tuple[float, int, int]] = field(default_factory=list)  # beat, pitch, velocity
    input_lengths: dict[int, float] = field(default_factory=dict)  # input note index -> beats held
    shift: float = 0.0  # recording beat minus transport beat: takes after a restart or jump back follow on
    end: float = 0.0  # the recording's last beat so far
    last_onset: float = float("-inf")  # the last note-on recorded (a note's tail is not where a take goes on)
    _held: dict[tuple[int, int], int] = field(default_factory=dict)  # (channel, pitch) -> input note index
    tempos: list[tuple[float, float]] = field(default_factory=list)  # (beat, bpm): MIDI clock's tempo changes
    # The input's controllers (sustain pedal, mod wheel, expression), pitch bends, pressure and program changes
    # (KEPT_CONTROLS), as played:
    input_controls: list[tuple[float, mido.Message]] = field(default_factory=list)  # beat, message
    _stopped: tuple[float, float] | None = None  # (recording beat, beats before it) of the last stop: cut_drums

    def add_tempo(self, beat: float, bpm: float) -> None:
        """The tempo at `beat`, kept where it moved by half a BPM or more (at most one change a beat), so
        a take on a master whose tempo changes keeps its times when opened elsewhere."""
        at = max(beat + self.shift, 0.0)
        if self.tempos and at < self.tempos[-1][0] + 1.0:  # within a beat of a change: its estimate settling
            self.tempos[-1] = (self.tempos[-1][0], float(bpm))
        elif not self.tempos or abs(bpm - self.tempos[-1][1]) >= 0.5:
            self.tempos.append((at, float(bpm)))

    def add_input(self, beat: float, channel: int, pitch: int, velocity: int) -> None:
        self.release_input(beat, channel, pitch)  # a key struck again without its note-off ends there
        self._held[channel, pitch] = len(self.input_notes)
        self.input_notes.append((beat + self.shift, channel, pitch, velocity))
        self.last_onset = max(self.last_onset, beat + self.shift)
        self.end = max(self.end, beat + self.shift + NOTE_BEATS)

    def release_input(self, beat: float, channel: int, pitch: int) -> None:
        """An input note-off: the note is kept as long as it was held."""
        i = self._held.pop((channel, pitch), None)
        if i is not None:
            self.input_lengths[i] = max(beat + self.shift - self.input_notes[i][0], 1.0 / 480)
            self.end = max(self.end, beat + self.shift)

    def release_all_input(self, beat: float) -> None:
        """The take stops: keys still held (or whose note-off never came) end here."""
        for channel, pitch in list(self._held):
            self.release_input(beat, channel, pitch)

    def add_control(self, beat: float, msg) -> None:
        """An input control change, pitch bend, pressure or program change at `beat`, kept in the input track."""
        self.input_controls.append((beat + self.shift, msg.copy(time=0)))

    def add_drum(self, beat: float, pitch: int, velocity: int) -> None:
        self.drum_notes.append((beat + self.shift, pitch, velocity))
        self.last_onset = max(self.last_onset, beat + self.shift)
        self.end = max(self.end, beat + self.shift + NOTE_BEATS)

    def cut_drums(self, beat: float, within: float) -> None:
        """The transport stops at `beat`: the drums recorded within `within` beats before it leave the take if it
        continues from there (resume). They were the next bar's downbeat played a hair ahead, and a continue plays
        that downbeat again: the take had a flam there (a kick at 15.99 beside the continue's at 16.00). A take
        that ends at the stop, or starts again from bar 1, keeps them: they were played."""
        self._stopped = (beat + self.shift, within)

    def resume(self, beat: float, beats_per_bar: float) -> None:
        """The transport (re)starts at `beat`: a take starting at or before the last note recorded (MIDI
        start from bar 1 again, a loop back) goes after it, whole bars later, so takes never pile up. A
        continue from where it stopped goes on in place (the last notes' tails once put a bar of silence there),
        less the drums sent a hair before the stop (cut_drums)."""
        stopped, self._stopped = self._stopped, None
        if stopped is not None and beat + self.shift >= stopped[0] - stopped[1]:  # continued where it stopped
            cut = stopped[0] - stopped[1]
            self.drum_notes = [d for d in self.drum_notes if d[0] <= cut]
            self.last_onset = max([d[0] for d in self.drum_notes] + [n[0] for n in self.input_notes],
                                  default=float("-inf"))
        behind = self.last_onset - (beat + self.shift)
        if behind > -1e-9:
            self.shift += (np.floor(behind / beats_per_bar + 1e-9) + 1) * beats_per_bar

    def save(self, path: str | os.PathLike, bpm: float, time_signature: tuple[int, int] | None = None) -> None:
        """The take as a type-1 MIDI file (tempo map, the session's time signature, input and drums)."""
        tpb = 480
        mf = mido.MidiFile(type=1, ticks_per_beat=tpb)
        tempos = self.tempos or [(0.0, bpm)]
        meta, now = mido.MidiTrack([mido.MetaMessage("track_name", name=TAKE_TRACK_NAME)]), 0  # known as a take
        if time_signature is not None:  # without it a DAW opens a 3/4 or 6/8 take in 4/4
            meta.append(mido.MetaMessage("time_signature", numerator=time_signature[0],
                                         denominator=time_signature[1], time=0))
        for k, (beat, tempo) in enumerate(tempos):
            tick = 0 if k == 0 else max(now, int(round(beat * tpb)))
            meta.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(tempo), time=tick - now))
            now = tick
        mf.tracks.append(meta)
        held = {i: self.end - self.input_notes[i][0] for i in self._held.values()}  # still held: to the end
        lengths = [self.input_lengths.get(i, held.get(i, NOTE_BEATS)) for i in range(len(self.input_notes))]
        for name, notes in (
            ("Input", [(b, c, p, v, n) for (b, c, p, v), n in zip(self.input_notes, lengths)]),
            ("ReaGroove Drums", [(b, DRUM_CHANNEL, p, v, NOTE_BEATS) for b, p, v in self.drum_notes]),
        ):
            events = []  # (tick, order: note-offs, controls, note-ons, message)
            for beat, chan, pitch, vel, length in notes:
                on = max(0, int(round(beat * tpb)))
                events.append((on, 2, len(events), mido.Message("note_on", channel=chan, note=pitch, velocity=vel)))
                off = max(on + 1, int(round((beat + length) * tpb)))
                events.append((off, 0, len(events), mido.Message("note_off", channel=chan, note=pitch, velocity=0)))
            if name == "Input":
                events += self._control_events(tpb, max((e[0] for e in events), default=0))
            track = mido.MidiTrack([mido.MetaMessage("track_name", name=name)])
            now = 0
            for tick, _, _, msg in sorted(events, key=lambda e: e[:3]):
                track.append(msg.copy(time=tick - now))
                now = tick
            mf.tracks.append(track)
        atomic_write(path, lambda fh: mf.save(file=fh))

    def _control_events(self, tpb: int, last_tick: int) -> list:
        """The input's controls as save()'s events; a sustain pedal still down when the take ends is let up there."""
        events, pedal = [], {}
        for beat, msg in self.input_controls:
            events.append((max(0, int(round(beat * tpb))), 1, len(events), msg))
            if msg.type == "control_change" and msg.control == 64:
                pedal[msg.channel] = msg.value
        end = max(last_tick, int(round(self.end * tpb)), max((e[0] for e in events), default=0))
        for chan, value in pedal.items():
            if value >= 64:
                events.append((end, 1, len(self.input_controls) + chan, mido.Message("control_change", channel=chan, control=64, value=0)))
        return events


__all__ = ["KEPT_CONTROLS", "NOTE_BEATS", "Recording"]
