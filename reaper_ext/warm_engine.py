"""The warm engine: one `reagroove reaper ...` process that stays up after REAPER's action, for the next ones.

A one-shot engine imports torch and loads the model for every click (3-4 s on
a laptop) for a generation of milliseconds. REAPER's actions
(reagroove_common.run_engine) start the engine of a short command (drumify,
variations, set-pattern, status) with REAGROOVE_WARM_FILE in its environment:
that run (commands.run_reaper) becomes this server. It runs its own request
first, as the CLI would, says its exit status in the REAGROOVE_WARM_DONE file
(the action's handle waits on it), then stays up, listening on 127.0.0.1 at a
port the OS gives, written with a random token to the warm file in the log's
folder. The actions (reagroove_warm.py) send later requests there: the token,
the protocol and the arguments, one JSON line; the answer is {"accepted"} or
{"refused"} at once. A request is queued only once the action answers
{"go"}, which it sends only within its own deadline: one the action gave up
on (and spawned an engine for) never runs here too. Then {"exit": code} once
it has run, in-process, exactly as the CLI would (the same arguments,
--report file, exit status, output to the log). Each connection is read by a
thread of its own, under one deadline: a silent or slow client holds no one.
One request at a time: a second one waits in the queue, so two never edit the
project at once, and they run in the order they connected (a ticket each): a
click never overtakes an earlier one told {"accepted"} whose "go" its reader
thread, on a loaded machine, has not yet read (it waits GO_WAIT_S at most: the
action sends "go" at once or closes). A run past BUSY_S refuses new ones (the
action spawns). It
ends after IDLE_S without a request, when another warm engine has taken the
warm file, or when ReaGroove's files change (an update must not keep running
old code); REAPER's server gone ends it even during a run (a run that never
returns would keep it, and its warm file, up for good).

A second click in the first ~0.5 s, before the warm file is written, would
start a second engine (two torch processes, two runs editing at once). The
action that spawns an engine first creates a starting record beside the warm
file (reagroove_warm.spawn_warm); a click that finds a fresh one spawns a
process told to join (WARM_ROLE_ENV): join_starting waits, in that light
process (no torch yet), for the starting engine's warm file, then sends it the
request with the same handshake and relays its exit status. The engine drops
the record once its warm file is written; a record whose engine died (or older
than STARTING_S) is no longer waited on: the joiner then serves as before.
A joiner's request not begun within JOIN_QUEUED_S (a stuck run ahead of it)
is withdrawn, never run later (warm_wire.py). A run that cannot import what it
needs (torch broken) ends the engine once answered (EngineBroken): the next
click starts a new one rather than failing here the same way for IDLE_S.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import queue
import secrets
import socket
import subprocess
import sys
import threading
import time
import traceback

from reagroove.core.files import atomic_write_text

from .warm_wire import (JOIN_ANSWER_S, JOIN_POLL_S, JOIN_QUEUED_S, PROTOCOL, STARTING_S,  # noqa: F401 - theirs
                        _report_lost, join_starting, json_line, process_alive, read_json, read_line, send_to,
                        starting)

WARM_FILE_ENV = "REAGROOVE_WARM_FILE"  # where the port and token go (set by reagroove_common.run_engine)
WARM_DONE_ENV = "REAGROOVE_WARM_DONE"  # where the first request's exit status goes
WARM_ENGINE_ENV = "REAGROOVE_WARM_ENGINE"  # the `reagroove` the action started: a client of another venv skips it
WARM_IDLE_ENV = "REAGROOVE_WARM_IDLE_S"  # seconds without a request before it ends (default IDLE_S)
WARM_START_ENV = "REAGROOVE_WARM_START"  # the starting record (reagroove_warm.starting_file)
WARM_ROLE_ENV = "REAGROOVE_WARM_ROLE"  # "start": the record is this engine's; "join": another click's engine starts
# set by REAPER's action for the engine it starts (and by tests), not by a producer: not in `reagroove --help`
INTERNAL_ENV = (WARM_FILE_ENV, WARM_DONE_ENV, WARM_ENGINE_ENV, WARM_IDLE_ENV, WARM_START_ENV, WARM_ROLE_ENV)
WARM_COMMANDS = ("drumify", "variations", "set-pattern", "status")  # reagroove_warm.WARM_COMMANDS
IDLE_S = 600.0
CHECK_S = 2.0  # how often, idle, it looks at the warm file and ReaGroove's files
# how often it asks whether REAPER's server still listens: each ask is a connection REAPER's server greets, and
# they would pile up in its queue while a dialog holds REAPER
ALIVE_S = 30.0
REQUEST_READ_S = 2.0  # a client that sends no whole request line within this of connecting is dropped
GO_WAIT_S = 5.0  # the action's "go" after "accepted" (it sends it within 0.5 s or never): none, nothing runs
BUSY_S = 60.0  # a run going on this long (hung?) refuses new requests: the action spawns an engine of its own
MAX_READERS = 16  # connections read at once; more are closed unread
PACKAGES = ("reagroove.core", "reagroove.models", "reagroove.reaper_ext")


def warm_requested(args) -> bool:
    """Whether this run was started by REAPER's action to stay up as the warm engine."""
    return bool(os.environ.get(WARM_FILE_ENV)) and getattr(args, "reaper_command", None) in WARM_COMMANDS \
        and sys.argv[1:3] == ["reaper", args.reaper_command]


