"""What drumify tells the producer of a part's form: the sections it heard (a quiet intro, comebacks, the band
changing what it plays, how loud it plays or which parts play, parts swapped for others, the music changing meter
or tempo), a phrase's fill left out of the song's last bar, where a fill every N bars counts its phrases again (from
sections, after an odd bar), and where the band stops dead or ends. The form is phrases.part_sections' and
stops.band_stops'; the engine adds these lines to its notes. The lines of sections and of fills moved carry what they
name (SectionsLine, FillsMovedLine), so a range of bars (--bars, a REAPER time selection: bar_range.range_of) is told
them in these words for its own bars (range_sections_said.py), never by reading the wording back."""

from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

from .end_marker import end_marker_beat, without_end_marker
from .groove import RESTS_KEPT, bar_grid
from .inaudible_notes import heard_notes
from .intro_figure import LAID_OUT_WHY, intro_said
from .intro_reading import intro_bars
from .phrases import PartSections, phrase_start_of
from .range_sections_said import RangeLine
from .sections import marker_sections, section_bars_at
from .stops import Stop
from .wording import counted

INTRO_SAID = "the part opens with a quiet intro"  # (then its bars: a drummer's review found "softer" named none)
SPARSER = "fewer notes or parts than the band after it"  # (what sections.opens_quietly measures: not its level)
# the drums laying out through it (intro_figure.laid_out_intro), said in the intro's line (not a line of its own)
LAID_OUT = f"the bass comes in with the band, so the drums lay out through the intro, {LAID_OUT_WHY}, and come in " \
    "with the band"


def _span(bars: tuple[int, int], shown: Callable[[int], int]) -> str:
    return f"bar {shown(bars[0])}" if bars[0] == bars[1] else f"bars {shown(bars[0])}-{shown(bars[1])}"


def _bars(bars: Sequence[int], shown: Callable[[int], int]) -> str:
    return f"bar{'s' if len(bars) > 1 else ''} {', '.join(str(shown(b)) for b in bars)}"


NEW_SECTION = "starts a new section (a fill into it, a crash on it)"
# how a line of sections lists them after its head ("the band plays louder from bar 5, then softer from bar 9")
_LISTED = {"level": "the band plays ", "layer": "parts of the band ", "joins": "", "swaps": "the band swaps parts in "}


def _sections_listed(style: str, items: Sequence[tuple]) -> str:
    """A line of sections' head and list (SectionsLine: its style and items), without what they start."""
    words = [w for _, w, _ in items]
    if style == "heard":
        return f"the band changes what it plays in bar{'s' if len(words) > 1 else ''} {', '.join(words)}"
    if style == "changes":  # (the kinds those listed change: a meter change left out is no "meter and tempo change")
        found = {k for _, _, kinds in items for k in kinds}
        kinds = " and ".join(k for k in ("meter", "tempo") if k in found)
        return f"the {kinds} change{'' if ' and ' in kinds else 's'} ({', '.join(words)})"
    return _LISTED[style] + ", then ".join(words)


class SectionsLine(RangeLine):
    """The line of sections the band starts, each with a fill into it and a crash on it: `style` how it lists them
    (heard, level, layer, joins, swaps, changes), `items` each section's (bar as said, its words, what changes there:
    "meter", "tempo"). A range is told those it plays, and one on the bar after it as its last bar's fill (its crash
    is not drummed): a time selection over bars 3-4 had been told of crashes on bars 5 and 9."""

    style: str
    items: tuple

    def __new__(cls, style: str, items: Sequence[tuple]):
        items = tuple(items)
        line = super().__new__(cls, f"{_sections_listed(style, items)}: {'each' if len(items) > 1 else 'it'} "
                                    + NEW_SECTION)
        line.style, line.items = style, items
        return line

    def __reduce__(self):  # (copied or pickled as what it names)
        return type(self), (self.style, self.items)

    def in_bars(self, first: int, last: int) -> list[str]:
        inside = [i for i in self.items if first < i[0] <= last]
        opens = [i for i in self.items if i[0] == first]  # (its fill is the bar before the range: not drummed)
        into = [i for i in self.items if i[0] == last + 1]
        # (in bar order: the range's first bar, those inside, the bar after)
        out = [f"{_sections_listed(self.style, opens)}: it starts a new section (a crash on it)"] if opens else []
        out += [SectionsLine(self.style, inside)] if inside else []
        return out + ([f"{_sections_listed(self.style, into)}: it starts a new section (bar {last} fills into it)"]
                      if into else [])


