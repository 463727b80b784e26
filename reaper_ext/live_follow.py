"""Live follow in REAPER: armed input read while REAPER plays, each new loop written ahead of the play
cursor on ReaGroove's drum track (one undo point per take), through the same engine as every action."""

from __future__ import annotations

import numpy as np

from reagroove.core.constants import DRUM_CHANNEL
from reagroove.core.drummap import GM_DRUM_MAP, DrumMap, stored_drum_map
from reagroove.core.engine import Engine
from reagroove.core.live import ScheduledLoop
from reagroove.core.live_entry import JoinedSession, starts_the_song
from reagroove.core.loop import LOOP_BEATS, N_VOICES, STEPS, STEPS_PER_BEAT, Loop
from reagroove.core.midi import tempo_at
from reagroove.core.midi_write import loop_note_events
from reagroove.core.settings import Settings

from .actions import inside_item
from .kit_notes import live_drum_track_line
from .live_entry_drums import drums_play_in_bar
from .live_section_markers import MarkerCues
from .live_take_end import drums_before_take, items_after_stop
from .reaper_names import DRUMS_TRACK_NAME
from .selection_bars import bars_said


# REAPER renders tracks that are not monitored up to ~200 ms ahead of the play cursor, and a
# follower polls every 20-50 ms over a defer tick of ~30 ms: a bar's loop is written at least this
# far ahead of its bar line, so its first hits are in the project before REAPER renders them.
# The budget is in seconds, not beats: a look-ahead of a whole beat at slow tempos (one second at 60 BPM, twice
# what REAPER needs) made the next bar as the bar's last beat began: below 120 BPM the drums ignored a note on
# beat 4 (a pickup, a push into the next bar). At 120 BPM and up half a second is a beat or more: no time to
# wait there (bench_live_lookahead.py: 200 ms to spare at 120 BPM, 60 ms at 200). The floor, one 16th, is only
# met under 30 BPM.
LOOKAHEAD_S = 0.5
RENDER_AHEAD_S = 0.25  # what REAPER may have rendered ahead of the play cursor, with a little to spare
MIN_LOOKAHEAD_BEATS = 0.25


def lookahead_beats(bpm: float, seconds: float = LOOKAHEAD_S, min_beats: float = MIN_LOOKAHEAD_BEATS) -> float:
    """The look-ahead in beats at `bpm`: `seconds` of it, and never under `min_beats`."""
    return max(min_beats, seconds * bpm / 60.0)


NOTHING_ARMED = ("ReaGroove: live follow hears nothing: record-arm a track whose input is a MIDI device "
                 "(or all MIDI inputs), then play")
DISARMED = ("ReaGroove: live follow hears nothing now: no track is record-armed any more (the drums play on from "
            "what was played; record-arm a MIDI track to lead them again)")
DRUMS_MUTED = "ReaGroove: live follow writes onto the muted track '{track}': unmute it to hear the drums"
KEPT_BARS = ("ReaGroove: live follow left {bars} as they were: a drum item there was edited, muted, locked or played "
             "by you (move or delete it for live drums there)")
# The stop comes between two polls: what lies up to one poll's move past the last position seen playing may
# have been heard (never more than this many beats: a poll that stalled tells nothing about the stop).
MAX_STOP_STEP_BEATS = 0.5


def _note_of(pitch, channel: list) -> dict:
    """A live event's pitch and MIDI channel (0-15; None where REAPER's side sent none), for the session's bass
    buffer (core/live_bass.py): live follow had fed beats and velocities only, so a bass line played in REAPER was
    drummed as any part, where drumify and `reagroove live` hear it as the bass."""
    return {"pitch": int(pitch), "channel": int(channel[0]) if channel else None}