def files_fingerprint() -> str:
    """A digest of ReaGroove's installed files (names, sizes, times) and version: it changes with an update."""
    from importlib import import_module, metadata

    digest = hashlib.sha1()
    try:
        digest.update(metadata.version("reagroove").encode())
    except metadata.PackageNotFoundError:
        pass
    for name in PACKAGES:
        for root in sorted(getattr(import_module(name), "__path__", [])):
            for folder, subfolders, files in os.walk(root):
                subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
                for file_name in sorted(files):
                    path = os.path.join(folder, file_name)
                    try:
                        stat = os.stat(path)
                    except OSError:
                        continue
                    digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


def server_alive(port: int) -> bool:
    """True if something accepts connections on REAPER's server port."""
    try:
        socket.create_connection(("127.0.0.1", int(port)), timeout=1.0).close()
    except OSError:
        return False
    return True


class EngineBroken(Exception):
    """A run that could not import what it needs (torch, a module of ReaGroove's): said in one line, and the engine
    ends, so the next click starts afresh in a new process rather than failing here the same way for 10 minutes."""

    def __init__(self, code: int, line: str):
        super().__init__(line)
        self.code = code


def run_cli(argv: list[str], *, said: bool = False) -> int:
    """`reagroove ARGV` in this process, as its own process would run it: its exit status, its output to the log
    (after a line naming it, unless `said` there already: the action that spawned this process wrote it). One that
    cannot import what it needs raises EngineBroken, said in the log and its --report file."""
    if not said:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        print(f"\n[{stamp}] reagroove {subprocess.list2cmdline(argv)} (warm engine {os.getpid()})", flush=True)
    broken = ""
    try:
        from reagroove.core.cli import main

        code = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except ImportError as exc:  # torch, or a file of ReaGroove's, broken or half updated: its traceback too
        traceback.print_exc()
        code, broken = 1, f"{type(exc).__name__}: {exc}"
    except Exception:  # noqa: BLE001 - a bug: its traceback to the log, as the one-shot process's would go
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    if broken:
        line = f"{' '.join(argv[1:2]) or 'it'} did not run: ReaGroove's engine cannot import what it needs ({broken})"
        print(f"reagroove: {line}; the next action starts a new engine", file=sys.stderr, flush=True)
        if "--report" in argv[:-1] and not os.path.exists(argv[argv.index("--report") + 1]):
            _report_lost(argv, line)
        raise EngineBroken(int(code), line)
    return int(code or 0)


