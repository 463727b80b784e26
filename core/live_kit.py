"""A live drum part's own kit, kept as drumify keeps a drum part's (drum_parts.py): pads played live on MIDI channel
10 that play a kit (the kick or the snare and another drum) on 4/4 bars are drummed from the point that reproduces
their loops (kit_target), their kick, snare and toms kept as played outside the fills (keep_the_kit), the cymbals,
levels and timing the network's. From its groove alone a typed rock beat's kick had come on 2 and 4 with the snare
live, where drumify kept it on 1, 3 and the 3's "and"."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .drum_parts import KIT_DRUMS, keep_the_kit, kit_kept, kit_loops, kit_target
from .drummap import GM_DRUM_MAP
from .live_bass import NOTES_KEPT
from .loop import N_VOICES, STEPS, STEPS_PER_BEAT
from .midi import Notes
from .settings import Settings
from .swing import swing_of
from .swing_asked import asked_swing, kit_at_asked, kit_heard
from .thinning import cap_played


def heard_kit(session, groove: np.ndarray) -> np.ndarray | None:
    """(32, 27) the drum notes of a LiveSession's buffer on the steps its `groove` ((32, >=1), the buffer read) plays,
    as drumify reads a part's loops (drum_parts.kit_loops, the session's drum map: GM's where it has none); None where
    they play no kit, or the windows are not 4/4's two bars."""
    read = _read_kit(session, groove)
    return None if read is None else read[0]


