"""ReaGroove's actions' client of the warm engine (reagroove.reaper_ext.warm_engine); runs inside REAPER's Python.

install/reaper.py copies it beside reagroove_common.py, which loads it and
gives it what the installer filled in (the engine, the log). The first short
command's engine (drumify, variations, set-pattern, status) stays up, and
the next ones run in it, without 3-4 s of torch and model loading each.

A request is two steps, so that it can never run twice: the engine answers
the request line with {"accepted"} (or {"refused": why}), and queues it only
once the action answers {"go"}, which it sends only within WARM_ANSWER_S of
the click. An action that heard nothing by then closes the connection and
spawns an engine of its own: the warm engine, hearing no "go", runs nothing.
REAPER's UI thread waits at most WARM_ANSWER_S here.

A click while the engine it spawned is still starting (its warm file not
written yet, the first ~0.5 s) must not start a second engine: the click that
spawns one first creates the starting record beside the warm file (exclusive
create, on any OS), and a click that finds a fresh one spawns a process that
only joins: it waits, outside REAPER's UI thread, for that engine's warm file
and sends its request there (warm_engine.join_starting), queued behind the
first one's, so both run once, in the order clicked. A record whose engine has
ended (on Linux one REAPER has not yet reaped, on Windows any) is replaced at
once, and the engine's end is said in one line, its own first error line.
"""

import json
import os
import socket
import subprocess
import time

WARM_COMMANDS = ("drumify", "variations", "set-pattern", "status")  # never live or panel: their own process
WARM_PROTOCOL = 3  # reagroove.reaper_ext.warm_engine.PROTOCOL (3: the actions give --panel-settings)
WARM_ANSWER_S = 0.5  # all a click waits for the warm engine to take it (REAPER's UI thread waits): then it spawns
CONNECT_TIMEOUT_S = 0.3
# a starting record older than this is a start that never wrote its warm file (its engine died): replaced
STARTING_S = 30.0  # reagroove.reaper_ext.warm_engine.STARTING_S


def warm_file(port, log_path):
    """Where the warm engine for REAPER's server on `port` writes its port and token: the log's folder."""
    return os.path.join(os.path.dirname(log_path), f"reagroove-warm-{int(port)}.json")


def starting_file(port, log_path):
    """The record of a warm engine being started (warm_engine.WARM_START_ENV), beside its warm file."""
    return warm_file(port, log_path) + ".starting"


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as fh:
            record = json.load(fh)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _windows_process_alive(pid):
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


def _process_alive(pid):
    """False only where `pid` is surely gone: ended (on Linux a zombie too, an engine REAPER has not reaped: a
    click waited 30 s on a start that had died); warm_wire.process_alive reads it alike."""
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


def _starting_fresh(path):
    """Whether the starting record at `path` says an engine is starting now (not one that died or never wrote)."""
    try:
        age = time.time() - os.stat(path).st_mtime
    except OSError:
        return False
    record = _read_json(path) or {}
    return age < STARTING_S and _process_alive(record.get("pid"))


def _claim_start(path, start_id):
    """Whether this click starts the warm engine: it creates the starting record, unless a fresh one says another
    click's engine is starting (a stale one is replaced). A folder that cannot be written: it starts, as before."""
    for _ in range(2):
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # O_EXCL: one creator, Windows too
        except FileExistsError:
            if _starting_fresh(path):
                return False
            _remove(path)
            continue
        except OSError:
            return True
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"id": start_id}, fh)
        return True
    return True


def _note_pid(path, start_id, pid):
    """The spawned engine's process id in its starting record: a later click sees at once that it died."""
    if not isinstance(pid, int):
        return
    try:
        with open(path + ".part", "w", encoding="utf-8") as fh:
            json.dump({"id": start_id, "pid": pid}, fh)
        os.replace(path + ".part", path)  # may fail on Windows while another click reads it: the time bounds it
    except OSError:
        _remove(path + ".part")