class LiveFollower:
    """Follows armed live input while REAPER plays, writing each new loop ahead of the play cursor.

    Call `poll()` regularly (every 20-50 ms): one round trip reads new input
    and the play position; a loop that became due is written in one more.
    Each loop is written `lookahead_s` (at least a 16th) before its
    bar line. The bars of a take (play to stop) make one undo point, written
    when the transport stops (or by `close()`). When the transport stops,
    what was written stays as ordinary items up to the stop; past it (the bar
    playing and any written ahead) the drum track gets back what it held before
    the take, as after a click elsewhere on the timeline. In loop playback (repeat on)
    the bars at the loop start are written when the look-ahead reaches the
    loop end, before the cursor jumps back, and nothing outside the loop (past its end, or before its start
    in a bar it cuts). Nothing is written where REAPER has rendered already: in a loop of about a bar, whose
    next pass is made while it plays, the part behind the cursor is written then and the rest after the jump.
    """

    def __init__(self, bridge, engine: Engine, settings: Settings, *, drum_map: DrumMap | None = None,
                 lookahead_s: float = LOOKAHEAD_S, memory: float = 0.6):
        self.bridge = bridge
        self.engine = engine
        self.settings = settings
        # None: the drum map the drum track keeps (Drumify's --drum-map, read as each take starts), else General
        # MIDI. REAPER's toggle and the panels start follow with no map: its bars were General MIDI notes on a
        # track whose kit plays the producer's map, the kick and snare landing on other sounds or none.
        self.given_map = drum_map
        self.drum_map = drum_map or GM_DRUM_MAP
        self.lookahead_s = lookahead_s
        self.min_lookahead_beats = MIN_LOOKAHEAD_BEATS
        # a take started mid-song comes in with no crash of its own (live_entry.py)
        self.session = JoinedSession(engine, settings, memory=memory)
        self.session.drum_map = self.drum_map  # (pads played as a kit read by it: core/live_kit.py)
        self.last_seq: int | None = None  # the first poll skips the input history REAPER already holds
        self.playing = False
        self.written: list[ScheduledLoop] = []
        self.below_index = 0  # a new drum track goes under the armed track (under the first if none is)
        self.last_info_live = ""
        self.take_written = 0  # loops written since the transport started
        self.meter_from = 0.0  # time signature markers up to here are followed already
        # Loop playback (repeat on): (loop start, loop end, shift) once the loop start's bar was made ahead of
        # the cursor's jump back; until the jump, input is fed `shift` beats earlier (see _anticipate).
        self.wrap: tuple[float, float, float] | None = None
        self.last_position = 0.0
        self.loop_beats = 0.0  # beats of passes of a loop inside one bar not yet faded for (see _loop_end_fades)
        # (QN, velocity) of what was played in this pass of the loop, where it was played: the drummer remembers
        # the loop start's bars from the last pass when they come round again (see _recall_pass)
        self.pass_notes: list[tuple] = []  # (beat, velocity, pitch, channel) of the loop's pass
        # The player's clock across loop passes: beats of loop jumped back so far (laps), and where the last note
        # was played on it. The session counts "nothing played for a bar" (the player stopped: the drums play on
        # the take they had) from project positions, which a jump back to the loop start never lets pass; it is
        # given the last note where it lies before the bars coming round again (see _keep_quiet_clock).
        self.laps = 0.0
        self.last_played: float | None = None
        # The rest of a bar made ahead while it plays (a loop of about a bar): written once the cursor jumped back
        # (see _write's cuts)
        self.pending: list[dict] = []
        self.whole: dict[float, dict] = {}  # the latest version of each bar written in two parts, by its start
        # What the drum track held when play started, and the take's items by start: the bars written ahead of a
        # stop (or of a click elsewhere on the timeline) are put back as they were (live_take_end.py)
        self.before_take: list[dict] = []
        self.take_items: dict[float, dict] = {}
        self.last_step = 0.0  # beats the cursor moved between the last two polls (where a stop may lie after it)
        self.looping = False  # the last poll while playing was in a loop's second pass or later, or about to be
        self.armed = True  # the last poll found a record-armed MIDI track (a disarm mid-take is said once)
        # The take's bars REAPER's side did not write (the producer's edited, locked or own drum item there): said
        # in one line as the take ends, by the ruler's bar numbers (the meter map and start measure of its start).
        # Silent before, the producer heard their old drums there and nothing said why the drums did not follow.
        self.kept_spans: list[list[float]] = []
        self.ruler: dict = {"time_signatures": [], "measure_offset": 0}
        self.markers = MarkerCues()  # the project's markers and regions: the drums fill into each (live_section_markers)
        self.cue_seen: str | None = None  # the docked panel's last "fill into next section" (its ext-state count)
        self.loop: tuple[float, float] | None = None  # the loop REAPER plays, as the last poll saw it

    def poll(self) -> list[ScheduledLoop]:
        # the drum track as play starts (muted? its items) is asked only until then: REAPER answers it once
        info = self.bridge.call("poll_live_input", self.last_seq, not self.playing)
        self.last_seq = info["last_seq"]
        self.last_info_live = info.get("live", "")
        playing = bool(info["play_state"] & 1)
        position = float(info["position_qn"])
        sigs = info["time_signatures"]
        # LiveSession's own check keeps a look-ahead under a beat (enough for a MIDI port); REAPER needs
        # more (see LOOKAHEAD_S), set from the tempo where the cursor is.
        self.session.bpm = tempo_at(info["tempos"], position)  # the loops it makes next play at it
        self.session.lookahead = lookahead_beats(self.session.bpm, self.lookahead_s, self.min_lookahead_beats)
        armed = bool(info.get("armed"))
        if playing:
            self.markers.read(info)
        cue, self.cue_seen = self.cue_seen, str(info.get("cue", ""))
        if playing and self.playing and cue is not None and cue != self.cue_seen:
            self.cue_section()  # pressed in the docked panel since the last poll
        if playing and not self.playing:
            if not armed:
                self.bridge.call("show_message", NOTHING_ARMED)
            elif info.get("drums_muted"):
                self.bridge.call("show_message", DRUMS_MUTED.format(track=info["drums_muted"]))
            self.below_index = max(int(info.get("armed_index", -1)), 0)  # the drums go under what is played
            self.before_take, self.take_items = drums_before_take(info.get("drums_before")), {}
            if self.given_map is None:
                self.drum_map = stored_drum_map(info.get("drums_map"))
            self.session.drum_map = self.drum_map  # (pads played as a kit read by it: core/live_kit.py)
            self.kept_spans, self.ruler = [], {"time_signatures": sigs, "measure_offset": info.get("measure_offset")}
            self.last_position, self.last_step = position, 0.0  # (not where the last take stopped)
            at, num, den = self._meter_at(sigs, position)
            # 6/8 as two dotted quarters, not as a 3/4 bar; bars counted from the marker that set the meter (a
            # pickup bar before it, or a meter an earlier take met, leaves the project's bar lines elsewhere)
            self.session.set_meter((num, den), at_beat=at)
            self.laps, self.last_played = 0.0, None
            loop = self._loop_range(info, position)
            self.markers.cue(self.session, position, *(loop or ()))  # before the first loop is made
            # started mid-song (not in the song's first bar or a section's): no crash of their own where the drums
            # come in, only the song's phrase or section crash on that bar (a drummer joining mid-phrase just plays)
            from_start = starts_the_song(position, at, self.session.beats_per_bar, self.markers.lines)
            self.session.join(from_start)
            self.session.start(position)
            self.meter_from = position
            # The bar the play cursor is in gets its loop at once (from what the buffer remembers).
            first = self.session.current
            if from_start and (first is None or not first.loop[:, :N_VOICES].any()) and drums_play_in_bar(
                    info.get("drums_before"), position, at, self.session.beats_per_bar):
                # that bar keeps the drums there (their crash on its 1): the take's come in later, playing on
                self.session.join(False)  # (live_entry_drums.py)
            if first is not None and first.loop[:, :N_VOICES].any():
                # in loop playback, never past the loop end (loop: the loop's range, as above)
                # inside a loop, only from REAPER's render point on: what it rendered on pressing play is the
                # drums the pass had (new notes there are not heard, and old ones up to them and new ones after mix
                # two versions each pass); elsewhere the bar is written whole, on its bar line (its start, not heard
                # this once, plays on every later playback)
                rendered = position + lookahead_beats(self.session.bpm, RENDER_AHEAD_S, 0)
                self._write([first], until=loop[1] if loop else None, since=[rendered if loop else None])
        elif not playing and self.playing:
            self.session.stop()
            if not self.looping:
                self._take_back_unheard(self.last_position + self.last_step)
            # stopped, nothing is rendered: a bar written in two parts becomes one item again, as any other bar
            self.pending, self.whole = list(self.whole.values()), {}
            self._flush_pending()
            self._end_take()
        elif playing and self.armed and not armed:
            self.bridge.call("show_message", DISARMED)  # once: until a track is armed again
        self.playing, self.armed = playing, armed
        if not playing:
            self.wrap, self.pass_notes = None, []
            return []
        last, self.last_position = self.last_position, position
        step_before, self.last_step = self.last_step, min(max(position - last, 0.0), MAX_STOP_STEP_BEATS)
        session = self.session
        loop = self.loop = self._loop_range(info, position)
        # after a jump back to the loop start, the bars ahead of the cursor were heard in the last pass
        self.looping = self.wrap is not None or (loop is not None and self.laps > 0)
        self._flush_pending(position, loop, lookahead_beats(self.session.bpm, RENDER_AHEAD_S, 0))
        shift_before, relocate = None, False  # shift_before: input played before it is fed shifted (see _anticipate)
        if self.wrap is not None:
            ls, le, shift = self.wrap
            if position < last - 1e-6:  # the cursor jumped back: the loop start, made ahead, plays now
                self.wrap, shift_before = None, (position, ls, le, shift)
                self.laps += le - ls
                self.session._cue.jumped_back(ls)  # a section on the loop start crashed (made ahead): once
            elif position < le + 1e-6 and loop is not None and abs(loop[0] - ls) + abs(loop[1] - le) < 1e-6:
                # not yet: what is played now is the loop's end
                for qn, pitch, vel, *channel in info["events"]:
                    session.feed(self._before_jump(float(qn), ls, le, shift), int(vel),
                                 drum=channel[:1] == [DRUM_CHANNEL], **_note_of(pitch, channel))
                    self.last_played = float(qn) + self.laps
                self._keep_quiet_clock(self.laps + le - ls)
                return []
            else:  # no jump back (repeat turned off, loop points moved): go on from the cursor (the bars after
                self.wrap, relocate = None, True  # it are made ahead of it, as in a song)
        jumped = []
        if relocate:  # the bar the cursor is in was written before the loop start was made: it stays
            self._jump(sigs, position)
        elif position < session.now - 1e-6 or position > session.now + session.beats_per_bar + session.lookahead:
            if loop is None and shift_before is None and (position < last - 1e-6
                                                          or position > last + session.beats_per_bar):
                # a click elsewhere on the timeline: what was written ahead of where the cursor was goes back
                self.last_step = 0.0
                self._take_back_unheard(last + step_before)
            jumped = self._jump(sigs, position)
        for qn, pitch, vel, *channel in info["events"]:
            qn = float(qn)
            self.last_played = qn + self.laps
            if shift_before is not None and qn > shift_before[0] + 1e-6:  # played before the jump back
                self.last_played -= shift_before[2] - shift_before[1]
                qn = self._before_jump(qn, *shift_before[1:])
            elif loop is not None and loop[0] - 1e-6 <= qn < loop[1] - 1e-6:
                self.pass_notes.append((qn, int(vel), *_note_of(pitch, channel).values()))
            session.feed(qn, int(vel), drum=channel[:1] == [DRUM_CHANNEL], **_note_of(pitch, channel))
        for qn, pitch, _, *channel in info.get("releases", ()):  # (a trap 808's sustain: live_bass.LowRegister)
            qn = float(qn)
            if shift_before is not None and qn > shift_before[0] + 1e-6:
                qn = self._before_jump(qn, *shift_before[1:])
            if channel:
                session.release(qn, int(pitch), int(channel[0]))
        if shift_before is not None:
            self._keep_quiet_clock(self.laps)
        # REAPER jumps back at the loop end: no bar from there on is heard, so none is made
        limit = loop[1] if loop is not None else None
        due = limit is not None and position + session.lookahead >= limit - 1e-6
        # before the loops ahead are made
        self.markers.cue(session, position, *(loop or ()), made=session.next_boundary)
        made = jumped + self._follow_meter(sigs, position, limit)
        clock = min(position, loop[1] - session.lookahead - 1e-6) if due else position
        if clock >= session.now - 1e-9:
            made += session.advance(clock)
        # In loop playback the part of a bar before the loop start is never heard again once the cursor is in
        # the loop (a bar it jumped into) or is about to jump back there (the loop start's bar made ahead): the
        # drums there stay, as past the loop end.
        inside = loop is not None and position >= loop[0] - 1e-6
        since = [loop[0] if inside else None] * len(made)
        cuts = [None] * len(made)
        if due:
            ahead = self._anticipate(sigs, *loop)
            made += ahead
            since += [loop[0]] * len(ahead)
            cuts += [position] * len(ahead)  # a loop of a bar or so: the bar made ahead is the one playing
        if made:
            self._write(made, until=limit, since=since, cuts=cuts)
        return made

    @staticmethod
    def _loop_range(info: dict, position: float) -> tuple[float, float] | None:
        """(start, end) in QN of the loop REAPER plays (repeat on, loop points set, the cursor before their end:
        at the end it jumps back to the start), else None."""
        rng = info.get("loop_qn")
        if not info.get("repeat") or not rng:
            return None
        ls, le = float(rng[0]), float(rng[1])
        return (ls, le) if le - ls > 1e-6 and position < le + 1e-6 else None  # (a cursor read just at the end)

    def _anticipate(self, sigs, ls: float, le: float) -> list[ScheduledLoop]:
        """The look-ahead reached the loop end: the bar(s) at the loop start are made now, before the cursor
        jumps back (REAPER renders them ahead of it), as a jump there would make them."""
        fades = self._loop_end_fades(ls, le)
        self._keep_quiet_clock(self.laps + le - ls)  # the bars made now play in the next pass
        self.session._cue.loop_back(ls, le)  # a section on the loop end is the loop start's: its crash made now
        made = self._jump(sigs, ls, recall=le)
        # after the loop start's bar is made: a loop made at a bar line never hears that line's fade (advance)
        self.session.fade(fades)
        made += self.session.advance(ls)  # a look-ahead longer than a bar: the next bar too
        made = [m for m in made if m.boundary < le - 1e-6]
        # Until the jump, what is played belongs to the loop's last beats: fed a whole number of loop windows
        # earlier it lands on the same steps, and fades nothing (the buffer counts bars from the loop start now).
        span = self.session.window_span()
        self.wrap = (ls, le, span * max(1.0, np.ceil((le - ls) / span - 1e-9)))
        return made

    def _recall_pass(self, sigs, ls: float, le: float) -> None:
        """The loop start's bars come round again: what was played on them in the pass now ending counts as
        just played (in a song they would be two bars back, still heard; in a loop of more bars, or one over a
        meter change whose bars lie on other steps of the buffer, they had faded or been played over). One loop
        window from the loop start, up to the loop end or the next time signature marker."""
        end = min(le, ls + self.session.window_span(), *(float(q) for q, *_ in sigs if float(q) > ls + 1e-6))
        self.session.recall([note for note in self.pass_notes if ls - 1e-6 <= note[0] < end - 1e-6])
        self.pass_notes = []

    def _keep_quiet_clock(self, laps: float) -> None:
        """The last note, on the positions of a pass `laps` beats of loop on from the take's start (the pass the bars
        being made play in): a player who stopped a bar before the loop start's bar comes round again is heard
        as stopped there, as in a song, and the drums keep the groove they had (LiveSession's quiet bars)."""
        if self.last_played is not None:
            self.session.last_played_at(self.last_played - laps)

    @staticmethod
    def _before_jump(qn: float, ls: float, le: float, shift: float) -> float:
        """Where input played in a loop's last beats, before the cursor jumps back, is fed: `shift` beats earlier
        (whole loop windows: the same steps); a note on the loop end's 16th (a downbeat played a hair early)
        is the loop start's downbeat, fed just before the loop start (a loop of other than whole windows,
        1 or 3 bars, put it on another bar's one, which the loop never plays)."""
        if qn >= le - 0.5 / STEPS_PER_BEAT - 1e-9:
            return ls + (qn - le)
        return qn - shift

    def _loop_end_fades(self, ls: float, le: float) -> int:
        """How many times what was played fades when the cursor jumps back: once for each bar line up to the loop
        end not yet faded for (the session fades for those its clock crosses; the jump back, a locate, forgets
        the loop end's, so a 1-bar loop never faded and its drums kept a part the player had stopped playing).
        A loop inside one bar fades once for each bar's worth of passes. Counted before the jump, each bar line
        in the meter it falls in, and never more than the loop's own bar lines."""
        s = self.session
        lines = s.bar_lines(ls, le)
        if lines >= 1:
            return min(lines, s.unfaded_lines(le))
        self.loop_beats += le - ls
        fades = int(self.loop_beats / s.beats_per_bar + 1e-9)
        self.loop_beats -= fades * s.beats_per_bar
        return fades

    def _jump(self, sigs, position: float, recall: float | None = None) -> list[ScheduledLoop]:
        """The transport jumped while playing (loop playback, a click on the timeline): the drums go on from the
        bar the cursor is in, counted in the meter there from its marker; the bars jumped over get nothing
        (a jump ahead of more than a bar: nobody played over them, and the drums there stay). `recall`: the
        loop end of a jump back to the loop start (the last pass's bars there count again)."""
        at, num, den = self._meter_at(sigs, position)
        if (num, den) != self.session.time_signature or abs(at - self.session.origin) > 1e-9:
            self.session.set_meter((num, den), at_beat=at)
        if recall is not None:
            self._recall_pass(sigs, position, recall)
        else:
            self.pass_notes = []  # a jump out of the loop's passes
        self.meter_from = position
        # the markers after where the cursor lands, before its loop
        self.markers.cue(self.session, position, *((position, recall) if recall is not None else ()))
        self.session.locate(position)
        return [self.session.current] if self.session.current is not None else []

    def _follow_meter(self, sigs, position: float, until: float | None = None) -> list[ScheduledLoop]:
        """A time signature marker the look-ahead reached: the loops before it are made in the old meter,
        then bars count from the marker in the new one (its first bar gets its own loop). `until`: the loop end
        REAPER jumps back from (markers from there on are not reached)."""
        made = []
        ahead = position + self.session.lookahead
        if until is not None:
            ahead = min(ahead, until - 1e-6)
        for q, num, den in sorted((float(q), int(n), int(d)) for q, n, d in sigs):
            if not self.meter_from < q <= ahead:
                continue
            made += self.session.advance(max(self.session.now, q - self.session.lookahead - 1e-6))
            if (num, den) != self.session.time_signature:
                self.session.set_meter((num, den), at_beat=q)
            self.meter_from = q
        return made

    def cue_section(self) -> float | None:
        """The next section cued by hand (the editor's key, the docked panel's button; on the thread that polls): the
        drums fill into the first bar line whose bar before is still to be made and crash on it. Its QN; None while
        REAPER is stopped (nothing to fill into). In loop playback a section at or past the loop end, never reached,
        is the loop start's: the fill ends the loop's last bar, the crash is on the loop start (its QN returned)."""
        if not (self.playing and self.session.running):
            return None
        line = self.session.cue_section()
        if self.loop is not None and line >= self.loop[1] - 1e-6:
            return self.session._cue.loop_end(*self.loop)
        return line

    def close(self) -> None:
        """Follow is turned off: the take so far becomes its undo point."""
        self.session.stop()
        self._flush_pending()
        self._end_take()

    def _end_take(self) -> None:
        # the bars kept that the cursor reached (in loop playback, any: earlier passes played the whole loop)
        heard = [k for k in self.kept_spans if self.looping or k[0] < self.last_position + self.last_step - 1e-6]
        self.kept_spans = []
        if heard and self.ruler["time_signatures"]:
            self.bridge.call("show_message", KEPT_BARS.format(bars=bars_said(self.ruler, heard)))
        if self.take_written:
            self.bridge.call("end_live_take")
            self.take_written = 0  # only once REAPER has made the point: a stalled call leaves the take open

    @staticmethod
    def _meter_at(sigs, qn: float) -> tuple[float, int, int]:
        """The meter at `qn` and where it was set: (QN of its marker, numerator, denominator)."""
        at, num, den = 0.0, 4, 4
        for q, n, d in sorted((float(q), int(n), int(d)) for q, n, d in sigs):
            if q <= qn + 1e-9:
                at, num, den = q, n, d
        return at, num, den

    def _flush_pending(self, position: float | None = None, loop=None, margin: float = 0.0) -> None:
        """The rest of a bar made ahead while it played: written once the cursor is out of it (jumped back to the
        loop start, or past its end with the loop now wider) and it will play again in this loop; one the cursor
        will not come to again (the loop moved away, repeat off) is left for the whole bar at stop. `position`
        None: the transport stopped (or follow is off): all of it."""
        if position is not None:
            send = [p for p in self.pending if loop is not None and loop[0] - 1e-6 <= p["start_qn"]
                    and p["end_qn"] <= loop[1] + 1e-6 and (position >= p["end_qn"] - 1e-6
                                                          or position + margin <= p["start_qn"])]
        else:
            send = self.pending
        if send:
            self.pending = [p for p in self.pending if p not in send]
            self._keep_said(self._send(send))
            self.take_written += 1

    def _take_back_unheard(self, cut: float) -> None:
        """The bars written past `cut` (QN), which the cursor never reached, get back what was there before the take."""
        items = items_after_stop(self.take_items, self.before_take, cut)
        if not items:
            return
        self._send(items)
        self.take_written += 1
        self.take_items = {k: w for k, w in self.take_items.items() if w["end_qn"] <= cut + 1e-6}

    def _keep_said(self, result) -> list:
        """The spans [lo, hi] a write left to the producer's items (REAPER's side returns them as "kept_edited"),
        kept to be said as the take ends."""
        if not isinstance(result, dict):
            return []
        refused = [[float(lo), float(hi)] for lo, hi in result.get("kept_edited") or ()]
        self.kept_spans += refused
        return refused

    def _send(self, items: list[dict]):
        for item in items:
            self.take_items[float(item["start_qn"])] = item
        return self.bridge.call("write_drum_track", {
            "track_name": DRUMS_TRACK_NAME, "reuse": True, "items": items, "overwrite_edited": False,
            "undo": False, "below_index": self.below_index,
            # the track made by this write with no instrument: said once, in the console, by REAPER's side
            "no_instrument_message": live_drum_track_line(self.drum_map),
            # a map given for this follow is kept with the track, as Drumify keeps its own: later runs play it too
            "drum_map": self.given_map.to_dict() if self.given_map not in (None, GM_DRUM_MAP) else None,
        })

    def _write(self, loops: list[ScheduledLoop], until: float | None = None, since: list | None = None,
               cuts: list | None = None) -> None:
        """`until`: the loop end REAPER jumps back from; a bar it cuts is written up to it. `since`: for each loop,
        None or the loop start, where a bar it cuts is written from (its hits from that 16th on). `cuts`: for each
        loop, None or the play cursor inside its bar (a loop's next pass made while this one plays it): only the
        part behind the cursor is written now; the rest, which REAPER renders and plays in this pass (the old
        notes up to the render point and new ones after would mix two versions), once the cursor jumped back."""
        bar = self.session.beats_per_bar
        items, kept = [], []
        for sched, frm, cut in zip(loops, since or [None] * len(loops), cuts or [None] * len(loops)):
            # The part of the 2-bar loop that plays from this boundary until the next one: its steps
            # (not the notes whose onsets fall there, which would drop early first hits and keep the
            # next bar's early hits), early first hits starting on the boundary.
            # A bar running past the loop's 8 beats (9/4: shorter bars fill whole windows) hears the loop's
            # first steps again there, as a MIDI port plays it (LivePlayer wraps the same way).
            first = int(round((sched.boundary - sched.window_start) * STEPS_PER_BEAT))
            start = sched.boundary
            if frm is not None and frm > start + 1e-6:
                start = float(frm)
            # the first 16th from `start`
            skip = first if start == sched.boundary else int(np.ceil((start - sched.window_start) * STEPS_PER_BEAT
                                                                     - 1e-6))
            steps = np.arange(max(skip, 0), first + int(round(bar * STEPS_PER_BEAT)))
            hvo = np.array(sched.loop, np.float32)
            loops, starts = [], []
            for lap in np.unique(steps // STEPS):
                heard = steps[steps // STEPS == lap] % STEPS
                part = np.zeros_like(hvo)
                part[heard] = hvo[heard]
                loops.append(Loop.from_hvo(part))
                starts.append(sched.window_start + lap * LOOP_BEATS)
            events = loop_note_events(loops, starts, self.drum_map)
            notes = inside_item(events, start)
            end = sched.boundary + bar
            if until is not None and end > until:
                end = until
                notes = [[on, min(off, end), p, v] for on, off, p, v in notes if on < end - 1e-9]
            if not notes:  # nothing heard yet: no empty item, and the drums already there stay
                continue
            kept.append(sched)
            item = {"start_qn": start, "end_qn": end, "name": "ReaGroove live", "notes": notes,
                    "settings": self.settings.to_dict()}
            # the cursor on the bar line of a bar after the loop start's: all of the bar waits (at the loop start
            # itself, a loop shorter than the look-ahead, it would wait for ever: written whole, as before)
            on_line = cut is not None and abs(cut - start) <= 1e-6 and frm is not None and start > frm + 1e-6
            if cut is not None and (start + 1e-6 < cut or on_line) and cut < end - 1e-6:
                cut = max(cut, start)
                # the part behind the cursor even without notes: the old ones there must not play next pass
                self.pending.append(dict(item, start_qn=cut, notes=[n for n in notes if n[0] >= cut - 1e-9]))
                self.whole[start] = dict(item)
                item.update(end_qn=cut, notes=[[on, min(off, cut), p, v] for on, off, p, v in notes if on < cut - 1e-9])
                if cut - start < 1e-6:
                    continue
            else:  # a version of a bar written in two parts is no longer the latest
                self.whole = {k: w for k, w in self.whole.items() if w["end_qn"] <= start + 1e-6 or k >= end - 1e-6}
            items.append(item)
        if not items:
            return
        refused = self._keep_said(self._send(items))
        # a bar left to the producer's drums was not written: not counted in "N loops written", nor an undo point
        kept = [k for k in kept
                if not any(min(hi, k.boundary + bar) - max(lo, k.boundary) > 1e-6 for lo, hi in refused)]
        self.written += kept
        self.take_written += len(kept)


__all__ = ["LiveFollower", "lookahead_beats", "LOOKAHEAD_S", "MIN_LOOKAHEAD_BEATS", "NOTHING_ARMED"]
