"""A small deterministic numpy stand-in for the drum network, for testing engine logic without torch.

It follows the DrumModel contract: the latent is a summary of the groove; a
loop puts the kick on the groove's hits, the snare on the back beats, and
8th-note hats; density adds hats; muted groups vanish; temperature > 0 draws
random extra hits from the seed. A fill is a tom roll over the whole loop
(as an untrained fill would be) with no kick or snare; crash=1 puts a crash on
step 0, crash=0 none, and without the flag it crashes on both downbeats.
"""

import numpy as np

from reagroove.core.loop import N_VOICES
from reagroove.core.settings import DENSITY_CELLS

DENSE = sum(DENSITY_CELLS) / 2  # density in hits per cell from the middle of the control up: 16th hats


class StubModel:
    latent_size = 4

    def __init__(self):
        self.calls = 0
        self.drum_parts = []  # Conditioning.drum_part / encode's drum_part of every call, in order

    def encode(self, grooves, loops=None, *, bass=None, drum_part=False):
        self.drum_parts.append(drum_part)
        g = np.asarray(grooves, np.float32)
        return np.stack([g[:, :, 0].mean(1), g[:, :, 1].mean(1), g[:, :16, 0].mean(1), g[:, 16:, 0].mean(1)], 1)

    def generate(self, grooves, z, cond):
        self.calls += 1
        self.drum_parts.append(cond.drum_part)
        z = self.encode(grooves, drum_part=cond.drum_part) if z is None else z
        n = len(z)
        density, fill, crash = cond.density, cond.fill, cond.crash
        out = np.zeros((n, 32, 27), np.float32)
        for i in range(n):
            kick = grooves[i, :, 0] > 0.5
            out[i, kick, 0] = 1
            out[i, [4, 12, 20, 28], 1] = 1
            hat_every = 2 if (density is None or density[i] < DENSE) else 1
            out[i, ::hat_every, 2] = 1
            # the latent moves the ride: one ride hit per 0.1 of z[0], so different z -> different loops
            out[i, : int(np.clip(8 + 10 * z[i, 0] + 7 * z[i, 2] + 5 * z[i, 3], 0, 32)), 8] = 1
            t_i, seed_i = float(cond.temperature[i]), cond.seed[i]
            if t_i > 0:  # one take per seed: the same draw for every window, as the real model's latent offset
                extra = np.random.default_rng(int(seed_i)).random((32, N_VOICES)) < 0.1 * t_i
                out[i, :, :N_VOICES] = np.maximum(out[i, :, :N_VOICES], extra)
            if fill is not None and fill[i] > 0.5:  # a fill: 16th toms all through, no time-keeping
                out[i, :, :N_VOICES] = 0
                out[i, :, 4] = 1
            if crash is None:
                out[i, [0, 16], 7] = 1
            elif crash[i] > 0.5:
                out[i, 0, 7] = 1
        groups = [(0,), (1,), (2, 3), (4, 5, 6), (7, 8)]
        for flag, voices in zip(cond.voice_groups, groups):
            if not flag:
                out[:, :, list(voices)] = 0
        hits = out[:, :, :N_VOICES] > 0
        out[:, :, N_VOICES : 2 * N_VOICES] = np.where(hits, 0.5 + 0.4 * grooves[:, :, 1:2], 0)
        out[:, :, 2 * N_VOICES :] = np.where(hits, np.clip(grooves[:, :, 2:3] + 0.05, -0.5, 0.5), 0)
        return out