class _Handle:  # what the docked panel and the actions use of a Popen, beside poll() and kill()
    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(self.args, timeout)
            time.sleep(0.02)
        return self.returncode


class WarmRun(_Handle):
    """A request the warm engine took, waited on as a Popen (poll, wait, kill, returncode). An engine that dies
    meanwhile ends it with exit status 1, said in the log and in the request's --report file."""

    def __init__(self, sock, pid, argv, received, log_path):
        self.sock, self.pid, self.args, self.returncode = sock, pid, argv, None
        self.log_path, self._received = log_path, received
        sock.setblocking(False)

    def poll(self):
        while self.returncode is None and b"\n" not in self._received:
            try:
                chunk = self.sock.recv(4096)
            except (BlockingIOError, InterruptedError):
                return None
            except OSError:
                chunk = b""
            if not chunk:
                return self._lost()
            self._received += chunk
        if self.returncode is None:
            try:
                self.returncode = int(json.loads(self._received.split(b"\n", 1)[0].decode("utf-8"))["exit"])
            except (ValueError, KeyError, TypeError, UnicodeDecodeError):
                return self._lost()
            self.sock.close()
        return self.returncode

    def _lost(self):
        self.sock.close()
        self.returncode = 1
        line = (f"{self.args[1]} did not finish: ReaGroove's warm engine (process {self.pid}) ended during the run "
                f"(see the engine log {self.log_path}); press it again")
        _say(line, self.log_path, self.args[self.args.index("--report") + 1] if "--report" in self.args[:-1] else None)
        return self.returncode

    def kill(self):
        """Stops the warm engine (a hung one: the docked panel's ENGINE_TIMEOUT_S); the next action spawns anew."""
        try:
            os.kill(int(self.pid), 9)  # SIGKILL; on Windows any number terminates it
        except (OSError, TypeError, ValueError):
            pass
        self.sock.close()
        if self.returncode is None:
            self.returncode = -9


class WarmStart(_Handle):
    """The engine spawned to become warm: done once its first request is (its exit status in done_file) or once
    the process ends; everything else is its Popen's. One that ended in error before its request was done (a
    broken Python or install) is said in one line, its own first error line from the log (from `log_from` on)."""

    def __init__(self, process, done_file, argv=None, log_path=None, log_from=0):
        self.process, self.done_file, self.returncode = process, done_file, None
        self.argv, self.log_path, self.log_from = argv, log_path, log_from

    def __getattr__(self, name):
        return getattr(self.process, name)

    def poll(self):
        if self.returncode is None:
            try:
                with open(self.done_file, encoding="utf-8") as fh:
                    self.returncode = int(fh.read())
            except (OSError, ValueError):  # not yet: the process may have ended without it (spawned, not warm)
                self.returncode = self.process.poll()
                if self.returncode and self.argv and self.log_path and not os.path.exists(self.done_file):
                    self._died_starting()
            if self.returncode is not None:
                _remove(self.done_file)
        return self.returncode

    def _died_starting(self):
        error = _first_error(self.log_path, self.log_from)
        line = (f"{self.argv[1]} did not finish: ReaGroove's engine ended as it started (exit code {self.returncode}"
                + (f"): {error}" if error else f"; see the engine log {self.log_path})") + "; press it again")
        report = self.argv[self.argv.index("--report") + 1] if "--report" in self.argv[:-1] else None
        _say(line, self.log_path, None if report is None or os.path.exists(report) else report)  # its own first

    def kill(self):
        self.process.kill()
        _remove(self.done_file)


def _first_error(log_path, offset):
    """The first error line an engine wrote to the log from `offset` on (a traceback's last line, "reagroove:
    error: ..."): not the log's own "[time] ..." lines, nor a traceback's frames; "" where none."""
    try:
        with open(log_path, "rb") as log:
            log.seek(offset)
            text = log.read(65536).decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line[:1].isspace() and not line.startswith(("[", "Traceback "))]
    errors = [line for line in lines if "rror" in line or "fatal" in line.lower()]
    return (errors or lines or [""])[0][:300]


