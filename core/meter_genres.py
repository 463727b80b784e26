"""Latin, jazz, reggae and disco over a waltz (3/4) or a 6/8 part, as their drummers play them, on the bars' real grid.

meter.py lays the network's 4/4 loop onto a 3/4 bar (loop beats 1, 2 and 4) or a 6/8 bar (beats 1 and 2, dotted),
and the rules of a genre's own idiom (clave.py, comping.py) play in the loop's 4/4 frame, on plain 4/4 bars only.
So a genre asked for over these meters was the network's figure as laid: latin had no clave or bell (over the
bundled piano waltz, the snare on 6 medium 16ths of a bar, a samba's), jazz in 6/8 rode the two dotted beats alone
(the ride on 2 notes a bar), reggae over the waltz played 5 snare notes a bar. A drummer asked for these plays:

- latin (`latin_bar`): the 6/8 bell, bembe (x.x.xx.x.x.x over 12 8ths: two bars), on the ride where the hats or
  ride kept time, at their median level (the hats go: the right hand is on the bell, or on a phrase's crash); in
  3/4 the same 12 pulses, the guajira's 3 against 2. The kick on the bar's 1 and its 4th 8th (6/8's second dotted
  beat; the waltz's "and" of 2, the tumbao's anticipation), the rim (the snare at the clave's level) once a bar:
  6/8's second beat, the waltz's 3. The take's loudest kick off those and its two loudest snare notes, as ghost
  notes, stay: versions and seeds differ there.
- jazz in 6/8 (`jazz_eighths`): the ride on every 8th where it rode the dotted beats alone. Its left hand comps
  (`jazz_comp`) in 3/4 and 6/8 as comping.comp does in 4/4 (none had: comp plays 16-step bars), by comping's own
  rule (comp_steps, lay_comp) on the bar's 12 steps: 0-2 quiet snare notes a bar over a 4-bar phrase, on the 8ths
  off the beats, where the part rests first. Jazz over 12/8's bars (a slow blues): jazz_compound.py.
- reggae (`drop_bar`): the drop, kick and rim together, in every bar (a low density thins the hats and extras, not
  the drop: at 0.2 it had gone from every other bar), in 6/8 on the bar's second dotted beat (its middle, as the
  one drop's 3 is 4/4's), in 3/4 on the waltz's 3 (its backbeat, as 4/4's 3 is), with no other kick but under a
  crash (the 1 left open: the waltz had kicked it in every bar) and no other snare: the 4/4 bar's one drop
  (one_drop.drop_bar). The waltz's hats accent the "and"s, as the 4/4 one drop's (they had accented the 1:
  "7-5-5-5-5-5-"). With disco leading the mix as well, steppers: the kick on every beat under the drop, none
  between (the drop alone had played).
- disco (`floor_bar`): the kick on every beat (6/8's two dotted beats; it had kicked the 1 alone, or with a 16th
  after it), the snare on the meter's backbeat (the waltz's 2 and 3, 6/8's second dotted beat).

- any other genre asked (none of those leading: funk, rock, pop, hip-hop, afro): its ghost notes soft
  (`meter_ghosts`, meter_odd.soft_ghosts on the meter's backbeat, `BACKBEAT`: the waltz's 2 and 3, where meter.py
  lays the loop's 2 and 4, 6/8's second dotted beat): limbs.ghost_snares plays in the loop's 4/4 frame, on 4/4 bars
  only, so `--genre funk` over freedoom e1m8's waltz had played 7 snare notes a bar at a median 83 against its
  backbeat's 125 (0.66; funk's drummers 0.44).

A bar's fill (from its first tom) stays the network's, and a group switched off gets no notes (latin's: a voice
the bar does not play). Windows of other meters, pickups and half-time bars are left as they are. Plain numpy over
a part's loops on the real grid of its bars (called by half_time_genres.genre_half_time, where the engine and live
lay a genre's own rules on the real grid).
"""

from __future__ import annotations

import numpy as np

