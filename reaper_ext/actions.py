"""What a producer does in REAPER, on the engine's side: read once, generate, write once.

Each action reads what it needs in one call into REAPER and writes its
result in one more (see reaper_side.py), so its round trips do not grow with
the number of notes. The engine is the same one the CLI uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from reagroove.core.constants import DRUM_CHANNEL
from reagroove.core.drummap import GM_DRUM_MAP, DrumMap, stored_drum_map
from reagroove.core.form_notes import within_music
from reagroove.core.engine import Engine
from reagroove.core.groove import bar_grid, extract_windows
from reagroove.core.low_register import bass_notes
from reagroove.core.inaudible_notes import heard_notes
from reagroove.core.loop import STEPS_PER_BEAT, Loop
from reagroove.core.meter import loop_frame
from reagroove.core.midi import MidiContent, Notes
from reagroove.core.midi_write import loop_note_events
from reagroove.core.patterns import Pattern, drum_loop
from reagroove.core.phrases import crash_inside, phrase_start_of, song_form, unheard_comebacks
from reagroove.core.sections import project_marker_sections
from reagroove.core.settings import Settings
from reagroove.core.style_tips import skank_said
from reagroove.core.takes import MIN_VARIATION_CHANGE

from .audio_item_bands import with_bands  # (a new layer coming into audio items starts a section, as in a file)
from .audio_items import audio_rows
from .bridge import ReaperError
from .editor_edits import editor_edits
from .kit_notes import new_drum_track_note, variations_kit_note
from .kept_lines import fill_into_kept, kept_bars, kept_note, replaced_line  # (kept_note: the panel's too)
from .more_variations import other_versions, other_versions_note
from .nudge_lines import nudges_kept, unrecorded_moves, variations_nudged
from .reaper_names import ALL_MUTED, ALL_MUTED_PANEL, DRUMS_TRACK_NAME, LIVE_RUNNING, VARIATION_BASE
from .run_names import drumify_undo_name, feel_words, variations_run_name
from .selection_bars import (bars_said, clip_name, clip_notes, cut_around, inside_item, left_alone, razor_said,
                             selection_clip, silent_opening)
from .selection_notes import band_rows, drop_midi_end_marker, drop_midi_unheard, items_rows, without_end_blip_line
from .selection_notes import rows_as_notes as _notes
from .song_phrases import selection_drums  # (a time selection: the whole items' drums in its bars; a named chorus)
from .song_phrases import selection_rests, song_before, song_between, song_of, song_phrase_bar
from .tempo_mid_bar import mid_bar_tempo_lines
from .two_kits import mutes_drum_track, own_drums, own_drums_line, own_drums_over, two_kits
from .write_lines import drum_copies, gap_kept, past_band, pooled_kept, removed_under


def settings_label(s: Settings) -> str:
    """The settings in a few words, for item and track names."""
    parts = ["ReaGroove"]
    if s.genre:
        parts.append(" ".join(f"{g} {w / sum(s.genre.values()):.1f}" for g, w in s.genre.items()))
    if s.pattern_a and "pattern_a" not in s.inactive():  # at Follow 1 it is not heard: not named in every item
        parts.append(f"A={s.pattern_a}" + (f" B={s.pattern_b} @{s.interpolate:.2f}" if s.pattern_b else "") + f" follow {s.follow:.2f}")
    parts += feel_words(s)
    if s.temperature and not s.temperature_auto:  # (one that follows the seed: "seed 3" says it)
        parts.append(f"temperature {s.temperature:.2f}")  # as the editor's slider and --temperature name it
    parts.append(f"seed {s.seed}")
    return " · ".join(parts)


@dataclass
class Selection:
    content: MidiContent  # the selected items' notes combined, positions in project QN
    start_qn: float
    end_qn: float
    below_index: int  # the lowest track holding a selected item
    project: dict
    messages: list = field(default_factory=list)  # items left out, and why
    item_tracks: list = field(default_factory=list)  # the tracks holding the selected items (the drums go after
    # the folder of any of them)
    time_selection: bool = False  # the part clipped to REAPER's time selection (said with its bars)
    # the whole items, unclipped, when the time selection clips them: the song's phrases count from their first
    # bar, and music after the time selection means its last bar ends no song (song_context)
    part: Selection | None = None
    # [(lo_qn, hi_qn)] bars between the selected items where only items not selected play: no drums written there
    left_alone: list = field(default_factory=list)
    song: MidiContent | None = None  # the notes heard on the selected band items' tracks: its phrases (song_phrases.py)
    own_drums: list = field(default_factory=list)  # the producer's drums selected, still playing (two_kits.py)
    bars_said: str = ""  # a time selection's bars as said ('bars 9-16'; selection_windows): the run's undo name


def _unheard(item: dict) -> str:
    """Why a selected item is not heard, as REAPER's side says it ('muted': the item itself)."""
    return item["muted"] if isinstance(item["muted"], str) else "muted"


