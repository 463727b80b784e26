"""What drumify and its variations play a part from (`PlayedPart`, `played_part`), and a played part as written
(`as_written`): the engine's (engine.py) two ends of a part, one plan shared so version 0 is drumify's part.

A part is read once from its windows: its sections and phrases, latent points and grooves on the loop's frame,
its swing and 16ths, tempo and level. The engine plays it (Engine.play_part); as written, the drums then stop
with the band, keep its level and thin where the tempo is too fast for a hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from . import takes, trap_kicks
from .breakdowns import breakdown_windows, intro_windows, parts_leave, play_breakdowns, play_softer
from .dynamics import band_level, part_levels, section_lift
from .feel import half_time_sixteenths
from .half_time import half_time_window
from .half_time_swing import bar_swing, follows_part, half_time_rows, straightened
from .hand_speed import at_tempo
from .intro_figure import laid_out_intro, lay_out
from .loop import HVO_WIDTH, LOOP_BEATS, STEPS, STEPS_PER_BEAT
from .meter import loop_frame, span_beats
from .meter_read import plays_sixteenths
from .midi import tempo_at
from .muted_voices import as_asked
from .opening_time import Opening, band_joins, keep_time
from .phrases import PartSections, part_sections
from .sections import section_takes
from .settings import Settings
from .song_bars import SongBars, bar_counts
from .stop_time import Stop, play_stops
from .swing import Swing, part_swing, sixteenths_swing
from .swing_asked import kept_feel, played_at_asked


@dataclass(frozen=True)
class PlayedPart:
    """A part as drumify and its variations play it (`played_part`): its sections and phrases, latent points
    and grooves on the loop's frame (held a section where settings.hold), bass, takes, swing, 16ths of dotted
    beats, each window's tempo and the section level (dynamics.section_lift; None for a drum part)."""

    form: PartSections
    z: np.ndarray | None
    g: np.ndarray
    bass: np.ndarray | None
    takes: np.ndarray
    swing: Swing | None
    late16: float | None  # how late its 16ths' "e"s and "a"s are (swing.sixteenths_swing), read from all of it
    sixteenths: bool
    bpm: np.ndarray | None
    lift: np.ndarray | None
    meters: list | None
    drum_part: bool
    breakdown: np.ndarray | None = None  # (W,) bool: the band dropping to a few parts (breakdowns.py)
    low: trap_kicks.BassLine | None = None  # the bass on the real grid, its attacks and sustain (trap_kicks.py)
    bar_swing: Swing | None = None  # a half-time part's, played on its bars (half_time_swing.py; then swing is None)
    heard: np.ndarray | None = None  # the grooves on the real grid, straight (a half-time bar's own steps)
    # (W,) each window's first bar counted as the song's run counts it (song_bars.py: the clave's bars, comping's)
    counts: np.ndarray | None = None
    side: np.ndarray | None = None  # the song's clave read from its whole part (song_bars.SongBars; None: the part's)
    # (W,) bool: windows played softer, most of the band gone or a quiet intro (breakdowns.parts_leave, intro_windows)
    softer: np.ndarray | None = None
    # (W,) the part's own level on the loop's frame (dynamics.part_levels), which its beats keep where a pattern steers
    level: np.ndarray | None = None
    # (W, 32) a drum part's fills the form alone lays (sections, comebacks, its end), where fills are asked too: the
    # steps its own drums keep over them (Engine._play); None: none asked, or a band part
    form_fills: np.ndarray | None = None
    # (W,) int: the real steps of the window before where a window starts right where it ends, 0 where not (the
    # first, one after a gap): the hands play on across (hand_speed.at_tempo; `window_follows`); None: none known
    follows: np.ndarray | None = None
    # (W,) bool: a quiet intro's windows the drums lay out in, the bass coming in with the band (intro_figure.py)
    intro_rests: np.ndarray | None = None
    # a 1-2 part opening before the band, no quiet intro: the drums keep time there, no backbeat (opening_time.py)
    opening: Opening | None = None


