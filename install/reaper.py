#!/usr/bin/env python3
"""Register ReaGroove with REAPER: python install/reaper.py [--resource-path DIR] [--port 2317] [--uninstall] [--dry-run]

Run it with the interpreter of ReaGroove's virtual environment (.venv/bin/python),
REAPER closed: REAPER keeps its settings in memory and writes them back when it
exits, over what was changed meanwhile. In REAPER's resource folder it

1. enables Python ReaScript in reaper.ini ([REAPER] reascript=1,
   pythonlibpath64=<folder of libpython>, pythonlibdll64=<its file name>),
   pointing REAPER at the libpython of the interpreter running this script, so
   REAPER's embedded Python is the venv's Python version;
2. copies the action scripts (install/reaper_scripts/) into Scripts/ReaGroove/,
   with the port and the absolute paths of the venv's interpreter, its
   `reagroove` executable and its site-packages filled in;
3. registers them in reaper-kb.ini as `SCR` lines in the Main section, with
   command ids derived from their file names (stable across installs, so
   shortcuts and toolbar buttons bound to them keep working);
4. configures the server: [reagroove] server_port=<port> in
   reaper-extstate.ini, and a marked block in Scripts/__startup.py (created or
   appended to) that starts ReaGroove's server when REAPER starts.

Every file is edited line by line: other lines, sections, comments, the byte
order mark, line endings and bytes that are not UTF-8 stay as they were. Each
file is backed up as <name>.reagroove-backup before its first edit (an
existing backup is never overwritten) and written atomically (a temporary file
in the same folder, then os.replace). All changes are planned and checked
before the first write; if a write fails, what was written is undone. Running
it twice changes nothing the second time.

--uninstall reverses it: a file left as the installer wrote it gets its backup
back byte for byte (or is deleted if the installer created it); a file that
changed since (REAPER rewrites reaper.ini and reaper-extstate.ini when it
exits) only loses ReaGroove's lines, the rest is kept, and so is its backup.
Scripts/ReaGroove/ goes, with the folders the installer created.

Formats (REAPER documents none of these files; what is used here is what
REAPER writes, as read in third-party tools that edit them, see the notes at
each function):
- reaper.ini, reaper-extstate.ini: INI text, `[section]` lines and `key=value`
  lines, no spaces around `=`.
- reaper-kb.ini: one record a line, `SCR <flags> <section> <command id>
  "<description>" <path>`, path relative to Scripts/ (quoted when it holds
  spaces); flags 4 is what REAPER writes for a script with default task
  control, section 0 is Main.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "reaper_scripts"
COMMON = "reagroove_common.py"
SUBDIR = "ReaGroove"  # Scripts/ReaGroove
MANIFEST = "install.json"
LOG_NAME = "reagroove.log"
BACKUP_SUFFIX = ".reagroove-backup"
DEFAULT_PORT = 2317
EXT_SECTION = "reagroove"
REAPER_SECTION = "REAPER"
PYTHON_KEYS = ("reascript", "pythonlibpath64", "pythonlibdll64")
STARTUP = "__startup.py"
BEGIN = "# >>> ReaGroove: start ReaGroove's server when REAPER starts (added by install/reaper.py) >>>"
END = "# <<< ReaGroove <<<"
# kb.ini: 4 = default "task control" (what REAPER writes; 260 and 516 are the toggle/new-instance variants),
# section 0 = Main.
SCR_FLAGS = "4"
SCR_SECTION = "0"
ENC = ("utf-8", "surrogateescape")  # REAPER writes UTF-8; undecodable bytes survive a round trip
PLACEHOLDER = re.compile(r'"@([A-Z_]+)@"')


class InstallError(Exception):
    """A problem the user can act on: printed as one line, exit status 2."""


# ---------------------------------------------------------------- finding things


def candidate_resource_dirs(platform: str = sys.platform, env=os.environ, home: str | None = None) -> list[Path]:
    """Where REAPER keeps its resource folder for a normal (not portable) install."""
    home = home or os.path.expanduser("~")
    if platform == "win32":
        return [Path(env["APPDATA"]) / "REAPER"] if env.get("APPDATA") else []
    if platform == "darwin":
        return [Path(home) / "Library" / "Application Support" / "REAPER"]
    # Linux: ~/.config/REAPER. Whether REAPER follows $XDG_CONFIG_HOME is not documented; look there first.
    dirs = []
    if env.get("XDG_CONFIG_HOME"):
        dirs.append(Path(env["XDG_CONFIG_HOME"]) / "REAPER")
    dirs.append(Path(home) / ".config" / "REAPER")
    return dirs


def find_resource_dir(given: str | None) -> Path:
    if given:
        path = Path(given).expanduser()
        if not path.is_dir():
            raise InstallError(f"no REAPER resource folder at {path} (no such folder)")
        if not (path / "reaper.ini").is_file():
            raise InstallError(f"{path} is not a REAPER resource folder (no reaper.ini): start REAPER once with it")
        return path.absolute()
    candidates = candidate_resource_dirs()
    for path in candidates:
        if (path / "reaper.ini").is_file():
            return path.absolute()
    looked = ", ".join(str(p) for p in candidates) or "(APPDATA is not set)"
    raise InstallError(
        f"no REAPER resource folder found (looked in {looked}): start REAPER once, "
        "or give the folder with --resource-path DIR (a portable install keeps it beside REAPER)"
    )


def python_library(platform: str = sys.platform, config_var=sysconfig.get_config_var,
                   base_prefix: str = sys.base_prefix, version=sys.version_info,
                   exists=os.path.isfile) -> tuple[str, str]:
    """(folder, file name) of the Python shared library REAPER should load: the running interpreter's own.

    REAPER's ReaScript preferences take the two separately ("Custom path to
    Python dll directory", "Force ReaScript to use specific Python .dll").
    """
    major, minor = version[0], version[1]

    def cfg(name: str) -> str:
        return config_var(name) or ""

    candidates: list[tuple[str, str]] = []
    if platform == "win32":
        # python3XX.dll sits beside python.exe in the base installation (a venv has no copy of it).
        name = f"python{major}{minor}.dll"
        candidates = [(base_prefix, name), (os.path.join(base_prefix, "DLLs"), name)]
    elif platform == "darwin":
        libdir, framework_dir = cfg("LIBDIR"), cfg("PYTHONFRAMEWORKINSTALLDIR")
        dylib = f"libpython{major}.{minor}.dylib"
        candidates = [(libdir, dylib)]
        if cfg("LDLIBRARY").endswith(".dylib"):
            candidates.append((libdir, os.path.basename(cfg("LDLIBRARY"))))
        if framework_dir:  # a framework build: lib/libpython3.X.dylib links to the framework's Python binary
            candidates += [(os.path.join(framework_dir, "lib"), dylib), (framework_dir, cfg("PYTHONFRAMEWORK") or "Python")]
    else:
        if not str(cfg("Py_ENABLE_SHARED")) == "1":
            raise InstallError(
                f"this Python ({sys.executable}) has no shared libpython (built without --enable-shared): "
                "REAPER cannot load it; make the venv with a Python that has one (most distribution and pyenv "
                "builds with PYTHON_CONFIGURE_OPTS=--enable-shared do)"
            )
        names = [n for n in (cfg("LDLIBRARY"), cfg("INSTSONAME")) if n and not n.endswith(".a")]
        dirs = [cfg("LIBDIR"), os.path.join(cfg("LIBDIR"), cfg("MULTIARCH")) if cfg("MULTIARCH") else "",
                cfg("LIBPL"), os.path.join(base_prefix, "lib")]
        candidates = [(d, n) for d in dirs if d for n in names]
    for folder, name in candidates:
        if folder and name and exists(os.path.join(folder, name)):
            return folder, name
    looked = ", ".join(os.path.join(f, n) for f, n in candidates if f and n)
    raise InstallError(f"cannot find this Python's shared library for REAPER (looked for {looked or 'nothing'})")


def venv_paths() -> dict:
    """The interpreter running this script, its `reagroove` executable and site-packages (not resolved: a
    venv's python is a link to the base interpreter, and resolving it would leave the venv)."""
    python = os.path.abspath(sys.executable)
    folder = os.path.dirname(python)
    exe = os.path.join(folder, "reagroove.exe" if os.name == "nt" else "reagroove")
    if not os.path.isfile(exe):
        raise InstallError(
            f"no `reagroove` executable beside {python}: run this with the interpreter of ReaGroove's virtual "
            "environment (.venv/bin/python install/reaper.py), after install/setup.sh"
        )
    paths = sysconfig.get_paths()
    site_dirs = list(dict.fromkeys(p for p in (paths.get("purelib"), paths.get("platlib")) if p))
    return {"python": python, "reagroove": exe, "site_dirs": site_dirs}


# ---------------------------------------------------------------- text files, line by line


def read_text(path: Path) -> str | None:
    """A file's text (None if it does not exist); malformed if binary."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise InstallError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise InstallError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\0" in data:
        raise InstallError(f"{path} is malformed (binary data, not a text file); nothing was changed")
    return data.decode(*ENC)


def split_lines(text: str) -> list[str]:
    """Lines with their own endings; "".join() gives the text back exactly."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def content(line: str) -> str:
    return line.rstrip("\r\n")


def newline_of(text: str | None) -> str:
    if text and "\r\n" in text:
        return "\r\n"
    if text and "\n" in text:
        return "\n"
    return "\r\n" if os.name == "nt" else "\n"


def terminate_last(lines: list[str], nl: str) -> None:
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += nl


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode(*ENC)).hexdigest()


