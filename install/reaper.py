#!/usr/bin/env python3
"""Register ReaGroove with REAPER: python install/reaper.py [--resource-path DIR] [--port 2317] [--uninstall] [--dry-run]

Run it with the interpreter of ReaGroove's virtual environment (.venv/bin/python;
on Windows .venv\\Scripts\\python), REAPER closed: REAPER keeps its settings in
memory and writes them back when it exits, over what was changed meanwhile. In
REAPER's resource folder it

1. enables Python ReaScript in reaper.ini ([REAPER] reascript=1,
   pythonlibpath64=<folder of libpython>, pythonlibdll64=<its file name>),
   pointing REAPER at the libpython of the interpreter running this script, so
   REAPER's embedded Python is the venv's Python version;
2. writes the action scripts into Scripts/ReaGroove/ (generated from the
   ACTIONS table in reaper_plan.py, beside the shared reagroove_common.py),
   with the port and the absolute paths of the venv's interpreter, its
   `reagroove` executable and its site-packages filled in;
3. registers them in reaper-kb.ini as `SCR` lines in the Main section, with
   command ids derived from their file names (stable across installs, so
   shortcuts and toolbar buttons bound to them keep working);
4. configures the server: [reagroove] server_port=<port> in
   reaper-extstate.ini, and a marked block in Scripts/__startup.lua (created or
   appended to) that runs the "Start server" action when REAPER starts.

Every file is edited line by line (reaper_files.py); all changes are planned
and checked before the first write, each file is backed up first and written
atomically, and if a write fails, what was written is undone (reaper_plan.py, reaper_apply.py).
Running it twice changes nothing the second time. Finding REAPER's resource
folder and the Python library: reaper_paths.py.

--uninstall reverses it, with any Python 3.8+ (the venv may be gone by then): a file left as the installer wrote it gets its backup
back byte for byte (or is deleted if the installer created it); a file that
changed since (REAPER rewrites reaper.ini and reaper-extstate.ini when it
exits) only loses ReaGroove's lines, the rest is kept, and so is its backup.
In reaper.ini those are the Python keys still set as ReaGroove set them, each
put back as it was before (install.json keeps that line; never a backup an
earlier uninstall kept); a key the producer changed since is theirs.
In reaper-kb.ini ReaGroove's lines are its actions (SCR) and the shortcuts
bound to them (KEY lines whose command is `_` + one of its command ids); the
user's other shortcuts stay byte for byte.
ReaGroove's files in Scripts/ReaGroove/ go, and the folders the installer created
unless they hold files of yours (those are kept, and named).
"""

# This file is written so that any Python, 2.7 on, reads it as far as the version check below: an older
# `python3 install/reaper.py --uninstall` says what it needs instead of a SyntaxError (no f-strings,
# no annotations here; the modules it imports use what 3.8 has).
from __future__ import print_function

import sys

MIN_PYTHON = (3, 8)
if sys.version_info < MIN_PYTHON:
    sys.stderr.write("reaper.py: error: this is Python %d.%d, it needs %d.%d or newer: install with the venv's "
                     "Python (.venv/bin/python install/reaper.py; on Windows .venv\\Scripts\\python "
                     "install\\reaper.py); --uninstall runs with any Python 3.%d+\n"
                     % (sys.version_info[:2] + MIN_PYTHON + MIN_PYTHON[1:]))
    sys.exit(2)

import argparse  # noqa: E402
import os  # noqa: E402 (tests replace os.replace to simulate a full disk)
import shlex  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # reaper_files, _paths, _plan, _apply beside it

from reaper_files import BEGIN, END, InstallError, command_id  # noqa: E402,F401
from reaper_paths import find_resource_dir, python_library  # noqa: E402,F401

from reaper_apply import apply, dry_run  # noqa: E402
from reaper_plan import (  # noqa: E402,F401
    ACTIONS, DEFAULT_PORT, REAGROOVE_MISSING, plan_install, plan_uninstall,
)


