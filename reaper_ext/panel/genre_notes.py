"""What asking for a genre plays beyond the network's draw (core/idioms.py, clave.py, comping.py), in the words of
the genre controls' tooltips, the editor's and the dock's: a producer asking for latin had no way to learn it
plays a clave, nor that the dice change its right hand. Plain text: the dock imports it without Qt."""

from __future__ import annotations

from reagroove.core.genres import GENRE_LABELS

# the rules play where the genre has half the mix or more (clave.LATIN_LEADS, idioms.JAZZ_LEADS, DISCO_LEADS); no
# "%" in the words: the dock's ImGui reads some of its texts as formats
LEADS = "at half the mix or more"
GENRE_NOTES = {
    # "can": a take's right hand is its seed's (clave.right_hand): the draw's own, the cascara, or the other cymbal
    "latin": "in 4/4 the son clave on the snare (a cross-stick with a drum map) and a tumbao kick, a new seed "
             "(dice) can change the right hand (the hats, the ride or the cascara); in 3/4 and 6/8 the 6/8 bell "
             "on the ride",
    "jazz": "the time on the ride, the hat foot on 2 and 4, the snare comping quietly where the part rests "
            "(no rock backbeat)",
    "disco": "four on the floor, in half time too",
    "reggae": "in half time, the one drop (the kick with the rim on 3)",
}
DICE_NOTE = "with Latin in 4/4, it can change the right hand (hats, ride or cascara)"


def genre_note(genre: str) -> str:
    """What the genre plays by rule, where it leads the mix ("" for a genre the network plays alone)."""
    note = GENRE_NOTES.get(genre)
    return f"{LEADS}: {note}" if note else ""


def with_note(text: str, genre: str) -> str:
    """A genre control's tooltip `text` and, for a genre with rules, what it plays ("Latin: weight...; at half the mix...")."""
    note = genre_note(genre)
    return f"{text}; {note}" if note else text


def pattern_label(name: str) -> str:
    """A pattern as the genre controls name its genre: the built-in prototypes are named by their genre's key
    ("hiphop", "latin"), shown raw beside the genre box's "Hip-Hop/R&B/Soul" and "Latin"; a pattern you saved keeps
    the name you gave it."""
    return GENRE_LABELS.get(name, name)