def _label(item: dict) -> str:
    """An item as the notes name it: its name quoted ('bass chorus'), or where it sits."""
    return f"'{item['name']}'" if item.get("name") else f"an item on track {item['track_index'] + 1}"


def read_selection(bridge, purpose: str = "to drumify") -> Selection:
    """The selected MIDI and audio items as one combined performance.

    One round trip reads the selection; audio items add one more (their
    onsets, found here in their files, go through REAPER's tempo map).
    `purpose` ends "select one or more MIDI or audio items ...": the action
    the producer ran, in their words.
    """
    info = bridge.call("read_selected_items")
    ours = [i for i in info["items"] if i.get("role") != "drums"]
    # The drums follow what plays: a muted item is left out, and the producer told so.
    muted = [i for i in ours if i.get("muted")]
    heard = [i for i in ours if not i.get("muted")]
    if muted and not heard:
        why = {_unheard(i) for i in muted}
        raise ReaperError("every selected item is muted; unmute one or select another" if why == {"muted"} else
                          f"no selected item is heard ({', '.join(sorted(why))}); unmute, unsolo"
                          + (", route or turn up" if any("fader" in w or "volume" in w for w in why) else " or route")
                          + " one, or select another")
    # an item left on an empty take while another holds the part: named, with the take to switch to
    empty = [i for i in heard if i.get("empty_take")]
    heard = [i for i in heard if not i.get("empty_take")]
    audio = [i for i in heard if not i["is_midi"] and i.get("audio")]
    items = [i for i in heard if i["is_midi"]] + audio
    if empty and not any(i["notes"] or i.get("audio") for i in items):
        i = empty[0]
        raise ReaperError(f"{_label(i)} plays nothing: {i['empty_take']} (or select another item)")
    # a MIDI item playing no notes (a pedal lane, an empty item) beside the part: left out and said, so it sets
    # no bars of drums where nothing plays; an item with no take likewise
    placed = items  # the drum track still goes under every selected item (the README's "under them")
    blank = [i for i in items if i["is_midi"] and not i["notes"]]
    voids = [i for i in heard if not i["is_midi"] and i.get("no_notes")]
    if len(blank) < len(items):
        items = [i for i in items if not (i["is_midi"] and not i["notes"])]
        voids = blank + voids
    if not items:
        what = "only ReaGroove's own drum items" if info["items"] and not ours else (
            "only items without MIDI or audio" if info["items"] else "nothing")
        folders = info.get("selected_folders") or []
        if what == "nothing" and folders:  # a band's folder selected for its tracks' items: it selects none
            many = len(folders) > 1
            names = ", ".join(f"'{t}'" for t in folders[:3]) + (f" and {len(folders) - 3} more" if len(folders) > 3 else "")
            raise ReaperError(f"select one or more MIDI or audio items {purpose} (nothing selected but the folder "
                              f"track{'s' if many else ''} {names}, which select{'' if many else 's'} none of the "
                              f"items in {'them' if many else 'it'}: click them, or drag over them)")
        raise ReaperError(f"select one or more MIDI or audio items {purpose} ({what} selected)")
    messages: list[str] = []
    drums = len(info["items"]) - len(ours)  # ReaGroove's own drum items selected with the band: said, not read
    if drums:
        messages.append(f"left out {drums} drum item{'s' if drums > 1 else ''} of ReaGroove's: the "
                        + ("drums follow the band" if "pattern" not in purpose else "pattern is read from the band"))
    for why in sorted({_unheard(i) for i in muted}, key=lambda w: w != "muted"):
        left = [i for i in muted if _unheard(i) == why]
        names = ", ".join(map(_label, left))
        s = "s" if len(left) > 1 else ""
        messages.append(f"skipped {len(left)} muted item{s}: {names}" if why == "muted" else
                        f"skipped {len(left)} item{s} not heard ({why}): {names}")
    messages.extend(f"left out {_label(i)}: {i['empty_take']}" for i in empty)
    messages.extend(_left_out(voids))
    again = {"to drumify": "drumify again", "to make variations of": "make variations again"}  # an item off tempo
    unreadable = audio_rows(bridge, audio, messages, again.get(purpose, "run it again")) if audio else []
    # the drums span (and go below) the items followed: one left out (a video, a subproject, a file that cannot
    # be read) sets no bars of drums where nothing else plays; all left out, the errors below say why
    items = [i for i in items if not i.get("left_out")] or items
    for i in items:
        if i.get("on_drum_track"):  # the producer's own drums there (a fill played on channel 1): drums, not band
            i["notes"] = [[*n[:4], DRUM_CHANNEL] for n in i["notes"]]
    sigs = [(float(q), int(n), int(d)) for q, n, d in info["time_signatures"]]
    tempos = [(float(q), float(b)) for q, b in info["tempos"]]
    start, end = min(i["start_qn"] for i in items), max(i["end_qn"] for i in items)
    clip, unmarked = selection_clip(info, items, sigs, start, end)  # razor edits: each item's own areas
    span, every = (start, end), items_rows(items)  # each item's notes on its track: the band's parts told apart
    song = song_of(info, items_rows([i for i in items if not i.get("on_drum_track")]), tempos, sigs, end)
    # the whole items' bass part, read before the clip: without it their lows were MIDI's, the clip's audio's, and a
    # time selection over audio items was drummed alone (no crash on a layer coming in on its first bar)
    whole_bass = _bass_part(items, audio) if clip else None
    if clip:  # the items' notes inside the time selection (their razor edits) only: a pickup before it is left out
        start, end = clip
        clip_notes(items, clip, unmarked)
    ruler = int(info.get("measure_offset") or 0)
    messages.extend(drop_midi_end_marker(items, sigs, end, ruler))
    messages.extend(drop_midi_unheard(items, sigs, end, ruler))  # (as extract_windows does where no audio rides along)
    rows = items_rows(items)
    if not rows and unreadable:  # nothing else to follow: the file's own problem, in one line
        raise ReaperError(unreadable[0])
    if not rows:
        if clip:
            raise ReaperError(f"the selected items play no notes in the {clip_name(info)}: move it over the part, "
                              "or clear it (click an empty spot of the timeline) for drums over the whole items")
        messages.extend(f"{_label(i)}: {i.get('no_notes') or 'no notes'}" for i in blank)
        # an audio item read whole yet silent (room tone, a muted take's render) is named as an empty MIDI one is
        messages.extend(f"{_label(i)}: no onsets found" for i in audio if not i.get("left_out") and not i.get("notes"))
        raise ReaperError("the selected items hold no notes" + (" or onsets" if audio else "")
                          + (f" ({'; '.join(messages)})" if messages else ""))
    left = left_alone([(i["start_qn"], i["end_qn"]) for i in placed], info.get("unselected") or [], sigs, start, end)
    # the band's tracks heard there, as drumifying all their items hears them
    rows = band_rows(rows, between := song_between(info, left))
    notes = _notes(rows)
    content = with_bands(MidiContent("the selected items", notes, 960, tempos, sigs, end,
                                     bass_part=_bass_part(items, audio)), items, between, clip)  # (audio: its levels)
    below, tracks = max(i["track_index"] for i in placed), sorted({int(i["track_index"]) for i in placed})
    part = Selection(with_bands(MidiContent("the selected items", _notes(every), 960, tempos, sigs, span[1],
                                            bass_part=whole_bass), items),
                     *span, below, info, [], tracks) if clip else None
    if left:
        messages.append(f"no drums written in {bars_said(info, left)}: items not selected play there (select "
                        "them too for drums there)")
    return Selection(content, start, end, below, info, messages, tracks, time_selection=bool(clip), part=part,
                     left_alone=sorted(left + unmarked), song=song, own_drums=own_drums(items, _label))


