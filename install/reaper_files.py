"""Editing REAPER's text files line by line, with no file system access: reaper.ini and
reaper-extstate.ini (INI), reaper-kb.ini (the action list) and the marked block in Scripts/__startup.lua.

Every edit keeps the other lines, sections, comments, the byte order mark,
line endings and bytes that are not UTF-8 as they were. Formats (REAPER
documents none of these files; what is used here is what REAPER writes, as
read in third-party tools that edit them):
- reaper.ini, reaper-extstate.ini: INI text, `[section]` lines and `key=value`
  lines, no spaces around `=`.
- reaper-kb.ini: one record a line, `SCR <flags> <section> <command id>
  "<description>" <path>`, path relative to Scripts/ (quoted when it holds
  spaces); section 0 is Main. Flags 4 is what REAPER writes for a script with
  the default instance handling (ask when it is run while running), 516 for
  "start a new instance" (never asks). A shortcut bound to an action is a
  `KEY <modifiers> <key or MIDI note> <command> <section>` line, the command
  written as `_` + the action's command id (`_RS...` for a script), often
  followed by a `#` comment REAPER adds (`KEY 1 65 _RS... 0\t\t # Main : A :
  ...`); the same file holds a user's custom actions (`ACT`).
- Scripts/__startup.lua: a Lua script REAPER runs when it starts.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

ENC = ("utf-8", "surrogateescape")  # REAPER writes UTF-8; undecodable bytes survive a round trip
SUBDIR = "ReaGroove"  # Scripts/ReaGroove
SCR_FLAGS_ASK = "4"
SCR_FLAGS_NEW_INSTANCE = "516"
SCR_SECTION = "0"
BEGIN = "-- >>> ReaGroove: start ReaGroove's server when REAPER starts (added by install/reaper.py) >>>"
END = "-- <<< ReaGroove <<<"
LEGACY_BEGIN = "# >>> ReaGroove: start ReaGroove's server when REAPER starts (added by install/reaper.py) >>>"
LEGACY_END = "# <<< ReaGroove <<<"  # the block earlier versions put in Scripts/__startup.py


class InstallError(Exception):
    """A problem the user can act on: printed as one line, exit status 2."""


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
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # an editor's "Unicode" save (Notepad): not REAPER's UTF-8
        raise InstallError(f"{path} is UTF-16 text, not the UTF-8 REAPER writes (saved so by an editor?): save it "
                           "as UTF-8 and run this again; nothing was changed")
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


def ini_line(lines: list[str], section: str, key: str) -> str | None:
    """The line (without its ending) that sets section.key, None if there is none."""
    span = find_section(lines, section)
    at = find_key(lines, span, key) if span else None
    return content(lines[at]) if at is not None else None


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


def _kb_tokens(text: str) -> list[str] | None:
    """Tokens as REAPER's line parser splits them (quotes: " ' `, as REAPER picks one the token does not hold);
    None if a quote is left open."""
    tokens, i = [], 0
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


def kb_record(line: str) -> tuple[str, list[str] | None]:
    """The one reader of reaper-kb.ini lines: (kind, fields). kind is the first word (SCR, KEY, ACT; "" for a
    blank line; a byte order mark before it is skipped); fields are the words after it. A KEY record is split
    on white space only, its four fields kept: the command is never quoted, and the `#` comment REAPER adds
    after the section may hold any text (an apostrophe too). Any other record is split as REAPER splits it,
    quotes and all (a path with spaces); fields is None if a quote is left open."""
    text = content(line).lstrip("\ufeff").strip()
    kind = text.split(None, 1)[0] if text else ""
    rest = text[len(kind):]
    if kind == "KEY":
        return kind, rest.split(None, 4)[:4]
    return kind, _kb_tokens(rest)


def check_kb(lines: list[str], path: Path) -> None:
    for number, line in enumerate(lines, 1):
        kind, fields = kb_record(line)
        if kind == "SCR" and (fields is None or len(fields) < 5):
            raise InstallError(f"{path} is malformed at line {number} (an incomplete SCR record); nothing was changed")


def quote_kb(token: str) -> str:
    """A field as kb_record reads it back: quoted when it holds white space (or is empty)."""
    return f'"{token}"' if not token or any(c.isspace() for c in token) else token


def scr_line(command_id: str, description: str, rel_path: str, flags: str = SCR_FLAGS_ASK) -> str:
    # The path is relative to Scripts/, as REAPER writes it for scripts there; "/" also on Windows (REAPER's
    # file functions take both separators; which one REAPER itself writes there is not documented).
    return f'SCR {flags} {SCR_SECTION} {command_id} "{description}" {quote_kb(rel_path)}'


def scr_id_of(line: str) -> str | None:
    kind, fields = kb_record(line)
    if kind == "SCR" and fields and len(fields) >= 3 and fields[1] == SCR_SECTION:
        return fields[2]
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
    """Remove the SCR records of these command ids; returns how many."""
    before = len(lines)
    lines[:] = [line for line in lines if scr_id_of(line) not in ids]
    return before - len(lines)


def kb_remove_running(lines: list[str], paths: set[str], scripts_dir: Path) -> set[str]:
    """Remove the SCR records, in any section, that run one of these files (`paths`: relative to Scripts/,
    lower case, "/"): what a producer added by loading ReaGroove's scripts themselves, under REAPER's own ids.
    The path as REAPER may write it: relative or absolute, either separator. Returns their command ids."""
    base = str(scripts_dir).replace("\\", "/").rstrip("/").lower() + "/"
    found, kept = set(), []
    for line in lines:
        kind, fields = kb_record(line)
        if kind == "SCR" and fields and len(fields) >= 5:
            path = fields[4].replace("\\", "/").lower()
            if (path[len(base):] if path.startswith(base) else path) in paths:
                found.add(fields[2])
                continue
        kept.append(line)
    lines[:] = kept
    return found


def key_command_of(line: str) -> str | None:
    """The command a KEY record runs (`_RS...` for a script), None for any other line (or an incomplete one)."""
    kind, fields = kb_record(line)
    return fields[2] if kind == "KEY" and len(fields) == 4 else None


def kb_remove_keys(lines: list[str], ids: set[str]) -> int:
    """Remove the shortcuts (KEY records) bound to these command ids, in any section; every other line stays
    as it is, byte for byte. Returns how many were removed."""
    commands = {"_" + cid for cid in ids} | set(ids)
    before = len(lines)
    lines[:] = [line for line in lines if key_command_of(line) not in commands]
    return before - len(lines)


def menu_items_running(lines: list[str], ids: set[str]) -> int:
    """How many toolbar buttons and menu items in reaper-menu.ini (`item_<n>=<command> <label>`) run these
    command ids."""
    commands = {"_" + cid for cid in ids}
    return sum(1 for line in lines if (key_of(line) or "").startswith("item_")
               and (value_of(line).split() or [""])[0] in commands)


# ---------------------------------------------------------------- Scripts/__startup.lua


def startup_block(start_server_id: str, nl: str) -> list[str]:
    """Lua that runs ReaGroove's start-server action (by its command id) when REAPER starts."""
    body = [
        BEGIN,
        "-- Removed by `install/reaper.py --uninstall`; edit outside these two marker lines.",
        f'reaper.Main_OnCommand(reaper.NamedCommandLookup("_{start_server_id}"), 0)',
        END,
    ]
    return [line + nl for line in body]


