"""Given sections: where a file's markers or a REAPER project's markers and regions start sections, and which of the
sections the band plays they leave to be heard.

Markers name the producer's sections (section_bars_at, marker_sections); they are not all the band's. A song with
markers had had only them as sections, the band's own changes unheard: freedoom's d_map14 marks an Intro on bar 1 and
its Verse on 25, one part plays alone in bars 1-8 and seven come in on bar 9, where its drummer crashes; the drums
played bars 8 and 9 as one loop, no fill, no crash. The sections heard in the band (a new texture, a new riff, the
band louder or softer, parts joining, leaving or swapped) are now heard beside the markers, those at least
GIVEN_APART_BARS from every marker kept (`clear_of_given`). On freedoom's 13 marked songs with drums, 9 such
sections (every kind phrases.part_sections hears, 4 to 8 bars from a marker, before or after it), all 9 on bars
their drummers crash (3 more heard 1 or 2 bars from a marker: 1 crashed, the marker's section); in its 85 songs
without markers, 75% of the heard sections are (234 of 311), and 70% of the markers (57 of 82, bar 1 left out).
"""

from __future__ import annotations

from typing import Sequence, TypeVar

import numpy as np

from .groove import bar_grid

# A heard section starts at least this many bars from every given one: nearer, inside the phrase before or after the
# marker, it is the marker's section (its lead-in, a variation in its first phrase). Freedoom's 13 marked songs
# (`python benchmarks/bench_intros.py --band ../shared/data/freedoom-midi`, its markers table), heard sections by
# bars from the nearest marker and the drummers' crashes on them: 1 bar 1 of 1, 2 bars 0 of 2; 4 bars 2 of 2 (one
# before, one after), 8 bars 3 of 3. Dropping those within 2 or 3 bars keeps 9 (9 crashed), within 8 had kept 7 (7
# crashed): a "Pre-chorus" marker 4 bars before the chorus had taken the chorus's fill and crash away, as a
# producer's marker 4 bars before the band's change had been taken as its section (8 bars: freedoom's drummers crash
# on both).
GIVEN_APART_BARS = 4

Found = TypeVar("Found", list, dict)


def clear_of_given(found: Found, section_bars: Sequence[int]) -> Found:
    """The sections heard in the band (`found`: bars, or {bar: what changed}) that a drummer plays beside the given
    ones (`section_bars`: markers, regions): those GIVEN_APART_BARS or more from every one; all where none is given.
    The one rule every heard section follows in a marked song (sections.heard_sections, level_sections,
    layer_sections; phrases.part_sections for the part-swap, busy-part and riff sections). A marker on bar 1 keeps
    none away: the song opens there (an "Intro" marker on bar 1 had dropped the band's entrance on bar 5, the quiet
    intro running on to the next marker, the drums laid out through the verse; no freedoom song loses or gains one)."""
    given = [int(b) for b in section_bars if int(b) > 1]
    if not given:
        return found
    keep = [b for b in found if all(abs(int(b) - g) >= GIVEN_APART_BARS for g in given)]
    return {b: found[b] for b in keep} if isinstance(found, dict) else keep


def nearest_bar_lines(beats: Sequence[float], time_signatures: Sequence[tuple[float, int, int]]):
    """(the meter map's BarGrid, the indices into its lines of those nearest these positions (quarter-note beats,
    e.g. REAPER's regions and markers), sorted, each once): a marker is rarely placed exactly on a bar line."""
    grid = bar_grid(list(time_signatures), float(max(beats)))
    return grid, sorted({int(np.argmin(np.abs(grid.lines - float(beat)))) for beat in beats})


def section_bars_at(beats: Sequence[float], time_signatures: Sequence[tuple[float, int, int]]) -> list[int]:
    """Bar numbers of sections starting at these positions (quarter-note beats, e.g. REAPER's regions and
    markers): each is the bar whose line is nearest (nearest_bar_lines), from bar 1 (none on a pickup)."""
    if not len(beats):
        return []
    grid, nearest = nearest_bar_lines(beats, time_signatures)
    return [b for b in (i - grid.first_bar + 1 for i in nearest) if b >= 1]


CUE_MARKERS = 8  # this many markers or more, most under 2 bars apart: cues (lyrics, hits), not sections


def marker_sections(bars: Sequence[int], what: str = "markers") -> tuple[list[int], str | None]:
    """Section starts from marker bars (section_bars_at), and a note when they are not sections: markers
    on nearly every bar (lyric lines, hit points, a DAW's cue list) gave a fill and a crash every bar or
    two. A drummer takes such marks as cues, so none starts a section."""
    bars = sorted(bars)
    gaps = np.diff(bars)
    if len(bars) >= CUE_MARKERS and float(np.median(gaps)) < 2:
        return [], (f"{len(bars)} {what}, most of them less than 2 bars apart: taken as cues (lyrics, hits), "
                    "not sections (no fill or crash at each)")
    return list(bars), None


def project_marker_sections(beats: Sequence[float], time_signatures: Sequence[tuple[float, int, int]],
                            what: str = "markers") -> tuple[list[int], str | None]:
    """(bars from bar 1, a note or None): where a project's markers and regions starting at `beats` (QN) open
    sections, the one rule Drumify (reaper_ext/actions.sections_of) and live follow (live_section_markers) read
    them by: each the bar of its nearest line (section_bars_at; one on a pickup bar opens none and is no cue
    either), then as cues where nearly every bar has one (marker_sections). Live had counted a pickup's marker
    among the cues: 7 section markers and an intro's on the pickup were cues live and sections to Drumify."""
    return marker_sections(section_bars_at(beats, time_signatures), what)


__all__ = ["GIVEN_APART_BARS", "clear_of_given", "nearest_bar_lines", "section_bars_at", "CUE_MARKERS",
           "marker_sections", "project_marker_sections"]