def _few(bars: Sequence[int]) -> str:
    """The first four bars: a long song's list said whole ran to two lines."""
    return ", ".join(map(str, bars[:4])) + (", ..." if len(bars) > 4 else "")


class FillsMovedLine(RangeLine):
    """The line of fill_every's fills moved off its plain count (PartSections.moved_fills): the bars where it counts
    again (`counted`), the plain count's fill bars left without one (`missed`) and those the fills end instead
    (`moved`), as said (the ruler's). A range is told its own bars of them, or nothing where it holds none: a time
    selection over bars 3-4 had read "none in bars 3, 5, 7, 9; fills also end bars 4, 6, 8, 10"."""

    def __new__(cls, every: int, counted: str, missed: Sequence[int], moved: Sequence[int], ranged: bool = False):
        missed, moved = tuple(missed), tuple(moved)
        # what moved, beside the fills on the plain count (a list of those alone read as every fill the song has);
        # ranged: said to a range's bars, where a plain count with none of them reads "fills find no phrase end there"
        ends = ("a fill also ends bar " if len(moved) == 1 else "fills also end bars ") + _few(moved) if moved else \
            "fills find no phrase end there"
        none = f"none in bar{'s' if len(missed) > 1 else ''} {_few(missed)}; " if missed or not ranged else ""
        line = super().__new__(cls, f"a fill every {every} bars counts its phrases again {counted}: {none}{ends}")
        line.every, line.counted, line.missed, line.moved, line.ranged = every, counted, missed, moved, ranged
        return line

    def __reduce__(self):
        return type(self), (self.every, self.counted, self.missed, self.moved, self.ranged)

    def in_bars(self, first: int, last: int) -> list[str]:
        missed, moved = [b for b in self.missed if first <= b <= last], [b for b in self.moved if first <= b <= last]
        return [FillsMovedLine(self.every, self.counted, missed, moved, True)] if missed or moved else []


_AFTER = {1: "a 16th after", 2: "an 8th after", 3: "three 16ths after"}


def late_said(line: str, entry: tuple[int, int] | None) -> str:
    """A comeback's line where the band comes back after the bar's downbeat (PartSections.late_entries: its beat,
    16ths after it): the crash is said where it plays, with the band (the line's head, "comes back in bar N: ", is
    kept: the selection's wording and --bars read it)."""
    if entry is None:
        return line
    beat, after = entry
    where = f"on beat {beat}" if not after else f"{_AFTER.get(after, f'{after} 16ths after')} beat {beat}"
    return line.replace("a crash on it", f"a crash {where}, where it comes in")


def changes_said(form: PartSections, shown: Callable[[int], int]) -> list[str]:
    """One line for the bars where the meter or the tempo changes (each starts a section)."""
    changes = sorted({*form.meter_changes, *form.tempo_changes})
    if not changes:
        return []

    def what(bar: int) -> str:
        said = []
        if bar in form.meter_changes:
            meter = form.meter_changes[bar]
            said.append("to {}/{}".format(*meter) if len(meter) == 2 else "to {}/{} grouped {}".format(*meter))
        if bar in form.tempo_changes:
            said.append("from {:.0f} to {:.0f} BPM".format(*form.tempo_changes[bar]))
        return f"{' and '.join(said)} in bar {shown(bar)}"

    def kinds(bar: int) -> tuple[str, ...]:
        return tuple(k for k, found in (("meter", form.meter_changes), ("tempo", form.tempo_changes)) if bar in found)

    return [SectionsLine("changes", [(shown(b), what(b), kinds(b)) for b in changes])]


