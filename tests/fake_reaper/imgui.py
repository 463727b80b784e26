"""Simulated ReaImGui for the simulated REAPER: the Python binding ReaImGui 0.9+ generates (``imgui.py``),
backed by a recorder of what each frame draws and a player of the producer's gestures.

ReaPack installs ReaImGui's binding as ``<resource>/Scripts/ReaTeam Extensions/API/imgui.py``;
``install_reaimgui(reaper)`` writes a file there that imports this module, so a script finds it the way it
finds the real one. The binding's conventions are kept (tools/genbinding.cpp in cfillion/reaimgui):
function names without the ``ImGui_`` prefix; a call returns its result followed by its read/write
arguments (``changed, v = SliderDouble(ctx, label, v, lo, hi)``; ``visible, open = Begin(ctx, name, True)``),
only the result when there are none, nothing for ``void``; enums are functions returning ints.

Test side::

    gui = fake_reaper.imgui.state()        # the simulated ImGui of the current simulated REAPER
    gui.set_value("Density", 0.8)          # the next frame that draws "Density" returns (True, 0.8)
    gui.click("Drumify")                   # the next Button("Drumify") returns True
    gui.drag("##pad", 0.5, 0.2)            # "##pad" is held with the mouse at (50%, 20%) of its rectangle
    gui.dock("ReaGroove", -2)              # the user drags the window into REAPER's docker 2
    gui.close("ReaGroove")                 # the user clicks the window's close button
    frame = gui.last_frame()               # widgets drawn in the last complete frame (Widget records)

Frames follow REAPER's defer cycles, as in ReaImGui: the first call in a new
cycle ends the previous frame. Misuse that ReaImGui reports as an error
(a context used after a cycle without it, End without Begin, a missing End)
is recorded in the simulated REAPER's ``script_errors``.

Places where ReaImGui's documentation does not say what happens are marked DOC UNCLEAR.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

try:
    from fake_reaper import project as _fr
except ImportError:  # loaded from its own folder
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from fake_reaper import project as _fr

API_DIR = ("Scripts", "ReaTeam Extensions", "API")
LINE_H = 22.0  # height of one row of widgets
PADDING = 8.0
DOCKER_SIZE = (300.0, 720.0)  # a REAPER docker's size given to a window docked in it


def install_reaimgui(reaper) -> str:
    """Put the simulated binding where ReaPack installs ReaImGui's; returns its path."""
    folder = os.path.join(reaper.resource_path, *API_DIR)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "imgui.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# ReaImGui's Python binding, simulated (tests/fake_reaper/imgui.py)\n"
                "from fake_reaper.imgui import *  # noqa: F401,F403\n")
    return path


# ---------------------------------------------------------------- test-side records


@dataclass
class Widget:
    kind: str  # "slider", "slider_int", "checkbox", "button", "invisible_button", "text", "separator_text"
    label: str
    value: object = None
    disabled: bool = False
    tooltip: str | None = None
    rect: tuple = (0.0, 0.0, 0.0, 0.0)
    changed: bool = False
    range: tuple | None = None  # a slider's (min, max)
    shown: str | None = None  # the text a slider draws on itself: its format with its value


@dataclass
class Window:
    title: str
    dock_id: int = 0
    pos: tuple = (40.0, 40.0)
    size: tuple = (0.0, 0.0)
    seen: bool = False  # has been begun once (ImGui's "first use")
    close_requested: bool = False


@dataclass
class Context:
    label: str
    flags: int
    handle: int
    last_tick: int
    frame: list = field(default_factory=list)
    last_frame: list = field(default_factory=list)
    draw: list = field(default_factory=list)
    frame_tick: int | None = None
    stack: list = field(default_factory=list)  # windows begun and not ended
    disabled: list = field(default_factory=list)
    next_window: dict = field(default_factory=dict)
    once_done: set = field(default_factory=set)
    cursor_y: float = 0.0
    same_line: bool = False
    next_item_width: float | None = None
    wrap: list = field(default_factory=list)  # PushTextWrapPos's positions, innermost last
    valid: bool = True
    frames: int = 0
    tables: list = field(default_factory=list)  # tables begun and not ended (see BeginTable), innermost last


