"""Latin asked for over a straight 4/4 part: the son clave on the snare's rim and a tumbao kick, by rule.

GMD's latin drummers are mostly Brazilian (samba, baiao, maracatu, samba-reggae: 0.9 snare notes on every 16th of
the bar, on average, and only 4,565 of 33,000 snare-family notes a side stick), so the network, asked for latin over
the bundled funk bass, played a samba's dense snare figure (9 snares a bar) over a kick on 8 of the bar's 16ths,
and no clave. A producer asking for latin expects what a drummer plays over a son or salsa band: the clave on the
rim (cross-stick) with the left hand, the kick with the bass's tumbao (the "and" of 2 and beat 4), the right hand
keeping its time. So in the loops of a part latin leads, the snare plays the son clave (3-2, or 2-3 where the part
plays with that side: a part's clave is one for the whole part), the kick the tumbao, a bass's anticipation on the
"and" of 4 and the 1 under a phrase's crash (over a bossa's bass, the bossa clave and the kick with the bass:
`bossa_bass`); fills stay the network's, and so does the right hand's time at seed
0 (another seed's take plays the cascara or the ride instead: `right_hand`). The snare is the drums' one
voice for it: a drum map that writes the snare on the side stick (`output = 37`) plays it as a cross-stick. Plain
numpy over loops in the straight 4/4 frame, before the part's swing is played.
"""

from __future__ import annotations

import numpy as np

from .comping import busy, sparse
from .genres import GENRES
from .limbs import CLOSED_HAT, CRASH, HANDS_FROM, KICK, MAX_HANDS, OPEN_HAT, RIDE, SNARE, first_tom
from .loop import N_VOICES, STEPS
from .one_drop import quarter_time

LATIN = GENRES.index("latin")
LATIN_LEADS = 0.5  # latin's share of the genre mix asked for from which the clave plays
BAR = 16
THREE_TWO = np.array([0, 6, 12, 20, 24])  # son clave, 2 bars: the 3 side (1, "and" of 2, 4), the 2 side (2, 3)
TWO_THREE = np.array([4, 8, 16, 22, 28])
CLEAR = 0.25  # how many more of the part's notes on the 2-3 side's steps than the 3-2's make it 2-3 (a share)
TUMBAO = np.array([6, 12])  # the bass's tumbao, the kick with it: the "and" of 2 and beat 4 of each bar
PUSHES = np.array([14, 30])  # the "and" of 4: a bass note there anticipates the next 1, the kick with it
BUSY_KICK = np.array([0, 14])  # a busy loop's (comping.busy) fuller tumbao: the 1, softer (ONE_SHARE of the kick's
ONE_SHARE = 0.75  # level), and the "and" of 4 leaning into the next bar, in every bar: --density 0.9 had kicked 3 a bar
CLAVE_LEVEL = 0.55  # the rim's velocity (a cross-stick: medium, under the backbeat's 0.75 and more) ...
# ... a side's first stroke a little over it, the others a little under (one velocity on every note, on the grid
# beside a humanized kick and ride, had sounded machine-made)
CLAVE_ACCENT, CLAVE_OTHERS = 0.6, 0.5
CASCARA_OFF = 0.85  # the cascara's notes off the beat, laid where the time-keeper had none: this share of its loudest
# The right hand's time in each take (seed % 3): the network's hats; the cascara, the timbalero's shell pattern, on
# the ride (its 2 side: 1, 2, 3, the "and" of 3, the "and" of 4; its 3 side: 1, 2, the "and" of 2, the "and" of
# 3, the "and" of 4: with the clave's notes); the hats' own time moved to the ride (the montuno's ride). The
# clave and the tumbao fix the snare and kick, so a seed's or a version's draw had changed only the hats, which
# the network keeps in 8ths: over the bundled funk bass a second version differed from the first in 4% of hits.
CASCARA_TWO, CASCARA_THREE = np.array([0, 4, 8, 10, 14]), np.array([0, 4, 6, 10, 14])
HATS, CASCARA, RIDE_TIME = range(3)
# A bossa nova's clave and kick, where the bass plays the bossa's 1, the "and" of 2, 3 and the "and" of 4: the son
# clave's tumbao had dropped the kick from the 1 and 3 the bass plays, and its 2 side played beat 3 where a bossa
# drummer's cross-stick plays its "and" (3-2: 1, the "and" of 2, 4 | 2, the "and" of 3). The side is read as the
# son's (clave_of: one reading for the rule, the rim and bars drummed again), then played on the bossa's steps.
BOSSA_THREE_TWO, BOSSA_TWO_THREE = np.array([0, 6, 12, 20, 26]), np.array([4, 10, 16, 22, 28])
BOSSA_BASS = np.array([0, 6, 8, 14])  # a bar's 16ths: the bass's (and the bossa drummer's kick, with it)
BOSSA_OFF = 1  # a bossa bar's bass plays at most this many other steps (a passing note), none on 2 or 4
BOSSA_SHARE = 0.5  # of the bars its bass plays in, the bossa's bars (and 2 at least) make a bossa part


