"""Widgets and draw lists for the simulated ReaImGui (fake_reaper/imgui.py): Button, InvisibleButton,
SliderDouble, SliderInt, Checkbox, item and mouse queries, DrawList_*, as ReaImGui's generated binding
names them."""

from __future__ import annotations

from fake_reaper.imgui import CalcTextSize, _add, _ctx, _gesture_value, _item_width, state


# ---------------------------------------------------------------- widgets


def Button(ctx, label, size_w=None, size_h=None):
    c = _ctx(ctx, "Button")
    # as Dear ImGui sizes it: its label (CalcTextSize's width) plus FramePadding.x (4 px) each side
    w = _add(c, "button", str(label), width=CalcTextSize(ctx, str(label).split("##")[0])[0] + 8.0)
    gui = state()
    if gui.clicks.get(w.label):
        gui.clicks[w.label] -= 1
        if w.disabled:
            gui.ignored.append(w.label)
            return False
        w.changed = True
        return True
    return False


def InvisibleButton(ctx, str_id, size_w, size_h, flags=None):
    c = _ctx(ctx, "InvisibleButton")
    w = _add(c, "invisible_button", str(str_id), height=float(size_h), width=float(size_w))
    held = state().drags.pop(w.label, None)
    w.value = None if held is None or w.disabled else held
    return False


def IsItemActive(ctx):
    c = _ctx(ctx, "IsItemActive")
    return bool(c.frame and c.frame[-1].kind == "invisible_button" and c.frame[-1].value is not None)


def IsItemHovered(ctx, flags=None):
    return IsItemActive(ctx)


def GetItemRectMin(ctx):
    c = _ctx(ctx, "GetItemRectMin")
    x0, y0, _, _ = c.frame[-1].rect if c.frame else (0.0, 0.0, 0.0, 0.0)
    return x0, y0


def GetItemRectMax(ctx):
    c = _ctx(ctx, "GetItemRectMax")
    _, _, x1, y1 = c.frame[-1].rect if c.frame else (0.0, 0.0, 0.0, 0.0)
    return x1, y1


def GetMousePos(ctx):
    c = _ctx(ctx, "GetMousePos")
    for w in reversed(c.frame):
        if w.kind == "invisible_button" and w.value is not None:
            fx, fy = w.value
            x0, y0, x1, y1 = w.rect
            return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
    return -1.0, -1.0


def _formatted(format: str, value) -> str:
    """What ImGui draws on a slider: its printf-style format with the value (a format without one: as it is)."""
    try:
        return str(format) % value
    except (TypeError, ValueError):
        return str(format).replace("%%", "%")


def SliderDouble(ctx, label, v, v_min, v_max, format=None, flags=None):
    c = _ctx(ctx, "SliderDouble")
    w = _add(c, "slider", str(label), float(v), width=_item_width(c, str(label)))
    w.shown = _formatted(format or "%.3f", float(v))
    given = _gesture_value(c, w)
    if given is None:
        return False, float(v)
    # Dragging clamps to [v_min, v_max]; Ctrl+click lets the user type any number (without
    # SliderFlags_AlwaysClamp), which the simulation passes through as given.
    w.changed, w.value = True, float(given)
    return True, float(given)


def SliderInt(ctx, label, v, v_min, v_max, format=None, flags=None):
    c = _ctx(ctx, "SliderInt")
    w = _add(c, "slider_int", str(label), int(v), width=_item_width(c, str(label)))
    w.range = (int(v_min), int(v_max))
    w.shown = _formatted(format or "%d", int(v))
    given = _gesture_value(c, w)
    if given is None:
        return False, int(v)
    w.changed, w.value = True, int(given)
    return True, int(given)


def Checkbox(ctx, label, v):
    c = _ctx(ctx, "Checkbox")
    # as Dear ImGui sizes it: a square one frame high (19 px), ItemInnerSpacing.x (4 px), its label
    shown = str(label).split("##")[0]
    w = _add(c, "checkbox", str(label), bool(v), width=19.0 + (4.0 + CalcTextSize(ctx, shown)[0] if shown else 0.0))
    given = _gesture_value(c, w)
    if given is None:
        return False, bool(v)
    w.changed, w.value = True, bool(given)
    return True, bool(given)


# ---------------------------------------------------------------- draw lists


def GetWindowDrawList(ctx):
    c = _ctx(ctx, "GetWindowDrawList")
    return c.handle + 1


def _draw(draw_list, shape, *args):
    for c in state().contexts.values():
        if c.handle + 1 == draw_list:
            c.draw.append((shape, *args))
            return
    state().error(f"ImGui_DrawList_{shape}: expected a valid ImGui_DrawList*")


def DrawList_AddTriangleFilled(draw_list, p1_x, p1_y, p2_x, p2_y, p3_x, p3_y, col_rgba):
    _draw(draw_list, "triangle_filled", p1_x, p1_y, p2_x, p2_y, p3_x, p3_y, col_rgba)


def DrawList_AddTriangle(draw_list, p1_x, p1_y, p2_x, p2_y, p3_x, p3_y, col_rgba, thickness=None):
    _draw(draw_list, "triangle", p1_x, p1_y, p2_x, p2_y, p3_x, p3_y, col_rgba)


def DrawList_AddCircleFilled(draw_list, center_x, center_y, radius, col_rgba, num_segments=None):
    _draw(draw_list, "circle_filled", center_x, center_y, radius, col_rgba)


def DrawList_AddLine(draw_list, p1_x, p1_y, p2_x, p2_y, col_rgba, thickness=None):
    _draw(draw_list, "line", p1_x, p1_y, p2_x, p2_y, col_rgba)


def DrawList_AddText(draw_list, x, y, col_rgba, text):
    _draw(draw_list, "text", x, y, col_rgba, str(text))


# what fake_reaper.imgui takes from here into the binding
BINDING = ("Button", "InvisibleButton", "IsItemActive", "IsItemHovered", "GetItemRectMin", "GetItemRectMax",
           "GetMousePos", "SliderDouble", "SliderInt", "Checkbox", "GetWindowDrawList",
           "DrawList_AddTriangleFilled", "DrawList_AddTriangle", "DrawList_AddCircleFilled", "DrawList_AddLine",
           "DrawList_AddText")
