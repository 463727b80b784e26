"""What a live session says when the drum-part network takes over (every recent note on MIDI channel 10) and when it
hands back: a keyboard or bass left on channel 10 had its riff drummed as pads (a snare on 1, toms, no kick) and was
told only the tempo the drums came in at. drumify says the same of a file (drum_parts.drum_part_said)."""

from __future__ import annotations

DRUM_PART_SAID = ("the input is a drum part (MIDI channel 10): the drum-part model plays it "
                  "(a keyboard or bass? set your keyboard to another channel)")
BAND_PART_SAID = "the input is a band part again (not on MIDI channel 10): the band model plays it"


def drum_part_line(said: bool, drum_part: bool, drums: bool) -> tuple[bool, str | None]:
    """(whether the drum part is said now, the line to say or None) for a loop the session made (drums: it has
    notes) while its performance was (drum_part) or was not a drum part, the drum part said before or not (said).
    A loop without drums says nothing: the line comes with the drums the network plays."""
    if not drums or drum_part == said:
        return said, None
    return drum_part, DRUM_PART_SAID if drum_part else BAND_PART_SAID


__all__ = ["BAND_PART_SAID", "DRUM_PART_SAID", "drum_part_line"]
