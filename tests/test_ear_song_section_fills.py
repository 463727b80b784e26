"""A drummer reading a whole song: with a fill every few bars, the fill into each new section (a marker, or the band
changing what it plays) is the bigger one, more than the phrase fills inside the section it closes."""

import mido
import numpy as np
from conftest import save_tracks

from reagroove.core import read_midi
from reagroove.core.phrases import part_sections
from reagroove.core.settings import Settings

TPB = 480
ROOTS = (40, 45, 43, 38)
SNARE_AND_TOMS = [1, 4, 5, 6]  # the hit columns of snare, low, mid and high tom


def bass_keys_lead(section, b):
    """(beat in the bar, pitch, velocity, channel) of a pop band's bar b of a section: quiet held verse chords,
    a loud chorus of 8ths and stabs, a half-time bridge."""
    root = ROOTS[b % 4]
    chord = (root + 24, root + 28, root + 31)
    if section == "intro":
        return [(0.0, p, 55, 1) for p in chord]
    if section == "verse":
        return [(0.0, root, 70, 0), (2.0, root, 65, 0), (3.5, root, 62, 0), *((0.0, p, 55, 1) for p in chord),
                (0.5, root + 36, 70, 2), (2.5, root + 38, 70, 2)]
    if section == "bridge":
        return [(0.0, root - 2, 70, 0), *((t, p, 60, 1) for t in (0.0, 2.0) for p in chord)]
    return [*((t / 2, root + (12 if t % 4 == 3 else 0), 95, 0) for t in range(8)),
            *((t, p, 90, 1) for t in (0.0, 1.0, 1.5, 2.0, 3.0, 3.5) for p in chord),
            *((t, root + 40, 100, 2) for t in (0.0, 1.5, 2.5))]


def write_song(path, form, bpm=100, markers=True):
    """A band song of (section, bars) in order, each note an 8th long; markers naming each section or none."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)))]
    notes, bar = [], 0
    for section, length in form:
        if markers:
            meta.append((bar * 4 * TPB, mido.MetaMessage("marker", text=section)))
        for b in range(length):
            for beat, pitch, vel, chan in bass_keys_lead(section, b):
                on = round((bar + b + beat / 4) * 4 * TPB)
                notes += [(on, mido.Message("note_on", note=pitch, velocity=vel, channel=chan)),
                          (on + TPB // 2 - 10, mido.Message("note_off", note=pitch, velocity=0, channel=chan))]
        bar += length
    return save_tracks(path, [meta, notes])


def fill_strokes(loops, bars, bar):
    """Snare and tom strokes in the last half of a 4/4 bar (a half-bar fill's place) of loops on the real grid."""
    w = int(np.flatnonzero(bars <= bar)[-1])
    at = 16 * (bar - int(bars[w]))
    return int((loops[w, at + 8:at + 16, SNARE_AND_TOMS] > 0.5).sum())


def section_and_phrase_fills(loops, bars, sections, every, last):
    """(strokes of the fill into each section start, strokes of each fill_every phrase fill that leads into none),
    the phrase fills every `every` bars up to bar `last`."""
    into = [fill_strokes(loops, bars, s - 1) for s in sections]
    phrases = [fill_strokes(loops, bars, b) for b in range(every, last, every) if b + 1 not in sections]
    return into, phrases


POP = [("intro", 4), ("verse", 16), ("chorus", 8), ("verse", 16), ("chorus", 8), ("bridge", 8), ("chorus", 8)]


def test_the_fill_into_each_marked_section_is_bigger_than_the_phrase_fills_inside_it(shipped, tmp_path):
    # a 68-bar pop song with a marker on each section, a fill every 4 bars: the fills into its sections had been
    # about the size of those inside them (5.7 snare and tom strokes to 4.4; into verse 2: 4, that verse's own 7)
    song = read_midi(write_song(tmp_path / "pop.mid", POP))
    settings = Settings(fill_every=2, genre={"pop": 1.0})
    res = shipped.drumify(song, settings)
    sections = [s for s in res.section_bars if s > 1]
    assert sections == [5, 21, 29, 45, 53, 61]
    into, phrases = section_and_phrase_fills(res.loops, res.bars, sections, 4, 68)
    assert min(phrases) >= 2  # the phrase fills are still fills
    # a drummer's build into a section: two strokes more on average (the model's own fills: about one)
    assert np.mean(into) >= np.mean(phrases) + 2, (into, phrases)
    # every version of the part builds so too (REAPER's Variations, --variations)
    for version in shipped.variations_of(res, settings, 3)[1:]:
        into, phrases = section_and_phrase_fills(version, res.bars, sections, 4, 68)
        assert np.mean(into) >= np.mean(phrases) + 2, (into, phrases)


def test_the_fill_into_a_section_the_band_makes_without_markers_is_the_bigger_one(shipped, tmp_path):
    # loud choruses, then the band holding quiet chords for 8 bars, no markers, a fill every 8 bars: the fills into
    # the verse and back out of it had been 5 strokes each, as the choruses' own
    form = [("chorus", 8), ("chorus", 8), ("chorus", 8), ("chorus", 8), ("verse", 8), ("chorus", 8), ("chorus", 8)]
    song = read_midi(write_song(tmp_path / "rock.mid", form, bpm=130, markers=False))
    res = shipped.drumify(song, Settings(fill_every=4, genre={"rock": 1.0}))
    sections = [s for s in res.section_bars if s > 1]
    assert sections == [33, 41]
    into, phrases = section_and_phrase_fills(res.loops, res.bars, sections, 8, 56)
    assert min(into) > max(phrases), (into, phrases)


def test_only_where_phrase_fills_end_inside_sections_are_the_section_fills_marked_bigger():
    # without --fill-every every fill is a section's: each is drawn as before, none bigger than another
    bars = np.arange(1, 68, 2)
    grooves = np.zeros((len(bars), 32, 3))
    marked = [5, 21, 29, 45, 53, 61]
    plain = part_sections(Settings(), grooves, None, bars, None, marked, ())
    assert plain.plan.fills.sum() == 6 and plain.plan.into_section is None
    every = part_sections(Settings(fill_every=2), grooves, None, bars, None, marked, ())
    fills_into = sorted(int(bars[w]) + 1 for w in np.flatnonzero(every.plan.into_section))
    assert fills_into == [s - 1 for s in marked]  # the windows whose second bar ends in the section's fill
    assert every.plan.fills.sum() == len(range(4, 69, 4))  # and a phrase fill ending every 4th bar, as before
