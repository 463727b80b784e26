"""The editor's "Fill into next section" (F, Drums menu): while live follow plays, the drums fill into the next section
(a fill in the bar before it, a crash on its 1: LiveSession.cue_section), the bar said. The cue existed in the session
but nothing in the editor reached it: a producer heading into a chorus had no way to tell the drums. Under pytest-qt,
offscreen, with test_panel.py's pretend REAPER (playing, eighth notes played in) and stand-in model."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

import re  # noqa: E402

from test_panel import FakeReaper  # noqa: E402

from reagroove.core.drummap import GM_DRUM_MAP, TOMS  # noqa: E402
from reagroove.reaper_ext.panel.controller import REAPER  # noqa: E402
from reagroove.reaper_ext.panel.transport import bar_and_beat  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures
TOM_PITCHES = {GM_DRUM_MAP.output[v] for v in TOMS}
CRASH = GM_DRUM_MAP.output[7]


def live_notes(fake, lo, hi):
    """The latest live notes written with onsets in [lo, hi) QN: {pitch: [onsets]}."""
    latest = {}
    for write in fake.written:
        for item in write["items"]:
            if item["name"] == "ReaGroove live":
                latest[item["start_qn"]] = item
    out = {}
    for item in latest.values():
        for on, _off, pitch, *_ in item["notes"]:
            if lo - 1e-6 <= on < hi - 1e-6:
                out.setdefault(pitch, []).append(on)
    return out


def test_f_in_reaper_fills_the_live_drums_into_the_next_section(make_panel, qtbot):
    fake = FakeReaper()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    assert "(F)" in w.fill_action.toolTip() and "F fill ·" in w.shortcut_help.text()
    assert w.fill_action in w.menuBar().actions()[2].menu().actions()  # the Drums menu
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text(), timeout=5000)
    w.fill_action.trigger()
    qtbot.waitUntil(lambda: "the drums fill into it" in w.last_message, timeout=3000)
    bar = int(re.search(r"next section on bar (\d+)", w.last_message).group(1))
    line = next(q for q in range(0, 4000, 4) if bar_and_beat(q, [(0.0, 4, 4)])[0] == bar)
    assert line > fake.position - 4  # a section still to come when F was pressed
    qtbot.waitUntil(lambda: fake.position > line + 8, timeout=5000)
    before, on = live_notes(fake, line - 4, line), live_notes(fake, line, line + 0.25)
    assert TOM_PITCHES & set(before) and min(q for p in TOM_PITCHES & set(before) for q in before[p]) >= line - 2, before
    assert CRASH in on, on
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None, timeout=3000)


def test_f_while_live_follow_is_off_says_when_it_works(make_panel, qtbot):
    w = make_panel()
    w.fill_action.trigger()
    assert w.last_message == "fill into the next section: only while live follow plays (L)"


def test_f_on_midi_ports_cues_the_section_once_the_drums_are_in(make_panel, qtbot):
    """Live on the ports (in-memory): before the player's first note there is no bar 1 to count from, said; once the
    drums play, F cues the section and says its bar, as `reagroove live`'s pedal does."""
    import mido
    from helpers import memory_port_opener

    opened, open_port = memory_port_opener()
    w = make_panel(list_ports=lambda: (["Keys"], ["Drums"]), open_port=open_port)
    w.bpm_spin.setValue(200.0)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.ports_live.player is not None, timeout=3000)
    w.fill_action.trigger()
    assert w.last_message == "fill into the next section: the drums are not in yet (cue it once they play)"
    player = w.ports_live.player
    for _ in range(40):  # 8th notes at 200 for two bars and more: the drums come in on the player's bar 2
        opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
        qtbot.wait(150)
        if player.clock.opening is None and any(m.type == "note_on" for m in opened["output"].sent):
            break
    assert any(m.type == "note_on" for m in opened["output"].sent), "the drums never came in"
    w.fill_action.trigger()
    bar = int(re.search(r"^next section on bar (\d+): the drums fill into it$", w.last_message).group(1))
    assert player.session._cue.lines == [(bar - 1) * 4.0]
    w.live_action.trigger()