# ---------------------------------------------------------------- INI files (reaper.ini, reaper-extstate.ini)


def check_ini(lines: list[str], path: Path) -> None:
    """REAPER's INI files hold only [section] lines, key=value lines inside sections, blanks and comments."""
    in_section = False
    for number, line in enumerate(lines, 1):
        text = content(line).lstrip("\ufeff").strip()
        if not text or text[0] in ";#":
            continue
        if text.startswith("["):
            if not text.endswith("]") or len(text) < 3:
                raise InstallError(f"{path} is malformed at line {number} (an unclosed [section]); nothing was changed")
            in_section = True
        elif "=" not in text or not in_section:
            where = "outside any [section]" if "=" in text else "not key=value"
            raise InstallError(f"{path} is malformed at line {number} ({where}); nothing was changed")


def section_name(line: str) -> str | None:
    text = content(line).lstrip("\ufeff").strip()
    if text.startswith("[") and text.endswith("]"):
        return text[1:-1].strip()
    return None


def find_section(lines: list[str], name: str) -> tuple[int, int] | None:
    """(header index, end index) of the first section called `name` (case-insensitively, as REAPER reads it)."""
    start = None
    for i, line in enumerate(lines):
        found = section_name(line)
        if found is None:
            continue
        if start is not None:
            return start, i
        if found.lower() == name.lower():
            start = i
    return (start, len(lines)) if start is not None else None