def form_notes(form: PartSections, stops: Sequence[Stop], shown: Callable[[int], int], *,
               kit_rests: bool = False, softer: bool = True, first_bar: int | None = None,
               laid_out: bool = False) -> list[str]:
    """The lines drumify says of a part's form; shown: a bar as the producer sees it numbered (REAPER's ruler);
    kit_rests: the part is a drum part played from its own loops (groove.Windows.kit), whose rests the drums keep;
    softer: the intro's drums are played softer (a band part's: played_part.PlayedPart.softer); first_bar: the part's
    first bar (its first window's), which a quiet intro is said from (None: not known, the intro said up to its last
    bar); laid_out: the drums lay out through the intro (intro_figure.laid_out_intro), said in the intro's line.

    The band's entry after an intro is said once, in the intro's line (a ballad's entry on bar 5 had been said three
    times: the intro's crash there, the band changing what it plays, the drums laying out until it). The intro is
    called quiet for fewer notes or parts than the band plays after it (sections.opens_quietly,
    lone_part_intro.py), not for its level: its line says so (a review had read "quiet" as softer, over a piano
    playing as loud as after it)."""
    outro = _outro_bar(stops)
    if outro is not None:  # the drums lay out from a bassless outro's hit: no section of it is played (said)
        form = _form_before(form, outro)
    # its bars (a drummer's review: "softer" where, for how long?): from the part's first bar where the caller knows
    # it, else up to the band's entrance (a part whose first window is bar 5 would have read "bars 1-12")
    bars = intro_bars(form.section_bars, 1 if first_bar is None else first_bar)
    where = "" if bars is None else f" up to bar {shown(bars[1])}" if first_bar is None else f" in {_span(bars, shown)}"
    entry = None if bars is None else bars[1] + 1
    # the line of sections naming the entry alone is left to this one (one listing later sections too keeps it: the
    # form's sections read in one line)
    said_entry = bool(form.intro) and list(form.heard) == [entry]
    at = "" if bars is None else f" (bar {shown(entry)})"
    intro = f"{INTRO_SAID}{where}: {SPARSER}; " + \
        (f"{LAID_OUT}{at}: {'a fill into it, ' if said_entry else ''}a crash on it" if laid_out else
         f"no crash on its first bar, one where the band comes in{at}{', a fill into it' if said_entry else ''}")
    # fill bars listed inside an intro the drums lay out in (not played softer) play there all the same
    # (intro_figure.lay_out): said, the lay-out's line naming none (they had been dropped without a word)
    asked = [b for b in form.intro_fills if bars is not None and bars[0] <= b < bars[1]] if not softer else []
    if asked:
        intro += (f"; the fill{'s' if len(asked) > 1 else ''} asked in {_bars(asked, shown)} "
                  f"play{'' if len(asked) > 1 else 's'} in it all the same, with the crash after")
    notes = [intro + ("; the drums play it softer" if softer else "")] * form.intro
    notes += [] if form.intro or not laid_out else intro_said(np.ones(1))  # (no intro line to say it in)
    # the rest said with what the drums play in it: they keep time there, alone (QA read a silent stretch's drums
    # as a mistake, the note having named only the comeback); a rest ending the intro (the band comes back on its
    # entry) is the intro's: where the drums do not play it softer they lay out there (intro_figure.py, said after
    # these), and d_dm25 had said both "keep time alone" and "lay out"
    alone = "rest with it" if kit_rests else "keep time alone"

    def rest_said(b: int, r: int) -> str:
        intro_rest = form.intro and bars is not None and b == bars[1] + 1 and not softer and not kit_rests
        drums = "" if intro_rest else f", where the drums {alone},"
        return f"the music rests in bars {shown(b - r)}-{shown(b - 1)}{drums} and comes back in bar {shown(b)}: " \
            "a fill into it, a crash on it"

    notes += [late_said(rest_said(b, r) if r > 1 else
              f"the band breaks for bar {shown(b - 1)} and comes back in bar {shown(b)}: a fill into it, a crash on it"
              if r else f"the bass breaks off after the first half of bar {shown(b - 1)} (the band plays on) and comes "
              f"back in bar {shown(b)}: a fill into it, a crash on it" if b in form.bass_breaks else
              f"the band plays no new note after the first half of bar {shown(b - 1)} and comes back in bar "
              f"{shown(b)}: a fill into it, a crash on it", (form.late_entries or {}).get(b))
              for b, r in form.back.items() if b not in {s.back_bar for s in stops}]  # a stop's says it
    # each line of sections carries what it names (SectionsLine), so a range of bars is told its own of them
    heard = [b for b in form.heard if not (said_entry and b == entry)]
    if heard:
        notes.append(SectionsLine("heard", [(shown(b), str(shown(b)), ()) for b in heard]))
    if form.level_changes:
        notes.append(SectionsLine("level", [(shown(b), f"{'louder' if jump > 0 else 'softer'} from bar {shown(b)}", ())
                                            for b, jump in sorted(form.level_changes.items())]))
    if form.layer_changes:
        said = [f"{'join' if after > before else 'leave'} in bar {shown(b)} ({counted(before, 'part')} to {after})"
                for b, (before, after) in sorted(form.layer_changes.items())]
        notes.append(SectionsLine("layer", [(shown(b), w, ()) for b, w in zip(sorted(form.layer_changes), said)]))
    # parts joining and none leaving are no swap (d_map14's bar 9 had been said "0 parts out, 3 parts in"): said as
    # parts joining the band; parts leaving and none joining: the parts staying change their figures
    # (part_swap_sections.py)
    joins = {b: joined for b, (left, joined) in form.part_swaps.items() if not left} if form.part_swaps else {}
    if joins:
        said = [f"{counted(joined, 'new part')} join{'s' if joined == 1 else ''} the band in bar {shown(b)}"
                for b, joined in sorted(joins.items())]
        notes.append(SectionsLine("joins", [(shown(b), w, ()) for b, w in zip(sorted(joins), said)]))
    if form.part_swaps and len(joins) < len(form.part_swaps):
        swaps = {b: swap for b, swap in sorted(form.part_swaps.items()) if b not in joins}
        said = [f"bar {shown(b)} ({counted(left, 'part')} out, "
                + (f"{counted(joined, 'part')} in)" if joined else "the rest on new figures)")
                for b, (left, joined) in swaps.items()]
        notes.append(SectionsLine("swaps", [(shown(b), w, ()) for b, w in zip(swaps, said)]))
    notes += changes_said(form, shown)
    if form.last_fill_left_out is not None:
        notes.append(f"bar {shown(form.last_fill_left_out)} ends the song: no fill there, as no phrase follows to "
                     "fill into (list it as a fill bar for one)")
    notes += _stops_said(_stop_runs(stops), outro, shown)
    if form.moved_fills is not None:
        every, moved, missed = form.moved_fills
        notes.append(FillsMovedLine(every, _counted_from(form, stops, shown), [shown(b) for b in missed],
                                    [shown(b) for b in moved]))
    return notes


