"""A tempo marker placed mid-bar, said (actions.selection_windows). A jump in tempo on a bar line starts a section
(core.sections.tempo_sections: a fill into it, a crash on it, and a note); one a beat or two into a bar (120 to 100
on beat 3 of bar 9) was followed by the drums and said nowhere. The same jump rule (held either side, more than
TEMPO_JUMP) tells it from a gradual transition's steps, which are no change to say."""

from __future__ import annotations

import numpy as np

from reagroove.core.groove import bar_grid
from reagroove.core.midi import tempo_at
from reagroove.core.sections import TEMPO_AT_LINE, TEMPO_DRIFT, TEMPO_HOLD_BARS, TEMPO_JUMP


def mid_bar_tempo_lines(tempos, time_signatures, lo_qn: float, hi_qn: float, measure_offset: int) -> list[str]:
    """One line per tempo jump inside [lo_qn, hi_qn) that lies off the bar lines, its bar as REAPER's ruler
    numbers it. tempos: [(qn, bpm)]; time_signatures: [(qn, num, den)]."""
    if not tempos or len(tempos) < 2:
        return []
    beats = np.array([float(q) for q, _ in tempos])
    bpms = np.array([float(b) for _, b in tempos])
    grid = bar_grid(list(time_signatures), hi_qn)
    shift = grid.ruler_shift(measure_offset)
    out = []
    for qn, bpm in zip(beats, bpms):
        if not lo_qn < qn < hi_qn:
            continue
        k = max(int(np.searchsorted(grid.lines, qn + 1e-9, side="right")) - 1, 0)
        line = float(grid.lines[k])
        num, den = grid.meters[k]
        bar_end = float(grid.lines[k + 1]) if k + 1 < len(grid.lines) else line + num * 4.0 / den
        if min(qn - line, bar_end - qn) <= TEMPO_AT_LINE:  # a bar line's: tempo_sections says it
            continue
        hold = TEMPO_HOLD_BARS * num * 4.0 / den
        before = np.concatenate([[tempo_at(tempos, qn - hold)], bpms[(beats > qn - hold) & (beats < qn)]])
        after = np.concatenate([[bpm], bpms[(beats > qn) & (beats < qn + hold)]])
        if before.max() > before.min() * (1 + TEMPO_DRIFT) or after.max() > after.min() * (1 + TEMPO_DRIFT):
            continue  # a gradual transition's step, or tempos moving every beat: no one change to say
        was = float(np.median(before))
        if abs(bpm / was - 1) <= TEMPO_JUMP:
            continue
        beat = round((qn - line) / (4.0 / den) + 1, 2)
        out.append(f"the tempo changes from {was:.0f} to {bpm:.0f} BPM on beat {beat:g} of bar "
                   f"{grid.bar_number(qn) + shift}, not on a bar line: the drums follow it, with no new section "
                   "there (a tempo marker on a bar line starts one: a fill into it, a crash on it)")
    return out


__all__ = ["mid_bar_tempo_lines"]