def _read_kit(session, groove: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """heard_kit's kit and the (32,) steps it holds the other bar's notes on (none struck there yet)."""
    low, n = session._low, session._window_steps()
    if session.window_bars is not None or n != STEPS:
        return None
    lo = max(0, low.count - NOTES_KEPT)
    rows = lo + np.flatnonzero((low.pitch[lo:low.count] >= 0) & (low.channel[lo:low.count] == DRUM_CHANNEL))
    hit = np.asarray(groove)[:n, 0] > 0.5
    if len(rows) == 0 or not hit.any():
        return None
    step = low.step[rows] % n
    last = np.full(n, -np.inf)
    np.maximum.at(last, step, low.beat[rows])
    # the notes of each step's last pass (a window earlier is the pass it replaced), where the groove hears a hit
    now = (low.beat[rows] > last[step] - n / STEPS_PER_BEAT / 2) & hit[step]
    rows, step = rows[now], step[now]
    # a step the groove holds that no note was struck on plays the other bar's (the player's first bar held over
    # the second at a session's start: live_refill.first_bar_held)
    bar = int(round(session.beats_per_bar * STEPS_PER_BEAT))
    struck = np.zeros(n, bool)
    struck[step] = True
    held_steps = np.zeros(n, bool)
    if 0 < bar and 2 * bar == n:
        held = (hit & ~struck)[(step + bar) % n]
        rows, step = np.concatenate([rows, rows[held]]), np.concatenate([step, (step[held] + bar) % n])
        held_steps[step[len(step) - int(held.sum()):]] = True
    if len(rows) == 0:
        return None
    start = (step + low.offset[rows]) / STEPS_PER_BEAT
    notes = Notes(start, start + 0.1, low.pitch[rows].astype(np.int16),
                  np.clip(np.round(low.velocity[rows] * 127), 1, 127).astype(np.int16),
                  np.full(len(rows), DRUM_CHANNEL, np.int16), np.zeros(len(rows), np.int32))
    kit = kit_loops(notes, np.zeros(1), session.drum_map or GM_DRUM_MAP)
    return None if kit is None else (kit[0], held_steps)


def take_kit(session, heard: np.ndarray, grooves: np.ndarray) -> np.ndarray | None:
    """(n, 32, 27) the kit of each window of a live drum part's take (heard: its grooves (n, 32, >=1) as the take
    holds them, the last the new loop's; grooves: as played, live_take.take_as_played): each remembered by its place
    in the take and its groove, the last's read from the notes heard (heard_kit); None where the last plays no kit.
    (Remembered by its groove alone, a fill on the beat's strokes (a tom for the snare on 4, toms on the hats'
    8ths), which has the beat's groove, stood for every window of that groove: no beat was left to play in its
    place, and it came back a window later.)"""
    kits, n = session._kits, len(heard)
    # (each remembered kit's steps holding the other bar's drums: _read_kit's)
    was_held = getattr(session, "_kits_held", {})
    # places counted from the take's newest: a loop made as the player plays is a window on from the last call's,
    # one made while they rest (or silence's plain loop) is on the last call's take again
    moved = 0 if session._was_quiet else 1

    def remembered(i: int) -> tuple[np.ndarray, np.ndarray] | None:
        groove, place = heard[i].tobytes(), n - 1 - i - moved
        if place >= 0 and (place, groove) in kits:
            key = (place, groove)
        else:  # (a take that moved otherwise: the newest of its groove's)
            same = sorted(key for key in kits if key[1] == groove)
            key = same[0] if same else None
        return None if key is None else (kits[key], was_held.get(key, np.zeros(STEPS, bool)))

    last, mine = _read_kit(session, heard[-1]), remembered(n - 1)
    hits = np.asarray(grooves)[..., 0] > 0.5
    if mine is not None and (last is None or not covers(last[0], hits[-1])):
        last = mine  # (silence's loop made later, its notes faded: the kit they played then)
    if last is None:
        session._kits, session._kits_held = {}, {}
        return None
    earlier = [remembered(i) for i in range(n - 1)]
    read = {(n - 1 - i, g.tobytes()): k for i, (g, k) in enumerate(zip(heard, earlier + [last])) if k is not None}
    session._kits = {key: k for key, (k, _) in read.items()}
    session._kits_held = {key: held for key, (_, held) in read.items()}
    # each window's as heard (a step played since, take_as_played's, is the fill a window later: beat_for_fills),
    # where its groove as played still hits
    kit = np.stack([(last if k is None else k)[0] for k in earlier] + [last[0]]).astype(np.float32)
    held = np.stack([np.zeros(STEPS, bool) if k is None else k[1] for k in earlier] + [last[1]])
    # a window's steps holding the other bar's drums (not played yet when its loop was made), as the next window
    # heard them played: the first bar held over a two-bar groove's B bar had played the B bar "otherwise", and
    # beat_for_fills read B as new, a fill, and played the held bar's drums in its place
    for i in range(n - 2, -1, -1):
        kit[i][held[i]] = kit[i + 1][held[i]]
    kit[~hits] = 0.0
    return kit


def covers(kit: np.ndarray, hits: np.ndarray) -> bool:
    """Whether a kit's loop (32, 27) plays a drum on every step of `hits` (32,)."""
    return bool((kit[..., :N_VOICES] > 0.5).any(-1)[hits].all())


def beat_for_fills(kit: np.ndarray) -> np.ndarray:
    """A take's kit (n, 32, 27, the windows' buffers as each loop was made, oldest first) with each window's own
    fills as the take played the beat before them, a new array: a beat with a tom, or a snare on each of its 16ths,
    or snare 8ths without the kick two beats running (and the beats of two or more snare strokes leading into
    them), that an earlier window played otherwise plays as the last such window did. Its point (kit_target)
    reproduces the beat, not the fill, whose drums are kept: live plays the pass heard a window later, and a tom
    fill at the end of bar 4 had come back at the end of bar 6, where drumify plays the beat. (A funk drummer's 3
    ghost strokes in a beat are the groove's, kept.)"""
    out = np.array(kit, np.float32, copy=True)
    n = len(out)
    drums = lambda: out[..., list(KIT_DRUMS)].reshape(n, -1, STEPS_PER_BEAT, len(KIT_DRUMS)) > 0.5  # noqa: E731
    for i in range(1, n):
        beats = drums()
        fill = beats[i][..., 1].all(1) | beats[i][..., 2:].any((1, 2))
        # snare 8ths without the kick two beats running (a backbeat's "2 and" is one beat, a train beat's kicked)
        eighths = beats[i][:, 0, 1] & beats[i][:, 2, 1] & ~beats[i][..., 0].any(1)
        fill |= eighths & (np.r_[eighths[1:], False] | np.r_[False, eighths[:-1]])
        for b in range(len(fill) - 2, -1, -1):  # the snare strokes leading into it (8ths on 1 before toms on 2-4)
            fill[b] |= fill[b + 1] and beats[i][b, :, 1].sum() >= 2
        for b in np.flatnonzero(fill):
            other = [j for j in range(i) if (beats[j, b] != beats[i, b]).any()]
            if other:
                at = slice(b * STEPS_PER_BEAT, (b + 1) * STEPS_PER_BEAT)
                out[i, at] = out[other[-1], at]
    return out


class LiveKitPlay:
    """What input_loop (live_part.py) does with a drum part's take kit, as Engine.drumify_grooves does with a part's:
    the target from its own point, and its drums kept on the loops played."""

    def __init__(self, engine, kit: np.ndarray | None, settings: Settings, grooves: np.ndarray, meters):
        kit = None if kit is None else beat_for_fills(kit)
        self.target = kit_target(engine.target, engine.encode, kit_heard(kit, settings, grooves), meters)
        self.kept = kit_at_asked(kit_kept(kit, meters, settings), settings, grooves)
        self.settings, self.meters = settings, meters
        # (a sketch's hats at the swing its drums play: one asked, else its own as played, as drumify's)
        self.swing = swing_of(grooves) if settings.swing is None else asked_swing(settings.swing)

    def keep(self, loops: np.ndarray, fills: np.ndarray) -> np.ndarray:
        """The loops (n, 32, 27) with the kit's drums as played outside the fills (n, 32), under --mute and
        --max-hits as drumify's (Engine._play)."""
        if self.kept is None:
            return loops
        loops = keep_the_kit(np.array(loops, np.float32, copy=True), self.kept, fills, self.settings.voice_groups,
                             self.swing)
        return cap_played(loops, self.meters, self.settings.max_hits, fills)


__all__ = ["LiveKitPlay", "beat_for_fills", "covers", "heard_kit", "take_kit"]