def _bass_part(items: list, audio: list) -> Notes | None:
    """Audio's bass part is its low bands' onsets (core/audio.py), beside the MIDI items' low register (None: no
    audio onsets low)."""
    low_rows = [n for i in audio for n in i.get("bass_notes", [])]
    if not low_rows:
        return None
    return bass_notes(_notes(items_rows([i for i in items if i["is_midi"]]))).concat(_notes(low_rows, track=1))


def _left_out(items: list) -> list[str]:
    """'left out ...' for items playing no notes, one line per reason (a split pedal lane of 30 items: one)."""
    out = []
    for why in dict.fromkeys(i.get("no_notes") or "no notes" for i in items):
        left = [i for i in items if (i.get("no_notes") or "no notes") == why]
        out.append(f"left out {_label(left[0])}: {why}" if len(left) == 1 else
                   f"left out {len(left)} items ({why}): {', '.join(map(_label, left))}")
    return out


def sections_of(sel: Selection) -> list[int]:
    """Bars where the project's markers and regions start sections (a fill before each, a crash on it);
    markers on nearly every bar are cues, not sections (sections.project_marker_sections, live follow's rule too;
    said in sel.messages)."""
    bars, cues = project_marker_sections(sel.project.get("sections", ()), sel.content.time_signatures,
                                         "markers and regions in the project")
    if cues and cues not in sel.messages:
        sel.messages.append(cues)
    return within_music(bars, sel.song or sel.content)  # (an "End" marker past the band: no fill into silence)


