"""Tips on a genre a part calls for, said where no genre is asked: a reggae skank's one drop, a bossa's clave.

A reggae part (the keys' or guitar's chords chopped on the off-beats over a bass that leaves the 1 open, 60-90 BPM)
drummed with no genre asked got the network's busy funk-rock beat (the kick on the 1 where the bass rests, a
backbeat on 2 and 4), and nothing said that `--genre reggae` plays the one drop (core/one_drop.py). As a swung part
is told of the jazz ride (swing.JAZZ_RIDE_TIP), a skank is told of the reggae genre (`skank_tip`).

Read conservatively from the notes (a groove keeps one note a step, no chord): a skank bar is a 4/4 bar in which
one part above the bass (low_register's split) plays chords of 2+ notes on at least 3 of the beats' "and"s and
nothing on the beats over a bass that leaves the 1 open (an oom-pah in 8ths, the bass on every beat, is none), or (a skank written at half the count) chords on 2 and 4 alone over a bass that plays in
the bar but not on its 1 (an oom-pah's bass on 1 and 3 is no skank). A song is a skank where such bars number at
least MIN_BARS and SHARE of the 4/4 bars its band plays, at a tempo from MIN_BPM to MAX_BPM (ska's and house's
off-beat chords run faster). Plain numpy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .constants import DRUM_CHANNEL
from .groove import bar_grid
from .low_register import BASS_MEDIAN_PITCH, BASS_PITCH
from .midi import MidiContent, tempo_at

# (a tip, not what plays: the drop described, not named, as no note over drums without it says "one drop")
SKANK_TIP = ("the chords chop on the off-beats (a skank): for reggae's drop, the kick and rim on the 3, ask for the "
             "reggae genre")
MIN_BARS = 4  # skank bars a song needs: several bars, not a fill's stabs
SHARE = 0.5  # of the 4/4 bars the band plays in
MIN_BPM, MAX_BPM = 50.0, 110.0
ANDS, BEATS, BACKBEATS = (2, 6, 10, 14), (0, 4, 8, 12), (4, 12)  # a 4/4 bar's 16ths
MIN_ANDS = 3  # of the 4 "and"s, chords on at least these
LOOSE = 0.3  # a note this far (in 16ths) off its 16th counts on no step (a 32nd run, a triplet)
# A bossa nova (the bass on 1, the "and" of 2, 3 and the "and" of 4 under syncopated chords: `bossa_bars`) drummed
# with no genre asked got a loud rock backbeat, and nothing said that `--genre latin` plays the bossa clave on the
# rim with the kick on the bass's figure (core/clave.py's bossa_bass).
BOSSA_TIP = ("the bass plays 1, the \"and\" of 2, 3 and the \"and\" of 4 under off-beat chords (a bossa nova): for the "
             "bossa clave on the rim and the kick with the bass, ask for the latin genre")
BOSSA_BASS = {0, 6, 8, 14}  # a bossa bar's bass, in 16ths
BOSSA_OFF = 1  # other steps the bass may play in a bossa bar (a passing note)
BOSSA_MIN_BPM, BOSSA_MAX_BPM = 90.0, 160.0
EIGHTHS = range(0, 16, 2)  # chords on all of a bar's 8ths are a strum, no bossa's comping


def skank_tip(content: MidiContent, settings) -> str | None:
    """SKANK_TIP where `content`'s band plays a skank (see the module) and `settings` ask no genre and no pattern;
    None otherwise (audio, whose onsets carry no chords; a drum part)."""
    if settings.genre or settings.pattern_a or settings.pattern_b or getattr(content, "bass_part", None) is not None:
        return None
    return SKANK_TIP if skank_bars(content) else None


def style_tip(content: MidiContent, settings) -> str | None:
    """The skank's tip (skank_tip), else BOSSA_TIP where `content`'s band plays a bossa (bossa_bars) under the same
    terms (no genre, no pattern, no drum part), else None."""
    tip = skank_tip(content, settings)
    if tip is not None or settings.genre or settings.pattern_a or settings.pattern_b or \
            getattr(content, "bass_part", None) is not None:
        return tip
    return BOSSA_TIP if bossa_bars(content) else None


def skank_said(result, content: MidiContent, settings):
    """A drumify result (DrumifyResult) over `content`, its messages ending on the style's tip where `style_tip`
    gives one (a skank's, a bossa's: as the swing's jazz tip, said once with the part's other notes)."""
    tip = style_tip(content, settings)
    if tip is None or result.drum_part or tip in result.messages:
        return result
    return replace(result, messages=[*result.messages, tip])  # (a new result: a cached one keeps its notes)


def skank_bars(content: MidiContent) -> int:
    """How many of `content`'s 4/4 bars the skank plays (0 where the song is no skank: see the module)."""

    def skank(bass: set, on: set, chords: set) -> bool:
        # (over a bass that leaves the 1 open: a bass on every beat under chords on the "and"s is an oom-pah)
        ands = len(chords & set(ANDS)) >= MIN_ANDS and not on & set(BEATS) and len(on - set(ANDS)) <= 1 and \
            0 not in bass
        return bool(ands or (on == set(BACKBEATS) == chords and bass and 0 not in bass))

    return bars_playing(content, MIN_BPM, MAX_BPM, skank)