# A running REAPER writes its settings back when it quits, over what was changed meanwhile: restarting it
# would undo this run, quitting it and running this again does not.
RUNNING = "If REAPER is running, quit it and run this again (REAPER writes its settings back when it quits)."


def say(text, file=None, end="\n"):
    """print; output piped into a reader that stopped early (`reaper.py --dry-run | head`) loses the rest of the
    output, never the run (nor a traceback)."""
    stream = file or sys.stdout
    try:
        print(text, file=stream, end=end, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())  # what is still buffered goes nowhere


# What a producer wants to know before letting it touch REAPER's settings.
HELP_AFTER = """\
In REAPER's resource folder it changes (each file backed up first, as
<file>.reagroove-backup):
  reaper.ini             Python ReaScript on, with this Python's library
  reaper-kb.ini          ReaGroove's actions in the action list
  reaper-extstate.ini    [reagroove] server_port
  Scripts/__startup.lua  a marked block: ReaGroove's server starts with REAPER
  Scripts/ReaGroove/     the action scripts
Install with the venv's Python (.venv/bin/python; on Windows
.venv\\Scripts\\python). --uninstall runs with any Python 3.8+ and keeps what
you changed since. Try --dry-run first."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # the one error path: InstallError, caught in main
        raise InstallError(message)

    def _print_message(self, message, file=None):  # --help
        if message:
            say(message, file, end="")


def port_number(text):
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("a number from 1 to 65535, not {!r}".format(text))  # argparse names --port
    return port


def main(argv=None):
    for stream in (sys.stdout, sys.stderr):  # a path in a script the console cannot show (Windows, piped): escaped
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _Parser(prog="reaper.py", description="Register ReaGroove with REAPER (run it with REAPER closed).",
                     epilog=HELP_AFTER, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resource-path", metavar="DIR", help="REAPER's resource folder (default: found for this OS)")
    parser.add_argument("--port", type=port_number, help="port of ReaGroove's server (default: the one installed "
                        "before, else {})".format(DEFAULT_PORT))
    parser.add_argument("--uninstall", action="store_true", help="undo the install: restore the backups, remove what it added")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, change nothing")
    try:
        args = parser.parse_args(argv)
        if REAGROOVE_MISSING and not args.uninstall and in_checkout_venv():
            # The right Python, but its venv cannot import ReaGroove: moved since the set-up (the editable install
            # names the old folder), or a set-up that did not finish. Only the set-up mends it.
            raise InstallError(
                "ReaGroove cannot be imported by {} ({}): this checkout's .venv was moved since the set-up, or the "
                "set-up did not finish; run the set-up again (bash install/setup.sh; on Windows py install\\setup.py"
                "), then this".format(sys.executable, REAGROOVE_MISSING))
        if REAGROOVE_MISSING and not args.uninstall:  # --uninstall needs nothing but this folder
            raise InstallError(
                "ReaGroove cannot be imported by {} ({}): run this with the virtual "
                "environment's Python (.venv/bin/python install/reaper.py; on Windows .venv\\Scripts\\python "
                "install\\reaper.py), after the set-up (bash install/setup.sh; on Windows py install\\setup.py)"
                .format(sys.executable, REAGROOVE_MISSING))
        if not args.uninstall:
            check_same_checkout()
        resource = find_resource_dir(args.resource_path)
        plan = plan_uninstall(resource) if args.uninstall else plan_install(resource, args.port)
        if plan.empty():
            state = "not installed" if args.uninstall else "already installed"
            say("ReaGroove is {} in {}: nothing to change.".format(state, resource))
            if not args.uninstall and not args.dry_run:  # run again because something does not work: what to try
                next_steps(resource, args.resource_path, "Start REAPER")
            return 0
        prefix = "would " if args.dry_run else ""
        say("ReaGroove: {}{} {}".format(prefix, "uninstall from" if args.uninstall else "install into", resource))
        if args.dry_run:
            dry_run(plan)  # what the real run would find (a folder it cannot write) and do
        else:
            apply(plan)
    except KeyboardInterrupt:  # while planning (apply turns its own into an InstallError, after undoing)
        say("reaper.py: error: interrupted (Ctrl-C); nothing was changed", file=sys.stderr)
        return 2
    except InstallError as exc:
        say("reaper.py: error: {}".format(exc), file=sys.stderr)
        return 2
    for line in plan.log:
        say("  " + prefix + ("keep" + line[4:] if prefix and line.startswith("kept ") else line))
    for note in plan.notes:
        say("note: " + note)
    if args.dry_run:
        say("dry run: nothing was changed.")
    else:
        say("done. " + RUNNING)
        if not args.uninstall:
            next_steps(resource, args.resource_path, "Then start REAPER")
    return 0


def next_steps(resource, given, start):
    """What a new user does in REAPER after the install, and how to take it back."""
    lib_dir, lib_name = python_library()
    say(start + ": ReaGroove's server starts with it, and its actions are under 'ReaGroove:' in Actions > Show "
        "action list.\n"
        "If REAPER says Python is not available: in Options > Preferences > Plug-ins > ReaScript tick 'Enable "
        "Python for use with ReaScript', set 'Custom path to Python dll directory' to {} and 'Force "
        "ReaScript to use specific Python .dll' to {}, then restart REAPER.".format(lib_dir, lib_name))
    if not (resource.joinpath(*IMGUI_API)).is_file():
        say(REAIMGUI_NEEDED)
    say("To undo all of this: {} --uninstall".format(this_command(given and resource)))


def check_same_checkout():
    """Refuse to install this checkout's action scripts for another checkout's ReaGroove (two clones, the venv of
    one and the installer of the other): the actions would call an engine of another version, and the
    install would be recorded as this one's."""
    import reagroove.core  # importable: REAGROOVE_MISSING was checked first

    theirs = Path(reagroove.core.__file__).resolve().parents[1]
    ours = Path(__file__).resolve().parents[1]
    if theirs != ours and (theirs / "install" / "reaper.py").is_file():
        raise InstallError(
            "{} runs the ReaGroove of another checkout, {}, not this one ({}): run this checkout's own venv "
            "(.venv/bin/python install/reaper.py in {}; on Windows .venv\\Scripts\\python install\\reaper.py), "
            "or {}'s install/reaper.py; nothing was changed".format(sys.executable, theirs, ours, ours, theirs))


