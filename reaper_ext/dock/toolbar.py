"""The action "ReaGroove: Docked panel"'s toolbar button: which command it is, lit while the panel is open."""

from __future__ import annotations

import sys

ACTION_TARGET = "reagroove.reaper_ext.dock:run_action"  # what install/reaper.py's dock action calls (its COMMAND_IDS key)


def action_command(rpr) -> tuple[int, int] | None:
    """(section, command id) of the action "ReaGroove: Docked panel", for its toolbar button; None if unknown.

    From get_action_context while the action runs, as REAPER's scripts light their buttons. DOC UNCLEAR:
    REAPER documents it for EEL2 and Lua, not whether Python ReaScript has it; without it (or run from
    somewhere that is no action: a command id of -1), the command id install/reaper.py registered the
    action under (reagroove_common.COMMAND_IDS, imported by the action's script) in the main section.
    """
    try:
        context = rpr.RPR_get_action_context()  # (is_new_value, filename, section, command id, ...), as Lua's
        section, command = int(context[2]), int(context[3])
        # a script's command has a name ("RS..."): anything else is not this action's (another layout of the tuple)
        if command > 0 and rpr.RPR_ReverseNamedCommandLookup(command):
            return section, command
    except (AttributeError, IndexError, TypeError, ValueError):
        pass
    ids = getattr(sys.modules.get("reagroove_common"), "COMMAND_IDS", None)
    named = ids.get(ACTION_TARGET) if isinstance(ids, dict) else None
    command = int(rpr.RPR_NamedCommandLookup("_" + named) or 0) if isinstance(named, str) and named else 0
    return (0, command) if command > 0 else None


def light(rpr, command: tuple[int, int] | None, on: bool) -> None:
    """The action's toolbar button lit (on) or not: its toggle state, then the toolbars redrawn."""
    if command is None:
        return
    try:
        rpr.RPR_SetToggleCommandState(command[0], command[1], 1 if on else 0)
        rpr.RPR_RefreshToolbar2(command[0], command[1])
    except AttributeError:  # a REAPER without them: the panel works, its button stays as it is
        pass