def _remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


def _say(line, log_path, report=None):
    """A line in the engine log and, given one, in the run's --report file (commands._report's form, whole)."""
    try:
        if report:  # the docked panel's message line
            with open(report + ".part", "w", encoding="utf-8") as fh:
                json.dump({"ok": False, "line": line, "notes": []}, fh)
            os.replace(report + ".part", report)
        with open(log_path, "ab") as log:
            log.write(f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] ReaGroove: {line}\n".encode("utf-8", "replace"))
    except OSError:
        pass


def _line_by(sock, deadline):
    """The first line the socket sends before `deadline` (time.monotonic()), and what came after it."""
    received = b""
    while b"\n" not in received and len(received) < 65536:
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("past the deadline")
        sock.settimeout(left)
        chunk = sock.recv(4096)
        received += chunk or b"\n"
    line, _, rest = received.partition(b"\n")
    return line, rest


def warm_request(argv, port, engine, log_path):
    """Send `reagroove ARGV` to the warm engine of this REAPER's server: its WarmRun, or None where none takes it
    within WARM_ANSWER_S (none started, ended, from another install or version, busy): then it is spawned."""
    deadline = time.monotonic() + WARM_ANSWER_S
    try:
        with open(warm_file(port, log_path), encoding="utf-8") as fh:
            info = json.load(fh)
        if info.get("protocol") != WARM_PROTOCOL or info.get("engine") != engine:
            return None
        sock = socket.create_connection(("127.0.0.1", int(info["port"])),
                                        timeout=min(CONNECT_TIMEOUT_S, WARM_ANSWER_S))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    argv = [str(a) for a in argv]
    try:
        sock.sendall((json.dumps({"protocol": WARM_PROTOCOL, "token": info.get("token"), "argv": argv}) + "\n")
                     .encode())
        line, received = _line_by(sock, deadline)
        answer = json.loads(line.decode("utf-8")) if line else {"refused": "it closed the connection"}
        if isinstance(answer, dict) and answer.get("accepted"):
            if time.monotonic() >= deadline:
                raise socket.timeout("accepted too late")
            sock.sendall(b'{"go": true}\n')  # only now is it queued: one the action gave up on never runs
            return WarmRun(sock, info.get("pid"), argv, received, log_path)
    except (OSError, ValueError, UnicodeDecodeError):
        answer = {"refused": f"no answer in {WARM_ANSWER_S:g} s"}
    sock.close()
    why = answer.get("refused") if isinstance(answer, dict) else answer
    _say(f"the warm engine did not take {argv[1]} ({why}): a new engine starts", log_path)
    return None


def spawn_warm(argv, port, engine, log_path, spawn):
    """Spawn (with reagroove_common.spawn) `reagroove ARGV` to stay up as the warm engine once it has run, or, while
    another click's engine is starting, to send ARGV there once it is up: its WarmStart."""
    done = f"{warm_file(port, log_path)}.{os.getpid()}.{time.monotonic_ns()}.done"
    start = starting_file(port, log_path)
    starts = _claim_start(start, done)  # the done file's name: unique to this click
    env = {"REAGROOVE_WARM_FILE": warm_file(port, log_path), "REAGROOVE_WARM_DONE": done,
           "REAGROOVE_WARM_ENGINE": engine, "REAGROOVE_WARM_START": start,
           "REAGROOVE_WARM_ROLE": "start" if starts else "join"}
    try:
        log_from = os.path.getsize(log_path)  # what the engine writes from here on is its own
    except OSError:
        log_from = 0
    try:
        process = spawn(argv, engine=engine, log_path=log_path, extra_env=env)
    except BaseException:
        if starts:
            _remove(start)  # nothing starting: the next click starts one
        raise
    if starts:
        _note_pid(start, done, getattr(process, "pid", None))
    return WarmStart(process, done, argv, log_path, log_from)
