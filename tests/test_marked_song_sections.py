"""A song with section markers still has the sections its band plays: where the band comes in or changes inside a
marked section, a drummer fills into it and crashes there, as in a song without markers (given_sections.py).
Freedoom's d_map14 marks an Intro on bar 1 and its Verse on 25; one part plays alone in bars 1-8 and seven come in
on bar 9, where its drummer crashes. The markers had been the only sections: bars 8 and 9 played the same loop."""

from pathlib import Path

import mido
import numpy as np
import pytest
from conftest import save_tracks
from test_meter_fills_and_backbeats import BarEndFills, crash_bars

from reagroove.core import read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings

FREEDOOM = Path(__file__).resolve().parents[2] / "shared" / "data" / "freedoom-midi"
TPB = 480
SNARE, TOM = 1, 4


def bar_hits(res, bar):
    """(16, 9) hits of a 4/4 bar of a drumify result (windows of two bars)."""
    w = int(np.flatnonzero(res.bars <= bar)[-1])
    m = bar - int(res.bars[w])
    return res.loops[w, 16 * m:16 * m + 16, :9] > 0.5


def band_bar(section, bar):
    """(beat, pitch, velocity, channel) of one bar: keys alone on 8th-note chords in the intro; bass, keys and a
    lead in the verse; the chorus on 16ths."""
    root = (40, 45, 43, 38)[bar % 4]
    keys = [(t / 2, p, 70, 1) for t in range(8) for p in (root + 24, root + 28)]
    if section == "intro":
        return keys
    if section == "verse":
        return keys + [(0.0, root, 90, 0), (1.5, root, 85, 0), (2.0, root, 85, 0), (0.5, root + 36, 80, 2),
                       (2.5, root + 38, 80, 2)]
    return [(t / 4, root + (12 if t % 4 == 2 else 0), 100, 0) for t in range(16)] + \
        [(t, p, 95, 1) for t in (0.0, 1.0, 2.0, 3.0) for p in (root + 24, root + 28, root + 31)]


