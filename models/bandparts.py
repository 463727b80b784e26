"""Band-like input parts generated from a drum loop, so the model learns that a part is not a drum part.

Trained on grooves flattened from the very drums it predicts, a model learns
"drums only where the groove is" (reference.md). Producers give it a bass
line, keys, a guitar or the whole band. `band_parts` turns one GMD drum loop
into what a band might play over it:

- bass: lands on most of the kick (each kick kept with p 0.7-1) and fills its own
  pulse (quarters, 8ths or 16ths) with passing notes, a few syncopations, holds
  notes over other kicks, nearly always on the downbeat; in 30% of parts a
  steady line on its pulse that ignores the kick. So it plays more notes than
  the kick, as real bass lines do (freedoom's training songs: 9.1 a bar against
  4.5 kicks; 40% of bass notes on a kick);
- comping (keys/guitar): off-beat 8ths (skank), chords on the backbeat,
  held chords on 1 (and 3), a syncopated pop rhythm, straight 8th strums,
  16th chugs;
- arpeggio: dense 16ths or 8ths with a few gaps;
- lead: a sparse line of its own;
- rests: half a bar or a bar of the mix left silent, where the drummer keeps time.

Each part has its own velocities (accents on beats) and timing (its own push
or lag and spread), not the drummer's; or, as 40% of parts are, it is
programmed: one velocity, on the grid (step input at a DAW's default
velocity, as half of the freedoom songs' windows are too, so "one velocity"
does not tell the network which source a window came from). The mix is the union of 1-4 parts
(the loudest note per step); the bass part alone is the second output.
`examples()` prints a few, as the docs show them.

Validation is not generated this way: the model is chosen on real band
arrangements (freedoom-midi files held out by name) and on GMD's own grooves.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.loop import N_VOICES, STEPS

PROGRAMMED = 0.4  # share of parts typed in rather than played
T = np.arange(STEPS)
BEAT = T % 4 == 0
EIGHTH = T % 2 == 0


def _part(onsets: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """(32, 3) groove of one part's onsets with its own dynamics and timing, or programmed (one velocity, on the grid)."""
    g = np.zeros((STEPS, 3), np.float32)
    n = int(onsets.sum())
    if n == 0:
        return g
    base = rng.uniform(0.4, 0.85)
    g[onsets, 0] = 1.0
    if rng.random() < PROGRAMMED:
        g[onsets, 1] = base
        return g
    vel = base + 0.12 * BEAT[onsets] + rng.normal(0, 0.07, n)
    off = rng.uniform(-0.06, 0.06) + rng.normal(0, rng.uniform(0.0, 0.08), n)
    g[onsets, 1] = np.clip(vel, 0.05, 1.0)
    g[onsets, 2] = np.clip(off, -0.45, 0.45)
    return g


