"""Plain-Python signals (Hook), calls into the UI thread from worker threads (UiCalls),
and a guard for PySide6 6.12 on Python before 3.12 (guard_singleton_refcounts).

PySide6 6.12.0's wheels (stable ABI, built for Python 3.12+ where None, True
and False are immortal) drop a reference to the object on every call that
returns None, True or False when run on Python 3.10 or 3.11: each
`painter.drawRect()`, `label.setText()` or `signal.emit()` lowers
sys.getrefcount(None) or (True) by one, and the interpreter aborts with
"none_dealloc" / "bool_dealloc" once a count reaches zero (after a few
thousand calls: seconds of painting). guard_singleton_refcounts() gives the
three a reference count no leak can exhaust, which is what Python 3.12 does
by itself. On top of that the panel defines no Qt Signal of its own:
widgets call Hooks, and worker threads post calls to the UI thread as Qt
events (QCoreApplication.postEvent is thread-safe), so the panel's own
reporting costs no reference at all.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

_CALL = QEvent.Type(QEvent.registerEventType())


class Hook:
    """Callbacks run in order by `emit(*args)`, on the thread that emits."""

    def __init__(self):
        self._callbacks: list[Callable] = []

    def connect(self, callback: Callable) -> None:
        self._callbacks.append(callback)

    def emit(self, *args) -> None:
        for callback in list(self._callbacks):
            callback(*args)


class _Call(QEvent):
    def __init__(self, fn: Callable, args: tuple):
        super().__init__(_CALL)
        self.fn, self.args = fn, args


class UiCalls(QObject):
    """Create it on the UI thread (as a child of the window); `call(fn, *args)` from any thread
    runs fn(*args) on the UI thread soon after. Calls still queued when it is deleted are dropped."""

    def call(self, fn: Callable, *args) -> None:
        QCoreApplication.postEvent(self, _Call(fn, args))

    def customEvent(self, event) -> None:
        if event.type() == _CALL:
            event.fn(*event.args)


def guard_singleton_refcounts() -> None:
    """Give None, True and False a reference count no leak can exhaust (Python 3.12+ makes them immortal).

    Works around the PySide6 bug described above on CPython 3.10 and 3.11;
    elsewhere it does nothing. Idempotent; harmless if PySide6 is fixed.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, the first field of every object
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


class MainThreadGC(QObject):
    """Cyclic garbage collection on the UI thread only, while a panel is open.

    Python's collector runs on whichever thread happens to allocate; if that is
    a worker thread and the garbage holds Qt objects, Qt destroys them off the
    UI thread and can crash. So automatic collection is switched off and a timer
    on the UI thread collects instead (what pyqtgraph's GarbageCollector does),
    until the last panel closes.
    """

    _open = 0  # panels open now
    _was_enabled = True  # automatic collection before the first of them opened

    def __init__(self, parent: QObject, interval_ms: int = 500):
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        if MainThreadGC._open == 0:
            MainThreadGC._was_enabled = gc.isenabled()
            gc.disable()
        MainThreadGC._open += 1
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        """Collect the generations that are due, as the automatic collector would."""
        counts = gc.get_count()
        for gen in (2, 1, 0):
            if counts[gen] > self._threshold[gen]:
                gc.collect(gen)
                break

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        gc.collect()
        MainThreadGC._open -= 1
        if MainThreadGC._open == 0 and MainThreadGC._was_enabled:
            gc.enable()
