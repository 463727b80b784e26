"""How loud each genre's drummers play their ghost notes: a share of the backbeat, measured from GMD.

limbs.ghost_snares caps a busy bar's snares off beats 2 and 4 at a share of its backbeat. One share for every
genre (limbs.GHOST_RATIO, 0.45) had played `--genre afro`'s snare figure as funk's whispers and hip-hop's ghost
notes as loud as funk's. GMD's drummers (train beats, fills left out; bars with limbs.BUSY_SNARE or more snares
off the backbeat; the median off-backbeat snare's velocity over the median backbeat's, as GHOST_RATIO was measured
over all of them):

    afro 0.56 (1551 bars)   disco 0.47 (474)   funk 0.44 (3678)   hiphop 0.32 (788)   jazz 0.61 (2246)
    latin 1.12 (5178)       pop 0.42 (60)      reggae 1.14 (214)  rock 0.42 (4653)

Afro's drummers play their snare figure near the backbeat's level (0.56, a quarter of their ghost notes at
1.0), hip-hop's whisper (0.32); latin's and reggae's have no backbeat to ghost under (their 2 and 4 are softer
than the rest), so nothing is capped below it. A mix of genres gets the mix of their shares, over the genres with a
backbeat: latin and reggae count only where they lead the mix (LATIN_LEADS, one_drop.LEADS), as their clave and one
drop are played only then; under a rock lead, reggae at 40% had lifted the ghost notes to 0.71 of the backbeat
where rock's drummers play them at 0.42. No genre asked for, GHOST_RATIO (the density control's drummer, unchanged).

Where latin leads, its figure on the snare (GMD's latin drummers' off-backbeat snares, 1.12 of their backbeat) is the
clave laid by rule (core/clave.py, at most CLAVE_ACCENT); what it leaves of the network's snares (a tom lick's, from
the bar's first tom on) plays around it, no louder (`under_the_clave`): uncapped at 1.12 of the backbeat, freedoom's
d_dm04 at --density 0.9 had a lick's snare at 105 of 127, the loudest in 8 bars, over the clave at 64-76.

A lone snare off the backbeat (a bar with fewer than BUSY_SNARE) is no ghost note to limbs.ghost_snares' busy-bar
rule, so it had kept the band network's level in nearly every bar: `--genre rock` over freedoom e2m1's bass played
the "and" of 3 in every bar at 93-115 (backbeat 127), `--genre disco` the "and" and "a" of 4 in 83-100% of bars at
92-124. GMD's drummers (train beats, fills left out) play a snare at each 16th off the backbeat in a share of their
bars (STEP_SHARES: rock's "and" of 3 in 30%, disco's "and" of 4 in 24%, busy bars counted), a lone one at a share
of the backbeat of their own (LONE_LEVELS: the median lone snare's velocity over the median backbeat's; rock 0.56).
lone_snare_rules gives both to ghost_snares, which keeps each 16th's lone snares, with the busy bars'
there, in at most that share of the bars, at most that level. Latin's and reggae's have no backbeat to play off
(their snare is the clave's or the drop's, laid by rule): left as drawn.
"""

from __future__ import annotations

import numpy as np

from .clave import CLAVE_ACCENT, LATIN, LATIN_LEADS
from .genres import GENRES
from .limbs import GHOST_RATIO, SNARE
from .loop import N_VOICES
from .one_drop import REGGAE, reggae_leads

GHOST_SHARES = {"afro": 0.56, "disco": 0.47, "funk": 0.44, "hiphop": 0.32, "jazz": 0.61, "latin": 1.12,
                "pop": 0.42, "reggae": 1.14, "rock": 0.42}
assert set(GHOST_SHARES) == set(GENRES)
GHOST_SHARE_ROW = np.array([GHOST_SHARES[g] for g in GENRES], np.float32)

