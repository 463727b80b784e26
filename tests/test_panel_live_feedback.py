"""A control changed while the drums play live says when it is heard ("live: density 0.3 from bar 5"): the status
line said only "live on MIDI ports: Keys → Drums", and the change was heard a bar later without a word."""

import re
from types import SimpleNamespace

import pytest

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

import mido  # noqa: E402
from helpers import MemoryInput, MemoryOutput  # noqa: E402

from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.panel.live_notes import changed_text, next_loop_bar  # noqa: E402
from reagroove.reaper_ext.panel.transport import bar_and_beat  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
FOUR_FOUR = [(0.0, 4, 4)]


def session_at(now, *, origin=0.0, beats_per_bar=4.0, lookahead=0.25):
    return SimpleNamespace(running=True, now=now, origin=origin, beats_per_bar=beats_per_bar, lookahead=lookahead,
                           regenerate="bar")


@pytest.mark.parametrize("now, bar", [(13.0, 5), (14.5, 5), (15.7, 5), (15.8, 6), (16.0, 6), (0.0, 2)])
def test_a_change_is_heard_from_the_first_bar_whose_loop_is_not_made_yet(now, bar):
    # a loop is made a quarter beat before its bar line: a change at beat 2 of bar 4 is heard in bar 5 (as the QA
    # pass heard it), one in bar 4's last quarter beat in bar 6
    assert bar_and_beat(now, FOUR_FOUR)[0] in (bar - 1, bar - 2)
    assert next_loop_bar(session_at(now), FOUR_FOUR) == bar


def test_in_three_four_and_before_playing():
    assert next_loop_bar(session_at(7.0, beats_per_bar=3.0), [(0.0, 3, 4)]) == 4  # bar 3 beat 2 -> bar 4
    assert next_loop_bar(None, FOUR_FOUR) is None
    assert next_loop_bar(SimpleNamespace(running=False), FOUR_FOUR) is None


def test_the_change_is_said_short():
    s = Settings()
    assert changed_text(s, s.replace(density=0.3)) == "density 0.3"
    assert changed_text(s, s.replace(voice_groups={**s.voice_groups, "hats": False})) == "hats muted"
    assert changed_text(s, s.replace(genre={"funk": 1.0})) == "genre Funk"
    assert changed_text(s, s.replace(follow=0.3, interpolate=0.5)) == "follow 0.3, A ↔ B 0.5"
    assert changed_text(s, s.replace(density=0.3, seed=5, humanize=0.5)) == "3 settings"  # a preset, say
    assert changed_text(s, s.replace(variations=4)) == "" and changed_text(None, s) == ""


def live_on_ports(make_panel, qtbot, bpm: float | None = None):
    """(the editor playing live from in-memory port "Keys" to "Drums", the ports opened by kind)."""
    opened = {}

    def open_port(name, kind):
        opened[kind] = MemoryInput(name) if kind == "input" else MemoryOutput(name)
        return opened[kind]

    w = make_panel(list_ports=lambda: (["Keys"], ["Drums"]), open_port=open_port)
    if bpm is not None:
        w.bpm_spin.setValue(bpm)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "input" in opened and w.ports_live.session is not None, timeout=3000)
    # a producer's next move comes in a later turn of the event loop than the line that started live (on a loaded
    # machine the wait above could end in that turn, and the next change was then said as part of that line)
    qtbot.waitUntil(lambda: not w._said_now, timeout=1000)
    return w, opened


def test_a_control_moved_while_playing_on_ports_says_the_bar_it_is_heard_from(make_panel, qtbot):
    w, opened = live_on_ports(make_panel, qtbot, bpm=240.0)  # a bar a second
    assert w.status_line.text() == "live on MIDI ports: Keys → Drums"
    opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    qtbot.waitUntil(lambda: w.status_labels["position"].text().endswith("· playing"), timeout=3000)
    session = w.ports_live.session
    w._edit(w.controller.update, density=0.3)
    now = session.now
    said = re.fullmatch(r"live: density 0\.3 from bar (\d+)", w.status_line.text())
    assert said, w.status_line.text()
    bar = int(said.group(1))
    assert bar == next_loop_bar(session, FOUR_FOUR)
    assert bar_and_beat(now, FOUR_FOUR)[0] + 1 <= bar <= bar_and_beat(now, FOUR_FOUR)[0] + 2
    # heard there: the loop of that bar's line is the first made with the new density
    line = (bar - 1) * 4.0
    qtbot.waitUntil(lambda: session.now >= line, timeout=5000)
    assert session.settings.density == 0.3
    w.live_action.trigger()
    assert not w.live_on
    w._edit(w.controller.update, density=0.6)
    assert not w.status_line.text().startswith("live:")  # not playing: nothing to say of when


def test_a_line_said_for_the_change_keeps_its_words_and_adds_when(make_panel, qtbot):
    """Undo while playing: "undone: density" stays, the bar added (it was replaced by the live note)."""
    w, opened = live_on_ports(make_panel, qtbot)
    opened["input"].queue.append(mido.Message("note_on", note=40, velocity=100))
    qtbot.waitUntil(lambda: w.status_labels["position"].text().endswith("· playing"), timeout=3000)
    w._edit(w.controller.update, density=0.3)
    qtbot.wait(10)  # another gesture
    w.undo_edit()
    assert re.fullmatch(r"undone: density; live from bar \d+", w.status_line.text()), w.status_line.text()
    w.live_action.trigger()
