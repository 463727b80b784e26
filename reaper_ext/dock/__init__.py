"""ReaGroove's docked panel: the controls a producer reaches for while arranging, in one of REAPER's dockers.

    reagroove.reaper_ext.dock:run_action()   # the action "ReaGroove: Docked panel" (open / close)

Drawn with ReaImGui (a REAPER extension installed through ReaPack) from
REAPER's embedded Python; the Qt panel (reaper_ext/panel) stays the full
editor and opens from it. Both read and write one settings record
(settings.json in the config folder, panel/store.py).

  view.py   what one frame draws and what the gestures change (any ReaImGui binding)
  host.py   inside REAPER: loading ReaImGui, the defer loop, the docker kept across restarts,
            the shared settings, starting the engine
  livestatus.py  the live status read from REAPER (transport, input heard, loops written)
  results.py     what an engine run started here said (its --report file), one line for the message line
"""

from .host import DockedPanel, DockError, load_imgui, run_action
from .view import DockView, LiveStatus

__all__ = ["DockError", "DockView", "DockedPanel", "LiveStatus", "load_imgui", "run_action"]
