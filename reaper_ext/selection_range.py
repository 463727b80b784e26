"""A REAPER time selection over part of the selected items plays the whole items' drums in its bars
(core/bar_range.py, as the CLI's --bars does), wherever the drums come from: Drumify and Variations, the editor's
preview, and Drumify under the editor's hand edits.

The whole items are read once (`whole_items`: the reading Drumify does) and drummed for whatever settings the
editor's controls hold (`WholeItems.drums`), so the editor's preview, read with the selection
(input_groove.input_from_selection), is Drumify's and no second copy of the rule. Before, tests/test_reaper_bar_range.py's
bass changing riff on bar 9, time-selected over bars 9-16, previewed the clip drummed alone (96 hits, no crash on
bar 9) where Drumify wrote 118 notes with the crash; and Drumify with hand edits on top (the editor's, or those it
keeps with the selection: editor_edits.py) wrote the clip drummed alone under them, another base than plain
Drumify's. The edits stay keyed on the clip's windows (kept_edits.selection_part_id): the range's drums are laid
onto those very windows, numbered by bar as the clip's, so each edit lands on the same bar and step as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reagroove.core.bar_range import range_of, takes_the_whole
from reagroove.core.drumify_result import DrumifyResult

from .bridge import ReaperError
from .panel.edits import EditedEngine

SILENT_SAID = "the selected items play nothing in "  # (actions.selection_windows' note on the items' silent opening)


@dataclass(frozen=True, eq=False)  # (compared as an object: the editor's preview caches on it)
class WholeItems:
    """The whole items a time selection clips, read to drum its bars from (`whole_items`)."""

    items: object  # actions.Selection of the whole items, their phrases the song's
    song: object  # their windows (groove.Windows)
    read: tuple  # the messages of reading them (the range says its own)
    sections: tuple  # the sections the clip is drummed with (actions.song_context's)
    clip: object  # the time selection's windows, the drums laid onto them

    def drums(self, engine, settings) -> DrumifyResult:
        """The whole items drummed under `settings` (as Drumify: their phrases, comebacks, crash), in the clip's bars."""
        from .actions import song_context

        song, told, first, end, secs = song_context(self.items, self.song, settings, list(self.sections))
        whole = engine.drumify_windows(song, told, section_bars=secs, phrase_start=first, song_end=end)
        result = range_of(whole, self.clip, list(self.read), settings)
        if len(self.clip) and self.clip.starts[0] < self.song.starts[0] - 1e-6:  # the clip opens before their music:
            # it plays nothing there, as the items' drums do (a selection from an empty bar 1), said as they say it
            said = [m for m in dict.fromkeys(self.items.messages) if m.startswith(SILENT_SAID)]
            result = replace(result, messages=[*result.messages, *(m for m in said if m not in result.messages)])
        # (a section starting and the fills moved are said for what the clip plays of them by range_of, as --bars
        # says them: core/range_sections_said.py)
        return result

    def preview(self, engine, settings) -> DrumifyResult:
        """`drums`, its notes those of the drumming alone, as the editor's preview says them (the reading's were said
        when the selection was read: input_groove.input_from_selection)."""
        result = self.drums(engine, settings)
        reading = {*self.clip.messages, *self.read, *self.items.messages}
        return replace(result, messages=[m for m in result.messages if m not in reading])


def whole_items(sel, wins, sections) -> WholeItems | None:
    """The whole items to drum `wins` from (sel: actions.Selection clipped to the time selection, read into `wins`;
    sections: song_context's), or None: no time selection, the items hold only a pickup, or razor edits clip them
    apart (takes_the_whole: each item's own areas are heard, not the whole items)."""
    if not sel.time_selection or sel.part is None or not len(wins):
        return None
    from .actions import selection_windows

    try:
        song, _ = selection_windows(sel.part)
    except ReaperError:  # (the whole items hold only a pickup: the clip alone)
        return None
    if not takes_the_whole(song, wins):
        return None
    return WholeItems(replace(sel.part, song=sel.part.song or sel.song), song, tuple(song.messages), tuple(sections),
                      wins)


def selection_drums(engine, sel, wins, phrased, sections, start, song_end, settings) -> DrumifyResult:
    """Drumify's drums for the selection read into `wins` (actions.song_context's the rest): clipped to the time
    selection, the whole items' drums in its bars (drummed alone, bars 9-16 could not hear the band change on bar 9,
    nor leave after bar 16), with the editor's hand edits on top where `engine` holds them (EditedEngine)."""
    whole = whole_items(sel, wins, sections)
    if whole is None:
        return engine.drumify_windows(wins, phrased, section_bars=sections, phrase_start=start, song_end=song_end)
    if not isinstance(engine, EditedEngine):
        return whole.drums(engine, settings)
    # the hand edits on top, as EditedEngine.drumify_windows puts them on its own drums
    return engine.edited(whole.drums(engine.without_edits, settings))


__all__ = ["WholeItems", "selection_drums", "whole_items"]
