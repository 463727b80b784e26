"""The input groove: what the drums follow (2-bar windows of a MIDI or audio file, of REAPER's selection, or of
live input), read into the one shape the preview and exports take."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from reagroove.core.audio_layers import StepBands
from reagroove.core.drumify_result import window_spans
from reagroove.core.errors import ReaGrooveError
from reagroove.core.form_notes import rests_said_once
from reagroove.core.groove import RESTS_KEPT, extract_windows
from reagroove.core.midi import MidiContent, tempo_at
from reagroove.core.patterns import read_input_file, reads_as_audio
from reagroove.core.phrases import part_sections, phrase_start_of
from reagroove.core.sections import marker_sections, section_bars_at
from reagroove.core.settings import Settings
from reagroove.core.textroll import bar_label

from .kept_edits import file_part_id, selection_part_id
from .note_words import in_reaper_words


@dataclass
class InputGroove:
    """What the drums follow: 2-bar windows of a MIDI file, of REAPER's selection, or of live input."""

    name: str
    grooves: np.ndarray  # (W, 32, 3)
    starts: np.ndarray  # start beat of each window
    bars: np.ndarray  # bar number at which each window starts
    content: MidiContent | None = None  # the whole file, for exports
    path: str | None = None
    messages: list[str] = field(default_factory=list)
    window: int = 0
    tempos: list | None = None  # (beat, bpm) of the file or project: the live tempo to play along at
    bass: np.ndarray | None = None  # (W, 32, 3) the low register (groove.Windows.bass); None = unknown
    drum_part: bool = False  # the input is a drum part (groove.Windows.drum_part)
    meters: list | None = None  # the bars each window plays (groove.Windows.meters); None = all 4/4
    section_bars: tuple = ()  # bars where sections start (the file's markers, REAPER's regions and markers)
    phrase_start: int | None = None  # the bar the first phrase starts at, as the export counts it (None: the first window's)
    live: bool = False  # live input (live_input): a 2-bar buffer with no file or selection behind it
    end: float = float("inf")  # the beat where the music stops (groove.Windows.end): a last held chord ends the drums
    sounding: np.ndarray | None = None  # where a note still sounds (groove.Windows.sounding): a stab bar is a stop
    parts: np.ndarray | None = None  # the band's parts playing in each window (groove.Windows.parts): joining, a section
    opens_part: bool = True  # the windows open the part (groove.Windows.opens_part): no quiet intro from mid-song
    bar_shift: int = 0  # what to add to `bars` to name them (groove.Windows.bar_shift: REAPER's ruler; 0 for a file)
    song_end: bool = True  # the windows end the song (a time selection inside a part does not: actions.song_context)
    inside: bool = False  # the windows start inside the part (a time selection): phrases.crash_inside decides bar 1's crash
    part: tuple | None = None  # (key, digest) the hand edits made on it are kept under (kept_edits.py); None: not kept
    bass_sounding: np.ndarray | None = None  # the low register's ringing notes (groove.Windows.bass_sounding): a trap
    # 808's sustain, under which its kick does not play (core/trap_kicks.py); None: not known (audio, live input)
    kit: np.ndarray | None = None  # a drum part's own loops (groove.Windows.kit): the drums keep its pattern
    lows: np.ndarray | None = None  # the lowest pitch started on each step (groove.Windows.lows): a new riff, a section
    # a time selection clipping the selected items: the whole items its bars' drums are Drumify's from
    # (selection_range.WholeItems; None: the windows are drummed as they are)
    whole_items: object | None = None
    # the names the file's markers or REAPER's regions and markers give sections ((beat, name)), and the input's meters
    # over beats: a named chorus on the ride in the preview, as Drumify writes it (controller.lifted)
    section_names: tuple = ()
    time_signatures: list | None = None
    # an audio take's level in frequency bands on each step (groove.Windows.band_levels, audio_layers.StepBands): a new
    # layer coming in starts a section, as the export hears it; None for MIDI, REAPER's MIDI items and live input
    band_levels: StepBands | None = None

    @property
    def bars_shown(self):
        """The bars the shown window plays (core.meter.WindowBars), None for two bars of 4/4."""
        return None if not self.meters else self.meters[self.window]

    @property
    def heard_beats(self) -> float:
        """Beats of the shown window an export writes (drumify_result.window_spans: up to the next window and the music's
        end): the last window of a part of an odd number of bars writes its first bar only."""
        return float(window_spans(self.starts, self.meters, self.end)[self.window])

    @property
    def groove(self) -> np.ndarray:
        return self.grooves[self.window]

    def model_inputs(self) -> dict:
        """What the model reads beside the shown window's groove (PanelController.generate's keywords): the
        input's windows, their bass, bars and meters, whether the input is a drum part, its sections and
        phrases, and its tempo map (a jump in tempo starts a section), so the preview drums the part as an export does."""
        return {"part": self.grooves, "window": self.window, "bass": self.bass, "drum_part": self.drum_part,
                "meters": self.meters, "bars": self.bars, "section_bars": self.section_bars,
                "phrase_start": self.phrase_start, "starts": None if self.live else self.starts, "end": self.end,
                "sounding": None if self.live else self.sounding, "parts": None if self.live else self.parts,
                "opens_part": self.opens_part, "bass_sounding": None if self.live else self.bass_sounding,
                "bar_shift": self.bar_shift, "tempos": None if self.live else self.tempos,
                "song_end": self.song_end, "inside": self.inside, "kit": None if self.live else self.kit,
                "lows": None if self.live else self.lows, "whole_items": None if self.live else self.whole_items,
                "section_names": self.section_names, "time_signatures": self.time_signatures,
                "band_levels": None if self.live else self.band_levels}

    @property
    def last_bar(self) -> int | None:
        """The last bar the input's windows play, as the producer sees it numbered (None for live input: a
        buffer, not a part)."""
        if self.live or len(self.bars) == 0:
            return None
        shown = self.meters[-1] if self.meters else None
        offsets = (0.0, 4.0) if not self.meters else (0.0,) if shown is None else [o for o, _, _ in shown]
        # the last window's bars the music reaches (Drumify's part ends there too: a fill bar after it is no fill)
        count = sum(float(self.starts[-1]) + o < self.end - 1e-6 for o in offsets)
        return int(self.bars[-1]) + max(count, 1) - 1 + self.bar_shift

    def tempo(self) -> float | None:
        """The tempo where the shown window starts (None for live input, which has REAPER's or the ports')."""
        if not self.tempos:
            return None
        return tempo_at(self.tempos, float(self.starts[self.window]))

    def windows_text(self) -> str:
        """How many windows and the bars each holds in the file's meter ("6 windows of 1 bar" in 12/8, "of 4 bars"
        in 2/4), as the CLI's groove header says it; only the count where windows differ (a meter change, a bar
        longer than a window): "of 1 bar" was said of a file whose 3/4 windows hold two."""
        n = len(self.grooves)
        text = f"{n} window{'s' if n != 1 else ''}"
        # a pickup's window (bar 0) holds part of a bar; None: a window mid-bar (a bar longer than a window)
        counts = {2 if not self.meters else None if m is None else len(m)
                  for k, m in enumerate(self.meters or [None]) if self.meters is None or int(self.bars[k]) > 0}
        if len(counts) != 1 or None in counts:
            return text
        bars = counts.pop()
        return f"{text} of {bars} bar{'s' if bars != 1 else ''}"

    def label(self) -> str:
        """The roll's heading: "funk_bass.mid · bars 3-4 (2 of 4)"; a part of one window, its name alone."""
        return self.name if len(self.grooves) <= 1 else f"{self.name} · {self.window_text()}"

    def window_text(self) -> str:
        """The bars shown and which window they are: "bars 3-4 (2 of 4)" (the roll's heading without the name)."""
        bar = int(self.bars[self.window])
        shown = self.bars_shown
        count = 2 if not shown else len(shown)  # a pickup bar is a window of its own: one bar
        # the bars the song reaches: a 9-bar part's last window is "bar 9", not "bars 9-10"
        offsets = (0.0, 4.0) if not shown else [o for o, _, _ in shown]
        count = max(1, min(count, sum(o < self.heard_beats - 1e-6 for o in offsets)))
        if bar < 1:  # a bar 1 holding only a pickup (extract_windows numbers it 0): "pickup", as the CLI says
            after = "" if count == 1 else " + bar 1" if count == 2 else f" + bars 1-{bar + count - 1}"
            bars = bar_label(bar) + after
        else:
            bar += self.bar_shift  # REAPER's ruler
            bars = f"bar {bar}" if count == 1 else f"bars {bar}-{bar + count - 1}"
        return f"{bars} ({self.window + 1} of {len(self.grooves)})"


