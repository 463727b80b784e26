"""Simulated API: pointers, projects, the application, console, actions and UI refresh."""

import os
import time
from . import project as _fr
from .api_common import _BIG, _api, _cstr, _item, _proj, _write


# --------------------------------------------------------------------------
# pointers, projects, application
# --------------------------------------------------------------------------


@_api
def _ValidatePtr(R, ptr, ctypename):
    return R.is_valid(ptr, _cstr(ctypename) or "")


@_api
def _ValidatePtr2(R, proj, ptr, ctypename):
    ct = _cstr(ctypename) or ""
    if not R.is_valid(ptr, ct):
        return False
    obj = R.objects[ptr]
    if isinstance(obj, _fr.Project):
        return True  # "proj is ignored if pointer is itself a project"
    owner = {_fr.Track: lambda o: o.project, _fr.Item: lambda o: o.track.project,
             _fr.Take: lambda o: o.item.track.project, _fr.Source: lambda o: o.take.item.track.project}
    get = owner.get(type(obj))
    if proj and get is not None:
        return get(obj).ptr == proj
    return True


@_api
def _EnumProjects(R, idx, buf, buf_sz):
    if idx == -1 or idx == 0x40000000:
        p = R.project
    elif 0 <= idx < len(R.projects):
        p = R.projects[idx]
    else:
        return 0
    _write(buf, os.path.join(p.path, p.name) if p.path and p.name else "", buf_sz)
    return p.ptr


@_api
def _GetCurrentProjectInLoadSave(R):
    return 0  # only non-NULL while REAPER loads or saves a project


@_api
def _SelectProjectInstance(R, proj):
    p = _proj(R, proj, "SelectProjectInstance")
    if p is not None:
        R.active = R.projects.index(p)


@_api
def _GetProjectName(R, proj, buf, buf_sz):
    p = _proj(R, proj, "GetProjectName")
    _write(buf, p.name if p else "", buf_sz)


@_api
def _GetProjectPath(R, buf, buf_sz):
    _write(buf, R.project.path or os.path.join(R.resource_path, "Projects"), buf_sz)


@_api
def _GetProjectPathEx(R, proj, buf, buf_sz):
    p = _proj(R, proj, "GetProjectPathEx")
    _write(buf, (p.path if p else "") or os.path.join(R.resource_path, "Projects"), buf_sz)


@_api
def _GetProjectStateChangeCount(R, proj):
    p = _proj(R, proj, "GetProjectStateChangeCount")
    return p.state_changes if p else 0


@_api
def _GetProjectLength(R, proj):
    p = _proj(R, proj, "GetProjectLength")
    return p.length() if p else 0.0


@_api
def _MarkProjectDirty(R, proj):
    p = _proj(R, proj, "MarkProjectDirty")
    if p:
        p.dirty = 1


@_api
def _IsProjectDirty(R, proj):
    p = _proj(R, proj, "IsProjectDirty")
    return p.dirty if p else 0


@_api
def _GetSetProjectInfo(R, proj, desc, value, is_set):
    # Only the project start offsets are modelled (always 0).
    return 0.0


@_api
def _GetSetProjectInfo_String(R, proj, desc, buf, is_set):
    p = _proj(R, proj, "GetSetProjectInfo_String")
    d = _cstr(desc)
    if p is not None and d == "PROJECT_NAME" and not is_set:
        _write(buf, p.name, _BIG)
        return True
    return False


@_api
def _GetAppVersion(R):
    return R.app_version


@_api
def _GetResourcePath(R):
    return R.resource_path


@_api
def _GetExePath(R):
    return "/opt/REAPER"


@_api
def _get_ini_file(R):
    return os.path.join(R.resource_path, "reaper.ini")


@_api
def _GetOS(R):
    # DOC UNCLEAR: the documented values are Win32/Win64/OSX32/OSX64/macOS-arm64
    # and "Other"; Linux builds are assumed to say "Other".
    return "Other"


@_api
def _time_precise(R):
    return time.perf_counter()


@_api
def _ShowConsoleMsg(R, msg):
    R.console.append(_cstr(msg) or "")


@_api
def _ClearConsole(R):
    R.console.clear()


@_api
def _ShowMessageBox(R, msg, title, type_):
    R.message_boxes.append((_cstr(msg), _cstr(title), type_))
    return R.message_box_answer


@_api
def _MB(R, msg, title, type_):
    return _ShowMessageBox(R, msg, title, type_)