def _part_of(sel: Selection) -> tuple[tuple[int, int], float, float]:
    """The bars (1-based) the selection's part plays in on the project's bar grid, numbered as extract_windows
    numbers them (from the first whole bar when the project opens with a pickup bar; its errors say them as
    REAPER's ruler does), and where its drums start and end in QN.

    Its bars are those its items cover, unless an edge lies mid-bar: a part starting mid-bar (a take
    recorded from there, an item nudged a little early, a pickup) comes in on the bar of its first note, or
    on the next bar when that note lies in the second half of its bar (a pickup, as a drummer waits for the
    one); a part ending just past a bar line with nothing played after it ends there (no sliver of drums).
    Whole bars before its first note where nothing of the song plays yet (song_before) are no part of it either:
    it comes in on its first note as a part starting mid-bar does, as the CLI's drums skip a file's silent opening.
    """
    grid = bar_grid(sel.content.time_signatures, sel.end_qn)
    lines = grid.lines
    ruler = grid.ruler_shift(_measure_offset(sel))

    def bar_at(qn: float) -> int:  # index into lines of the bar holding qn
        return int(np.searchsorted(lines, qn + 1e-9, side="right")) - 1

    def end_of(k: int) -> float:  # where bar k ends (the grid may stop at the last bar line of a long bar)
        num, den = grid.meters[k]
        return float(lines[k + 1]) if k + 1 < len(lines) else float(lines[k]) + num * 4.0 / den

    # the project's own pickup bar (a short first bar in a meter of its own) is no bar of the grid's: bars count
    # from the next
    first = max(bar_at(sel.start_qn + 1e-6), grid.first_bar)
    last = max(bar_at(sel.end_qn - 1e-6), first)
    heard = heard_notes(sel.content)  # (a pad nobody hears opens nothing: the command line's first note too)
    played = np.round(np.asarray(heard.start, np.float64) * STEPS_PER_BEAT) / STEPS_PER_BEAT
    # a pickup alone (nothing played in the bar it leads into, the project's own pickup bar too): its drums
    # would come in on a bar not selected; a whole groove bar from before the pickup is no drummer's, so it is said
    only = "the selection holds only a pickup into bar {}: select the bars it leads into too"
    lead = bar_at(float(played.min())) if len(played) else first
    # whole bars before the first note, nothing of the song playing yet: its silent opening, no part of the part
    # (a time selection over them asks for drums there: a drum intro before the bass)
    silent = not sel.time_selection and lead > first and not song_before(sel.song, sel.project, float(lines[lead]))
    if len(played) and (sel.start_qn > lines[first] + 1e-6 or silent):
        i = bar_at(float(played.min()))
        if played.min() - lines[i] >= (end_of(i) - lines[i]) / 2 - 1e-9:
            if not (played >= end_of(i) - 1e-9).any():
                raise ReaperError(only.format(i + 1 - grid.first_bar + 1 + ruler))
            i += 1
        first = max(first, min(i, last))
    elif len(played) and not (played >= lines[first] - 1e-9).any():
        raise ReaperError(only.format(first - grid.first_bar + 1 + ruler))
    if last > first and sel.end_qn < end_of(last) - 1e-6 and not (played >= lines[last] - 1e-9).any():
        last -= 1
    bars = (first - grid.first_bar + 1, last - grid.first_bar + 1)
    return bars, max(float(lines[first]), 0.0), min(sel.end_qn, end_of(last))


