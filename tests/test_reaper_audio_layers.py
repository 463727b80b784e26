"""Audio items in REAPER hear a new layer coming in, as an audio file does (core/audio_layers.py,
reaper_ext/audio_item_bands.py): a band bounced to one item whose keys and strum join the bass on bar 9 gets the
file path's section there (a fill into it, a crash on it); stems on their own tracks, the keys' item starting on
bar 9, a take split on bar 5 and a time selection over bars 5-13 likewise, and the full editor reading the item;
the band playing the same all through gets none. In REAPER the item's onsets had been drummed as notes with no band
levels: the join was heard as nothing. Rendered at 11.025 kHz, 120 BPM (test_audio_layers' band).
"""

import numpy as np
import pytest
import soundfile as sf
from audio_synth import _hz, render_notes
from fake_reaper import ProjectSpec, reapy_inside
from stub_model import StubModel
from test_reaper import PURGE

from reagroove.core.audio import read_audio
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SR, BPM, BARS = 11025, 120.0, 16
BEAT = 60.0 / BPM
ROOTS = (45, 45, 41, 43)  # A, A, F, G: one a bar, round again every 4 bars
CRASH, TOMS = 49, (41, 43, 45, 47, 48, 50)  # GM: the stand-in network's fill is toms


def _band(join_bar: int | None, parts=("bass", "keys", "strum"), bars=BARS):
    """test_audio_layers' band: a bass on 8ths from bar 1; keys on beats 1 and 3 and a strum on the off-beats from
    `join_bar` (None: from bar 1); only `parts` rendered, from the file's bar 1 (a stem bounced from the song's
    `join_bar`: its first bar is the song's)."""
    notes = []
    for bar in range(bars):
        root = ROOTS[bar % 4]
        t0 = bar * 4 * BEAT
        if "bass" in parts:
            notes += [(t0 + k * BEAT / 2, 0.6, "bass", [_hz(root + (12 if k % 4 == 3 else 0))], BEAT / 2, True)
                      for k in range(8)]
        if join_bar is None or bar + 1 >= join_bar:
            chord = [_hz(root + 24), _hz(root + 28), _hz(root + 31)]
            if "keys" in parts:
                notes += [(t0 + k * BEAT, 0.9, "keys", chord, 1.8 * BEAT, True) for k in (0, 2)]
            if "strum" in parts:
                notes += [(t0 + (k + 0.5) * BEAT, 0.9, "strum", [_hz(root + 36), _hz(root + 40)], BEAT / 2,
                           k % 2 == 0) for k in range(4)]
    return render_notes(notes, sr=SR, duration_s=bars * 4 * BEAT + 1.0, seed=3)


def _write(path, audio, peak=None):
    sf.write(path, (0.9 * audio / (peak or np.abs(audio).max())).astype(np.float32), SR)
    return str(path)


@pytest.fixture(scope="module")
def takes(tmp_path_factory):
    d = tmp_path_factory.mktemp("layers")
    joins = _band(9)
    # stems as a band bounces them: one gain for all, so the mix of the two is the band's take
    bass, upper = _band(9, ("bass",)), _band(1, ("keys", "strum"), bars=8)[:int(8 * 4 * BEAT * SR) + SR]
    peak = max(np.abs(joins).max(), np.abs(bass).max())
    return {"joins": _write(d / "joins.wav", joins), "same": _write(d / "same.wav", _band(None)),
            "bass": _write(d / "bass.wav", bass, peak), "upper": _write(d / "upper.wav", upper, peak)}


def _drumify(spec):
    with reapy_inside(spec, purge=PURGE):
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    return res, notes


def _one_item(path, split_bar: int | None = None):
    """The take as an item from bar 1 (split into two items on `split_bar`)."""
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    band = spec.add_track("Band", selected=True)
    cut = 4.0 * (split_bar - 1) if split_bar else BARS * 4
    spec.add_audio_item(band, path, start_qn=0, length_qn=cut, selected=True, name="band", loop=False)
    if split_bar:
        spec.add_audio_item(band, path, start_qn=cut, length_qn=BARS * 4 - cut, startoffs=cut * BEAT, selected=True,
                            name="band", loop=False)
    return spec