def bossa_bars(content: MidiContent) -> int:
    """How many of `content`'s 4/4 bars play a bossa (0 where the song is none): the bass on the 1 and 3, the "and"
    of 2 or of 4, nothing on 2 or 4 and at most BOSSA_OFF other steps, under a part above it playing chords, one
    off the beats at least, and not on all 8ths (a strum), at BOSSA_MIN_BPM to BOSSA_MAX_BPM; MIN_BARS and SHARE of
    the band's 4/4 bars, as a skank."""

    def bossa(bass: set, on: set, chords: set) -> bool:
        return bool({0, 8} <= bass and bass & {6, 14} and not bass & {4, 12} and len(bass - BOSSA_BASS) <= BOSSA_OFF
                    and any(s % 4 for s in chords) and not set(EIGHTHS) <= on)

    return bars_playing(content, BOSSA_MIN_BPM, BOSSA_MAX_BPM, bossa, early=True)


def bars_playing(content: MidiContent, lo: float, hi: float, plays, early: bool = False) -> int:
    """How many of `content`'s 4/4 bars at lo to hi BPM have a part above the bass where plays(the bass's steps, the
    part's steps, its steps with chords) holds, where they are MIN_BARS and SHARE of its 4/4 bars; else 0 (bar_steps:
    the grid, early: a note just before a bar line on the next bar's 1)."""
    gridded = bar_steps(content, early=early)
    if gridded is None:
        return 0
    notes, lines, at, step, ok, key, low, tempo, played = gridded
    n = 0
    for bar in played:
        if not lo <= tempo[bar] <= hi:
            continue
        here = ok & (at == bar)
        bass = set(step[here & low].tolist())
        for part in np.unique(key[here & ~low]):
            mine = here & ~low & (key == part)
            steps = step[mine]
            chords = {s for s in set(steps.tolist()) if len(np.unique(notes.pitch[mine][steps == s])) >= 2}
            if plays(bass, set(steps.tolist()), chords):
                n += 1
                break
    return n if n >= MIN_BARS and n >= SHARE * len(played) else 0


def bar_steps(content: MidiContent, early: bool = False):
    """`content`'s band notes on its bars' 16ths, for the readings above: (notes, bar lines, each note's bar, its
    16th, whether it counts (on a 16th of a 4/4 bar), its part, whether it is the bass's, each bar's tempo, the 4/4
    bars played), None where no band note plays. early: a note a little before a bar line counts on the next bar's
    1 (a played bass's downbeat, 10 ticks early, had counted on no step: half of R11's bossa bars)."""
    notes = content.notes
    notes = notes.select(notes.channel != DRUM_CHANNEL)
    if len(notes) == 0:
        return None
    grid = bar_grid(content.time_signatures, float(notes.start.max()))
    lines, four = grid.lines, np.array([m == (4, 4) for m in grid.meters])
    at = np.searchsorted(lines, notes.start + 1e-6, side="right") - 1
    pos = (notes.start - lines[np.clip(at, 0, len(lines) - 1)]) * 4
    step = np.rint(pos).astype(np.int64)
    ok = (at >= 0) & (np.abs(pos - step) <= LOOSE)
    if early:
        wrap = (step == 16) & (at + 1 < len(lines))
        at, step = np.where(wrap, at + 1, at), np.where(wrap, 0, step)
    ok &= step < 16
    ok &= four[np.clip(at, 0, len(four) - 1)]
    key = notes.parts()
    medians = {k: float(np.median(notes.pitch[key == k])) for k in np.unique(key)}
    low = np.isin(key, [k for k, m in medians.items() if m < BASS_MEDIAN_PITCH])
    if not low.any():
        low = notes.pitch < BASS_PITCH
    tempo = tempo_at(content.tempos, lines)
    played = np.unique(at[ok & four[np.clip(at, 0, len(four) - 1)]])
    return notes, lines, at, step, ok, key, low, tempo, played


__all__ = ["BOSSA_TIP", "SKANK_TIP", "bossa_bars", "skank_bars", "skank_said", "skank_tip", "style_tip"]
