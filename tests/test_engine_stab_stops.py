"""Through the engine on the shipped model: the drums stop with a band's one-bar stab (note lengths from the
MIDI, groove.Windows.sounding) and crash on the comeback, and a range of bars from mid-song opens with a
crash rather than being read as a quiet intro (Windows.opens_part)."""

import numpy as np
from test_sections import CRASH, EIGHTHS, VERSE, band, voices_in, write_song

from reagroove.core import read_midi
from reagroove.core.settings import Settings


def test_the_drums_stop_with_a_one_bar_stab_and_crash_on_the_comeback(tmp_path, shipped):
    notes = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0,), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "stab.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops] == [(8, 9)]
    w = int(np.flatnonzero(res.bars <= 8)[-1])
    m = (8 - int(res.bars[w])) * 16
    assert not (res.loops[w, m + 1:m + 8, :9] > 0.5).any()  # silent after the stab (a fill at most in the bar's end)
    assert voices_in(res, 9, [CRASH], 0, 1)
    held = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0,), 4.0)
    res = shipped.drumify(read_midi(write_song(tmp_path / "held.mid", held)), Settings())
    assert res.stops == () and (res.loops[w, m + 1:m + 8, :9] > 0.5).any()  # grooved through the held chord
    versions = shipped.variations_of(res, Settings(), 2)
    assert versions.shape[0] == 2


def test_bars_from_mid_verse_are_no_quiet_intro_and_crash_where_the_song_does(tmp_path, shipped):
    """Bars 9-28 from mid-verse are read as no quiet intro; their crashes are the song's (--bars counts the song's
    phrases): none on bar 9 mid-verse, where the whole song plays none, and with a fill every 4 bars the crash of
    the phrase bar 9 opens (it had opened with a crash whatever the song played there)."""
    notes = band(range(1, 5), (0.0,), 4.0) + band([*range(5, 13), *range(21, 29)], VERSE) + band(range(13, 21), EIGHTHS)
    path = write_song(tmp_path / "song.mid", notes)
    whole = shipped.drumify(read_midi(path), Settings())
    assert not any("quiet intro" in m for m in whole.messages) or not voices_in(whole, 1, [CRASH], 0, 1)
    mid = shipped.drumify(read_midi(path), Settings(), bars=(9, 28))
    assert not any("quiet intro" in m for m in mid.messages)
    assert not voices_in(whole, 9, [CRASH], 0, 1) and not voices_in(mid, 9, [CRASH], 0, 1)
    assert voices_in(mid, 13, [CRASH], 0, 1)  # the chorus, a section of the song
    assert not mid.opens_part
    phrased = shipped.drumify(read_midi(path), Settings(fill_every=2), bars=(9, 28))
    assert not any("quiet intro" in m for m in phrased.messages)
    assert voices_in(phrased, 9, [CRASH], 0, 1)  # the song's phrase 9-12 opens with its crash


def test_the_editor_previews_a_stab_stop_as_the_export_writes_it(tmp_path, shipped):
    """The editor drums the part through Engine.drumify_grooves with what InputGroove carries: without the
    notes' lengths it grooved through the stab bar the export stops in."""
    from test_panel_preview_export import assert_same, previews

    from reagroove.reaper_ext.panel.controller import PanelController
    from reagroove.reaper_ext.panel.store import PanelStore

    notes = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0,), 0.25)
    path = write_song(tmp_path / "stab.mid", notes)
    controller = PanelController(shipped, PanelStore(tmp_path / "config"))
    shown, exported = previews(controller, path, Settings())
    assert_same(shown, exported, "stab")


def test_the_stab_is_accented_as_a_phrase_opening_is(tmp_path, shipped):
    """The drums' hit on the band's stab: its crash well above the bar's level before it (it had taken the
    loudest hit on its step, the hats' level), none at humanize 0."""
    notes = band([*range(1, 8), *range(9, 17)], EIGHTHS) + band([8], (0.0,), 0.25)
    path = write_song(tmp_path / "stab.mid", notes)
    for humanize, at_least in ((1.0, 1.2), (0.0, None)):
        res = shipped.drumify(read_midi(path), Settings(humanize=humanize))
        w = int(np.flatnonzero(res.bars <= 8)[-1])
        m = (8 - int(res.bars[w])) * 16
        loop = res.loops[w]
        assert loop[m, CRASH] > 0.5
        before = loop[:m, :9] > 0.5
        level = loop[:m, 9:18][before].mean()
        crash = loop[m, 9 + CRASH]
        if at_least:
            assert crash >= at_least * level, (crash, level)
        else:
            assert crash <= loop[:m, 9:18][before].max() + 1e-6  # flat hits: no louder than the rest


def test_two_bars_of_stabs_are_one_stop_hit_twice(tmp_path, shipped):
    """A punk band's stop: a stab on the downbeat of bar 7 and again on bar 8, the band back in bar 9. The
    drums hit both stabs with the band, leave the space, and fill only into bar 9 (they had read bar 8's stab
    as the comeback: a crash and a groove over it, and a fill before it)."""
    notes = band([*range(1, 7), *range(9, 17)], EIGHTHS) + band([7, 8], (0.0,), 0.25)
    res = shipped.drumify(read_midi(write_song(tmp_path / "stabs.mid", notes)), Settings())
    assert [(s.bar, s.back_bar) for s in res.stops] == [(7, 8), (8, 9)]
    said = [m for m in res.messages if "stops dead" in m]
    assert said == ["the band stops dead on the downbeats of bars 7 and 8 and comes back in bar 9: the drums hit "
                    "with each, rest, and fill into the comeback"]
    w = int(np.flatnonzero(res.bars <= 7)[-1])
    bar7, bar8 = (7 - int(res.bars[w])) * 16, (8 - int(res.bars[w])) * 16
    assert voices_in(res, 7, [CRASH], 0, 1) and voices_in(res, 8, [CRASH], 0, 1)  # a hit with each stab
    assert not (res.loops[w, bar7 + 1:bar8, :9] > 0.5).any()  # all of bar 7 after its stab is left open
    assert not (res.loops[w, bar8 + 1:bar8 + 8, :9] > 0.5).any()  # as is bar 8's first half (the fill after)
    assert voices_in(res, 9, [CRASH], 0, 1)