def latin_rows(mix: np.ndarray, which: np.ndarray | None) -> np.ndarray:
    """(N,) bool: the loops whose genre mix (N, 9) latin leads (LATIN_LEADS or more), of `which` (N,) bool only."""
    asked = np.asarray(mix)[:, LATIN] >= LATIN_LEADS
    return asked if which is None else asked & np.asarray(which, bool)


def clave_of(grooves: np.ndarray, counts=None) -> np.ndarray:
    """The clave's steps over a 2-bar loop for a part (grooves (N, 32, 3), all its loops): 2-3 where the part plays
    clearly more notes on the 2-3 clave's steps than on the 3-2's (CLEAR), else 3-2 (the son clave as it is first
    taught). A part on neither side (a rock band: 93 notes against 94) had flipped with a note or two: live, whose
    last few loops are the part, 10 times in 35 bars, and a section drummed alone against its song. counts: (N,)
    each loop's first bar counted as the song's run counts it (song_bars.py; None: all even): the side is the song's, a
    loop starting on an odd count read with its bars the other way round."""
    part = in_song_frame(np.asarray(grooves)[..., 0] > 0.5, counts)
    two, three = int(part[:, TWO_THREE].sum()), int(part[:, THREE_TWO].sum())
    return TWO_THREE if two - three >= max(2, CLEAR * three) else THREE_TWO


def bossa_bass(bass: np.ndarray | None) -> bool:
    """Whether a bass (N, 32, 3, the loop frame) plays a bossa (see BOSSA_THREE_TWO): in BOSSA_SHARE of the bars it
    plays in (2 at least), the 1 and 3, the "and" of 2 or of 4, nothing on 2 or 4 and at most BOSSA_OFF other
    steps (a son's tumbao plays the 4, a rock bass's 8ths the 2 and 4, a two-beat's no "and"). False for None (a
    part's onsets, every part's together, are no bass's)."""
    if bass is None:
        return False
    hit = (np.asarray(bass)[..., 0] > 0.5).reshape(-1, BAR)
    home = np.zeros(BAR, bool)
    home[BOSSA_BASS] = True
    bossa = hit[:, [0, 8]].all(1) & hit[:, [6, 14]].any(1) & ~hit[:, [4, 12]].any(1) & \
        ((hit & ~home).sum(1) <= BOSSA_OFF)
    n = int(bossa.sum())
    return n >= 2 and n >= BOSSA_SHARE * int(hit.any(1).sum())