def key_of(line: str) -> str | None:
    text = content(line).strip()
    if not text or text[0] in ";#[" or "=" not in text:
        return None
    return text.split("=", 1)[0].strip().lower()


def find_key(lines: list[str], span: tuple[int, int], key: str) -> int | None:
    for i in range(span[0] + 1, span[1]):
        if key_of(lines[i]) == key.lower():
            return i
    return None


def value_of(line: str) -> str:
    return content(line).split("=", 1)[1]


def ini_set(lines: list[str], section: str, key: str, value: str, nl: str) -> str | None:
    """Set section.key=value in place; returns a description of the change, or None if it was already so."""
    span = find_section(lines, section)
    if span is None:
        terminate_last(lines, nl)
        if lines and content(lines[-1]).strip():
            lines.append(nl)
        lines += [f"[{section}]{nl}", f"{key}={value}{nl}"]
        return f"[{section}] {key}={value} (new section)"
    at = find_key(lines, span, key)
    if at is not None:
        old = value_of(lines[at])
        if old == value:
            return None
        lines[at] = f"{key}={value}" + lines[at][len(content(lines[at])):]  # its own line ending
        return f"[{section}] {key}={value} (was {old!r})"
    # After the section's last non-blank line, so blank lines between sections stay where they are.
    insert = span[0] + 1
    for i in range(span[0] + 1, span[1]):
        if content(lines[i]).strip():
            insert = i + 1
    if insert == len(lines):
        terminate_last(lines, nl)
    lines.insert(insert, f"{key}={value}{nl}")
    return f"[{section}] {key}={value} (new)"