NO_BACKBEAT = ("latin", "reggae")  # their lone snares left as drawn: no share, the backbeat's level (1.0)
LONE_LEVELS = {"afro": 0.95, "disco": 0.61, "funk": 0.39, "hiphop": 0.80, "jazz": 0.63, "pop": 0.35, "rock": 0.56}
STEP_SHARES = {  # each 16th of the bar (beats 2 and 4 at 0: the backbeat)
    "afro": (.099, .178, .342, .511, 0, .539, .319, .582, .161, .382, .305, .518, 0, .387, .488, .541),
    "disco": (.029, .197, .092, .053, 0, .159, .075, .306, .121, .268, .219, .124, 0, .232, .241, .320),
    "funk": (.343, .443, .322, .255, 0, .448, .398, .612, .376, .591, .317, .352, 0, .422, .426, .579),
    "hiphop": (.165, .166, .093, .069, 0, .134, .154, .259, .259, .267, .129, .179, 0, .254, .223, .191),
    "jazz": (.234, .204, .241, .216, 0, .219, .236, .260, .245, .272, .263, .185, 0, .191, .267, .250),
    "pop": (.099, .216, .095, .063, 0, .050, .117, .099, .374, .167, .131, .149, 0, .095, .135, .126),
    "rock": (.156, .183, .195, .117, 0, .144, .188, .228, .233, .244, .302, .183, 0, .182, .234, .254),
}
assert set(STEP_SHARES) == set(LONE_LEVELS) == set(GENRES) - set(NO_BACKBEAT)
# the share of GMD's bars (train beats, fills left out) with BUSY_SNARE or more snares off the backbeat: under half,
# a busy bar is no idiom of the genre's, and its snares are thinned to STEP_SHARES as lone ones (snare_spread.py)
BUSY_BAR_SHARES = {"afro": 0.82, "disco": 0.43, "funk": 0.79, "hiphop": 0.39, "jazz": 0.51, "pop": 0.27, "rock": 0.42}
BUSY_IDIOM = 0.5
assert set(BUSY_BAR_SHARES) == set(STEP_SHARES)
BUSY_BAR_ROW = np.array([BUSY_BAR_SHARES.get(g, 1.0) for g in GENRES], np.float32)
LONE_LEVEL_ROW = np.array([LONE_LEVELS.get(g, 1.0) for g in GENRES], np.float32)
STEP_SHARE_ROWS = np.array([STEP_SHARES.get(g, (1.0,) * 16) for g in GENRES], np.float32)  # (9, 16)


def _weights(mix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(weights (N, 9), unasked (N,)): the genres of mixes (N, 9) whose backbeat is played, latin's and reggae's
    left out where they do not lead (they have no backbeat to ghost under: the other genres' is the one played),
    and the share of the mix left unasked."""
    mix = np.asarray(mix, np.float32)
    weights = mix.copy()
    weights[:, LATIN] *= mix[:, LATIN] >= LATIN_LEADS
    weights[:, REGGAE] *= reggae_leads(mix)
    return weights, 1.0 - mix.sum(1)


def lone_snare_rules(mix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(level (N,), share (N, 16)) for limbs.ghost_snares' lone snares, genre mixes (N, 9): the mix of its genres'
    LONE_LEVELS and STEP_SHARES, over the genres ghost_ratios mixes; a part left unasked, like a genre with no
    backbeat, leaves the drawn snares (share 1, the backbeat's level)."""
    weights, unasked = _weights(mix)
    total = weights.sum(1) + unasked
    total = np.where(total > 0, total, 1.0)
    free = 1.0 - weights.sum(1) / total  # (all of it where only latin and reggae, neither leading, are asked)
    level = weights @ LONE_LEVEL_ROW / total + free
    share = weights @ STEP_SHARE_ROWS / total[:, None] + free[:, None]
    return level.astype(np.float32), share.astype(np.float32)


def busy_thinned(mix: np.ndarray) -> np.ndarray:
    """(N,) bool: the loops of genre mixes (N, 9) whose genres (weighted as lone_snare_rules weighs them) play busy
    bars in under BUSY_IDIOM of their bars (BUSY_BAR_SHARES): limbs.ghost_snares thins their busy bars to the share
    per 16th too (`--genre rock --density 0.9` had played the same four ghost notes in every bar). Funk's and afro's
    busy bars are their idiom: kept whole."""
    weights, _ = _weights(mix)
    backbeat = weights.sum(1)
    return (backbeat > 0) & (weights @ BUSY_BAR_ROW < BUSY_IDIOM * np.where(backbeat > 0, backbeat, 1.0))


def ghost_ratios(mix: np.ndarray) -> np.ndarray:
    """(N,) float32: the share of its bar's backbeat at which each loop's ghost notes play, for genre mixes (N, 9)
    (summing to 1, or to 0 for none asked: GHOST_RATIO; a part of the mix left unasked counts as none): the mix of
    its genres' shares (_weights: latin's and reggae's left out where they do not lead)."""
    mix = np.asarray(mix, np.float32)
    weights, unasked = _weights(mix)
    total = weights.sum(1) + unasked
    mixed = (weights @ GHOST_SHARE_ROW + unasked * GHOST_RATIO) / np.where(total > 0, total, 1.0)
    # (a mix of latin and reggae alone, neither leading: no backbeat genre, nothing capped below the backbeat)
    return np.where(total > 0, mixed, mix @ GHOST_SHARE_ROW).astype(np.float32)


def under_the_clave(loops: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Loops (N, 32, 27) with the snares of the loops `rows` (N,) bool (those latin leads: clave.latin_rows, whose
    snare the clave rule lays) at most CLAVE_ACCENT, the clave's loudest note. A new array."""
    out = np.array(loops, np.float32, copy=True)
    rows = np.asarray(rows, bool)
    out[rows, :, N_VOICES + SNARE] = np.minimum(out[rows, :, N_VOICES + SNARE], CLAVE_ACCENT)
    return out