MIN_ONSETS = 4  # a window with fewer onsets than this is a poor first preview (a pickup, a lone note)


def first_window_with_content(grooves: np.ndarray, min_onsets: int = MIN_ONSETS) -> int:
    """The first window with at least `min_onsets` onsets, else the one with the most (0 if all are empty)."""
    onsets = (np.asarray(grooves)[:, :, 0] > 0).sum(axis=1)
    full = np.flatnonzero(onsets >= min_onsets)
    return int(full[0]) if len(full) else int(np.argmax(onsets)) if len(onsets) else 0


def input_from_midi(path: str | os.PathLike) -> InputGroove:
    """A MIDI or audio file (any instrument) as the input: its 2-bar windows' grooves.

    Audio is read with core/audio.py (its onsets; tempo and bar 1 estimated,
    which the messages say).
    """
    content = read_input_file(path)
    if len(content.notes) == 0:
        raise ReaGrooveError(f"{path}: file has no notes")
    wins = extract_windows(content)
    notes = list(getattr(content, "warnings", []) or []) if reads_as_audio(path) else []
    # the sections and phrases an export (Engine.drumify) plays: the file's markers (markers on nearly every bar
    # are cues, no sections: the editor had a fill and a crash at each), phrases from bar 1
    marked, cues = marker_sections(section_bars_at(getattr(content, "markers", ()), content.time_signatures),
                                   "markers in the file")
    sections = tuple(marked)
    # as Engine.drumify counts them: a bar 1 holding only a pickup leaves the phrases to the bar it leads into
    phrase_start = phrase_start_of(content)
    source = InputGroove(Path(path).name, wins.grooves, wins.starts, wins.bars, content, os.fspath(path),
                         notes + wins.messages + ([cues] if cues else []),
                         window=first_window_with_content(wins.grooves), tempos=wins.tempos, bass=wins.bass,
                         drum_part=wins.drum_part, meters=wins.meters, section_bars=sections, phrase_start=phrase_start,
                         end=wins.end, sounding=wins.sounding, parts=wins.parts, opens_part=wins.opens_part,
                         song_end=wins.end_the_song(content.notes), part=file_part_id(path),
                         bass_sounding=wins.bass_sounding, kit=wins.kit, lows=wins.lows,
                         section_names=tuple(getattr(content, "marker_names", ())),
                         time_signatures=list(content.time_signatures), band_levels=wins.band_levels)
    return said_once(source)


