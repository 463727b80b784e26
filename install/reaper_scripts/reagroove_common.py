"""ReaGroove's shared code for its REAPER actions; runs inside REAPER's embedded Python.

install/reaper.py copies this template into <resource>/Scripts/ReaGroove/ and
fills in the quoted @PLACEHOLDER@ strings below with Python literals (the
port, the absolute paths of the virtual environment's interpreter, of its
`reagroove` executable and of its site-packages). The action scripts beside
it (reagroove_*.py) and the block the installer adds to Scripts/__startup.py
import it.

What may run here: the standard library, REAPER's `reaper_python` module, and
what the venv's site-packages adds (reagroove's REAPER-side module and reapy).
Never torch or numpy: they are loaded by the engine, a separate process that
the actions start with the venv's own interpreter and that talks to REAPER
through ReaGroove's server on 127.0.0.1.
"""

import os
import site
import socket
import subprocess
import sys
import time

# Filled in by the installer (each quoted @PLACEHOLDER@ becomes a Python literal).
PORT = "@PORT@"
PYTHON = "@PYTHON@"  # the venv's interpreter (for the record: the engine runs through REAGROOVE)
REAGROOVE = "@REAGROOVE@"  # the venv's `reagroove` executable
SITE_DIRS = "@SITE_DIRS@"  # the venv's site-packages folders
INSTALL_DIR = "@INSTALL_DIR@"  # <resource>/Scripts/ReaGroove
LOG_PATH = "@LOG_PATH@"  # where the engine processes' output goes
COMMAND_IDS = "@COMMAND_IDS@"  # action name -> command id registered in reaper-kb.ini

EXT_SECTION = "reagroove"
TITLE = "ReaGroove"
CONNECT_TIMEOUT_S = 0.3
MAX_VARIATIONS = 32

# REAPER keeps one embedded Python interpreter for the session, so a module
# imported by one script (this one, imported by every action and by
# __startup.py) stays in sys.modules for the next: the running server is
# remembered here. A loopback connect backs this up in case it is not.
_state = {"server": None}


class ActionError(Exception):
    """Something the producer should read: shown in a message box, never a traceback."""


def _rpr():
    import reaper_python  # REAPER's own module: only importable inside REAPER

    return reaper_python


def add_site_dirs(site_dirs=None):
    """Make the venv's packages importable (its .pth files too: ReaGroove may be an editable install)."""
    for folder in site_dirs or SITE_DIRS:
        if folder not in sys.path and os.path.isdir(folder):
            site.addsitedir(folder)


def server_answers(port):
    """True if something accepts connections on 127.0.0.1:port."""
    try:
        sock = socket.create_connection(("127.0.0.1", int(port)), timeout=CONNECT_TIMEOUT_S)
    except OSError:
        return False
    sock.close()
    return True


def server_running(port=None):
    port = int(PORT if port is None else port)
    server = _state["server"]
    if server is not None and getattr(server, "port", port) == port:
        return True
    return server_answers(port)


def ensure_server(port=None):
    """Start ReaGroove's server in this REAPER session unless it already runs; True if it was started now."""
    port = int(PORT if port is None else port)
    if server_running(port):
        return False
    add_site_dirs()
    try:
        from reagroove.reaper_ext.server import start
    except ImportError as exc:
        raise ActionError(
            f"ReaGroove's REAPER module cannot be imported from {', '.join(SITE_DIRS)} ({exc}). Run "
            "install/reaper.py again from ReaGroove's virtual environment, then restart REAPER."
        ) from None
    try:
        _state["server"] = start(port)
    except OSError as exc:
        raise ActionError(
            f"ReaGroove's server cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}). Is another program "
            "using that port? Install again with another --port."
        ) from None
    return True


def engine_env():
    """The environment for the engine: REAPER's, less what would point the venv's Python at REAPER's."""
    env = dict(os.environ)
    for name in ("PYTHONHOME", "PYTHONPATH", "PYTHONEXECUTABLE", "__PYVENV_LAUNCHER__"):
        env.pop(name, None)
    return env