def find_block(lines: list[str], path: Path, begin: str = BEGIN, end: str = END) -> tuple[int, int] | None:
    """(first, last + 1) of the marked block."""
    begins = [i for i, line in enumerate(lines) if content(line).strip() == begin]
    ends = [i for i, line in enumerate(lines) if content(line).strip() == end]
    if not begins and not ends:
        return None
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise InstallError(f"{path} has broken ReaGroove marker lines (fix or remove them by hand); nothing was changed")
    return begins[0], ends[0] + 1


LUA_OPEN = {"function", "if", "do", "repeat"}  # `while`/`for` open with their `do`
LUA_CLOSE = {"end", "until"}
LUA_LONG = re.compile(r"\[(=*)\[")


def lua_chunk_return(lines: list[str]) -> tuple[int, int] | None:
    """(line, column) of the statement that ends the chunk: its own `return` (outside every function and
    block), or a `do ... end` around one (`do return end`, the idiom for returning mid-file: it always runs,
    so what follows is dead code). None if it has none or cannot be read (an unclosed string or block:
    then no guess is made). Code appended below it never runs (or, after a bare `return`, is a syntax error
    and REAPER runs none of the file)."""
    text = "".join(lines)
    # The open blocks, as (kind, where it starts): a `return` ends the chunk when every block around it is a
    # bare `do` (a loop's `do` belongs to its `while`/`for`, which may never run it).
    blocks: list[tuple[str, int]] = []
    loop_do, found, i = 0, None, 0
    while i < len(text):
        c = text[i]
        long = LUA_LONG.match(text, i + 2 if text.startswith("--", i) else i)
        if text.startswith("--", i) and not long:
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
        elif long and (c == "[" or text.startswith("--", i)):  # a long string or comment: [[ ]], --[==[ ]==]
            close = text.find("]" + long.group(1) + "]", long.end())
            if close < 0:
                return None
            i = close + len(long.group(1)) + 2
        elif c in "\"'":
            i += 1
            while i < len(text) and text[i] != c:
                if text[i] == "\n":
                    return None
                i += 2 if text[i] == "\\" else 1
            if i >= len(text):
                return None
            i += 1
        elif c.isalpha() or c == "_":
            word = re.match(r"\w+", text[i:]).group()
            if word in ("while", "for"):
                blocks.append((word, i))
                loop_do += 1
            elif word == "do" and loop_do:
                loop_do -= 1
            elif word in LUA_OPEN:
                blocks.append((word, i))
            elif word in LUA_CLOSE:
                if not blocks:
                    return None
                blocks.pop()
            elif word == "return" and found is None and all(kind == "do" for kind, _ in blocks):
                found = blocks[0][1] if blocks else i
            i += len(word)
        elif c.isdigit():
            i += len(re.match(r"[\w.]+", text[i:]).group())
        else:
            i += 1
    if blocks or found is None:
        return None
    line = text.count("\n", 0, found)
    return line, found - (text.rfind("\n", 0, found) + 1)