def rests_said_once(messages: Sequence[str], form: PartSections, shown: Callable[[int], int]) -> list[str]:
    """The windows' messages less their line of bars with no notes (groove.extract_windows) where every rest it
    lists is a comeback the form says with what the drums play there (keep time; rest with a drum part's kit or a
    band's stop): the producer had read the same bars twice, and for a stop or a kit's rest the first was wrong."""
    said = {(shown(b - r), shown(b - 1)) for b, r in form.back.items() if r}

    def twice(m: str) -> bool:
        ranges = re.findall(r"(-?\d+)-(-?\d+)", m[:-len(RESTS_KEPT)]) if m.endswith(" have no notes" + RESTS_KEPT) else []
        return bool(ranges) and all((int(lo), int(hi)) in said for lo, hi in ranges)
    return [m for m in messages if not twice(m)]


def _counted_from(form: PartSections, stops: Sequence[Stop], shown: Callable[[int], int]) -> str:
    """Where fill_every's phrases count again: from each section, the song's last hit (a section of its own:
    "each section the band starts" had been said of a song whose only one was its end), and after an odd bar
    (its 2/4 bar in bar 9)."""
    odd = [f"after the {m[0]}/{m[1]} bar{'s' if n > 1 else ''} in {_bars(range(b - n, b), shown)}"
           for b, (n, m) in sorted((form.odd_bar_phrases or {}).items())]
    ends = {s.bar for s in stops if s.back is None}
    sections = ["from each section the band starts"] if set(form.section_bars) - ends else []
    sections += [f"into the song's last hit in bar {shown(b)}" for b in sorted(ends & set(form.section_bars))]
    return " and ".join([", ".join(sections or ["from each section the band starts"])] if not odd else
                        sections + [", ".join(odd)])