def played_part(target: Callable, grooves, settings: Settings, *, bars, meters, section_bars, phrase_start, bass,
                drum_part, stops, starts, end, opens_part, song_end, tempos, sounding, bpm=None, parts=None,
                bass_sounding=None, song: SongBars | None = None, lows=None, band_levels=None) -> PlayedPart:
    """What drumify and its variations both play a part from (Engine.drumify_grooves' arguments; bass on the
    real grid; bpm: each window's tempo, default from tempos), so version 0 is drumify's part; target:
    Engine.target (the latent points and decoder grooves under the settings); song: the song around bars drummed
    in part (song_bars.py; None: the bars count from the part's first window, song_bars.bar_counts); band_levels:
    Windows.band_levels (an audio take's: a new layer coming in starts a section)."""
    form = part_sections(settings, grooves, bass, bars, meters, section_bars, stops, starts, end, phrase_start,
                         opens_part, song_end, tempos, parts, lows, sounding, band_levels)
    opening = None if drum_part or form.intro else band_joins(parts, bars, opens_part, meters)
    first = min((int(b) for b in form.section_bars if len(bars) and int(b) > max(int(bars[0]), 1)), default=None)
    if opening is not None and first is not None and first < opening.bar:
        opening = None  # (a section inside the opening: the band's own form there)
    elif opening is not None:  # (a section where the band comes in: its fill and crash stay; none is added)
        opening = opening._replace(section=first == opening.bar)
    form_fills = None  # (a drum part's take keeps its own fills where only the form would lay one)
    if drum_part and (settings.fill_every or settings.fill_bars):
        plan = part_sections(settings.replace(fill_every=0, fill_bars=()), grooves, bass, bars, meters, section_bars,
                             stops, starts, end, phrase_start, opens_part, song_end, tempos, parts, lows, sounding,
                             band_levels).plan
        form_fills = plan.fill_steps if plan.fill_real is None else plan.fill_real
    # a swung part in half time: heard straight on its bars at half speed, played swung on them (half_time_swing.py)
    kept = kept_feel(settings, drum_part)  # (a drum part's feel, its own unless a swing is asked)
    on_bars = bar_swing(grooves, meters, kept) if follows_part(settings) else None
    framed = loop_frame(straightened(bass, meters, on_bars), meters)
    heard = straightened(grooves, meters, on_bars)
    z, g, framed = target(settings, loop_frame(heard, meters), bass=framed, drum_part=drum_part)
    part_takes = section_takes(bars, meters, form.section_bars, grooves, bass)
    if settings.hold:  # one pattern a section
        z, g, framed = takes.held(grooves, z, g, framed, part_takes)
    if bpm is None and starts is not None and tempos:  # for the hands' speed
        bpm = tempo_at(tempos, starts)
    swing = part_swing(g, kept)
    on_bars = None if swing is not None else on_bars  # (a swing the loop's frame reads plays instead)
    heard_swing = swing is not None or on_bars is not None or settings.swing is not None  # (a swing asked: none)
    late16 = None if drum_part or heard_swing else sixteenths_swing(g)
    own = swing or on_bars  # a swing asked (swing_asked.py) plays instead of the part's, heard straight
    g, framed, swing, on_bars = played_at_asked(settings, g, framed, swing, on_bars, half_time_rows(meters) is not None)
    swung = own or swing or on_bars  # (the bass read as a swung part's: no 808 line)
    sixteenths = plays_sixteenths(heard, meters)  # (a shuffle's swung 8ths on the bar's "a": no 16ths)
    if any(map(half_time_window, meters or ())):  # half time's 16th hats follow the density asked
        sixteenths = half_time_sixteenths(sixteenths, settings.density)
    intro = None if drum_part else intro_windows(bars, form.section_bars, form.intro)
    return PlayedPart(form, z, g, framed, part_takes, swing, late16, sixteenths,
                      bpm, None if drum_part else section_lift(grooves, sounding, part_takes), meters, bool(drum_part),
                      None if drum_part else breakdown_windows(grooves, part_takes, parts),
                      trap_kicks.bass_line(bass, bass_sounding, meters, bpm, drum_part, swung), on_bars,
                      heard, bar_counts(bars, song, phrase_start), None if song is None else song.side,
                      None if drum_part else parts_leave(grooves, part_takes, parts) | intro,
                      part_levels(loop_frame(heard, meters)), form_fills, window_follows(starts, meters, len(grooves)),
                      laid_out_intro(intro, framed), opening)


