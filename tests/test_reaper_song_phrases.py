"""A REAPER selection's phrases are the whole song's: drums over some of a track's items fill and crash where
drumifying all of that track's items does. The song is the notes heard on the selection's own band tracks
(reaper_ext/song_phrases.py), counted as the CLI's --bars counts them (phrases.song_phrase_start); a click track's
count-in, another song earlier in the project and ReaGroove's drum track are no part of it.

Counted from the project's first band item's start instead (20b578a), a one-bar count-in moved the whole bass's
fills a bar early, song B of a two-song project counted from song A's first bar, an item opening with silence
moved the song's start to the item's, and selecting one's own drum intro with the bass moved every fill."""

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from test_reaper import PURGE, engine
from test_reaper_fill_phrase import drums, riff
from test_reaper_time_selection_phrases import SETTINGS, marks
from test_reaper_volume_reads import volume_reads  # noqa: F401 (a fixture)

from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.reaper_names import DRUMS_ROLE, DRUMS_TRACK_NAME, ROLE_KEY

BARS = 17


def after(marked, bar):
    """(fills, crashes) from `bar` on."""
    return tuple([b for b in bars if b >= bar] for bars in marked)


def shifted(notes, lo):
    return [(on - lo, *rest) for on, *rest in notes]


def bass_items(spec, bass, first_bar, select_first):
    """The bass riff from `first_bar` to bar BARS in two items: 2 bars, then the rest (only the rest selected,
    unless `select_first`)."""
    lo = (first_bar - 1) * 4.0
    spec.add_midi_item(bass, start_qn=lo, length_qn=8.0, selected=select_first, name="bass intro",
                       notes=shifted(riff(range(first_bar - 1, first_bar + 1)), lo))
    spec.add_midi_item(bass, start_qn=lo + 8.0, length_qn=BARS * 4.0 - lo - 8.0, selected=True, name="bass",
                       notes=shifted(riff(range(first_bar + 1, BARS)), lo + 8.0))


def count_in_song(select_first, click=True):
    """A one-bar count-in (four MIDI clicks on a Click track, bar 1), the band in on bar 2."""
    spec = ProjectSpec(bpm=120)
    if click:
        spec.add_midi_item(spec.add_track("Click"), start_qn=0.0, length_qn=4.0, name="count-in",
                           notes=[(q, 0.1, 37, 100) for q in range(4)])
    bass_items(spec, spec.add_track("Bass"), 2, select_first)
    return spec


def test_a_count_in_on_a_click_track_does_not_move_the_bands_phrases():
    """The whole bass (bars 2-17) fills 5, 9, 13 with the count-in as without it (it had filled 4, 8, 12, 16), and
    the bass item from bar 4 alone keeps those."""
    without = drums(count_in_song(select_first=True, click=False))
    assert without[0] == [5, 9, 13]
    assert drums(count_in_song(select_first=True)) == without
    assert drums(count_in_song(select_first=False)) == after(without, 4)


def silent_start_song(select_first):
    """The bass's first item starts at bar 1 (where the producer dragged it in) but plays from bar 3."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0.0, length_qn=16.0, selected=select_first, name="bass intro",
                       notes=riff(range(2, 4)))
    spec.add_midi_item(bass, start_qn=16.0, length_qn=(BARS - 4) * 4.0, selected=True, name="bass",
                       notes=shifted(riff(range(4, BARS)), 16.0))
    return spec


def test_an_item_from_mid_song_counts_from_the_songs_first_note_not_its_first_items_start():
    """The whole song's phrases count from its first note (bar 3): fills 6, 10, 14; the item from bar 5 keeps them
    (counted from the first item's start, bar 1, it had filled 8, 12, 16)."""
    whole = drums(silent_start_song(select_first=True))
    assert after(whole, 5)[0] == [6, 10, 14]
    assert drums(silent_start_song(select_first=False)) == after(whole, 5)


def two_songs(select_a):
    """Song A (bars 1-6), 11 bars of nothing, song B (bars 18-33) on one bass track."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    spec.add_midi_item(bass, start_qn=0.0, length_qn=24.0, selected=select_a, name="song A", notes=riff(range(6)))
    spec.add_midi_item(bass, start_qn=68.0, length_qn=64.0, selected=True, name="song B",
                       notes=shifted(riff(range(17, 33)), 68.0))
    return spec


def test_a_song_after_a_long_rest_counts_from_its_comeback():
    """Both songs: the phrases start again where song B comes in (a crash on 18, fills 21, 25, 29); song B alone
    keeps them (counted from song A's first bar it had filled 20, 24, 28, 32 with no crash on 18)."""
    both = drums(two_songs(select_a=True))
    assert after(both, 18) == ([21, 25, 29], [18, 22, 26, 30])
    assert drums(two_songs(select_a=False)) == after(both, 18)


def own_drums_song(select_drums):
    """The producer's own drum intro (kick and snare, bars 1-2) on ReaGroove's drum track, the bass from bar 3 in two
    items (bars 3-4, 5-17): the second bass item selected, with the drum item or without."""
    spec = ProjectSpec(bpm=120)
    drums_track = spec.add_track(DRUMS_TRACK_NAME)
    spec.add_midi_item(drums_track, start_qn=0.0, length_qn=8.0, selected=select_drums, name="my intro",
                       notes=[(b * 4 + q, 0.1, 36 if q % 2 == 0 else 38, 100, 9) for b in range(2) for q in range(4)])
    bass_items(spec, spec.add_track("Bass"), 3, select_first=False)
    return spec, drums_track


def drums_with_role(spec_and_track):
    spec, track = spec_and_track
    with reapy_inside(spec, purge=PURGE) as s:
        r = s.rpr
        r.RPR_GetSetMediaTrackInfo_String(r.RPR_GetTrack(0, track), ROLE_KEY, DRUMS_ROLE, True)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), SETTINGS)
        return marks(bridge.call("drum_track_items")["items"])


