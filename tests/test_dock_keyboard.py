"""The docked panel with the keyboard alone: Tab reaches every control in reading order, the pad among them, focus
shown on it, the arrows move its point as the full editor's pad does, and Enter drumifies.

The simulated ReaImGui (fake_reaper/imgui.py) has no keyboard; the fixture below gives it ReaImGui's keyboard
functions for these tests: one control has the keyboard focus, keys are pressed for one frame, and an arrow moves
the focus to the next control that way (as ImGui's navigation does) unless the control takes it back.
"""

import sys

import pytest
from fake_reaper import ProjectSpec, reapy_inside
from fake_reaper import imgui as fake_imgui
from fake_reaper import imgui_widgets
from test_dock import config  # noqa: F401  (its fixture: a config folder of its own, the panel closed after)

from reagroove.core.settings import Settings
from reagroove.reaper_ext.dock import host
from reagroove.reaper_ext.panel.pad import NUDGE  # the full editor's pad: an arrow moves its point this far
from reagroove.reaper_ext.panel.store import SharedSettings

NAV_KEYBOARD, ENABLE_NAV = 1 << 0, 1 << 3  # Dear ImGui's ImGuiConfigFlags_NavEnableKeyboard, ImGuiButtonFlags_EnableNav
NAV_NO_CAPTURE = 1 << 3  # ImGuiConfigFlags_NavNoCaptureKeyboard
KEY_CODES = {"Key_LeftArrow": 513, "Key_RightArrow": 514, "Key_UpArrow": 515, "Key_DownArrow": 516,
             "Key_Enter": 525, "Key_KeypadEnter": 615, "Key_Tab": 512, "Key_Space": 524}
FOCUSABLE = ("button", "checkbox", "slider", "slider_int")


class Keyboard:
    """The simulated keyboard: what has the focus, the keys pressed this frame, the pad's flags, the default focus."""

    def __init__(self):
        self.focus: str | None = None
        self.pressed: set[int] = set()
        self.refocused = False  # SetKeyboardFocusHere(-1) this frame, on the focused item
        self.default: str | None = None
        self.flags: dict[str, int] = {}  # an InvisibleButton's flags, by its id


@pytest.fixture
def keyboard(monkeypatch):
    kb = Keyboard()
    invisible_button = imgui_widgets.InvisibleButton

    def InvisibleButton(ctx, str_id, size_w, size_h, flags=None):
        kb.flags[str(str_id)] = int(flags or 0)
        return invisible_button(ctx, str_id, size_w, size_h, flags)

    def IsItemFocused(ctx):
        c = fake_imgui._ctx(ctx, "IsItemFocused")
        return bool(c.frame) and c.frame[-1].label == kb.focus

    def IsItemActive(ctx):  # held by the mouse (a drag), or by Enter / Space while it has the focus (ImGui's nav)
        c = fake_imgui._ctx(ctx, "IsItemActive")
        held = kb.pressed & {KEY_CODES["Key_Enter"], KEY_CODES["Key_Space"]}
        return imgui_widgets.IsItemActive(ctx) or bool(held and c.frame and c.frame[-1].label == kb.focus)

    def IsMouseDown(ctx, button):
        c = fake_imgui._ctx(ctx, "IsMouseDown")
        return any(w.kind == "invisible_button" and w.value is not None for w in c.frame)

    def IsKeyPressed(ctx, key, repeat=True):
        fake_imgui._ctx(ctx, "IsKeyPressed")
        return int(key) in kb.pressed

    def SetKeyboardFocusHere(ctx, offset=0):
        c = fake_imgui._ctx(ctx, "SetKeyboardFocusHere")
        if offset == -1 and c.frame and c.frame[-1].label == kb.focus:
            kb.refocused = True

    def SetItemDefaultFocus(ctx):
        c = fake_imgui._ctx(ctx, "SetItemDefaultFocus")
        kb.default = c.frame[-1].label

    def DrawList_AddRect(draw_list, p_min_x, p_min_y, p_max_x, p_max_y, col_rgba, rounding=None, flags=None,
                         thickness=None):
        imgui_widgets._draw(draw_list, "rect", p_min_x, p_min_y, p_max_x, p_max_y, col_rgba)

    binding = {"InvisibleButton": InvisibleButton, "IsItemFocused": IsItemFocused, "IsKeyPressed": IsKeyPressed,
               "IsItemActive": IsItemActive, "IsMouseDown": IsMouseDown, "MouseButton_Left": lambda: 0,
               "SetKeyboardFocusHere": SetKeyboardFocusHere, "SetItemDefaultFocus": SetItemDefaultFocus,
               "DrawList_AddRect": DrawList_AddRect, "ConfigFlags_NavEnableKeyboard": lambda: NAV_KEYBOARD,
               "ConfigFlags_NavNoCaptureKeyboard": lambda: NAV_NO_CAPTURE,
               "ButtonFlags_EnableNav": lambda: ENABLE_NAV}
    binding.update({name: (lambda code=code: code) for name, code in KEY_CODES.items()})
    for name, fn in binding.items():
        monkeypatch.setattr(fake_imgui, name, fn, raising=False)
    monkeypatch.setattr(fake_imgui, "__all__", sorted(set(fake_imgui.__all__) | set(binding)))
    yield kb
    sys.modules.pop("imgui", None)  # the binding loaded with these: the next test loads the simulated one afresh