def selection_windows(sel: Selection, said: str = "drums for"):
    """The selection's windows over the bars its part plays in (_part_of), and where its drums end: what
    Drumify, Variations and Set pattern read. Notes of a pickup before them are left out of the groove, and
    a note (in sel.messages) says so; a part clipped to the time selection is said with its bars (`said`
    opens the note: 'drums for bars 9-16 (the time selection)')."""
    bars, lo, until = _part_of(sel)
    content = sel.content

    def after(n: Notes) -> np.ndarray:  # a note half a 16th early is the bar's, as extract_windows counts
        return n.start * STEPS_PER_BEAT >= lo * STEPS_PER_BEAT - 0.5

    heard = heard_notes(content)  # (notes nobody hears are no pickup, and no first note: inaudible_notes.py)
    pickup = lo > sel.start_qn + 1e-6 and not after(heard).all()
    if pickup:
        content = replace(content, notes=content.notes.select(after(content.notes)), bass_part=None
                          if content.bass_part is None else content.bass_part.select(after(content.bass_part)))
    # the bars said as REAPER's ruler numbers them (a pickup bar of its own, the project's start measure)
    wins = extract_windows(content, bars=bars, ruler=_measure_offset(sel), drum_map=_track_drum_map(sel.project))
    without_end_blip_line(wins.messages, content.notes, until)  # the item's cut last note: no one hears it
    _meter_as_the_song(sel, wins)
    first, last = (b + wins.bar_shift for b in bars)
    if sel.time_selection:
        which = razor_said(sel.project, lo, until) or (f"bar {first}" if first == last else f"bars {first}-{last}")
        note, sel.bars_said = f"{said} {which} (the {clip_name(sel.project)})", which
        if note not in sel.messages:
            sel.messages.insert(0, note)
    if pickup:
        sel.messages.append(f"the selection opens with a pickup into bar {first}: the drums come in there")
    silent = silent_opening(sel.project, sel.start_qn, float(np.min(heard.start)), lo) if len(heard) else ""
    if silent and not sel.time_selection:  # the item visibly spans them: why its drums start later
        soft = len(content.notes) > len(heard) and float(np.min(content.notes.start)) < float(np.min(heard.start))
        sel.messages.append(f"the selected items play nothing{' heard' if soft else ''} in {silent}"
                            f"{' (their notes there are too soft to hear)' if soft else ''}: the drums come in with "
                            "their first note")
    sel.messages.extend(m for m in mid_bar_tempo_lines(content.tempos, content.time_signatures, lo, until,
                                                       _measure_offset(sel)) if m not in sel.messages)
    return wins, until


def _meter_as_the_song(sel: Selection, wins) -> None:
    """A part clipped to the time selection says the meter of its bars as the whole items do ("music in 4/4,
    then 3/4 from bar 17 ... (a loop is 2 bars of 3/4)"): counted in the clip alone, its two bars of a 3/4
    bridge were said as a lone bar's ("each loop plays whole bars, ..."), other words for the same bars."""
    said = [k for k, m in enumerate(wins.messages) if m.startswith("music in ")]
    if sel.part is None or not said:
        return
    try:
        bars, _, _ = _part_of(sel.part)
    except ReaperError:
        return
    song = [m for m in extract_windows(sel.part.content, bars=bars, ruler=_measure_offset(sel)).messages
            if m.startswith("music in ")]
    if song:  # in the place of the clip's own
        rest = [m for m in wins.messages if not m.startswith("music in ")]
        wins.messages[:] = rest[:said[0]] + song + rest[said[0]:]


def song_context(sel: Selection, wins, settings: Settings | None, section_bars) -> tuple:
    """(wins, settings, phrase_start, song_end, section_bars) for a part clipped to the time selection, or items from
    mid-song, their fills and crashes where drumifying the whole song has them: phrases counted as over the song on
    the selection's band tracks (song_phrases.py, the CLI's --bars rule), the song's comebacks after a rest the
    selection cannot hear itself among the sections (one opening on the rest's last bar), a fill into music after the
    time selection, no intro inside the song and a crash on its first bar only where a song's phrase starts
    (phrases.crash_inside; settings None: not asked)."""
    bar, last = int(wins.bars[0]), int(wins.bars[-1])
    song_end = True if sel.part is None else wins.end_the_song(sel.part.content.notes)
    first = song_phrase_bar(sel.song, sel.project, (bar, last), sel.end_qn)
    if first is None and sel.part is None:  # only drum items: phrases from the bar of the first note
        return wins, settings, phrase_start_of(sel.content, (bar, last)), True, section_bars
    if first is None:
        try:
            (first, _), _, _ = _part_of(sel.part)
        except ReaperError:  # the whole items hold only a pickup: the clip's own bars are the part
            first = bar
        first = min(first, bar)
    else:  # (a selection from the rest's last bar had lost the fill into the comeback and its crash)
        sections = unheard_comebacks(song_form(sel.song, (bar, last))[1], wins, first, section_bars)
        section_bars = sorted({*section_bars, *sections})
    if first >= bar:  # the selection opens the song's phrase (on its first bar, or the bar the band comes in on)
        return wins, settings, None if first == bar else first, song_end, section_bars
    told = None if settings is None else crash_inside(settings, bar, first, section_bars, wins.bar_shift)
    return replace(wins, opens_part=False), told, first, song_end, section_bars