def ini_unset(lines: list[str], section: str, key: str, original: list[str] | None) -> bool:
    """Put section.key back as it is in `original` (the backup's lines), or remove it; True if changed."""
    span = find_section(lines, section)
    if span is None:
        return False
    at = find_key(lines, span, key)
    if at is None:
        return False
    before = None
    if original is not None:
        ospan = find_section(original, section)
        oat = find_key(original, ospan, key) if ospan else None
        before = original[oat] if oat is not None else None
    if before is not None:
        replacement = content(before) + lines[at][len(content(lines[at])):]
        if replacement == lines[at]:
            return False
        lines[at] = replacement
        return True
    del lines[at]
    span = find_section(lines, section)
    has_keys = any(key_of(lines[i]) for i in range(span[0] + 1, span[1]))
    if not has_keys and all(not content(lines[i]).strip() for i in range(span[0] + 1, span[1])):
        # The section is empty now: remove it, and the blank line put before it if it was the last one.
        del lines[span[0]:span[1]]
        if span[0] == len(lines) and lines and not content(lines[-1]).strip():
            del lines[-1]
    return True


# ---------------------------------------------------------------- reaper-kb.ini


def kb_tokens(line: str) -> list[str] | None:
    """Tokens of a kb.ini record as REAPER's line parser splits them (quotes: " ' `); None if unbalanced."""
    tokens, i, text = [], 0, content(line)
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text[i] in "\"'`":
            end = text.find(text[i], i + 1)
            if end < 0:
                return None
            tokens.append(text[i + 1:end])
            i = end + 1
        else:
            end = i
            while end < len(text) and not text[end].isspace():
                end += 1
            tokens.append(text[i:end])
            i = end
    return tokens


def check_kb(lines: list[str], path: Path) -> None:
    for number, line in enumerate(lines, 1):
        if content(line).lstrip("\ufeff").startswith("SCR"):
            tokens = kb_tokens(content(line).lstrip("\ufeff"))
            if tokens is None or (tokens[0] == "SCR" and len(tokens) < 6):
                raise InstallError(f"{path} is malformed at line {number} (an incomplete SCR record); nothing was changed")


def quote_kb(token: str) -> str:
    return f'"{token}"' if not token or any(c.isspace() for c in token) else token


def scr_line(command_id: str, description: str, rel_path: str) -> str:
    # The path is relative to Scripts/, as REAPER writes it for scripts there; "/" also on Windows (REAPER's
    # file functions take both separators; which one REAPER itself writes there is not documented).
    return f'SCR {SCR_FLAGS} {SCR_SECTION} {command_id} "{description}" {quote_kb(rel_path)}'


def scr_id_of(line: str) -> str | None:
    tokens = kb_tokens(content(line).lstrip("\ufeff"))
    if tokens and len(tokens) >= 4 and tokens[0] == "SCR" and tokens[2] == SCR_SECTION:
        return tokens[3]
    return None


def command_id(file_name: str) -> str:
    """A stable command id: "RS" + 40 hex digits, the shape of the ids REAPER gives scripts, from the script's
    path under Scripts/ (REAPER's own hash is not documented, so ours is SHA-1 of the same path)."""
    return "RS" + hashlib.sha1(f"{SUBDIR}/{file_name}".encode()).hexdigest()


def kb_set(lines: list[str], records: dict[str, str], nl: str) -> list[str]:
    """Make every record (command id -> line) present exactly once; returns the changes."""
    changes, seen = [], set()
    for i in range(len(lines) - 1, -1, -1):  # backwards, so deletions keep indices valid
        cid = scr_id_of(lines[i])
        if cid not in records:
            continue
        first = all(scr_id_of(lines[j]) != cid for j in range(i))
        if not first:
            del lines[i]
            changes.append(f"- duplicate {cid}")
            continue
        seen.add(cid)
        if content(lines[i]).lstrip("\ufeff") != records[cid]:
            bom = "\ufeff" if lines[i].startswith("\ufeff") else ""
            lines[i] = bom + records[cid] + lines[i][len(content(lines[i])):]
            changes.append(f"~ {records[cid]}")
    missing = [cid for cid in records if cid not in seen]
    if missing:
        terminate_last(lines, nl)
    for cid in missing:
        lines.append(records[cid] + nl)
        changes.append(f"+ {records[cid]}")
    return changes


