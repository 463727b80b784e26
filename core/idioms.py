"""Drummers' idioms that the training music does not hold, played by rule.

Neither GMD (drums alone) nor the band songs (freedoom's and openmsx's rock, metal and game music: no two bars in a
row of either have a bass on the off-beats alone; freedoom's 41 lone bars are a riff's, `held_off_beat`) teach the
network what a drummer does against a house or disco bass line, which plays the "and" of every beat: the network
follows the bass, as it learned to, and put the kick on the off-beats with it. A drummer plays four on the floor
against it, the kick and the bass taking turns, and opens the hi-hat on the off-beats with the bass (the house and
disco hat). Four on the floor is also what a producer who asks for disco expects, and GMD's disco drummers play it
in only half their loops (their kick on beats 2 and 4: 0.45), so the network, asked for disco over a rock band, had
played a funk beat's kick (1, the "a" of 1, 3, the "a" of 3). Asked for, disco gets the kick on every beat; its hats
are not opened here on every "and" of every bar (benchmarks/bench_genre.py, the held-out songs' disco loops'
distance to GMD's disco drummers: 2.62 before, 2.66 with the kick on every beat, 3.11 with the hat also opened so):
GMD's disco drummers open it on an "and" in 13-19% of their bars, and genre_open_hats.py (DISCO_HAT) opens every
"and" in runs of bars that often.

Jazz asked for over a swung part: GMD's jazz drummers, riding the four beats, play the skip note ("ding,
ding-a ding") on 2 and 4 in 85% and 80% of bars. The network spreads its skip note over the beat's "and" and
its "a", which the swung part plays as one note (core/swing.py), so neither passed its threshold and the ride
played quarters alone; merging the two let the steady time-keeper fill every swung 8th (models/README.md,
"Measured in stop 57"). So the skip note is laid in by rule (`skip_notes`). Over a straight part played in 8ths
the network rode plain quarters too (the held-out freedoom songs asked for jazz: 57% of bars; 89% of the bars
whose part plays no 16th off the 8ths), where GMD's jazz drummers riding the four beats straight (58 bars, no
swung note on the ride) play the skip note on the straight "and" of 2 and of 4 in 79% and 76% of them (of 1 and
3: 17% and 21%; quarters alone: 80 of 1237 riding bars, 6%), at 0.66 of the beat before (`straight_skip_bars`).
A part with no 8ths (a walking bass on the beats alone) tells no straight from swung, and gets none.
Plain numpy over hits (N, 32, 9).

The house idiom is for a drummer told no genre or asked for another; asked for reggae or jazz, the network
knows that genre's drummers, and their answer to a bass on the off-beats is their own (`own_off_beat_answer`).
Over a reggae bass on the "ands" at 75 BPM, asked for reggae, the network already played steppers (the kick on
every beat, the hat closed, ghost notes on the snare), and the rule had opened the hat on every "and" of it, a
disco hat on a reggae beat; asked for jazz, it had put four kicks a bar under the ride.

`played_by_rule` lays all of a loop's rules in where the engine decodes it: the skip note, jazz's comping with no
backbeat (comping.py), latin's clave and each take's right hand (clave.py), reggae's one drop (one_drop.py) and one
foot's kick (one_foot.py).
"""

from __future__ import annotations

import numpy as np

from .clave import clave, clave_voices, latin_rows
from .comping import at_most, comp, jazz_rows, no_backbeat, ride_time
from .genres import GENRES
from .one_drop import one_drop_loops, reggae_rows
from .one_foot import one_foot
from .limbs import CLOSED_HAT, HANDS_FROM, KICK, MAX_HANDS, OPEN_HAT, RIDE
from .loop import N_VOICES, STEPS, VOICE_GROUPS