def project():
    spec = ProjectSpec(bpm=120)
    spec.add_track("Keys", armed=True)
    return spec


def open_dock(s, config, settings, launched):
    SharedSettings(config / "settings.json").write(settings)
    fake_imgui.install_reaimgui(s.reaper)
    panel = host.run_action(launch=launched.append)
    assert panel is not None
    s.reaper.run_deferred()
    return panel, fake_imgui.state(s.reaper)


def tab_order(gui, kb) -> list:
    """The controls Tab goes through, in ImGui's order (the order they are drawn), disabled ones left out."""
    return [w for w in gui.last_frame() if not w.disabled and (
        w.kind in FOCUSABLE or (w.kind == "invisible_button" and kb.flags.get(w.label, 0) & ENABLE_NAV))]


def press(s, gui, kb, *names):
    """Keys pressed for one frame; an arrow then moves the focus to the next control that way, as ImGui's navigation
    does, unless the focused control took it back."""
    kb.pressed, kb.refocused = {KEY_CODES[n] for n in names}, False
    s.reaper.run_deferred()
    arrows = [n for n in names if n.endswith("Arrow")]
    if arrows and not kb.refocused:
        labels = [w.label for w in gui.last_frame() if w.kind in FOCUSABLE or w.kind == "invisible_button"]
        at = labels.index(kb.focus)
        kb.focus = labels[min(at + 1, len(labels) - 1) if arrows[-1] in ("Key_DownArrow", "Key_RightArrow")
                          else max(at - 1, 0)]
    kb.pressed = set()
    s.reaper.run_deferred()  # the frame after: nothing pressed


BLEND = Settings(pattern_a="rock", pattern_b="funk", interpolate=0.5, follow=0.4)


def test_tab_reaches_every_control_in_reading_order_from_drumify_and_the_pad_among_them(config, keyboard):
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, config, BLEND, launched)
        assert gui.context().flags & NAV_KEYBOARD  # ImGui's Tab, arrows, Space / Enter, and its focus outline
        assert gui.context().flags & NAV_NO_CAPTURE  # and REAPER's own keys (Space: play) still reach REAPER
        order = tab_order(gui, keyboard)
        labels = [w.label for w in order]
        assert labels[0] == "Drumify" and keyboard.default == "Drumify"  # the keyboard starts on the main action
        assert "##pad" in labels  # Dear ImGui 1.91+ leaves an invisible button out of Tab unless told
        at = labels.index
        assert at("Full editor…") < at("##pad") < at("←item##A") < at("Follow")  # actions, pad, patterns, sliders
        for genre in ("Rock", "Funk", "Jazz"):
            assert genre in labels
        rows = [(round(w.rect[1]), w.rect[0]) for w in order]
        assert rows == sorted(rows)  # top to bottom, left to right: as the panel reads


