"""Where a live player's beats are, by their accents: a player's first note off the beat (a pickup on the 'and' of 4,
a riff started from its last 8th) heard as a pickup because the louder, lower, fuller notes after it fall on the
beats of a grid half a beat (or a 16th) later, as a drummer hears where 1 is. Used by live_opening.Opening."""

from __future__ import annotations

import numpy as np

# How strongly each place in the beat says "beat": the beat itself, then the 'and' (straight or swung, 2/3), then
# the 16ths; a note on none of them says nothing.
PLACES = ((1.0, 1.0), (0.5, 0.5), (1 / 3, 0.5), (0.25, 0.15))  # (beats apart, strength)
TOLERANCE = 0.08  # beats: a note this near a place sits on it
LOW_RANGE = 7  # semitones: a note at the part's lowest pitch is this much more of an accent than one a fifth up...
LOW_WEIGHT = 10.0  # ...worth this much velocity (a bass line's root on 1)
FULL_WEIGHT = 6.0  # velocity worth of each note a chord has more than one
MAX_LEAD = 2.0  # beats: a pickup this long at most (the 'and' of 3 to 1)
MIN_AFTER, MIN_SPAN = 4, 1.5  # onsets and beats heard from the landing before the accents are believed (the drums
# come in a bar after the first note: by the lookahead before it, a riff begun on its 'and' of 4 has 2.5 beats on)
MARGIN = 2.0  # velocity: the landing's grid puts the accents on the beats this much more, per note, than beat 1's
# so far (a riff started from its 'and' of 4: 3.6-4.2; a syncopated riff from its 1 read a 16th on: 0.8 at most)
LEANS = 0.5  # velocity: a grid's score this much over beat 1's so far leans to it
WAIT_SPAN = 4.0  # beats of notes after the note it leans to: no later is the drums' coming in held for it
SKANK_NOTES = 3  # notes a skank's chord has at least (a triad; with the bass under it, more)
OCTAVE = 12  # a landing this far or further above the first note is a chord over a bass note on 1 (a skank), or an
# octave bass pumping on the 'and's over its root on 1, not a pickup (its louder 'and's had bar 1 on the 'and' of 2)


def beat_strength(x: np.ndarray) -> np.ndarray:
    """How much each position `x` (in beats) is a beat: PLACES' strength of the coarsest place it sits on."""
    out = np.zeros_like(x)
    for apart, strength in reversed(PLACES):  # the coarser place overrides
        on = np.abs(x / apart - np.round(x / apart)) * apart <= TOLERANCE
        out = np.where(on, strength, out)
    return out


def accents(ons) -> np.ndarray:
    """Each onset's accent in velocity units: its loudest velocity, more for a low note and a fuller chord.
    ons: (seconds, lowest pitch, loudest velocity, notes) as Opening.onsets gives them."""
    pitch = np.array([o[1] for o in ons], np.float64)
    low = np.clip((pitch.min() + LOW_RANGE - pitch) / LOW_RANGE, 0.0, 1.0)
    return np.array([o[2] for o in ons], np.float64) + LOW_WEIGHT * low \
        + FULL_WEIGHT * np.minimum(np.array([o[3] for o in ons]) - 1, 3)


def on_the_beats(ons, period: float, j: int) -> float:
    """How much the accents fall on the beats of a grid with onset `j` on a beat (per note, in velocity units)."""
    t = np.array([o[0] for o in ons])
    a = accents(ons)
    return float(np.mean((a - a.mean()) * beat_strength((t - t[j]) / period)))


def near_the_beats(ons, period: float, j: int, spread: float = 0.03) -> float:
    """on_the_beats with each place's strength falling off over `spread` beats (a Gaussian) rather than at TOLERANCE:
    a note 8 ms loose on the edge of it no longer swings the score by 2 as the grid's tempo moves by 0.5%."""
    t = np.array([o[0] for o in ons])
    a = accents(ons)
    x = (t - t[j]) / period
    near = np.max([strength * np.exp(-0.5 * (np.abs(x / apart - np.round(x / apart)) * apart / spread) ** 2)
                   for apart, strength in PLACES], axis=0)
    return float(np.mean((a - a.mean()) * near))