def clave_steps(side: np.ndarray, bass: np.ndarray | None) -> np.ndarray:
    """The clave's steps over a 2-bar loop for the side read (THREE_TWO or TWO_THREE, clave_of): the bossa's on that
    side where the bass (N, 32, 3; None: none read) plays a bossa (bossa_bass), else the side's own."""
    if not bossa_bass(bass):
        return side
    return BOSSA_TWO_THREE if np.array_equal(side, TWO_THREE) else BOSSA_THREE_TWO


def in_song_frame(rows: np.ndarray, counts) -> np.ndarray:
    """Rows (N, 32, ...) of 2-bar loops with the bars of those starting on an odd count (counts (N,); None: none)
    swapped, so each row's first bar is an even bar of the song (where the clave's first side plays)."""
    if counts is None or not (np.asarray(counts) % 2).any():
        return rows
    odd = np.asarray(counts) % 2 == 1
    out = np.array(rows, copy=True)
    out[odd] = np.roll(out[odd], BAR, axis=1)
    return out


def clave_voices(groups) -> tuple:
    """Which of SNARE and KICK the clave's rule plays for the voice groups on (a dict, group -> on; a group it
    lacks is on)."""
    return tuple(v for v, group in ((SNARE, "snare"), (KICK, "kick")) if groups.get(group, True))


def beat_steps(loop: np.ndarray) -> np.ndarray:
    """(32,) bool: the steps of a loop (32, 27) of two 4/4 bars before each bar's first tom (its beat: the rest is a
    fill's)."""
    hit = loop[:, :N_VOICES] > 0.5
    beat = np.zeros(STEPS, bool)
    for start in range(0, STEPS, BAR):
        beat[start:start + first_tom(hit[start:start + BAR])] = True
    return beat


def time_keeper(loop: np.ndarray) -> np.ndarray:
    """(32,) the voice keeping time on each step of a loop (32, 27): the closed hat where it plays, else the open
    hat, else the ride."""
    return np.where(loop[:, CLOSED_HAT] > 0.5, CLOSED_HAT, np.where(loop[:, OPEN_HAT] > 0.5, OPEN_HAT, RIDE))


def right_hand(loop: np.ndarray, beat: np.ndarray, steps: np.ndarray, take: int, hats: bool = True,
               ride: bool = True, part_timing: np.ndarray | None = None) -> None:
    """The right hand's time of the take (HATS, CASCARA, RIDE_TIME: seed % 3) laid on one loop (32, 27) in
    place, on its `beat` (32,) steps (a fill keeps its own): the hats go, the ride plays the cascara against the
    clave's `steps`, or the time-keeper's own notes move to the other cymbal (the ride, or the hats where the
    draw rode; hats: False where the hats are switched off, the ride then kept; ride: False where the cymbals are
    switched off, the cascara then on the closed hat, as a drummer without a ride plays it), at the time-keeper's
    velocity and timing where it played, else at its loudest note's (CASCARA_OFF of it off the beat) on the part's
    timing there (part_timing (32,); None: on time) or the time-keeper's middle one."""
    if take == HATS or not (hats or ride):
        return
    keeper = time_keeper(loop)
    played = loop[np.arange(STEPS), keeper] > 0.5
    if not (played & beat).any():
        return
    level = loop[np.arange(STEPS), N_VOICES + keeper]
    timing = loop[np.arange(STEPS), 2 * N_VOICES + keeper]
    if take == CASCARA:
        on = np.zeros(STEPS, bool)
        for start in range(0, STEPS, BAR):  # each bar's side of the clave: the 3 side has the clave's 1
            on[start + (CASCARA_THREE if start in steps else CASCARA_TWO)] = True
    else:
        on = played.copy()
    on &= beat
    loudest = level[played & beat].max()
    # the hats' time on the other cymbal: a draw that rides already (a seed's often does) plays it on the hats,
    # else that take had sounded as the plain one, the seed changing nothing a producer hears
    rides = take == RIDE_TIME and (keeper[played & beat] == RIDE).mean() > 0.5
    if (rides and not hats) or (take == RIDE_TIME and not ride):  # (a group switched off: the draw's time stays)
        return
    hand = CLOSED_HAT if rides or not ride else RIDE
    # a note the time-keeper had not played: at its loudest on the beat, under it off the beat, with the band's
    # feel (the part's timing there, else the time-keeper's middle one), not at one level on the grid
    laid = np.where(np.arange(STEPS) % 4 == 0, loudest, CASCARA_OFF * loudest)
    feel = np.full(STEPS, np.median(timing[played & beat]), np.float32)
    if part_timing is not None:
        feel = np.where(part_timing != 0.0, part_timing, feel)
    for voice in (CLOSED_HAT, OPEN_HAT, RIDE):
        loop[beat, voice::N_VOICES] = 0.0
    loop[on, hand] = 1.0
    loop[on, N_VOICES + hand] = np.where(played[on], level[on], laid[on])
    loop[on, 2 * N_VOICES + hand] = np.where(played[on], timing[on], feel[on])


