"""The docked panel with the keyboard: Tab through its controls, arrows on the pad, Enter to drumify.

ReaImGui's keyboard navigation (ConfigFlags_NavEnableKeyboard, asked for when
the context is made) gives the rest: Tab / Shift+Tab go through the controls
in the order they are drawn (the actions, the pad, the patterns, the sliders,
the genres), ImGui outlines the one that has the focus, Space or Enter press
a button or tick a box; Tab onto a slider opens its text entry (type a value,
Enter), and Space on it starts ←/→ moving it. The pad is drawn by the panel,
so it is made reachable (ButtonFlags_EnableNav, ReaImGui 0.10+: Dear ImGui
1.91 left invisible buttons out of the tab order), outlined, and moved by the
arrows here, as the full editor's pad (panel/pad.py: 0.05 a press), and Enter
on it drumifies. Drumify is where the focus starts: Tab (or an arrow), then
Enter, drumifies.

Keyboard navigation alone makes ImGui claim every key while the docked window
has the focus (io.WantCaptureKeyboard), so REAPER's own keys (Space: play)
would stop working for a producer who merely clicked the dock: the context
sets ConfigFlags_NavNoCaptureKeyboard too (binding.context_flags). To check in
REAPER (DOC UNCLEAR): whether ReaImGui then also passes the keys the dock uses
(arrows, Space) on to REAPER.
"""

from __future__ import annotations

NUDGE = 0.05  # the full editor's pad step (panel/pad.py NUDGE; Qt is not imported here)
FOCUS_RING = 0xF2B134FF  # the pad point's amber: the ring says "the arrows move this point"
# (key, Δinterpolate, Δfollow): across moves between A and B, up follows your groove, as the full editor's pad
ARROWS = (("Key_LeftArrow", -NUDGE, 0.0), ("Key_RightArrow", NUDGE, 0.0), ("Key_UpArrow", 0.0, NUDGE),
          ("Key_DownArrow", 0.0, -NUDGE))
ENTER_KEYS = ("Key_Enter", "Key_KeypadEnter")
# what the keyboard needs of the binding (ReaImGui 0.9+ has them all; a binding without them, as the tests' simulated
# ReaImGui before keyboard use was simulated, keeps the mouse alone rather than stopping the panel)
NEEDED = ("ConfigFlags_NavEnableKeyboard", "IsItemFocused", "IsKeyPressed", "SetKeyboardFocusHere",
          "SetItemDefaultFocus", "DrawList_AddRect", "IsMouseDown", "MouseButton_Left", *(key for key, _, _ in ARROWS),
          *ENTER_KEYS)

# said at the end of the tooltips (one line each), which ImGui shows for the control with the keyboard focus too
PAD_HINT = "keys: the arrows move the point, Enter drumifies"
# Tab onto a slider opens its text entry (Dear ImGui: tabbing activates what takes typing); Esc leaves it, then Space
# starts moving it with ←/→ and Space again ends that
SLIDER_HINT = "keys: Tab onto it, type a value, Enter; or Esc, Space, then ←/→"


def keyboard(ig) -> bool:
    """Whether this binding has what keyboard use needs."""
    return all(hasattr(ig, name) for name in NEEDED)


def mouse_held(ig, ctx) -> bool:
    """Whether the pad, active, is held by the mouse: Enter or Space on it (ImGui's navigation) make it active too, and
    the point jumped to wherever the mouse was. Without keyboard navigation only the mouse makes it active."""
    return not keyboard(ig) or bool(ig.IsMouseDown(ctx, ig.MouseButton_Left()))


def key_hint(ig, hint: str) -> str:
    """"; " + hint where the keyboard is used, else ""."""
    return f"; {hint}" if keyboard(ig) else ""


def pad_flags(ig) -> int:
    """The pad's InvisibleButton flags: reachable with Tab (Dear ImGui 1.91+ leaves invisible buttons out unless
    told; before, ReaImGui 0.9, there is no such flag and they are in)."""
    enable_nav = getattr(ig, "ButtonFlags_EnableNav", None)
    return enable_nav() if callable(enable_nav) else 0


def default_focus(ig, ctx) -> None:
    """The item just drawn (Drumify) is where keyboard focus starts in the window."""
    if keyboard(ig):
        ig.SetItemDefaultFocus(ctx)


def pad_keys(ig, ctx, rect, interpolate: float, follow: float) -> tuple[float, float, bool]:
    """After the pad's item: while it has the keyboard focus, its outline, and this frame's arrows and Enter.

    Returns (interpolate, follow, drumify). An arrow also moves ImGui's focus to the next control that way: the focus
    is put back on the pad (SetKeyboardFocusHere(-1): the item before; DOC UNCLEAR whether it wins over the arrow's
    move in every ReaImGui, as it does in Dear ImGui 1.90's code, which resolves it at once).
    """
    if not keyboard(ig) or not ig.IsItemFocused(ctx):
        return interpolate, follow, False
    x0, y0, x1, y1 = rect
    ig.DrawList_AddRect(ig.GetWindowDrawList(ctx), x0 - 2, y0 - 2, x1 + 2, y1 + 2, FOCUS_RING)
    moved = False
    for key, dt, df in ARROWS:
        if ig.IsKeyPressed(ctx, getattr(ig, key)()):
            interpolate = round(min(max(interpolate + dt, 0.0), 1.0), 3)
            follow = round(min(max(follow + df, 0.0), 1.0), 3)
            moved = True
    if moved:
        ig.SetKeyboardFocusHere(ctx, -1)
    drumify = any(ig.IsKeyPressed(ctx, getattr(ig, key)(), False) for key in ENTER_KEYS)
    return interpolate, follow, drumify