class ImGuiState:
    """The simulated ImGui of one simulated REAPER: contexts, windows, gestures queued by a test."""

    def __init__(self, reaper):
        self.reaper = reaper
        self.contexts: dict[int, Context] = {}
        self.windows: dict[str, Window] = {}
        self.values: dict[str, object] = {}  # label -> value the user gives it (sliders, checkboxes)
        self.clicks: dict[str, int] = {}
        self.drags: dict[str, tuple] = {}
        self.ignored: list[str] = []  # gestures on disabled widgets (ImGui ignores them)
        # GetVersion's; before 0.10 ReaImGui's default font (Dear ImGui's ProggyClean) has Latin-1's glyphs only
        self.reaimgui_version = "0.10.0.2"
        self._next_handle = 0x5A000

    # ------------------------------------------------------------ gestures

    def set_value(self, label: str, value) -> None:
        self.values[label] = value

    def click(self, label: str) -> None:
        self.clicks[label] = self.clicks.get(label, 0) + 1

    def drag(self, label: str, fx: float, fy: float) -> None:
        """Hold the mouse on item `label` at (fx, fy) of its rectangle (0..1 from its top left) next frame."""
        self.drags[label] = (fx, fy)

    def dock(self, title: str, dock_id: int) -> None:
        """The user drags window `title` into a REAPER docker (-1..-16) or out of it (0)."""
        self.windows[title].dock_id = int(dock_id)

    def close(self, title: str) -> None:
        self.windows[title].close_requested = True

    # ------------------------------------------------------------ records

    def context(self, label: str | None = None) -> Context:
        found = [c for c in self.contexts.values() if label is None or c.label == label]
        return found[-1]

    def last_frame(self, label: str | None = None) -> list[Widget]:
        """The widgets of the last complete frame (one whose defer cycle has ended)."""
        c = self.context(label)
        return c.frame if c.frame_tick is not None and c.frame_tick < self.reaper.ticks else c.last_frame

    def last_draw(self, label: str | None = None) -> list[tuple]:
        """The shapes drawn into window draw lists in the last frame (only after its cycle ended)."""
        return self.context(label).draw

    def widget(self, label: str, frame: list | None = None) -> Widget:
        frame = self.last_frame() if frame is None else frame
        for w in frame:
            if w.label == label:
                return w
        raise KeyError(f"no widget {label!r} drawn; drawn: {[w.label for w in frame]}")

    def error(self, message: str) -> None:
        self.reaper.script_errors.append(("ReaImGui", message))


def state(reaper=None) -> ImGuiState:
    reaper = reaper or _fr.current()
    gui = getattr(reaper, "imgui", None)
    if gui is None:
        gui = reaper.imgui = ImGuiState(reaper)
    return gui


# ---------------------------------------------------------------- the binding's plumbing


def _ctx(ctx, fn: str) -> Context:
    gui = state()
    c = gui.contexts.get(ctx)
    tick = gui.reaper.ticks
    # "The context will remain valid as long as it is used in each defer cycle." DOC UNCLEAR: whether a
    # context used before the first cycle after its creation counts; here a context survives one cycle
    # without use at most (it is destroyed when a whole cycle passes without it).
    if c is not None and c.valid and tick - c.last_tick > 1:
        c.valid = False
    if c is None or not c.valid:
        gui.error(f"ImGui_{fn}: expected a valid ImGui_Context*, got {ctx!r}")
        raise ValueError(f"ImGui_{fn}: expected a valid ImGui_Context*")
    c.last_tick = tick
    if c.frame_tick != tick:  # the first call in a new defer cycle: a new frame
        if c.frame_tick is not None:
            if c.tables:
                gui.error(f"ImGui: missing EndTable() for table {c.tables[-1].str_id!r}")
            if c.stack:
                gui.error(f"ImGui: missing End() for window {c.stack[-1].title!r}")
            c.last_frame = c.frame
            c.frames += 1
        c.frame, c.draw, c.stack, c.disabled, c.wrap = [], [], [], [], []
        c.tables = []
        c.frame_tick = tick
    return c


def _window(c: Context, fn: str) -> Window:
    if not c.stack:
        state().error(f"ImGui_{fn}: no window begun")
        raise ValueError(f"ImGui_{fn}: no window begun")
    return c.stack[-1]


def _place(c: Context, height: float = LINE_H, width: float | None = None) -> tuple:
    win = c.stack[-1] if c.stack else Window("?")
    x0, y0 = win.pos
    avail_w = win.size[0] - 2 * PADDING
    if c.same_line and c.frame:
        last = c.frame[-1].rect
        x, y = last[2] + PADDING, last[1]
    else:
        x, y = x0 + PADDING, y0 + PADDING + c.cursor_y
        c.cursor_y += height + 4.0
    c.same_line = False
    return (x, y, x + (avail_w if width is None else width), y + height)


