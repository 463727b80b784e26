"""ReaImGui's Python binding for the docked panel: found and loaded where ReaPack installs it, and the flags its
context is made with (REAPER's dockers, and the keyboard: keys.py)."""

from __future__ import annotations

import importlib.util
import os
import sys

from ..errors import DockError
from .keys import keyboard

IMGUI_API_DIR = ("Scripts", "ReaTeam Extensions", "API")  # where ReaPack installs ReaImGui's Python binding

REAIMGUI_MISSING = (
    "ReaGroove's docked panel needs ReaImGui 0.9 or newer: in REAPER choose Extensions > ReaPack > Browse "
    "packages, install \"ReaImGui: ReaScript binding for Dear ImGui\", restart REAPER and run this action again. "
    "The other panel ('ReaGroove: Open panel') works without it."
)


def load_imgui(rpr):
    """ReaImGui's Python binding (ReaImGui 0.9+ installs it as imgui.py under Scripts/ReaTeam Extensions/API).

    Loaded from that file by path, so a different `imgui` package in the venv is never taken for it.
    """
    path = os.path.join(rpr.RPR_GetResourcePath(), *IMGUI_API_DIR, "imgui.py")
    loaded = sys.modules.get("imgui")
    if loaded is not None and os.path.abspath(getattr(loaded, "__file__", "") or "") == os.path.abspath(path):
        return loaded
    if not os.path.isfile(path):
        raise DockError(REAIMGUI_MISSING)
    spec = importlib.util.spec_from_file_location("imgui", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - a binding from another ReaImGui version, or a broken file
        raise DockError(f"{REAIMGUI_MISSING} ({path}: {type(exc).__name__}: {exc})") from None
    sys.modules["imgui"] = module  # other scripts' `import imgui` get the same binding
    return module


def context_flags(ig) -> int:
    """The context's flags: docking (REAPER's dockers) and, where the binding has it, keyboard navigation that does
    not capture the keyboard: navigation on its own makes ImGui want every key while the dock has focus, so a
    producer who clicked the dock and pressed Space would no longer start REAPER's playback."""
    flags = ig.ConfigFlags_DockingEnable()
    if not keyboard(ig):
        return flags
    no_capture = getattr(ig, "ConfigFlags_NavNoCaptureKeyboard", None)
    return flags | ig.ConfigFlags_NavEnableKeyboard() | (no_capture() if no_capture else 0)
