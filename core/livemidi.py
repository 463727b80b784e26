"""Playing along on MIDI ports: a LiveSession driven by a clock, drums sent as they fall due.

The clock is internal (a tempo in BPM, following the player: their first note is
beat 1, and their first bar back after they stopped is a bar 1 (live_back.py), their notes on the beat move its tempo) or follows incoming MIDI clock (24 pulses per quarter note, with start, stop, continue and song position). Input
note-ons are fed to the session with their position in beats (a rolled chord's notes at its first note's, a grace
note as the note it leads into: live_rolls.py); drum notes of
the loop playing are sent on channel 10 at their micro-timed positions, each
released a 32nd note later. `--record` keeps input (with its sustain pedal,
controllers, pitch bends, pressure and program changes) and drums as a MIDI file (live_recording.py). A port that fails
mid-session (unplugged) is a one-line PortError, and no drum note is ever
forgotten before its note-off is out, so a Ctrl-C leaves nothing hanging. Drum notes that come back on the
input (a synth's MIDI thru) are known as our own once the rig proves it echoes (at once while the player
plays on other channels), and not played along with.

Everything time-dependent goes through `step(now)`, so tests drive the player
with a scripted clock and mido's in-memory ports.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Callable

import mido
import numpy as np

from .drummap import GM_DRUM_MAP, DrumMap
from .errors import ReaGrooveError
from .half_time_genres import LEADS, REGGAE
from .live import LiveSession
from .live_back import back_bar_line, off_the_idle_bars
from .live_clock import InternalClock
from .live_drum_part import drum_part_line
from .live_echo import Echoes
from .live_entry import join_at
from .live_entry_line import from_the_line
from .live_half_tempo import half_tempo_hint
from .live_held_tempo import held_tempo
from .live_lines import idle_line
from .live_opening import Opening
from .live_recording import KEPT_CONTROLS, NOTE_BEATS, Recording
from .live_stats import PlayerStats
from .live_rolls import Rolls
from .midi_clock import MidiClockFollower
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT
from .midi import DRUM_CHANNEL
from .settings import check_bpm

STOP_CUT_S = 0.02  # a drum sent this close before a transport stop leaves the take (Recording.cut_drums)
TEMPO_SAID = 0.04  # the tempo followed is said again once it has moved this share from the last said
# A footswitch that sends its press value only (no release) cues again on that value after this long; a continuous
# pedal swept up sends one value twice within it (40, 70, 90, 90, 100 cued twice)
CUE_REPEAT_S = 0.5


class PortError(ReaGrooveError):
    pass


@contextlib.contextmanager
def _quiet_c_stderr():
    """ALSA prints its own complaints on the C stderr; our one-line error says it better."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, ValueError, OSError):
        yield
        return
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def port_names() -> tuple[list[str], list[str]]:
    """(input names, output names) of the MIDI system."""
    try:
        with _quiet_c_stderr():
            return mido.get_input_names(), mido.get_output_names()
    except Exception as exc:  # noqa: BLE001 - rtmidi raises SystemError and friends
        raise PortError(f"no MIDI system available ({str(exc).splitlines()[0]}): on Linux, ALSA's sequencer "
                        "(the snd-seq module) or JACK must be running") from None


def open_port(name: str, kind: str):
    """Open an input or output port by exact name, or by a unique part of its name."""
    ins, outs = port_names()
    names = ins if kind == "input" else outs
    matches = [n for n in names if n == name] or [n for n in names if name.lower() in n.lower()]
    if len(matches) != 1:
        listed = ", ".join(f"'{n}'" for n in names) or "none"
        what = "no" if not matches else "more than one"
        raise PortError(f"{what} MIDI {kind} port matches '{name}' ({kind} ports: {listed})")
    try:
        with _quiet_c_stderr():
            return mido.open_input(matches[0]) if kind == "input" else mido.open_output(matches[0])
    except Exception as exc:  # noqa: BLE001 - listed but not opened: busy, gone since listed (rtmidi errors)
        raise PortError(f"cannot open MIDI {kind} port '{matches[0]}' ({str(exc).splitlines()[0] or type(exc).__name__})") from None


