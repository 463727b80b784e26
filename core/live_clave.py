"""Latin's clave live as one clave for the whole session, as drumify's is one for the whole part (core/clave.py).

The engine reads the clave's side (3-2 or 2-3) from the grooves it plays, which live are the take's last few: the
player's first bar held over the bar not yet played (its two bars alike read neither side, so 3-2), then the take's
grooves as they come and go, and a new take's one groove. So the clave had turned round mid-phrase (the same side
twice) when the held bar left the take, and again at a new take: a 2-3 part played from bar 1 heard the 2 side in
bars 6 and 7. A drummer hears the clave before playing it and keeps it: the drums' first bar plays the side the
player's first bar clearly says by its accents (first_bar_side: drumify plays a clave from its first bar), else no rim
(the tumbao and the right hand's time only), and once two bars are in, the side is read from the notes played (the side
with more of them, 3-2 on a tie), the player's first bar as the part's first (drumify's windows start on a part's
first bar), and kept, bar by bar from the session's origin, through new takes and rests, until what was played is
forgotten (the player stopped, a meter change). The engine's clave where the side it read is another is laid again
(`on_the_clave`).
"""

from __future__ import annotations

import numpy as np

from .clave import BAR, LATIN, LATIN_LEADS, THREE_TWO, TWO_THREE, beat_steps, clave, clave_of, clave_voices
from .limbs import SNARE
from .loop import N_VOICES, STEPS

EARLY = 0.5  # beats: a first note this much before a bar line opens the bar after it (a pickup's rush)
# the player's first bar alone says the side where one side's places hold this much more of its velocity, and this
# much more in all (a 2-3 son's bar 1, the bass at 100 on beats 2 and 3 over keys at 70 on each beat: 1.4 and 0.47)
ONE_BAR_CLEAR, ONE_BAR_LEAD = 1.3, 0.3


class LiveClave:
    """The clave's steps in the session's 2-bar window (clave.THREE_TWO or TWO_THREE), once heard."""

    def __init__(self):
        self.steps: np.ndarray | None = None

    def forget(self) -> None:
        self.steps = None

    def side(self, session, settings, plain: bool, swung: bool) -> np.ndarray | None:
        """The clave the loop being made plays (the window's steps): from the drums' first bar where the player's
        first bar says its side (first_bar_side), else an empty array while it is still being heard (no rim, until
        two bars are in); None where no clave of the session's is played (latin does not lead, the bars are not
        plain 4/4, the part swings: the engine's own)."""
        if not plain or swung or np.asarray(settings.genre_weights())[LATIN] < LATIN_LEADS:
            return None
        if self.steps is None:
            self.steps = heard_side(session)
        return np.zeros(0, np.int64) if self.steps is None else self.steps


def heard_side(session) -> np.ndarray | None:
    """The clave's steps in the window read from the notes played in the window's span up to now: the part's side
    with the player's first bar as the part's first. Once that bar is in (but the look-ahead), the side it says
    alone (first_bar_side); from two bars in, both of the window's holding some, the side of both. None before, and
    while the first bar alone says neither side."""
    span, bar = session.window_span(), session.beats_per_bar
    laid = np.asarray(session.laid)
    played = np.isfinite(laid) & (laid > session.now - span)
    entered = session.origin if session.entered is None else session.entered
    first = int(np.floor((entered - session.origin + EARLY) / bar)) % 2  # the first bar's place in the window
    if len(played) == STEPS and session.now - entered < 2 * bar - 1.0:
        return first_bar_side(played, np.asarray(session.velocity), first) if session.now - entered >= bar - 1.0 \
            else None
    # two bars in (but the look-ahead: under a beat), each with notes (loops made every beat: on the bar line)
    if len(played) != STEPS or not played[:BAR].any() or not played[BAR:].any():
        return None
    part = np.roll(played, -BAR * first)
    # the side with more of the part's notes, 3-2 on a tie (clave_of's margin keeps a part on neither side from
    # turning the clave round with a note or two over a whole part; read once here, from two bars, it needs none)
    side = TWO_THREE if part[TWO_THREE].sum() > part[THREE_TWO].sum() else THREE_TWO
    if first:  # read from the bar it was played in: the other side of the window
        side = TWO_THREE if side is THREE_TWO else THREE_TWO
    return side


def first_bar_side(played: np.ndarray, velocity: np.ndarray, first: int) -> np.ndarray | None:
    """The clave's steps in the window read from the player's first bar alone (the drums' first bar is to play one),
    where its accents sit clearly on one side's places (ONE_BAR_CLEAR): a 2-3 son's bass on the 2 side's beats 2
    and 3 over keys on every beat. None where they do not (keys alike on every beat): the drums listen a bar more.
    played: (32,) bool the window's steps heard; velocity: their loudest (0-1); first: the first bar's place."""
    part = np.roll(np.where(played, velocity, 0.0), -BAR * first)[:BAR]
    three, two = float(part[THREE_TWO[:3]].sum()), float(part[TWO_THREE[:2]].sum())
    if max(two, three) < ONE_BAR_CLEAR * min(two, three) or abs(two - three) < ONE_BAR_LEAD:
        return None
    side = TWO_THREE if two > three else THREE_TWO
    return (THREE_TWO if side is TWO_THREE else TWO_THREE) if first else side


def on_the_clave(loops: np.ndarray, g: np.ndarray, bass: np.ndarray | None, steps: np.ndarray, settings,
                 seed, fill_steps: np.ndarray) -> np.ndarray:
    """The take's loops (n, 32, 27; the last one played) with the last one's clave on `steps` (LiveClave.side; empty:
    no rim yet) where the engine read another side from the take's grooves `g` (n, 32, 3, the loop frame; bass: the
    engine's, None: g). A fill's steps (fill_steps (32,) bool) keep theirs. Loops itself where nothing changes."""
    if len(steps) and np.array_equal(clave_of(g), steps):
        return loops
    on = settings.voice_groups
    last = loops[-1:].copy()
    if len(steps):
        forced = np.zeros((1, STEPS, 3), np.float32)  # grooves that read as this side
        forced[0, steps, 0] = 1.0
        voices = clave_voices(on)
        seeds = settings.seed if seed is None else seed  # (idioms.played_by_rule's: the right hand on the hats
        # where the cymbals are muted)
        # (at the density asked, as the engine's: a busy loop's fuller tumbao, a sparse one's time on the quarters)
        last = clave(last, forced, np.ones(1, bool), (g if bass is None else bass)[-1:], voices, seeds,
                     on.get("hats", True), on.get("cymbals", True), density=settings.density_cells)
    else:  # the rim left out on each bar's beat (clave.clave's: the rest is a fill's)
        last[0, beat_steps(last[0]), SNARE::N_VOICES] = 0.0
    out = loops.copy()
    out[-1] = np.where(np.asarray(fill_steps, bool)[:, None], loops[-1], last[0])
    return out