def _bars_hit(notes, pitches) -> list[int]:
    """The bars (1-based, 4/4) where the drums play any of `pitches`."""
    return sorted({int(n[0] // 4) + 1 for n in notes if n[2] in pitches})


def _file_crashes(path) -> list[int]:
    """The bars after bar 1 where the file path's drums crash (`reagroove drumify take.wav --bpm 120 --start 0`)."""
    from reagroove.core.loop import VOICES

    result = Engine(StubModel()).drumify(read_audio(path, bpm=BPM, start=0.0), Settings())
    crash = VOICES.index("crash")
    return sorted({int(result.bars[w]) + s // 16 for w, s in zip(*np.nonzero(result.loops[:, :, crash] > 0))
                   if int(result.bars[w]) + s // 16 > 1})


@pytest.mark.parametrize("split", [False, True])
def test_an_audio_item_whose_band_grows_on_bar_9_gets_a_section_there_as_the_file_does(takes, split):
    """One item of the band's take, or the take split in REAPER on bar 5 (two items playing the one file)."""
    spec = _one_item(takes["joins"], 5 if split else None)
    res, notes = _drumify(spec)
    crashes = [b for b in _bars_hit(notes, {CRASH}) if b > 1]
    assert crashes == [9] == _file_crashes(takes["joins"]), res["messages"]
    assert 8 in _bars_hit(notes, TOMS)  # the fill into it
    assert any("from bar 9" in m and "new section" in m for m in res["messages"]), res["messages"]


def test_an_audio_item_of_a_band_playing_the_same_all_through_gets_no_section(takes):
    res, notes = _drumify(_one_item(takes["same"]))
    assert [b for b in _bars_hit(notes, {CRASH}) if b > 1] == [] == _file_crashes(takes["same"]), res["messages"]


def test_stems_on_their_own_tracks_hear_the_keys_item_coming_in_on_bar_9(takes):
    """A bass stem under the whole song and the keys-and-strum stem as an item from bar 9: the mix grows there."""
    spec = ProjectSpec(bpm=BPM, timesig=(4, 4))
    bass, keys = spec.add_track("Bass", selected=True), spec.add_track("Keys")
    spec.add_audio_item(bass, takes["bass"], start_qn=0, length_qn=BARS * 4, selected=True, name="bass", loop=False)
    spec.add_audio_item(keys, takes["upper"], start_qn=32, length_qn=32, selected=True, name="keys", loop=False)
    res, notes = _drumify(spec)
    assert [b for b in _bars_hit(notes, {CRASH}) if b > 1] == [9], res["messages"]
    assert 8 in _bars_hit(notes, TOMS)


def test_a_midi_item_beside_the_audio_carries_no_band_levels(takes):
    """The MIDI part has no levels: its bars would be heard as silence beside the audio's (the audio alone has them)."""
    spec = _one_item(takes["joins"])
    keys = spec.add_track("Keys")
    spec.add_midi_item(keys, start_qn=0, length_qn=BARS * 4, selected=True,
                       notes=[(q, 1.0, 60, 90) for q in range(0, BARS * 4, 2)])
    with reapy_inside(spec, purge=PURGE):
        assert getattr(actions.read_selection(LocalBridge()).content, "band_levels", None) is None
    with reapy_inside(_one_item(takes["joins"]), purge=PURGE):
        assert actions.read_selection(LocalBridge()).content.band_levels is not None


def test_the_editor_reading_the_audio_item_hears_the_layer_as_drumify_does(takes):
    """The full editor's REAPER read (its preview and Variations) carries the item's band levels: its form has the
    section on bar 9 that Drumify plays."""
    from reagroove.core.phrases import part_sections
    from reagroove.reaper_ext.panel.input_groove import input_from_selection

    with reapy_inside(_one_item(takes["joins"]), purge=PURGE):
        s = input_from_selection(LocalBridge())
    form = part_sections(Settings(), s.grooves, s.bass, s.bars, s.meters, s.section_bars, (), s.starts, s.end,
                         s.phrase_start, s.opens_part, s.song_end, s.tempos, s.parts, s.lows, s.sounding, s.band_levels)
    assert [b for b in form.section_bars if b > 1] == [9]


def test_a_time_selection_around_the_layer_hears_it_in_its_bars(takes):
    """Drums for bars 5-13 of the take (REAPER's time selection): the crash on 9, the fill into it, nothing else."""
    with reapy_inside(_one_item(takes["joins"]), purge=PURGE) as s:
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 16 * BEAT, 52 * BEAT, False)
        bridge = LocalBridge()
        res = actions.drumify_selection(bridge, Engine(StubModel()), Settings())
        notes = [n for i in bridge.call("drum_track_items")["items"] for n in i["notes"]]
    assert _bars_hit(notes, {CRASH}) == [9] and _bars_hit(notes, TOMS) == [8], res["messages"]
