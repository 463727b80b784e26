"""The docked panel's Half time toggle: the docked panel had no control for the feel, so a producer arranging in
REAPER could not ask Drumify for half time without the command line. Its "Half time" (beside Fills) writes the
shared settings, and REAPER's Drumify, run by its button on the shipped model, then writes each bar of a 4/4 bass
part with the kick on 1 and the snare on 3, in items named "half-time"; the full editor shows the same setting."""

from fake_reaper import reapy_inside
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)
from test_dock_patterns_and_sliders import PURGE, bass_song, engine_runs, open_dock  # noqa: F401  (a fixture)

from reagroove.core.drummap import GM_DRUM_MAP
from reagroove.core.loop import VOICES
from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.store import SharedSettings

KICK, SNARE = (GM_DRUM_MAP.output[VOICES.index(v)] for v in ("kick", "snare"))
BARS = 8


def drum_hits(rpr) -> tuple[list[tuple[float, int]], list[str]]:
    """The drum track's notes as (QN, pitch), and its items' take names."""
    hits, names = [], []
    for i in range(rpr.RPR_CountTracks(0)):
        track = rpr.RPR_GetTrack(0, i)
        if rpr.RPR_GetTrackName(track, "", 64)[2] != host.DRUMS_TRACK_NAME:
            continue
        for k in range(rpr.RPR_CountTrackMediaItems(track)):
            take = rpr.RPR_GetActiveTake(rpr.RPR_GetTrackMediaItem(track, k))
            names.append(rpr.RPR_GetTakeName(take))
            for n in range(rpr.RPR_MIDI_CountEvts(take, 0, 0, 0)[2]):
                note = rpr.RPR_MIDI_GetNote(take, n, 0, 0, 0, 0, 0, 0, 0)
                hits.append((float(rpr.RPR_MIDI_GetProjQNFromPPQPos(take, note[5])), int(note[8])))
    return sorted(hits), names


def on_beat(hits, pitch, beat) -> set[int]:
    """The bars (0-based) with a `pitch` hit on `beat` (0-based quarter of a 4/4 bar), a hair early or late too."""
    bars = [(qn - beat) / 4 for qn, p in hits if p == pitch]
    return {round(b) for b in bars if abs(b - round(b)) < 0.025}


def test_the_docks_half_time_is_what_reapers_drumify_plays(config, engine_runs):  # noqa: F811
    with reapy_inside(bass_song(BARS), purge=PURGE) as s:
        panel, gui = open_dock(s, engine_runs.launch)
        box = gui.widget("Half time")
        assert box.kind == "checkbox" and box.value is False and "backbeat on 3" in box.tooltip
        gui.set_value("Half time", True)
        s.reaper.run_deferred()
        panel.shared.flush()
        assert panel.settings.feel == "half" and SharedSettings(config / "settings.json").read().feel == "half"
        assert gui.widget("Half time").value is True  # drawn from the settings in the next frame
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        assert engine_runs[-1].args[:2] == ["reaper", "drumify"] and engine_runs[-1].code == 0, s.reaper.console_text()
        hits, names = drum_hits(s.rpr)
        assert names and all("half-time" in n for n in names), names
        bars = set(range(BARS))
        assert on_beat(hits, KICK, 0) == bars  # the kick on every bar's 1
        assert on_beat(hits, SNARE, 2) == bars  # the backbeat on 3 ...
        assert not on_beat(hits, SNARE, 1) and not on_beat(hits, SNARE, 3)  # ... and never on 2 or 4
        gui.set_value("Half time", False)  # off again: Drumify plays the normal feel
        s.reaper.run_deferred()
        panel.shared.flush()
        assert Settings.load(config / "settings.json").feel == "normal"
        gui.click("Drumify")
        s.reaper.run_deferred(3)
        hits, names = drum_hits(s.rpr)
        assert on_beat(hits, SNARE, 1) and not any("half-time" in n for n in names[-1:]), names