def marked_song(path, form, markers):
    """A band song of (section, bars) in order; markers: (bar, name), as a DAW writes section markers."""
    meta = [(0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(110)))]
    meta += [((bar - 1) * 4 * TPB, mido.MetaMessage("marker", text=name)) for bar, name in markers]
    notes, first = [], 1
    for section, length in form:
        for bar in range(first, first + length):
            for beat, pitch, vel, chan in band_bar(section, bar):
                on = round(((bar - 1) * 4 + beat) * TPB)
                notes += [(on, mido.Message("note_on", note=pitch, velocity=vel, channel=chan)),
                          (on + TPB // 4 - 10, mido.Message("note_off", note=pitch, velocity=0, channel=chan))]
        first += length
    return save_tracks(path, [meta, notes])


FORM = [("intro", 8), ("verse", 16), ("chorus", 16)]


def test_the_band_coming_in_inside_a_marked_intro_gets_a_fill_and_a_crash(tmp_path):
    """Markers on bar 1 (Intro) and 25 (Verse); the keys alone in bars 1-8, the bass and a lead in on bar 9. A
    drummer fills over the end of bar 8 and crashes on 9 (the band's entrance), and on the marker's 25 too."""
    song = read_midi(marked_song(tmp_path / "marked.mid", FORM, [(1, "Intro"), (25, "Verse")]))
    res = Engine(BarEndFills()).drumify(song, Settings())
    crashes = crash_bars(res)
    assert 9 in crashes and 25 in crashes, crashes
    assert bar_hits(res, 8)[12:, TOM].any() and not bar_hits(res, 7)[12:, TOM].any()  # the fill into 9
    # said as for a song without markers: the band's own section, beside the file's markers
    said = [m for m in res.messages if "bar 9" in m and "a fill into it, a crash on it" in m]
    assert said, res.messages
    # the same song without markers hears the same entrance: the markers add their sections, they take none away
    plain = Engine(BarEndFills()).drumify(read_midi(marked_song(tmp_path / "plain.mid", FORM, [])), Settings())
    assert 9 in crash_bars(plain)


def test_a_marker_a_few_bars_from_the_band_s_change_is_the_section(tmp_path):
    """A marker on bar 7, the band coming in on 9: the producer's section, one crash there (not one on 9 as well,
    two bars after it: heard sections keep SECTION_MIN_BARS from the markers, as from each other)."""
    song = read_midi(marked_song(tmp_path / "near.mid", FORM, [(1, "Intro"), (7, "Verse"), (25, "Chorus")]))
    crashes = crash_bars(Engine(BarEndFills()).drumify(song, Settings()))
    assert 7 in crashes and 9 not in crashes and 25 in crashes, crashes


@pytest.mark.skipif(not (FREEDOOM / "d_map14.mid").is_file(), reason="freedoom-midi not here")
def test_freedoom_map14_crashes_where_its_band_comes_in_inside_the_marked_intro():
    """d_map14 (markers: Intro 1, Verse 25, ...): seven parts come in on bar 9, where its drummer crashes."""
    song = read_midi(FREEDOOM / "d_map14.mid")  # (its own drums are left out of the input)
    res = Engine(BarEndFills()).drumify(song, Settings())
    assert 9 in crash_bars(res) and 25 in crash_bars(res)
    assert bar_hits(res, 8)[12:, TOM].any()
    assert any("bar 9" in m and "a fill into it, a crash on it" in m for m in res.messages), res.messages


def reaper_band_drums(form, markers) -> list:
    """The notes Drumify writes (the stub's bar-end fills) for a REAPER project of the band's form (section, bars),
    keys, bass and lead on tracks of their own, every item selected; markers: (qn, name[, region end qn])."""
    from fake_reaper import ProjectSpec, reapy_inside
    from test_reaper import PURGE

    from reagroove.reaper_ext import actions
    from reagroove.reaper_ext.bridge import LocalBridge

    spec = ProjectSpec(bpm=110, timesig=(4, 4))
    for qn, name, *end in markers:
        spec.add_marker(qn, name, **({"region_end_qn": end[0]} if end else {}))
    notes: dict[int, list] = {0: [], 1: [], 2: []}
    first = 1
    for section, length in form:
        for bar in range(first, first + length):
            for beat, pitch, vel, chan in band_bar(section, bar):
                notes[chan].append(((bar - 1) * 4 + beat, 0.2, pitch, vel))
        first += length
    for chan, name in ((1, "Keys"), (0, "Bass"), (2, "Lead")):
        spec.add_midi_item(spec.add_track(name), start_qn=0.0, length_qn=(first - 1) * 4.0, selected=True, name=name,
                           notes=notes[chan])
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        actions.drumify_selection(bridge, Engine(BarEndFills()), Settings(seed=1, temperature=0.0))
        return [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]


def test_a_reaper_project_s_regions_leave_the_band_s_entrance_heard_as_well():
    """The same song in REAPER (keys, bass and lead on tracks of their own), an Intro region over bars 1-24 and a
    Verse region from 25: Drumify fills into bar 9 and crashes there, as for the file's markers."""
    from test_reaper_live_section_markers import CRASH, TOM_PITCHES

    drums = reaper_band_drums(FORM, [(0.0, "Intro", 96.0), (96.0, "Verse", 160.0)])
    crashes = {int(n[0] // 4) + 1 for n in drums if n[2] == CRASH and n[0] % 4 < 0.1}
    toms = {int(n[0] // 4) + 1 for n in drums if n[2] in TOM_PITCHES}
    assert {9, 25} <= crashes and 8 in toms, (sorted(crashes), sorted(toms))


def test_a_marker_past_the_music_gets_no_fill_into_silence(tmp_path):
    """d_map14 marks "End" on the bar after its last note (a game loops back there): the drums had filled the
    song's last bar into that silent one. A marker past the music is no section: no fill, not counted."""
    form = [("verse", 8), ("chorus", 8)]
    song = read_midi(marked_song(tmp_path / "end_marker.mid", form, [(1, "Verse"), (9, "Chorus"), (17, "End")]))
    res = Engine(BarEndFills()).drumify(song, Settings())
    assert bar_hits(res, 8)[:, TOM].any()  # the fill into the chorus, as before
    assert not bar_hits(res, 16)[:, TOM].any()  # none into the empty bar after the music
    assert "1 section marker in the file: a fill before its section, a crash on its first beat" in res.messages


def test_a_marker_on_bar_1_leaves_the_band_s_entrance_a_few_bars_in_heard(tmp_path):
    """An "Intro" marker on bar 1 (most DAW projects have one) and a Chorus on 17; the keys alone in bars 1-4, the
    band in on bar 5. Bar 5 had been dropped as 4 bars from the bar-1 marker (GIVEN_APART_BARS), so the quiet intro
    ran to the chorus: the drums lay out through the whole verse (bars 1-14 silent). The song's opening is no
    section to keep the band's away from: as without the marker, a fill into 5, a crash on it, time in the verse."""
    form = [("intro", 4), ("verse", 12), ("chorus", 8)]
    song = read_midi(marked_song(tmp_path / "intro_marker.mid", form, [(1, "Intro"), (17, "Chorus")]))
    res = Engine(BarEndFills()).drumify(song, Settings())
    crashes = crash_bars(res)
    assert 5 in crashes and 17 in crashes, crashes
    assert bar_hits(res, 4)[12:, TOM].any()  # the fill into the band's entrance
    assert all(bar_hits(res, b)[[4, 12], SNARE].any() for b in range(5, 15))  # the verse's backbeat
    assert any("bar 5" in m and "a fill into it, a crash on it" in m for m in res.messages), res.messages
    plain = Engine(BarEndFills()).drumify(read_midi(marked_song(tmp_path / "plain.mid", form, [])), Settings())
    assert crash_bars(plain) == crashes
