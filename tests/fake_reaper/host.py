"""A process that plays REAPER for distant-mode tests.

Started by :class:`fake_reaper.FakeReaperProcess`. It builds the simulated
project from a JSON spec, imports the real reapy *inside* it, starts REAPER's
web interface and (by default) reapy's server on 127.0.0.1, then runs REAPER's
main loop: every ``tick`` seconds (30 ms, like REAPER's defer timer) it runs
the deferred calls, which is where reapy's server answers requests.

The test process controls it with JSON lines on stdin; answers come back as
JSON lines on stdout (everything the simulated REAPER prints goes to the log
file). Control commands run on the main loop between defer ticks, so they
never race with the API. EOF on stdin shuts the process down.
"""

import argparse
import json
import os
import queue
import sys
import threading
import time
import traceback


def _jsonable(x):
    try:
        json.dumps(x)
        return x
    except (TypeError, ValueError):
        if isinstance(x, dict):
            return {str(k): _jsonable(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [_jsonable(v) for v in x]
        if isinstance(x, bytes):
            return list(x)
        return repr(x)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", required=True, help="JSON file with a ProjectSpec dict")
    ap.add_argument("--tick", type=float, default=0.03)
    ap.add_argument("--server", choices=["reapy", "none"], default="reapy")
    ap.add_argument("--server-port", type=int, default=0)
    ap.add_argument("--server-script", default=None, help="ReaScript to run at startup (e.g. your own server)")
    ap.add_argument("--resource-path", default=None)
    ap.add_argument("--realtime", action="store_true")
    ap.add_argument("--sys-path", action="append", default=[])
    args = ap.parse_args(argv)

    # stdout is the protocol channel; everything else printed goes to stderr.
    proto = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    out_lock = threading.Lock()

    def send(obj):
        line = json.dumps(_jsonable(obj))
        with out_lock:
            proto.write(line + "\n")
            proto.flush()

    for p in reversed(args.sys_path):
        sys.path.insert(0, p)
    import fake_reaper
    from fake_reaper import project as fr

    with open(args.spec, encoding="utf-8") as f:
        spec = json.load(f)
    reaper = fr.build(spec, resource_path=args.resource_path, realtime=args.realtime)
    reaper.tick_interval = args.tick
    session = fake_reaper.enter_inside(reaper)
    from fake_reaper import serving

    rpr = session.rpr
    reapy = session.reapy
    counter = serving.RoundTripCounter().install()
    web = serving.WebInterface(reaper, rpr).start()
    handle = None
    with reaper.lock:
        if args.server == "reapy":
            handle = serving.start_reapy_server(args.server_port)
        if args.server_script:
            reaper.run_script(os.path.abspath(args.server_script))
        reaper.run_startup()  # REAPER runs Scripts/__startup.lua as it starts

    commands = queue.Queue()

    def read_stdin():
        for line in sys.stdin:
            line = line.strip()
            if line:
                try:
                    commands.put(json.loads(line))
                except ValueError:
                    send({"id": None, "ok": False, "error": "bad JSON: %r" % line[:200]})
        commands.put({"id": None, "cmd": "shutdown", "eof": True})

    threading.Thread(target=read_stdin, name="fake-reaper-stdin", daemon=True).start()
    ns = {"reaper": reaper, "rpr": rpr, "reapy": reapy, "counter": counter, "server": handle, "web": web,
          "fr": fr, "session": session}
    send({"ready": True, "pid": os.getpid(), "web_port": web.port,
          "server_port": handle.port if handle else None, "resource_path": reaper.resource_path})

    running = True
    next_tick = time.monotonic()
    while running:
        timeout = max(0.0, next_tick - time.monotonic())
        try:
            msg = commands.get(timeout=timeout)
        except queue.Empty:
            msg = None
        if msg is not None:
            cid = msg.get("id")
            cmd = msg.get("cmd")
            try:
                with reaper.lock:
                    if cmd == "shutdown":
                        running = False
                        result = True
                    elif cmd == "ping":
                        result = "pong"
                    elif cmd == "stats":
                        result = {"round_trips": counter.count, "log": list(counter.log),
                                  "ticks": reaper.ticks, "api_calls": dict(reaper.api_calls)}
                    elif cmd == "reset_stats":
                        counter.reset()
                        reaper.api_calls.clear()
                        result = True
                    elif cmd == "snapshot":
                        result = reaper.to_dict()
                    elif cmd == "exec":
                        local = dict(ns)
                        local.update(msg.get("vars") or {})
                        exec(compile(msg["code"], "<fake_reaper exec>", "exec"), local)
                        result = local.get("result")
                    elif cmd == "feed_input":
                        result = [reaper.input.feed(bytes(e[0]), *e[1:]) for e in msg["events"]]
                    elif cmd == "schedule_input":
                        reaper.input.schedule([(e[0], bytes(e[1])) + tuple(e[2:]) for e in msg["events"]])
                        result = True
                    elif cmd == "advance":
                        reaper.transport.advance(msg["seconds"])
                        result = reaper.transport.position()
                    elif cmd == "tick":
                        reaper.tick_interval = float(msg["interval"])
                        result = True
                    elif cmd == "run_script":
                        reaper.run_script(os.path.abspath(msg["path"]))
                        result = True
                    elif cmd == "stall":
                        send({"id": cid, "ok": True, "result": True})
                        time.sleep(float(msg["seconds"]))  # REAPER busy: holds the main thread
                        continue
                    else:
                        raise ValueError("unknown command %r" % cmd)
                if cid is not None or not msg.get("eof"):
                    send({"id": cid, "ok": True, "result": result})
            except Exception:
                send({"id": cid, "ok": False, "error": traceback.format_exc()})
            continue
        reaper.run_deferred()
        next_tick = time.monotonic() + reaper.tick_interval

    # REAPER exits: atexit code of scripts runs, sockets close.
    try:
        reaper.run_atexit()
        if handle is not None:
            handle.stop()
        web.stop()
        counter.uninstall()
    finally:
        try:
            fake_reaper.exit_inside(session)
            reaper.close()  # removes a temporary resource folder it made
        finally:
            proto.close()


if __name__ == "__main__":
    main()
