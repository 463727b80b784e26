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