def kb_remove(lines: list[str], ids: set[str]) -> int:
    before = len(lines)
    lines[:] = [line for line in lines if scr_id_of(line) not in ids]
    return before - len(lines)


# ---------------------------------------------------------------- Scripts/__startup.py


def startup_block(install_dir: str, nl: str) -> list[str]:
    body = [
        BEGIN,
        "# Removed by `install/reaper.py --uninstall`; edit outside these two marker lines.",
        "try:",
        "    import sys as _reagroove_sys",
        f"    if {install_dir!r} not in _reagroove_sys.path:",
        f"        _reagroove_sys.path.insert(0, {install_dir!r})",
        "    import reagroove_common as _reagroove_common",
        "    _reagroove_common.start_at_launch()",
        "except Exception as _reagroove_exc:",
        "    try:",
        "        from reaper_python import RPR_ShowConsoleMsg",
        "        RPR_ShowConsoleMsg('ReaGroove: the server did not start: %s\\n' % (_reagroove_exc,))",
        "    except Exception:",
        "        pass",
        END,
    ]
    return [line + nl for line in body]


def find_block(lines: list[str], path: Path) -> tuple[int, int] | None:
    """(first, last + 1) of the marked block."""
    begins = [i for i, line in enumerate(lines) if content(line).strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if content(line).strip() == END]
    if not begins and not ends:
        return None
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise InstallError(f"{path} has broken ReaGroove marker lines (fix or remove them by hand); nothing was changed")
    return begins[0], ends[0] + 1


def startup_set(lines: list[str], block: list[str], nl: str, path: Path) -> str | None:
    span = find_block(lines, path)
    if span is not None:
        if lines[span[0]:span[1]] == block:
            return None
        lines[span[0]:span[1]] = block
        return "~ the ReaGroove block (updated)"
    terminate_last(lines, nl)
    if lines and content(lines[-1]).strip():
        lines.append(nl)  # a blank line between the user's code and ours
    lines.extend(block)
    return "+ a block that starts ReaGroove's server at launch"


def startup_remove(lines: list[str], path: Path) -> bool:
    span = find_block(lines, path)
    if span is None:
        return False
    at_end = span[1] == len(lines)
    del lines[span[0]:span[1]]
    if at_end and span[0] > 0 and span[0] == len(lines) and not content(lines[-1]).strip():
        del lines[-1]  # the blank separator the installer added
    return True


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
        raise InstallError(f"{path} is malformed (not JSON); nothing was changed") from None
    return data if isinstance(data, dict) else {}


def render_template(path: Path, values: dict) -> str:
    text = path.read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise InstallError(f"{path} has an unknown placeholder @{name}@ (a bug in ReaGroove's templates)")
        return repr(values[name])

    text = PLACEHOLDER.sub(fill, text)
    try:
        compile(text, str(path), "exec")
    except SyntaxError as exc:
        raise InstallError(f"{path} does not compile once filled in ({exc}): a bug in ReaGroove's templates") from None
    return text