from .clave import CLAVE_LEVEL
from .comping import COUNTS, comp_steps, lay_comp
from .genres import GENRES
from .idioms import MIN_PART_EIGHTHS, SKIP_VELOCITY, STRAIGHT_SKIP_VELOCITY
from .limbs import CLOSED_HAT, CRASH, HANDS_FROM, KICK, MAX_HANDS, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES, STEPS
from .meter import bar_lengths, is_pickup, window_beats
from .genre_ghosts import ghost_ratios
from .jazz_compound import twelve_eight_jazz
from .meter_odd import odd_meter_bars, soft_ghosts
from . import one_drop
from .one_drop import OWN_HATS, reggae_leads, steppers
from .swing import SWUNG_EARLY

LATIN, JAZZ, REGGAE, DISCO = (GENRES.index(g) for g in ("latin", "jazz", "reggae", "disco"))
LEADS = 0.5  # a genre's share of the mix asked for from which its drummer plays the meter so
BAR = 12  # a 3/4 or 6/8 bar's 16ths
METERS = {(3, 4): "waltz", (6, 8): "six_eight"}
BEATS = {"waltz": (4, 4, 4), "six_eight": (6, 6)}  # their beats' 16ths as meter.py lays them
# bembe's 12 8ths (x.x.xx.x.x.x) as 16th steps of two 12-step bars
BELL = (np.array([0, 4, 8, 10]), np.array([2, 6, 10]))
LATIN_KICK = np.array([0, 6])  # the 1 and the 4th 8th
LATIN_RIM = {"waltz": 8, "six_eight": 6}  # the waltz's 3, 6/8's second dotted beat
# The take's own notes kept beside the rule's, so that versions and seeds differ (the bell, the kick on the beats and
# the rim alone had played every version alike): its loudest kick off the beats (a pickup), its two loudest snare
# notes as ghost notes (the left hand's conga-like touches), under the rim.
PICKUPS, GHOSTS, GHOST_LEVEL = 1, 2, 0.3
DOTTED_BEATS = np.array([0, 6])
DROP = {"waltz": 8, "six_eight": 6}
DROP_LEVEL = 0.6  # the drop's velocity in a part whose draw played no snare at all (a low density's)
WALTZ_BEATS = np.array([0, 4, 8])
FLOOR = {"waltz": WALTZ_BEATS, "six_eight": DOTTED_BEATS}  # disco's kick: every beat
BACKBEAT = {"waltz": np.array([4, 8]), "six_eight": np.array([6])}  # where meter.py lays the loop's 2 and 4
DISCO_BACKBEAT = BACKBEAT
JAZZ_EIGHTHS = np.arange(0, BAR, 2)
SKIP_STEP = 6  # the waltz's "and" of 2, straight: its ride's skip note ("ding, ding-ga, ding")
# The comp notes' 8ths off the beats, each bar of a 4-bar phrase reaching for them in this order (comping.ORDERS'
# idea: the last "and" leaning into the next bar, two together, a middle one, the first)
COMP_ORDERS = {"waltz": np.array([(10, 6, 2), (6, 10, 2), (2, 10, 6), (10, 2, 6)]),
               "six_eight": np.array([(10, 4, 8, 2), (4, 10, 2, 8), (8, 4, 10, 2), (2, 8, 10, 4)])}
COMP_RIDING = 3  # a 3/4 or 6/8 bar keeps time with at least this many ride (or closed hat) notes


