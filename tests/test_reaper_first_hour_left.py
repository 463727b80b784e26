"""What the first hour in REAPER still left rough after tests/test_reaper_first_hour_words.py: notes too soft to
hear read as music when an audio item rides along, a Drumify with every voice group muted writing silence, a time
selection told of bars it does not drum, a seed the action user has no control for, and the command line's words
("temp", "give a drum map", "--bars") in what REAPER's console and item names say.

Each action runs as REAPER's action list runs it (`reagroove reaper ... --panel-settings`), inside the simulated
REAPER on the stand-in model. Each test here failed before its fix.
"""

import numpy as np
import soundfile as sf
from audio_synth import grid_onsets, render
from fake_reaper import ProjectSpec, reapy_inside
from test_actions_use_panel_settings import panels  # noqa: F401 - the fixture
from test_reaper import PURGE, bass_project, engine, note_rows

from reagroove.core.settings import Settings
from reagroove.reaper_ext import actions
from reagroove.reaper_ext.bridge import LocalBridge

SOFT_SAID = "too soft to hear over the band, read as silence"


def console_after(s, run, rc=0):
    before = len(s.reaper.console_text())
    assert run() == rc
    return s.reaper.console_text()[before:]


def drum_notes(s):
    rpr = s.rpr
    for t in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, t)
        if rpr.RPR_GetTrackName(track, "", 256)[2] == "ReaGroove Drums":
            items = [rpr.RPR_GetTrackMediaItem(track, j) for j in range(rpr.RPR_CountTrackMediaItems(track))]
            return [(rpr.RPR_GetMediaItemInfo_Value(i, "D_POSITION"), tuple(n))
                    for i in items for n in note_rows(rpr, i)]
    return []


def band_with_audio(wav, soft_pad: bool, start_measure: int = 1):
    """A bass riff over bars 1-8 that stops after beat 2 of bar 4, a pad's chord on each other bar's 1 (at 80) and,
    with soft_pad, chords at velocity 3 on bar 4's beats 3 and 4 where the bass stops; an audio guitar over 1-8."""
    spec = ProjectSpec(bpm=100)
    spec.start_measure(start_measure)
    bass = spec.add_track("Bass", selected=True)
    riff = [(k * 0.5, 0.25, 40 + k % 5, 90) for k in range(64) if not 13 <= k * 0.5 < 16]
    spec.add_midi_item(bass, start_qn=0, length_qn=32, selected=True, name="bass", notes=riff)
    pad = spec.add_track("Pad")
    chords = [(bar * 4.0, 3.5, p, 80) for bar in range(8) if bar != 3 for p in (60, 64, 67)]
    if soft_pad:
        chords += [(beat, 0.9, p, 3) for beat in (14.0, 15.0) for p in (60, 64, 67)]
    spec.add_midi_item(pad, start_qn=0, length_qn=32, selected=True, name="pad", notes=chords)
    if wav is not None:
        gtr = spec.add_track("Guitar")
        spec.add_audio_item(gtr, str(wav), start_qn=0, length_qn=32, selected=True, name="guitar")
    return spec


def test_midi_notes_too_soft_to_hear_stay_silence_beside_an_audio_item(panels, tmp_path):  # noqa: F811
    # With an audio take selected too the pad's velocity-3 chords were read as music again (the MIDI items alone
    # leave them out): the drums heard them, and nothing said so.
    wav = tmp_path / "gtr.wav"
    onsets = grid_onsets(np.arange(0, 128, 4), 100.0)  # quarter notes over the 8 bars
    sf.write(wav, render(onsets, np.full(len(onsets), 0.8), timbre="pluck", sr=44100, duration_s=20.0, seed=1), 44100)
    Settings(seed=1).save(panels.settings)
    drums = {}
    for soft in (True, False):
        with reapy_inside(band_with_audio(wav, soft), purge=PURGE) as s:
            said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
            drums[soft] = drum_notes(s)
            assert (SOFT_SAID in said) == soft, said
            if soft:
                assert "6 band notes at velocity 3 or softer in bar 4: " + SOFT_SAID in said, said
    assert drums[True] and drums[True] == drums[False]  # the soft chords change nothing
    for start in (1, 10):  # said as the MIDI items alone say it, its bar by REAPER's ruler
        lines = []
        for audio in (wav, None):
            with reapy_inside(band_with_audio(audio, True, start), purge=PURGE) as s:
                said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
                lines.append([line for line in said.splitlines() if SOFT_SAID in line])
        assert lines[0] == lines[1] and f"in bar {start + 3}:" in lines[0][0], lines


def item_names(s, track_name="ReaGroove Drums"):
    rpr = s.rpr
    for t in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, t)
        if rpr.RPR_GetTrackName(track, "", 256)[2] == track_name:
            items = [rpr.RPR_GetTrackMediaItem(track, j) for j in range(rpr.RPR_CountTrackMediaItems(track))]
            return [rpr.RPR_GetSetMediaItemTakeInfo_String(rpr.RPR_GetActiveTake(i), "P_NAME", "", False)[3]
                    for i in items]
    return []


