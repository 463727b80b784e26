"""Where a part's windows lie in its song, for the rules that count bars: latin's clave (its two bars: clave.py, and
the 3/4 and 6/8 bell: meter_genres.py) and jazz's comping (its 4-bar phrase: comping.py, meter_genres.py,
half_time_genres.py).

Those rules count a song's bars by its windows (window w's bars 2w and 2w + 1, its first the clave's first side),
and had counted from the first window drummed. Drummed again over some bars (the CLI's --bars, a REAPER time
selection from inside a part), the clave put its 3 side on bars 4 and 6 of `--bars 4-7`, where the whole song's
run plays it on bars 1, 3, 5 and 7: the rim against the drums around it; and comping's phrase moved. So each
window's first bar is counted as the whole song's run counts it (`bar_counts`: from the song's windows where the
engine has them, `song_bars_of`, else from the part's first phrase), and the clave's side (3-2 or 2-3) is read
from the whole part where the engine has it. A whole song's run counts as it did: its drums are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .clave import LATIN_LEADS, clave_of
from .errors import ReaGrooveError
from .genres import GENRES
from .groove import extract_windows
from .midi import MidiContent
from .swing import part_swing, straighten


@dataclass(frozen=True)
class SongBars:
    """The song around a part drummed over some of its bars: the first bar of each of its windows (as drumify over
    the whole song lays them) and its clave (clave.THREE_TWO or TWO_THREE) read from its whole part (None: latin not
    asked, the clave then read from the bars drummed)."""

    windows: np.ndarray
    side: np.ndarray | None = None


def bar_counts(bars, song: SongBars | None = None, phrase_start: int | None = None) -> np.ndarray:
    """(W,) int64: each window's first bar (bars (W,)) counted as the whole song's run counts it, window w's first
    bar 2w: in the song's windows (`song`) where given (a bar inside one: its first bar's count and the bars
    between), else from the part's first window (2w), moved on by the bars a part's first phrase started before
    it (phrase_start: a time selection inside a part, its phrases the part's)."""
    bars = np.asarray(bars, np.int64)
    if song is None:
        shift = 0 if phrase_start is None or not len(bars) else max(int(bars[0]) - int(phrase_start), 0)
        return 2 * np.arange(len(bars), dtype=np.int64) + shift
    windows = np.asarray(song.windows, np.int64)
    w = np.clip(np.searchsorted(windows, bars, side="right") - 1, 0, None)
    return 2 * w + bars - windows[w]


def song_bars_of(content: MidiContent, mix) -> SongBars | None:
    """The song of a file whose bars are drummed in part: its windows' bars over the whole file, and its clave read
    from all of them (straight, as the engine reads a swung part) where latin leads the genre mix asked (9
    weights). None where the whole file is more than one run drums (extract_windows refuses it: the bars count
    from the first drummed)."""
    try:
        wins = extract_windows(content)
    except (ValueError, ReaGrooveError):
        return None
    if np.asarray(mix)[GENRES.index("latin")] < LATIN_LEADS:
        return SongBars(np.asarray(wins.bars, np.int64))
    grooves = straighten(wins.grooves, part_swing(wins.grooves, wins.drum_part))
    return SongBars(np.asarray(wins.bars, np.int64), clave_of(grooves))
