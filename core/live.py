"""Live sessions: drums that evolve with a performance.

Input note-ons arrive timestamped in beats (from MIDI ports, REAPER or a
script). They are folded into an overdub buffer covering one 2-bar loop, where
older input fades: each bar, every step keeps `memory` of its strength (with
`adaptive` memory, a dense bar forgets faster). Shortly before each bar (or
beat) boundary the session turns the buffer into a groove and generates the
loop that plays from that boundary, so the loop is ready before it is due.

Each loop is played as one take with the grooves of the last few
(`LIVE_TAKE`): one drummer settles into a groove rather than changing the
beat with every bar of input; and as drumify plays a part (live_part.py): a half-time shuffle swung on its bars, the
kick against the bass's attacks (a trap 808's held notes, where a port's note-offs tell them). A made groove's
loop is made with the session (live_part.warm_up), so the take's first loop pays no one-off cost.

In meters other than 4/4 the loop windows are drumify's: whole bars within 8
beats from the origin (two bars of 3/4 or 6/8), the input laid into the
model's 4/4 frame and its loops onto the bars (meter.py), so each bar starts
on the kick in its own pulse instead of a 4/4 beat running across the bars.
In the half-time feel (`feel` "half") its 4/4 bars are laid so too, as drumify's (live_bars.py): the kick
on each bar's 1, the backbeat on its 3; a new feel is heard from the next bar line.

Phrases are drumify's (phrases.py, bars counted from bar 1 at the session's
origin, in its meter: a 6/8 fill takes dotted quarters as drumify's does):
`fill_every` and `fill_bars` end phrases in fills and open the next with a
crash, every one of them even where two fall in one loop; the drums coming in
(their first loop after silence) open with a crash unless `opening_crash` is
off; nowhere else is there a crash.

A player who rests (nothing for a bar) gets the take the drums had, with
its phrases; with no input left in the buffer the session keeps the last loop (without
its fill or crash: they belong to their bars) or plays an idle pattern
rather than falling silent. Back from a break, the bar of the window not yet
played again holds what was played there before it; at the start, the bars before
the player's first whole bar (silence, a pickup) hold that bar, and loops made
every beat bring the drums in (or take over from the idle pattern) on a bar line. A player silent for
`stop_after` whole bars has stopped: the drums end with a hit on the next bar line (live_cues.py). Transport
stop, start and jumps only move the schedule; the buffer remembers what was played.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from .constants import DRUM_CHANNEL
from .engine import Engine
from .hand_speed import ONE_HAND_BPM, at_tempo, longest_run
from .live_bars import bar_lines, fill_begun, window_bars
from .live_bass import FORGOTTEN, LowRegister, buffer_groove, step_beat, takes_step
from .live_clave import LiveClave
from .live_cues import ending_loop, player_stopped
from .live_landings import LiveLandings
from .live_part import LIVE_TAKE, input_loop, warm_up
from .live_refill import first_bar_held, refill
from .live_section_cue import SectionCue, session_phrase
from .live_sections import PartChange
from .loop import HVO_WIDTH, N_VOICES, STEPS, STEPS_PER_BEAT
from .meter import bar_quarters, loops_to_bars, time_signature
from .settings import Settings

DRUM_PART_NOTES = 16  # a performance is a drum part while this many last notes all came on channel 10
STATS_KEPT = 4096  # generation times kept (the latest): hours of play at one loop a beat stay a few kB


@dataclass
class ScheduledLoop:
    """A loop and the boundary (in beats) from which it plays."""

    boundary: float
    loop: np.ndarray  # (32, 27); step 0 is at the start of the 2-bar window holding the boundary
    window_start: float
    generated_at: float  # the beat at which it was generated
    seconds: float  # time the generation took
    groove: np.ndarray  # (32, 3) the input heard, on the loop's grid (in 4/4, what the model was given)
    ending: float | None = None  # the beat of the drums' last hit, where the player has stopped (live_cues.py)
    bass: np.ndarray | None = None  # (32, 3) the input's low register heard (live_bass.py), None: none known
    fill_at: np.ndarray | None = None  # (32,) the fill steps it was made with (live_bars.fill_begun), None: none


@dataclass
class LiveStats:
    generated: int = 0
    kept: int = 0  # boundaries where the last loop was kept (no input)
    seconds: list[float] = field(default_factory=list)


class LiveSession:
    """Overdub buffer + regeneration schedule around an Engine.

    beats_per_bar: bar length in quarter notes (4 for 4/4, 3 for 3/4, 3.5 for 7/8), or the time signature
    ((6, 8): its beats are dotted quarters, where a 6/8 fill takes its last beat or half bar).
    regenerate: "bar" or "beat". lookahead: beats before a boundary at which
    its loop is generated. memory: 0..1, the share of strength a buffered hit
    keeps per bar. idle_pattern: a pattern name to play once the buffer is
    empty (None = keep the last loop). stop_after: whole bars with nothing played after which the drums
    end (live_cues.py; with an idle pattern: go back to it); None: they play on.
    """

    def __init__(
        self,
        engine: Engine,
        settings: Settings | None = None,
        *,
        beats_per_bar: float | tuple[int, int] = 4.0,
        regenerate: str = "bar",
        lookahead: float = 0.25,
        memory: float = 0.6,
        adaptive: bool = True,
        idle_pattern: str | None = None,
        stop_after: int | None = None,
    ):
        if regenerate not in ("bar", "beat"):
            raise ValueError("regenerate must be 'bar' or 'beat'")
        if not 0.0 <= memory <= 1.0:
            raise ValueError(f"memory must be from 0 to 1, got {memory}")
        if not 0.0 < lookahead < 1.0:
            raise ValueError("lookahead must be between 0 and 1 beat")
        if stop_after is not None and (isinstance(stop_after, bool) or not isinstance(stop_after, int) or stop_after < 1):
            raise ValueError(f"stop_after must be a whole number of bars from 1, got {stop_after!r}")
        self.engine = engine
        warm = getattr(engine.model, "warm", None)
        if warm is not None:  # no model loading in the middle of a bar later (e.g. the drum-part network)
            warm()
        self.settings = settings or Settings()
        self.time_signature = time_signature(beats_per_bar)
        self.beats_per_bar = bar_quarters(beats_per_bar)
        self.window_bars = window_bars(self.time_signature, self.settings.feel)
        self.regenerate = regenerate
        self.lookahead = lookahead
        self.memory = memory
        self.adaptive = adaptive
        self.idle_pattern = idle_pattern
        self.stop_after = stop_after
        self.ended = False  # the drums ended (the player stopped): silent until the player plays again
        self.player_left = False  # the player stopped (stop_after): their next note is a new start, on their bar 1
        self.origin = 0.0  # beat at which loop windows are counted from
        self.strength = np.zeros(STEPS, np.float32)
        self.velocity = np.zeros(STEPS, np.float32)
        self.offset = np.zeros(STEPS, np.float32)
        self._laid = np.full(STEPS, -np.inf)  # the beat each step was last played at
        self._unlaid: tuple | None = None  # (step, velocity, offset, strength, laid) before the last note laid
        self._low = LowRegister()  # the notes heard with their pitches: the bass buffer, as drumify reads a file's
        self.current: ScheduledLoop | None = None
        self.upcoming: list[ScheduledLoop] = []
        self.stats = LiveStats()
        self.running = False
        self.now = 0.0
        # Bar lines fade what was played: those after `_faded` are still to be faded for (None before start).
        # `_meters`: (origin, quarters a bar) of each meter in force from its origin on, oldest first, so that
        # bar lines are counted in the meter they fall in (the old one up to a change the look-ahead met).
        self._faded: float | None = None
        self._meters: list[tuple[float, float]] = [(self.origin, self.beats_per_bar)]
        self._bar_hits = 0
        self._last_fade = 1.0  # the share of strength the last bar line's fade kept
        self._next_boundary = 0.0
        self._pending_settings: Settings | None = None
        self._at_bar_line: Settings | None = None  # settings with a new feel, waiting for the bar line (beat loops)
        self._settings_lock = threading.Lock()  # a panel's UI thread hands settings to the player's thread
        self.tempo_wanted: tuple[int, float] | None = None  # (request number, BPM): want_tempo, for the player
        self.bpm: float | None = None  # the tempo playing (the player sets it): a hand's 16ths at it (core/hand_speed)
        self._recent_drum: deque[bool] = deque(maxlen=DRUM_PART_NOTES)
        self.drum_map = None  # the pads' pitches, read as a kit (live_kit.py): GM's where None; a player sets its own
        self._last_fed = -np.inf  # the beat of the last note played (a bar before a boundary with none: quiet)
        self._was_quiet = False  # the last loop was made while the player rested
        self._back_from: float | None = None  # the first boundary after the player came back
        self._entered: float | None = None  # the beat of the session's first note (None: nothing played yet)
        self._settled = False  # two bars are in since then (or the transport jumped): the start is over
        # One drummer keeps a groove: each loop is generated as one take with the grooves of the last
        # few (tempering.one_take), so the drums settle into the performance instead of jumping with every bar.
        self._take: deque[np.ndarray] = deque(maxlen=LIVE_TAKE)
        self._take_drum_part = False
        # a drum part's take: each window's kit by its place in the take and its groove (live_kit.py)
        self._kits: dict[tuple[int, bytes], np.ndarray] = {}
        self._landings = LiveLandings()  # how the fills heard landed: the next lands unlike them, as drumify's
        self._part = PartChange()  # a new feel, level or part: a new take (live_sections.py)
        self._clave = LiveClave()  # latin's clave, heard once and kept (live_clave.py)
        self._plain: np.ndarray | None = None  # the last loop from input without its fill or crash
        self._idle: tuple | None = None  # the idle pattern's loop: (its groove's bytes, settings, bars, hand speed, loop)
        self._plain_grooves: np.ndarray | None = None  # the grooves it is made from (if silence comes, or a new feel)
        self._opening: float | None = None  # the bar line where the drums came in (its crash)
        self._cue = SectionCue()  # a section cued: a fill in the bar before it, a crash on its 1 (live_section_cue.py)
        # A seed's take at the default temperature (takes.draws_take): (settings, drum_part, seed, temperature,
        # loops judged), the draw takes.draw_take kept. While the take forms (the first LIVE_TAKE + 1 loops
        # under these settings) each loop is judged against seed 0's again, the draw kept so far tried
        # first; after that every loop plays the draw in one model call, as seed 0's do, and the take
        # keeps one character.
        self._draw: tuple | None = None
        warm_up(self)  # the first loop's one-off costs paid now, not in the look-ahead of the take's first loop

    @property
    def drum_part(self) -> bool:
        """The performance is a drum part (the last notes all came on the drum channel): the model's
        drum-part network plays along (groove.is_drum_part, for files)."""
        return bool(self._recent_drum) and all(self._recent_drum)

    # ------------------------------------------------------------ transport

    def start(self, beat: float = 0.0) -> None:
        """Start (or continue) at `beat`; the first loop is generated at once."""
        self.running = True
        self.locate(beat)

    def stop(self) -> None:
        self.running = False
        self.upcoming.clear()
        self._cue.forget()  # a section cued was this play's (the next starts anywhere)

    def locate(self, beat: float) -> None:
        """A jump of the play position (loop back, seek): reschedule from there."""
        self.now = float(beat)
        self.upcoming.clear()
        step = self._step_len()
        boundary = self.origin + np.floor((beat - self.origin) / step + 1e-9) * step
        self._faded = self.now  # bar lines are counted from here (a jump crosses none)
        self._part = PartChange()  # the bars heard before the jump are not the ones before this point
        # after a jump the buffer's steps were not played in the order of the clock: the start is over
        self._settled = self._settled or self._entered is not None
        self.current = self._generate(boundary, beat)
        self._next_boundary = boundary + step

    def set_meter(self, beats_per_bar: float | tuple[int, int], at_beat: float | None = None) -> None:
        """A time-signature change (quarter notes a bar, or (numerator, denominator)): bars (and loop
        windows) count from `at_beat`."""
        self.time_signature = time_signature(beats_per_bar)
        self.beats_per_bar = bar_quarters(beats_per_bar)
        self.window_bars = window_bars(self.time_signature, self.settings.feel)
        if at_beat is None:  # the bars of the meter in force change length, still counted from its origin
            self._meters[-1] = (self.origin, self.beats_per_bar)
        else:
            self.origin = float(at_beat)
            # the meter in force up to `at_beat` stays for the bar lines before it (a change the look-ahead met)
            kept = [m for m in self._meters if m[0] < self.origin - 1e-9]
            self._meters = [*kept[-15:], (self.origin, self.beats_per_bar)]
            if self.running and at_beat >= self.now - 1e-9:  # the new meter's first bar gets its own loop
                self._next_boundary = float(at_beat)
                self.upcoming = [u for u in self.upcoming if u.boundary < at_beat - 1e-9]
        self._take.clear()  # a new meter is a new take (as a new section is in drumify)
        self._clave.forget()  # (its bars counted from the new origin)

    def update_settings(self, settings: Settings) -> None:
        """New settings take effect at the next boundary (safe from another thread: the latest one wins)."""
        with self._settings_lock:
            self._pending_settings = settings

    def want_tempo(self, bpm: float) -> None:
        """The tempo set changed while playing (the panel's Tempo box): the player applies it at its next step."""
        self.tempo_wanted = ((self.tempo_wanted or (0,))[0] + 1, float(bpm))  # numbered: none taken twice

    def cue_section(self, at: float | None = None) -> float:
        """The player's next section cued (from any thread): the drums fill into the first bar line whose bar before
        is still to be made and crash on it; its beat is returned (live_section_cue.SectionCue). `at`: the bar line
        (beats) a section is known to start on (a project marker's), cued as it is."""
        return self._cue.cue(self) if at is None else self._cue.cue_at(at)

    def clear(self) -> None:
        """Forget all buffered input, and the loops made from it (held back unheard: kept, they played mid-bar)."""
        self.current = None
        self.upcoming.clear()
        self._recent_drum.clear()
        self._forget()

    def _forget(self) -> None:
        """Forget what was played (the buffer, the take, the loops kept from it): the next note is a start."""
        self._plain, self._plain_grooves = None, None
        self._was_quiet, self._back_from = False, None
        self.strength[:] = 0
        self.velocity[:] = 0
        self.offset[:] = 0
        self._laid[:] = -np.inf
        self._unlaid = None
        self._low.clear()
        self._take.clear()
        self._landings.forget()
        self._part = PartChange()
        self._clave.forget()
        self._cue.forget()
        self._entered, self._settled = None, False

    # ------------------------------------------------------------ input

    def feed(self, beat: float, velocity: int, drum: bool = False, pitch=None, channel=None) -> None:
        """A note-on of the performance at `beat` (project position in quarter notes); drum: it came on the drum
        channel (MIDI channel 10). pitch, channel (0-15): its note, for the bass buffer (live_bass.py); or `note`'s."""
        if velocity <= 0:
            return
        drum = drum or channel == DRUM_CHANNEL  # (a note told on channel 10 is a drum's)
        self._recent_drum.append(bool(drum))
        self._last_fed, self.ended, self.player_left = float(beat), False, False
        if self._entered is None and not self._settled:
            self._entered = float(beat)
        self._decay_to(step_beat(beat, self.origin))  # (a note a hair early: after its bar line's fade)
        self._lay(beat, velocity, pitch, channel, drum)
        self._bar_hits += 1

    def note(self, pitch: int, channel: int) -> None:
        """The pitch and channel of the next note fed without one (livemidi.py; a wrapped `feed` works as before)."""
        self._low.coming = (int(pitch), int(channel))

    def release(self, beat: float, pitch: int, channel: int) -> None:
        """A note-off at `beat`: how long the bass notes ring tells a trap 808's sustain (live_bass.LowRegister)."""
        self._low.release(beat, pitch, channel)

    def recall(self, notes) -> None:
        """(beat, velocity[, pitch, channel]) of notes played earlier on the bars about to play again (a loop's
        previous pass, the transport jumping back to its start): they count again as just played, on the steps of
        their beats in the meter now in force. Nothing fades, and they do not make the bar being played any busier."""
        for beat, velocity, *note in notes:
            if velocity > 0:
                self._lay(float(beat), velocity, *note)

    def last_played_at(self, beat: float) -> None:
        """The player's last note is taken as played at `beat`: REAPER's loop playback puts it on the pass now
        coming round, so a player who stopped is heard as stopped there (the quiet bars keep the groove)."""
        self._last_fed = float(beat)

    def _lay(self, beat: float, velocity: int, pitch=None, channel=None, drum: bool = False) -> None:
        pos = (beat - self.origin) * STEPS_PER_BEAT
        snapped = np.floor(pos + 0.5)
        s = int(snapped) % self._window_steps()
        off = float(pos - snapped)
        v = min(int(velocity), 127) / 127.0
        self._unlaid = (s, self.velocity[s], self.offset[s], self.strength[s], self._laid[s])
        if takes_step(self.strength[s], v, self.velocity[s]):
            self.velocity[s] = v
            self.offset[s] = off
        self.strength[s] = 1.0
        self._laid[s] = beat
        self._low.lay(s, off, v, beat, pitch, channel, drum)

    def unfeed(self) -> None:
        """The note just fed was a grace note of the one after it (live_rolls.py): its step goes back as it was."""
        if self._unlaid is not None:
            s, self.velocity[s], self.offset[s], self.strength[s], self._laid[s] = self._unlaid
            self._unlaid = None
            self._bar_hits = max(0, self._bar_hits - 1)  # (0: a bar line faded the bar it was counted in)
            self._low.unlay()

    def groove(self, at: float | None = None) -> np.ndarray:
        """The buffer as a (32, 3) groove; at: a loop made every beat plays from there (live_bass.buffer_groove)."""
        return buffer_groove(self, self.strength, self.velocity, self.offset, self._laid, at)

    def bass_groove(self, at: float | None = None) -> np.ndarray:
        """The bass buffer (live_bass.py) read as `groove`; all zeros where no note heard is bass (as Windows.bass)."""
        low = self._low.buffer(len(self.strength))
        return np.zeros((STEPS, 3), np.float32) if low is None else buffer_groove(self, *low, at)

    def bass_ringing(self) -> np.ndarray | None:
        """(32,) bool: the steps of the bass buffer read last (`bass_groove`) its notes rang over, struck before
        (live_bass.LowRegister.ringing); None where no note's end was told."""
        return self._low.ringing(self.now, self._window_steps())

    # ------------------------------------------------------------ clock

    def advance(self, beat: float) -> list[ScheduledLoop]:
        """The clock reached `beat`: generate every loop now due (look-ahead included).

        Returns the loops generated; `loop_at(beat)` gives the one playing.
        """
        if not self.running:
            return []
        if beat < self.now - 1e-9:  # the clock went backwards: a loop jump
            self.locate(beat)
            return [self.current]
        self.now = beat
        made = []
        while beat >= self._next_boundary - self.lookahead:
            # Fade for the bar lines the clock has crossed, not for the one ahead: the loop made now
            # plays over the half of the buffer filled two bars ago, which must still count.
            self._decay_to(min(beat, self._next_boundary - 1e-6))
            made.append(self._generate(self._next_boundary, beat))
            self.upcoming.append(made[-1])
            self._next_boundary += self._step_len()
        self._decay_to(beat)
        while self.upcoming and self.upcoming[0].boundary <= beat + 1e-9:
            self.current = self.upcoming.pop(0)
        return made

    def loop_at(self, beat: float) -> ScheduledLoop | None:
        """The loop playing at `beat` (before it: the current one)."""
        for sched in reversed(self.upcoming):
            if sched.boundary <= beat + 1e-9:
                return sched
        return self.current

    # ------------------------------------------------------------ bars and fades (a host's loop: reaper_ext/live_follow.py)

    def window_span(self) -> float:
        """Beats of one loop window (8, or its whole bars: 6 in 3/4 and 6/8); the buffer holds one."""
        return self._window_steps() / STEPS_PER_BEAT

    def bar_lines(self, start: float, end: float) -> int:
        """The bar lines in (start, end], each counted in the meter in force where it falls."""
        return bar_lines(self._meters, start, end)

    def unfaded_lines(self, until: float) -> int:
        """The bar lines up to `until` that what was played has not yet faded for (0 before the start)."""
        return 0 if self._faded is None else self.bar_lines(self._faded, until)

    def fade(self, bars: int = 1) -> None:
        """What was played fades by `memory` as for `bars` bar lines (a loop's end, where the transport jumps
        back before the clock crosses it); the bar lines still to come are counted as before."""
        if bars <= 0:
            return
        memory = self.memory
        if self.adaptive:
            # A busy bar (every 16th played) halves what is remembered.
            density = min(1.0, self._bar_hits / (self.beats_per_bar * STEPS_PER_BEAT))
            memory *= 1.0 - 0.5 * density
        self._last_fade = memory ** min(bars, 64)
        self.strength *= self._last_fade
        self._low.fade(self._last_fade)
        self.strength[self.strength < FORGOTTEN] = 0.0
        self._bar_hits = 0

    # ------------------------------------------------------------ what was played, read only (live_sections.py)

    @property
    def laid(self) -> np.ndarray:
        """The beat each step of the buffer was last played at (-inf: not since the start), a read-only view."""
        view = self._laid.view()
        view.flags.writeable = False
        return view

    @property
    def next_boundary(self) -> float:
        """The beat of the next loop to make: the loops of the beats before it are made (a host's cues: later)."""
        return self._next_boundary

    @property
    def entered(self) -> float | None:
        """The beat of the session's first note (None: nothing played yet)."""
        return self._entered

    # ------------------------------------------------------------ internals

    def _window_steps(self) -> int:
        """16th steps of one loop window: 32, or its whole bars (24 in 3/4 and 6/8)."""
        bars = self.window_bars
        return STEPS if bars is None else int(round(len(bars) * self.beats_per_bar * STEPS_PER_BEAT))

    def _step_len(self) -> float:
        return self.beats_per_bar if self.regenerate == "bar" else 1.0

    def _decay_to(self, beat: float) -> None:
        """Fade the buffer by `memory` for each bar line crossed since the last fade."""
        if self._faded is None:
            self._faded = beat
            return
        crossed = self.bar_lines(self._faded, beat)
        if crossed > 0:
            self.fade(crossed)
            self._faded = beat

    def _take_settings(self, on_line: bool) -> None:
        """The settings handed over since the last loop, from this boundary on; a new feel from a bar line only
        (loops made every beat: half time from beat 3 had moved that bar's backbeat), the rest at once."""
        with self._settings_lock:  # taken and cleared in one step: a change made meanwhile is never dropped
            pending, self._pending_settings = self._pending_settings, None
        if pending is None and on_line:
            pending, self._at_bar_line = self._at_bar_line, None
        if pending is None:
            return
        self._at_bar_line = None
        if pending.feel != self.settings.feel and not on_line:
            self._at_bar_line, pending = pending, pending.replace(feel=self.settings.feel)
        if pending.feel != self.settings.feel:  # the window's bars in the new feel; silence's loop made in it
            self.window_bars, self._plain = window_bars(self.time_signature, pending.feel), None
        self.settings = pending

    def _generate(self, boundary: float, now: float) -> ScheduledLoop:
        line = self.origin + np.ceil((boundary - self.origin) / self.beats_per_bar - 1e-9) * self.beats_per_bar
        self._take_settings(line < boundary + 1e-9)
        span = self.window_span()
        window_start = self.origin + np.floor((boundary - self.origin) / span + 1e-9) * span
        # the player has stopped (stop_after bars of silence): the drums end on this loop's bar line
        ending = not self.ended and bool(self._take) and line < boundary + self._step_len() - 1e-9 and \
            player_stopped(self._last_fed, line, self.origin, self.beats_per_bar, self.stop_after)
        if ending:  # what was played is over: the player's next note is a new start (an idle pattern resumes)
            self._forget()
            self.ended, self.player_left = self.idle_pattern is None, True
        t0, fill_at = time.perf_counter(), None
        groove = np.concatenate([self.groove(boundary), self.bass_groove(boundary)], 1)  # (32, 6): with its bass
        # Loops made every beat: the drums come in on a bar line, not on the beat after the player's first note.
        silent = self.current is None or not self.current.loop[:, :N_VOICES].any()
        idling = self._idle is not None and self.current is not None and self.current.loop is self._idle[4]
        coming_in = silent and not self._take
        waiting = (coming_in or idling and not self._take) and line >= boundary + self._step_len() - 1e-9
        if self.ended:
            loop = np.zeros((STEPS, HVO_WIDTH), np.float32)
            if ending:
                step = int(round((line - window_start) * STEPS_PER_BEAT)) % self._window_steps()
                loop = ending_loop(None if self.current is None else self.current.loop, step, self.settings)
        elif groove[:, 0].any() and not waiting:
            # with a pattern the latent point is the pattern's, the same for every loop: no take needed
            pattern = self.settings.pattern_a is not None or self.settings.pattern_b is not None
            if self.drum_part != self._take_drum_part:  # band part to drum pads or back: a new take
                self._take.clear()
                self._take_drum_part = self.drum_part
            # The player has stopped (nothing for a bar): the buffer fades out a bar at a time, the older first,
            # and a loop made from the half left dropped the other bar's kicks (every other bar of the break
            # lost its groove). The drums play on the take they had, with these bars' phrases, until it is gone.
            quiet = bool(self._take) and self._last_fed < boundary - self.lookahead - self.beats_per_bar - 1e-9
            if quiet:
                self._was_quiet, self._back_from = True, None
                grooves = np.stack(self._take)[-1:] if pattern else np.stack(self._take)
            else:
                if self._was_quiet:
                    self._was_quiet, self._back_from = False, boundary
                groove = self._first_bar_twice(groove, now)
                if self._take and self._back_from is not None and boundary < self._back_from + span - 1e-9:
                    # Back after a break: the bar played is in, the other bar of the window had faded out, and a
                    # loop made from one bar dropped the kick from the other. Until the player has refilled it, it
                    # holds what they played there before the break.
                    groove = refill(groove, self._take[-1], self._window_steps(), self.beats_per_bar)
                new, groove = self._part.heard(self, self._take, groove, boundary)
                if new:  # a shuffle after straight 8ths, the band loud after soft, chorus chords after a riff: a new
                    self._take.clear()  # take (the last four grooves had kept the old one four bars more)
                grooves = groove[None] if pattern else np.stack([*self._take, groove])
            if silent:  # the drums come in
                self._opening = line
            phrase = self._phrase(boundary, window_start)
            fill_at = None if phrase is None else phrase[1]
            loop = self._landings.land(self._input_loop(grooves, phrase, window_start), phrase, self.window_bars,
                                       self.settings, self.bpm, window_start)
            if self.regenerate == "beat" and not idling:  # a fill under way plays on as it began (live_bars.py)
                loop = fill_begun(loop, (self.upcoming or [self.current])[-1], phrase, boundary, window_start)
            self._landings.heard(loop, phrase, self.window_bars, window_start)
            # what silence keeps: this loop, or its plain version, made only if silence comes (a decode saved)
            self._plain, self._plain_grooves = (loop if phrase is None else None), grooves
            if not quiet:
                self._take.append(groove)
            if coming_in and line > boundary + 1e-9:  # (a 7/8 bar line between beats) from the bar line on
                loop = loop.copy()
                lo, hi = (int(round((t - window_start) * STEPS_PER_BEAT)) for t in (boundary, line))
                loop[np.arange(lo, hi) % STEPS] = 0
        elif waiting and not idling:  # (the idle pattern plays on to the bar line)
            loop = np.zeros((STEPS, HVO_WIDTH), np.float32)
        elif self.idle_pattern is not None:
            self._was_quiet = True
            idle = self.engine.patterns.get(self.idle_pattern).groove
            settings = self.settings.replace(pattern_a=None)
            # the same pattern under the same settings plays the same loop: made once, not at every bar of
            # silence (a seed's take costs several model calls to draw)
            # (a clock's drift draws nothing again, but across a tempo where a hand's speed changes it does)
            speed = None if self.bpm is None else (longest_run(self.bpm), self.bpm > ONE_HAND_BPM)
            if self._idle is None or self._idle[:4] != (idle.tobytes(), settings, self.window_bars, speed):
                bars = self.window_bars
                loops = self.engine.generate(idle[None], settings, meters=None if bars is None else [bars])
                loops = at_tempo(loops if bars is None else loops_to_bars(loops, bars), self.bpm)[0]
                self._idle = (idle.tobytes(), settings, self.window_bars, speed, loops[0])
            loop = self._idle[4]
        elif self.current is not None:
            self._was_quiet = True
            self.stats.kept += 1
            if self._plain is None and self._plain_grooves is not None:
                self._plain = self._input_loop(self._plain_grooves, None, window_start)
            loop = self._plain if self._plain is not None else self.current.loop
        else:
            loop = np.zeros((STEPS, HVO_WIDTH), np.float32)
        took = time.perf_counter() - t0
        self.stats.generated += 1
        self.stats.seconds.append(took)
        if len(self.stats.seconds) > 2 * STATS_KEPT:  # trimmed in halves: a list still, the panel slices it
            del self.stats.seconds[:-STATS_KEPT]
        return ScheduledLoop(boundary, loop, window_start, now, took, groove[:, :3], line if ending and self.ended
                             else None, groove[:, 3:] if groove[:, 3].any() else None, fill_at)

    def idling(self, sched: ScheduledLoop) -> bool:
        """Whether `sched` plays the idle pattern, not drums for the player's groove."""
        return self._idle is not None and sched.loop is self._idle[4]

    def _first_bar_twice(self, groove: np.ndarray, now: float) -> np.ndarray:
        """At the start of a session: the player's first whole bar held over the steps of the window played before
        it (live_refill.first_bar_held), until two bars are in."""
        n, bar = self._window_steps(), int(round(self.beats_per_bar * STEPS_PER_BEAT))
        if self._entered is None or self._settled or bar <= 0 or n < 2 * bar:
            return groove
        # the step being played is not heard yet (its note comes a hair late, or a host's poll behind)
        held = first_bar_held(groove, int(np.floor((now - self.origin) * STEPS_PER_BEAT - 0.5)),
                              (self._entered - self.origin) * STEPS_PER_BEAT, n, self.beats_per_bar)
        self._settled = held is None
        return groove if held is None else held

    def _phrase(self, boundary: float, window_start: float) -> tuple[np.ndarray, np.ndarray] | None:
        """(crash_at, fill_at) of the loop made at `boundary`, or None (live_section_cue.session_phrase)."""
        return session_phrase(self, boundary, window_start)

    def _input_loop(self, grooves: np.ndarray, phrase: tuple[np.ndarray, np.ndarray] | None,
                    window_start: float) -> np.ndarray:
        """The loop for the last of `grooves` ((n, 32, 6): each beside its bass; the take before it) in the window
        from `window_start`, as drumify plays a part (live_part.input_loop)."""
        window = int(round((window_start - self.origin) / self.window_span()))
        return input_loop(self, grooves, phrase, window=window)