def _item_width(c: Context, label: str) -> float:
    """A framed widget's width: the next item width if set, else ImGui's default (65% of the window), plus its
    visible label (text after "##" is an id, not shown)."""
    win = c.stack[-1] if c.stack else Window("?")
    frame_w = c.next_item_width if c.next_item_width is not None else 0.65 * win.size[0]
    c.next_item_width = None
    shown = label.split("##")[0]
    return frame_w + (8.0 + 7.0 * len(shown) if shown else 0.0)


def _add(c: Context, kind: str, label: str, value=None, height: float = LINE_H, width=None) -> Widget:
    w = Widget(kind, label, value, disabled=bool(c.disabled and c.disabled[-1]), rect=_place(c, height, width))
    c.frame.append(w)
    return w


def _gesture_value(c: Context, w: Widget):
    gui = state()
    if w.label not in gui.values:
        return None
    value = gui.values.pop(w.label)
    if w.disabled:
        gui.ignored.append(w.label)
        return None
    return value


# ---------------------------------------------------------------- enums (functions in the binding)


def ConfigFlags_DockingEnable():
    return 1 << 6


def ConfigFlags_None():
    return 0


def Cond_Always():
    return 1 << 0


def Cond_Once():
    return 1 << 1


def Cond_FirstUseEver():
    return 1 << 2


def WindowFlags_None():
    return 0


# ---------------------------------------------------------------- context and windows


def GetVersion():
    """(imgui_version, imgui_version_num, reaimgui_version): its outputs only, as the binding returns them."""
    version = state().reaimgui_version
    old = tuple(int(n) for n in version.split(".")[:2]) < (0, 10)  # 0.9.x: Dear ImGui 1.90, 0.10: 1.92
    return ("1.90.5", 19050, version) if old else ("1.92.1", 19210, version)


def CreateContext(label, config_flags=None):
    gui = state()
    gui._next_handle += 0x10
    handle = gui._next_handle
    gui.contexts[handle] = Context(str(label), int(config_flags or 0), handle, last_tick=gui.reaper.ticks)
    return handle


def ValidatePtr(pointer, type_):
    c = state().contexts.get(pointer)
    return bool(c and c.valid and state().reaper.ticks - c.last_tick <= 1)


def SetNextWindowSize(ctx, size_w, size_h, cond=None):
    c = _ctx(ctx, "SetNextWindowSize")
    c.next_window["size"] = ((float(size_w), float(size_h)), int(cond or Cond_Always()))


def SetNextWindowDockID(ctx, dock_id, cond=None):
    c = _ctx(ctx, "SetNextWindowDockID")
    c.next_window["dock"] = (int(dock_id), int(cond or Cond_Always()))


def _applies(c: Context, win: Window, what: str, cond: int) -> bool:
    if cond & Cond_Once():
        key = (win.title, what)
        if key in c.once_done:
            return False
        c.once_done.add(key)
        return True
    if cond & Cond_FirstUseEver():
        return not win.seen
    return True


def Begin(ctx, name, p_open=None, flags=None):
    c = _ctx(ctx, "Begin")
    gui = state()
    win = gui.windows.get(name)
    if win is None:
        win = gui.windows[name] = Window(str(name))
    size = c.next_window.pop("size", None)
    if size is not None and _applies(c, win, "size", size[1]):
        win.size = size[0]
    dock = c.next_window.pop("dock", None)
    # DOC UNCLEAR: the docs do not say whether SetNextWindowDockID works without ConfigFlags_DockingEnable;
    # here it is ignored, as Dear ImGui ignores docking requests when docking is off.
    if dock is not None and c.flags & ConfigFlags_DockingEnable() and _applies(c, win, "dock", dock[1]):
        win.dock_id = dock[0]
    if win.size == (0.0, 0.0):
        win.size = (400.0, 300.0)
    if win.dock_id < 0:
        win.size = DOCKER_SIZE
    win.seen = True
    c.stack.append(win)
    c.cursor_y = 0.0
    c.same_line = False
    open_ = None if p_open is None else (not win.close_requested)
    win.close_requested = False
    return True, open_


def End(ctx):
    c = _ctx(ctx, "End")
    if not c.stack:
        state().error("ImGui_End: Calling End() too many times!")
        raise ValueError("ImGui_End: Calling End() too many times!")
    c.stack.pop()


def GetWindowDockID(ctx):
    return _window(_ctx(ctx, "GetWindowDockID"), "GetWindowDockID").dock_id


def IsWindowDocked(ctx):
    return _window(_ctx(ctx, "IsWindowDocked"), "IsWindowDocked").dock_id != 0


