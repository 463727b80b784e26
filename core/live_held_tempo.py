"""The tempo a live take's drums are drawn at: held through the take, not the clock's reading of each note.

The decode keys its per-song-bar draws (snare_spread.song_keys: the ghost notes; genre_open_hats.song_keys: hip-hop's
open hat) on the tempo to a tenth of a BPM, as drumify keys them on the file's tempo. Live gave it the followed
tempo, which a human player's ±4-8 ms moves between 99.9, 100.0 and 100.1 at 100: a funk riff's ghost notes differed
from drumify's in 3 of 14 bars at ±4 ms and 7 at ±8 ms (R5's s_n.py), and hip-hop's open hat went missing in bar 4.
Held here: the tempo the drums came in at (the clock's set tempo once they are in: --bpm where the player plays it,
else the one read from the opening, which the follower then settles around: 100.54 read for a player at 100, then
99.9-100.2), or the one the clock moved onto when the player changed tempo, while the tempo followed stays within
MOVED of it. The take's recording writes the tempo held (livemidi), so drumify of a --record'ed take keys its draws
as live did.
"""

from __future__ import annotations

MOVED = 0.01  # of the tempo held: a player's jitter moves the tempo followed 0.15%, its settling after the drums come
# in 0.6% (a funk riff at 100, ±8 ms); past this the player has moved (100 -> 101), and the take's file keeps its times
HELD = 0.5  # BPM: past MOVED, a move this far is followed (as the take's recording keeps a tempo change)


def held_tempo(held: float | None, clock) -> float:
    """The tempo to key the next loops' draws on from the live `clock` (its bpm followed; its set_bpm: the tempo the
    drums came in at or it moved onto, none on MIDI clock in; its opening: not None while it reads the player's tempo,
    the drums not in) and `held`, the one so far (None: none yet)."""
    bpm, came_in = float(clock.bpm), getattr(clock, "set_bpm", None)
    if came_in is None:  # MIDI clock's master: its tempo, as its estimate settles (the take's recording keeps it)
        return bpm
    if getattr(clock, "opening", None) is not None:  # the opening reading the player's tempo
        came_in = held
    if came_in is not None and abs(bpm / came_in - 1) < MOVED:
        return float(came_in)
    return bpm if held is None or abs(bpm - held) >= HELD else held


__all__ = ["HELD", "MOVED", "held_tempo"]
