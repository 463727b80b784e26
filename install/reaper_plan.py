"""What registering ReaGroove with REAPER changes (a plan, checked before the first write); reaper_apply.py applies it.

The action scripts are generated from one table (ACTIONS) beside their
shared modules (reaper_scripts/reagroove_common.py, a template whose quoted
@PLACEHOLDER@ strings become Python literals, and reagroove_warm.py, the warm
engine's client, which it loads). Each edited file is backed up
as <name>.reagroove-backup before its first edit (an existing backup is never
overwritten) and written atomically (reaper_apply.py); if a write fails,
what was written is undone. install.json in Scripts/ReaGroove/ records what
was done, for --uninstall.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from reaper_files import (
    LEGACY_BEGIN, LEGACY_END, SCR_FLAGS_ASK, SCR_FLAGS_NEW_INSTANCE, SUBDIR, InstallError, check_ini, check_kb,
    command_id, find_section, ini_line, ini_set, ini_unset, kb_remove, kb_remove_keys, kb_remove_running, kb_set,
    key_of, menu_items_running, newline_of, read_text, scr_line, sha256, split_lines, startup_block, startup_remove,
    startup_set,
)
from reaper_paths import python_library, venv_paths

try:
    from reagroove.core.constants import EXT_SECTION, SERVER_PORT
    from reagroove.core.settings import DEFAULT_VARIATIONS, MAX_VARIATIONS
    from reagroove.reaper_ext.panel.store import default_config_dir
    REAGROOVE_MISSING = None
except ImportError as _exc:  # a Python without ReaGroove (its venv gone) can still uninstall: the same values
    EXT_SECTION, SERVER_PORT, MAX_VARIATIONS, DEFAULT_VARIATIONS = "reagroove", 2317, 64, 4
    default_config_dir = None
    REAGROOVE_MISSING = str(_exc)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "reaper_scripts"
COMMON = "reagroove_common.py"
MODULES = (COMMON, "reagroove_warm.py")  # the actions' shared modules (no action of their own)
MANIFEST = "install.json"
LOG_NAME = "reagroove.log"
BACKUP_SUFFIX = ".reagroove-backup"
DEFAULT_PORT = SERVER_PORT
REAPER_SECTION = "REAPER"
PYTHON_KEYS = ("reascript", "pythonlibpath64", "pythonlibdll64")
STARTUP = "__startup.lua"
LEGACY_STARTUP = "__startup.py"  # where versions before 2026-12 put their block (REAPER does not run it)
EDITED = ("reaper.ini", "reaper-kb.ini", "reaper-extstate.ini", f"Scripts/{STARTUP}")  # REAPER's files it edits
PLACEHOLDER = re.compile(r'"@([A-Z_]+)@"')


@dataclass(frozen=True)
class Action:
    """One of ReaGroove's actions in REAPER's action list."""

    script: str  # its file in Scripts/ReaGroove/ (the file name also gives its command id)
    description: str  # its name in the action list
    about: str
    calls: str  # a name in reagroove_common.ACTIONS, or "module:function" of ReaGroove's packages
    flags: str = SCR_FLAGS_ASK  # what REAPER does when it is run while still running


ACTIONS = (
    # The one action that owns the server's deferred loop. Run again while it runs, a new instance starts
    # (no "terminate?" prompt that could stop the server), finds the server running and ends.
    Action("reagroove_start_server.py", "ReaGroove: Start server",
           "Starts ReaGroove's server (127.0.0.1 only, ReaGroove's functions only) in this REAPER session and "
           "keeps it running, unless it already runs. Scripts/__startup.lua runs it at launch.",
           "start_server", SCR_FLAGS_NEW_INSTANCE),
    Action("reagroove_drumify.py", "ReaGroove: Drumify selected items",
           'Drums for the selected MIDI or audio items (several items = one combined groove) on a "ReaGroove '
           'Drums" track.', "drumify"),
    Action("reagroove_variations.py", "ReaGroove: Variations of selection",
           "Asks how many (default 4), then writes that many variations of the selection onto new tracks.",
           "variations"),
    Action("reagroove_pattern_a.py", "ReaGroove: Set pattern A from selection",
           "Sets pattern A from the selected item: the panels' pattern A, which the drums lean toward (at Follow "
           "below 1) until cleared.", "pattern_a"),
    Action("reagroove_pattern_b.py", "ReaGroove: Set pattern B from selection",
           "Sets pattern B from the selected item: the panels' pattern B, the far end of A <-> B, until cleared.",
           "pattern_b"),
    Action("reagroove_clear_pattern_a.py", "ReaGroove: Clear pattern A",
           "No pattern A in the panels' settings, as x beside A in the docked panel.", "clear_pattern_a"),
    Action("reagroove_clear_pattern_b.py", "ReaGroove: Clear pattern B",
           "No pattern B in the panels' settings, as x beside B in the docked panel.", "clear_pattern_b"),
    Action("reagroove_live_toggle.py", "ReaGroove: Live follow on/off",
           "Toggles live follow of record-armed MIDI input: on starts a follower, off tells it to stop.", "live"),
    Action("reagroove_panel.py", "ReaGroove: Open panel",
           "Opens ReaGroove's panel (its own window and process, talking to REAPER through the server).", "panel"),
    # A toggle whose panel is a deferred loop: run again, a new instance closes it (no prompt first).
    Action("reagroove_dock.py", "ReaGroove: Docked panel",
           "ReaGroove's controls docked in REAPER (ReaImGui); run again to close it.",
           "reagroove.reaper_ext.dock:run_action", SCR_FLAGS_NEW_INSTANCE),
)

ACTION_SCRIPT = """\
# @description {description}
# @about {about}
#
# A ReaGroove action, run by REAPER's embedded Python. Generated by install/reaper.py from its ACTIONS
# table; the shared code is reagroove_common.py beside this file.
import sys

