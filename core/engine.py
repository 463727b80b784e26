"""The generation engine: drumify, variations, latent navigation and genre mix.

The engine is plain numpy; the network behind it is any object with the
`DrumModel` interface (conditioning.py; reagroove.models provides the shipped one), so this
logic is tested and reused without torch.

Latent navigation follows the GrooveTransformer plugin's triangle: pattern A,
pattern B and the live groove G. `interpolate` moves between A and B,
`follow` moves from there toward G. The decoder also reads a groove step by
step, so the groove it is given is blended the same way (soft hits).

A drum part is planned in phrases (phrases.py: a fill ending each, a crash opening the next), generated in the
model's 2-bar 4/4 frame, then laid onto the song's bars (meter.py): other meters, and half time (feel.py).
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import Callable, Sequence

import numpy as np

from . import takes
from .breakdowns import breakdowns_said
from .conditioning import GROUPS, Conditioning, DrumModel, four_four_rows as plain_rows
from .errors import ReaGrooveError
from .feel import four_four_rows, half_time_tips, with_feel  # (4/4 rows: plain or half time)
from .half_time import half_time_window
from .half_time_genres import genre_half_time, genre_half_time_said
from .clave_rim import clave_rim_steps, with_clave_rim
from .half_time_fills import part_fills
from .half_time_swing import bar_swing, swung_bars
from .drum_parts import TYPED_SAID, keep_the_kit, kit_kept, kit_target, kit_typed
from .drummap import GM_DRUM_MAP, DrumMap
from .bar_range import around_range, in_range, range_of, whole_windows
from .drumify_result import DrumifyResult
from .groove import Windows, extract_windows
from .hand_speed import at_tempo, fast_note
from .idioms import played_by_rule
from .intro_figure import opening_said  # (time kept in a duo's opening; a laid-out intro: form_notes)
from .dynamics import humanize, part_levels
from .humanize_quantized import drummer_touch, takes_touch
from .latent_points import LatentPoints
from .limbs import one_drummer
from .loop import HVO_WIDTH, STEPS
from .meter import loop_frame, loops_to_bars, map_windows, reuses_loop_beats
from .meter_genres import waltz_loop_bars
from .midi import MidiContent
from .muted_voices import plays
from .named_sections import lift_choruses, lift_versions  # (a chorus a marker names: on the ride)
from .patterns import Pattern, PatternStore
from .fills import draw_fills, fill_repeats
from .form_notes import form_notes, markers_said, rests_said_once
from .phrase_laying import lay_phrases
from .part_versions import drawn_versions
from .range_versions import asked_windows, laid_fills as asked_fills
from .phrases import PhrasePlan, crash_inside, fill_bars_outside, phrase_start_of, ruler_fill_bars
from .played_part import PlayedPart, as_written, laid_fills, played_part
from .section_time import held_figure
from .section_groupings import held_groupings
from .song_bars import SongBars
from .stop_time import Stop, band_stops  # stops.band_stops and the band's stop time
from .settings import Settings, far_settings, ignored_settings
from .textroll import swung_loop
from .thinning import cap_played, level_rows
from .style_tips import skank_said  # (a skank told of reggae's one drop)
from .swing import (JAZZ_RIDE_TIP, PATTERN_SWING_NOTE, part_swing, path_swings, play_swung, sixteenths_swing, straighten,
                    sixteenths_note, swing_note, swing_of, swing_sixteenths)
from .swing_asked import asked_note, kept_feel, kit_at_asked, kit_heard, played_at_asked

READ = object()  # a decode's lazy 16ths read from the grooves it decodes (no part's given)



class EngineError(ReaGrooveError):
    pass


MIN_STEPS, MAX_STEPS = 2, 256  # the loops an interpolated path has, both ends included


def path_level(ga: np.ndarray, gb: np.ndarray, own: np.ndarray, steps: int) -> np.ndarray | None:
    """(steps,) the level an interpolated path's beats play at: a part's own end's (own: 1 for an end without a drum
    loop) all the way, where one end is a part and the other a drum pattern (toward funk's prototype a bass line at
    100 had faded 98, 74, 62, 57); None (each step its own) otherwise."""
    if own.sum() != 1:
        return None
    return np.full(steps, part_levels((ga if own[0] else gb)[None])[0], np.float32)


class Engine(LatentPoints):
    """Turns grooves into drum loops under a Settings object (its latent points: latent_points.py)."""

    def __init__(self, model: DrumModel, patterns: PatternStore | None = None):
        self.model = model
        self.patterns = patterns if patterns is not None else PatternStore()
        self._pattern_z: dict[tuple, np.ndarray] = {}

    def conditioning(self, settings: Settings, n: int, *, seed=None, temperature=None, fill: np.ndarray | None = None,
                     crash: np.ndarray | None = None, bass: np.ndarray | None = None,
                     drum_part: bool = False, take: np.ndarray | None = None,
                     prior_share: float | np.ndarray | None = None, pattern: np.ndarray | None = None,
                     pattern_share: float | np.ndarray | None = None, part_level: np.ndarray | None = None,
                     four_four: np.ndarray | None = None, step_levels: np.ndarray | None = None,
                     bpm: np.ndarray | None = None, plain: np.ndarray | None = None) -> Conditioning:
        """The settings (checked and normalised by Settings) as the model's conditioning for n loops.

        seed / temperature: per-loop arrays (takes of their own) instead of the settings' one value;
        fill, crash, bass: per-loop arrays from the phrase plan and the input; drum_part: the
        input is a drum part; take: the part each loop belongs to; prior_share, pattern, pattern_share: of
        explicit points (see Conditioning; pattern: one (32, 27) loop for all or one per loop); part_level: the
        part's own level under a steered point (Conditioning); four_four: the loops laid on 4/4 bars (`four_four_rows`; None: all); step_levels: the
        metric level of each loop step on its bars (thinning.level_rows), which a cap keeps first; bpm: each
        loop's tempo (None: unknown); plain: the loops on plain 4/4 bars, not in half time (None: four_four's)."""
        rows = lambda value, dtype: np.broadcast_to(np.asarray(value, dtype), (n,)).copy()  # noqa: E731
        return Conditioning(
            genre=np.tile(np.asarray(settings.genre_weights(), np.float32), (n, 1)),
            voice_groups=np.array([settings.voice_groups[g] for g in GROUPS], np.float32),
            temperature=rows(settings.temperature if temperature is None else temperature, np.float32),
            seed=rows(settings.seed if seed is None else seed, np.int64),
            density=None if settings.density is None else np.full(n, settings.density_cells, np.float32),
            threshold=None if settings.threshold is None else np.asarray(settings.threshold, np.float32),
            max_hits=None if settings.max_hits is None else np.asarray(settings.max_hits, np.int64),
            fill=None if fill is None or not np.any(fill) else np.asarray(fill, np.float32),
            crash=None if crash is None else np.asarray(crash, np.float32),
            bass=None if bass is None else np.asarray(bass, np.float32),
            drum_part=bool(drum_part),
            take=None if take is None else np.asarray(take, np.int64),
            prior_share=None if prior_share is None else rows(prior_share, np.float32),
            pattern=None if pattern is None else np.broadcast_to(np.asarray(pattern, np.float32),
                                                                 (n, STEPS, HVO_WIDTH)).copy(),
            pattern_share=None if pattern is None else rows(pattern_share, np.float32),
            part_level=None if part_level is None else rows(part_level, np.float32),
            four_four=None if four_four is None else np.asarray(four_four, bool),
            plain=None if plain is None else np.asarray(plain, bool),
            step_levels=None if step_levels is None or settings.max_hits is None else np.asarray(step_levels),
            bpm=None if bpm is None else rows(bpm, np.float32),
        )

    def _decode(self, grooves: np.ndarray, z: np.ndarray | None, settings: Settings, *, swing: float | None = None,
                late16=READ, plain: np.ndarray | None = None, counts=None, side=None, song_bar=None, waltz=None,
                phrase_edges=None, **per_loop) -> np.ndarray:
        """Loops for grooves and latent points under the settings; per_loop: see `conditioning`.
        swing: the part's (core/swing.part_swing; None = straight): a swung part is generated straight
        and its loops played back swung. late16: a straight part's lazy 16ths (READ: read from these grooves).
        plain: (n,) the loops laid on plain 4/4 bars (conditioning.four_four_rows; None: all). counts, side: the
        loops' bars in the song and its clave (idioms.played_by_rule; song_bars.py); song_bar: the loops' first bars
        in the song where no counts are given (a live take's windows; None: counts); waltz: (n, 2) the loop bars 3/4
        bars play (meter_genres.waltz_loop_bars: jazz's skip note after 2 alone; None: none)."""
        if z is not None and "prior_share" not in per_loop:  # a pattern's point (target's), near the groove's
            per_loop["prior_share"] = self._prior_share(settings)
        near = per_loop.pop("pattern_near", None)
        if z is not None and "pattern" not in per_loop:  # mostly a drum loop's point: its hits (pattern_hits.py)
            per_loop["pattern"], share = self.pattern_pull(settings)
            per_loop["pattern_share"] = share if near is None else share * np.asarray(near, np.float32)
        if swing is not None:
            grooves = straighten(grooves, swing)
            if per_loop.get("bass") is not None:
                per_loop["bass"] = straighten(per_loop["bass"], swing)
        cond = self.conditioning(settings, len(grooves), plain=plain, **per_loop)
        song_bar = counts if song_bar is None else song_bar
        cond = dataclasses.replace(cond, song_bar=None if song_bar is None else np.asarray(song_bar, np.int64),
                                   phrase_edges=phrase_edges)  # (the song's bars, each bar's fill or crash: open hats)
        loops = np.asarray(self.model.generate(grooves, z, cond), np.float32)
        # what a drummer plays there that the network does not: jazz's skip note and comping, latin's clave, one
        # foot's kick (core/idioms.py)
        loops = played_by_rule(loops, grooves, cond, plain, swing is not None, counts, side, waltz)
        # (a quantized part's: a drummer's touch, drawn by the seed, one at temperature 0: humanize_quantized.py)
        touch = settings.humanize if takes_touch(settings, swing, cond.drum_part) else 0.0
        loops = drummer_touch(humanize(loops, settings.humanize), touch, cond.seed * (cond.temperature > 0), song_bar,
                              cond.four_four if plain is None else plain, grooves)
        if swing is not None:
            return play_swung(loops, swing)
        if late16 is READ:  # a band part's lazy 16ths (none under a swing asked: Settings.swing)
            late16 = None if per_loop.get("drum_part") or settings.swing is not None else sixteenths_swing(grooves)
        return loops if late16 is None else swing_sixteenths(loops, late16)

    def _take_draw(self, decode: Callable[[int, float], np.ndarray], settings: Settings,
                   meters, sixteenths: bool = False, bpm=None) -> tuple[int, float, np.ndarray]:
        """(seed, temperature, loops in the loop's frame) of a seeded take (`takes.draw_take`), judged on the part's
        loops on their bars (the meter's mapping) before its phrases: drumify (`play_part`) and the panel's
        preview (`generate`, given the meters) judge alike, so the preview shows the draw an export writes.
        bpm: each loop's tempo (None: unknown): a take is judged as thinned for a hand's speed (as_written), since
        a take whose changes were all hat 16ths too fast for a hand was written as seed 0's drums (d_e1m1)."""
        raw = {}

        def on_bars(s: int, t: float) -> np.ndarray:
            raw[s, t] = decode(s, t)
            return at_tempo(one_drummer(map_windows(raw[s, t], meters, partial(loops_to_bars, sixteenths=sixteenths))),
                            bpm)[0]

        _, seed, temperature = takes.draw_take(on_bars, settings, meters=meters, apart=True)
        return seed, temperature, raw[seed, temperature]

    def play_part(self, g: np.ndarray, z: np.ndarray | None, settings: Settings, plan: PhrasePlan, meters,
              *, unique: bool = False, bass: np.ndarray | None = None, seed=None, temperature=None,
              drum_part: bool = False, take: np.ndarray | None = None, swing: float | None = None,
              sixteenths: bool = False, four_four: np.ndarray | None = None, late16=READ,
              levels: np.ndarray | None = None, bpm: np.ndarray | None = None, counts=None, side=None,
              song_bar: np.ndarray | None = None, pattern_near: np.ndarray | None = None,
              part_level: np.ndarray | None = None, waltz: np.ndarray | None = None, asked=None) -> np.ndarray:
        """The loops of a drum part (decoder grooves and latent points in the loop's 4/4 frame) with its
        phrases, on the real grid of each window's bars.

        A fill window is generated twice, as a beat and as a fill, and the fill's last steps replace the beat's over
        the fill's place, so the pulse keeps going into it (half time's on its bars: half_time.lay_fills). unique:
        equal windows are generated once (a held pattern stays the same loop even when sampling). drum_part, take:
        see Conditioning (a fill is a loop on its own). swing: the part's (core/swing.part_swing, read from all its
        windows), so beats and fills share one feel, as late16 does (a fill window alone may read no lazy 16ths).
        seed, temperature: one per loop or one for all (takes of their own: drumify_variations); None: the
        settings', a seeded take at the default temperature drawn by `takes.draw_take` (kept clear of seed 0's
        drums, judged over the whole part's loops). sixteenths: the part plays 16ths inside its dotted beats
        (meter_read.plays_sixteenths): busy hats play them.
        four_four: (n,) the windows on 4/4 bars (Conditioning); None: read from meters. levels: (n, 32) each loop
        step's metric level on its window's bars (thinning.level_rows), what a cap keeps first; None: from meters.
        bpm: (n,) each window's tempo (Conditioning.bpm), None: unknown. counts: (n,) each window's first bar
        counted as the song's run counts it, side: the song's clave (PlayedPart's: the rules counting bars,
        song_bars.py); song_bar: (n,) each window's first bar in the song, for the rules that place by it alone (a
        live take's windows: Conditioning.song_bar; None: counts). pattern_near: (n,) 1 where a point is the
        settings' own, 0 where a version moved it off (part_versions.py): only the first is pulled to a drum
        pattern's hits (pattern_hits.py); None: all. part_level: (n,) the part's own level where a pattern
        steers its points (Conditioning.part_level); None: each loop's own. waltz: (n, 2) the loop bars 3/4 bars
        play (meter_genres.waltz_loop_bars); None: read from meters. asked: (n,) the windows asked for (None: all),
        the fills after them not laid (range_versions.laid_fills).
        """
        to_bars = partial(loops_to_bars, sixteenths=sixteenths)
        n = len(g)
        four_four = four_four_rows(meters) if four_four is None else four_four
        plain = four_four if meters is None else plain_rows(meters)  # (a held part's rows: no half time)
        waltz = waltz_loop_bars(meters, n) if waltz is None else waltz
        if levels is None and settings.max_hits is not None and meters is not None:  # a cap keeps the bars' beats
            levels = level_rows(meters)
        real_fills = plan.fill_steps if plan.fill_real is None else plan.fill_real  # (a cap leaves fills be)
        if n == 0:
            return np.zeros((0, STEPS, HVO_WIDTH), np.float32)
        if seed is None and temperature is None and takes.draws_take(settings):
            seed, temperature, _ = self._take_draw(
                lambda s, t: self._decode(g, z, settings, bass=bass, seed=s, temperature=t, drum_part=drum_part,
                                          take=take, swing=swing, four_four=four_four, late16=late16,
                                          step_levels=levels, bpm=bpm, plain=plain, counts=counts, side=side,
                                          song_bar=song_bar, pattern_near=pattern_near, part_level=part_level,
                                          waltz=waltz),
                settings, meters, sixteenths, bpm)
        if unique:
            crash_at, fill_at = plan.crash_steps, plan.fill_steps
            each = lambda a: np.broadcast_to(np.asarray(a), (n,))  # noqa: E731 - one per loop
            seeds, temps = each(settings.seed if seed is None else seed), each(settings.temperature if temperature is None
                                                                               else temperature)
            # a version of its own (seed, temperature: drumify_variations) is never merged with another's loop
            # windows sharing loop beats, or in half time (lay_fills), are played on their bars (phrases on the real grid)
            on_bars = meters is not None and plan.crash_real is not None and \
                (any(map(reuses_loop_beats, meters)) or any(map(half_time_window, meters)))
            key = [(g[i].tobytes(), None if z is None else z[i].tobytes(), None if bass is None else bass[i].tobytes(),
                    crash_at[i].tobytes(), fill_at[i].tobytes(), int(seeds[i]), float(temps[i]),
                    (meters[i], plan.crash_real[i].tobytes(), plan.fill_real[i].tobytes()) if on_bars else None,
                    None if counts is None else int(counts[i]) % 2)  # (the clave's side first: the song's bar's)
                   for i in range(n)]
            key = [k + (r,) for k, r in zip(key, fill_repeats(key, plan.fills))]  # a repeated fill: drawn again
            first = {k: i for i, k in reversed(list(enumerate(key)))}
            rows = np.array(sorted(set(first.values())))
            back = np.array([int(np.searchsorted(rows, first[k])) for k in key])
            loops = self.play_part(g[rows], None if z is None else z[rows], settings, plan.take(rows),
                                   [meters[r] for r in rows] if on_bars else None,
                                   bass=None if bass is None else bass[rows], drum_part=drum_part, swing=swing,
                                   seed=seeds[rows], temperature=temps[rows], sixteenths=sixteenths, late16=late16,
                                   four_four=None if four_four is None else four_four[rows],
                                   waltz=None if waltz is None else waltz[rows],
                                   levels=None if levels is None else levels[rows],
                                   bpm=None if bpm is None else bpm[rows],
                                   # (held loops comp as the part's n-th loop, as they did: the clave's side
                                   # keeps the song's bars)
                                   counts=None if counts is None else
                                   2 * np.arange(len(rows)) + np.asarray(counts)[rows] % 2, side=side,
                                   pattern_near=None if pattern_near is None else np.asarray(pattern_near)[rows],
                                   part_level=None if part_level is None else np.asarray(part_level)[rows])[back]
            return loops if on_bars else cap_played(one_drummer(map_windows(loops, meters, to_bars)), meters,
                                                    settings.max_hits, real_fills)
        opens = plan.crash_steps[:, 0].astype(np.float32)  # phrases opening on a loop's downbeat: the model's crash
        edges = np.stack([(plan.crash_steps | plan.fill_steps)[:, 16 * k : 16 * k + 16].any(1) for k in (0, 1)], 1)
        loops = self._decode(g, z, settings, crash=opens, bass=bass, seed=seed, temperature=temperature,
                             drum_part=drum_part, take=take, swing=swing, four_four=four_four, late16=late16,
                             step_levels=levels, bpm=bpm, plain=plain, counts=counts, side=side, song_bar=song_bar,
                             pattern_near=pattern_near, part_level=part_level, waltz=waltz, phrase_edges=edges)
        loops = held_figure(loops, take, plain, plan.fill_steps, g, bass)  # one hat figure a section (section_time.py)
        fills, fill_loops = np.flatnonzero(plan.fills), None
        if len(fills):
            rows = lambda a, k: None if a is None or np.ndim(a) == 0 else np.asarray(a)[fills[k]]  # noqa: E731
            fill_loops = draw_fills(lambda k, s, t: self._decode(
                g[fills[k]], rows(z, k), settings, fill=np.ones(len(k)), crash=opens[fills[k]], bass=rows(bass, k),
                seed=s, temperature=t, drum_part=drum_part, swing=swing, four_four=rows(four_four, k), late16=late16,
                step_levels=rows(levels, k), bpm=rows(bpm, k), pattern_near=rows(pattern_near, k),
                part_level=rows(part_level, k), phrase_edges=edges[fills[k]]),
                fills, plan.fill_steps, meters, seed, temperature, settings,
                None if plan.into_section is None else plan.into_section[fills])
            fills, fill_loops = asked_fills(fills, fill_loops, asked, seed)
        # a cap holds on the bars as played (their mapping, fills and crashes added)
        return cap_played(lay_phrases(loops, fill_loops, fills, plan, meters, settings, four_four, to_bars, seed, bpm,
                                      swing), meters, settings.max_hits, real_fills)

    # ------------------------------------------------------------ operations

    def generate(self, grooves: np.ndarray, settings: Settings, *, bass: np.ndarray | None = None,
                 drum_part: bool = False, take: np.ndarray | None = None, meters=None) -> np.ndarray:
        """One loop per groove: (N, 32, 3) -> (N, 32, 27), in the loop's 4/4 frame; bass: (N, 32, 3)
        the low register's grooves; drum_part: the grooves are a drum part's; take: (N,) the take
        each loop belongs to (see Conditioning); meters: the bars each loop will be laid on (None: 4/4),
        which a seeded take is judged on, as drumify judges it."""
        z, g, bass = self.target(settings, grooves, bass=bass, drum_part=drum_part)
        swing, four_four = part_swing(g, kept_feel(settings, drum_part)), four_four_rows(meters)
        g, bass, swing, _ = played_at_asked(settings, g, bass, swing)  # (a swing asked plays instead: swing_asked.py)
        plain, level, waltz = plain_rows(meters), part_levels(np.asarray(grooves, np.float32)), waltz_loop_bars(meters, len(g))
        decode = lambda seed=None, temperature=None: self._decode(  # noqa: E731
            g, z, settings, bass=bass, drum_part=drum_part, take=take, swing=swing, seed=seed, temperature=temperature,
            four_four=four_four, plain=plain, part_level=level, waltz=waltz)  # (worked out once, not per seed drawn)
        # a seeded take is drawn as drumify draws it (the panel previews what an export writes)
        return self._take_draw(decode, settings, meters)[2] if takes.draws_take(settings) else decode()

    def drumify(self, content: MidiContent, settings: Settings, *, bars: tuple[int, int] | None = None,
                section_bars: Sequence[int] = (), drum_map: DrumMap | None = None) -> DrumifyResult:
        """Drums for every window of a MIDI file's notes (any instrument), in its meter; drum_map: a drum part's
        pitches (None: General MIDI's), whose own drums it keeps (drum_parts.kit_loops).

        Phrases count from bar 1 (or the bar the music comes in on), also for `bars` from mid-song: their fills
        and crashes are the whole file's there. Sections start at `section_bars` and at the file's markers (a fill
        before each, a crash on it).
        """
        if len(content.notes) == 0:
            raise EngineError(f"{content.path}: file has no notes")
        try:
            wins: Windows = extract_windows(content, bars=bars, drum_map=drum_map or GM_DRUM_MAP)
        except ValueError as exc:
            raise EngineError(f"{content.path}: {exc}") from None
        sections = sorted({*section_bars, *markers_said(content, wins, bars)})  # (said over the bars drummed)
        if bars is not None and (song := whole_windows(content, drum_map or GM_DRUM_MAP, wins)):  # its drums there
            return range_of(self._drumify_read(content, song[0], settings, None, sections), wins, song[1], settings)
        return self._drumify_read(content, wins, settings, bars, sections)

    def _drumify_read(self, content: MidiContent, wins: Windows, settings: Settings, bars, sections) -> DrumifyResult:
        """drumify's drums for `wins`, read from `content` over `bars` (None: the whole file)."""
        song, start = None, phrase_start_of(content, bars)  # (the first bar drummed)
        if bars is not None:  # a range of a song too long to drum whole: the song's bars counted around it
            settings, start, sections, song = around_range(content, wins, settings, bars, sections)
        result = skank_said(self.drumify_windows(wins, settings, section_bars=sections, phrase_start=start,
                                                 song_end=wins.end_the_song(content.notes), song=song), content, settings)
        return lift_choruses(result, getattr(content, "marker_names", ()), content.time_signatures, settings)

    def drumify_windows(self, wins: Windows, settings: Settings, *, section_bars: Sequence[int] = (),
                        phrase_start: int | None = None, song_end: bool = True,
                        song: SongBars | None = None) -> DrumifyResult:
        """Drums for the windows of an input (groove.extract_windows), with everything they carry:
        grooves, bars and meters, the bass part, whether the input is a drum part. song_end: the windows run
        to the song's end (a last held chord gets the drums' last hit; see drumify_grooves); song: see there."""
        return self.drumify_grooves(wins.grooves, settings, starts=wins.starts, bars=wins.bars,
                                    messages=wins.messages, meters=wins.meters, section_bars=section_bars,
                                    phrase_start=phrase_start, bass=wins.bass, drum_part=wins.drum_part,
                                    end=wins.end, song_end=song_end, sounding=wins.sounding,
                                    opens_part=wins.opens_part, bar_shift=wins.bar_shift, tempos=wins.tempos,
                                    parts=wins.parts, bass_sounding=wins.bass_sounding, song=song, kit=wins.kit,
                                    cross_sticks=wins.cross_sticks, lows=wins.lows, band_levels=wins.band_levels)

    def variations_of(self, part: DrumifyResult | Windows, settings: Settings, n: int, *,
                      section_bars: Sequence[int] | None = None, phrase_start: int | None = None,
                      song_end: bool | None = None) -> np.ndarray:
        """n versions of a drum part, (n, W, 32, 27): of a drumify result (with its sections; version 0 is
        its own loops again) or of an input's windows (without running drumify first); song_end as
        drumify_windows' (default: the result's, or True for windows)."""
        if getattr(part, "whole", None) is not None:  # bars drummed from a whole song: its versions there
            return in_range(self.variations_of(part.whole, settings, n, section_bars=section_bars), part)
        judged = getattr(part, "judged", None)  # (the windows they are heard in: bar_range.range_of's)
        sections = getattr(part, "section_bars", ()) if section_bars is None else section_bars
        phrase_start = getattr(part, "phrase_start", None) if phrase_start is None else phrase_start
        song_end = getattr(part, "song_end", True) if song_end is None else song_end
        if isinstance(part, DrumifyResult) and part.song is not None and phrase_start is not None and \
                len(part.bars) and phrase_start < int(part.bars[0]):  # drumify's `bars` from mid-song: its
            # versions open as it does, a crash only on a song's phrase (a crash had opened them mid-phrase)
            settings = crash_inside(settings, int(part.bars[0]), phrase_start, sections, part.bar_shift)
        stops = part.stops if isinstance(part, DrumifyResult) else \
            band_stops(part.grooves, part.bars, part.meters, part.starts, part.end, song_end=song_end,
                       sounding=part.sounding, section_bars=sections, parts=part.parts, bass=part.bass)
        # a result's sections hold its meter and tempo changes already; an input's are heard from its tempo map
        versions = self.drumify_variations(part.grooves, settings, n, bars=part.bars, meters=part.meters,
                                           section_bars=sections, phrase_start=phrase_start, bass=part.bass,
                                           drum_part=part.drum_part, stops=stops, starts=part.starts, end=part.end,
                                           opens_part=part.opens_part, bar_shift=part.bar_shift, song_end=song_end,
                                           tempos=getattr(part, "tempos", None), sounding=part.sounding,
                                           bpm=getattr(part, "bpm", None), parts=part.parts,
                                           bass_sounding=getattr(part, "bass_sounding", None),
                                           song=getattr(part, "song", None), kit=getattr(part, "kit", None),
                                           cross_sticks=getattr(part, "cross_sticks", None),
                                           lows=getattr(part, "lows", None), judged=judged,
                                           band_levels=getattr(part, "band_levels", None),  # (a result's: its sections)
                                           asked=asked_windows(part, judged),  # (laid as far as they need)
                                           # (kept apart as heard: a chorus a marker names on the ride, as in v1)
                                           finish=partial(lift_versions, part=part, settings=settings))
        if isinstance(part, DrumifyResult) and versions.shape[1:] == part.loops.shape:
            versions[0] = part.loops  # the drums as drumify played them, to the bit (a velocity's last bit may differ)
        return lift_versions(versions, part, settings)  # (v1 too: a whole song's loops behind a range are unlifted)

    def drumify_grooves(self, grooves, settings: Settings, *, starts=None, bars=None, messages=(), meters=None,
                        section_bars: Sequence[int] = (), phrase_start: int | None = None, bass=None,
                        drum_part: bool = False, end: float = float("inf"), song_end: bool = True,
                        sounding=None, opens_part: bool = True, bar_shift: int = 0, tempos=None,
                        parts=None, bass_sounding=None, song: SongBars | None = None,
                        kit: np.ndarray | None = None, cross_sticks: np.ndarray | None = None,
                        lows: np.ndarray | None = None, band_levels=None) -> DrumifyResult:
        """Drums for consecutive windows of an input (grooves on the real grid, as extract_windows gives them).

        meters: Windows.meters (the bars each window plays) so the drums follow
        meters other than 4/4; section_bars: bars where a section starts (REAPER's
        regions and markers): a fill before each, a crash on it; phrase_start:
        the bar the first phrase starts at (default the first window's, or bar 1);
        bass: Windows.bass, for models that read the low register on its own;
        drum_part: Windows.drum_part (the input is a drum part, not a band part); end: Windows.end
        (the beat where the music stops: the fill bars it does not reach are said); song_end: the windows run
        to the song's end, so a last held chord is the drums' last hit, with a fill into it (stops.band_stops);
        sounding: Windows.sounding (a stab over by beat 2 with the band back next bar is a stop; a section where
        the band adds softer notes over ringing ones is not played softer); opens_part:
        Windows.opens_part (bars from mid-song open no quiet intro); bar_shift: Windows.bar_shift, what to add to
        a bar to say it (REAPER's ruler), the fill bars typed so too; tempos: Windows.tempos (the song's tempo map:
        a jump in tempo, as a change of meter, starts a section); parts, bass_sounding, lows, band_levels: Windows'
        (parts joining or leaving; a trap 808's sustain, trap_kicks.py; a new riff, riff_sections.py; a new layer in an
        audio take, audio_layers.py); song: the song around bars drummed in part (song_bars.py:
        the clave and comping count its bars; None: from the first window, or the earlier phrase_start).
        """
        said, settings = settings, ruler_fill_bars(settings, bar_shift)  # said: the fill bars as typed
        grooves = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
        meters, feel_notes = with_feel(meters, settings.feel, len(grooves))  # half time: 4/4 bars in half beats
        starts = np.arange(len(grooves)) * 8.0 if starts is None else np.asarray(starts, np.float64)
        bars = np.arange(len(grooves)) * 2 + 1 if bars is None else np.asarray(bars)
        meters = held_groupings(meters, grooves, bars, section_bars, bass)  # one 5/4 grouping a section
        stops = band_stops(grooves, bars, meters, starts, end, song_end=song_end, sounding=sounding,
                           section_bars=section_bars, parts=parts, bass=bass)
        target = kit_target(self.target, self.encode, kit_heard(kit, settings, grooves), meters)  # (a drum part's kit)
        part = played_part(target, grooves, settings, bars=bars, meters=meters,
                           section_bars=section_bars, phrase_start=phrase_start, bass=bass, drum_part=drum_part,
                           stops=stops, starts=starts, end=end, opens_part=opens_part, song_end=song_end, tempos=tempos,
                           sounding=sounding, parts=parts, bass_sounding=bass_sounding, song=song, lows=lows,
                           band_levels=band_levels)
        # the part's own swing, said: the played one moves with the pad toward pattern A/B (67%, 68% at follow 0.9)
        own_feel = kept_feel(settings, drum_part)  # (a drum part's own feel, unless a swing is asked)
        own = part_swing(loop_frame(grooves, meters), own_feel) or bar_swing(grooves, meters, own_feel)
        swung = part.swing is not None or part.bar_swing is not None  # (a half-time shuffle's: on its bars)
        # with no genre asked, a swung part gets the network's shuffle (a backbeat on the hats): jazz is a word away
        tip = swung and not said.genre and said.voice_groups.get("cymbals", True)
        notes = [] if own is None else [swing_note(own, swung, tip)]
        notes += sixteenths_note(part.late16)  # (None under a swing, its own or asked: played_part)
        if settings.swing is not None:  # the swing asked, said with the part's own
            # (the tip where the part swings itself: a light swing asked over a straight part is no shuffle)
            notes = [asked_note(own, settings.swing, JAZZ_RIDE_TIP if tip and own is not None else None)]
        kit_rests = target != self.target  # (its own loops' point)
        shown = lambda bar: int(bar) + bar_shift  # noqa: E731  (bars as REAPER's ruler says them)
        notes += form_notes(part.form, stops, shown, kit_rests=kit_rests, softer=part.softer is not None and
                            bool(part.softer.any()) and part.intro_rests is None,
                            first_bar=next((int(b) for b in bars if b >= 1), None), laid_out=part.intro_rests is not None)
        notes += [] if part.breakdown is None else breakdowns_said(part.breakdown, bars, shown)
        notes += filter(None, [fill_bars_outside(said, bars, meters, starts, end, bar_shift)])
        kept = kit_at_asked(kit_kept(kit, meters, settings), settings, grooves)  # (at a swing asked: swing_asked.py)
        if kit is not None and kept is None and not kit_rests and kit_typed(kit):  # its groove played after all
            notes.append(TYPED_SAID)
        if kept is not None:
            notes.append("its kick, snare and toms are kept as it plays them (the cymbals, levels and timing a "
                         "drummer's); a genre or pattern asked moves them")
        loops, fast = as_written(self._play(part, settings, part.z, take=part.takes, kit=kept, cross_sticks=cross_sticks),
                                 part, stops, settings)
        if own is None and settings.swing is None and (said.pattern_a or said.pattern_b) and not drum_part and \
                any(swung_loop(loop) for loop in loops):
            notes.append(PATTERN_SWING_NOTE)
        notes += opening_said(part.opening, shown, loops) + ([fast_note(part.bpm)] if fast else [])  # (as played)
        notes += genre_half_time_said(feel_notes, settings.genre_weights(), settings.voice_groups.get("snare", True))
        notes += ignored_settings(said) + far_settings(said)
        notes += half_time_tips(settings.feel, None if drum_part or own is not None else bass, meters, part.bpm,
                                None if drum_part else grooves, bars, shown)
        fills, laid = laid_fills(part)
        return DrumifyResult(starts, bars, grooves, loops, rests_said_once(messages, part.form, shown) + notes, meters,
                             None if bass is None else np.asarray(bass, np.float32), bool(drum_part),
                             tuple(int(b) for b in part.form.section_bars), stops=tuple(stops),
                             opens_part=bool(opens_part), bar_shift=int(bar_shift), song_end=bool(song_end),
                             end=float(end), phrase_start=phrase_start, sounding=sounding,
                             bpm=part.bpm, parts=parts, bass_sounding=bass_sounding,  # (its versions': the same)
                             song=song, kit=kit, cross_sticks=with_clave_rim(
                                 None if kept is None or cross_sticks is None
                                 else cross_sticks & ~laid,  # (a fill's strokes on the head)
                                 # latin's clave on the rim (clave_rim.py)
                                 clave_rim_steps(loops, settings.genre_weights(), meters, part.g, part.heard,
                                                 part.counts, part.side, fills, part.bass)))

    def drumify_variations(self, grooves, settings: Settings, n: int, *, spread: float = 0.6, bars=None, meters=None,
                           section_bars: Sequence[int] = (), phrase_start: int | None = None, bass=None,
                           drum_part: bool = False, stops: Sequence[Stop] = (), starts=None, bass_sounding=None,
                           end: float = float("inf"), opens_part: bool = True, bar_shift: int = 0,
                           song_end: bool = True, tempos=None, sounding=None, bpm=None, parts=None,
                           song: SongBars | None = None, kit: np.ndarray | None = None,
                           cross_sticks: np.ndarray | None = None, lows: np.ndarray | None = None,
                           judged: np.ndarray | None = None, asked: np.ndarray | None = None,
                           band_levels=None, finish: Callable | None = None) -> np.ndarray:
        """n versions of a whole drum part: (n, W, 32, 27), with the same phrases and meters as drumify;
        stops: where the band stops dead and the drums with it (DrumifyResult.stops), in every version; starts,
        end: each window's start beat and the music's end (Windows), the sections heard as drumify hears them;
        opens_part: Windows.opens_part (DrumifyResult's), so a version opens as drumify's does; bar_shift:
        Windows.bar_shift (the fill bars typed as REAPER's ruler numbers them, as drumify reads them); song_end, tempos,
        sounding, parts, bass_sounding, song, band_levels: drumify_grooves'; bpm: each window's tempo (DrumifyResult.bpm; default:
        tempos'); judged: (W,) bool, the windows the versions are kept apart in (None: all); asked: (W,) bool, the
        windows laid in full (range_versions.asked_windows; None: all); finish: versions as written, before kept apart.

        Version 0 is the plain drumify. Without a pattern, version i is a take drawn from the model with seed + i
        (one draw for the whole part); with pattern A, version i moves every window's latent point by the same
        random offset. Either way each version is a coherent part of its own; an arranger can switch between them at
        any window. A take under MIN_VARIATION_CHANGE of its hits from an earlier version (core/takes.py), or
        dropping the plain version's backbeat, is drawn again (the best of REDRAWS other seeds, against all others).
        """
        if not 1 <= n <= 64:
            raise EngineError(f"variations must be from 1 to 64, got {n}")
        settings = ruler_fill_bars(settings, bar_shift)
        grooves = np.asarray(grooves, np.float32).reshape(-1, STEPS, 3)
        w = len(grooves)
        meters = with_feel(meters, settings.feel, w)[0]
        bars = np.arange(w) * 2 + 1 if bars is None else np.asarray(bars)
        meters = held_groupings(meters, grooves, bars, section_bars, bass)  # (as drumify's)
        target = kit_target(self.target, self.encode, kit_heard(kit, settings, grooves), meters)  # (a drum part's kit)
        part = played_part(target, grooves, settings, bars=bars, meters=meters,
                           section_bars=section_bars, phrase_start=phrase_start, bass=bass, drum_part=drum_part,
                           stops=stops, starts=starts, end=end, opens_part=opens_part, song_end=song_end, tempos=tempos,
                           sounding=sounding, bpm=bpm, parts=parts, bass_sounding=bass_sounding, song=song, lows=lows,
                           band_levels=band_levels)
        kept = kit_at_asked(kit_kept(kit, meters, settings), settings, grooves)  # (at a swing asked: swing_asked.py)
        return drawn_versions(partial(self._play, part, settings, kit=kept, cross_sticks=cross_sticks), part, settings, n, spread,
                              stops, judged, asked, finish)

    def _play(self, part: PlayedPart, settings: Settings, z, *, take, k: int = 1, kit: np.ndarray | None = None,
              cross_sticks: np.ndarray | None = None,
              **per_loop) -> np.ndarray:
        """k copies of the part's windows played (real grid, before stops and tempo): (k * W, 32, 27); kit: a drum
        part's own loops whose drums they keep (drum_parts.kit_kept)."""
        w = len(part.g)
        # each copy's bars counted on from the last copy's, as the versions' loops were (2 bars a loop): a version
        # comps on from the one before, the clave's bars the song's
        counts = None if part.counts is None else (part.counts + 2 * w * np.arange(k)[:, None]).reshape(-1)
        loops = self.play_part(np.tile(part.g, (k, 1, 1)), z, settings,
                               part.form.plan if k == 1 else part.form.plan.take(np.tile(np.arange(w), k)),
                               None if part.meters is None else list(part.meters) * k, unique=settings.hold,
                               bass=None if part.bass is None else np.tile(part.bass, (k, 1, 1)),
                               drum_part=part.drum_part, take=take, swing=part.swing, sixteenths=part.sixteenths,
                               late16=part.late16, bpm=None if part.bpm is None else np.tile(part.bpm, k),
                               counts=counts, side=part.side,
                               part_level=None if part.level is None else np.tile(part.level, k), **per_loop)
        # reggae's, disco's and jazz's own half time (core/half_time_genres.py; jazz's comping where the snare plays,
        # against the part on the bars' own steps: the loop frame's grooves are at half speed there)
        loops = genre_half_time(loops, part.meters, settings.genre_weights(), part.bar_swing is not None,
                                np.tile(part.heard, (k, 1, 1)) if plays(settings, "snare") else None,
                                plays(settings, "ride"), counts, part.side,  # (a voice capped at 0: as switched off)
                                density=settings.density_cells)
        # (half time's fills as the leading genre plays them, over its half-time beat: half_time_fills.py)
        loops = part_fills(loops, part, settings, k, per_loop.get("seed"))
        loops = swung_bars(loops, part.meters, part.bar_swing)  # (a half-time shuffle's, on its bars)
        if kit is None:
            return loops
        # (its drums as played, the groups muted left out, then under --max-hits as the beats are)
        fills, asked = laid_fills(part)
        # (a sketch's hats at the swing its drums play: one asked, else its own as typed)
        swing = part.swing or part.bar_swing or swing_of(part.g)
        kept = keep_the_kit(loops, kit, asked, settings.voice_groups, swing, cross_sticks)
        return cap_played(kept, None if part.meters is None else
                          list(part.meters) * k, settings.max_hits, np.tile(fills, (k, 1)))

    def interpolate(self, a: Pattern, b: Pattern, steps: int, settings: Settings, *,
                    drum_part: bool = False) -> np.ndarray:
        """A path of `steps` loops from pattern A's latent point to B's (both ends included), as the pad moves
        between them: a drum loop's point plays its loop, a part's own point drumify's drums for it. Each end's
        bass groove (Pattern.bass) moves along the path as its groove does, so the kick follows the bass as
        drumify's does (without it, a funk bass line's own end kicked on the beats and not with the line)."""
        if not MIN_STEPS <= steps <= MAX_STEPS:
            raise EngineError(f"interpolation steps must be from {MIN_STEPS} to {MAX_STEPS}, got {steps}")
        # each end is read straight at its own swing and the swing moves along the path (read from the blend,
        # a path from a straight part to a shuffle had played the shuffle's end straight)
        (za, sa, ga, la), (zb, sb, gb, lb) = self._read(a, drum_part), self._read(b, drum_part)
        settings = settings.replace(swing=None)  # (each end's own swing, not one asked: options.py says so)
        t = np.linspace(0.0, 1.0, steps, dtype=np.float32)[:, None]
        along = lambda x, y: ((1 - t)[:, :, None] * x + t[:, :, None] * y).astype(np.float32)  # noqa: E731
        lows = None if la is None and lb is None else along(*(np.zeros((STEPS, 3), np.float32) if e is None else e
                                                             for e in (la, lb)))
        own = np.array([float(a.loop is None), float(b.loop is None)], np.float32)
        share = (1 - t[:, 0]) * own[0] + t[:, 0] * own[1]
        # each step's nearer end's drum loop, whose hits its point holds (pattern_hits.py): A's to half way, B's on
        nearer = np.where(t[:, 0] <= 0.5, 0, 1)
        ends = [e.loop if e.loop is not None else np.zeros((STEPS, HVO_WIDTH), np.float32) for e in (a, b)]
        loop_share = np.where(nearer == 0, (1 - t[:, 0]) * (1 - own[0]), t[:, 0] * (1 - own[1]))
        if a.loop is not None and b.loop is not None and np.array_equal(a.loop, b.loop):
            loop_share = np.ones_like(loop_share)  # (one loop at both ends: every step is its point)
        loops = self._decode(along(ga, gb), ((1 - t) * za + t * zb).astype(np.float32), settings,
                             drum_part=drum_part, bass=lows, prior_share=share if share.any() else None,
                             pattern=np.stack([ends[k] for k in nearer]), pattern_share=loop_share,
                             part_level=path_level(ga, gb, own, steps))
        for i, swing in enumerate(path_swings(sa, sb, t)):
            if swing is not None:
                loops[i] = play_swung(loops[i:i + 1], swing)[0]
        return loops

    def pattern_grooves(self, names: Sequence[str]) -> np.ndarray:
        return np.stack([self.patterns.get(n).groove for n in names])
