"""Half time (`--feel half`) as a genre's own drummer plays it, where the genre mix asked for is led by one.

half_time.py lays the half-time beat a hip-hop or rock drummer plays: the kick on the 1, the snare alone on the 3,
the hats on the bar's 8ths. Two genres' drummers play half time their own way, which the network (playing a 4/4
loop at half speed) cannot know:

- reggae: the one drop (`one_drop`). The broad backbeat on 3 is where the drop is: kick and snare (the rim)
  together there in every bar (a low density thins the hats and extras: at 0.2 the drop had gone where the draw
  played no snare on the 3, in 12 of the shuffle's 12 bars), the 1 left open. Half time had taken the kick from
  under the snare on 3 and put it on the 1 (half_time.lone_backbeat, kick_on_one), the hip-hop half time a reggae
  producer does not expect (normal time's one drop: one_drop.py). (trap_kicks.onto_sixteenths leaves that kick
  with the snare, not on a bass note a 16th after it.)
- jazz over a swung part: the ride's pattern (`jazz_ride`). Half time keeps the song's 8ths on the ride
  (half_time_hats), which swung is a shuffle's ride, every triplet's first and last note; a jazz drummer rides
  "ding, ding-a ding" at the song's tempo: the bar's quarters and the skip note on the swung 8th of 2 and 4, as
  idioms.skip_notes lays it in normal time. A draw keeping time on the hats (seeds 1, 2, 3 and 5 over the shuffle)
  has it moved to the ride, the hat foot on the song's 2 and 4, as comping.ride_time does in normal time.
- reggae and disco leading the mix together (`--genre disco,reggae`): steppers, the drop over the kick on every beat
  (the one drop alone had played, disco's kick gone from the 1 and 2).
- disco: four on the floor (`kick_on_every_beat`). Disco's kick on every beat is the genre (idioms.py lays it in
  normal time); in half time the loop's beats land on the bar's 1 and 3, and half time takes the kick from under
  the backbeat on 3, so disco asked for in half time had kicked on the 1 alone (and the bass's "and" of 2), a
  hip-hop half time. A disco or house drummer halving the feel moves the backbeat to the 3 and keeps the kick on
  every beat of the bar.

- latin: the clave (clave.py) on the song's bars. The clave is the song's rhythm, two of its bars, and does not
  halve; half time had played the network's figure at half speed (a loud snare on the 3 and a samba's 16ths
  around it, no clave), so the rim plays the son clave and the kick the tumbao on the real grid, the half-time
  hats kept.

The genres' rules over a waltz's or a 6/8's bars are laid here too (meter_genres.py). Plain numpy over a part's
loops on the real grid of its bars.
"""

from __future__ import annotations

import numpy as np

from .feel import HALF_TIME_NOTE
from .genres import GENRES
from .clave import clave, latin_rows
from .comping import busy, comp, no_backbeat, ride_time, sparse
from .half_time import half_time_steps
from .meter_genres import meter_genre
from .one_drop import drop_bar, quarter_time, reggae_leads, sixteenths, steppers
from .reggae_bars import other_meter_drops
from .limbs import CLOSED_HAT, KICK, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES, STEPS

REGGAE, JAZZ, DISCO, LATIN = (GENRES.index(g) for g in ("reggae", "jazz", "disco", "latin"))
LEADS = 0.5  # a genre's share of the mix asked for from which its half time is played
BAR = 16  # the 16th steps of a half-time bar (one to one on the song's bar: half_time.half_time_steps)
ONE_DROP = 8  # the half-time bar's 3 (its backbeat)
DROP_LEVEL = 0.6  # the drop's velocity in a part whose draw played no snare at all (a low density's)
RIDE_EIGHTHS = np.arange(0, BAR, 2)  # the bar's 8ths, straight (before the part's swing is played)
NOT_SKIPPED = np.array([2, 10])  # the "and" of 1 and of 3: a jazz ride's pattern leaves them out
JAZZ_HALF_NOTE = ("half-time feel, jazz: the ride keeps time on the bar's 8ths (quarters and the skip note where the "
                  "part swings), the hat foot on the song's 2 and 4, the kick on each bar's 1, the snare comping "
                  "quietly on the \"and\"s")
FLOOR_BEATS = np.arange(0, BAR, 4)  # the bar's four beats: disco's kick
DISCO_HALF_NOTE = ("half-time feel, disco: the kick on every beat (four on the floor), the backbeat on each bar's 3, "
                   "the hats on its 8ths (its 16ths where the part plays 16ths, unless --density asks for fewer hits)")
LATIN_HALF_NOTE = ("half-time feel, latin: the clave does not halve: the rim plays the son clave over each 2 of the "
                   "song's bars, the kick the tumbao, the hats on each bar's 8ths (its 16ths where the part plays "
                   "16ths)")
