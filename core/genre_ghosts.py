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


def ghost_ratios(mix: np.ndarray) -> np.ndarray:
    """(N,) float32: the share of its bar's backbeat at which each loop's ghost notes play, for genre mixes (N, 9)
    (summing to 1, or to 0 for none asked: GHOST_RATIO; a part of the mix left unasked counts as none): the mix of
    its genres' shares, latin's and reggae's left out where they do not lead (they have no backbeat to ghost under:
    the other genres' backbeat is the one played)."""
    mix = np.asarray(mix, np.float32)
    weights = mix.copy()
    weights[:, LATIN] *= mix[:, LATIN] >= LATIN_LEADS
    weights[:, REGGAE] *= reggae_leads(mix)
    unasked = 1.0 - mix.sum(1)
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