def _stop_runs(stops: Sequence[Stop]) -> list[list[Stop]]:
    """The stops in runs: a stop the band "comes back" from on another stab is one run with it."""
    runs: list[list[Stop]] = []
    for s in stops:
        if runs and runs[-1][-1].back_bar == s.bar:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _outro_bar(stops: Sequence[Stop]) -> int | None:
    """The bar of a bassless outro's hit (thinned_outro.py: a lone held stop with no comeback), the drums laid out
    after it; None without one."""
    return next((run[0].bar for run in _stop_runs(stops) if len(run) == 1 and run[0].held and run[0].back is None),
                None)


def _form_before(form: PartSections, outro: int) -> PartSections:
    """The form with the sections the band starts after the outro's hit left out: the drums lay out there, so a
    "new section (a fill into it, a crash on it)" line for them told the producer of drums that are not played."""
    def before(bars):
        if bars is None:
            return None
        if isinstance(bars, dict):
            return {b: v for b, v in bars.items() if b <= outro}
        return [b for b in bars if b <= outro]
    return form._replace(heard=before(form.heard), level_changes=before(form.level_changes),
                         layer_changes=before(form.layer_changes), part_swaps=before(form.part_swaps),
                         back=before(form.back))


def _stops_said(runs: Sequence[Sequence[Stop]], outro: int | None, shown: Callable[[int], int]) -> list[str]:
    """One line a run of stops; the song's last chord after a bassless outro said with the outro: the drums, laid
    out since its hit, come back for one hit on that chord with no fill into it (said as "they fill into it"
    and "lay out to the end", both wrong)."""
    said, last_chord = [], None
    for run in runs:
        if outro is not None and run[0].bar > outro and run[-1].back is None:
            last_chord = run[-1].bar - 1 if run[-1].mid_bar else run[-1].bar
        else:
            said.append(_stop_said(run, shown))
    if last_chord is not None:
        said = [f"the bass leaves on bar {shown(outro)} and the band plays on without it: the drums end there with "
                f"a kick and a crash and lay out, the cymbal ringing, until the song's last chord in bar "
                f"{shown(last_chord)}, where they come back for one hit on it (no fill into it)"
                if line.startswith(f"the bass leaves on bar {shown(outro)} ") else line for line in said]
    return said