def meter_bars(meters, n: int) -> list[tuple[int, int, str, int]]:
    """(window, first real step, meter name, the bar's place in its window) of each 3/4 or 6/8 bar of n windows on
    the real grid (meters: one WindowBars or None per window, or k copies' worth of them), in windows whose bars
    are all of one such meter, with the beats meter.py gives them (a 6/8 grouped in quarters is left)."""
    if meters is None:
        return []
    meters = list(meters) * (n // max(len(meters), 1))
    out = []
    for w, bars in enumerate(meters[:n]):
        if not bars or is_pickup(bars) or len({tuple(b[1:3]) for b in bars}) != 1:
            continue
        for place, bar in enumerate(bars):
            name = METERS.get(tuple(bar[1:3]))
            start = bar[0] * 4
            if name is None or bar_lengths(bar) != BEATS[name] or start != round(start) or start + BAR > STEPS:
                break
            out.append((w, round(start), name, place))
    return out


def leading(mix) -> int | None:
    """The genre of LATIN, JAZZ, REGGAE, DISCO that leads the mix (9 weights), else None: reggae first where two
    lead, as in 4/4 and half time (its drop under jazz's ride, over latin's right hand: `--genre jazz,reggae` over
    the waltz had comped with no drop)."""
    mix = np.asarray(mix)
    return REGGAE if reggae_leads(mix) else next((g for g in (LATIN, JAZZ, DISCO) if mix[g] >= LEADS), None)


def meter_genre(loops: np.ndarray, meters, mix, cymbals: bool = True, snare: bool = True,
                grooves: np.ndarray | None = None, counts=None) -> np.ndarray:
    """Loops (W, 32, 27) of a part on the real grid of its bars, straight, with their 3/4 and 6/8 bars played as the
    genre leading the mix (9 weights) plays them (the module's rules; cymbals: False where they are switched off,
    latin's bell then left out and the hats keeping their time; snare: False where it is, reggae's and disco's
    snare left out; a part whose loops play no kick has it switched off; grooves (W, 32, 3): the part's on the
    same grid, jazz's comping answering it, None: no comping; counts: (W,) each window's first bar counted as the
    song's run counts it, song_bars.py, where the bell's two bars and comping's 4-bar phrase are laid, None: window w's
    first bar is the part's 2w). A 5/4's, 7/4's or 7/8's bars get any genre's snare (meter_odd.py), a 12/8's jazz's
    slow-blues time where jazz leads (jazz_compound.py). In place; loops itself."""
    odd_meter_bars(loops, meters, mix)
    genre = leading(mix)
    if genre is None and len(loops):
        return meter_ghosts(loops, meters, mix)
    if genre is None or not len(loops):
        return loops
    played = loops[..., :N_VOICES] > 0.5
    kick = bool(played[..., KICK].any())
    # a bar a low density left without a snare gets the part's loudest (a drummer's drop, a disco backbeat)
    level = float(loops[..., N_VOICES + SNARE][played[..., SNARE]].max()) if played[..., SNARE].any() else DROP_LEVEL
    firsts = 2 * np.arange(len(loops)) if counts is None else np.asarray(counts, np.int64)
    for w, start, name, place in meter_bars(meters, len(loops)):
        bar = loops[w, start:start + BAR]
        in_song = int(firsts[w]) + place  # (the song's bar: bars drummed again play what the whole song's do)
        hit = bar[:, :N_VOICES] > 0.5
        beat = np.arange(BAR) < first_tom(hit)
        if genre == LATIN:
            latin_bar(bar, hit, beat, name, in_song, cymbals)
        elif genre == JAZZ:
            if name == "six_eight":
                jazz_eighths(bar, hit, beat)
            elif grooves is not None:
                waltz_skip_note(bar, hit, beat, grooves[w], RIDE if cymbals else CLOSED_HAT)
            if snare and grooves is not None:
                heard = np.zeros(BAR + 1, bool)  # (the next bar's first step: none after the window's last)
                heard[:min(BAR + 1, STEPS - start)] = grooves[w, start:start + BAR + 1, 0] > 0.5
                jazz_comp(bar, beat, name, in_song, heard)
        elif genre == REGGAE:  # (disco leading too: steppers, the drop over its kick on every beat)
            drop_bar(bar, beat, name, snare, kick, level, bool(steppers(mix)))
        elif genre == DISCO:
            floor_bar(bar, hit, beat, name, snare, kick, level)
    if genre == JAZZ:  # (12/8's bars: a slow blues's triplets on the ride, its soft 2 and 4; jazz_compound.py)
        twelve_eight_jazz(loops, meters, grooves if snare else None, firsts, cymbals)
    return loops


def meter_ghosts(loops: np.ndarray, meters, mix) -> np.ndarray:
    """Loops (W, 32, 27) on the real grid, in place and returned, with each 3/4 and 6/8 bar's snare notes off its
    backbeat (`BACKBEAT`), before its fill, at most the mix's ghost_ratios of its loudest backbeat note where the bar
    plays BUSY_SNARE or more of them (meter_odd.soft_ghosts); no genre asked: left."""
    mix = np.asarray(mix, np.float32)
    if mix.sum() <= 0:
        return loops
    ratio = float(ghost_ratios(mix[None])[0])
    for w, start, name, _ in meter_bars(meters, len(loops)):
        bar = loops[w, start:start + BAR]
        soft_ghosts(bar[:first_tom(bar[:, :N_VOICES] > 0.5)], BACKBEAT[name], ratio)
    return loops


def _lay(bar: np.ndarray, voice: int, steps: np.ndarray, level, beat: np.ndarray, kept: int = 0,
         at_most: float = 1.0) -> None:
    """The voice on `steps` of the bar's `beat` steps, at `level` (a note there keeps its own feel's timing), and the
    `kept` loudest of its other notes there, at most `at_most` loud (a take's own: where takes differ)."""
    on = np.zeros(BAR, bool)
    on[steps] = True
    on &= beat
    was = bar[:, voice::N_VOICES].copy()
    others = np.flatnonzero(beat & ~on & (was[:, 0] > 0.5))
    others = others[np.argsort(-was[others, 1], kind="stable")[:kept]]
    bar[beat, voice::N_VOICES] = 0.0
    bar[others, voice::N_VOICES] = was[others]
    bar[others, N_VOICES + voice] = np.minimum(was[others, 1], at_most)
    bar[on, voice] = 1.0
    bar[on, N_VOICES + voice] = level
    bar[on, 2 * N_VOICES + voice] = np.where(was[on, 0] > 0.5, was[on, 2], 0.0)


def latin_bar(bar: np.ndarray, hit: np.ndarray, beat: np.ndarray, name: str, place: int,
              cymbals: bool = True) -> None:
    """In place on a 3/4 or 6/8 bar (12, 27; hit: its hits (12, 9)): the bell on the ride (its half of BELL by
    the bar's `place`; cymbals False: none, the hats keep their time), the kick on LATIN_KICK, the rim on
    LATIN_RIM, on its `beat` steps (before a fill)."""
    keepers = hit[beat][:, [CLOSED_HAT, OPEN_HAT, RIDE]]
    if keepers.any() and cymbals:
        level = bar[:, N_VOICES:2 * N_VOICES][:, [CLOSED_HAT, OPEN_HAT, RIDE]][hit[:, [CLOSED_HAT, OPEN_HAT, RIDE]]]
        for hat in (CLOSED_HAT, OPEN_HAT):
            bar[beat, hat::N_VOICES] = 0.0
        _lay(bar, RIDE, BELL[place % 2], np.median(level), beat)
    if hit[:, KICK].any():
        _lay(bar, KICK, LATIN_KICK, bar[hit[:, KICK], N_VOICES + KICK].max(), beat, PICKUPS)
    if hit[:, SNARE].any():
        _lay(bar, SNARE, np.array([LATIN_RIM[name]]), CLAVE_LEVEL, beat, GHOSTS, GHOST_LEVEL)
    bar[bar[:, CRASH] > 0.5, RIDE::N_VOICES] = 0.0  # the right hand on a phrase's crash


def jazz_eighths(bar: np.ndarray, hit: np.ndarray, beat: np.ndarray) -> None:
    """In place on a 6/8 bar (12, 27; hit: its hits (12, 9)) whose ride plays its two dotted beats and no other
    note: the ride on every 8th before a fill, where a hand is free, at SKIP_VELOCITY times its beat's note."""
    if not hit[DOTTED_BEATS, RIDE].all() or hit[:, RIDE].sum() > len(DOTTED_BEATS):
        return
    free = hit[:, HANDS_FROM:].sum(1) < MAX_HANDS
    for step in JAZZ_EIGHTHS[beat[JAZZ_EIGHTHS] & free[JAZZ_EIGHTHS] & ~hit[JAZZ_EIGHTHS, RIDE]]:
        on_beat = DOTTED_BEATS[DOTTED_BEATS <= step].max()
        bar[step, RIDE] = 1.0
        bar[step, N_VOICES + RIDE] = SKIP_VELOCITY * bar[on_beat, N_VOICES + RIDE]
        bar[step, 2 * N_VOICES + RIDE] = bar[on_beat, 2 * N_VOICES + RIDE]


def waltz_skip_note(bar: np.ndarray, hit: np.ndarray, beat: np.ndarray, part: np.ndarray, voice: int = RIDE) -> None:
    """In place on a waltz's bar (12, 27; hit: its hits (12, 9); beat: its steps before a fill) whose time-keeper
    (`voice`: the ride, the closed hat where the cymbals are off) plays its three beats and nothing in 2's second
    half: the skip note after 2, "ding, ding-ga, ding", where a hand is free. On the part's 8ths (its grooves on
    the window's real grid, (32, 3), whose waltz bars start on a beat): on the swung 8th where it swings
    MIN_PART_EIGHTHS or more of its "and"s (read on the beat's "a", early: swing.SWUNG_EARLY; at SKIP_VELOCITY of the
    note on 2, on the part's swung 8ths' timing), else on the straight "and" (at
    STRAIGHT_SKIP_VELOCITY of it, on the note's timing, as 4/4 jazz over straight 8ths: idioms.straight_skip_bars),
    over a part in quarters too (the bundled piano waltz's oom-pah-pah, played straight: its drums swing nothing,
    and the waltz's comp notes are on the straight "and"s). Over a swung part the 4/4 rule, in the loop's frame,
    has laid it already (after 2 alone: `waltz_loop_bars`); the waltz's ride had played plain quarters over the
    piano waltz ("x--- x--- x---")."""
    onsets = np.flatnonzero(part[:, 0] > 0.5)
    straight = onsets[onsets % 4 == 2]
    swung = onsets[(onsets % 4 == 3) & (part[onsets, 2] <= -SWUNG_EARLY)]  # (a straight 16th's "a" is on time)
    if len(swung) >= MIN_PART_EIGHTHS and len(swung) > len(straight):
        step, level, timing = SKIP_STEP + 1, SKIP_VELOCITY, float(np.median(part[swung, 2]))
    else:
        step, level, timing = SKIP_STEP, STRAIGHT_SKIP_VELOCITY, bar[SKIP_STEP - 2, 2 * N_VOICES + voice]
    if not (beat[step] and hit[WALTZ_BEATS, voice].all() and beat[WALTZ_BEATS].all()) or \
            hit[SKIP_STEP - 1:SKIP_STEP + 2, voice].any() or hit[step, HANDS_FROM:].sum() >= MAX_HANDS:
        return
    bar[step, voice::N_VOICES] = (1.0, level * bar[SKIP_STEP - 2, N_VOICES + voice], timing)


def waltz_loop_bars(meters, n: int) -> np.ndarray | None:
    """(n, 2) bool: the loop bars of n windows (meters: one WindowBars or None per window; None: all 4/4) that a
    3/4 bar plays, its 3 on the loop's 4 (meter.window_beats: loop beats 1, 2 and 4), where the 4/4 skip notes after
    2 and 4 (idioms.skip_notes, laid in the loop's frame over a swung part) ride "ding, ding-ga, ding-ga": a jazz
    waltz's ride has the skip note after 2 alone (`waltz_skip_note`). None where no window has one (pickups left)."""
    out = np.zeros((n, 2), bool)
    for w, bars in enumerate([] if meters is None else list(meters)[:n]):
        if not bars or is_pickup(bars):
            continue
        for bar, beats in zip(bars, window_beats(bars) or ()):
            if tuple(bar[1:3]) == (3, 4) and len(beats) == 3 and beats[-1].source % 4 == 3:
                out[w, beats[-1].source // 4] = True
    return out if out.any() else None


def jazz_comp(bar: np.ndarray, beat: np.ndarray, name: str, place: int, part: np.ndarray) -> None:
    """In place on a 3/4 or 6/8 bar (12, 27) that keeps time (COMP_RIDING notes on the ride or the closed hat) with
    no snare and no fill: COUNTS[place % 4] comp notes on the 8ths of COMP_ORDERS[name][place % 4], where the part
    (its onsets on the bar's 12 steps and the next one's first: bool (13,)) rests first (or plays a 16th later,
    a swung 8th), where a hand is free, at comping.LEVEL times the time-keeper's note on the beat before (comping's
    rule, comp_steps and lay_comp, on the bar's 12 steps)."""
    if not beat.all():
        return
    orders = COMP_ORDERS[name][place % len(COUNTS)]
    steps = comp_steps(bar, orders, COUNTS[place % len(COUNTS)], part[:BAR] | part[1:BAR + 1], COMP_RIDING)
    if len(steps):
        lay_comp(bar, steps)


def drop_bar(bar: np.ndarray, beat: np.ndarray, name: str, snare: bool = True, kick: bool = True,
             level: float = DROP_LEVEL, stepping: bool = False) -> None:
    """In place on a 3/4 or 6/8 bar (12, 27; beat: its steps before a fill), where the fill starts after its drop: the
    one drop (one_drop.drop_bar, as the 4/4 bar's) on DROP, `level` the drop's in a bar without a snare (snare,
    kick: False, switched off, none laid; stepping: steppers, the kick on every beat of FLOOR, none between). A
    waltz's hats keeping time in 8ths accent the "and"s as the 4/4 one drop's do (one_drop.reggae_hats, the draw's
    own notes: they had accented the 1)."""
    if beat[DROP[name]]:
        one_drop.drop_bar(bar, DROP[name], beat, level, snare, kick, FLOOR[name] if stepping else None,
                          OWN_HATS if name == "waltz" else None)


def floor_bar(bar: np.ndarray, hit: np.ndarray, beat: np.ndarray, name: str, snare: bool = True, kick: bool = True,
              level: float = DROP_LEVEL) -> None:
    """In place on a 3/4 or 6/8 bar (12, 27; hit: its hits (12, 9)), on its `beat` steps (before a fill): the kick
    on every beat (FLOOR) at its kicks' median level (`level` in a bar without one; its other kicks stay: a
    drummer's pickups), the snare on DISCO_BACKBEAT at its loudest snare's (`level`), none on the 1 but under a
    crash. snare, kick: False where switched off (none laid)."""
    if kick:
        floor = FLOOR[name][beat[FLOOR[name]] & ~hit[FLOOR[name], KICK]]
        bar[floor, N_VOICES + KICK] = np.median(bar[hit[:, KICK], N_VOICES + KICK]) if hit[:, KICK].any() else level
        bar[floor, 2 * N_VOICES + KICK] = 0.0
        bar[floor, KICK] = 1.0
    if snare:
        backbeat = DISCO_BACKBEAT[name][beat[DISCO_BACKBEAT[name]] & ~hit[DISCO_BACKBEAT[name], SNARE]]
        bar[backbeat, N_VOICES + SNARE] = bar[hit[:, SNARE], N_VOICES + SNARE].max() if hit[:, SNARE].any() else level
        bar[backbeat, 2 * N_VOICES + SNARE] = 0.0
        bar[backbeat, SNARE] = 1.0
        if hit[0, SNARE] and not hit[0, CRASH]:
            bar[0, SNARE::N_VOICES] = 0.0