def skank_chords(ons, period: float) -> frozenset[int]:
    """The onsets that are a skank's chords: chords (SKANK_NOTES notes or more) a beat after or before another chord.
    Asked for reggae, these are the 'and's, never beat 1: a drummer with a reggae band hears the skank as the 'and'.
    With an organ's chord on 1 first, the skank's chords with the bass on the 'and's (louder, lower, fuller) were
    read as bar 1 and the one drop fell on the player's 'and' of 3."""
    chords = [o[0] for o in ons if o[3] >= SKANK_NOTES]
    return frozenset(j for j, o in enumerate(ons) if o[3] >= SKANK_NOTES and any(
        abs(abs(t - o[0]) / period - 1.0) <= TOLERANCE for t in chords))


def _candidates(ons, period: float, down: int, last: float | None = None, skank: frozenset[int] = frozenset()):
    """(onset, its grid's score, notes heard after it, beats heard after it) of each note that may be beat 1 instead
    of `down`: up to MAX_LEAD beats after the first note, off it by part of a beat, not an octave above it, not a
    chord of the `skank` (onsets), as accented as every note before it or more. last: seconds of the last note
    heard (ons may stop short of it)."""
    t0, accent = ons[0][0], accents(ons)
    for j in range(1, min(len(ons), 6)):
        lead = (ons[j][0] - t0) / period
        if lead > MAX_LEAD + TOLERANCE:
            break
        if j == down or j in skank or abs(lead - round(lead)) < 0.2 \
                or ons[j][1] >= min(o[1] for o in ons[:j]) + OCTAVE:
            continue
        if accent[:j].max() > accent[j]:  # a pickup leads to a note as strong or stronger: a riff whose loudest
            continue  # note comes first has it on 1, however loud its 'and's
        end = ons[-1][0] if last is None else max(last, ons[-1][0])
        yield j, on_the_beats(ons, period, j), len(ons) - j, (end - ons[j][0]) / period


def accented_downbeat(ons, period: float, down: int, skank: frozenset[int] = frozenset()) -> int:
    """The onset that is beat 1 by the accents: `down` (read so far), unless a grid from a note up to MAX_LEAD beats
    after the first, off it by part of a beat, puts the accents on its beats clearly more (MARGIN). Only once
    MIN_AFTER notes over MIN_SPAN beats from that note on are heard; a landing an octave or more above the first note
    is no pickup's (a skank's chords on the 'and's over a bass note on 1). Of the notes on the beats of that grid,
    beat 1 is the most accented (a run of 8ths from the 'and' of 3: its 4 is on a beat too, the low, loud note after
    it is 1)."""
    if len(ons) - down < MIN_AFTER:
        return down
    base = on_the_beats(ons, period, down)
    accent = accents(ons)
    found = [(score, float(accent[j]), j) for j, score, after, span in _candidates(ons, period, down, skank=skank)
             if after >= MIN_AFTER and span >= MIN_SPAN and score >= base + MARGIN]
    if not found:
        return down
    best = max(found)[0]
    return max((a, j) for s, a, j in found if s >= best - 0.5)[1]


def accents_unsettled(ons, period: float, down: int, last: float, skank: frozenset[int] = frozenset()) -> bool:
    """The accents heard so far lean to another beat 1 than `down` without having said so clearly yet (a riff started
    from its 'and' of 4 as loud as its 1): the drums wait, up to a bar (WAIT_SPAN) of notes after that note, rather
    than come in half a beat off for good. last: seconds of the last note heard."""
    if len(ons) - down < 2 or accented_downbeat(ons, period, down, skank) != down:  # said clearly: read() took it
        return False
    base = on_the_beats(ons, period, down)
    return any(base + LEANS < score and span < WAIT_SPAN
               for j, score, after, span in _candidates(ons, period, down, last, skank))


__all__ = ["accented_downbeat", "accents_unsettled", "near_the_beats", "on_the_beats", "skank_chords"]