class WarmEngine:
    """The server: `serve(first)` runs the first request, then the ones sent to it, until it has reason to end."""

    def __init__(self, warm_file: str, server_port: int, *, engine: str = "", run=run_cli, idle_s: float = IDLE_S,
                 check_s: float = CHECK_S, alive_s: float = ALIVE_S, busy_s: float = BUSY_S,
                 fingerprint=files_fingerprint, alive=server_alive, clock=time.monotonic, end_process=os._exit,
                 start_file: str = ""):
        self.warm_file, self.server_port, self.engine = warm_file, int(server_port), engine
        self.start_file = start_file  # this engine's starting record: dropped once its warm file is written
        self.run, self.idle_s, self.check_s, self.alive_s, self.busy_s = run, idle_s, check_s, alive_s, busy_s
        self._alive_asked = clock()
        self.fingerprint, self.alive, self.clock, self.end_process = fingerprint, alive, clock, end_process
        self.token = secrets.token_hex(16)
        self.requests: queue.PriorityQueue = queue.PriorityQueue()  # (ticket, conn, argv, state): connection order
        self.lock = threading.Lock()  # between taking a request in and deciding to end: none is left behind
        self.settled = threading.Condition(self.lock)  # a request told "accepted" has been queued or dropped
        self.awaiting_go: set[int] = set()  # tickets told "accepted", their "go" not yet read
        self.tickets = 0  # connections accepted so far: the next one's ticket
        self.readers = threading.BoundedSemaphore(MAX_READERS)
        self.closing = False
        self.running_since: float | None = None  # when the run going on began (self.clock()); None between runs
        self.done_file = ""
        self.files = fingerprint()
        self.served = 0  # requests run, the first included
        self.ended_because = ""
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))  # loopback only, a port the OS gives
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]

    # ------------------------------------------------------------ the warm file

    def publish(self) -> None:
        record = {"protocol": PROTOCOL, "port": self.port, "token": self.token, "pid": os.getpid(),
                  "server_port": self.server_port, "engine": self.engine}
        atomic_write_text(self.warm_file, json.dumps(record))
        try:
            os.chmod(self.warm_file, 0o600)  # the token is for this user's REAPER only
        except OSError:
            pass

    def _drop_start(self, done_file: str) -> None:
        """Its starting record gone (the warm file now takes the clicks), unless another click's replaced it."""
        if self.start_file and (read_json(self.start_file) or {}).get("id") in (None, done_file):
            try:
                os.remove(self.start_file)
            except OSError:  # Windows, while a click reads it: STARTING_S bounds it
                pass
        self.start_file = ""

    def _owns_warm_file(self) -> bool:
        try:
            with open(self.warm_file, encoding="utf-8") as fh:
                return json.load(fh).get("token") == self.token
        except (OSError, ValueError, AttributeError):
            return False

    # ------------------------------------------------------------ requests in

    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _address = self.listener.accept()
            except OSError:  # the listener closed: the engine is ending
                return
            if not self.readers.acquire(blocking=False):
                conn.close()  # a flood of connections: the actions' own get through once it is over
                continue
            self.tickets += 1  # this loop alone counts: tickets follow the order the clicks connected
            threading.Thread(target=self._read, args=(conn, self.tickets), name="reagroove-warm-read",
                             daemon=True).start()

    def _read(self, conn, ticket: int = 0) -> None:
        try:
            self._take(conn, ticket)
        except Exception:  # noqa: BLE001 - one bad client never stops the engine
            conn.close()
        finally:
            with self.lock:  # queued or dropped: a later ticket waits on it no longer
                self.awaiting_go.discard(ticket)
                self.settled.notify_all()
            self.readers.release()

    def _take(self, conn, ticket: int = 0) -> None:
        got = read_line(conn, time.monotonic() + REQUEST_READ_S)
        request = json_line(got[0]) if got else None
        why = self._refusal(request)
        with self.lock:
            if not why and self.closing:
                why = "the warm engine is ending"
            if not why:  # before it hears "accepted": its "go" may come before a later click connects
                self.awaiting_go.add(ticket)
        if why:
            conn.sendall((json.dumps({"refused": why}) + "\n").encode())
            conn.close()
            return
        conn.sendall(b'{"accepted": true}\n')
        go = read_line(conn, time.monotonic() + GO_WAIT_S, got[1])
        if not go or json_line(go[0]) != {"go": True}:  # the action gave up (and spawned an engine): not run here
            conn.close()
            return
        state = {"state": "queued"} if request.get("withdrawable") is True else None  # a joiner's (warm_wire)
        with self.lock:
            if not self.closing:
                self.requests.put((ticket, conn, request["argv"], state))
                queued = True
            else:
                queued = False
        if not queued:
            conn.close()  # ending meanwhile: the action says it did not finish
        elif state is not None:
            threading.Thread(target=self._hear_withdraw, args=(conn, state, go[1]), name="reagroove-warm-withdraw",
                             daemon=True).start()

    def _hear_withdraw(self, conn, state: dict, received: bytes) -> None:
        """A joiner's queued request, until it begins: its {"withdraw"} (or the joiner gone) drops it, said
        {"withdrawn"}; one begun meanwhile was said {"started"}, under the same lock, so the joiner knows which."""
        while True:
            with self.lock:
                if state["state"] != "queued" or self.closing:
                    return
            got = read_line(conn, time.monotonic() + self.check_s, received)
            with self.lock:
                if state["state"] != "queued":
                    return
                if got is None:
                    try:
                        conn.settimeout(0)
                        if conn.recv(1, socket.MSG_PEEK):  # only slow: listen on
                            continue
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        pass
                state["state"] = "withdrawn"  # said withdrawn, or the joiner gone: not run
                try:
                    conn.settimeout(1.0)
                    conn.sendall(b'{"withdrawn": true}\n')
                except OSError:
                    pass
                conn.close()
                return

    def _refusal(self, request) -> str:
        """Why a request is not run here ("" if it is)."""
        if not isinstance(request, dict):
            return "not a request"
        token = str(request.get("token", "")).encode("utf-8", "replace")
        if not hmac.compare_digest(token, self.token.encode()):  # bytes: a str compare raises on non-ASCII
            return "wrong token"
        if request.get("protocol") != PROTOCOL:
            return f"protocol {request.get('protocol')!r}, not {PROTOCOL}"
        argv = request.get("argv")
        if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv) and argv[:1] == ["reaper"]
                and len(argv) > 1 and argv[1] in WARM_COMMANDS):
            return "only " + ", ".join(WARM_COMMANDS) + " run in the warm engine"
        since = self.running_since
        if since is not None and self.clock() - since >= self.busy_s:
            return f"busy: a run has gone on {self.clock() - since:.0f} s"
        if self.fingerprint() != self.files:
            return "ReaGroove's files changed since the warm engine started"
        return ""

    # ------------------------------------------------------------ the loop

    def _reason_to_end(self, idle_since: float) -> str:
        if self.clock() - idle_since >= self.idle_s:
            return f"idle for {self.idle_s:g} s"
        if not self._owns_warm_file():
            return "another warm engine took its place"
        if self._reaper_gone():
            return "REAPER's server is gone"
        if self.fingerprint() != self.files:
            return "ReaGroove's files changed"
        return ""

    def _reaper_gone(self) -> bool:
        """Asked at most every alive_s."""
        if self.clock() - self._alive_asked < self.alive_s:
            return False
        self._alive_asked = self.clock()
        return not self.alive(self.server_port)

    def _watch(self) -> None:
        """During a run: REAPER's server gone ends the process, the run with it (one that never returns would
        keep the engine up for good, its warm file taking the next REAPER's clicks into its queue)."""
        while not self.closing:
            time.sleep(self.check_s)
            if self.running_since is not None and not self.closing and self._reaper_gone():
                self._end_now("REAPER's server is gone, during a run")
                return

    def _stop_taking(self, why: str) -> None:
        with self.lock:  # none queued from now on
            self.closing, self.ended_because = True, why
            while not self.requests.empty():  # queued behind the run: their actions say they did not finish
                self.requests.get()[1].close()

    def _end_now(self, why: str) -> None:
        self._stop_taking(why)
        self.close()  # its warm file gone: the next click spawns
        if self.done_file:
            try:
                os.remove(self.done_file)
            except OSError:
                pass
        print(f"reagroove: warm engine {os.getpid()} ended ({why}; {self.served} requests)", file=sys.stderr,
              flush=True)
        try:
            sys.stdout.flush()  # the run's output so far, to the log: os._exit flushes nothing
        except (AttributeError, OSError, ValueError):
            pass
        self.end_process(1)

    def _run_timed(self, argv: list[str], **kw) -> int:
        self.running_since = self.clock()
        try:
            return self.run(argv, **kw)
        except EngineBroken as exc:  # the next click spawns a new engine, which may import it (torch mended)
            self._stop_taking(str(exc))
            return exc.code
        finally:
            self.running_since = None

    def serve(self, first: list[str] | None = None, done_file: str = "") -> int:
        """Run `first` (its exit status in done_file), then the requests sent, until the engine ends; the first
        request's exit status is the process's."""
        self.done_file = done_file
        threading.Thread(target=self._accept_loop, name="reagroove-warm-accept", daemon=True).start()
        threading.Thread(target=self._watch, name="reagroove-warm-watch", daemon=True).start()
        first_code = 0
        try:
            try:
                self.publish()
            except Exception as exc:  # noqa: BLE001 - the log's folder not writable: this run only, as before
                self.ended_because = f"its file {self.warm_file} cannot be written: {exc}"
            self._drop_start(done_file)
            if first is not None:
                first_code = self._run_timed(first, said=True)
                self.served += 1
                if done_file and not self.closing:
                    atomic_write_text(done_file, str(first_code))
            if self.ended_because:
                return first_code
            print(f"reagroove: this engine (process {os.getpid()}) stays up for the next actions, up to "
                  f"{self.idle_s:g} s idle", file=sys.stderr, flush=True)
            idle_since = self.clock()
            while not self.closing:
                try:
                    item = self.requests.get(timeout=self.check_s)
                except queue.Empty:
                    why = self._reason_to_end(idle_since)
                    if why:
                        with self.lock:
                            if self.requests.empty():
                                self.closing, self.ended_because = True, why
                                break
                    continue
                if self._earlier_pending(item):
                    continue
                self._answer(*item[1:])
                idle_since = self.clock()
        except Exception as exc:  # noqa: BLE001 - e.g. the warm file or done file not writable: end, said in the log
            self.ended_because = f"{type(exc).__name__}: {exc}"
        finally:
            self._drop_start(done_file)
            self.close()
            if done_file:  # left there when the action did not wait for it (REAPER's action scripts do not)
                try:
                    os.remove(done_file)
                except OSError:
                    pass
            print(f"reagroove: warm engine {os.getpid()} ended ({self.ended_because}; {self.served} requests)",
                  file=sys.stderr, flush=True)
        return first_code

    def _earlier_pending(self, item: tuple) -> bool:
        """Whether a click that connected before queued `item` is still between "accepted" and "go" (its reader
        not yet run): then `item` goes back in the queue, and this waits (GO_WAIT_S at most in all) for it."""
        with self.lock:
            if not any(earlier < item[0] for earlier in self.awaiting_go) or self.closing:
                return False
            self.requests.put(item)
            self.settled.wait(self.check_s)
        return True

    def _answer(self, conn, argv: list[str], state: dict | None = None) -> None:
        if state is not None:  # a joiner's: not if it withdrew it; else it hears that it begins
            with self.lock:
                begins, state["state"] = state["state"] == "queued", "started"
                try:
                    if begins:
                        conn.settimeout(1.0)
                        conn.sendall(b'{"started": true}\n')
                except OSError:  # the joiner gone: it said the click did not run
                    begins = False
            if not begins:
                conn.close()
                return
            conn.settimeout(None)
        try:
            code = self._run_timed(argv)
            self.served += 1
            conn.sendall((json.dumps({"exit": code}) + "\n").encode())
        except OSError:  # the action did not wait for it (REAPER's action scripts do not)
            pass
        finally:  # unanswered if the run never returned (interrupted): the action then says it did not finish
            conn.close()

    def close(self) -> None:
        with self.lock:
            self.closing = True
        if self._owns_warm_file():
            try:
                os.remove(self.warm_file)
            except OSError:
                pass
        self.listener.close()
        while not self.requests.empty():  # accepted meanwhile (cannot be, under the lock): still answered
            self._answer(*self.requests.get()[1:])