def spawn(args, engine=None, log_path=None):
    """Start `reagroove ARGS` detached from REAPER, its output appended to the log; returns the Popen."""
    engine = engine or REAGROOVE
    log_path = log_path or LOG_PATH
    if not os.path.isfile(engine):
        raise ActionError(
            f"ReaGroove's engine is missing: {engine}. Run install/reaper.py again from ReaGroove's virtual "
            "environment."
        )
    cmd = [engine] + [str(a) for a in args]
    kwargs = {"stdin": subprocess.DEVNULL, "stderr": subprocess.STDOUT, "env": engine_env(), "close_fds": True}
    if os.name == "nt":
        kwargs["creationflags"] = (
            getattr(subprocess, "DETACHED_PROCESS", 0x8) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)
        )
    else:
        kwargs["start_new_session"] = True
    folder = os.path.dirname(log_path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(log_path, "ab") as log:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        log.write(f"\n[{stamp}] {subprocess.list2cmdline(cmd)}\n".encode("utf-8", "replace"))
        log.flush()
        try:
            return subprocess.Popen(cmd, stdout=log, cwd=os.path.dirname(log_path) or None, **kwargs)
        except OSError as exc:
            raise ActionError(f"cannot start ReaGroove's engine {engine}: {exc.strerror or exc}") from None


def run_engine(args, port=None, engine=None):
    """Make sure the server runs, then start `reagroove ARGS --port PORT`."""
    port = int(PORT if port is None else port)
    ensure_server(port)
    return spawn(list(args) + ["--port", str(port)], engine=engine)


def _set_toggle(action, on):
    """Light (or not) the action's toolbar button; harmless where REAPER lacks the calls."""
    command_id = COMMAND_IDS.get(action) if isinstance(COMMAND_IDS, dict) else None
    if not command_id:
        return
    r = _rpr()
    try:
        cmd = r.RPR_NamedCommandLookup("_" + command_id)
        if cmd:
            r.RPR_SetToggleCommandState(0, cmd, 1 if on else 0)
            r.RPR_RefreshToolbar2(0, cmd)
    except AttributeError:
        pass


# ---------------------------------------------------------------- the actions


def start_server(port=None, engine=None):
    port = int(PORT if port is None else port)
    started = ensure_server(port)
    state = "started" if started else "already running"
    _rpr().RPR_ShowConsoleMsg(f"ReaGroove: server {state} on 127.0.0.1:{port}\n")
    return started


def drumify(port=None, engine=None):
    return run_engine(["reaper", "drumify"], port, engine)


def ask_count(default=4):
    """The number of variations, asked with REAPER's input dialog; None if cancelled."""
    r = _rpr()
    answer = r.RPR_GetUserInputs("ReaGroove: variations", 1, f"How many variations (1-{MAX_VARIATIONS}):",
                                 str(default), 64)
    if not answer[0]:
        return None
    text = str(answer[4]).strip()
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_VARIATIONS:
        raise ActionError(f"'{text}' is not a number of variations: enter a whole number from 1 to {MAX_VARIATIONS}.")
    return count


def variations(port=None, engine=None):
    count = ask_count()
    if count is None:
        return None
    return run_engine(["reaper", "variations", "--count", str(count)], port, engine)


def pattern_a(port=None, engine=None):
    return run_engine(["reaper", "set-pattern", "A"], port, engine)


def pattern_b(port=None, engine=None):
    return run_engine(["reaper", "set-pattern", "B"], port, engine)


def live_toggle(port=None, engine=None):
    """Live follow on/off: "off" stops the running follower (it polls the ext state); "on" starts one."""
    r = _rpr()
    if r.RPR_GetExtState(EXT_SECTION, "live") == "on":
        r.RPR_SetExtState(EXT_SECTION, "live", "off", False)
        _set_toggle("live", False)
        return None
    port = int(PORT if port is None else port)
    ensure_server(port)
    r.RPR_SetExtState(EXT_SECTION, "live", "on", False)
    try:
        proc = spawn(["reaper", "live", "--port", str(port)], engine=engine)
    except Exception:
        r.RPR_SetExtState(EXT_SECTION, "live", "off", False)
        raise
    _set_toggle("live", True)
    return proc


def open_panel(port=None, engine=None):
    # The panel is a Qt window in its own process (a Qt UI cannot live in REAPER's Python).
    return run_engine(["panel"], port, engine)


ACTIONS = {
    "start_server": start_server,
    "drumify": drumify,
    "variations": variations,
    "pattern_a": pattern_a,
    "pattern_b": pattern_b,
    "live": live_toggle,
    "panel": open_panel,
}


def _tell(message):
    try:
        r = _rpr()
    except ImportError:
        sys.stderr.write(f"ReaGroove: {message}\n")
        return
    try:
        r.RPR_ShowMessageBox(message, TITLE, 0)
    except Exception:  # noqa: BLE001  (a message box that fails: the console instead)
        r.RPR_ShowConsoleMsg(f"ReaGroove: {message}\n")


def run(action, port=None, engine=None):
    """Entry point of every action script: errors become one message box, never a traceback."""
    try:
        return ACTIONS[action](port, engine)
    except ActionError as exc:
        _tell(str(exc))
    except Exception as exc:  # noqa: BLE001  (a bug: say what it was, and where the log is)
        _tell(f"{action} failed: {type(exc).__name__}: {exc} (engine log: {LOG_PATH})")
    return None


def start_at_launch():
    """Called by the block in Scripts/__startup.py: start the server, errors to REAPER's console only."""
    try:
        ensure_server()
    except Exception as exc:  # noqa: BLE001  (never break REAPER's startup)
        _rpr().RPR_ShowConsoleMsg(f"ReaGroove: the server did not start: {exc}\n")