BEATS = np.zeros(16, bool)
BEATS[0::4] = True
# the 16ths beside a beat (its "e" and "a"): a kick there under disco's floor is a flam against the beat's kick. GMD's
# dance drummers on four on the floor (229 train bars) play one on 2% of them (the "a" of 1: never), the "and"s on 6%;
# the network's disco kick on the "a" of 1 (drummer8's dance beat without the floor, "X--x ---- X--x -x--", in 94%
# of its 188 bars) had sounded in every bar laid over the floor.
BESIDE_BEATS = np.arange(16) % 2 == 1
MIN_OFF_BEAT_NOTES = 3  # of a bar's four off-beat 8ths, with nothing on its beats and at most one 16th elsewhere
DISCO = GENRES.index("disco")
DISCO_LEADS = 0.5  # disco's share of the genre mix asked for from which its beat is played
JAZZ = GENRES.index("jazz")
JAZZ_LEADS = 0.5  # likewise for jazz's ride
REGGAE = GENRES.index("reggae")
# The slowest tempo a bass on the off-beats is a house or disco bass (disco and house: 110-130): below it, a
# reggae or dub bass at 75 had got four on the floor and the hat opened on every "and", told no genre.
HOUSE_BPM = 100.0
# the genres whose drummers answer a bass on the off-beats with a beat of their own (not the house idiom)
OWN_OFF_BEAT_ANSWER = np.array([REGGAE, JAZZ])
ANSWER_LEADS = 0.5  # their share of the genre mix asked for from which their drummers answer it
SKIP = np.array([6, 14])  # the "and" of 2 and of 4 in a bar, straight: the swung part plays them on the swung 8th
# the skip note against the ride on 2 and 4 (GMD's jazz, bars riding the four beats: 0.50 against 0.65)
SKIP_VELOCITY = 0.77
# ... played straight (GMD's jazz bars riding the four beats straight: the "and" of 2 at 0.67, of 4 at 0.65)
STRAIGHT_SKIP_VELOCITY = 0.66
# of a loop's eight off-beat 8ths (its two bars) the part plays, from which it plays in straight 8ths: one ride
# pattern over the loop's bars (a part playing 1, 2, 1, 2 off-beat 8ths in its bars, counted bar by bar, had the ride
# flip between plain quarters and the skip note every bar)
MIN_PART_EIGHTHS = 3


def off_beat_bass_bars(bass_hits: np.ndarray) -> np.ndarray:
    """(N, 2) bool: the bars of loops whose bass groove (bass_hits (N, 32), 1 = an onset) plays off the beat
    alone: at least MIN_OFF_BEAT_NOTES of the off-beat 8ths, no beat, at most one other 16th."""
    bars = np.asarray(bass_hits).reshape(len(bass_hits), 2, 16) > 0
    off = np.add.reduce(bars[..., 2::4], -1)  # strided views: this runs on every generation
    if off.max(initial=0) < MIN_OFF_BEAT_NOTES:  # nearly every bass line: its beats need not be looked at
        return np.zeros(off.shape, bool)
    on_beats, others = np.add.reduce(bars[..., 0::4], -1), np.add.reduce(bars, -1) - off
    return (on_beats == 0) & (off >= MIN_OFF_BEAT_NOTES) & (others <= 1)


def held_off_beat(bars: np.ndarray, bass_hits: np.ndarray) -> np.ndarray:
    """The off-beat bars `bars` (N, 2; the loops in order, as the song plays them) less each one on its own whose
    bar before or after has the bass on a beat: a bar of a riff's displaced figure, not a house line. Freedoom's
    41 such bars (d_e2m9's syncopated two-bar riff, every second bar; d_dm29 bar 68; 3 of d_map19's, at 95 BPM)
    all sit beside a bar with the bass on the beat, and their drummers play four on the floor in none and open the
    hat on the "ands" in none (the rule had flipped d_e2m9 between rock and disco every second bar). A run of
    off-beat bars, or one beside a silent bar (a line starting after a rest) or beside the same line with a root on
    its downbeat (a pumping bass's root now and then; none in freedoom), stays a house line."""
    flat = bars.reshape(-1)
    if not flat.any():
        return bars
    notes = np.asarray(bass_hits).reshape(-1, 16) > 0
    rootless = notes.copy()
    rootless[:, 0] = False
    line = off_beat_bass_bars(rootless.reshape(len(bars), 32)).reshape(-1)
    beat = np.logical_or.reduce(notes[:, 0::4], 1) & ~line  # (the line's root on the one: the line)
    run = np.r_[False, flat[:-1]] | np.r_[flat[1:], False]
    against = np.r_[False, beat[:-1]] | np.r_[beat[1:], False]
    return (flat & (run | ~against)).reshape(bars.shape)


