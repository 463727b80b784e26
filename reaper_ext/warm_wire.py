"""The warm engine's wire and its joiners (reaper_ext/warm_engine.py): the handshake's lines, the starting record,
and the side of a click made while another click's engine starts (join_starting, send_to).

A joiner's request is queued behind the runs before it, the first click's
included. One of those that hangs (a stuck action) would keep the joiner, and
the docked panel waiting on it, on for good: a joiner asks to hear {"started"}
when its own run begins ("withdrawable"), and one not started within
JOIN_QUEUED_S withdraws it ({"withdraw"}); the engine's answer, {"started"} or
{"withdrawn"}, says which happened, so the click runs once or not at all, and
the producer gets one line saying which.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time

from reagroove.core.files import atomic_write_text

PROTOCOL = 3  # reagroove_warm.WARM_PROTOCOL: a client of another version is refused and spawns its own
# (3: the actions give --panel-settings, which an engine of 2, up since before an update, would refuse)
STARTING_S = 30.0  # reagroove_warm.STARTING_S: a starting record older than this is not waited on
JOIN_ANSWER_S = 10.0  # a joiner's wait for "accepted" (no UI thread waits on it; the engine answers at once)
JOIN_POLL_S = 0.02
# a joiner's run not begun this long after it was queued: the run ahead of it is stuck (the engine's BUSY_S judges
# a run this long hung too, so the next click spawns an engine of its own)
JOIN_QUEUED_S = 60.0


def read_line(conn, deadline: float, received: bytes = b"") -> tuple[bytes, bytes] | None:
    """The first line `conn` sends before `deadline` (time.monotonic()) and what came after it; None if none
    came by then (one deadline for the whole line: a client sending a byte at a time gains nothing)."""
    while b"\n" not in received:
        left = deadline - time.monotonic()
        if left <= 0 or len(received) >= 65536:
            return None
        conn.settimeout(left)
        try:
            chunk = conn.recv(4096)
        except OSError:
            return None
        if not chunk:
            return None
        received += chunk
    line, _, rest = received.partition(b"\n")
    return line, rest


def read_json(path: str):
    """The JSON object in the file at `path`; None where there is none."""
    try:
        with open(path, encoding="utf-8") as fh:
            record = json.load(fh)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def json_line(line) -> object:
    try:
        return json.loads(line.decode("utf-8"))
    except (AttributeError, ValueError, UnicodeDecodeError):
        return None


def _windows_process_alive(pid: int) -> bool:
    """Windows: whether process `pid` still runs (an exited one REAPER still holds a handle to reads as ended)."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = ctypes.c_void_p  # a HANDLE: not cut to an int on 64-bit Windows
    kernel32.GetExitCodeProcess.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_ulong)]
    kernel32.CloseHandle.argtypes = [ctypes.c_void_p]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() != 87  # ERROR_INVALID_PARAMETER: no such process; else (denied) say alive
    try:
        code = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def process_alive(pid) -> bool:
    """False only where `pid` is surely gone: ended (on Linux a zombie too, an engine its parent, REAPER, has not
    reaped: it waited 30 s on a start that had died); reagroove_warm._process_alive reads it alike."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return True
    if os.name == "nt":
        try:
            return _windows_process_alive(pid)
        except Exception:  # noqa: BLE001 - no ctypes (a trimmed Python): STARTING_S bounds the wait
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:  # "pid (name) STATE ...": Z, ended but not reaped
            return fh.read().rpartition(b")")[2].split()[:1] != [b"Z"]
    except OSError:  # no /proc (macOS): as os.kill says
        return True


def starting(start_file: str) -> bool:
    """Whether the starting record says an engine is starting now (reagroove_warm._starting_fresh)."""
    try:
        age = time.time() - os.stat(start_file).st_mtime
    except OSError:
        return False
    return age < STARTING_S and process_alive((read_json(start_file) or {}).get("pid"))


def _report_lost(argv: list[str], line: str) -> None:
    """The action's --report file says it (the docked panel's message line), as commands._report writes it."""
    if "--report" in argv[:-1]:
        try:
            atomic_write_text(argv[argv.index("--report") + 1], json.dumps({"ok": False, "line": line, "notes": []}))
        except OSError:
            pass


def _lost(argv: list[str], line: str) -> int:
    print(f"reagroove: {line}", file=sys.stderr, flush=True)
    _report_lost(argv, line)
    return 1


def send_to(info: dict, argv: list[str]) -> int | None:
    """Run `argv` in the warm engine `info` (its warm file) with the actions' handshake: its exit status, or None
    where it did not take it (then it never runs there). Taken, it never runs here too: an engine lost during the
    run, or a run ahead of it stuck past JOIN_QUEUED_S, is exit status 1, said in the log and the report."""
    try:
        sock = socket.create_connection(("127.0.0.1", int(info["port"])), timeout=JOIN_ANSWER_S)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    pid = info.get("pid")
    with sock:
        try:
            sock.sendall((json.dumps({"protocol": PROTOCOL, "token": info.get("token"), "argv": argv,
                                      "withdrawable": True}) + "\n").encode())
            got = read_line(sock, time.monotonic() + JOIN_ANSWER_S)
            if not got or json_line(got[0]) != {"accepted": True}:
                return None
            sock.sendall(b'{"go": true}\n')  # queued there from now on
        except OSError:
            return None
        print(f"reagroove: {argv[1]} runs in the warm engine another click started (process {pid})",
              file=sys.stderr, flush=True)
        queued_until = time.monotonic() + JOIN_QUEUED_S
        got = read_line(sock, queued_until, got[1])
        if got is None and time.monotonic() >= queued_until:  # not begun: withdrawn, unless it began meanwhile
            try:
                sock.sendall(b'{"withdraw": true}\n')
            except OSError:
                pass
            got = read_line(sock, time.monotonic() + JOIN_ANSWER_S)
            if got is None or json_line(got[0]) == {"withdrawn": True}:
                return _lost(argv, f"{argv[1]} did not run: ReaGroove's warm engine (process {pid}) was still busy "
                                   f"with an earlier run after {JOIN_QUEUED_S:g} s (stuck?); press it again")
        received = b"" if got is None else got[0] + b"\n" + got[1]  # None: the engine ended
        if got is not None and json_line(got[0]) == {"started": True}:
            received = got[1]
            sock.settimeout(None)  # its own run takes what it takes; the engine ends it if REAPER goes
            while b"\n" not in received:
                try:
                    chunk = sock.recv(4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                received += chunk
        answer = json_line(received.partition(b"\n")[0])
    if isinstance(answer, dict) and isinstance(answer.get("exit"), int):
        return answer["exit"]
    return _lost(argv, f"{argv[1]} did not finish: ReaGroove's warm engine (process {pid}) ended during the run; "
                       "press it again")


def join_starting(warm_file: str, start_file: str, engine: str, argv: list[str]) -> int | None:
    """A click made while another click's engine starts: wait for its warm file and run `argv` there (queued
    behind that click's own request); its exit status, or None where no engine took it (then this process
    serves, as a spawned engine always did)."""
    before = (read_json(warm_file) or {}).get("token")  # an engine that did not take the click: not this one
    deadline = time.monotonic() + STARTING_S
    while time.monotonic() < deadline:
        still_starting = starting(start_file)
        info = read_json(warm_file)
        usable = info is not None and info.get("protocol") == PROTOCOL and info.get("engine") == engine
        if usable and (info.get("token") != before or not still_starting):
            return send_to(info, argv)
        if not still_starting:
            return None
        time.sleep(JOIN_POLL_S)
    return None