class LivePlayer:
    """Connects a LiveSession to an input and an output port."""

    def __init__(
        self,
        session: LiveSession,
        inport,
        outport,
        clock: InternalClock | MidiClockFollower,
        *,
        drum_map: DrumMap = GM_DRUM_MAP,
        record: Recording | None = None,
        now: Callable[[], float] = time.monotonic,
        cue_cc: int | None = None,
        cue_note: int | None = None,
        cue_channel: int | None = None,
    ):
        self.session = session
        self.inport = inport
        self.outport = outport
        self.clock = clock
        self.drum_map = drum_map
        if session is not None:  # its pads' kit read by the map its drums play (live_kit.py)
            session.drum_map = drum_map
        self.record = record
        self.now = now
        self.stats = PlayerStats()
        self._last_beat: float | None = None
        self._pending_off: list[tuple[float, int]] = []  # (beat, pitch)
        self._out_failed = False  # the output port stopped taking messages (unplugged): nothing more is sent
        self._from_grid: float | None = None  # after a restart: the 16th whose early notes are still due
        self._pitches: tuple = (None, None, None)  # (loop scheduled, drum map, its notes' pitches): send's cache
        self._sent_at = 0.0  # the time of the step sending now
        self._echoes = Echoes()  # the drums sent, known again when they come back on the input (live_echo.py)
        self._band = False  # the player's last note was not on the drum channel (keys, bass: not pads)
        # before the drums: (seconds of its onset, velocity, drum, pitch, channel, record index, seconds played)
        self._heard: list[tuple[float, int, bool, int, int, int | None, float]] = []
        self._placed_at = 0.0  # when the opening was last read
        self._tempo_taken = 0  # the last of the session's tempo requests (LiveSession.want_tempo) applied
        self._held = False  # drums held back while the opening had not heard enough (Opening.heard_enough)
        # what the player should hear of while playing (the tempo the drums came in at, a tempo followed): a line
        # each, said by the caller (the CLI prints it); None says nothing
        self.say: Callable[[str], None] | None = None
        self._said_bpm: float | None = None
        self._ended = False  # the drums ended where the player stopped (said once; and said when they come back)
        self._drum_said = False  # the drum-part network plays (said once: live_drum_part.py; and when it hands back)
        self._idling = True  # the idle pattern plays, not the player's drums (said when that changes: live_lines.py)
        self.idle_name: str | None = None  # the idle pattern as said (the CLI: its file's name); None: the pattern's
        self.default_bpm = False  # --bpm left to its default (commands_live sets it): half the tempo may be offered
        self._back = False  # the opening is the player's coming back after they stopped (not their first notes)
        # back over the idle pattern: (Opening, [(seconds, beat)] of their notes) until it knows where their bar 1 is
        self._listen: tuple[Opening, list[tuple[float, float]]] | None = None
        self._rolls = Rolls()  # a rolled chord's later notes are its onset, not onsets of their own (live_rolls.py)
        # A footswitch's controller (cue_cc: a value from 64 is a press) or a pad's pitch (cue_note), on the MIDI
        # channel `cue_channel` (1-16; None: any), cues the next section (cue_section): a cue, never a note played,
        # nor kept in the take. `_cue_value`: the controller's last value and when (a pedal held, or a continuous
        # one going on up, cues once per press)
        self.cue_cc, self.cue_note, self.cue_channel = cue_cc, cue_note, cue_channel
        self._cue_value: tuple[int, float] | None = None

    def drain(self) -> int:
        """Drop the input waiting since the ports opened (notes played while the model loaded: read all at
        once at the first pass, they set the tempo from their queue, not the player's time); the notes dropped."""
        return sum(msg.type == "note_on" and msg.velocity > 0 for msg in self.inport.iter_pending())

    def start(self) -> None:
        if self.clock.running:
            self._restart(self.clock.beat(self.now()))

    def _restart(self, beat: float) -> None:
        """The transport (re)starts at `beat`: notes still sounding from before are released now (their
        note-offs were due at beats the clock will not reach soon, or again), and the notes of the
        16th it starts on are played even when on or just before it (the downbeat of bar 1)."""
        self._release()
        self.session.start(beat)
        self._rolls.clear()
        self._last_beat = self._from_grid = self.session.now
        if self.record is not None:
            self.record.resume(beat, self.session.beats_per_bar)

    def step(self, now: float | None = None) -> None:
        """One pass: take input, move the clock, generate what is due, send due notes."""
        now = self.now() if now is None else now
        try:
            pending = list(self.inport.iter_pending())
        except Exception as exc:  # noqa: BLE001 - rtmidi's errors for a port that went away
            raise PortError(f"MIDI input port '{_port_name(self.inport)}' stopped working ({_detail(exc)}): "
                            "is it still connected?") from None
        self._sent_at = now
        self._take_tempo(now)
        for msg in pending:
            if not self._echoes.is_echo(msg, now, self._band):
                self._handle(msg, now)
        if not self.clock.running or not self.session.running:
            return
        if getattr(self.clock, "waiting", False):  # MIDI clock: playback starts at the master's next pulse
            return
        if self._pending_off and getattr(self.clock, "stalled", lambda _now: False)(now):
            self._release()  # the clock stopped coming: nothing hangs until it is back
            return
        if getattr(self.clock, "opening", None) is not None and now - self._placed_at > 0.05:
            self._place(now)  # a note held since the last one may be the pickup's landing
        beat = self.clock.beat(now)
        if self._last_beat is None:
            self._last_beat = beat
        if beat < self._last_beat - 1e-9:  # the clock went back without a transport message: a jump
            self.stats.located(self._last_beat, self.session.origin, self.session.beats_per_bar)
            self._restart(beat)
        opening = getattr(self.clock, "opening", None)
        holding = opening is not None and not opening.heard_enough()  # a sparse part's tempo not yet read
        if self._held and not holding:  # heard enough now: the drums come in on the next bar line, not mid-loop
            self._held = False
            self._relay(now)
            beat = self.clock.beat(now)
        self.session.bpm = held_tempo(self.session.bpm, self.clock)  # the loops' tempo, held through jitter
        if hasattr(self.clock, "bar"):  # the bars a riff read from the player is laid on (live_riff_tempo.py)
            self.clock.bar = (self.session.origin, self.session.beats_per_bar)
        for sched in self.session.advance(beat):
            # Ready at the beat it was asked for plus the generation's own time.
            ready = sched.generated_at + sched.seconds * self.clock.bpm / 60.0
            if ready > sched.boundary:
                self.stats.late += 1
                self.stats.late_ms = max(self.stats.late_ms, (ready - sched.boundary) * 60000.0 / self.clock.bpm)
            if getattr(self.clock, "opening", None) is not None and not holding and sched.loop[:, :N_VOICES].any():
                asked, said = self.clock.set_bpm, self._said_bpm
                half = half_tempo_hint(self.clock.opening, self.clock.bpm, asked, self.default_bpm)
                self.clock.lock()  # the drums come in: bar 1 never moves once they play
                self._said_bpm = self.clock.bpm
                read = (f", read from your playing (--bpm {asked:g})" if abs(self.clock.bpm / asked - 1) >= 0.02 else "") + half
                if not self._back or said is None:  # (back after stopping before the drums came in: their first entry)
                    self._ended = False
                    self._tell(f"the drums come in at {self.clock.bpm:.0f} BPM{read}")
                elif said is None or abs(self.clock.bpm / said - 1) >= TEMPO_SAID:  # back at a new tempo
                    self._tell(f"following you at {self.clock.bpm:.0f} BPM")
            self._drum_said, line = drum_part_line(self._drum_said, getattr(self.session, "drum_part", False),
                                                   bool(sched.loop[:, :N_VOICES].any()))
            if line is not None:
                self._tell(line)
            if self.session.idle_pattern is not None:  # the player's groove takes over from it, or it comes back
                drums, name = bool(sched.loop[:, :N_VOICES].any()), self.idle_name or self.session.idle_pattern
                self._idling, line = idle_line(self._idling, self.session.idling(sched), drums, name,
                                               self._bar(sched.boundary))
                if line is not None:
                    self._tell(line)
            if sched.ending is not None and not self._ended:  # (no drums had come in: none end, none come back)
                self._ended = True
                self._tell(f"you stopped: the drums end on bar {self._bar(sched.ending)} and come back in when you play"
                           if self._said_bpm is not None else
                           "you stopped before the drums came in: play a bar or more and they come in on the bar line after it")
            elif self._ended and self._said_bpm is not None and sched.loop[:, :N_VOICES].any():
                self._ended = False
                self._tell(f"the drums come back in on bar {self._bar(sched.boundary)}")
        if self._said_bpm is not None and abs(self.clock.bpm / self._said_bpm - 1) >= TEMPO_SAID:
            self._said_bpm = self.clock.bpm
            self._tell(f"following you at {self.clock.bpm:.0f} BPM")
        if holding:
            self._held = self._held or self.session.loop_at(beat) is not None
        else:
            self._send_due(self._last_beat, beat)
        self._last_beat = beat
        if self.record is not None:
            self.record.add_tempo(beat, self.session.bpm)  # (the held tempo: drumify of it draws as live did)

    def _bar(self, beat: float) -> int:
        """The bar (from 1 at the session's origin, as --fill-every counts) opening at the first bar line from `beat`."""
        return int(np.ceil((beat - self.session.origin) / self.session.beats_per_bar - 1e-6)) + 1

    def cue_section(self) -> int | None:
        """The player's next section cued (a key, a pedal: from any thread): the drums fill into it and crash on its 1
        (LiveSession.cue_section). The bar it starts on (counted as --fill-every counts), said; None, said, before the
        drums play (their bar 1 is still the player's first note to come, or being read)."""
        if not (self.clock.running and self.session.running) or self._counts_in() or self._listen is not None \
                or getattr(self.clock, "opening", None) is not None:
            self._tell("no section cued: the drums are not in yet (cue the next section once they play)")
            return None
        bar = self._bar(self.session.cue_section())
        self._tell(f"next section on bar {bar}: the drums fill into it")
        return bar

    def _cued(self, msg, now: float | None = None) -> bool:
        """Whether `msg` (at `now`, seconds) is the section cue's (cue_cc, cue_note on cue_channel), the cue taken on a
        press: the controller reaching 64 from below it (or its press value again after CUE_REPEAT_S: a pedal that
        sends no release), the pad's note-on. Its other messages (a release, a note-off) are the cue's too: none is
        played along with. On another channel the pitch is a note played (a bassist's low C under a pad's)."""
        if self.cue_channel is not None and getattr(msg, "channel", None) != self.cue_channel - 1:
            return False
        if msg.type == "control_change" and msg.control == self.cue_cc:
            now = self.now() if now is None else now
            last, self._cue_value = self._cue_value, (msg.value, now)
            if msg.value >= 64 and (last is None or last[0] < 64 or last[0] == msg.value
                                    and now - last[1] >= CUE_REPEAT_S):
                self.cue_section()
            return True
        if msg.type in ("note_on", "note_off") and msg.note == self.cue_note:
            if msg.type == "note_on" and msg.velocity > 0:
                self.cue_section()
            return True
        return False

    def _tell(self, line: str) -> None:
        if self.say is not None:
            self.say(line)

    def retempo(self, bpm: float) -> None:
        """The tempo set changes while playing (from any thread): the internal clock runs on at `bpm` from where it
        is at the next step. Following MIDI clock, the master sets the tempo and this does nothing."""
        self.session.want_tempo(check_bpm(bpm))

    def _take_tempo(self, now: float) -> None:
        wanted = getattr(self.session, "tempo_wanted", None)
        if wanted is None or wanted[0] == self._tempo_taken:
            return
        self._tempo_taken = wanted[0]
        if hasattr(self.clock, "retempo"):
            self.clock.retempo(wanted[1], now)

    def _handle(self, msg, now: float) -> None:
        if self._cued(msg, now):
            return
        change = self.clock.handle(msg, now)
        if change in ("start", "continue", "locate"):
            if self.clock.running:  # mid-song (past the song's first bar) the drums come in with no crash of their own
                if change == "locate":  # (the song position moved while playing: the drums play on)
                    self.stats.located(self._last_beat, self.session.origin, self.session.beats_per_bar)
                join_at(self.session, self.clock.beat(now))
                self._restart(self.clock.beat(now))
        elif change == "stop":
            self.session.stop()
            self.all_notes_off()
            if self.record is not None:
                self.record.release_all_input(self.clock.beat(now))
                self.record.cut_drums(self.clock.beat(now), STOP_CUT_S * self.clock.bpm / 60.0)
        if msg.type == "note_off" or msg.type == "note_on" and msg.velocity == 0:
            if self.clock.running:  # how long a bass note rang: a trap 808's sustain (live_bass.py)
                self.session.release(self.clock.beat(now), msg.note, msg.channel)
            opening = getattr(self.clock, "opening", None) or (self._listen and self._listen[0])
            if opening is not None:  # a note let go before the drums: how long it rang (live_off_beat_start.py)
                opening.released.append((now, msg.note))
            if self.record is not None:
                self.record.release_input(self.clock.beat(now), msg.channel, msg.note)
        if self.record is not None and msg.type in KEPT_CONTROLS and self.clock.running:
            self.record.add_control(self.clock.beat(now), msg)
        self.stats.unclocked += msg.type == "note_on" and msg.velocity > 0 and not self.clock.running
        if msg.type == "note_on" and msg.velocity > 0 and self.clock.running:
            if self._counts_in() and self.stats.input_notes and self.session.idle_pattern is not None:
                # back over the idle pattern: it plays on while their first notes tell where their bar 1 is
                self._listen, self._heard = (self._opening(), []), []
            elif self._counts_in():
                # the player's first note is the downbeat (the drums are silent till then); back after they stopped,
                # a bar line of the bars counted so far (live_back.py)
                self._back = self.stats.input_notes > 0
                down = self._bar_line(self.clock.beat(now)) if self._back else 0.0
                self.clock.anchor(now, down)
                self._restart(down)
                if isinstance(self.clock, InternalClock):  # until the drums come in, their notes may move it (a pickup)
                    self.clock.opening, self._heard = self._opening(), []
            if self._said_bpm is None and getattr(self.clock, "player_led", False) and self.clock.opening is None:
                self._said_bpm = self.clock.bpm  # over an idle pattern: a tempo the drums then follow is said too
            played = self.clock.beat(now)
            # a rolled chord's later notes: its first note's onset; a grace note's step taken back for its note's
            at, beat, own, grace = self._rolls.onset(now, played, msg.note, msg.velocity, self.clock.bpm,
                                                      msg.channel)
            if grace is not None and hasattr(self.clock, "take_back"):  # the clock as if the grace note never came
                self.clock.take_back(grace, now)
            if own and hasattr(self.clock, "heard"):  # the internal clock follows the player's tempo
                self.clock.heard(beat, now, msg.velocity)
            if grace is not None:
                self.session.unfeed()
                if self._heard and self._heard[-1][-1] == grace:  # nor laid again with the opening's notes, nor read
                    self._heard[-1] = (self._heard[-1][0], 0, *self._heard[-1][2:])
                    if getattr(self.clock, "opening", None) is not None:  # (none once the drums are in)
                        self.clock.opening.take_back(grace)
                    if self._listen is not None:
                        self._listen[0].take_back(grace)
                        self._listen[1][:] = [tb for tb in self._listen[1] if tb[0] != grace]
            self.session.note(msg.note, msg.channel)  # for the bass buffer, as drumify reads the low register
            self.session.feed(beat, msg.velocity, drum=msg.channel == DRUM_CHANNEL)
            self._band = msg.channel != DRUM_CHANNEL
            self.stats.input_notes += 1
            if self.record is not None:  # the take keeps each note as played
                self.record.add_input(played, msg.channel, msg.note, msg.velocity)
            if getattr(self.clock, "opening", None) is not None or self._listen is not None:
                (self.clock.opening or self._listen[0]).notes.append((at, msg.note, msg.velocity))
                self._heard.append((at, msg.velocity, msg.channel == DRUM_CHANNEL, msg.note, msg.channel,
                                    None if self.record is None else len(self.record.input_notes) - 1, now))
                if self._listen is not None:
                    self._listen[1].append((at, beat))
                    self._hear_back(now)
                else:
                    self._place(now)

    def _hear_back(self, now: float) -> None:
        """Back over the idle pattern, heard enough: where the player's bar 1 is off the idle pattern's bars, the
        clock's bars are theirs (a bar line of the bars counted so far) and the drums come in on their next bar line
        (the idle pattern stops there: it was 1.5 beats off them); on them, the idle pattern plays on."""
        opening, beats = self._listen
        if not opening.heard_enough():
            return
        self._listen = None
        got = off_the_idle_bars(opening, beats, now, self.session.origin, self.session.beats_per_bar)
        if got is None:
            return
        self._back = True
        self.clock.anchor(got[0], self._bar_line(got[1]))
        self.clock.opening = opening
        self.clock.place(now)  # bar 1 and the tempo as read
        self._relay(now)

    def _place(self, now: float) -> None:
        """The opening read again (Opening): where bar 1 and the tempo moved, what was heard is laid again on the
        new beats (the drums are silent till the first bar line, nothing played is taken back)."""
        self._placed_at = now
        if self.clock.place(now):
            self._relay(now)

    def _relay(self, now: float) -> None:
        """The session restarted where the clock is now, what was heard before the drums laid on its beats."""
        beat = self.clock.beat(now)
        self.session.clear()
        self._release()
        self.session.start(beat)
        self._rolls.rebeat(self.clock.beat)
        self._last_beat = self._from_grid = self.session.now
        for t, velocity, drum, pitch, channel, *_ in self._heard:
            self.session.note(pitch, channel)
            self.session.feed(self.clock.beat(t), velocity, drum=drum)
        self._from_grid = from_the_line(self.session, self.clock, beat, self._from_grid)  # in on a line just passed
        rec = self.record
        if rec is not None and self._heard:  # the take's notes on the new beats too (its tempo from here on)
            lowest = self.clock.beat(self._heard[0][-1]) + rec.shift
            if lowest < 0:  # a pickup: the take opens with the bar it ends, as a score writes it
                rec.shift += float(np.ceil(-lowest / self.session.beats_per_bar - 1e-9)) * self.session.beats_per_bar
                lowest = self.clock.beat(self._heard[0][-1]) + rec.shift
            for *_, i, t in self._heard:
                rec.input_notes[i] = (self.clock.beat(t) + rec.shift, *rec.input_notes[i][1:])
            rec.last_onset = max(rec.input_notes[i][0] for *_, i, _ in self._heard)
            rec.end = max(rec.end, rec.last_onset)
            # the tempos before the player came back stay (before their first notes: only the clock's, not theirs)
            rec.tempos[:] = [t for t in rec.tempos if t[0] < lowest - 1e-9] if self._back else []

    def _opening(self) -> Opening:
        """An Opening for the player's first notes: around the tempo set, in the session's bar (live_opening.py)."""
        return Opening(self.clock.set_bpm, self._reggae(), self.session.beats_per_bar,
                       getattr(self.session, "time_signature", None))

    def _reggae(self) -> bool:
        """Reggae leads the genre mix asked (as its one drop is played): the opening hears a skank as the 'and's."""
        settings = getattr(self.session, "settings", None)
        return settings is not None and settings.genre_weights()[REGGAE] >= LEADS

    def _counts_in(self) -> bool:
        """The next note sets the internal clock's downbeat: the player's first (nothing played yet, and no idle
        pattern they could have followed), or their first back after they stopped (the drums ended, or went back to
        the idle pattern): as a drummer, the drums wait for their first bar and come in on its 1, not the old one."""
        if not (getattr(self.clock, "player_led", False) and self.session.running):
            return False
        return (self.stats.input_notes == 0 and self.session.idle_pattern is None
                or getattr(self.session, "player_left", False))

    def _bar_line(self, beat: float) -> float:
        return back_bar_line(beat, self.session.origin, self.session.beats_per_bar)

    def _send_due(self, lo: float, hi: float) -> None:
        """Send drum notes with onsets in (lo, hi] (after a restart, also the early ones of the 16th
        it starts on), and note-offs due by hi."""
        # Each note is forgotten only once its note-off is out: a Ctrl-C between two sends leaves the
        # rest for all_notes_off, not hanging.
        for due in [d for d in self._pending_off if d[0] <= hi]:
            self._send(mido.Message("note_off", channel=DRUM_CHANNEL, note=due[1], velocity=0))
            self._pending_off.remove(due)
        from_grid, self._from_grid = self._from_grid, None
        half = 0.5 / STEPS_PER_BEAT
        first = int(np.floor((lo - half) * STEPS_PER_BEAT))
        last = int(np.ceil((hi + half) * STEPS_PER_BEAT))
        for g in range(first, last + 1):
            grid = g / STEPS_PER_BEAT
            sched = self.session.loop_at(grid)
            if sched is None:
                continue
            catch_up = from_grid is not None and grid >= from_grid - 1e-9
            s = int(round((grid - sched.window_start) * STEPS_PER_BEAT)) % STEPS
            hits = np.flatnonzero(sched.loop[s, :N_VOICES] > 0)
            if len(hits) and (self._pitches[0] is not sched or self._pitches[1] is not self.drum_map):
                # each loop's pitches once (a fill's snare on the head: the whole loop decides), not each note's
                self._pitches = (sched, self.drum_map, self.drum_map.pitches(sched.loop[:, :N_VOICES] > 0))
            for v in hits:
                onset = grid + float(sched.loop[s, 2 * N_VOICES + v]) / STEPS_PER_BEAT
                if (lo < onset or catch_up) and onset <= hi:
                    pitch = int(self._pitches[2][s, v])
                    vel = max(1, min(127, int(round(float(sched.loop[s, N_VOICES + v]) * 127))))
                    self._pending_off.append((max(onset, lo) + NOTE_BEATS, pitch))  # before it sounds: never unreleased
                    self._send(mido.Message("note_on", channel=DRUM_CHANNEL, note=pitch, velocity=vel))
                    self._echoes.sent(self._sent_at, pitch, vel)
                    self.stats.sent += 1
                    bars = (max(onset, lo) - self.session.origin) / self.session.beats_per_bar
                    self.stats.drum_in(float(np.floor(bars + 1e-6)))  # the bars the drums sounded in, said at the end
                    if self.record is not None:
                        self.record.add_drum(max(onset, lo), pitch, vel)

    def _send(self, msg) -> None:
        """Send on the output port; a port that fails (unplugged, its synth quit) is a PortError, said once."""
        if self._out_failed:
            return
        try:
            self.outport.send(msg)
        except Exception as exc:  # noqa: BLE001 - rtmidi's errors (SystemError, ...) for a port that went away
            self._out_failed = True
            raise PortError(f"MIDI output port '{_port_name(self.outport)}' stopped taking notes ({_detail(exc)}): "
                            "is it still connected?") from None

    def _release(self) -> None:
        """Note-offs for every drum note still sounding, each forgotten once sent."""
        while self._pending_off:
            self._send(mido.Message("note_off", channel=DRUM_CHANNEL, note=self._pending_off[-1][1], velocity=0))
            self._pending_off.pop()

    def all_notes_off(self) -> None:
        """Every drum note released and all-notes-off; on an output port that has failed, nothing (it is gone)."""
        if self._out_failed:
            self._pending_off.clear()
            return
        self._release()
        self._send(mido.Message("control_change", channel=DRUM_CHANNEL, control=123, value=0))

    def run(self, *, poll: float = 0.001, duration: float | None = None) -> None:
        """Play until Ctrl-C (or `duration` seconds), then release every note."""
        try:  # Ctrl-C while the first loop is made stops the play the same way
            self.start()
            t_end = None if duration is None else self.now() + duration
            while t_end is None or self.now() < t_end:
                self.step()
                time.sleep(poll)
        except KeyboardInterrupt:
            pass
        finally:
            self.all_notes_off()