def _measure_offset(sel: Selection) -> int:
    """The project's measure offset (Project Settings > 'Project start measure' less 1; 0 from a REAPER side
    that does not send it)."""
    return int(sel.project.get("measure_offset") or 0)


def _item_specs(loops: np.ndarray, starts, spans, settings: Settings, drum_map: DrumMap, version: int = 0,
                until: float | None = None, cross_sticks=None) -> list[dict]:
    """One item per loop; with `until` (the selection's end) the drums stop there, as the music does (a 3-bar
    part gets 3 bars of drums, not the whole of its last 2-bar loop); cross_sticks: a drum part's cross-stick
    steps (DrumifyResult.cross_sticks, (W, 32)), written on 37 as drumify writes them."""
    label = settings_label(settings) + (f" · var {version}" if version else "")
    specs = []
    sticks = [None] * len(loops) if cross_sticks is None else list(cross_sticks)
    for hvo, start, span, stick in zip(loops, starts, spans, sticks):
        end = float(start + span) if until is None else min(float(start + span), until)
        if end <= float(start) + 1e-6:
            continue
        notes = loop_note_events([Loop.from_hvo(hvo)], [float(start)], drum_map, [float(span)], [stick])
        notes = [[on, min(off, end), pitch, vel] for on, off, pitch, vel in notes if on < end - 1e-6]
        specs.append({
            "start_qn": float(start), "end_qn": end, "name": label,
            "notes": inside_item(notes, float(start)),
            "settings": settings.to_dict(),
        })
    return specs


def wrote_said(result: dict) -> str:
    """'wrote N drum items', or 'nothing written' where Drumify wrote none: its drums already there, or the bars
    asked all keeping the producer's edited items (kept_note says why; "wrote 0 drum items" read as a failure)."""
    n = result.get("written", 0)
    return "nothing written" if not n else f"wrote {n} drum item{'s' if n != 1 else ''}"


def variations_line(count: int, result: dict) -> str:
    """'3 variations on new tracks ReaGroove Var 1-3 (the first plays, ...)' for a Variations result: whether the
    first plays (not where ReaGroove drums already play over it) as REAPER's side wrote it (the console's summary
    and the editor's status line say it alike)."""
    count = result.get("versions", count)  # pressed again: fewer where few others differ from those there
    if not count:
        drums = result.get("drum_track")  # the drums on it: version 1 is Drumify's part
        if drums and all(name == drums for _, name in result.get("copies") or ()):
            return f"no new variations: those drawn for these bars play the drums on the drum track '{drums}' already"
        return "no new variations: those drawn for these bars are on variation tracks" + (
            " or the drum track already" if drums else " already")
    first = result.get("first_number", 1)
    names = f"ReaGroove Var {first}" + (f"-{first + count - 1}" if count > 1 else "")
    plays = result.get("first_plays", True)
    if count == 1:
        return f"1 variation on a new track, {names}" + (
            "" if plays else " (muted, as ReaGroove drums already play: unmute it in their place)")
    return f"{count} variations on new tracks {names} " + (
        "(the first plays, the others are muted)" if plays else
        "(all muted, as ReaGroove drums already play: unmute one in their place)")


