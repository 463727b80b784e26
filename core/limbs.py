"""One drummer's limbs: make any loop playable by one person on one kit.

A network scores every (step, voice) cell independently, so left alone it
writes closed and open hi-hat on the same step, three or four hands at once,
and crashes used as a time-keeper (issue 10 measured 9% hat clashes and 0.8
crashes per bar where real drummers have 1.3% and 0.2). `playable` fixes a
loop after the hits are chosen, keeping what the network liked most:

- the hi-hat is either closed or open on a step, never both (the likelier wins);
- at most two hand voices per step (snare, hats, toms, cymbals; the kick is a
  foot), the two likeliest kept;
- the crash marks where a phrase starts: on the loop's downbeat only.
  `crash` per loop: 1 = this loop starts a phrase (a crash on step 0),
  0 = no crash in it, -1 = the network decides, on step 0 only. A crash the
  network used as a time-keeper elsewhere moves to the ride where a hand is free;
- one hand keeps time: where the closed hat keeps time (half the loop's 8ths
  or more), the ride does not double it on the hat's steps (a network left
  alone adds a ride on beats 1 and 3 beside steady hats, which no drummer plays).

`steady_hands` fills the holes a thinner pattern leaves in the time-keeper, `full_sixteenths` those a
band drummer playing 16ths would not leave,
`kick_limit` keeps a busier drummer's kick to what one foot plays in a bar, `kick_on_one` a sparser
drummer's kick on the downbeat and `kick_on_three` on beat 3,
`one_backbeat` keeps a bar to its backbeat, not a backbeat and half time at once, and
`ghost_snares` plays a busy snare the way drummers do: around the backbeat,
quietly (GMD's drummers, in beats with 5 or more snares a bar off beats 2 and
4, play those at a median velocity of 0.39 against 0.91 on the backbeat).

Plain numpy over HVO-shaped arrays, so every path (CLI, live, REAPER, panel)
gets the same rules from the one place generation happens.
"""

from __future__ import annotations

import numpy as np

from .loop import N_VOICES, VOICES
from .snare_spread import song_keys, spread_out

KICK, SNARE, CLOSED_HAT, OPEN_HAT, LOW_TOM, MID_TOM, HIGH_TOM, CRASH, RIDE = range(N_VOICES)
HANDS = [v for v in range(N_VOICES) if v != KICK]
HANDS_FROM = 1  # HANDS as a slice (a view, not a copy): every voice after the kick
MAX_HANDS = 2
EIGHTHS = np.arange(32) % 2 == 0  # the 8th-note steps of a 2-bar loop
ON_BEATS = np.arange(32) % 4 == 0  # the beats of a 2-bar loop (4/4)
HALF_THE_EIGHTHS = int(EIGHTHS.sum()) // 2  # (a hat on this many of a loop's 8ths or more keeps time)
BAR_EIGHTHS, BAR_BEATS = np.arange(16) % 2 == 0, np.arange(16) % 4 == 0  # the 8ths and beats of a 16-step bar
assert HANDS == list(range(HANDS_FROM, N_VOICES))
assert VOICES[CRASH] == "crash" and VOICES[RIDE] == "ride" and VOICES[OPEN_HAT] == "open_hat"


def first_tom(hit: np.ndarray) -> int:
    """The step of one bar's hits (steps, N_VOICES) bool where its first tom plays (a fill's start: the rules that
    lay a beat leave it from there on); the bar's length where no tom plays."""
    toms = np.flatnonzero(hit[:, LOW_TOM:HIGH_TOM + 1].any(1))
    return int(toms[0]) if len(toms) else len(hit)