def test_selecting_ones_own_drum_item_with_the_bass_does_not_move_the_phrases():
    """The song is the bass's (from bar 3): fills 6, 10, 14 with the drum intro selected or not (selected, it had
    counted from its bar 1 and heard the unselected bass intro as a rest: fills 8, 12, 16)."""
    alone = drums_with_role(own_drums_song(select_drums=False))
    assert alone == ([6, 10, 14], [7, 11, 15])
    assert drums_with_role(own_drums_song(select_drums=True)) == alone


def verse_chorus_bridge(select_chorus):
    """A bass verse (bars 1-6), chorus (7-10) and bridge (11-20) in three items on one track; the chorus selected or
    left out of the selection (its drums stay as they are)."""
    spec = ProjectSpec(bpm=120)
    bass = spec.add_track("Bass")
    for lo, hi, name in ((0, 6, "verse"), (6, 10, "chorus"), (10, 20, "bridge")):
        spec.add_midi_item(bass, start_qn=lo * 4.0, length_qn=(hi - lo) * 4.0, name=name,
                           selected=select_chorus or name != "chorus", notes=shifted(riff(range(lo, hi)), lo * 4.0))
    return spec


def test_a_section_left_out_of_the_selection_is_no_rest_in_the_songs_phrases():
    """Verse and bridge selected, the chorus between them playing: the drums written fill and crash where those of
    all three items do (fills 4, 12, 16; the chorus heard as a rest had put a comeback's crash on bar 11 and
    counted the phrases from it: fills 14, 18)."""
    whole = drums(verse_chorus_bridge(select_chorus=True))
    assert whole == ([4, 8, 12, 16], [1, 5, 9, 13, 17])
    written = tuple([b for b in bars if not 7 <= b <= 10] for bars in whole)
    assert drums(verse_chorus_bridge(select_chorus=False)) == written


@pytest.mark.parametrize("select_first", [False, True])
def test_a_time_selection_inside_the_song_after_a_count_in_keeps_the_bands_phrases(select_first):
    """Bars 6-13 as a time selection over the bass item (and the intro selected or not): fills in 9 and 13, crashes
    on 6 and 10, as the whole bass's drums have them (the count-in's bar 1 had set them a bar early: 8, 12; 9, 13)."""
    whole = drums(count_in_song(select_first=True))
    spec = count_in_song(select_first)
    with reapy_inside(spec, purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 5 * 4 * 0.5, 13 * 4 * 0.5, False)
        bridge = LocalBridge()
        actions.drumify_selection(bridge, engine(), SETTINGS)
        got = marks(bridge.call("drum_track_items")["items"])
    assert got == tuple([b for b in bars if 6 <= b <= 13] for bars in whole) == ([9, 13], [6, 10])


def test_the_song_is_read_with_each_items_volume_once_and_only_from_the_selections_band_tracks(volume_reads):
    """The song's notes come with the selection's one read: the unselected bass intro's (its track the selected
    item's), not the click's nor the keys', and every item's volume is read once, as before the song was read."""
    spec = count_in_song(select_first=False)
    spec.add_midi_item(spec.add_track("Keys"), start_qn=0.0, length_qn=16.0, name="keys",
                       notes=[(q, 1.0, 72, 90) for q in range(16)])
    with reapy_inside(spec, purge=PURGE):
        counts = volume_reads()
        sel = actions.read_selection(LocalBridge())
    assert sorted({int(p) for p in sel.song.notes.pitch}) == [40]
    assert float(sel.song.notes.start.min()) == 4.0  # the intro's first note, bar 2
    items = {ptr for what, ptr in counts if what == "item"}
    assert len(items) == 4 and all(n == 1 for n in counts.values()), counts


def test_an_audio_item_whose_notes_are_not_read_still_opens_the_song():
    """An audio item on the band's track, not selected, is no notes here (its onsets are not read for the song):
    the song counts from no later than the bar it starts on (song_first_bar), as the selection's own notes would
    otherwise start the song; a MIDI song alone counts from its first note."""
    from reagroove.reaper_ext.song_phrases import song_first_bar, song_of, song_phrase_bar
    sigs, rows = [(0.0, 4, 4)], [[on, on + 0.3, 40, 100, 0] for on, *_ in riff(range(4, 12))]
    song = song_of({}, rows, [(0.0, 120.0)], sigs, 48.0)
    assert song_phrase_bar(song, {}, (7, 12), 48.0) == 5
    assert song_phrase_bar(song, {"song_start_qn": 4.0}, (7, 12), 48.0) == 2  # the audio item from bar 2
    assert song_phrase_bar(song_of({}, [], [(0.0, 120.0)], sigs, 48.0), {}, (7, 12), 48.0) is None
    # an item starting on beat 4 is a pickup into bar 2; on beat 2, bar 1's
    assert song_first_bar({"song_start_qn": 3.0}, sigs, 64.0) == 2
    assert song_first_bar({"song_start_qn": 1.0}, sigs, 64.0) == 1
