"""The editor's F (fill into the next section) says the section's bar as REAPER's ruler numbers it. It counted bars
from 1 at the project start, ignoring the project's start measure: with the ruler starting at 0 (measure offset -1)
it said "bar 9" for the bar REAPER shows, and Drumify says, as bar 8. Under pytest-qt, offscreen, with test_panel.py's
pretend REAPER (playing, eighth notes played in) and stand-in model."""

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

import re  # noqa: E402

from test_panel import FakeReaper  # noqa: E402
from test_panel_live_fill_key import CRASH, TOM_PITCHES, live_notes  # noqa: E402

from reagroove.reaper_ext.panel.controller import REAPER  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs  # test_panel's fixtures


class RulerFromZero(FakeReaper):
    """A project whose ruler numbers its first measure 0 (File > Project settings: start measure 0)."""

    def info(self):
        return {**super().info(), "measure_offset": -1}


def test_f_says_the_sections_bar_as_reapers_ruler_numbers_it(make_panel, qtbot):
    fake = RulerFromZero()
    fake.playing = True
    w = make_panel(bridge=fake, check_every=0.05)
    qtbot.waitUntil(lambda: w.mode == REAPER, timeout=3000)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: "made" in w.status_labels["loops"].text(), timeout=5000)
    pressed = fake.position
    w.fill_action.trigger()
    qtbot.waitUntil(lambda: "the drums fill into it" in w.last_message, timeout=3000)
    said = int(re.search(r"next section on bar (\d+)", w.last_message).group(1))
    qtbot.waitUntil(lambda: fake.position > pressed + 16, timeout=5000)
    notes = live_notes(fake, pressed, fake.position)
    toms = [on for p in TOM_PITCHES for on in notes.get(p, [])]
    # the crash a fill leads into (not the one where the drums came in)
    line = min(on for on in notes.get(CRASH, []) if any(on - 4 <= t < on for t in toms))
    # 4/4 from QN 0: the measure starting at QN 4k is REAPER's (k + 1) + offset, here k
    assert said == round(line / 4), (said, line, w.last_message)
    w.live_action.trigger()
    qtbot.waitUntil(lambda: w.link.follower is None, timeout=3000)