STEPPERS_NOTE = ("half-time feel, reggae's steppers (disco leading the mix too): the kick on every beat, the "
                 "backbeat on each bar's 3 with it, the hats on its 8ths (its 16ths where the part plays 16ths, unless "
                 "--density asks for fewer hits)")
ONE_DROP_NOTE = ("half-time feel, reggae's one drop: the kick with the backbeat on each bar's 3, none on its 1 (but "
                 "under a phrase's crash), the hats on its 8ths (its 16ths where the part plays 16ths, unless "
                 "--density asks for fewer hits)")


def genre_half_time(loops: np.ndarray, meters, mix, swung: bool, grooves: np.ndarray | None = None,
                    cymbals: bool = True, counts=None, side: np.ndarray | None = None, density=None) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars, straight (meters: one WindowBars or None per window,
    or k copies' worth of them) with their half-time bars played as the genre leading the mix (9 weights summing to
    1) plays them: latin's clave (clave.clave: windows of two half-time bars, where grooves are given); reggae's
    `one_drop` in every bar (grooves None: the snare switched off, none laid); jazz's time on the ride
    (comping.ride_time, where the cymbals are on) and `jazz_ride` where the part swings (`swung`: its swing is
    played on the bars after this); disco's `kick_on_every_beat`; jazz's snare comping (comping.comp) against the
    part's grooves (W, 32, 3) on the real grid, where given (None: no snare to comp on). A waltz's and a 6/8's bars
    are played as latin, jazz, reggae or disco plays them (meter_genres.meter_genre; cymbals: False where they are
    switched off, no bell on the ride then). counts: (W,) each window's first bar counted as the song's run
    counts it (song_bars.py; None: window w's is the part's 2w), where the clave's two bars and comping's 4-bar
    phrase are laid; side: the song's clave read from its whole part (clave.clave; None: from these grooves).
    density: the Conditioning's (hits per cell; None: left to the input), which the genres' rules follow as in
    normal time (`--density` 0.2 and 0.8 had laid the same clave, tumbao, comping and drop): a busy part
    (comping.busy) plays latin's fuller tumbao, jazz's busier comping over a feathered kick and reggae's hats in
    16ths, a sparse one (comping.sparse) latin's and reggae's time on the quarters.
    Returns the loops, in place but for the ride's, the comping's and the clave's."""
    mix = np.asarray(mix)
    # (a waltz's and 6/8's bars: meter_genres.py; the callers give no grooves where the snare is switched off)
    loops = meter_genre(loops, meters, mix, cymbals, grooves is not None, grooves, counts)
    # (5/4's, 7/4's, 7/8's and 12/8's bars: reggae's drop, reggae_bars.py; a part that kicks nowhere has it off)
    loops = other_meter_drops(loops, meters, mix, grooves is not None, bool((loops[..., KICK] > 0.5).any()))
    if meters is None or not len(loops) or max(mix[REGGAE], mix[JAZZ], mix[DISCO], mix[LATIN]) < LEADS:
        return loops
    meters = list(meters) * (len(loops) // max(len(meters), 1))
    half = half_time_steps(meters, len(loops))
    if mix[LATIN] >= LEADS and not reggae_leads(mix):  # the clave on the song's bars, where a window's both are half
        rows = latin_rows(np.tile(mix, (len(loops), 1)), half.all(-1))
        kicks = (KICK,) if (loops[..., KICK] > 0.5).any() else ()  # (none: the kick switched off)
        return loops if grooves is None else clave(loops, grooves, rows, voices=(SNARE,) + kicks, counts=counts,
                                                   side=side, density=density)
    played = loops[..., :N_VOICES] > 0.5
    if not reggae_leads(mix) and mix[DISCO] < LEADS and cymbals and played[..., [CLOSED_HAT, OPEN_HAT]].any():
        # jazz leads: the time on the ride, the hat foot on 2 and 4 (hats that play no note are switched off)
        loops = ride_time(loops, half.all(-1))
    if not reggae_leads(mix) and mix[DISCO] < LEADS and grooves is not None:  # jazz leads: its left hand comps
        rows, bars = np.ones(len(loops), bool), half.reshape(len(loops), 2, BAR).all(-1)
        # with no backbeat on the 3 (a seed's draw had played it loud in every other bar)
        loops = comp(no_backbeat(loops, rows, bars, np.array([ONE_DROP])), grooves, rows, bars=bars, swung_grid=swung,
                     counts=counts, density=density)
    if max(mix[REGGAE], mix[JAZZ] if swung else 0.0, mix[DISCO]) < LEADS:
        return loops
    played = loops[..., :N_VOICES] > 0.5
    kick, snare = bool(played[..., KICK].any()), grooves is not None
    # a bar a low density left without a snare gets the part's loudest (the drop plays in every bar)
    level = float(loops[..., N_VOICES + SNARE][played[..., SNARE]].max()) if played[..., SNARE].any() else DROP_LEVEL
    many, few = busy(density, len(loops)), sparse(density, len(loops))
    for w, start in ((w, s) for w in range(len(loops)) for s in range(0, STEPS, BAR)):
        bar = loops[w, start:start + BAR]
        hit = bar[:, :N_VOICES] > 0.5
        if not half[w, start:start + BAR].all():
            continue
        fill_from = first_tom(hit)
        if reggae_leads(mix):  # (disco as well: steppers, the drop over its kick on every beat)
            one_drop(bar, hit, fill_from, snare, kick, level, open_one=not steppers(mix))
            if fill_from == BAR and (many[w] or few[w]):  # (a fill's bar: its own lead-in) the hats as asked
                (sixteenths if many[w] else quarter_time)(bar, np.ones(BAR, bool))
            if steppers(mix):
                kick_on_every_beat(bar, bar[:, :N_VOICES] > 0.5, fill_from)
        elif mix[DISCO] >= LEADS:
            kick_on_every_beat(bar, hit, fill_from)
        elif mix[JAZZ] >= LEADS and swung:
            jazz_ride(bar, hit, fill_from)
    return loops


def one_drop(bar: np.ndarray, hit: np.ndarray, fill_from: int = BAR, snare: bool = True, kick: bool = True,
             level: float = DROP_LEVEL, open_one: bool = True) -> None:
    """In place on a half-time bar's steps (16, 27; hit: its hits (16, 9)): the one drop (one_drop.drop_bar) on the
    bar's 3, the snare there alone (the half-speed loop's on the "and" of 2 had stayed, as loud as the drop; at the
    bar's loudest snare's level, `level` where the draw played none in it; snare: False, switched off, none laid),
    the kick there with it (kick: False, none) and none before it but under a crash opening a phrase (open_one:
    False, steppers, the kicks kept). A fill from step `fill_from` on or before the 3 leaves the bar as it is."""
    if fill_from <= ONE_DROP or not (snare or hit[ONE_DROP, SNARE]):
        return
    drop_bar(bar, ONE_DROP, np.arange(BAR) < fill_from, level, snare, kick, alone=False, open_one=open_one)


def kick_on_every_beat(bar: np.ndarray, hit: np.ndarray, fill_from: int = BAR) -> None:
    """In place on a half-time bar's steps (16, 27; hit: its hits (16, 9)) that kicks: the kick on each of the bar's
    beats up to a fill (from step `fill_from`), at its kicks' median velocity (the 1's accent and a pickup's touch
    between them), on the beat's own timing (a kick there kept as it is); its other kicks stay (a disco drummer's
    pickups)."""
    if not hit[:, KICK].any():
        return
    beats = FLOOR_BEATS[(FLOOR_BEATS < fill_from) & ~hit[FLOOR_BEATS, KICK]]
    bar[beats, N_VOICES + KICK] = np.median(bar[hit[:, KICK], N_VOICES + KICK])
    bar[beats, 2 * N_VOICES + KICK] = 0.0
    bar[beats, KICK] = 1.0


def jazz_ride(bar: np.ndarray, hit: np.ndarray, fill_from: int = BAR) -> None:
    """In place on a half-time bar's steps (16, 27; hit: its hits (16, 9)) of a swung part, before its swing: a ride
    on every 8th of the bar up to a fill (from step `fill_from`) plays the jazz pattern there, the 8ths after 1
    and 3 left out (the skip notes after 2 and 4 stay, played on the swung 8th)."""
    eighths = RIDE_EIGHTHS[RIDE_EIGHTHS < fill_from]
    if len(eighths) and hit[eighths, RIDE].all():
        bar[NOT_SKIPPED[NOT_SKIPPED < fill_from], RIDE::N_VOICES] = 0.0


def genre_half_time_said(notes: list[str], mix, snare: bool = True) -> list[str]:
    """drumify's feel notes (feel.with_feel's) with the half-time note told as the leading genre plays it (mix: 9
    weights): reggae's one drop (it had said the kick plays each bar's 1; with disco, steppers), latin's clave (it
    had said a backbeat on the 3), jazz's ride (it had said a backbeat on the 3, where jazz's drummers keep time on
    the ride and play no backbeat). snare: False where it is switched off (no clave to say)."""
    mix = np.asarray(mix)
    reggae = STEPPERS_NOTE if steppers(mix) else ONE_DROP_NOTE
    said = reggae if reggae_leads(mix) else LATIN_HALF_NOTE if mix[LATIN] >= LEADS and snare else \
        DISCO_HALF_NOTE if mix[DISCO] >= LEADS else JAZZ_HALF_NOTE if mix[JAZZ] >= LEADS else None
    return notes if said is None else [said if note == HALF_TIME_NOTE else note for note in notes]
