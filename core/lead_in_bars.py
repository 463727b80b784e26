"""A lead-in: the band's pickup into a new section, heard apart from the bars it ends.

sections.texture_sections hears a section where the 4 bars from a bar play differently from the 4 before, each block
steady in itself. A pickup in the last bar before the change (the band's 8ths or 16ths into its entrance, over a pad
struck on every bar) made that block read unsteady: its last bar played notes the others did not, so the band's
entrance was no section, the pad no quiet intro, and the crash went on bar 1 under the pad instead of on the band's
first hit (with the pickup gone: a quiet intro and the crash on the band's entrance). Notes in the second half of
that last bar on steps none of the bars before it play there are the change's lead-in: the block is measured without
them too (as a gap before the change already is, texture_sections' `earlier`).
"""

from __future__ import annotations

import numpy as np


def without_lead_in(before: list) -> list | None:
    """The 4 bar rows before a change (sections.bar_rows': beats, the band's onsets, the bass's, ...) with the last
    one's lead-in taken out (its second half's onsets on steps the 3 bars before leave empty there, band and bass
    alike), or None where it has none (or the rows are not alike)."""
    *steady, last = before
    if any(len(r[1]) != len(last[1]) for r in steady):
        return None
    mid = len(last[1]) // 2
    played = np.any([r[1] for r in steady], 0)
    lead = np.zeros(len(last[1]), bool)
    lead[mid:] = (last[1][mid:] > 0) & ~played[mid:]
    if not lead.any():
        return None
    cleared = tuple(np.where(lead, 0.0, part).astype(np.float32) for part in last[1:3])
    return [*steady, (last[0], *cleared, *last[3:])]


__all__ = ["without_lead_in"]
