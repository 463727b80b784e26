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
than the rest), so nothing is capped below it. A mix of genres gets the mix of their shares; no genre asked for,
GHOST_RATIO (the density control's drummer, unchanged).
"""

from __future__ import annotations

import numpy as np

from .genres import GENRES
from .limbs import GHOST_RATIO

GHOST_SHARES = {"afro": 0.56, "disco": 0.47, "funk": 0.44, "hiphop": 0.32, "jazz": 0.61, "latin": 1.12,
                "pop": 0.42, "reggae": 1.14, "rock": 0.42}
assert set(GHOST_SHARES) == set(GENRES)
GHOST_SHARE_ROW = np.array([GHOST_SHARES[g] for g in GENRES], np.float32)


def ghost_ratios(mix: np.ndarray) -> np.ndarray:
    """(N,) float32: the share of its bar's backbeat at which each loop's ghost notes play, for genre mixes (N, 9)
    (summing to 1, or to 0 for none asked: GHOST_RATIO; a part of the mix left unasked counts as none)."""
    mix = np.asarray(mix, np.float32)
    return (mix @ GHOST_SHARE_ROW + (1.0 - mix.sum(1)) * GHOST_RATIO).astype(np.float32)