def drumify_selection(bridge, engine: Engine, settings: Settings, *, drum_map: DrumMap | None = None,
                      overwrite_edited: bool = False) -> dict:
    """Drums for the selected MIDI/audio items on the 'ReaGroove Drums' track (two round trips; three with audio).

    While live follow runs it writes that track too: nothing is generated, and the error says so (REAPER's
    side refuses the write as well, for a follow turned on while the engine ran)."""
    if not any(settings.voice_groups.values()):  # (the full editor's run; commands.py refuses the actions' first)
        raise ReaperError(ALL_MUTED.format(how=ALL_MUTED_PANEL))
    sel = read_selection(bridge)
    if sel.project.get("live"):
        raise ReaperError(LIVE_RUNNING.format(what="drumify", track=sel.project.get("drums_track") or DRUMS_TRACK_NAME))
    if set(sel.item_tracks) == {sel.project.get("drums_index")}:
        # the producer's own drum take on the drum track, selected to redrum: its drums would go over it
        raise ReaperError(f"nothing written: the selected items are on the drum track "
                          f"'{sel.project.get('drums_track') or DRUMS_TRACK_NAME}' itself, and Drumify never writes "
                          "over your own items there; move them to a track of their own and Drumify again (or run "
                          "Variations: its versions go on new tracks)")
    wins, until = selection_windows(sel)
    sections = sections_of(sel)
    wins, phrased, start, song_end, sections = song_context(sel, wins, settings, sections)
    engine, on_top = editor_edits(engine, sel, wins)  # the editor's hand edits on these items, on top
    result = selection_drums(engine, sel, wins, phrased, sections, start, song_end, settings)
    result = skank_said(result, (sel.part or sel).content, settings)  # (the whole items': as the CLI tells a file)
    drum_map = drum_map or _track_drum_map(sel.project)
    spec = {
        "track_name": DRUMS_TRACK_NAME, "below_index": sel.below_index, "item_tracks": sel.item_tracks,
        "reuse": True,
        "items": cut_around(_item_specs(result.loops, result.starts, result.spans, settings, drum_map, until=until,
                                        cross_sticks=result.cross_sticks), sel.left_alone),
        "overwrite_edited": overwrite_edited, "undo_name": drumify_undo_name(settings, sel.bars_said),
        "drum_map": _map_spec(drum_map), "mute_variations": True, "past_band": True,
    }
    mine, over = own_drums_over(sel.own_drums, spec["items"])  # their kit plays there: ours muted, one kit plays
    if mine and mutes_drum_track(over, spec["items"]):
        spec["mute"] = True
    written = bridge.call("write_drum_track", spec)
    # drums written where they are not heard (the drum track muted while a variation was auditioned) say so
    silent = [] if written.get("heard", True) or not written["written"] else [
        f"the '{sel.project.get('drums_track') or DRUMS_TRACK_NAME}' track is not heard (muted, its fader "
        "down, or another track soloed): unmute it, raise its fader or unsolo the other to hear these drums"]
    if mine:  # muted here for their kit, or both playing in a few bars: said, with how to hear one
        silent = [own_drums_line(mine, sel.project.get("drums_track") or DRUMS_TRACK_NAME, "mute" in spec,
                                 bars_said(sel.project, over))] + ([] if "mute" in spec else silent)
    return {**written, "windows": len(result.loops),
            "messages": on_top.drumify_notes(result, written) + sel.messages + selection_rests(sel.project, result.messages)
            + silent + two_kits(sel.project, spec["items"], written)
            + kept_bars(sel.project, written) + replaced_line(sel.project, written, settings_label(settings), spec["items"])
            + fill_into_kept(sel.project, settings.fill_bars, written, spec["items"]) + removed_under(sel.project, written)
            + nudges_kept(sel.project, written) + unrecorded_moves(sel.project, written)
            + drum_copies(sel.project, written) + pooled_kept(sel.project, written) + past_band(sel.project, written)
            + gap_kept(sel.project, written),
            "kit_notes": new_drum_track_note(written, drum_map)}  # of the tracks, not the part: kit_notes.py


def _map_spec(drum_map: DrumMap) -> dict | None:
    """A drum map as the REAPER side stores it with a track (None for General MIDI)."""
    return None if drum_map is GM_DRUM_MAP else drum_map.to_dict()


def _track_drum_map(project: dict) -> DrumMap:
    return stored_drum_map(project.get("drum_map"), "the drum track's map")  # bad JSON: one line, not a traceback