def idle_seconds(text: str | None) -> float:
    """REAGROOVE_WARM_IDLE_S (REAPER's environment passes it on): seconds from 0 up ("inf": until REAPER quits);
    IDLE_S where unset, or said in the log where it is no such number ("nan" kept the engine up for good)."""
    if text is None:
        return IDLE_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value >= 0:  # False for nan
        return value
    print(f"reagroove: {WARM_IDLE_ENV}={text!r} is not a number of seconds from 0 up: {IDLE_S:g} s", file=sys.stderr,
          flush=True)
    return IDLE_S


def serve_from_action(args) -> int:
    """The run REAPER's action started to stay warm (commands.run_reaper): its own request first, then others."""
    warm_file = os.environ.pop(WARM_FILE_ENV)
    done_file = os.environ.pop(WARM_DONE_ENV, "")
    engine = os.environ.pop(WARM_ENGINE_ENV, "")
    idle_s = idle_seconds(os.environ.pop(WARM_IDLE_ENV, None))
    start_file = os.environ.pop(WARM_START_ENV, "")
    role = os.environ.pop(WARM_ROLE_ENV, "")
    if role == "join" and start_file:
        code = join_starting(warm_file, start_file, engine, sys.argv[1:])
        if code is not None:
            if done_file:
                atomic_write_text(done_file, str(code))
            return code
    from reagroove.core.constants import SERVER_PORT

    try:
        warm = WarmEngine(warm_file, args.port or SERVER_PORT, engine=engine, idle_s=idle_s, run=run_cli,
                          start_file=start_file if role == "start" else "")
    except OSError as exc:  # no loopback socket: run once, as before
        if role == "start" and start_file:
            try:
                os.remove(start_file)
            except OSError:
                pass
        print(f"reagroove: no warm engine ({exc}): this run only", file=sys.stderr, flush=True)
        code = run_cli(sys.argv[1:], said=True)
        if done_file:
            atomic_write_text(done_file, str(code))
        return code
    return warm.serve(sys.argv[1:], done_file)