def laid_fills(part: PlayedPart) -> tuple[np.ndarray, np.ndarray]:
    """A part's fill steps (W, 32) and those of them laid over a drum part's own drums: its own fills stand where
    none is asked (PlayedPart.form_fills, set for a drum part wherever fills are asked: a fill of the form's had
    laid a lone ride and doubled toms over a typed tom run)."""
    plan = part.form.plan
    fills = plan.fill_steps if plan.fill_real is None else plan.fill_real
    return fills, np.zeros_like(fills) if part.form_fills is None else fills & ~part.form_fills


def window_follows(starts, meters, n: int) -> np.ndarray | None:
    """(n,) int: for each of a part's n windows (starts: their start beats, None: not known; meters: their bars,
    None: 4/4) the real 16ths the window before it lasts where it starts right where that one ends (its bars'
    span, meter.span_beats; a window played as the loop is: 2 bars of 4/4), else 0: at_tempo's `follows`. A
    window after a gap in the part starts later; a section or a stop follows on (the hands play on through a
    section's downbeat; after a stop the drums rest, which the loop before's last steps say)."""
    if starts is None or len(starts) != n:
        return None
    starts = np.asarray(starts, np.float64)
    out = np.zeros(n, np.int64)
    for w in range(1, n):
        span = span_beats(meters[w - 1]) if meters is not None else None
        span = float(LOOP_BEATS) if span is None else span
        steps = span * STEPS_PER_BEAT
        if abs(starts[w] - starts[w - 1] - span) < 1e-6 and abs(steps - round(steps)) < 1e-6:
            out[w] = round(steps)
    return out


def as_written(loops, part: PlayedPart, stops: Sequence[Stop], settings: Settings):
    """Played loops, (W, 32, 27) or (k, W, 32, 27), as written: stopping with the band where it stops dead
    (each stop's last hit), within the caps and mutes asked (muted_voices.as_asked), a band part's section no
    softer for softer notes added (part.lift), then thinned where the tempo is too fast for a hand
    (hand_speed.at_tempo, the hands playing on from each window into the next that follows it: part.follows);
    and whether it thinned any."""
    versions = loops.reshape(-1, len(part.g), STEPS, HVO_WIDTH)
    fills = part.form.plan.fill_steps if part.form.plan.fill_real is None else part.form.plan.fill_real
    for v in versions:  # (a bar's band hits: the crash on the first, kick and snare on the others)
        trap_kicks.kick_with_bass(v, part.low, part.meters, part.form.plan.fill_real)  # (a trap 808's, half time's)
        if part.breakdown is not None and part.breakdown.any():  # (before the stops: their hits stay)
            v[:] = play_breakdowns(v, part.breakdown, part.form.plan.fill_real, part.meters)
        if part.softer is not None and part.softer.any():  # (a breakdown's strokes are softer already)
            quiet = part.softer if part.breakdown is None else part.softer & ~part.breakdown
            v[:] = play_softer(v, quiet, part.form.plan.fill_real)
        if part.intro_rests is not None:  # (the fill into the band's entry stays)
            v[:] = lay_out(v, part.intro_rests, fills, part.form.plan.asked)  # (and the fill bars asked there)
        if part.opening is not None:  # (the fill into the band's entry and the crash on it stay)
            v[:] = keep_time(v, part.opening.where, fills, part.form.plan.asked, part.meters)
        play_stops(v, stops, settings.voice_groups, part.form.plan.fill_real, settings.humanize)
        # (last: the caps and mutes asked hold over what rules laid after the network's cap, a genre's own time)
        v[:] = as_asked(v, part.meters, settings, fills)
    ended = np.stack([band_level(v, part.lift) for v in versions])
    bpm = None if part.bpm is None else np.tile(part.bpm, len(versions))
    # (each version's first window follows no other's last)
    follows = None if part.follows is None else np.tile(part.follows, len(versions))
    out, fast = at_tempo(ended.reshape(-1, STEPS, HVO_WIDTH), bpm, follows)
    return out.reshape(loops.shape), fast