# built-in actions the simulation performs; all others are only recorded
_ACTIONS = {
    1007: lambda R: R.transport.play(),
    1008: lambda R: R.transport.pause(),
    1013: lambda R: R.transport.play(record=True),
    1016: lambda R: R.transport.stop(),
    40044: lambda R: R.transport.stop() if R.transport.state & 1 else R.transport.play(),
    40029: lambda R: R.project.undo(),
    40030: lambda R: R.project.redo(),
    40182: lambda R: [it.values.__setitem__("B_UISEL", 1.0) for it in R.project.all_items()],
    40289: lambda R: [it.values.__setitem__("B_UISEL", 0.0) for it in R.project.all_items()],
    40297: lambda R: [tr.values.__setitem__("I_SELECTED", 0.0) for tr in R.project.tracks],
}


def _run_command(R, command, flag, proj):
    if command in R.scripts:
        R.run_command(command, flag, proj)
        return
    R.commands.append((command, flag, proj))
    if command in _ACTIONS:
        _ACTIONS[command](R)


@_api
def _Main_OnCommand(R, command, flag):
    _run_command(R, command, flag, 0)


@_api
def _Main_OnCommandEx(R, command, flag, proj):
    _run_command(R, command, flag, proj)


@_api
def _NamedCommandLookup(R, name):
    s = _cstr(name) or ""
    if s in R.named_commands:
        return R.named_commands[s]
    if ("_" + s) in R.named_commands:
        # DOC UNCLEAR: REAPER documents names with the leading underscore;
        # lookups without it are accepted here too.
        return R.named_commands["_" + s]
    if s.isdigit():
        return int(s)
    return 0


@_api
def _ReverseNamedCommandLookup(R, command_id):
    if command_id in R.scripts:
        return R.scripts[command_id][2]  # without the leading underscore, as REAPER
    for nm, cid in R.named_commands.items():
        if cid == command_id:
            return nm.lstrip("_")
    return None


@_api
def _AddRemoveReaScript(R, add, section, scriptfn, commit):
    path = _cstr(scriptfn) or ""
    if add:
        if not os.path.isfile(path):
            return 0
        cmd = R.register_script(os.path.abspath(path), section)
    else:
        cmd = 1 if R.unregister_script(os.path.abspath(path), section) else 0
    if commit:
        # DOC UNCLEAR: when REAPER writes reaper-kb.ini is not documented; the
        # simulation writes it on commit.
        R.write_kb_ini()
    return cmd


@_api
def _GetToggleCommandState(R, command_id):
    return R.toggle_states.get((0, command_id), -1)


@_api
def _GetToggleCommandStateEx(R, section_id, command_id):
    return R.toggle_states.get((section_id, command_id), -1)


@_api
def _SetToggleCommandState(R, section_id, command_id, state):
    # REAPER: "Updates the toggle state of an action, returns true if succeeded. Only ReaScripts can have their
    # toggle states changed programmatically." Here: a registered script's command in its own section.
    known = R.scripts.get(command_id)
    if known is None or known[0] != section_id:
        return False
    R.toggle_states[(section_id, command_id)] = int(state)
    return True


@_api
def _RefreshToolbar(R, command_id):
    R.toolbar_refreshes.append((0, command_id))


@_api
def _RefreshToolbar2(R, section_id, command_id):
    R.toolbar_refreshes.append((section_id, command_id))


@_api
def _UpdateArrange(R):
    R.ui_updates["UpdateArrange"] += 1


@_api
def _UpdateTimeline(R):
    R.ui_updates["UpdateTimeline"] += 1


@_api
def _TrackList_AdjustWindows(R, is_minor):
    R.ui_updates["TrackList_AdjustWindows"] += 1


@_api
def _PreventUIRefresh(R, count):
    R.ui_refresh_depth += count


@_api
def _UpdateItemInProject(R, item):
    _item(R, item, "UpdateItemInProject")
    R.ui_updates["UpdateItemInProject"] += 1


@_api
def _get_config_var_string(R, name, buf, buf_sz):
    # "gets ini configuration variable value as string": of the config vars only the active project's
    # "projmeasoffs" (Project Settings > Project start measure, less 1: the ruler shows measure index
    # + 1 + projmeasoffs) is modelled; any other name is not found.
    if _cstr(name) != "projmeasoffs":
        return False
    _write(buf, str(int(getattr(R.project, "measure_offset", 0))), buf_sz)
    return True
