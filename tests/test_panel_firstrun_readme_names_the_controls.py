"""The README's panel sections against the panels as drawn, for a new user reading them side by side: every button
and check box the docked panel draws is named in its section (Half time and the pattern's × were in neither the
README nor anywhere but their tooltips), and every key the full editor takes is in the Qt panel's (H, half time,
was on the editor's keys line but not in the README's)."""

import re
from pathlib import Path

import panel_helpers  # first: Qt offscreen, and this file skipped without Qt

from fake_reaper import ProjectSpec, reapy_inside  # noqa: E402
from fake_reaper import imgui as fake_imgui  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from test_dock import config  # noqa: E402,F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.settings import Settings  # noqa: E402
from reagroove.reaper_ext.dock import host  # noqa: E402
from reagroove.reaper_ext.panel.store import SharedSettings  # noqa: E402

make_panel = panel_helpers.make_panel
README = Path(__file__).resolve().parents[1] / "README.md"
ARROWS = {"Up": "↑", "Down": "↓", "Left": "←", "Right": "→", "PgDown": "PgDn"}  # as the README writes keys


def section(title: str, until: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    return text[start:text.index(until, start + len(title))]


def test_every_button_and_check_box_of_the_docked_panel_is_named_in_its_readme_section(config):
    SharedSettings(config / "settings.json").write(Settings(pattern_a="rock", pattern_b="funk"))  # × shown too
    spec = ProjectSpec(bpm=96)
    spec.add_track("Bass", armed=True)
    with reapy_inside(spec) as s:
        fake_imgui.install_reaimgui(s.reaper)
        host.run_action(launch=lambda args: None)
        s.reaper.run_deferred()
        frame = fake_imgui.state(s.reaper).last_frame()
    drawn = {w.label.split("##")[0] for w in frame if w.kind in ("button", "checkbox")}
    assert {"Drumify", "Dice", "Full editor…", "×", "Half time"} <= drawn  # the frame drew them all
    docked = section("#### Docked panel", "#### Qt panel")
    assert not [label for label in drawn if label not in docked], docked


def test_every_key_of_the_full_editor_is_in_its_readme_section(make_panel):
    w = make_panel()
    text = section("#### Qt panel", "\n## ").replace("`", "")
    # "Ctrl+↑/↓" names Ctrl+↑ and Ctrl+↓, "1-9" the keys 1 to 9
    text = re.sub(r"((?:Ctrl\+|Alt\+|Shift\+)+)([^\s/]+)/([^\s,;.)]+)", r"\1\2 \1\3", text)
    text = re.sub(r"\b([0-9])-([0-9])\b", lambda m: " ".join(str(d) for d in range(int(m[1]), int(m[2]) + 1)), text)
    named = {token.strip(",.;:()\"'") for token in text.split()}
    keys = {key.toString(QKeySequence.SequenceFormat.PortableText)
            for action in w.actions() for key in action.shortcuts()}
    assert {"H", "F4", "Ctrl+D"} <= keys  # the window's own shortcuts were read
    readme = {re.sub(r"[A-Za-z]+$", lambda m: ARROWS.get(m[0], m[0]), key) for key in keys}
    assert not sorted(readme - named)
