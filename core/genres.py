"""The 9 genres of ReaGroove's genre control, and how the Groove MIDI Dataset's 18 styles map onto them.

The genres are those of the GrooveTransformer work (reference.md). GMD labels
each performance with a style ("funk/groove3" -> "funk"); the mapping follows
what a drummer would call the feel:

- afrobeat, highlife -> afro (West African grooves); middleeastern -> afro
  (one file; a hand-drum feel closer to these than to any other genre)
- afrocuban, latin -> latin (clave-based)
- dance -> disco (four on the floor)
- funk, neworleans -> funk (New Orleans second line is funk's parent)
- hiphop, soul, gospel -> hiphop (the Hip-Hop/R&B/Soul genre)
- jazz, blues -> jazz (GMD's blues files are shuffles, swung like jazz)
- pop -> pop
- reggae -> reggae
- rock, punk, country -> rock (straight backbeat)
"""

from __future__ import annotations

GENRES = ("afro", "disco", "funk", "hiphop", "jazz", "latin", "pop", "reggae", "rock")
GENRE_LABELS = {
    "afro": "Afro",
    "disco": "Disco",
    "funk": "Funk",
    "hiphop": "Hip-Hop/R&B/Soul",
    "jazz": "Jazz",
    "latin": "Latin",
    "pop": "Pop",
    "reggae": "Reggae",
    "rock": "Rock",
}
N_GENRES = len(GENRES)


def mix_said(genre: dict[str, float]) -> str | None:
    """A genre mix as the panels name it: 'Jazz', or 'Funk 70% / Rock 30%' (None: no genre). Live's first line and
    REAPER's undo points say it so."""
    weights = {g: w for g, w in genre.items() if w > 0}
    if not weights:
        return None
    if len(weights) == 1:
        return GENRE_LABELS.get(next(iter(weights)), next(iter(weights)))
    total = sum(weights.values())
    return " / ".join(f"{GENRE_LABELS.get(g, g)} {100 * w / total:.0f}%"
                      for g, w in sorted(weights.items(), key=lambda gw: -gw[1]))

STYLE_TO_GENRE = {
    "afrobeat": "afro",
    "highlife": "afro",
    "middleeastern": "afro",
    "afrocuban": "latin",
    "latin": "latin",
    "dance": "disco",
    "funk": "funk",
    "neworleans": "funk",
    "hiphop": "hiphop",
    "soul": "hiphop",
    "gospel": "hiphop",
    "jazz": "jazz",
    "blues": "jazz",
    "pop": "pop",
    "reggae": "reggae",
    "rock": "rock",
    "punk": "rock",
    "country": "rock",
}
GMD_STYLES = tuple(sorted(STYLE_TO_GENRE))
# what a producer types for a genre ReaGroove plays under another name, or best another way (a blues shuffle asked as
# jazz had lost its backbeat: GMD's blues drummers are filed under jazz, whose ride plays none)
ASKED_AS = {"blues": "; for a shuffle with its backbeat, ask for no genre over a swung part, or --genre rock --swing 66",
            "rnb": ": R&B is played by 'hiphop'", "r&b": ": R&B is played by 'hiphop'",
            "house": ": house is played by 'disco'", "techno": ": four on the floor is played by 'disco'",
            "metal": ": metal is played by 'rock'",
            "shuffle": ": a shuffle is played with no genre over a swung part, or with --swing 66"}


def style_hint(name: str) -> str | None:
    """What an unknown genre name is played as: a GMD style's genre ('punk' is rock), or ASKED_AS; None: neither."""
    said = f": GMD's {name} drummers are in '{STYLE_TO_GENRE[name]}'" if name in STYLE_TO_GENRE else ""
    hint = ASKED_AS.get(name, "")
    return said + hint if said or hint else None
