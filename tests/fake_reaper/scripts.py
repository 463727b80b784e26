"""How the simulated REAPER runs ReaScripts: per-script deferred loops, instances, automatic undo points,
and Scripts/__startup.lua at start.

What REAPER does, as far as its documentation and behaviour say (places it
leaves open are marked DOC UNCLEAR):

- Deferred code belongs to the script (the instance) that queued it, and code
  it runs defers on that script's behalf. A script whose queue empties has
  ended: its atexit code runs then, and also when it is terminated.
- Running a script that is still running (it has deferred code) brings
  REAPER's "script already running" handling, chosen per action in
  reaper-kb.ini by the SCR record's flags: 4 asks the user (terminate the
  running instances / start a new instance / abort), 260 terminates the
  running instances, 516 starts a new instance without asking.
  DOC UNCLEAR: the meaning of these flag values is not documented; they are
  what REAPER writes for the three choices in the action list's instance
  handling menu. The simulation answers the prompt with `rerun_answer`
  ("terminate" by default: what a user clicking through does) and records it
  in `prompts`.
- A script that does not defer gets an undo point when it ends ("ReaScript:
  Run"). DOC UNCLEAR: whether REAPER skips it when the script made its own
  undo point or changed nothing is not documented; the simulation adds it
  unless the script made a point itself, changed or not, so a script that
  must leave no point of its own defers (an empty deferred call is the
  known idiom).
- At start REAPER runs Scripts/__startup.lua (or __startup.eel); nothing
  shows that it runs a __startup.py. The simulation cannot run Lua: it runs
  the statements of the form
  `reaper.Main_OnCommand(reaper.NamedCommandLookup("_NAME"), 0)` and
  `reaper.ShowConsoleMsg("text")`, one a line, and records every other
  non-comment line in `startup_skipped`.

Code that is not a script (the test itself, reapy's server started by the
fixture) defers under the owner None, which behaves like one script.
"""

from __future__ import annotations

import os
import re
import traceback

AUTO_UNDO_NAME = "ReaScript: Run"
ASK, TERMINATE, NEW_INSTANCE = 4, 260, 516
_LUA_RUN = re.compile(r'^reaper\.Main_OnCommand\(\s*reaper\.NamedCommandLookup\(\s*"([^"]+)"\s*\)\s*,\s*0\s*\)$')
_LUA_MSG = re.compile(r'^reaper\.ShowConsoleMsg\(\s*"((?:[^"\\]|\\.)*)"\s*\)$')


class ScriptRuntime:
    """The deferred queues and atexit code of every running script instance of one simulated REAPER."""

    def __init__(self, reaper):
        self.reaper = reaper
        self.queues: dict = {}  # owner -> [code]; owner: None or (path, instance number)
        self.exits: dict = {}  # owner -> [code]
        self.flags: dict = {}  # script path -> SCR flags from reaper-kb.ini
        self.rerun_answer = "terminate"
        self.prompts: list = []  # paths REAPER asked about
        self.terminated: list = []  # owners terminated
        self.startup_skipped: list = []
        self._stack: list = [None]  # owner of the code running now
        self._instances = 0

    # ---------------------------------------------------------------- queueing

    @property
    def owner(self):
        return self._stack[-1]

    def defer(self, code) -> None:
        self.queues.setdefault(self.owner, []).append(code)

    def at_exit(self, code) -> None:
        self.exits.setdefault(self.owner, []).append(code)

    def pending(self) -> list:
        return [code for queue in self.queues.values() for code in queue]

    def running(self, path: str) -> list:
        """The running instances of the script at `path`."""
        return [o for o, q in self.queues.items() if o is not None and o[0] == path and q]

    # ---------------------------------------------------------------- scripts

    def run_script(self, path: str, namespace: dict) -> None:
        """Run a Python ReaScript as REAPER does: as __main__, minding instances already running."""
        running = self.running(path)
        if running:
            flags = self.flags.get(path, ASK)
            answer = {TERMINATE: "terminate", NEW_INSTANCE: "new"}.get(flags)
            if answer is None:
                self.prompts.append(path)
                answer = self.rerun_answer
            if answer == "abort":
                return
            if answer == "terminate":  # the running instances end; none is started
                for owner in running:
                    self.terminate(owner)
                return
        self._instances += 1
        owner = (path, self._instances)
        project = self.reaper.project
        points = len(project.undo_names)
        saved = {k: namespace.get(k) for k in ("__file__", "__name__")}
        namespace["__file__"] = path
        namespace["__name__"] = "__main__"
        self._stack.append(owner)
        try:
            with open(path, encoding="utf-8") as f:
                code = compile(f.read(), path, "exec")
            exec(code, namespace)
        except BaseException as e:  # REAPER shows script errors in a dialog and goes on
            self.reaper.script_errors.append((path, traceback.format_exc()))
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
        finally:
            self._stack.pop()
            for k, v in saved.items():
                if v is None:
                    namespace.pop(k, None)
                else:
                    namespace[k] = v
        if not self.queues.get(owner):
            if len(project.undo_names) == points and project in self.reaper.projects:
                project.add_undo_point(AUTO_UNDO_NAME)
            self._end(owner)

    def terminate(self, owner) -> None:
        self.terminated.append(owner)
        self.queues.pop(owner, None)
        self._end(owner)

    def _end(self, owner) -> None:
        self.queues.pop(owner, None)
        for code in self.exits.pop(owner, []):
            self._run(owner, code)

    # ---------------------------------------------------------------- the defer loop

    def tick(self) -> None:
        """One round of REAPER's defer loop: what each script queued before it."""
        batches = [(owner, queue) for owner, queue in self.queues.items() if queue]
        for owner, _ in batches:
            self.queues[owner] = []
        for owner, queue in batches:
            for code in queue:
                self._run(owner, code)
        for owner, _ in batches:
            if not self.queues.get(owner) and self.exits.get(owner):
                self._end(owner)  # nothing deferred any more: the script has ended
            elif not self.queues.get(owner):
                self.queues.pop(owner, None)

    def run_all_exits(self) -> None:
        """REAPER exits: the atexit code of every script runs."""
        for owner in list(self.exits):
            self.queues.pop(owner, None)
            self._end(owner)

    def _run(self, owner, code) -> None:
        namespace = self.reaper.script_globals if self.reaper.script_globals is not None else {}
        self._stack.append(owner)
        try:
            if callable(code):
                code()
            else:
                exec(code, namespace)
        except BaseException:
            self.reaper.script_errors.append(("<deferred>", traceback.format_exc()))
        finally:
            self._stack.pop()

    # ---------------------------------------------------------------- start

    def run_startup(self) -> bool:
        """REAPER starts: run Scripts/__startup.lua (see the module's notes); False if there is none."""
        path = os.path.join(self.reaper.resource_path, "Scripts", "__startup.lua")
        if not os.path.isfile(path):
            return False
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                text = line.strip()
                if not text or text.startswith("--"):
                    continue
                run, msg = _LUA_RUN.match(text), _LUA_MSG.match(text)
                if run:
                    command = self.reaper.named_commands.get(run.group(1), 0)
                    if command:
                        self.reaper.run_command(command)
                elif msg:
                    self.reaper.console.append(msg.group(1).encode().decode("unicode_escape"))
                else:
                    self.startup_skipped.append(text)
        return True
