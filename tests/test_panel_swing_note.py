"""One input, one swing: the editor's note on a swung part ("the part swings (its off-beat 8ths at 67% ...)") keeps
its number while the pad and Follow move, since the input has not changed."""

import re

import panel_helpers  # noqa: F401  (Qt offscreen; skips the file without PySide6, pyqtgraph or pytest-qt)

from test_panel import FUNK_BASS, pick  # noqa: E402

from reagroove.core import read_midi  # noqa: E402
from reagroove.core.settings import Settings  # noqa: E402

make_panel, no_dialogs = panel_helpers.make_panel, panel_helpers.no_dialogs
SHUFFLE = FUNK_BASS.with_name("shuffle_blues.mid")
SAID = re.compile(r"the part swings \(its off-beat 8ths at (\d+)% of the beat\)")


def swing_said(notes) -> list[str]:
    return [m.group(1) for note in notes if (m := SAID.search(note))]


def previewed(w, qtbot) -> tuple:
    qtbot.waitUntil(lambda: w.roll.tag == w._request_id and w._shown_request == w._request_id, timeout=10000)
    return w._preview_notes


def test_the_swing_said_stays_while_the_pad_moves_toward_a_pattern(make_panel, qtbot):
    """shuffle_blues opened: "at 67%"; Follow moved toward pattern A: "at 68%", and said again at each move."""
    w = make_panel()
    assert w.open_midi(SHUFFLE)
    first = swing_said(previewed(w, qtbot))
    assert first == ["67"] and "at 67%" in w.status_line.text()
    pick(w.pattern_combos["A"], w.pattern_combos["A"].findText("rock"))
    previewed(w, qtbot)
    said = set()
    for follow in (0.9, 0.75, 0.6):
        w.follow_slider.changed.emit(follow)
        said.update(swing_said(previewed(w, qtbot)))
    assert w.controller.settings.follow == 0.6 and said == {"67"}


def test_drumify_says_the_parts_own_swing_whatever_the_pad(make_panel):
    engine = make_panel().controller.engine
    content = read_midi(SHUFFLE)
    for settings in (Settings(), Settings(pattern_a="rock", follow=0.9), Settings(pattern_a="funk", follow=0.6),
                     Settings(pattern_a="funk", follow=0.4)):
        assert swing_said(engine.drumify(content, settings).messages) == ["67"], settings
    # toward a straight pattern the drums may play straight: said so, not left as "the drums swing with it"
    notes = engine.drumify(content, Settings(pattern_a="funk", follow=0.4)).messages
    assert any("the drums play the pattern straight (raise follow to swing them)" in m for m in notes)


def test_a_note_that_begins_one_on_the_line_is_still_said(make_panel):
    """After an export whose line said the swing note with its jazz hint, Jazz chosen: the preview's note (the
    same words without the hint) had read as said already, and the line kept the hint alone."""
    w = make_panel()
    plain = "the part swings (its off-beat 8ths at 67% of the beat): the drums swing with it"
    hinted = plain + " (for a jazz ride, ask for the jazz genre)"
    w._preview_notes = (hinted,)
    w.say(f"wrote drums.mid: 6 loops; note: {hinted}")
    w._say_preview_notes((plain,))
    assert w.last_message.endswith(f"note: {plain}")