INSTALL_DIR = {install_dir!r}
PORT = {port!r}
REAGROOVE = {reagroove!r}

if INSTALL_DIR not in sys.path:
    sys.path.insert(0, INSTALL_DIR)

import reagroove_common  # found through INSTALL_DIR

reagroove_common.run({calls!r}, port=PORT, engine=REAGROOVE)
"""


# ---------------------------------------------------------------- the plan


@dataclass
class Plan:
    """Everything to write, computed and checked before the first write."""

    resource: Path
    mkdirs: list[Path] = field(default_factory=list)
    backups: list[tuple[Path, Path]] = field(default_factory=list)  # (file, backup)
    writes: dict[Path, str] = field(default_factory=dict)  # path -> new text
    deletes: list[Path] = field(default_factory=list)
    rmtrees: list[Path] = field(default_factory=list)
    rmdirs: list[Path] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said after the run, changing nothing
    seen: dict[Path, str | None] = field(default_factory=dict)  # a file REAPER writes -> its text when planned

    def rel(self, path: Path) -> str:
        """The path relative to the resource folder, with "/" on every OS (it keys the manifest too)."""
        try:
            return path.relative_to(self.resource).as_posix()
        except ValueError:
            return str(path)

    def empty(self) -> bool:
        return not (self.mkdirs or self.backups or self.writes or self.deletes or self.rmtrees or self.rmdirs)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def load_manifest(install_dir: Path) -> dict:
    path = install_dir / MANIFEST
    text = read_text(path)
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not well_formed(data):  # hand-edited or damaged: said, with the way out, never a traceback
        raise InstallError(f"{path} is malformed (not the installer's record); nothing was changed: delete it "
                           "and run this again (ReaGroove's entries are then found by their names)")
    return data


def well_formed(data) -> bool:
    def strings(value):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    files = data.get("files", {}) if isinstance(data, dict) else None
    return (isinstance(files, dict) and strings(data.get("scripts", [])) and strings(data.get("created_dirs", []))
            and all(isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("python_keys", {}), dict)
                    and all(isinstance(x, dict) for x in v.get("python_keys", {}).values()) for k, v in files.items()))


def render_common(values: dict, name: str = COMMON) -> str:
    """A shared module (reagroove_common.py by default) with its placeholders filled in."""
    path = TEMPLATES / name
    text = path.read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise InstallError(f"{path} has an unknown placeholder @{name}@ (a bug in ReaGroove's templates)")
        return repr(values[name])

    return _compiled(PLACEHOLDER.sub(fill, text), path)


def render_action(action: Action, values: dict) -> str:
    text = ACTION_SCRIPT.format(description=action.description, about=action.about, install_dir=values["INSTALL_DIR"],
                                port=values["PORT"], reagroove=values["REAGROOVE"], calls=action.calls)
    return _compiled(text, action.script)


def _compiled(text: str, where) -> str:
    try:
        compile(text, str(where), "exec")
    except SyntaxError as exc:
        raise InstallError(f"{where} does not compile once filled in ({exc}): a bug in ReaGroove's templates") from None
    return text


def edit_file(plan: Plan, manifest_files: dict, path: Path, edit) -> None:
    """Plan an edit of one file: `edit(lines, nl)` edits the lines in place and returns the changes made.

    The file is backed up before its first edit (never over an existing backup), and the manifest records
    whether it existed before and the digest of what the installer wrote.
    """
    text = plan.seen[path] = read_text(path)
    lines = split_lines(text or "")
    changes = edit(lines, newline_of(text))
    new = "".join(lines)
    if new == (text or ""):
        return
    rel = plan.rel(path)
    entry = dict(manifest_files.get(rel) or {"existed": text is not None})
    # Uninstall may put the backup (or no file) back whole only while the file holds nothing but the backup
    # plus the installer's edits: a backup made now, a file created now, or one still exactly as the
    # installer last wrote it. Edited after REAPER rewrote it, restoring would lose what REAPER wrote.
    whole = text is None and not entry["existed"] or text is not None and entry.get("sha256") == sha256(text)
    if text is None:
        plan.log.append(f"create  {rel}")
    elif entry["existed"] and not backup_path(path).exists():
        plan.backups.append((path, backup_path(path)))
        plan.log.append(f"backup  {rel} -> {plan.rel(backup_path(path))}")
        whole = True
    for change in changes:
        plan.log.append(f"edit    {rel}: {change}")
    entry["sha256"] = sha256(new) if whole else None  # None: uninstall removes ReaGroove's lines only
    manifest_files[rel] = entry
    plan.writes[path] = new


def delete_leftover_temps(plan: Plan) -> None:
    """Temporary files a run killed midway (power cut, kill -9: no undo) left beside REAPER's files; ours by name
    (write_atomic's, atomic_copy's)."""
    scripts_dir = plan.resource / "Scripts"
    for folder in (plan.resource, scripts_dir, scripts_dir / SUBDIR):
        for path in sorted(folder.glob(".*.tmp")) if folder.is_dir() else ():
            if (path.name.endswith(".reagroove.tmp") or BACKUP_SUFFIX + "." in path.name) and path.is_file():
                plan.deletes.append(path)
                plan.log.append(f"delete  {plan.rel(path)} (left by an interrupted run)")
    # A file linked elsewhere (reaper.ini kept in a dotfiles folder) is written where it really is, and so is
    # its temporary file: there, only that file's own (.<name>.<pid>.reagroove.tmp), the folder being theirs.
    for rel in (*EDITED, f"Scripts/{LEGACY_STARTUP}"):
        link = plan.resource / rel
        if not link.is_symlink():
            continue
        target = Path(os.path.realpath(link))
        for path in sorted(target.parent.glob(f".{glob.escape(target.name)}.*.reagroove.tmp")):
            middle = path.name[len(target.name) + 2:-len(".reagroove.tmp")]
            if middle.isdigit() and path.is_file() and path not in plan.deletes:
                plan.deletes.append(path)
                plan.log.append(f"delete  {path} (left by an interrupted run)")


def plan_install(resource: Path, port: int | None = None) -> Plan:
    """No port given: the installed one (re-running after moving the checkout keeps a port chosen with --port)."""
    plan = Plan(resource)
    scripts_dir = resource / "Scripts"
    install_dir = scripts_dir / SUBDIR
    for folder in (resource, scripts_dir, install_dir):
        if folder.exists() and not folder.is_dir():
            raise InstallError(f"{folder} is a file where a folder should be; nothing was changed")
    old = load_manifest(install_dir)
    if port is None:
        port = old.get("port") if isinstance(old.get("port"), int) and 1 <= old["port"] <= 65535 else DEFAULT_PORT
    delete_leftover_temps(plan)
    created_dirs = list(old.get("created_dirs", []))
    for folder in (scripts_dir, install_dir):
        if not folder.exists():
            plan.mkdirs.append(folder)
            plan.log.append(f"mkdir   {plan.rel(folder)}")
            created_dirs.append(plan.rel(folder))
    files: dict = {k: dict(v) for k, v in (old.get("files") or {}).items()}

    lib_dir, lib_name = python_library()
    venv = venv_paths()
    ids = {a.script: command_id(a.script) for a in ACTIONS}
    action_keys = {a.calls: ids[a.script] for a in ACTIONS}

    # 1. Python ReaScript in reaper.ini. "reascript=1" is the switch reapy's configure_reaper and other
    # installers set for "Enable Python for use with ReaScript"; REAPER does not document its ini keys.
    python_values = {"reascript": "1", "pythonlibpath64": lib_dir, "pythonlibdll64": lib_name}

    def edit_reaper_ini(lines, nl):
        check_ini(lines, resource / "reaper.ini")
        return [c for key in PYTHON_KEYS if (c := ini_set(lines, REAPER_SECTION, key, python_values[key], nl))]

    ini_text = read_text(resource / "reaper.ini")
    edit_file(plan, files, resource / "reaper.ini", edit_reaper_ini)
    record_python_keys(plan, files, (old.get("files") or {}).get("reaper.ini"), ini_text, edit_reaper_ini,
                       python_values)

    # 2. The action scripts and their shared module.
    values = {
        "PORT": port, "PYTHON": venv["python"], "REAGROOVE": venv["reagroove"], "SITE_DIRS": venv["site_dirs"],
        "INSTALL_DIR": str(install_dir), "LOG_PATH": str(install_dir / LOG_NAME), "COMMAND_IDS": action_keys,
        "MAX_VARIATIONS": MAX_VARIATIONS, "DEFAULT_VARIATIONS": DEFAULT_VARIATIONS,
        # the Python REAPER is pointed at (step 1): an action run in another says how to point it back
        "PYTHON_VERSION": list(sys.version_info[:2]), "PYTHON_LIBRARY": [lib_dir, lib_name],
        # the panels' settings.json: Variations asks with their shared count
        "SETTINGS_PATH": "" if default_config_dir is None else str(default_config_dir() / "settings.json"),
    }
    texts = {name: render_common(values, name) for name in MODULES}
    texts |= {a.script: render_action(a, values) for a in ACTIONS}
    names = list(texts)
    for name, text in texts.items():
        target = install_dir / name
        if read_text(target) != text:
            plan.writes[target] = text
            plan.log.append(f"{'update' if target.exists() else 'copy  '}  {plan.rel(target)}")
    for stale in old.get("scripts", []):  # scripts a previous version installed and this one does not
        if stale not in names and (install_dir / stale).is_file():
            plan.deletes.append(install_dir / stale)
            plan.log.append(f"delete  {plan.rel(install_dir / stale)} (no longer part of ReaGroove)")

    # 3. The actions in reaper-kb.ini.
    records = {ids[a.script]: scr_line(ids[a.script], a.description, f"{SUBDIR}/{a.script}", a.flags) for a in ACTIONS}
    stale_ids = {command_id(s) for s in old.get("scripts", []) if s not in names and s not in MODULES}

    def edit_kb(lines, nl):
        check_kb(lines, resource / "reaper-kb.ini")
        removed, keys = kb_remove(lines, stale_ids), kb_remove_keys(lines, stale_ids)
        changes = [f"- {removed} stale ReaGroove action(s)"] if removed else []
        changes += [f"- {keys} shortcut(s) bound to them"] if keys else []
        return changes + kb_set(lines, records, nl)

    edit_file(plan, files, resource / "reaper-kb.ini", edit_kb)

    # 4. The server's port in reaper-extstate.ini, and the block in __startup.lua that runs the start-server
    # action when REAPER starts (REAPER runs __startup.lua, not a __startup.py).
    def edit_extstate(lines, nl):
        check_ini(lines, resource / "reaper-extstate.ini")
        change = ini_set(lines, EXT_SECTION, "server_port", str(port), nl)
        return [change] if change else []

    edit_file(plan, files, resource / "reaper-extstate.ini", edit_extstate)

    startup = scripts_dir / STARTUP
    start_id = action_keys["start_server"]

    def edit_startup(lines, nl):
        change = startup_set(lines, startup_block(start_id, nl), nl, startup)
        return [change] if change else []

    edit_file(plan, files, startup, edit_startup)
    revert_file(plan, files, f"Scripts/{LEGACY_STARTUP}", revert_legacy_startup(resource))
    files.pop(f"Scripts/{LEGACY_STARTUP}", None)

    if isinstance(old.get("python"), str) and old["python"] != venv["python"]:
        # Another checkout (or the same one moved) installed over the first: the actions now run this one.
        plan.notes.append(f"ReaGroove's actions now run {venv['python']} (they ran {old['python']}): keep this "
                          "checkout, or run this again from the one you keep")
    manifest = {
        "format": 1,
        "port": port,
        "python": venv["python"],
        "reagroove": venv["reagroove"],
        "python_library": os.path.join(lib_dir, lib_name),
        "scripts": names,
        "created_dirs": list(dict.fromkeys(created_dirs)),
        "files": files,
    }
    manifest_text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    if read_text(install_dir / MANIFEST) != manifest_text:
        plan.writes[install_dir / MANIFEST] = manifest_text  # last: the record of what was done
    return plan


def record_python_keys(plan: Plan, files: dict, old_entry: dict | None, text: str | None, edit, values: dict) -> None:
    """Keep in the manifest each Python key's line before ReaGroove set it and the value it set: uninstall puts
    back that line, and leaves a key the producer changed since. A key already set by ReaGroove keeps the line
    recorded then. A backup with no record is one a run killed midway made (the file is it, or it with this
    edit: its lines are the ones before), or one an earlier uninstall kept: stale, the file's lines are newer."""
    ini = plan.resource / "reaper.ini"
    if old_entry and "python_keys" not in old_entry:
        return  # installed by a version that kept no record: its backup is the record
    base, adopted = split_lines(text or ""), False
    backup = read_text(backup_path(ini)) if old_entry is None and text is not None else None
    if backup is not None:
        redone = split_lines(backup)
        try:
            edit(redone, newline_of(backup))
        except InstallError:  # a malformed backup is not this install's
            redone = None
        if redone is not None and text in (backup, "".join(redone)):
            base, adopted = split_lines(backup), True
            files["reaper.ini"] = {"existed": True, "sha256": sha256(plan.writes.get(ini, text))}  # restored whole
    if "reaper.ini" not in files or not (adopted or ini in plan.writes):
        return
    recorded = (old_entry or {}).get("python_keys") or {}
    keys = {}
    for key in PYTHON_KEYS:
        line, prev = ini_line(base, REAPER_SECTION, key), recorded.get(key)
        ours = prev and line is not None and line.split("=", 1)[1] == prev.get("set")
        keys[key] = {"before": prev.get("before") if ours else line, "set": values[key]}
    files["reaper.ini"]["python_keys"] = keys