def clave(loops: np.ndarray, grooves: np.ndarray, rows: np.ndarray, bass: np.ndarray | None = None,
          voices=(SNARE, KICK), seeds=None, hats: bool = True, ride: bool = True, counts=None,
          side: np.ndarray | None = None, density=None) -> np.ndarray:
    """Loops (N, 32, 27) with the loops `rows` (N,) bool played as a latin drummer plays them: the snare on the
    part's clave (clave_of, read from all the grooves (N, 32, 3) given) at CLAVE_LEVEL, the kick on the tumbao, on
    the "and" of 4 where the bass (N, 32, 3; None: the grooves) anticipates the next 1 and on a crash's 1 (at the
    network's velocity where it kicked there, else the loop's loudest kick's). A bar with a fill's toms keeps the
    network's snare and kick from its first tom. The clave's notes: a side's first at CLAVE_ACCENT, the others at
    CLAVE_OTHERS, on the band's feel (the time-keeper's timing on that step, else the part's, else the network's
    snare's). voices: which of SNARE and KICK the rule plays (a voice switched off keeps what it has: nothing).
    seeds: (N,) the loops' seeds, each take's right hand (`right_hand`, seed % 3); None: the network's hats;
    hats, ride: whether the hats and the cymbals play (`right_hand`). counts: (N,) each loop's first bar counted
    as the song's run counts it (song_bars.py; None: every loop's first bar the clave's first side): the clave keeps the
    song's two bars, so bars drummed again from an even bar (--bars 4-7, a time selection) play the side the whole
    song plays there, not the first side on bar 4. side: the song's clave (THREE_TWO or TWO_THREE) read from its
    whole part (None: clave_of these grooves). density: the Conditioning's (None: left to the input): a busy loop's
    (comping.busy) kick adds BUSY_KICK, a sparse one's (comping.sparse) time keeps its quarters (quarter_time). A
    new array where a loop is played so, else loops itself."""
    rows = np.asarray(rows, bool)
    if not rows.any() or not (len(voices) or seeds is not None):
        return loops
    takes = np.zeros(len(loops), np.int64) if seeds is None else np.broadcast_to(np.asarray(seeds, np.int64) % 3,
                                                                                   (len(loops),))
    out = np.array(loops, np.float32, copy=True)
    song_steps = np.zeros(STEPS, bool)
    bossa = bossa_bass(bass)  # (read from a bass given: the grooves, every part's onsets, are none)
    song_steps[clave_steps(clave_of(grooves, counts) if side is None else side, bass)] = True
    odd = np.zeros(len(loops), bool) if counts is None else np.asarray(counts) % 2 == 1
    low = np.asarray(grooves if bass is None else bass)[..., 0] > 0.5
    tumbao = np.zeros(STEPS, bool)
    tumbao[TUMBAO] = tumbao[TUMBAO + BAR] = True
    if bossa:  # (the bossa drummer's kick, the bass's figure, in place of the tumbao)
        tumbao[:] = False
        tumbao[BOSSA_BASS] = tumbao[BOSSA_BASS + BAR] = True
    part_timing = np.where(np.asarray(grooves)[..., 0] > 0.5, np.asarray(grooves)[..., 2], 0.0)
    fuller = np.zeros(STEPS, bool)
    fuller[BUSY_KICK] = fuller[BUSY_KICK + BAR] = True
    many, few = busy(density, len(loops)), sparse(density, len(loops))
    for i in np.flatnonzero(rows):
        loop = out[i]
        steps = np.roll(song_steps, BAR) if odd[i] else song_steps  # (a loop from an odd bar: the other side first)
        accent = np.full(STEPS, CLAVE_OTHERS, np.float32)  # each side's first stroke (its bar's first clave note)
        for start in range(0, STEPS, BAR):
            accent[start + np.flatnonzero(steps[start:start + BAR])[0]] = CLAVE_ACCENT
        hit = loop[:, :N_VOICES] > 0.5
        beat = beat_steps(loop)
        kicked = hit[:, KICK]
        kick_level = loop[kicked, N_VOICES + KICK].max() if kicked.any() else CLAVE_LEVEL
        kick = tumbao | (low[i] & np.isin(np.arange(STEPS), PUSHES)) | (hit[:, CRASH] & (np.arange(STEPS) % BAR == 0))
        kick_levels = np.full(STEPS, kick_level, np.float32)
        if many[i]:  # (a crash's 1 at the kick's level)
            kick_levels[(np.arange(STEPS) % BAR == 0) & ~kick] = ONE_SHARE * kick_level
            kick |= fuller
        for voice, on, level in ((SNARE, steps, CLAVE_LEVEL), (KICK, kick, kick_levels[beat & kick])):
            if voice not in voices:
                continue
            kept = loop[:, voice::N_VOICES].copy()
            loop[beat, voice::N_VOICES] = 0.0
            new = beat & on
            loop[new, voice] = 1.0
            loop[new, N_VOICES + voice] = accent[new] if voice == SNARE else np.where(hit[new, voice], kept[new, 1],
                                                                                      level)
            loop[new, 2 * N_VOICES + voice] = np.where(hit[new, voice], kept[new, 2], 0.0)
        right_hand(loop, beat, np.flatnonzero(steps), int(takes[i]), hats, ride, part_timing[i])
        if SNARE in voices:  # the clave with the band's feel: the time-keeper's timing there, else the part's
            new = beat & steps
            keeper = time_keeper(loop)
            kept_time = loop[np.arange(STEPS), 2 * N_VOICES + keeper]
            feel = np.where(loop[np.arange(STEPS), keeper] > 0.5, kept_time,
                            np.where(part_timing[i] != 0.0, part_timing[i], loop[:, 2 * N_VOICES + SNARE]))
            loop[new, 2 * N_VOICES + SNARE] = feel[new]
        for start in range(0, STEPS, BAR) if few[i] else ():  # (a sparse loop: the time on the quarters, after
            quarter_time(loop[start:start + BAR], beat[start:start + BAR])  # the clave took its feel from it)
        # the rim beside two other hands: the right hand plays the crash, else the ride, and the hat goes
        # (limbs.one_drummer had kept the hat and dropped the clave's note under a phrase's crash, or a take's
        # ride and hat together)
        crowded = (loop[:, HANDS_FROM:N_VOICES] > 0.5).sum(1) > MAX_HANDS
        for keeper in (CLOSED_HAT, RIDE):
            loop[crowded & (loop[:, CRASH] > 0.5), keeper::N_VOICES] = 0.0
        crowded = (loop[:, HANDS_FROM:N_VOICES] > 0.5).sum(1) > MAX_HANDS
        loop[crowded & (loop[:, RIDE] > 0.5), CLOSED_HAT::N_VOICES] = 0.0
    return out