def test_the_arrows_move_the_pad_point_as_the_full_editors_pad_and_the_focus_stays_on_it(config, keyboard):
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, config, BLEND, launched)
        ring = lambda: [d for d in gui.last_draw() if d[0] == "rect"]  # noqa: E731
        assert ring() == []  # no focus outline while the pad has no focus
        keyboard.focus = "##pad"
        s.reaper.run_deferred()
        x0, y0, x1, y1 = gui.widget("##pad").rect
        (_, rx0, ry0, rx1, ry1, _colour), = ring()
        assert rx0 < x0 and ry0 < y0 and rx1 > x1 and ry1 > y1  # drawn round the pad: it has the keyboard
        press(s, gui, keyboard, "Key_RightArrow")
        assert keyboard.focus == "##pad"  # still on the pad: the next arrow moves the point again
        assert (panel.settings.interpolate, panel.settings.follow) == (0.5 + NUDGE, 0.4)  # across: towards B
        press(s, gui, keyboard, "Key_UpArrow")
        press(s, gui, keyboard, "Key_UpArrow")
        assert keyboard.focus == "##pad"
        assert (panel.settings.interpolate, panel.settings.follow) == (0.55, round(0.4 + 2 * NUDGE, 3))
        panel.shared.flush()
        assert Settings.load(config / "settings.json").follow == 0.5  # shared with the full editor, as a drag is
        for _ in range(12):  # held against the edge: it stops there
            press(s, gui, keyboard, "Key_LeftArrow")
        assert panel.settings.interpolate == 0.0 and keyboard.focus == "##pad"
        keyboard.focus = "Follow"
        press(s, gui, keyboard, "Key_DownArrow")
        assert panel.settings.follow == 0.5  # an arrow on another control is ImGui's: it moves the focus on
        assert ring() == []


def test_enter_on_the_pad_drumifies_with_the_blend_it_shows(config, keyboard):
    launched = []
    with reapy_inside(project()) as s:
        panel, gui = open_dock(s, config, BLEND, launched)
        keyboard.focus = "##pad"
        press(s, gui, keyboard, "Key_RightArrow")
        press(s, gui, keyboard, "Key_Enter")
        assert [args[:2] for args in launched] == [["reaper", "drumify"]]
        used = Settings.load(launched[0][launched[0].index("--settings") + 1])
        assert used.interpolate == 0.55  # the engine plays what the pad showed when Enter was pressed
        assert (panel.settings.interpolate, panel.settings.follow) == (0.55, 0.4)  # Enter held it: the point stays
        press(s, gui, keyboard, "Key_Space")  # ImGui's other activation key: the point stays too
        assert (panel.settings.interpolate, panel.settings.follow) == (0.55, 0.4)
        gui.drag("##pad", 0.5, 0.0)  # and the mouse still drags it (to G, at the top)
        s.reaper.run_deferred()
        assert panel.settings.follow == 1.0
        press(s, gui, keyboard, "Key_LeftArrow")
        assert len(launched) == 1  # an arrow alone generates nothing


@pytest.mark.parametrize("version, latin1", [("0.10.0.2", False), ("0.9.3", True)])  # 0.9: a Latin-1 font
def test_the_tooltips_say_the_keys_on_one_line(config, keyboard, version, latin1):
    launched = []
    with reapy_inside(project()) as s:
        fake_imgui.state(s.reaper).reaimgui_version = version
        panel, gui = open_dock(s, config, BLEND, launched)
        for label in ("##pad", "Follow", "A <-> B" if latin1 else "A ↔ B", "Fills", "##variations", "Funk"):
            tip = gui.widget(label).tooltip
            assert "keys:" in tip and "\n" not in tip, label
            assert tip.isascii() or not latin1, tip  # "←/→" said as "<-/->" where the font has no arrows
        keyboard.focus = "##pad"
        press(s, gui, keyboard, "Key_DownArrow")
        assert panel.settings.follow == round(0.4 - NUDGE, 3)  # the keys work with either binding