def revert_legacy_startup(resource: Path):
    def revert(lines, original):
        return startup_remove(lines, resource / "Scripts" / LEGACY_STARTUP, LEGACY_BEGIN, LEGACY_END)

    return revert


def revert_file(plan: Plan, files: dict, rel: str, edit, *, ours_without_record: bool = True, scrub=None) -> None:
    """Undo the install's edit of one file; `edit(lines, original_lines or None)` removes ReaGroove's lines.

    `scrub(lines)`, if given, removes from a backup about to be restored what must not come back with it
    (reaper-kb.ini: shortcuts to ReaGroove's actions an earlier version's uninstall left); True if it did.
    """
    path = plan.resource / rel
    entry = files.get(rel)
    backup = backup_path(path)
    text = plan.seen[path] = read_text(path)
    original = read_text(backup) if backup.is_file() else None
    restored, note = original, ""
    if original is not None and scrub is not None:
        lines = split_lines(original)
        if scrub(lines):
            restored, note = "".join(lines), ", less ReaGroove's entries"
    if entry is None and (original is None or not ours_without_record):
        # No record of an edit (no manifest entry): only lines that are ReaGroove's by their identity (its
        # command ids, its ext state section, its marked block) go. A file whose lines may be the user's
        # (reaper.ini) is left alone even beside a backup: one an earlier uninstall kept is stale by now.
        if text is not None and ours_without_record:
            lines = split_lines(text)
            if edit(lines, None):
                plan.writes[path] = "".join(lines)
                plan.log.append(f"edit    {rel}: ReaGroove's entries removed")
        return
    existed = entry.get("existed", True) if entry else True
    if text is None:
        if original is not None:
            plan.writes[path] = restored
            plan.deletes.append(backup)
            plan.log.append(f"restore {rel} from {plan.rel(backup)} (the file was gone{note})")
        return
    if entry and entry.get("sha256") == sha256(text) and (original is not None or not existed):
        # As the installer left it: back to exactly what it was.
        if existed:
            plan.writes[path] = restored
            plan.deletes.append(backup)
            plan.log.append(f"restore {rel} from {plan.rel(backup)}" + (f" ({note[2:]})" if note else ""))
        else:
            plan.deletes.append(path)
            plan.log.append(f"delete  {rel} (created by the installer)")
        return
    # Changed since the install (REAPER rewrites its ini files when it exits): ReaGroove's lines only.
    lines = split_lines(text)
    changed = edit(lines, split_lines(original) if original is not None else None)
    new = "".join(lines)
    if not existed and not new.strip():
        plan.deletes.append(path)
        plan.log.append(f"delete  {rel} (created by the installer, nothing else in it)")
        return
    if changed:
        plan.writes[path] = new
        kept = f"; {plan.rel(backup)} is kept" if original is not None and new != restored else ""
        plan.log.append(f"edit    {rel}: ReaGroove's entries removed (the file changed since the install, "
                        f"the rest of it is kept{kept})")
    if original is not None and new == restored:
        plan.deletes.append(backup)
        plan.log.append(f"delete  {plan.rel(backup)} (the file is as it was)")


