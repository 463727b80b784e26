"""REAPER's transport as the panel shows it: tempo, bar and beat under the project's maps, and the live-follow
figures (loops made, how many late) the status line reports."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from reagroove.core.midi import tempo_at


def bar_and_beat(qn: float, time_signatures) -> tuple[int, float]:
    """Project position in quarter notes -> (bar from 1, beat in the bar from 1) under a meter map."""
    bar, seg_start, num, den = 1, 0.0, 4, 4
    for q, n, d in time_signatures:
        q = float(q)
        if q > qn + 1e-9:
            break
        bar += round((q - seg_start) / (num * 4.0 / den))
        seg_start, num, den = q, int(n), int(d)
    length = num * 4.0 / den
    k = math.floor((qn - seg_start) / length + 1e-9)
    return bar + k, (qn - seg_start - k * length) * den / 4.0 + 1.0


@dataclass
class LiveFigures:
    """Loops made while following live input: how long they took and how many were late."""

    generated: int = 0
    late: int = 0
    seconds: deque = field(default_factory=lambda: deque(maxlen=512))

    def add(self, sched, bpm: float) -> None:
        """A scheduled loop (core.live.ScheduledLoop) was made at a tempo of `bpm`."""
        self.generated += 1
        self.seconds.append(sched.seconds)
        if sched.generated_at + sched.seconds * bpm / 60.0 > sched.boundary + 1e-9:
            self.late += 1

    def last_ms(self) -> float | None:
        return self.seconds[-1] * 1000 if self.seconds else None

    def p99_ms(self) -> float | None:
        return float(np.percentile(np.asarray(self.seconds), 99)) * 1000 if self.seconds else None


@dataclass
class LinkStatus:
    """What the panel shows about REAPER (or the MIDI ports) at one moment."""

    connected: bool
    message: str = ""
    tempo: float | None = None
    bar: int | None = None
    beat: float | None = None
    playing: bool = False
    live: bool = False
    generated: int = 0
    late: int = 0
    last_ms: float | None = None
    p99_ms: float | None = None
    time_signatures: list = field(default_factory=lambda: [(0.0, 4, 4)])
    waiting: str = ""  # live on ports before anything plays: what it waits for (the player's first note, MIDI clock)
    live_stopped_in_reaper: bool = False  # REAPER's live flag was turned off (the docked panel, the toggle action)
    selected: int | None = None  # items selected in REAPER (project_info's "selected_items"; None: not said)


def status_from_info(info: dict, figures: LiveFigures | None = None) -> LinkStatus:
    """REAPER's project_info / poll_live_input reply -> LinkStatus."""
    qn = float(info.get("position_qn", 0.0))
    sigs = info.get("time_signatures") or [(0.0, 4, 4)]
    bar, beat = bar_and_beat(qn, sigs)
    status = LinkStatus(True, tempo=tempo_at(info.get("tempos") or [], qn), bar=bar, beat=beat,
                        playing=bool(int(info.get("play_state", 0)) & 1), time_signatures=sigs)
    if isinstance(info.get("selected_items"), int):  # a REAPER side that counts them (not live follow's polls)
        status.selected = info["selected_items"]
    if figures is not None:
        status.live = True
        status.generated, status.late = figures.generated, figures.late
        status.last_ms, status.p99_ms = figures.last_ms(), figures.p99_ms()
    return status