def playable(hits: np.ndarray, score: np.ndarray, crash: np.ndarray | None = None,
             voice_on: np.ndarray | None = None, drummers: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) bool made playable by one drummer; score (N, 32, 9) ranks the cells (higher = keep).

    crash (N,): 1 phrase start, 0 none, -1 the network decides (downbeat only); None = all -1.
    voice_on (N, 9) or (9,): voices allowed to play (a crash forced by `crash` respects it).
    drummers (N,) bool: loops that are a drummer's own pattern (a pattern played at follow 0: models/pattern_hits.py),
    whose pedal hat is a foot beside two hands (jazz's comp on 4 beside its ride and foot had gone); None: none."""
    hits = np.array(hits, bool)
    if not np.logical_or.reduce(hits[..., OPEN_HAT:], None) and (crash is None or not np.any(np.asarray(crash) == 1)):
        # kick, snare and closed hat alone, no crash asked for (a band loop at the defaults, most often, and a
        # phrase's inner loops): two hands at most, no crash, no ride, no open hat: already playable
        return hits
    score = np.asarray(score, np.float32)
    n = len(hits)

    # The crash: only where a phrase starts. Time-keeping crashes move to the ride. (Nothing to do, and
    # nothing done, without crash flags or crashes off the downbeat: this runs on every generation.)
    if crash is not None or np.logical_or.reduce(hits[:, 1:, CRASH], None):
        crash = np.full(n, -1, np.int8) if crash is None else np.broadcast_to(np.asarray(crash), (n,)).astype(np.int8)
        on = np.ones((n, N_VOICES), bool) if voice_on is None else np.broadcast_to(np.asarray(voice_on, bool), (n, N_VOICES))
        stray = hits[:, 1:, CRASH].copy()
        hits[:, 1:, CRASH] = False
        to_ride = stray & ~hits[:, 1:, RIDE] & on[:, None, RIDE]
        hits[:, 1:, RIDE] |= to_ride
        hits[crash == 0, 0, CRASH] = False
        hits[(crash == 1) & on[:, CRASH], 0, CRASH] = True
        # the moved hits rank as the crash did; a forced crash ranks first
        score = score.copy()
        score[:, 1:, RIDE] = np.where(to_ride, score[:, 1:, CRASH], score[:, 1:, RIDE])
        score[crash == 1, 0, CRASH] = np.inf

    # One time-keeping hand: a ride beside steady closed hats goes, unless it is a swung ride (skip notes on the
    # beats' last 16ths) likelier than the hats: then the hats it meets off the beats go, and hats on the beats
    # alone are its foot's chick. A jazz ride asked for more hits had lost its pulse to closed hats on its own
    # steps. (Any ride likelier than its hats leading, or any hats on the beats alone kept as a foot, lowered
    # GMD validation F1 with the true genre given, 0.6490 to 0.6478: GMD's pop and hip-hop drummers keep the hats.)
    ride = hits[..., RIDE]
    if np.logical_or.reduce(ride, None):
        # np.add.reduce counts the 8ths (::2) as np.count_nonzero would, without its Python wrapper
        hat = hits[..., CLOSED_HAT]
        hat_keeps_time = np.add.reduce(hat[:, ::2], 1) >= HALF_THE_EIGHTHS
        both = hat & ride & hat_keeps_time[:, None]
        if drummers is not None:  # (a drummer's own pattern keeps its hands: latin's ride 'and's over the hat foot)
            both &= ~np.asarray(drummers, bool)[:, None]
        if np.logical_or.reduce(both, None):  # (step slices, not masks, on this hot path)
            swung = np.add.reduce(ride[:, 3::4], 1) >= 2
            if not np.logical_or.reduce(swung):  # (no swung ride, none leads: the ride beside the hats goes)
                ride &= ~both
            else:
                both &= ~(swung & _on_beats_only(hat))[:, None]
                ride_leads = swung & _likelier(score, hits, RIDE, CLOSED_HAT)
                hits[..., CLOSED_HAT] &= ~(both & ride_leads[:, None] & ~ON_BEATS[None, :hits.shape[1]])
                ride &= ~(both & ~ride_leads[:, None])

    # Closed or open hi-hat, not both.
    both = hits[..., CLOSED_HAT] & hits[..., OPEN_HAT]
    if np.logical_or.reduce(both, None):
        open_wins = score[..., OPEN_HAT] > score[..., CLOSED_HAT]
        hits[..., CLOSED_HAT] &= ~(both & open_wins)
        hits[..., OPEN_HAT] &= ~(both & ~open_wins)

    # Two hands: keep the two likeliest hand voices per step (beside the hat's foot, the ride's pulse first). The
    # pedal hat is ranked as a hand here, on the network's draw: a jazz draw's snare on 2 and 4 beside the ride and
    # the foot goes so (the engine's jazz rules after it keep the backbeat off, drumify_batch applies none: the foot
    # left out of the count here, its jazz played the snare on 2 and 4 at 108-114 in all of 200 held-out windows).
    hand = hits[..., HANDS_FROM:]
    busy = np.add.reduce(hand, -1) > MAX_HANDS
    if np.logical_or.reduce(busy, None):
        ranked = _foot_last(np.where(hand, score[..., HANDS_FROM:], -np.inf), hits)
        hits[..., HANDS_FROM:] = _two_hands(hits, ranked, busy, foot_free=False if drummers is None else drummers)
    return hits


def _two_hands(hits: np.ndarray, ranked: np.ndarray, busy: np.ndarray | None = None,
               foot_free: bool | np.ndarray = True) -> np.ndarray:
    """The hand voices of hits (N, T, 9) bool that stay, (N, T, 8): the MAX_HANDS ranked highest (ranked: their
    ranks, -inf where none plays) on the steps `busy` (N, T) bool (None: every step), and the pedal hat (`foot_hat`)
    beside them, a foot, not a hand (foot_free False: ranked as a hand; (N,) bool: per loop). Where trimming the
    sticks leaves a loop's
    hat no longer the foot's (its ride kept time no more), it is ranked as a stick again."""
    hand = hits[..., HANDS_FROM:]
    free = np.broadcast_to(np.asarray(foot_free, bool), hits.shape[:1])
    foot = foot_hat(hits) & free[:, None] if free.any() else np.zeros(hits.shape[:-1], bool)
    hat = np.arange(HANDS_FROM, N_VOICES) == CLOSED_HAT
    while True:
        sticks = np.where(foot[..., None] & hat, -np.inf, ranked)
        rank = np.argsort(np.argsort(-sticks, axis=-1, kind="stable"), axis=-1, kind="stable")
        kept = hand & ((rank < MAX_HANDS) | (foot[..., None] & hat))
        if busy is not None:
            kept = np.where(busy[..., None], kept, hand)
        if not foot.any():
            return kept
        played = hits.copy()
        played[..., HANDS_FROM:] = kept
        still = foot & foot_hat(played)
        if np.array_equal(still, foot):
            return kept
        foot = still


def _likelier(score: np.ndarray, hits: np.ndarray, a: int, b: int) -> np.ndarray:
    """(N,) bool: voice a's hits in each loop have a higher mean margin (score) than voice b's."""
    def mean(v):
        return np.where(hits[..., v], score[..., v], 0.0).sum(1) / np.maximum(hits[..., v].sum(1), 1)
    return mean(a) > mean(b)


def foot_hat(hits: np.ndarray) -> np.ndarray:
    """The closed-hat cells of hits (N, T, 9) bool played with the hi-hat pedal, (N, T): in a loop whose ride
    keeps time (on half its beats or more), a closed hat on the beats only is the foot (jazz's hat on 2 and 4)."""
    hat = hits[..., CLOSED_HAT]
    rides = 2 * np.add.reduce(hits[:, ::4, RIDE], -1) >= len(range(0, hits.shape[1], 4))
    return hat & (_on_beats_only(hat) & rides)[:, None]


def _on_beats_only(line: np.ndarray) -> np.ndarray:
    """(N,) bool: a voice's hits (N, T) fall on the beats alone (none on a step between: step slices, not masks,
    on the hot path)."""
    return ~(np.logical_or.reduce(line[:, 1::2], 1) | np.logical_or.reduce(line[:, 2::4], 1))


def _foot_last(ranked: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """Hand voices' ranks (N, T, 8) with the ride first on a step where the hat the foot plays (`foot_hat`)
    meets it (a new array where changed). GMD's pedal hat is the closed hat's voice: ranked as a stick
    beside the snare on 2 and 4 it cost a jazz ride its beat there (the ride played 1, 2 and 3 of a bar,
    or 1 and 3). The ride's pulse stays; the snare and the hat's chick keep their order."""
    with_foot = foot_hat(hits) & hits[..., RIDE]
    if not with_foot.any():
        return ranked
    ranked = ranked.copy()
    col = RIDE - HANDS_FROM
    ranked[..., col] = np.where(with_foot, np.finfo(np.float32).max, ranked[..., col])
    return ranked


def one_drummer(loops: np.ndarray) -> np.ndarray:
    """Loops (N, T, 27) on their real grid kept playable after hits were moved between steps: swing plays
    a beat's "and" and "a" on one swung 8th, and 6/8 and 12/8 play them on one triplet 8th, so a snare on
    the "and" and a tom and a hat on the "a" met as three hands, an open and a closed hat as a clash.
    On a step, the open or the closed hat and the two hand voices that stay are the loudest; a crash
    stays first (it opens a phrase). The pedal hat (`foot_hat`: jazz's hat on 2 and 4 under the ride) is the
    left foot, no hand: beside the ride and the snare it had cost one of them its stroke. A new array."""
    out = np.array(loops, np.float32, copy=True)
    n = N_VOICES
    hits = out[..., :n] > 0.5
    hand = hits[..., HANDS_FROM:]
    clash = hits[..., CLOSED_HAT] & hits[..., OPEN_HAT]
    busy = np.add.reduce(hand, -1) > MAX_HANDS
    if not (clash.any() or busy.any()):
        return out
    score = np.where(hits, out[..., n : 2 * n], -np.inf)
    score[..., CRASH] = np.where(hits[..., CRASH], np.inf, -np.inf)
    keep = hits & ~(clash[..., None] & (np.arange(n) == np.where(score[..., OPEN_HAT] > score[..., CLOSED_HAT],
                                                                      CLOSED_HAT, OPEN_HAT)[..., None]))
    ranked = _foot_last(np.where(keep[..., HANDS_FROM:], score[..., HANDS_FROM:], -np.inf), hits)
    keep[..., HANDS_FROM:] = _two_hands(keep, ranked)  # (the pedal hat takes no hand's place)
    for part in range(3):
        out[..., part * n : (part + 1) * n] *= keep
    return out


def limb_report(hits: np.ndarray) -> dict[str, float]:
    """What a drummer would check, over loops (N, 32, 9): hat clashes per hat step, steps with more
    than two hands per step with a hand (the pedal hat, `foot_hat`, a foot), and crashes off the downbeat."""
    h = np.asarray(hits)[..., :N_VOICES] > 0.5
    hat_steps = (h[..., CLOSED_HAT] | h[..., OPEN_HAT]).sum()
    hand_steps = h[..., HANDS].any(-1).sum()
    sticks = h[..., HANDS].sum(-1) - foot_hat(h)  # (the pedal hat is a foot)
    return {
        "hat_clash": float((h[..., CLOSED_HAT] & h[..., OPEN_HAT]).sum() / max(hat_steps, 1)),
        "over_two_hands": float((sticks > MAX_HANDS).sum() / max(hand_steps, 1)),
        "crash_off_downbeat": float(h[:, 1:, CRASH].sum()),
    }


def one_backbeat(hits: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) with one backbeat per bar: a snare on beat 2 or 4 gets the other, and a bar with
    snares on beats 2 and 4 loses the one on beat 3. Asked for fewer hits, a network drops the backbeat's
    second snare before the time-keeper's 8ths (at density 0.1, 16% of bars of GMD grooves), and writes a
    backbeat and a half-time snare at once when it cannot tell the two feels apart (17% of bars at density
    0.25 on the validation songs; their drummers: 7%). The backbeat stays (a 3/4 bar, which skips the
    loop's beat 3, would lose a half-time snare). `which` (N,) bool: only these loops (fills keep their
    snares). A new array where a bar changes, else hits itself."""
    snare = np.asarray(hits, bool)[..., SNARE]  # (N, 32): each bar's beats 2, 3 and 4 below are (N, 2) views
    if len(snare) == 1 and _one_backbeat_already(snare[0], which):  # one loop: the quick look, on Python bools
        return hits
    two, three, four = snare[:, 4::16], snare[:, 8::16], snare[:, 12::16]
    half, all_three = two ^ four, (two | four) & three  # beat 3 goes where the backbeat is, or is made whole
    if which is not None:
        only = np.asarray(which, bool)[:, None]
        half, all_three = half & only, all_three & only
    if not (half | all_three).any():  # most loops (every band loop at the defaults): nothing to change
        return hits
    out = np.array(hits, bool, copy=True)
    bars = out[..., SNARE]
    bars[:, 4::16] |= half
    bars[:, 12::16] |= half
    bars[:, 8::16] &= ~all_three
    return out


def _one_backbeat_already(snare: np.ndarray, which: np.ndarray | None) -> bool:
    """Whether one_backbeat leaves one loop's snare (32,) as it is: it is not among `which`, or each bar has
    both backbeats or neither, and no snare on beat 3 beside a backbeat."""
    if which is not None and not which[0]:
        return True
    s = snare.tolist()
    return all(s[b + 4] == s[b + 12] and not (s[b + 4] and s[b + 8]) for b in (0, 16))


def steady_hands(hits: np.ndarray, which: np.ndarray | None = None, voice_on: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) whose time-keeper (the hi-hat, open or closed, or the ride: whichever plays more in
    a bar) has no hole in a bar it keeps: on 5-7 of the bar's 8ths (some off the beat), the 8ths it skips
    are filled; on 3 of its 4 beats, or on 2 that are not half notes, the missing ones; on one beat where
    the loop's other bar keeps a pulse, that bar's beats. A network asked for fewer hits
    drops time-keeper hits one by one (at density 0.15 on the validation songs, 17% of bars had a hat on
    3 of 4 beats, their drummers 6%). Filled with the closed hat (or the ride where it keeps time), where
    a hand is free: run it on playable loops. `which` (N,) bool: only these loops; voice_on (N, 9) bool:
    a voice switched off is never added. A new array."""
    if len(hits) == 1 and ((which is not None and not which[0]) or _steady_already(np.asarray(hits[0], bool))):
        return np.array(hits, bool, copy=True)  # one loop whose time-keeper is steady: the quick look
    bars = np.asarray(hits, bool).reshape(len(hits), 2, 16, N_VOICES)  # read; copied below only where filled
    use_ride, keeper = _time_keeper(bars)
    n8, nq = np.add.reduce(keeper[..., ::2], -1), np.add.reduce(keeper[..., ::4], -1)  # 8ths, beats
    eighths = (n8 >= 5) & (n8 <= 7) & np.logical_or.reduce(keeper[..., 2::4], -1)  # some 8ths off the beat
    halves = (keeper[..., 0] & keeper[..., 8]) | (keeper[..., 4] & keeper[..., 12])  # half notes: a pulse too
    beats = (nq == 3) | ((nq == 2) & ~halves)
    # one beat or none in a bar whose other bar keeps a pulse: it plays that bar's beats (at density 0 the
    # count cut the hats on 2 and 4 of bar 1 to beat 2 alone in bar 2, or to none: a time-keeper every
    # other bar, a hole a drummer never leaves)
    lone = ((nq == 1) | ~np.logical_or.reduce(keeper, -1)) & (nq[:, ::-1] >= 2)
    if which is not None:
        only = np.asarray(which, bool)[:, None]
        eighths, beats, lone = eighths & only, beats & only, lone & only
    out = np.array(hits, bool, copy=True)
    if not (eighths | beats | lone).any():  # every bar's time-keeper steady (most loops): nothing to fill
        return out
    fill = np.where(eighths[..., None], BAR_EIGHTHS, False) | np.where(beats[..., None], BAR_BEATS, False)
    fill |= np.where(lone[..., None], keeper[:, ::-1] & BAR_BEATS, False)
    return _keep_time(out, bars, fill & ~keeper, use_ride, voice_on)


def _time_keeper(bars: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(use_ride (n, bar), keeper (n, bar, 16)) of loops' bars (n, 2, 16, 9): each bar's time-keeper, the hi-hat
    (open or closed) or the ride, whichever plays more in it, and the steps it plays."""
    hat = bars[..., CLOSED_HAT] | bars[..., OPEN_HAT]
    ride = bars[..., RIDE]
    # np.add.reduce / np.logical_or.reduce and step slices (views) instead of .sum / .any and boolean masks
    # (copies): the same counts, 45 us a loop instead of 70; this runs on every generation with a density
    use_ride = np.add.reduce(ride, -1) > np.add.reduce(hat, -1)  # (n, bar)
    return use_ride, np.where(use_ride[..., None], ride, hat)


def _steady_already(loop: np.ndarray) -> bool:
    """Whether steady_hands leaves one loop's hits (32, 9) as they are: its tests, bar by bar on Python bools."""
    closed, opened, ride = (loop[:, v].tolist() for v in (CLOSED_HAT, OPEN_HAT, RIDE))
    keepers = []
    for b in (0, 16):
        hat = [c or o for c, o in zip(closed[b : b + 16], opened[b : b + 16])]
        keepers.append(ride[b : b + 16] if sum(ride[b : b + 16]) > sum(hat) else hat)
    beats = [sum(k[::4]) for k in keepers]
    for k, nq, other in zip(keepers, beats, beats[::-1]):
        halves = (k[0] and k[8]) or (k[4] and k[12])
        if (5 <= sum(k[::2]) <= 7 and any(k[2::4])) or nq == 3 or (nq == 2 and not halves) or \
                ((nq == 1 or not any(k)) and other >= 2):
            return False
    return True


def _keep_time(out: np.ndarray, bars: np.ndarray, fill: np.ndarray, use_ride: np.ndarray,
               voice_on: np.ndarray | None) -> np.ndarray:
    """`out` (N, 32, 9), a copy of the hits `bars` (N, 2, 16, 9) shows, with the time-keeper added on the
    steps `fill` (N, 2, 16) where a hand is free (so it stays playable): the ride in the bars `use_ride`
    (N, 2), else the closed hat; a voice switched off (voice_on (N, 9) False) is never added."""
    fill = fill & (np.add.reduce(bars[..., HANDS_FROM:], -1) < MAX_HANDS)
    to_ride, to_hat = fill & use_ride[..., None], fill & ~use_ride[..., None]
    if voice_on is not None:
        on = np.broadcast_to(np.asarray(voice_on, bool), (len(out), N_VOICES))
        to_ride &= on[:, RIDE, None, None]
        to_hat &= on[:, CLOSED_HAT, None, None]
    filled = out.reshape(bars.shape)
    filled[..., RIDE] |= to_ride
    filled[..., CLOSED_HAT] |= to_hat
    return out


OFF_EIGHTHS = np.arange(16) % 4 == 2  # the off-beat 8ths of a 16-step bar


def even_pulse(hits: np.ndarray, which: np.ndarray | None = None, lighter: bool = True,
               voice_on: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) whose time-keeper plays one subdivision through the loop: where one bar keeps every 8th
    and the other every beat and nothing between (a count cutting the hats: `--density 0.2` played 8ths, then
    quarters, bar after bar), both bars play quarters (`lighter`: fewer hits were asked for) or both 8ths.
    The closed hat or ride on the off-beats goes or comes (an open hat there stays: an accent, not the pulse);
    added only where a hand is free. `which` (N,) bool: only these loops. Run after `steady_hands`. A new array."""
    out = np.array(hits, bool, copy=True)
    if len(out) == 1 and (which is not None and not which[0] or _even_already(out[0])):  # one loop: the quick look
        return out
    bars = out.reshape(len(out), 2, 16, N_VOICES)  # a view: edits land in out
    use_ride, keeper = _time_keeper(bars)
    on_beats = np.logical_and.reduce(keeper[..., BAR_BEATS], -1)
    between = np.logical_or.reduce(keeper[..., ~BAR_BEATS], -1)
    eighths = on_beats & np.logical_and.reduce(keeper[..., OFF_EIGHTHS], -1) & \
        ~np.logical_or.reduce(keeper[..., ~BAR_EIGHTHS], -1)
    quarters = on_beats & ~between
    lopsided = ((eighths & quarters[:, ::-1]) | (quarters & eighths[:, ::-1])) & (use_ride == use_ride[:, ::-1])  # both bars
    if which is not None:
        lopsided &= np.asarray(which, bool)[:, None]
    if not lopsided.any():
        return out
    if lighter:
        drop = (eighths & lopsided)[..., None] & OFF_EIGHTHS
        bars[..., RIDE] &= ~(drop & use_ride[..., None])
        bars[..., CLOSED_HAT] &= ~(drop & ~use_ride[..., None])
        return out
    return _keep_time(out, bars, (quarters & lopsided)[..., None] & OFF_EIGHTHS, use_ride, voice_on)


def _even_already(loop: np.ndarray) -> bool:
    """Whether even_pulse leaves one loop's hits (32, 9) as they are: no bar in 8ths beside one in quarters on the
    same time-keeper (its tests, bar by bar on Python bools)."""
    closed, opened, ride = (loop[:, v].tolist() for v in (CLOSED_HAT, OPEN_HAT, RIDE))
    bars = []  # (on the ride, in 8ths, in quarters) of each bar
    for b in (0, 16):
        hat, r = [c or o for c, o in zip(closed[b : b + 16], opened[b : b + 16])], ride[b : b + 16]
        k = r if sum(r) > sum(hat) else hat
        bars.append((k is r, all(k[::4]) and all(k[2::4]) and not any(k[1::2]), all(k[::4]) and not any(k[1::2] + k[2::4])))
    (r0, e0, q0), (r1, e1, q1) = bars
    return r0 != r1 or not ((e0 and q1) or (q0 and e1))


# A band drummer's time-keeper on this many of a bar's 16ths or more plays them all (freedoom's drummers: of
# bars with 12 or more hat 16ths, 55% on all 16 and 15% on 14 or 15; the band network 6.5% and 56%).
FULL_SIXTEENTHS = 14


def full_sixteenths(hits: np.ndarray, which: np.ndarray | None = None, voice_on: np.ndarray | None = None) -> np.ndarray:
    """Hits (N, 32, 9) whose time-keeper (hi-hat, open or closed, or the ride: whichever plays more in a bar)
    plays every 16th of a bar where it plays FULL_SIXTEENTHS of them or more: a drummer playing 16ths does
    not skip one or two (the network, scoring cells one by one, dropped the last 16th before a snare). Filled
    with the closed hat (or the ride) where a hand is free. `which` (N,) bool: only these loops; voice_on
    (N, 9) bool: a voice switched off is never added. Run it on playable hits (closed and open hat never on
    one step: their counts add up to the hat's). A new array where a bar changes, else hits itself."""
    bars = np.asarray(hits, bool).reshape(len(hits), 2, 16, N_VOICES)
    if len(hits) == 1:  # one loop: its two bars' counts as Python ints, the quick look
        per_bar = np.add.reduce(bars[0], 1).tolist()  # (bar, voice)
        if all(c[CLOSED_HAT] + c[OPEN_HAT] < FULL_SIXTEENTHS and c[RIDE] < FULL_SIXTEENTHS for c in per_bar):
            return hits
    counts = np.add.reduce(bars[..., CLOSED_HAT:], 2)  # (n, bar, voices from the closed hat on): one pass
    n_hat, n_ride = counts[..., 0] + counts[..., OPEN_HAT - CLOSED_HAT], counts[..., RIDE - CLOSED_HAT]
    if n_hat.max() < FULL_SIXTEENTHS and n_ride.max() < FULL_SIXTEENTHS:  # most loops: nothing to fill
        return hits
    n16 = np.maximum(n_hat, n_ride)
    holes = (n16 >= FULL_SIXTEENTHS) & (n16 < 16)
    if which is not None:
        holes &= np.asarray(which, bool)[:, None]
    if not holes.any():
        return hits
    use_ride = n_ride > n_hat
    keeper = np.where(use_ride[..., None], bars[..., RIDE], bars[..., CLOSED_HAT] | bars[..., OPEN_HAT])
    return _keep_time(np.array(hits, bool, copy=True), bars, holes[..., None] & ~keeper, use_ride, voice_on)


MAX_KICKS = 7  # a bar's kicks when more hits are asked for (GMD's busiest beats, 28+ hits a bar: 5.9 on average)


def kick_limit(score: np.ndarray, which: np.ndarray | None = None, most: int = MAX_KICKS) -> np.ndarray:
    """Scores (N, 32, 9) with each bar's kick cells beyond its `most` likeliest at -inf, so hits counted up
    to a density go to the hands rather than to a kick on nearly every 16th (11 a bar on the validation
    songs at the density slider's top, before). `which` (N,) bool: only these loops. A new array."""
    out = np.array(score, np.float32, copy=True)
    kick = out[..., KICK].reshape(len(out), 2, 16)
    rank = np.argsort(np.argsort(-kick, axis=-1, kind="stable"), axis=-1, kind="stable")
    drop = rank >= most
    if which is not None:
        drop &= np.asarray(which, bool)[:, None, None]
    out[..., KICK] = np.where(drop, -np.inf, kick).reshape(len(out), 32)
    return out


MAX_GHOSTS = 7  # a bar's snares off the backbeat when more hits are asked for (GMD funk bars of 28+ hits: 7.7)
# where GMD's funk drummers put the snares off the backbeat in bars with 3 or more of them (share of bars per
# 16th): around the backbeat (the "e" and "a" either side of beats 2 and 4, the "e" of 3), seldom beside beat 1
GHOST_PLACES = np.array((.23, .5, .21, .08, 1, .52, .34, .79, .33, .7, .23, .36, 1, .45, .46, .69), np.float32)
_GHOST_BONUS = np.log(GHOST_PLACES)  # added to a snare cell's margin: computed once (snare_limit is per generation)


def snare_limit(score: np.ndarray, which: np.ndarray | None = None, most: int = MAX_GHOSTS) -> np.ndarray:
    """Scores (N, 32, 9) with each bar's snare cells off beats 2 and 4 beyond its `most` likeliest at -inf,
    ranked by the network's margin plus where drummers put ghost notes (GHOST_PLACES), so hits counted up to
    a density go to the other hands rather than to a snare on every 16th (at density 0.8 with funk asked for,
    12 ghost notes a bar on every 16th but the backbeat's neighbours, before). `which` (N,) bool: only
    these loops. A new array."""
    out = np.array(score, np.float32, copy=True)
    snare = out[..., SNARE].reshape(len(out), 2, 16)
    key = np.where(OFF_BACKBEAT, snare + _GHOST_BONUS, np.inf)  # the backbeat is never dropped
    rank = np.argsort(np.argsort(-key, axis=-1, kind="stable"), axis=-1, kind="stable") - _BACKBEAT_CELLS
    drop = OFF_BACKBEAT & (rank >= most)
    if which is not None:
        drop &= np.asarray(which, bool)[:, None, None]
    out[..., SNARE] = np.where(drop, -np.inf, snare).reshape(len(out), 32)
    return out


def crowded(hits: np.ndarray, which: np.ndarray | None = None) -> np.ndarray:
    """(N,) bool: the loops of hits (N, 32, 9) with a bar of more kicks than MAX_KICKS or more snares off the
    backbeat than MAX_GHOSTS, the loops `kick_limit` and `snare_limit` change. Counted first, since most
    counts leave every bar under both (at density 0.15, all): the limits and a second count then cost nothing."""
    if len(hits) == 1:  # one loop: its bars' counts as Python ints, the quick look
        kick, snare = hits[0, :, KICK].tolist(), hits[0, :, SNARE].tolist()
        busy = any(sum(kick[b : b + 16]) > MAX_KICKS or sum(snare[b : b + 16]) - snare[b + 4] - snare[b + 12] > MAX_GHOSTS
                   for b in (0, 16))
        return np.array([busy and (which is None or bool(which[0]))])
    bars = hits.reshape(len(hits), 2, 16, N_VOICES)
    over = (np.add.reduce(bars[..., KICK], -1) > MAX_KICKS) | (np.add.reduce(bars[..., OFF_BACKBEAT, SNARE], -1) > MAX_GHOSTS)
    busy = np.logical_or.reduce(over, -1)
    return busy if which is None else busy & np.asarray(which, bool)


FIRST = np.float32(1e9)  # a score above any network's margin, still finite (the count keeps finite cells only)


def kick_on_one(score: np.ndarray, hits: np.ndarray, which: np.ndarray | None = None) -> np.ndarray | None:
    """Scores (N, 32, 9) with the kick on beat 1 ranked first in each bar that `hits` (N, 32, 9), the cells
    counted up to a density, leave without a kick; None where no bar lacks one. A sparse drummer thins
    the pattern to its anchors and keeps the kick on the downbeat: counted up to density 0, the band
    network left every bar of GMD validation grooves without a kick with funk, jazz or reggae asked for,
    a quarter of them with no genre. Only bars with no kick get one, so a genre's kick off beat 1 (reggae's one drop)
    stays where the count keeps it; a muted kick (score -inf) stays off. `which` (N,) bool: only these
    loops (fills play their own). A new array."""
    if len(hits) == 1:  # one loop: a kick in each bar (or not among `which`) is the quick look
        kick = np.asarray(hits, bool)[0, :, KICK].tolist()
        if (which is not None and not which[0]) or (any(kick[:16]) and any(kick[16:])):
            return None
    bars = np.asarray(hits, bool).reshape(len(hits), 2, 16, N_VOICES)
    lack = ~np.logical_or.reduce(bars[..., KICK], -1)  # (n, bar)
    if which is not None:
        lack &= np.asarray(which, bool)[:, None]
    first = np.asarray(score)[:, ::16, KICK]  # beat 1 of each bar
    lack &= np.isfinite(first)
    if not lack.any():
        return None
    out = np.array(score, np.float32, copy=True)
    out[:, ::16, KICK] = np.where(lack, FIRST, first)
    return out


_OFF_ONE_AND_THREE = ~np.isin(np.arange(16), (0, 8))


def kick_on_three(hits: np.ndarray, score: np.ndarray, which: np.ndarray) -> np.ndarray:
    """Hits (N, 32, 9) where a bar of `which` (N,) loops keeps two kicks or more, none on beat 3 (nor a snare:
    a half-time backbeat), and its weakest kick off beats 1 and 3 moved there (a kick that can play: a finite
    score). Thinned to a sparse density, a rock bass line's kick kept its pushes (1&, 2&, 3&, 4&) and lost beat
    3, where a drummer thinning out keeps 1 and 3. A new array where changed."""
    if len(hits) == 1:  # one loop (live, the panel): its two bars on Python bools, the quick look
        row = np.asarray(hits, bool)[0, :, KICK].tolist()
        snare = np.asarray(hits, bool)[0, 8::16, SNARE].tolist()
        if not which[0] or all(row[b + 8] or snare[b // 16] or sum(row[b:b + 16]) < 2 for b in (0, 16)):
            return hits
    kick = np.asarray(hits, bool)[..., KICK].reshape(len(hits), 2, 16)
    snare_on_3 = np.asarray(hits, bool)[:, 8::16, SNARE]  # a half-time snare keeps 3 to itself
    moves = which[:, None] & ~kick[..., 8] & ~snare_on_3 & (np.add.reduce(kick, -1) >= 2)
    if not moves.any():  # (most bars keep their 3)
        return hits
    sc = np.asarray(score, np.float32)[..., KICK].reshape(len(hits), 2, 16)
    off = kick & _OFF_ONE_AND_THREE
    moves &= np.isfinite(sc[..., 8]) & np.logical_or.reduce(off, -1)
    if not moves.any():
        return hits
    out = np.array(hits, bool, copy=True)
    weakest = np.argmin(np.where(off, sc, np.inf), -1)  # (n, bar)
    for i, b in zip(*np.nonzero(moves)):
        out[i, 16 * b + weakest[i, b], KICK] = False
        out[i, 16 * b + 8, KICK] = True
    return out


GHOST_RATIO = 0.45  # a ghost note at most this share of its bar's backbeat velocity
BUSY_SNARE = 3  # snares off the backbeat in one bar from which they are ghost notes
BACKBEAT = np.isin(np.arange(16), (4, 12))  # beats 2 and 4 of a 16-step bar
OFF_BACKBEAT = ~BACKBEAT
_BACKBEAT_CELLS = int(np.add.reduce(BACKBEAT))  # ranked first in every bar by snare_limit


def ghost_snares(loops: np.ndarray, which: np.ndarray | None = None,
                 ratio: float | np.ndarray = GHOST_RATIO, lone: tuple | None = None,
                 seed: np.ndarray | None = None, thin_busy: np.ndarray | None = None,
                 song_bar: np.ndarray | None = None, bpm: np.ndarray | None = None) -> np.ndarray:
    """Loops (N, 32, 27) with the snare's hits off beats 2 and 4 as ghost notes, in bars where there are
    BUSY_SNARE or more of them: at most `ratio` (a number or (N,): a genre's, core/genre_ghosts.py) of the bar's
    loudest backbeat snare (of its loudest snare where it has none). `which` (N,) bool: only these loops (default
    all). With a genre's `lone` rules ((level (N,), share (N, 16)): genre_ghosts.lone_snare_rules), a bar's lone
    snares off the backbeat (fewer than BUSY_SNARE) play at most `level` of the backbeat, and each 16th's are kept
    in about its `share` of the song's bars (snare_spread.spread_out, by the song's bar `song_bar` (N,), the take's
    `seed` (N,) and the song's tempo `bpm` (N,): the same bars whichever are drummed; busy bars thinned too in the
    loops `thin_busy` (N,) bool: genre_ghosts.busy_thinned, a bar thinned below BUSY_SNARE playing its snares left
    as lone ones): its drummers' snare there, not the network's in every bar. A new array."""
    out = np.array(loops, np.float32, copy=True)
    hit = out[..., SNARE].reshape(len(out), 2, 16) > 0.5  # (n, bar, step)
    off = hit & OFF_BACKBEAT
    busy = (np.add.reduce(off, -1) >= BUSY_SNARE)[..., None]
    rows = np.ones(len(out), bool) if which is None else np.asarray(which, bool)
    ghost = off & busy & rows[:, None, None]
    lone_level, step_share = (None, None) if lone is None else lone
    alone = off & ~busy & rows[:, None, None] if step_share is not None else np.zeros_like(off)
    # a busy figure the genre's drummers seldom play (thin_busy: genre_ghosts.busy_thinned), thinned as lone ones
    thin = None if lone is None or thin_busy is None else np.asarray(thin_busy, bool) & rows
    thinned = ghost & thin[:, None, None] if thin is not None else np.zeros_like(off)
    if not ghost.any() and not alone.any():  # no busy bar (most loops at most densities): nothing to soften
        return out
    vel = out[..., N_VOICES + SNARE].reshape(len(out), 2, 16)
    loud = np.maximum.reduce(np.where(hit & BACKBEAT, vel, 0.0), -1)
    loud = np.where(loud > 0, loud, np.maximum.reduce(np.where(hit, vel, 0.0), -1))  # (n, bar)
    cap = np.asarray(ratio, np.float32).reshape(-1, 1, 1) * loud[..., None]
    played = np.where(ghost, np.minimum(vel, cap), vel)
    if alone.any() or thinned.any():
        level = np.asarray(lone_level, np.float32).reshape(-1, 1, 1) * loud[..., None]
        dropped = (alone | thinned) & ~spread_out(alone, off & busy, np.asarray(step_share, np.float32), rows, seed,
                                                  thin, song_bar, song_keys(bpm))
        # a busy bar thinned to fewer than BUSY_SNARE plays what is left as lone snares, at their level (hip-hop's
        # 0.80 of the backbeat, not its busy bars' whispers at 0.32)
        left = thinned & ~dropped
        now_lone = left & (np.add.reduce(left, -1) < BUSY_SNARE)[..., None]
        played = np.where(now_lone, vel, played)
        played = np.where(alone | now_lone, np.minimum(played, level), played)
        out.reshape(len(out), 2, 16, -1)[..., SNARE::N_VOICES] *= ~dropped[..., None]  # hit, velocity and timing
        played *= ~dropped
    out[..., N_VOICES + SNARE] = played.reshape(len(out), 32)
    return out


def backbeat(hits: np.ndarray) -> float:
    """Share of bars with a snare on beats 2 and 4, over 2-bar loops of hits (N, 32, 9) (16-step bars)."""
    bars = (np.asarray(hits)[..., :N_VOICES] > 0.5).reshape(-1, 16, N_VOICES)
    return float((bars[:, 4, SNARE] & bars[:, 12, SNARE]).mean()) if len(bars) else float("nan")


__all__ = ["kick_on_three", "playable", "crowded", "one_drummer", "even_pulse", "full_sixteenths", "limb_report", "backbeat", "HANDS", "MAX_HANDS"]