def plan_uninstall(resource: Path) -> Plan:
    plan = Plan(resource)
    scripts_dir = resource / "Scripts"
    install_dir = scripts_dir / SUBDIR
    manifest = load_manifest(install_dir) if install_dir.is_dir() else {}
    files = manifest.get("files") or {}
    scripts = manifest.get("scripts") or [a.script for a in ACTIONS]
    # The actions this install registered, and today's (an id is derived from ReaGroove's own path: never a
    # user's action).
    ids = {command_id(name) for name in scripts + [a.script for a in ACTIONS] if name not in MODULES}
    keys_removed = []

    def revert_reaper_ini(lines, original):
        check_ini(lines, resource / "reaper.ini")
        record = (files.get("reaper.ini") or {}).get("python_keys")
        if record is None:  # an install by a version that kept no record: the backup's values
            return any([ini_unset(lines, REAPER_SECTION, key, original) for key in PYTHON_KEYS])
        changed = False
        for key, kept in record.items():
            line = ini_line(lines, REAPER_SECTION, key)
            if line is None or line.split("=", 1)[1] != kept.get("set"):
                continue  # the producer's since the install: theirs
            before = [f"[{REAPER_SECTION}]\n"] + ([kept["before"] + "\n"] if kept.get("before") else [])
            changed = ini_unset(lines, REAPER_SECTION, key, before) or changed
        return changed

    # ReaGroove's script files, which this deletes: an action that runs one is gone with it, whoever added it.
    paths = {f"{SUBDIR}/{name}".lower() for name in scripts + [a.script for a in ACTIONS] if name not in MODULES}
    loaded: set = set()  # ids of such actions the producer added themselves (REAPER's own ids)

    def remove_actions(lines):
        ours = kb_remove(lines, ids)
        theirs = kb_remove_running(lines, paths, scripts_dir)
        loaded.update(theirs)
        return ours + len(theirs), kb_remove_keys(lines, ids | theirs)

    def revert_kb(lines, original):
        # The actions' SCR records and the shortcuts a user bound to them (KEY records): a shortcut left
        # behind would name an action that is gone. The user's other shortcuts stay byte for byte.
        removed, keys = remove_actions(lines)
        if keys:
            keys_removed.append(keys)
        return removed + keys > 0

    def scrub_kb(lines):
        return sum(remove_actions(lines)) > 0

    def revert_extstate(lines, original):
        check_ini(lines, resource / "reaper-extstate.ini")
        # Every key of ReaGroove's own section: the installer's server_port, and what ReaGroove's actions and
        # panels kept there in REAPER (the docked panel's docker, dock_id).
        span = find_section(lines, EXT_SECTION)
        keys = dict.fromkeys(key_of(lines[i]) for i in range(span[0] + 1, span[1])) if span else {}
        changed = [ini_unset(lines, EXT_SECTION, key, original) for key in keys if key]
        return any(changed)

    def revert_startup(lines, original):
        return startup_remove(lines, resource / "Scripts" / STARTUP)

    revert_file(plan, files, "reaper.ini", revert_reaper_ini, ours_without_record=False)  # its keys may be the user's
    revert_file(plan, files, "reaper-kb.ini", revert_kb, scrub=scrub_kb)
    if keys_removed and resource / "reaper-kb.ini" in plan.writes:
        plan.log.append(f"edit    reaper-kb.ini: - {keys_removed[-1]} keyboard shortcut(s) bound to ReaGroove's "
                        "actions")
    if loaded and resource / "reaper-kb.ini" in plan.writes:
        plan.log.append(f"edit    reaper-kb.ini: - {len(loaded)} action(s) you added that run ReaGroove's scripts")
    revert_file(plan, files, "reaper-extstate.ini", revert_extstate)
    revert_file(plan, files, f"Scripts/{STARTUP}", revert_startup)
    revert_file(plan, files, f"Scripts/{LEGACY_STARTUP}", revert_legacy_startup(resource))

    delete_leftover_temps(plan)
    created = set(manifest.get("created_dirs") or [])
    if install_dir.is_dir():
        # Only what ReaGroove puts there, even in the folder it created: a script the user saved beside
        # ours stays, and so does the folder then.
        ours = [name for name in dict.fromkeys(scripts + [*MODULES, MANIFEST, LOG_NAME]) if (install_dir / name).is_file()]
        plan.deletes += [install_dir / name for name in ours]
        if ours:
            plan.log.append(f"delete  {plan.rel(install_dir)}/: {', '.join(ours)}")
        if (install_dir / "__pycache__").is_dir():
            ours.append("__pycache__")
            plan.rmtrees.append(install_dir / "__pycache__")
            plan.log.append(f"delete  {plan.rel(install_dir)}/__pycache__/")
        if ours or not any(install_dir.iterdir()):
            plan.rmdirs.append(install_dir)  # only if empty by then
    if "Scripts" in created and scripts_dir.is_dir():
        plan.rmdirs.append(scripts_dir)  # only if empty by then
    # Toolbar buttons the producer made for ReaGroove's actions are theirs (and work again on a reinstall, the
    # ids being stable): kept, but said, as they do nothing once the actions are gone.
    try:
        buttons = menu_items_running(split_lines(read_text(resource / "reaper-menu.ini") or ""), ids)
    except InstallError:  # unreadable: the note is not worth stopping the uninstall for
        buttons = 0
    if buttons:
        plan.notes.append(f"{buttons} toolbar button(s) or menu item(s) in reaper-menu.ini run ReaGroove's actions "
                          "and are kept: they do nothing until you install again (remove them in REAPER: "
                          "right-click the toolbar > Customize toolbar)")
    return plan