def house_bars(bass_hits: np.ndarray | None, which: np.ndarray | None = None,
               bpm: np.ndarray | None = None) -> np.ndarray | None:
    """(N, 2) bool: the bars of loops whose bass plays off the beat alone (off_beat_bass_bars) not on their own
    against a bass on the beat (held_off_beat; the loops in order), of the loops
    `which` (N,) bool only (beats, not fills, with the kick on) and at HOUSE_BPM or faster where their tempo
    (bpm, N) is known; None where there is none (nearly always)."""
    if bass_hits is None:
        return None
    bars = held_off_beat(off_beat_bass_bars(bass_hits), bass_hits)
    if which is not None:
        bars &= np.asarray(which, bool)[:, None]
    if bpm is not None:
        bars &= (np.asarray(bpm, np.float32) >= HOUSE_BPM)[:, None]
    return bars if bars.any() else None


def own_off_beat_answer(mix: np.ndarray) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9, summing to 1 or to 0 for none) is led (ANSWER_LEADS or more) by
    reggae or jazz, whose drummers the network plays against a bass on the off-beats, without the house idiom."""
    return np.logical_or.reduce(np.asarray(mix)[:, OWN_OFF_BEAT_ANSWER] >= ANSWER_LEADS, 1)


def disco_bars(mix: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """(N, 2) bool: both bars of the loops whose genre mix (N, 9, summing to 1 or to 0 for none) is led by disco
    (DISCO_LEADS or more), of the loops `which` (N,) bool only; None where there is none."""
    asked = np.asarray(mix)[:, DISCO] >= DISCO_LEADS
    if which is not None:
        asked &= np.asarray(which, bool)
    return np.repeat(asked[:, None], 2, 1) if asked.any() else None


def four_on_the_floor(hits: np.ndarray, bass_hits: np.ndarray | None, bars: np.ndarray | None) -> np.ndarray:
    """Hits (N, 32, 9) with the kick on every beat in the `bars` (N, 2) of house_bars (there off the bass's
    notes, bass_hits (N, 32), 1 = an onset) or of disco_bars (bass_hits None: the kick's other hits on the "and"s
    kept, as disco drummers' pickups, none beside a beat: BESIDE_BEATS). A new array where a bar changes, else hits
    itself."""
    if bars is None or not bars.any():
        return hits
    out = np.array(hits, bool, copy=True).reshape(len(hits), 2, 16, N_VOICES)
    kick = out[..., KICK]
    if bass_hits is not None:
        kick &= ~(bars[..., None] & (np.asarray(bass_hits).reshape(len(hits), 2, 16) > 0))
    else:
        kick &= ~(bars[..., None] & BESIDE_BEATS)
    kick |= bars[..., None] & BEATS
    return out.reshape(hits.shape)


def open_off_beats(hits: np.ndarray, vel: np.ndarray, off: np.ndarray, bars: np.ndarray | None):
    """(hits, vel, off) (N, 32, 9 each) with the closed hat on the off-beat 8ths of the `bars` (N, 2) of
    house_bars opened, at its own velocity and timing, and the 16th after each opened hat left out: the open hat
    rings into it until the foot closes it on the next beat. The inputs themselves where nothing opens."""
    if bars is None:
        return hits, vel, off
    n = len(hits)
    closed = np.asarray(hits, bool).reshape(n, 2, 16, N_VOICES)[..., CLOSED_HAT]
    opening = np.zeros_like(closed)
    opening[..., 2::4] = closed[..., 2::4] & bars[..., None]
    if not opening.any():
        return hits, vel, off
    opening = opening.reshape(n, STEPS)
    after = np.zeros_like(opening)
    after[:, 3::4] = opening[:, 2::4]
    hits = np.array(hits, bool, copy=True)
    hits[..., OPEN_HAT] |= opening
    hits[..., CLOSED_HAT] &= ~(opening | after)
    vel, off = np.array(vel, copy=True), np.array(off, copy=True)
    for feel in (vel, off):
        feel[..., OPEN_HAT] = np.where(opening, feel[..., CLOSED_HAT], feel[..., OPEN_HAT])
    return hits, vel, off


def straight_skip_bars(grooves: np.ndarray) -> np.ndarray:
    """(N, 2) bool: the bars of straight loops whose part (grooves (N, 32, 3), straight) plays in 8ths, where jazz's
    skip note is played on the straight "and": both bars of a loop whose part plays MIN_PART_EIGHTHS or more of its
    off-beat 8ths."""
    eighths = np.add.reduce(np.asarray(grooves)[:, 2::4, 0] > 0, -1)  # (the loop's 8 off-beat 8ths: steps 2, 6, ...)
    return np.repeat((eighths >= MIN_PART_EIGHTHS)[:, None], 2, axis=1)


def skip_notes(loops: np.ndarray, mix: np.ndarray, which: np.ndarray | None = None, voice: int = RIDE,
               bars: np.ndarray | None = None, velocity: float = SKIP_VELOCITY,
               waltz: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27), generated straight (for a swung part, or a straight part in 8ths), with jazz's skip note on
    the ride (voice: the time's cymbal, the closed hat where the cymbals are switched off, as a drummer without a ride
    plays it): the "and" of 2 and of 4 (a swung part plays it on the swung 8th) in each bar whose ride plays all
    four beats and has no note of that beat's second half, where a hand is free, in the loops whose genre mix (N, 9)
    jazz leads (JAZZ_LEADS or more) and `which` (N,) bool (beats, not fills), of the `bars` (N, 2) bool only where
    given (a straight part's: `straight_skip_bars`). At `velocity` times the ride's note on the beat before, on the
    beat's timing. waltz: (N, 2) bool, the loop bars a 3/4 bar plays (meter_genres.waltz_loop_bars; None: none),
    whose loop beat 4 is the waltz's 3: the skip note after 2 alone there, "ding, ding-ga, ding" (after 4 as well,
    it had ridden the waltz's "and" of 3 too). A new array where a note is added, else loops itself."""
    asked = np.asarray(mix)[:, JAZZ] >= JAZZ_LEADS
    if which is not None:
        asked &= np.asarray(which, bool)
    if not asked.any():
        return loops
    n = len(loops)
    hit = np.asarray(loops).reshape(n, 2, 16, 3 * N_VOICES)[..., :N_VOICES] > 0.5
    riding = hit[..., 0::4, voice].all(-1) & asked[:, None]  # (N, 2)
    if bars is not None:
        riding &= np.asarray(bars, bool)
    second_half = hit[:, :, SKIP, voice] | hit[:, :, SKIP + 1, voice]  # the beat's "and" or "a": the swung 8th
    hands = hit[:, :, SKIP, HANDS_FROM:].sum(-1) + hit[:, :, SKIP + 1, HANDS_FROM:].sum(-1)
    add = riding[..., None] & ~second_half & (hands < MAX_HANDS)  # (N, 2, 2)
    if waltz is not None:
        add[..., 1] &= ~np.asarray(waltz, bool)
    if not add.any():
        return loops
    out = np.array(loops, np.float32, copy=True)
    view = out.reshape(n, 2, 16, 3 * N_VOICES)
    loop, bar, k = np.nonzero(add)
    step = SKIP[k]
    view[loop, bar, step, voice] = 1.0
    view[loop, bar, step, N_VOICES + voice] = velocity * view[loop, bar, step - 2, N_VOICES + voice]
    view[loop, bar, step, 2 * N_VOICES + voice] = view[loop, bar, step - 2, 2 * N_VOICES + voice]
    return out


def played_by_rule(loops: np.ndarray, grooves: np.ndarray, cond, plain: np.ndarray | None, swung: bool,
                   counts=None, side: np.ndarray | None = None, waltz: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) as the network generated them (straight, in the loop's 4/4 frame) with what a drummer plays
    there by rule: jazz's skip note where the part swings (`swung`: `skip_notes`), jazz's snare comping
    (core/comping.py), latin's clave and tumbao kick (core/clave.py) and reggae's one drop (core/one_drop.py) on
    plain 4/4 bars, one foot's kick (core/one_foot.py) under a band part. cond: the Conditioning they were generated
    under (genre mix, fill, bass, seed, drum_part, voice groups: a group switched off gets no notes); grooves (N,
    32, 3): the part's, straight; plain: (N,) bool the loops on plain 4/4 bars (half time lays its loops at half
    speed; None: all). counts: (N,) each loop's first bar counted as the song's run counts it (song_bars.py), where
    comping's 4-bar phrase and the clave's two bars are laid (None: loop i's first bar is the part's 2i); side: the
    song's clave read from its whole part (clave.clave; None: from these grooves); waltz: (N, 2) the loop bars a
    3/4 bar plays (meter_genres.waltz_loop_bars; None: none), whose skip note is after 2 alone. Loops itself where
    no rule plays. The skip note also where a straight part plays 8ths (`straight_skip_bars`), on plain 4/4 bars."""
    beats = None if cond.fill is None else np.asarray(cond.fill) <= 0.5  # not fills
    on = dict(zip(VOICE_GROUPS, np.asarray(cond.voice_groups) > 0))  # (a group switched off never plays)
    on_bars = beats if plain is None else np.asarray(plain, bool) & (True if beats is None else beats)
    # jazz's time on the ride and no backbeat on a waltz's or 6/8's bars too, where a seed had played the snare on
    # all three beats (half time's bars get theirs on the real grid: half_time_genres.py)
    not_half = beats
    if plain is not None and cond.four_four is not None:  # the loops not laid in half time
        half = np.asarray(cond.four_four, bool) & ~np.asarray(plain, bool)
        not_half = ~half & (True if beats is None else beats)
    # jazz's left hand gives way to reggae's leading too: its drop is the snare's one note (the backbeat taken out and
    # the draw's snares softened first, `--genre jazz,reggae` had dropped on a comp note's level, 'o')
    left_hand = ~reggae_rows(cond.genre, None)
    if on["snare"]:  # (before the time moves to the ride: a draw's backbeat left no hand for the hat foot)
        loops = no_backbeat(loops, jazz_rows(cond.genre, not_half) & left_hand)
    if on["cymbals"] and on["hats"]:
        loops = ride_time(loops, jazz_rows(cond.genre, not_half))
    # (after the time moves to the ride: a seed's draw keeping time on the hats got no skip note; the cymbals switched
    # off: jazz's ride pattern on the closed hat, its time there)
    time_voice = RIDE if on["cymbals"] or not on["hats"] else CLOSED_HAT
    if swung:
        loops = skip_notes(loops, cond.genre, beats, time_voice, waltz=waltz)
    elif on_bars is None or on_bars.any():  # a straight part in 8ths: on the straight "and", on plain 4/4 bars
        loops = skip_notes(loops, cond.genre, on_bars, time_voice, straight_skip_bars(grooves), STRAIGHT_SKIP_VELOCITY)
    if on["snare"]:
        loops = comp(loops, grooves, jazz_rows(cond.genre, on_bars) & left_hand, cond.seed, counts=counts,
                     density=cond.density)
        loops = at_most(loops, grooves, jazz_rows(cond.genre, on_bars) & left_hand)
    loops = clave(loops, grooves, latin_rows(cond.genre, on_bars), cond.bass,
                  clave_voices(on),
                  cond.seed, on["hats"], on["cymbals"], counts, side, cond.density)
    loops = one_drop_loops(loops, cond.genre, reggae_rows(cond.genre, on_bars), on["snare"], on["kick"],
                           (0 if cond.seed is None else cond.seed) if on["hats"] else None, cond.density, cond.bass)
    return loops if cond.drum_part else one_foot(loops, grooves if cond.bass is None else cond.bass, beats)