def test_every_voice_group_muted_is_refused_before_anything_is_written(panels):  # noqa: F811
    # It replaced the drums there with silent items, an undo point, said only as "the drums are silent; unmute one".
    import pytest

    from reagroove.core.errors import ReaGrooveError

    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(["reaper", "drumify", "--panel-settings"]) == 0
        drums, undo = drum_notes(s), list(s.reaper.undo_names)
        Settings(voice_groups={g: False for g in ("kick", "snare", "hats", "toms", "cymbals")}).save(panels.settings)
        for action in (["drumify"], ["variations", "--count", "2"]):
            before = len(s.reaper.console_text())
            with pytest.raises(ReaGrooveError):
                panels.run(["reaper", *action, "--panel-settings"])
            said = s.reaper.console_text()[before:]
            assert said == ("ReaGroove: every voice group is muted, so the drums would be silent: nothing written; "
                            "turn one on in the full editor (Full editor… > Sound: kick, snare, hats, toms, "
                            "cymbals)\n"), said
            assert drum_notes(s) == drums and s.reaper.undo_names == undo  # the drums there kept, nothing to undo
        with pytest.raises(ReaGrooveError, match=r"unmute one \(--unmute kick, for one\)"):  # typed: the options
            panels.run(["reaper", "drumify", "--mute", "all"])
        muted = Settings.load(panels.settings)
        for run in (lambda: actions.drumify_selection(LocalBridge(), engine(), muted),  # the full editor's buttons
                    lambda: actions.variations_of_selection(LocalBridge(), engine(), muted, 2)):
            with pytest.raises(ReaGrooveError, match="Full editor… > Sound"):
                run()
        assert drum_notes(s) == drums and s.reaper.undo_names == undo


def test_drumify_again_names_the_docked_panels_dice_not_a_seed(panels):  # noqa: F811
    # "(a new seed draws a new take)": REAPER's actions have no seed to change.
    with reapy_inside(bass_project(), purge=PURGE) as s:
        assert panels.run(["reaper", "drumify", "--panel-settings"]) == 0
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert "nothing changed, no undo point (the docked panel's Dice draws a new take)" in said, said
        said = console_after(s, lambda: panels.run(["reaper", "drumify"]))  # typed: --seed is there to give
        assert "(a new seed draws a new take)" in said, said


def test_item_names_and_kit_notes_say_no_command_line_jargon(panels):  # noqa: F811
    # "ReaGroove · temp 0.30 · seed 3" on every item after the docked panel's Dice (a temperature that follows the
    # seed), and "it plays General MIDI drum notes, or give a drum map", which no action or panel takes.
    Settings(seed=3).save(panels.settings)
    with reapy_inside(bass_project(), purge=PURGE) as s:
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert said.startswith("ReaGroove: wrote 2 drum items (ReaGroove · seed 3) in "), said
        assert set(item_names(s)) == {"ReaGroove · seed 3"}
        assert "or give a drum map" not in said
        assert ("it plays General MIDI drum notes (choose your plugin's General MIDI map; for another kit's notes, "
                "give a drum map once to `reagroove reaper drumify` in a terminal (README: Drum maps): the track keeps "
                "it)") in said, said
        Settings(seed=3, temperature=0.5).save(panels.settings)  # set on the editor's Temperature slider
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert "(ReaGroove · temperature 0.50 · seed 3)" in said, said
        assert set(item_names(s)) == {"ReaGroove · temperature 0.50 · seed 3"}


def test_items_over_ten_thousand_bars_apart_name_a_time_selection_not_the_clis_bars(panels):  # noqa: F811
    import pytest

    from reagroove.core.errors import ReaGrooveError

    from test_reaper_first_hour_words import intro_and_outro

    spec = intro_and_outro(44000)
    with reapy_inside(spec, purge=PURGE) as s:
        with pytest.raises(ReaGrooveError):
            panels.run(["reaper", "drumify", "--panel-settings"])
        said = s.reaper.console_text()
        assert "more than 10,000" in said and "drum a range of bars (a time selection over them)" in said, said
        assert "CLI" not in said and "--bars" not in said, said


def test_a_time_selection_is_told_of_the_fills_in_its_bars_not_the_songs(panels):  # noqa: F811
    # A time selection over bars 3-4 read "none in bars 3, 5, 7, 9; fills also end bars 4, 6, 8, 10": every bar of
    # the song where a fill every 2 bars moved, most of them not drummed.
    Settings(fill_every=1).save(panels.settings)
    spec = ProjectSpec(bpm=96)
    spec.tempo_marker(120, qn=16.0)
    synth = spec.add_track("Synth")
    notes = [(3.5, 0.5, 40, 90)] + [(4 + k, 0.5, 40 + k % 3, 90) for k in range(20)] + \
        [(32 + k, 0.5, 40, 90) for k in range(6)]
    spec.add_midi_item(synth, start_qn=0, length_qn=40, selected=True, name="clip", notes=notes)
    with reapy_inside(spec, purge=PURGE) as s:
        whole = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings"]))
        assert "none in bars 3, 5, 7, 9; fills also end bars 4, 6, 8, 10" in whole, whole  # the whole item: all
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 4.0, 9.0, False)  # bars 3-4
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings", "--seed", "4"]))
        assert "drums for bars 3-4 (the time selection)" in said, said
        assert "none in bar 3; a fill also ends bar 4\n" in said, said
        # the tempo change on bar 5 is said for what the selection plays of it: bar 4 fills into it (its crash, on bar
        # 5, is not drummed)
        assert ("the tempo changes (from 96 to 120 BPM in bar 5): it starts a new section (bar 4 fills into it)\n"
                in said), said
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 10.0, 14.0, False)  # bars 5-6, at 120
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings", "--seed", "5"]))
        assert "drums for bars 5-6 (the time selection)" in said, said
        assert "none in bar 5; a fill also ends bar 6\n" in said, said
        # its crash: here; its fill, in bar 4, is not drummed (a selection from a section's first bar had been
        # promised "a fill into it")
        assert "in bar 5): it starts a new section (a crash on it)\n" in said, said
        s.rpr.RPR_GetSet_LoopTimeRange2(0, True, False, 12.0, 14.0, False)  # bar 6: the section in bar 5 plays no part
        said = console_after(s, lambda: panels.run(["reaper", "drumify", "--panel-settings", "--seed", "6"]))
        assert "drums for bar 6 (the time selection)" in said and "tempo" not in said, said