def in_checkout_venv():
    """Whether this runs with the .venv beside install/ (by path as given: its python links elsewhere)."""
    venv = os.path.normcase(os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".venv")))
    return sys.prefix != sys.base_prefix and os.path.normcase(os.path.abspath(sys.prefix)) == venv


# Where ReaPack installs ReaImGui's Python binding (reaper_ext/dock/host.py's IMGUI_API_DIR): the Docked panel
# action fails without it, so a new user hears of it here rather than from a message box later.
IMGUI_API = ("Scripts", "ReaTeam Extensions", "API", "imgui.py")
REAIMGUI_NEEDED = ("'ReaGroove: Docked panel' needs the ReaImGui extension: in REAPER choose Extensions > ReaPack > "
                   "Browse packages and install \"ReaImGui: ReaScript binding for Dear ImGui\" (no ReaPack menu: get "
                   "ReaPack from reapack.com); the other actions work without it.")


def this_command(resource=None):
    """This script as the user can type it again here: paths under the current folder relative, quoted for the
    shell where they need it."""
    def shown(path):
        path = os.path.abspath(path)
        try:
            rel = os.path.relpath(path)
        except ValueError:  # Windows: another drive
            rel = path
        path = path if rel.startswith("..") else rel
        if os.name == "nt":
            return '"{}"'.format(path) if " " in path else path
        return shlex.quote(path)

    words = [shown(sys.executable), shown(__file__)]
    if resource:
        words += ["--resource-path", shown(resource)]
    return " ".join(words)


if __name__ == "__main__":
    sys.exit(main())