def _stop_said(run: Sequence[Stop], shown: Callable[[int], int]) -> str:
    last = run[-1]
    if last.pushed and last.back is not None:
        return f"the band pushes into bar {shown(last.bar)} on the \"and\" of 4 of bar {shown(last.bar - 1)}: the " \
            "drums catch it with a kick and a crash there and leave the downbeat after it open"
    if last.held and len(run) == 3 and run[1].held:  # a short cut-off (outro.py), then the held chords' first and last
        return f"the band cuts off in bar {shown(run[0].bar)} and holds its chords from bar {shown(run[1].bar)} to the " \
            f"end: the drums hit the cut-off and the first chord with it, let the cymbal ring and end with one hit on " \
            f"the last chord in bar {shown(last.bar)}"
    if last.held and last.back is None and len(run) == 1:  # the bass leaving for good (thinned_outro.py)
        return f"the bass leaves on bar {shown(last.bar)} and the band plays on without it to the end: the drums " \
            "end there with a kick and a crash and lay out, the cymbal ringing"
    if last.held and len(run) > 1:
        return f"the band holds its chords from bar {shown(run[0].bar)} to the end: the drums hit the first with it, " \
            f"let the cymbal ring and end with one hit on the last chord in bar {shown(last.bar)}"
    if last.caught and last.unison:  # the band plays on after its chords: no rest, no comeback (unison_hits.py)
        where = f"bar {shown(last.bar)}" if run[0].bar == last.bar else f"bars {shown(run[0].bar)}-{shown(last.bar)}"
        return f"the band strikes {counted(len(run), 'chord')} together in {where}: the drums catch each with it " \
            f"(kick and crash on the first of a bar, then kick and snare) and play on from bar {shown(last.back_bar)}"
    if last.caught:
        return f"the band plays {'a short hit' if len(run) == 1 else f'{len(run)} short hits'} in bar " \
            f"{shown(last.bar)} and rests until bar {shown(last.back_bar)}: the drums catch " \
            f"{'it' if len(run) == 1 else 'each'} with the band and " + \
            ("rest until the comeback (a fill into it where one is due)" if last.lead is not None else
             "lay out until the comeback")  # no room for a fill: a laid-out break's roll or swell plays on there
    hits = f"the downbeat of bar {shown(run[0].bar)}" if len(run) == 1 else \
        f"the downbeats of bars {', '.join(str(shown(s.bar)) for s in run[:-1])} and {shown(last.bar)}"
    if last.back is None and last.mid_bar and last.figure:
        return f"the song ends on a short closing figure in bar {shown(last.bar - 1)}: the drums play up to its " \
            "last note and end with one hit on it"  # (up to beat 3: closing_figure.py; "the first half" was wrong)
    if last.back is None and last.mid_bar:
        return f"the song ends on one chord struck mid-bar {shown(last.bar - 1)} and held: the drums play up to it " \
            "and end with one hit on it"
    if last.back is None and last.figure and len(run) == 1:
        return f"the song ends on a short figure in the first half of bar {shown(last.bar)}: the drums fill into it " \
            "and end with one hit on its downbeat"
    if last.back is None:
        where = f"{'pushed into' if last.pushed else 'in'} bar {shown(last.bar)}"
        return f"the song ends on one chord {where}: the drums fill into it and end with one hit on it" \
            if len(run) == 1 else f"the band stops dead on {hits}, the last ending the song: the drums hit with " \
            "each, and fill into the last"
    return f"the band stops dead on {hits} and comes back in bar {shown(last.back_bar)}: the drums hit with " \
        f"{'it' if len(run) == 1 else 'each'}, rest, and fill into the comeback"


__all__ = ["FillsMovedLine", "SectionsLine", "form_notes", "changes_said", "rests_said_once"]


def markers_said(content, wins, bars: tuple[int, int | None] | None) -> list[int]:
    """The bars where the file's markers start sections (a fill before each, a crash on it), said in `wins.messages`
    where their fill is drummed: inside `bars` (None: the whole file), not a marker opening the bars."""
    marked, cues = marker_sections(section_bars_at(getattr(content, "markers", ()), content.time_signatures),
                                   "markers in the file")
    marked = within_music(marked, content)
    if cues:
        wins.messages.append(cues)
    opens = phrase_start_of(content, bars)  # the first bar drummed
    last = bars[1] if bars and bars[1] else float("inf")
    inner = [b for b in marked if opens < b <= last]  # one on the part's first bar opens it: no fill before it
    if inner:
        wins.messages.append(f"{counted(len(inner), 'section marker')} in the file: a fill before "
                             f"{'each section' if len(inner) > 1 else 'its section'}, a crash on its first beat")
    return marked


def within_music(marked: list[int], content) -> list[int]:
    """The marker bars that start within the music: one past its last note (freedoom's d_map14 marks "End" on
    the bar after it, where a game loops back) had the drums fill into a silent bar at the song's end."""
    # (past the last note heard: a pad nobody hears after the band is silence; an audio mix's end marker left out too)
    notes = without_end_marker(heard_notes(content), end_marker_beat(content.notes))
    if not marked or not len(notes):
        return marked
    grid = bar_grid(content.time_signatures, content.end_beat)
    last = float(np.max(notes.start))
    at = lambda b: grid.first_bar + b - 1  # noqa: E731  (the bar's line in the grid)
    return [b for b in marked if at(b) < len(grid.lines) and grid.lines[at(b)] <= last + 1e-6]