def GetContentRegionAvail(ctx):
    c = _ctx(ctx, "GetContentRegionAvail")
    win = _window(c, "GetContentRegionAvail")
    x = win.pos[0] + PADDING
    if c.same_line and c.frame:  # after SameLine: what is left of the row
        x = c.frame[-1].rect[2] + PADDING
    return win.pos[0] + win.size[0] - PADDING - x, max(win.size[1] - 2 * PADDING - c.cursor_y, 0.0)


# ---------------------------------------------------------------- layout and text


def SameLine(ctx, offset_from_start_x=None, spacing=None):
    _ctx(ctx, "SameLine").same_line = True


def NewLine(ctx):
    """ImGui: "undo a SameLine() or force a new line when in a horizontal-layout context" (an empty line)."""
    c = _ctx(ctx, "NewLine")
    if c.same_line:
        c.same_line = False
    else:
        c.cursor_y += LINE_H + 4.0


def Separator(ctx):
    c = _ctx(ctx, "Separator")
    _add(c, "separator", "", height=4.0)


def SeparatorText(ctx, label):
    c = _ctx(ctx, "SeparatorText")
    _add(c, "separator_text", str(label))


def Text(ctx, text):
    c = _ctx(ctx, "Text")
    _add(c, "text", str(text), width=7.0 * len(str(text)))


def TextWrapped(ctx, text):
    c = _ctx(ctx, "TextWrapped")
    _add(c, "text", str(text))


def TextColored(ctx, col_rgba, text):
    """One line as long as its text, as Text draws it; wrapped at the window's edge only under PushTextWrapPos."""
    c = _ctx(ctx, "TextColored")
    wrapped = bool(c.wrap) and c.wrap[-1] >= 0.0  # 0: at the window's edge; negative: no wrapping
    _add(c, "text", str(text), value=int(col_rgba), width=None if wrapped else 7.0 * len(str(text)))


def PushTextWrapPos(ctx, wrap_local_pos_x=None):
    _ctx(ctx, "PushTextWrapPos").wrap.append(0.0 if wrap_local_pos_x is None else float(wrap_local_pos_x))


def PopTextWrapPos(ctx):
    c = _ctx(ctx, "PopTextWrapPos")
    if not c.wrap:
        state().error("ImGui_PopTextWrapPos: too many PopTextWrapPos()")
        raise ValueError("ImGui_PopTextWrapPos: too many PopTextWrapPos()")
    c.wrap.pop()


def CalcTextSize(ctx, text, w=None, h=None, hide_text_after_double_hash=None, wrap_width=None):
    """(width, height) of the text as Text() draws it: 7 px a character, one line."""
    _ctx(ctx, "CalcTextSize")
    return 7.0 * len(str(text)), 16.0


def SetNextItemWidth(ctx, item_width):
    _ctx(ctx, "SetNextItemWidth").next_item_width = float(item_width)


def Dummy(ctx, size_w, size_h):
    c = _ctx(ctx, "Dummy")
    _add(c, "dummy", "", height=float(size_h), width=float(size_w))


def BeginDisabled(ctx, disabled=None):
    c = _ctx(ctx, "BeginDisabled")
    outer = bool(c.disabled and c.disabled[-1])
    c.disabled.append(outer or bool(True if disabled is None else disabled))


def EndDisabled(ctx):
    c = _ctx(ctx, "EndDisabled")
    if not c.disabled:
        state().error("ImGui_EndDisabled: EndDisabled() without BeginDisabled()")
        raise ValueError("ImGui_EndDisabled: no BeginDisabled")
    c.disabled.pop()


def SetItemTooltip(ctx, text):
    c = _ctx(ctx, "SetItemTooltip")
    if c.frame:
        # DOC UNCLEAR: SetItemTooltip is IsItemHovered(HoveredFlags_ForTooltip) + SetTooltip; whether that
        # shows over a disabled item depends on ImGui's default tooltip flags (AllowWhenDisabled in recent
        # Dear ImGui). The simulation records it for disabled items too.
        c.frame[-1].tooltip = str(text)


# Widgets and draw lists (Button, SliderDouble, DrawList_* ...) and tables (BeginTable ...), in their own
# files to keep this one short: the binding's names, here too.
from fake_reaper import imgui_tables as _tables, imgui_widgets as _widgets  # noqa: E402

globals().update({name: getattr(_widgets, name) for name in _widgets.BINDING})
globals().update({name: getattr(_tables, name) for name in _tables.BINDING})

__all__ = [name for name in dir() if name[:1].isupper() and callable(globals()[name])
           and name not in ("Widget", "Window", "Context", "ImGuiState")]