def variations_of_selection(bridge, engine: Engine, settings: Settings, n: int, *, drum_map: DrumMap | None = None) -> dict:
    """N versions of the drums for the selection on N new tracks; the first plays, the others are muted. Pressed
    again over bars with variation tracks, it writes other versions, never copies of those (more_variations.py);
    after Drumify, none plays the drum track's drums again either (the first version drawn is Drumify's part)."""
    if not any(settings.voice_groups.values()):  # (as Drumify)
        raise ReaperError(ALL_MUTED.format(how=ALL_MUTED_PANEL))
    sel = read_selection(bridge, "to make variations of")
    wins, until = selection_windows(sel)
    sections = sections_of(sel)
    wins, phrased, start, song_end, sections = song_context(sel, wins, settings, sections)
    engine, on_top = editor_edits(engine, sel, wins)  # each version with the editor's hand edits made on it
    # version 1 is Drumify's part, with what Drumify says of it (sections, the ending, hats thinned at a fast tempo)
    result = selection_drums(engine, sel, wins, phrased, sections, start, song_end, settings)
    result = skank_said(result, (sel.part or sel).content, settings)  # (as Drumify says it)
    versions = engine.variations_of(result, phrased, n)
    drum_map = drum_map or _track_drum_map(sel.project)

    def specs_of(v, version: int = 0) -> list:
        return cut_around(_item_specs(v, result.starts, result.spans, settings, drum_map, version, until=until,
                                      cross_sticks=result.cross_sticks), sel.left_alone)

    def spec_for(chosen) -> dict:
        return {"below_index": sel.below_index, "item_tracks": sel.item_tracks, "base_name": VARIATION_BASE,
                "variations": [specs_of(v, i + 1) for i, v in enumerate(chosen)], "drum_map": _map_spec(drum_map),
                "undo_name": variations_run_name(len(chosen), settings, sel.bars_said), "refuse_copies": True,
                "drums_apart": MIN_VARIATION_CHANGE}  # Var 1 is no copy of the drum track's drums either

    written, notes = bridge.call("write_variation_tracks", spec_for(versions)), []
    # said where the versions drawn are written; others drawn in their place (more_variations.py) are not
    # numbered as the editor's versions
    edited = [] if written.get("copies") else on_top.variations_notes(written, len(versions))
    if written.get("copies"):  # pressed again (these versions are on variation tracks), or after Drumify (Var 1 is
        # the drum track's part)
        existing = [(name, {tuple(h) for h in hits}) for name, hits in written.pop("existing", None) or ()]
        chosen, copied = other_versions(engine, result, phrased, n, versions, existing, specs_of)
        notes = [other_versions_note(len(chosen), n, copied or [c[1] for c in written["copies"]], VARIATION_BASE,
                                     written.get("drum_track", ""))]
        if not chosen:
            return {**written, "versions": 0, "messages": on_top.notes + sel.messages + result.messages + notes}
        written = bridge.call("write_variation_tracks", spec_for(chosen))
        if written.get("copies"):  # the tracks changed between the two calls (a variation written meanwhile)
            raise ReaperError("the variation tracks changed while new versions were drawn: press Variations again")
        versions = chosen
    # the first plays, yet a solo elsewhere (the bass soloed) leaves it silent: said, as for Drumify
    silent = [] if written.get("heard", True) else [
        "the variation tracks are not heard (another track is soloed): unsolo it, or solo one of them"]
    return {**written, "versions": len(versions), "kit_notes": variations_kit_note(written),
            "messages": (edited or on_top.notes) + sel.messages + selection_rests(sel.project, result.messages)
            + silent + notes
            + variations_nudged(sel.project, written)}


def pattern_from_selection(bridge, name: str, messages: list | None = None) -> Pattern:
    """The first 2-bar window of the selected MIDI or audio items as a named pattern (A or B); what the
    producer should know about the selection (an item left out) is added to `messages`."""
    which = name[len("reaper-"):] if name.startswith("reaper-") else ""  # what Set pattern A / B saves as
    sel = read_selection(bridge, f"to set pattern {which} from" if which else "to make a pattern from")
    wins, _until = selection_windows(sel, "pattern from")
    if messages is not None:
        messages.extend(sel.messages)
    i = int(np.argmax(wins.note_counts > 0))
    # in the model's 4/4 frame, as a pattern file's and a part's windows are: a waltz read as 8 quarter notes
    # spread over 2 2/3 of its bars and steered a part off its bar lines
    meters = None if wins.meters is None else wins.meters[i:i + 1]
    groove = loop_frame(wins.grooves[i:i + 1], meters)[0]
    low = wins.bass
    bass = loop_frame(low[i:i + 1], meters)[0] if low is not None and low[i, :, 0].any() else None  # its low register
    # a drum item's own drums, as a drum file's pattern keeps them (it had kept only their rhythm)
    loop = drum_loop(sel.content.notes, wins.starts[i:i + 1], None if meters is None else meters[0])
    return Pattern(name, groove, loop, f"REAPER selection, bar {int(wins.bars[i]) + wins.bar_shift}", bass)


__all__ = ["drumify_selection", "pattern_from_selection", "read_selection",
           "kept_note", "sections_of", "selection_windows", "settings_label", "variations_of_selection"]