def startup_set(lines: list[str], block: list[str], nl: str, path: Path) -> str | None:
    """Put the block at the end of the file, or before the file's own `return` (or `do return end`) if it has
    one (where Lua runs it); a block an earlier version put after that return moves before it."""
    span = find_block(lines, path)
    ret = lua_chunk_return(lines)
    if span is not None and (ret is None or span[0] < ret[0]):
        if lines[span[0]:span[1]] == block:
            return None
        lines[span[0]:span[1]] = block
        return "~ the ReaGroove block (updated)"
    if span is not None:
        startup_remove(lines, path)
        ret = lua_chunk_return(lines)
    if ret is None:
        terminate_last(lines, nl)
        at = len(lines)
    else:
        at, column = ret
        if lines[at][:column].strip():  # `local M = {} return M`: the return goes on a line of its own
            lines[at:at + 1] = [lines[at][:column].rstrip(" \t") + nl, lines[at][column:]]
            at += 1
    if at:
        block = [nl] + block  # a blank line between the user's code and ours (always: uninstall takes it back)
    lines[at:at] = block
    return "~ the ReaGroove block (moved before the file's return)" if span else \
        "+ a block that starts ReaGroove's server at launch"


def startup_remove(lines: list[str], path: Path, begin: str = BEGIN, end: str = END) -> bool:
    span = find_block(lines, path, begin, end)
    if span is None:
        return False
    del lines[span[0]:span[1]]
    first = span[0]
    # The blank line startup_set puts before the block goes with it (one: a blank line of the user's above it
    # stays).
    if first >= 1 and not content(lines[first - 1]).strip():
        del lines[first - 1]
    return True