input_from_file = input_from_midi


def said_once(source: InputGroove) -> InputGroove:
    """`source` with its windows' line of bars with no notes ("...: the drums keep time through them") left out
    where Drumify's form says those bars' comeback with what the drums play there (form_notes.rests_said_once, as
    Engine.drumify drops it): opening a drum part whose kit rests 20 bars had read "the drums keep time through
    them" where its drums rest with it, and a band's rest was read twice, on opening and in the preview's notes."""
    if not any(m.endswith(RESTS_KEPT) for m in source.messages):
        return source
    form = part_sections(Settings(), source.grooves, source.bass, source.bars, source.meters, source.section_bars,
                         (), source.starts, source.end, source.phrase_start, source.opens_part, source.song_end,
                         source.tempos, source.parts, source.lows, source.sounding, source.band_levels)
    source.messages = rests_said_once(source.messages, form, lambda bar: int(bar) + source.bar_shift)
    return source


def input_from_selection(bridge) -> InputGroove:
    """REAPER's selected MIDI items as the input (one round trip; run it off the UI thread)."""
    from ..actions import song_context, read_selection, sections_of, selection_windows
    from ..selection_range import whole_items

    sel = read_selection(bridge, "to read into the editor")
    wins, _until = selection_windows(sel)  # the bars Drumify plays (a pickup or a lead-in left out, as it does)
    # a time selection inside a part: the song's phrases, its end and the first bar's crash as Drumify has them
    # (the preview had counted phrases from the selection's first bar)
    sections = sections_of(sel)
    opened = wins.opens_part
    wins, _, phrase_start, song_end, sections = song_context(sel, wins, None, sections)
    # the selection's notes (muted items left out) before the windows' own; the project's markers and regions
    # start sections, as Drumify plays them
    source = InputGroove("REAPER selection", wins.grooves, wins.starts, wins.bars,
                         messages=sel.messages + wins.messages, window=first_window_with_content(wins.grooves),
                         tempos=list(sel.content.tempos),
                         bass=wins.bass, drum_part=wins.drum_part, meters=wins.meters,
                         section_bars=tuple(sections), end=wins.end, sounding=wins.sounding, parts=wins.parts,
                         opens_part=wins.opens_part, bar_shift=wins.bar_shift, phrase_start=phrase_start,
                         song_end=song_end, inside=opened and not wins.opens_part, bass_sounding=wins.bass_sounding,
                         kit=wins.kit, lows=wins.lows, whole_items=whole_items(sel, wins, sections),
                         part=selection_part_id(wins.grooves, wins.bars, sel.item_tracks, sel.start_qn,
                                                selection_guids(sel.project.get("items", ()))),
                         section_names=tuple(map(tuple, sel.project.get("section_names") or ())),
                         time_signatures=list(sel.content.time_signatures), band_levels=wins.band_levels)
    source = said_once(source)
    # in REAPER's words, as its console says them (the input line and the preview, which says them again): two items
    # 300 bars apart had read "a damaged file ... (the CLI's --bars FIRST-LAST)" here alone
    source.messages = [in_reaper_words(m) for m in source.messages]
    return source


def selection_guids(items) -> list[str]:
    """'item GUID/take GUID' of each selected item but ReaGroove's own drums; none when any is unknown (a REAPER
    side that does not send them): then the selection is known by its content."""
    ours = [i for i in items if i.get("role") != "drums"]
    ids = [f"{i.get('guid') or ''}/{i.get('take_guid') or ''}" for i in ours]
    return ids if ours and all(i.get("guid") for i in ours) else []


def live_input(groove: np.ndarray, bar: int | None = None) -> InputGroove:
    """The live overdub buffer as the input."""
    name = "live input" + (f" · bar {bar}" if bar is not None else "")
    return InputGroove(name, np.asarray(groove, np.float32)[None], np.zeros(1), np.ones(1, np.int64), live=True)