def action_templates() -> list[tuple[str, str]]:
    """(file name, action list description) of each action script template."""
    found = []
    for path in sorted(TEMPLATES.glob("*.py")):
        if path.name == COMMON:
            continue
        match = re.search(r"^# @description (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if not match:
            raise InstallError(f"{path} has no '# @description' line (a bug in ReaGroove's templates)")
        found.append((path.name, match.group(1).strip()))
    if not found:
        raise InstallError(f"no action script templates in {TEMPLATES}")
    return found


def edit_file(plan: Plan, manifest_files: dict, path: Path, edit) -> None:
    """Plan an edit of one file: `edit(lines, nl)` edits the lines in place and returns the changes made.

    The file is backed up before its first edit (never over an existing backup), and the manifest records
    whether it existed before and the digest of what the installer wrote.
    """
    text = read_text(path)
    lines = split_lines(text or "")
    changes = edit(lines, newline_of(text))
    new = "".join(lines)
    if new == (text or ""):
        return
    rel = plan.rel(path)
    entry = dict(manifest_files.get(rel) or {"existed": text is not None})
    if text is None:
        plan.log.append(f"create  {rel}")
    elif entry["existed"] and not backup_path(path).exists():
        plan.backups.append((path, backup_path(path)))
        plan.log.append(f"backup  {rel} -> {plan.rel(backup_path(path))}")
    for change in changes:
        plan.log.append(f"edit    {rel}: {change}")
    entry["sha256"] = sha256(new)
    manifest_files[rel] = entry
    plan.writes[path] = new


def plan_install(resource: Path, port: int) -> Plan:
    plan = Plan(resource)
    scripts_dir = resource / "Scripts"
    install_dir = scripts_dir / SUBDIR
    for folder in (resource, scripts_dir, install_dir):
        if folder.exists() and not folder.is_dir():
            raise InstallError(f"{folder} is a file where a folder should be; nothing was changed")
    old = load_manifest(install_dir)
    created_dirs = list(old.get("created_dirs", []))
    for folder in (scripts_dir, install_dir):
        if not folder.exists():
            plan.mkdirs.append(folder)
            plan.log.append(f"mkdir   {plan.rel(folder)}")
            created_dirs.append(plan.rel(folder))
    files: dict = {k: dict(v) for k, v in (old.get("files") or {}).items()}

    lib_dir, lib_name = python_library()
    venv = venv_paths()
    actions = action_templates()
    ids = {name: command_id(name) for name, _ in actions}
    action_keys = {}
    for name, _ in actions:
        match = re.search(r'reagroove_common\.run\("([a-z_]+)"', (TEMPLATES / name).read_text(encoding="utf-8"))
        if match:
            action_keys[match.group(1)] = ids[name]

    # 1. Python ReaScript in reaper.ini. "reascript=1" is the switch reapy's configure_reaper and other
    # installers set for "Enable Python for use with ReaScript"; REAPER does not document its ini keys.
    def edit_reaper_ini(lines, nl):
        check_ini(lines, resource / "reaper.ini")
        values = {"reascript": "1", "pythonlibpath64": lib_dir, "pythonlibdll64": lib_name}
        return [c for key in PYTHON_KEYS if (c := ini_set(lines, REAPER_SECTION, key, values[key], nl))]

    edit_file(plan, files, resource / "reaper.ini", edit_reaper_ini)

    # 2. The action scripts and their shared module.
    values = {
        "PORT": port, "PYTHON": venv["python"], "REAGROOVE": venv["reagroove"], "SITE_DIRS": venv["site_dirs"],
        "INSTALL_DIR": str(install_dir), "LOG_PATH": str(install_dir / LOG_NAME), "COMMAND_IDS": action_keys,
    }
    names = [COMMON] + [name for name, _ in actions]
    for name in names:
        target = install_dir / name
        text = render_template(TEMPLATES / name, values)
        if read_text(target) != text:
            plan.writes[target] = text
            plan.log.append(f"{'update' if target.exists() else 'copy  '}  {plan.rel(target)}")
    for stale in old.get("scripts", []):  # scripts a previous version installed and this one does not
        if stale not in names and (install_dir / stale).is_file():
            plan.deletes.append(install_dir / stale)
            plan.log.append(f"delete  {plan.rel(install_dir / stale)} (no longer part of ReaGroove)")

    # 3. The actions in reaper-kb.ini.
    records = {ids[name]: scr_line(ids[name], description, f"{SUBDIR}/{name}") for name, description in actions}
    stale_ids = {command_id(s) for s in old.get("scripts", []) if s not in names and s != COMMON}

    def edit_kb(lines, nl):
        check_kb(lines, resource / "reaper-kb.ini")
        removed = kb_remove(lines, stale_ids)
        return ([f"- {removed} stale ReaGroove action(s)"] if removed else []) + kb_set(lines, records, nl)

    edit_file(plan, files, resource / "reaper-kb.ini", edit_kb)

    # 4. The server's port in reaper-extstate.ini, and __startup.py.
    def edit_extstate(lines, nl):
        check_ini(lines, resource / "reaper-extstate.ini")
        change = ini_set(lines, EXT_SECTION, "server_port", str(port), nl)
        return [change] if change else []

    edit_file(plan, files, resource / "reaper-extstate.ini", edit_extstate)

    startup = scripts_dir / STARTUP

    def edit_startup(lines, nl):
        change = startup_set(lines, startup_block(str(install_dir), nl), nl, startup)
        return [change] if change else []

    edit_file(plan, files, startup, edit_startup)

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


def plan_uninstall(resource: Path) -> Plan:
    plan = Plan(resource)
    scripts_dir = resource / "Scripts"
    install_dir = scripts_dir / SUBDIR
    manifest = load_manifest(install_dir) if install_dir.is_dir() else {}
    files = manifest.get("files") or {}
    scripts = manifest.get("scripts") or [name for name, _ in action_templates()]
    ids = {command_id(name) for name in scripts if name != COMMON}

    def revert(rel: str, edit, *, ours_without_record: bool = True) -> None:
        """Undo the install's edit of one file; `edit(lines, original_lines or None)` removes ReaGroove's lines."""
        path = resource / rel
        entry = files.get(rel)
        backup = backup_path(path)
        text = read_text(path)
        original = read_text(backup) if backup.is_file() else None
        if entry is None and original is None:
            # No record of an edit (no manifest, no backup): only lines that are ReaGroove's by their identity
            # (its command ids, its ext state section, its marked block) go.
            if text is not None and ours_without_record:
                lines = split_lines(text)
                if edit(lines, None):
                    plan.writes[path] = "".join(lines)
                    plan.log.append(f"edit    {rel}: ReaGroove's entries removed")
            return
        existed = entry.get("existed", True) if entry else True
        if text is None:
            if original is not None:
                plan.writes[path] = original
                plan.deletes.append(backup)
                plan.log.append(f"restore {rel} from {plan.rel(backup)} (the file was gone)")
            return
        if entry and entry.get("sha256") == sha256(text) and (original is not None or not existed):
            # As the installer left it: back to exactly what it was.
            if existed:
                plan.writes[path] = original
                plan.deletes.append(backup)
                plan.log.append(f"restore {rel} from {plan.rel(backup)}")
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
            kept = f"; {plan.rel(backup)} is kept" if original is not None and new != original else ""
            plan.log.append(f"edit    {rel}: ReaGroove's entries removed (the file changed since the install, "
                            f"the rest of it is kept{kept})")
        if original is not None and new == original:
            plan.deletes.append(backup)
            plan.log.append(f"delete  {plan.rel(backup)} (the file is as it was)")

    def revert_reaper_ini(lines, original):
        check_ini(lines, resource / "reaper.ini")
        changed = [ini_unset(lines, REAPER_SECTION, key, original) for key in PYTHON_KEYS]  # every key
        return any(changed)

    def revert_kb(lines, original):
        return kb_remove(lines, ids) > 0

    def revert_extstate(lines, original):
        check_ini(lines, resource / "reaper-extstate.ini")
        changed = [ini_unset(lines, EXT_SECTION, key, original) for key in ("server_port", "live")]  # both
        return any(changed)

    def revert_startup(lines, original):
        return startup_remove(lines, resource / "Scripts" / STARTUP)

    revert("reaper.ini", revert_reaper_ini, ours_without_record=False)  # its Python keys may be the user's
    revert("reaper-kb.ini", revert_kb)
    revert("reaper-extstate.ini", revert_extstate)
    revert(f"Scripts/{STARTUP}", revert_startup)

    created = set(manifest.get("created_dirs") or [])
    if install_dir.is_dir():
        if f"Scripts/{SUBDIR}" in created:
            plan.rmtrees.append(install_dir)
            plan.log.append(f"delete  {plan.rel(install_dir)}/")
        else:  # not known to be ReaGroove's own folder: only what ReaGroove puts in it
            for name in list(dict.fromkeys(scripts + [COMMON, MANIFEST, LOG_NAME])):
                if (install_dir / name).is_file():
                    plan.deletes.append(install_dir / name)
                    plan.log.append(f"delete  {plan.rel(install_dir / name)}")
            if (install_dir / "__pycache__").is_dir():
                plan.rmtrees.append(install_dir / "__pycache__")
                plan.log.append(f"delete  {plan.rel(install_dir)}/__pycache__/")
            plan.rmdirs.append(install_dir)  # only if empty by then
    if "Scripts" in created and scripts_dir.is_dir():
        plan.rmdirs.append(scripts_dir)  # only if empty by then
    return plan


# ---------------------------------------------------------------- applying a plan


def writable(path: Path) -> bool:
    """os.access, plus the owner's write bit (os.access says yes to root even for a read-only file)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return True
    if os.name == "nt" and stat.S_ISDIR(mode):
        return os.access(path, os.W_OK)  # Windows ignores a folder's read-only attribute
    return os.access(path, os.W_OK) and bool(mode & stat.S_IWUSR)


def check_writable(plan: Plan) -> None:
    folders = {p.parent for p in plan.writes} | {p.parent for p, _ in plan.backups} | {p.parent for p in plan.deletes}
    folders |= {p.parent for p in plan.mkdirs} | {p.parent for p in plan.rmtrees} | {p.parent for p in plan.rmdirs}
    for folder in sorted(folders):
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not writable(existing) or (existing.exists() and not os.access(existing, os.X_OK)):
            raise InstallError(f"cannot write in {existing} (permission denied); nothing was changed")
    for path in list(plan.writes) + plan.deletes:
        if path.exists() and not writable(path):
            raise InstallError(f"{path} is read-only; nothing was changed")


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """A temporary file in the same folder, then os.replace: a crash leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode(*ENC))
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            shutil.copymode(path, tmp)  # keep the file's permissions
        else:
            os.chmod(tmp, 0o666 & ~_umask())  # what open() would have given a new file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_copy(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def apply(plan: Plan) -> None:
    """Carry out the plan; on any failure undo what was done, then raise InstallError."""
    check_writable(plan)
    undo: list = []
    try:
        for folder in plan.mkdirs:
            folder.mkdir()
            undo.append(lambda f=folder: f.rmdir())
        for source, backup in plan.backups:
            atomic_copy(source, backup)
            undo.append(lambda b=backup: b.unlink())
        for path, text in plan.writes.items():
            before = path.read_bytes() if path.exists() else None
            atomic_write(path, text)
            undo.append(lambda p=path, b=before: p.write_bytes(b) if b is not None else p.unlink())
        for path in plan.deletes:
            before = path.read_bytes()
            path.unlink()
            undo.append(lambda p=path, b=before: p.write_bytes(b))
        for folder in plan.rmtrees:
            shutil.rmtree(folder)  # last of all: not undoable, and only ReaGroove's own folder
        for folder in plan.rmdirs:
            try:
                folder.rmdir()
            except OSError:
                plan.log.append(f"kept    {plan.rel(folder)}/ (not empty)")
            else:
                plan.log.append(f"delete  {plan.rel(folder)}/ (created by the installer)")
    except OSError as exc:
        for step in reversed(undo):
            try:
                step()
            except OSError:
                pass
        where = exc.filename or "a file"
        raise InstallError(f"cannot write {where}: {exc.strerror or exc}; nothing was changed") from None