def _port_name(port) -> str:
    return getattr(port, "name", None) or "?"


def _detail(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0] or type(exc).__name__


def open_live_player(session: LiveSession, in_name: str, out_name: str, bpm: float, *, clock_in: bool = False,
                     drum_map: DrumMap = GM_DRUM_MAP, record: Recording | None = None,
                     opener: Callable[[str, str], object] | None = None, cue_cc: int | None = None,
                     cue_note: int | None = None, cue_channel: int | None = None) -> LivePlayer:
    """The live rig, assembled in one place: the tempo checked, both ports opened (the input closed
    again if the output fails), the clock (MIDI clock in, or internal at `bpm`) and the player. `cue_cc`, `cue_note`:
    the controller or pad pitch that cues the next section (LivePlayer.cue_section), on MIDI channel `cue_channel`
    (1-16; None: any), checked before a port opens.

    The caller closes `player.inport` and `player.outport` when done (`close_live_player`)."""
    check_bpm(bpm)
    for option, number, what in (("--cue-cc", cue_cc, "a controller number"), ("--cue-note", cue_note, "a pitch")):
        if number is not None and not (isinstance(number, int) and 0 <= number <= 127):
            raise ReaGrooveError(f"{option} must be {what} from 0 to 127, got {number}")
    if cue_channel is not None and not (isinstance(cue_channel, int) and 1 <= cue_channel <= 16):
        raise ReaGrooveError(f"--cue-channel must be a MIDI channel from 1 to 16, got {cue_channel}")
    if cue_channel is not None and cue_cc is None and cue_note is None:
        raise ReaGrooveError("--cue-channel is the channel of --cue-cc or --cue-note: give one of them")
    opener = opener or open_port
    inport = opener(in_name, "input")
    try:
        outport = opener(out_name, "output")
    except BaseException:
        inport.close()
        raise
    clock = MidiClockFollower(bpm) if clock_in else InternalClock(bpm, player_led=True)
    return LivePlayer(session, inport, outport, clock, drum_map=drum_map, record=record, cue_cc=cue_cc,
                      cue_note=cue_note, cue_channel=cue_channel)


def close_live_player(player: LivePlayer) -> None:
    """Silence the drums and close both ports."""
    try:
        player.all_notes_off()
    finally:
        for port in (player.inport, player.outport):
            with contextlib.suppress(Exception):  # a port unplugged mid-session may fail to close too: it is gone
                port.close()
