"""The docked panel's "Fill into section" (shown while live follow is on): live follow's drums, in their own process,
fill into the next section (a fill in the bar before it, a crash on its 1) as the full editor's F does. The dock had
no way to reach the section cue. The press moves a count in REAPER's ext-state (reaper_live_input.CUE_KEY); the
follower sees it at its next poll. Simulated REAPER and ReaImGui, the follower in-process (the stub model: a fill is
toms on every 16th), 120 BPM, an 8th-note line played live."""

from fake_reaper import reapy_inside
from test_dock import config, open_dock  # noqa: F401  (its fixture: a config folder of its own)
from test_reaper import PURGE, bass_project
from test_reaper_live_section_markers import by_bar, filled_into
from test_reaper_runtime import armed_follower, play_bars

from reagroove.core.constants import EXT_SECTION
from reagroove.reaper_ext.bridge import LocalBridge
from reagroove.reaper_ext.dock.view import FILL_LABEL
from reagroove.reaper_ext.reaper_live_input import CUE_KEY


def test_the_docks_fill_button_cues_the_followers_next_section(config):  # noqa: F811
    with reapy_inside(bass_project(bpm=120), purge=PURGE) as s:
        panel, gui = open_dock(s, [])
        assert FILL_LABEL not in [w.label for w in gui.last_frame()]  # live follow off: nothing to fill
        gui.set_value("Live follow", True)
        s.reaper.run_deferred()
        s.reaper.run_deferred()
        button = [w for w in gui.last_frame() if w.label == FILL_LABEL]
        assert button and "key F in the full editor" in button[0].tooltip
        follower = armed_follower(s, 120)
        s.rpr.RPR_OnPlayButton()
        follower.poll()
        play_bars(s, follower, 3, 120)  # to bar 4 (QN 12)
        assert follower.session._cue.lines == []
        gui.click(FILL_LABEL)
        s.reaper.run_deferred()
        assert s.rpr.RPR_GetExtState(EXT_SECTION, CUE_KEY) == "1"
        assert panel.message.startswith("next section cued: live follow's drums fill into it")
        play_bars(s, follower, 4, 120)
        s.rpr.RPR_OnStopButton()
        follower.poll()
        items = [i for i in LocalBridge().call("drum_track_items")["items"] if i["name"] == "ReaGroove live"]
    bars = by_bar([n for i in items for n in i["notes"]])
    # cued in bar 4, whose loop (and bar 5's, made a beat ahead) was made: the section on bar 6, its fill in bar 5
    assert filled_into(bars, 6), bars
    assert not any(v.get("toms") for b, v in bars.items() if b != 5), bars
