"""A MIDI file whose tempo no music is played at: a broken export's set_tempo (3.58 BPM, 900 BPM) had been drummed
without a word, and the producer heard drums crawling or racing with no reason given.

The drums are still written, at the file's tempo (as the file itself plays: work is never lost), and one line
names the file, the tempo and the bar, so that what is heard has its reason. Files past what can be read at all
(midi.MIN_FILE_BPM, MAX_FILE_BPM) are refused by the reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

# The tempos music is played at: the slowest marked tempos (a largo's, a funeral march's) are about 40 BPM and a
# doom band's crawl or a score's fermata written as a slowed beat rarely goes under 20; the fastest (a
# prestissimo, speedcore counted in quarters) stay under 300, and a file counting in 8ths doubles a fast song to
# 400 at most. Every freedoom and GMD file (1,258) lies inside; below 20 or above 400 is a broken file's.
SLOWEST_BPM, FASTEST_BPM = 20.0, 400.0


def _bpm(bpm: float) -> str:
    return f"{bpm:.4g}" if bpm < 1000 else f"{bpm:.0f}"


def tempo_range_notes(content, bar_of: Callable[[float], int], drums: bool = True,
                      span: tuple[float, float] | None = None, in_reaper: bool = False) -> list[str]:
    """[the line said] where `content` (MidiContent) plays at a tempo outside SLOWEST_BPM..FASTEST_BPM while the
    music read plays (span: its first and last beat, a --bars range's; None: the file's notes), else []. bar_of: a
    beat's bar number as the messages say it (groove.BarGrid.bar_number); in_reaper: the project's tempo markers,
    said as such (not a file's export)."""
    notes = content.notes
    lo, hi = span if span is not None else (float("-inf"), float(notes.start.max()) if len(notes) else 0.0)
    tempos = sorted(getattr(content, "tempos", None) or [])
    # each tempo holds until the next: one set after the music read, or given way before it, plays nothing there
    ends = [beat for beat, _ in tempos[1:]] + [float("inf")]
    odd = [(max(beat, lo), bpm) for (beat, bpm), until in zip(tempos, ends)
           if beat <= hi + 1e-9 and until > lo + 1e-9 and not SLOWEST_BPM <= bpm <= FASTEST_BPM]
    if not odd:
        return []
    beat, bpm = odd[0]
    more = f" (and {len(odd) - 1} more such tempo{'s' if len(odd) > 2 else ''})" if len(odd) > 1 else ""
    bar = bar_of(max(beat, 0.0))
    where = f"from bar {bar}" if bar >= 1 else "from its start"  # (a pickup bar's: bar 0)
    slow, heard = bpm < SLOWEST_BPM, "its groove is read in beats, whatever the tempo"
    if in_reaper:
        return [f"the project's tempo is {_bpm(bpm)} BPM {where}{more}, {'slower' if slow else 'faster'} than any "
                f"music: {'the drums follow it; check the tempo marker there' if drums else heard}"]
    if drums:
        heard = (f"the drums are written at that tempo, as the file plays; if they {'crawl' if slow else 'race'}, "
                 "set the song's tempo in your DAW")
    return [f"{Path(content.path).name} plays at {_bpm(bpm)} BPM {where}{more}, {'slower' if slow else 'faster'} "
            f"than any music (a broken export?): {heard}"]


__all__ = ["FASTEST_BPM", "SLOWEST_BPM", "tempo_range_notes"]