def _bass(kick: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A bass line's onsets. Real bass lines play about twice as many notes as the kick and land on most
    kicks (freedoom's training songs: 9.1 notes a bar against 4.5 kicks, 81% of kicks with a bass note,
    40% of bass notes with a kick); a line that only doubles the kick teaches the network that every
    bass note is a kick (stop 22's kicked 4.8 times a bar over the held-out songs' sparse bass, their drummers 2.6)."""
    grid = (BEAT, EIGHTH, np.ones(STEPS, bool))[rng.choice(3, p=(0.15, 0.6, 0.25))]  # the line's own pulse
    if rng.random() < 0.3:  # a steady line that ignores the kick
        on = grid & (rng.random(STEPS) > rng.uniform(0, 0.15))
    else:
        on = kick & (rng.random(STEPS) < rng.uniform(0.7, 1.0))
        on |= grid & (rng.random(STEPS) < rng.uniform(0.3, 0.9))  # passing notes on its own pulse
        on |= ~EIGHTH & (rng.random(STEPS) < rng.uniform(0.0, 0.1))  # and a few syncopations
    for _ in range(rng.integers(0, 3)):  # held notes: a span with no new onset
        a = rng.integers(1, STEPS - 2)
        on[a : a + rng.integers(2, 7)] = False
    if rng.random() < 0.9:
        on[0] = True
    return on


def _comping(snare: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    style = rng.integers(0, 7)
    if style == 0:  # off-beat 8ths (skank, upstrokes)
        on = T % 4 == 2
    elif style == 1:  # chords on the backbeat
        on = (T % 8 == 4) | (snare & (rng.random(STEPS) < 0.5))
    elif style == 2:  # held chords on 1 (and 3)
        on = (T % 16 == 0) | ((T % 16 == 8) & (rng.random() < 0.6))
    elif style == 3:  # a syncopated pop rhythm, repeated each bar
        bar = np.zeros(16, bool)
        bar[[0, 3, 6, 10, 12]] = rng.random(5) < 0.8
        bar[rng.integers(0, 16, 2)] = True
        on = np.tile(bar, 2)
    elif style == 4:  # straight 8th strums
        on = EIGHTH.copy()
    elif style == 5:  # 16th chugs or strums
        on = np.ones(STEPS, bool)
    else:  # a random 16th rhythm, repeated each bar
        on = np.tile(rng.random(16) < rng.uniform(0.15, 0.5), 2)
    return on & (rng.random(STEPS) > rng.uniform(0.0, 0.2))


def _arpeggio(rng: np.random.Generator) -> np.ndarray:
    on = np.ones(STEPS, bool) if rng.random() < 0.5 else EIGHTH.copy()
    return on & (rng.random(STEPS) > rng.uniform(0.0, 0.3))


def _lead(rng: np.random.Generator) -> np.ndarray:
    return rng.random(STEPS) < rng.uniform(0.1, 0.35)


def _mix(parts: list[np.ndarray]) -> np.ndarray:
    """The loudest note per step across parts (as grooves are flattened)."""
    stack = np.stack(parts)
    who = np.argmax(np.where(stack[..., 0] > 0, stack[..., 1], -1.0), 0)
    out = stack[who, T]
    out[stack[..., 0].max(0) == 0] = 0.0
    return out


def band_parts(hvo: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One drum loop (32, 27) -> (band groove, bass groove), each (32, 3); the bass groove is all
    zeros when the mix has no bass part."""
    hits = hvo[:, :N_VOICES] > 0
    kick, snare = hits[:, 0], hits[:, 1]
    parts, bass = [], None
    pick = rng.random(4)
    if pick[0] < 0.8:
        bass = _part(_bass(kick, rng), rng)
        parts.append(bass)
    if pick[1] < 0.8 or not parts:
        parts.append(_part(_comping(snare, rng), rng))
    if pick[2] < 0.25:
        parts.append(_part(_arpeggio(rng), rng))
    if pick[3] < 0.3:
        parts.append(_part(_lead(rng), rng))
    mix = _mix(parts)
    if rng.random() < 0.15:  # the band rests for half a bar or a bar; the drummer keeps time
        a = int(rng.choice([8, 16, 24])) if rng.random() < 0.5 else int(rng.choice([0, 16]))
        span = slice(a, a + (8 if a % 16 else 16))
        mix[span] = 0.0
        if bass is not None:
            bass = bass.copy()
            bass[span] = 0.0
    return mix.astype(np.float32), (np.zeros((STEPS, 3), np.float32) if bass is None else bass.astype(np.float32))


def band_batch(hvo: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """band_parts over a batch of loops (B, 32, 27) -> (B, 32, 3) mixes and basses."""
    out = [band_parts(h, rng) for h in hvo]
    return np.stack([m for m, _ in out]), np.stack([b for _, b in out])


def examples(n: int = 3, seed: int = 0) -> str:
    """A few generated parts beside a drum loop, as text (`python -m reagroove.models.bandparts`)."""
    rng = np.random.default_rng(seed)
    lines = []
    row = lambda name, on: f"{name:<6}|" + "|".join("".join("x" if x else "-" for x in on[b:b + 16]) for b in (0, 16)) + "|"  # noqa: E731
    for i in range(n):
        hvo = np.zeros((STEPS, 27), np.float32)
        hvo[[0, 6, 10, 16, 22], 0] = 1
        hvo[[4, 12, 20, 28], 1] = 1
        hvo[EIGHTH, 2] = 1
        mix, bass = band_parts(hvo, rng)
        lines += [f"example {i + 1}", row("kick", hvo[:, 0] > 0), row("snare", hvo[:, 1] > 0),
                  row("bass", bass[:, 0] > 0), row("band", mix[:, 0] > 0), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(examples())
