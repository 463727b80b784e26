"""Band notes too soft to hear: a sequencer's or a game tracker's notes struck at MIDI velocity 1-8 among a band
playing at 60-127 sound to nobody, yet read as notes they are the band playing. freedoom's d_dm19 stops its bass
after beat 2 of bars 48 and 72 while its pad strikes chords at velocity 3-4 on beat 3: its drummer stops on beat 3
and crashes on 49 and 73, where ReaGroove, hearing the pad, had filled through 48 and grooved on through 72. Read as
the band sounds, the bass breaks off there: a fill into the next bar and a crash on it. A part's soft notes in a bar
where it strikes louder ones are its dynamics and stay (d_e4m3's crescendo from velocity 2: left out, its first notes
had tipped a texture change over its threshold, 3 sections where its drummer plays on).

A drum part's soft notes are played (ghost notes): only notes off the drum channel are left out. Audio has none of
these: its onsets are what was heard, a soft one too."""

from __future__ import annotations

import numpy as np

from .constants import DRUM_CHANNEL
from .end_marker import end_marker_beat, without_end_marker
from .low_register import low_register
from .loop import STEPS_PER_BEAT
from .midi import MidiContent, Notes
from .wording import bars_listed, counted

# a note this soft (MIDI velocity) is not heard over a band: a GM synth plays velocity 8 some 36 dB under a
# mezzo-forte note (its curve: 40 log10 of velocity), under the band's own decays. 8, not end_marker's 16: a
# pianissimo fade-out plays at 12-16 and is music (freedoom, 15 songs with band notes at 8 or softer: at 8 and 12
# the form changes in d_dm19, +73, and d_dm2int, -59, as their drummers play; at 16 d_e1m9 loses 9, crashed)
INAUDIBLE = 8
# ... and this much softer than the band's median note at most: a file exported at velocity 1-8 throughout (a
# DAW's velocity-off export) has no note softer than the others, and every note is the music
INAUDIBLE_SHARE = 0.25


def inaudible_limit(notes: Notes) -> float:
    """The velocity at or under which a band note among `notes` (all of a file's) is heard by nobody: INAUDIBLE, or
    INAUDIBLE_SHARE of the band's median velocity where that is softer (0: the file has no band notes)."""
    band = notes.channel != DRUM_CHANNEL
    return min(INAUDIBLE, INAUDIBLE_SHARE * float(np.median(notes.velocity[band]))) if band.any() else 0.0


def unheard(notes: Notes, time_signatures, among: Notes | None = None) -> np.ndarray:
    """(n,) bool: the band notes of `notes` nobody hears, judged among `among` (all of a MIDI file's notes; None:
    `notes`): at `inaudible_limit` or softer, in a bar where their part strikes nothing louder. A part's soft notes
    among its own heard ones in a bar are its dynamics (a crescendo's first notes, an echo's tail), kept as written:
    the rule is for a part sounding nothing where it strikes."""
    among = notes if among is None else among
    limit = inaudible_limit(among)
    soft = (notes.channel != DRUM_CHANNEL) & (notes.velocity <= limit)
    if not soft.any():
        return soft
    from .groove import bar_grid  # (groove reads its notes through this module)

    lines = bar_grid(time_signatures, float(among.start.max())).lines
    key = lambda n: n.parts() * (len(lines) + 1) + np.searchsorted(lines, n.start + 1e-6, side="right")  # noqa: E731
    return soft & ~np.isin(key(notes), key(among)[among.velocity > limit])


def heard(notes: Notes, *, audio: bool = False) -> Notes:
    """`notes` (all of a MIDI file's) without any band note at `inaudible_limit` or softer, for where the song ends
    (a note nobody hears ends no song; the soft notes `unheard` keeps share a bar with a heard one, which the music
    read runs to); audio's: all."""
    return notes if audio else notes.select((notes.channel == DRUM_CHANNEL) | (notes.velocity > inaudible_limit(notes)))


def heard_notes(content: MidiContent) -> Notes:
    """`content`'s notes as its windows hear the music (groove.extract_windows): without its end marker and, of a MIDI
    file's, without the band notes nobody hears (`unheard`), for every reader of where the music starts and ends. A
    pad at velocity 4 in bars 1-2 of a band coming in on bar 3 had started the phrase count on bar 1 (fills in bar
    4, crashes on 5, 9, 13) where the same band after 2 silent bars fills into 7, 11, 15, as its drums come in."""
    if getattr(content, "bass_part", None) is not None:
        return content.notes  # (audio's onsets are heard, a soft last one too: extract_windows reads them all)
    notes = without_end_marker(content.notes, end_marker_beat(content.notes))
    return notes.select(~unheard(notes, content.time_signatures))


def audible_notes(content: MidiContent, marker: float | None, bars: tuple[int, int | None] | None = None,
                  ruler: int | None = None) -> tuple[Notes, Notes, list[str]]:
    """A file's notes and its low register's (low_register.py), its end marker at `marker` left out (end_marker.py),
    and of a MIDI file's, the band notes nobody hears too (`unheard`, judged over the whole file), with a line
    saying how many were left out and in which bars (as extract_windows' `bars` and `ruler` say them: none in
    `bars`, no line). Audio's are as read."""
    notes, low = (without_end_marker(n, marker) for n in (content.notes, low_register(content)))
    if getattr(content, "bass_part", None) is not None or not (soft := unheard(notes, content.time_signatures)).any():
        return notes, low, []
    return notes.select(~soft), low.select(~unheard(low, content.time_signatures, notes)), \
        soft_said(content, notes.select(soft), bars, ruler)


def soft_said(content: MidiContent, soft: Notes, bars: tuple[int, int | None] | None, ruler: int | None) -> list[str]:
    """The line saying the `soft` notes left out, those in `bars` (None: all), named by bar as the ruler numbers
    them: "18 band notes at velocity 4 or softer" had named none of d_dm19's bars 48, 72 and 88, and `--bars 1-8`
    said it of bars holding none."""
    from .groove import bar_grid

    grid = bar_grid(content.time_signatures, max(content.end_beat, float(soft.start.max())))  # (extract_windows')
    # each note's bar, one half a 16th early the next bar's (as the windows count it)
    at = np.array([grid.bar_number(b) for b in np.round(soft.start * STEPS_PER_BEAT) / STEPS_PER_BEAT], int)
    inside = np.ones(len(at), bool) if bars is None else (at >= bars[0]) & (bars[1] is None or at <= bars[1])
    if not inside.any():
        return []
    shift = grid.ruler_shift(ruler)
    return [f"{counted(int(inside.sum()), 'band note')} at velocity {int(soft.velocity[inside].max())} or softer in "
            f"{bars_listed(sorted({int(b) + shift for b in at[inside]}))}: too soft to hear over the band, read as "
            "silence"]


__all__ = ["INAUDIBLE", "INAUDIBLE_SHARE", "audible_notes", "heard", "heard_notes", "inaudible_limit", "soft_said",
           "unheard"]
