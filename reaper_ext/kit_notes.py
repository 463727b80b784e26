"""What Drumify, Variations and live follow say of the instrument on the tracks they write (track_kit.py, inside
REAPER, finds it and copies the drum track's kit onto variation tracks): MIDI on a track with no instrument plays
nothing, and a new user pressing play heard silence with nothing said why. These lines are of the tracks, not of
the part the drums follow: the actions return them as "kit_notes", said after the part's "messages" (the summary's
notes, the docked panel's report).
"""

from __future__ import annotations

from reagroove.core.drummap import GM_DRUM_MAP, DrumMap

from .reaper_names import DRUMS_TRACK_NAME

VARIATIONS_WITHOUT_KIT = ("the variation tracks have no instrument: put your kit on the drum track and press "
                          "Variations again (its kit is copied onto each), or put one on each variation track")
# how a drum map is given (no panel sets one: the drum track keeps the map a run is given); in the panels' words,
# without the option (panel/note_words.py)
GIVE_MAP = "with `reagroove reaper drumify --drum-map FILE`"
# no drum track to copy a kit from (none yet, or it was undone): there is none to put one on
VARIATIONS_WITHOUT_DRUM_TRACK = ("the variation tracks have no instrument, and there is no drum track to copy one "
                                 "from: put your kit on a variation track, or Drumify first, put your kit on its "
                                 "drum track and press Variations again")


def _plays(drum_map: DrumMap) -> str:
    if drum_map is GM_DRUM_MAP:
        # no panel sets a map: given once to a run from a terminal, the drum track keeps it ("or give a drum map"
        # named nothing an action user could give one with)
        return ("it plays General MIDI drum notes (choose your plugin's General MIDI map; for another kit's notes, "
                f"give a drum map once {GIVE_MAP}: the track keeps it)")
    return f"it plays the notes of your drum map '{drum_map.name}'"


def new_drum_track_note(result: dict, drum_map: DrumMap, track: str = DRUMS_TRACK_NAME) -> list[str]:
    """Drumify's line, once (the run that made the drum track), when that track has no instrument."""
    if not result.get("created") or result.get("instrument", True):
        return []
    return [f"the new drum track has no instrument yet, so its drums are silent; put your drum plugin on the "
            f"'{track}' track: {_plays(drum_map)}"]


def live_drum_track_line(drum_map: DrumMap, track: str = DRUMS_TRACK_NAME) -> str:
    """Live follow's console line for a drum track it made with no instrument (REAPER's side says it, once)."""
    return (f"ReaGroove: live follow made the '{track}' track, which has no instrument yet, so its drums are silent; "
            f"put your drum plugin on the '{track}' track: {_plays(drum_map)}")


def variations_kit_note(result: dict) -> list[str]:
    """Variations' line on the kit: copied onto each new track (each copy runs, so the ones not kept are best
    deleted), or none to copy. Nothing from a REAPER side that copies no kit (no "kit" in its result)."""
    tracks = len(result.get("tracks") or ())
    if "kit" not in result or not tracks:
        return []
    if not result["kit"]:  # "kit_from": the drum track's name, "" with none (track_kit.copy_kit)
        return [VARIATIONS_WITHOUT_KIT if result.get("kit_from", True) else VARIATIONS_WITHOUT_DRUM_TRACK]
    each = "each variation track plays" if tracks > 1 else "the variation track plays"
    return [f"{each} a copy of the drum track's kit '{result['kit']}': {tracks} more instance"
            f"{'s' if tracks > 1 else ''} run, muted too unless REAPER's 'Do not process muted tracks' preference is "
            "on; delete the variations you do not use"]


__all__ = ["VARIATIONS_WITHOUT_DRUM_TRACK", "VARIATIONS_WITHOUT_KIT", "live_drum_track_line", "new_drum_track_note",
           "variations_kit_note"]