# ---------------------------------------------------------------- command line


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be a number from 1 to 65535, not {text!r}")
    return port


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="reaper.py", description="Register ReaGroove with REAPER (run it with REAPER closed).")
    parser.add_argument("--resource-path", metavar="DIR", help="REAPER's resource folder (default: found for this OS)")
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT, help="port of ReaGroove's server (default 2317)")
    parser.add_argument("--uninstall", action="store_true", help="undo the install: restore the backups, remove what it added")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    args = parser.parse_args(argv)
    try:
        resource = find_resource_dir(args.resource_path)
        plan = plan_uninstall(resource) if args.uninstall else plan_install(resource, args.port)
        what = "uninstall from" if args.uninstall else "install into"
        if plan.empty():
            state = "not installed" if args.uninstall else "already installed"
            print(f"ReaGroove is {state} in {resource}: nothing to change.")
            return 0
        prefix = "would " if args.dry_run else ""
        print(f"ReaGroove: {prefix}{what} {resource}")
        if not args.dry_run:
            apply(plan)
        for line in plan.log:
            print(f"  {prefix}{line}")
        if args.dry_run:
            print("dry run: nothing was changed.")
        elif args.uninstall:
            print("done. Restart REAPER (if it is running, quit it first: it writes its settings back when it exits).")
        else:
            print("done. Start REAPER (restart it if it was running) and find the actions under 'ReaGroove:' "
                  "in the action list.")
        return 0
    except InstallError as exc:
        print(f"reaper.py: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
