"""What a drum part is: notes all on MIDI channel 10 (a drum take, pads played live), which the drum-part network
plays (models/README.md), and whether it was typed into a DAW rather than played."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .constants import DRUM_CHANNEL
from .drum_part_cross_stick import keep_cross_stick_levels
from .drummap import GM_DRUM_MAP, DrumMap
from .limbs import CLOSED_HAT, CRASH, HANDS_FROM, HIGH_TOM, KICK, LOW_TOM, MID_TOM, OPEN_HAT, RIDE, SNARE
from .loop import HVO_WIDTH, N_VOICES, STEPS, STEPS_PER_BEAT, VOICE_GROUPS, VOICES
from .meter import is_pickup, is_plain
from .midi import Notes

KIT_DRUMS = (KICK, SNARE, LOW_TOM, MID_TOM, HIGH_TOM)  # the drums a part's own kick, snare and toms keep (keep_the_kit)
TIME_KEEPERS = (CLOSED_HAT, OPEN_HAT, RIDE)
CYMBALS = (CLOSED_HAT, OPEN_HAT, CRASH, RIDE)


def typed_beat(notes: Notes) -> bool:
    """A drum part typed into a DAW: 8 notes or more, all at one velocity and on the 16th grid (within a 20th of a
    16th, 6 ms at 120 BPM: tighter than a player). Its groove has no accents or timing, where a drummer's tells
    the drum-part network where the kick and snare were (models/README, "Tried in stop 58": F1 0.44 against 0.64
    on GMD's validation loops made so)."""
    if len(notes) < 8 or np.ptp(notes.velocity) > 1:
        return False
    return bool(np.all(np.abs(notes.start * STEPS_PER_BEAT - np.round(notes.start * STEPS_PER_BEAT)) < 0.05))


def is_drum_part(notes: Notes) -> bool:
    """Whether notes are a drum part: every one on MIDI channel 10 (a drum take, a pad, a drum loop
    to re-drum). Such a part's onsets are drum hits already, so the model trained on drummers'
    own grooves plays it (models/README.md); any other part is a band part."""
    return bool(len(notes)) and bool(np.all(notes.channel == DRUM_CHANNEL))


def kit_loops(notes: Notes, starts: np.ndarray, drum_map: DrumMap = GM_DRUM_MAP) -> np.ndarray | None:
    """(W, 32, 27) the drum part's own loops where it plays a kit (the kick or the snare and another voice), so the
    drums keep its pattern (Engine.drumify_grooves: the point that reproduces them, its drums kept: keep_the_kit);
    None for a rhythm tapped on one pad, which the drum-part network drums from its groove alone. A typed rock
    beat's groove alone had given the kick on 2 and 4 with the snare (kick F1 0.10 against the part's own on
    freedoom's e1m1 drums). A crash played as a time-keeper (2 or more in a bar) is read as the ride, which the
    network keeps time on: a crash is kept where phrases start (fills.place_crashes), and e1m1's ridden crash
    had left 26 of its bars with no cymbal on the 1."""
    from .groove import loops_from_notes  # (groove imports this module)

    voices = np.unique(drum_map.voice_of_pitch()[notes.pitch]) if len(notes) else np.zeros(0, int)
    voices = voices[(voices >= 0) & (voices < N_VOICES)]
    if len(voices) < 2 or not np.isin(voices, (KICK, SNARE)).any():
        return None
    loops = loops_from_notes(notes, np.asarray(starts, np.float64), drum_map)[0]
    bars = loops.reshape(len(loops), 2, STEPS // 2, HVO_WIDTH)  # (a view)
    ridden = ((bars[..., CRASH] > 0.5).sum(-1) >= 2)[..., None] & (bars[..., CRASH] > 0.5) & (bars[..., RIDE] < 0.5)
    for channel in range(3):
        bars[..., channel * N_VOICES + RIDE] = np.where(ridden, bars[..., channel * N_VOICES + CRASH],
                                                        bars[..., channel * N_VOICES + RIDE])
        bars[..., channel * N_VOICES + CRASH][ridden] = 0.0
    return loops


def keeps_time(kit: np.ndarray) -> bool:
    """Whether a drum part's loops keep time on a cymbal (hats or ride): a kick-and-snare sketch does not, and the
    drum-part network adds the hands from its groove (kit_target)."""
    return bool((kit[..., list(TIME_KEEPERS)] > 0.5).any())


def kit_target(target: Callable, encode: Callable, kit: np.ndarray | None, meters) -> Callable:
    """Engine.target, for a drum part playing a kit (kit: its own loops, groove.Windows.kit) on 4/4 bars as played
    (no half-time feel) and keeping time on a cymbal, from the point that reproduces its loops (encode: Engine's,
    with them) rather than its groove's alone: the drums keep its pattern, and variations, seeds and patterns
    move from there."""
    if kit is None or not kit_bars(meters) or not keeps_time(kit):
        return target  # (a kick-and-snare sketch: the hands from its groove, its drums kept all the same)

    def own(settings, grooves: np.ndarray, z_groove=None, *, bass=None, drum_part: bool = False):
        z = encode(grooves, kit, bass=bass, drum_part=True) if drum_part else z_groove
        return target(settings, grooves, z, bass=bass, drum_part=drum_part)
    return own


def kit_kept(kit: np.ndarray | None, meters, settings) -> np.ndarray | None:
    """A drum part's own loops whose drums its drums keep (keep_the_kit): on 4/4 bars as played, unless a genre or
    pattern heard (follow under 1: at 1 a pattern set is not heard, Settings.inactive) moves them from its own
    pattern. None: none kept."""
    unheard = settings.inactive()  # (a pattern set at Follow 1 is not heard)
    pattern = any(getattr(settings, k) is not None and k not in unheard for k in ("pattern_a", "pattern_b"))
    steered = pattern or any(settings.genre_weights())
    return kit if kit is not None and kit_bars(meters) and not steered else None


def kit_bars(meters) -> bool:
    """Whether a drum part's windows (meters: Windows.meters, None: 4/4) are bars its own loops are kept on: 4/4 as
    played, a pickup before them too (GMD's takes opening with one had lost every tom to the snare)."""
    return meters is None or all(is_plain(m) or is_pickup(m) for m in meters)


def keep_the_kit(loops: np.ndarray, kit: np.ndarray, fill_at: np.ndarray, groups: dict | None = None,
                 swing: float | None = None, cross_sticks: np.ndarray | None = None) -> np.ndarray:
    """Loops (k * W, 32, 27) of a drum part's k versions on its bars, in place and returned, with its drums (kick,
    snare, toms) as the part plays them (kit: (W, 32, 27), kit_loops') outside the fills laid (fill_at: (W, 32)):
    a hit the network plays there too keeps its level and timing, one it left out comes back at the part's level
    scaled as the network plays that drum, one it added goes. The cymbals, levels and timing are the network's.
    groups: Settings.voice_groups (a group switched off keeps none: `--mute kick` had kept the typed kicks); swing:
    the swing the drums play at (sketch_hands); cross_sticks: (W, 32) the part's cross-stick strokes
    (drum_part_cross_stick.cross_stick_steps), kept at its own level.
    The decode of a part's own point had dropped off-beat kicks (a typed rock beat's "and" of 3, e1m1's "--XX" as
    "--x-") and flattened a take's own fills (GMD funk: 13 tom strokes to 0)."""
    k = len(loops) // max(len(kit), 1)
    take, free = np.tile(kit, (k, 1, 1)), ~np.tile(np.asarray(fill_at, bool), (k, 1))
    on = {v for g, voices in VOICE_GROUPS.items() if (groups or {}).get(g, True) for v in map(VOICES.index, voices)}
    for v in (v for v in KIT_DRUMS if v in on):
        vel, off = N_VOICES + v, 2 * N_VOICES + v
        theirs, ours = take[..., v] > 0.5, loops[..., v] > 0.5
        both = theirs & ours
        scale = float(np.median(loops[..., vel][both]) / max(np.median(take[..., vel][both]), 1e-3)) if both.any() else 1.0
        back, gone = theirs & ~ours & free, ours & ~theirs & free
        loops[..., v][back] = 1.0
        loops[..., vel][back] = np.clip(take[..., vel][back] * scale, 0.05, 1.0)
        loops[..., off][back] = take[..., off][back]
        silence(loops, [v], gone)
    if cross_sticks is not None and SNARE in on:
        keep_cross_stick_levels(loops, take, np.tile(np.asarray(cross_sticks, bool), (k, 1)) & free)
    if not keeps_time(kit) and {CLOSED_HAT, RIDE} & on:
        sketch_hands(loops, free, CLOSED_HAT if CLOSED_HAT in on else RIDE, swing)
    else:
        keep_its_time(loops, take, free, on)
        keep_its_rate(loops, take, free)
    hands_on_the_drums(loops, take, free)
    two_hands(loops, free)
    return loops


def hands_on_the_drums(loops: np.ndarray, take: np.ndarray, free: np.ndarray) -> None:
    """In place: in a beat where the part plays a figure on its drums (3 or more snare and tom strokes), the
    network's hats and ride go but where the part strikes a cymbal itself: both hands are on the drums (e1m1's
    'XXXX' snare on beat 4, its open hat on the beat only, lost a stroke to the one-hand rule at 165 BPM under the
    network's hat on the 'and': hand_speed.at_tempo)."""
    n = len(loops)
    drums = (take[..., list(KIT_DRUMS[1:])] > 0.5).any(-1).reshape(n, -1, STEPS_PER_BEAT).sum(-1) >= 3
    cymbals = (take[..., list(CYMBALS)] > 0.5).any(-1)
    silence(loops, TIME_KEEPERS, np.repeat(drums, STEPS_PER_BEAT, axis=1) & free & ~cymbals)


def silence(loops: np.ndarray, voices, where: np.ndarray) -> None:
    """In place: the voices' hits, velocities and offsets cleared on the steps `where` (k * W, 32) of loops."""
    for v in voices:
        for channel in (v, N_VOICES + v, 2 * N_VOICES + v):
            loops[..., channel][where] = 0.0


def keep_its_time(loops: np.ndarray, take: np.ndarray, free: np.ndarray, on: set) -> None:
    """In place: on each beat where the part keeps time on a cymbal (TIME_KEEPERS) and a version of its drums plays
    no cymbal, the part's own stroke, at the level the version plays that cymbal (e1m1's versions 2 and 3 had kept
    time with one ride stroke a bar, or hats on 2 and 4 only, over its open hat on every beat)."""
    beat = np.zeros(STEPS, bool)
    beat[::STEPS_PER_BEAT] = True
    cymbals = (loops[..., list(CYMBALS)] > 0.5).any(-1)
    for v in (v for v in TIME_KEEPERS if v in on):
        theirs = (take[..., v] > 0.5) & beat & free & ~cymbals
        if not theirs.any():
            continue
        played = loops[..., v] > 0.5
        level = float(np.median(loops[..., N_VOICES + v][played])) if played.any() else float(
            np.median(take[..., N_VOICES + v][take[..., v] > 0.5]))
        loops[..., v][theirs] = 1.0
        loops[..., N_VOICES + v][theirs] = level
        loops[..., 2 * N_VOICES + v][theirs] = take[..., 2 * N_VOICES + v][theirs]
        cymbals |= theirs


def keep_its_rate(loops: np.ndarray, take: np.ndarray, free: np.ndarray) -> None:
    """In place: in a bar where the part keeps time on quarters (a hat or the ride on 3 or more of its beats, no
    hat or ride stroke off the beat), the network's hats and ride off the beat go outside the fills: a drummer
    re-drumming it keeps that time-keeper's rate. The network had doubled it: e1m1's quarter open hat came back on
    every 8th (bars 9-16); of the bars ridden on a quarter open hat, 29 of 37 in GMD's validation beats and 130 of
    155 in 40 freedoom drum tracks had the open hat off the beat too, a wash where the part rides the beat."""
    n, bar = len(loops), STEPS // 2
    beat = np.arange(bar) % STEPS_PER_BEAT == 0
    keepers = (take[..., list(TIME_KEEPERS)] > 0.5).reshape(n, -1, bar, len(TIME_KEEPERS))
    quarters = (keepers[:, :, beat].sum(2) >= 3).any(-1) & ~keepers[:, :, ~beat].any((2, 3))  # (n, bars)
    off_beat = np.repeat(quarters, bar, axis=1) & ~np.tile(beat, STEPS // bar)
    silence(loops, TIME_KEEPERS, off_beat & free)


def two_hands(loops: np.ndarray, free: np.ndarray) -> None:
    """In place: where the part's own drums kept (snare and toms) leave the hands no room, the cymbal the network
    added goes (a typed sketch's tom figure under 8th hats had the hat over snare and tom: three hands)."""
    crowded = ((loops[..., HANDS_FROM:N_VOICES] > 0.5).sum(-1) > 2) & free
    for v in TIME_KEEPERS:
        silence(loops, [v], crowded & (loops[..., v] > 0.5))
        crowded &= (loops[..., HANDS_FROM:N_VOICES] > 0.5).sum(-1) > 2


def sketch_hands(loops: np.ndarray, free: np.ndarray, keeper: int = CLOSED_HAT, swing: float | None = None) -> None:
    """In place: the closed hat (keeper: or the ride, the hats muted) on every 8th outside the fills (free), the
    beats a little louder, under the snare, over a kick-and-snare sketch that keeps no time itself; its off-beat
    8ths at `swing` (16ths from the beat, as swing.Swing; None: straight), as its kick and snare are played (they
    had swung at --swing 66 over hats left straight, a flam with the kick on the "and" every bar). The drum-part
    network, hearing a typed sketch's groove alone, had kept time only on 2 and 4 (hat and ride together)."""
    snare = loops[..., N_VOICES + SNARE][loops[..., SNARE] > 0.5]
    level = min(0.7, 0.75 * float(np.median(snare))) if len(snare) else 0.6
    silence(loops, TIME_KEEPERS, free)
    late = 0.0 if swing is None else float(swing) - 2  # the off-beat 8th, from the "and" (2 16ths: straight)
    step, late = (3, late - 1) if late >= 0.5 else (2, late)  # (on the "a" from half a 16th late, as swing_loops)
    eighths = np.zeros(STEPS, bool)
    eighths[::STEPS_PER_BEAT] = True
    eighths[step::STEPS_PER_BEAT] = True
    at = free & eighths & (loops[..., CRASH] < 0.5)  # (the crash's hand plays the 1 it opens)
    on_beat = np.broadcast_to(np.arange(STEPS) % STEPS_PER_BEAT == 0, at.shape)
    loops[..., keeper][at] = 1.0
    loops[..., N_VOICES + keeper][at] = np.where(on_beat, level, 0.8 * level)[at]
    loops[..., 2 * N_VOICES + keeper][at] = np.where(on_beat, 0.0, late)[at]


def drum_part_said(notes: Notes, kit: np.ndarray | None, drums: bool = True) -> list[str]:
    """What to tell the producer of a drum part drummed (drums) or read (`reagroove groove`); kit: kit_loops'."""
    if not drums:
        return ["the input is a drum part (MIDI channel 10): drumify plays it with the drum-part model"]
    said = ["the input is a drum part (MIDI channel 10): the drum-part model plays it"]
    # its groove says nothing of where the kick and snare were (a kit's own are kept: Engine.drumify_grooves says
    # so, or this where it plays the groove after all: half time, a sketch steered)
    return said + ([TYPED_SAID] if kit is None and typed_beat(notes) else [])


TYPED_SAID = ("the drum part is typed at one velocity on the grid: the drum-part model hears no accents, so its kick "
              "may not follow yours (give the hats 75 or less against a kick and snare at 100)")


def kit_typed(kit: np.ndarray) -> bool:
    """Whether a drum part's own loops (kit_loops') were typed (typed_beat: one velocity, on the grid)."""
    hits = kit[..., :N_VOICES] > 0.5
    if hits.sum() < 8:
        return False
    return bool(np.ptp(kit[..., N_VOICES:2 * N_VOICES][hits]) <= 1.5 / 127 and
                (np.abs(kit[..., 2 * N_VOICES:][hits]) < 0.05).all())


__all__ = ["drum_part_said", "is_drum_part", "keep_its_rate", "keep_the_kit", "keeps_time", "kit_bars", "kit_kept", "kit_loops", "kit_target", "kit_typed", "TYPED_SAID", "typed_beat"]
