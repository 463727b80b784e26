"""Variations pressed again over bars that have variation tracks already: other versions, never copies.

The button gives N more versions to audition, so a second press with nothing changed must not write Var 1-4's
drums again as Var 5-8 (the same settings draw the same versions on the same band). REAPER's side refuses
versions of which one plays what a variation track over its bars plays already (variation_hits.py) and sends
those tracks' hits back; here the engine draws more versions of the same part (the same set drawn longer, so its
later versions, kept apart from the earlier ones by drumify_variations, come next; then sets from other seeds)
and keeps, in order, the first N that differ from every track there and from each other in at least
MIN_VARIATION_CHANGE of their hits, as drumify_variations keeps its own versions apart. Other settings or an
edited band draw other drums, written as before (a copy of a track there is refused all the same). Pressed after
Drumify, the first version drawn is the drum track's part: REAPER's side refuses it alike (within
MIN_VARIATION_CHANGE of the drum track's hits), and the N kept differ from those drums too.
"""

from __future__ import annotations

import numpy as np

from reagroove.core.settings import MAX_VARIATIONS, Settings
from reagroove.core.takes import MIN_VARIATION_CHANGE, other_seed

from .variation_hits import hit_change, hits_of, nearest, spans_of

# Sets drawn from other seeds when the set's own later versions are not enough (a part so plain that its
# versions keep landing on the ones there): each at most MAX_VARIATIONS versions, one model call each.
OTHER_SEED_ROUNDS = 2


def other_versions(engine, result, settings: Settings, n: int, first: np.ndarray, existing: list,
                   specs_of) -> tuple[list, list]:
    """(versions, the tracks some drawn version copied): up to n versions (each (W, 32, 27)), in the order drawn,
    each differing from every variation track in `existing` [(name, hits)] and from the others kept in at least
    MIN_VARIATION_CHANGE of its hits. `first`: the versions drawn already (refused by REAPER's side);
    specs_of(version) -> its item specs (the hits compared are those it would write)."""
    kept: list = []
    kept_hits: list = []
    copied: list = []

    def consider(versions) -> None:
        for v in versions:
            if len(kept) == n:
                return
            items = specs_of(v)
            hits = hits_of([note for i in items for note in i["notes"]], spans_of(items))
            change, name = nearest(hits, existing)
            if change < MIN_VARIATION_CHANGE:
                if name not in copied:
                    copied.append(name)
                continue
            if any(hit_change(hits, h) < MIN_VARIATION_CHANGE for h in kept_hits):
                continue  # the same version drawn again in a longer set
            kept.append(v)
            kept_hits.append(hits)

    consider(first)
    # the same set, longer: its first versions are those on the tracks, its next ones kept apart from them
    if len(kept) < n:
        consider(engine.variations_of(result, settings, min(MAX_VARIATIONS, len(first) + len(existing) + n)))
    # other seeds draw other drums: the editor's hand edits, made on this set's versions, stay off them
    plain = getattr(engine, "without_edits", engine)
    for k in range(1, OTHER_SEED_ROUNDS + 1):
        if len(kept) == n:
            break
        other = settings.replace(seed=other_seed(settings.seed, k))
        consider(plain.variations_of(result, other, min(MAX_VARIATIONS, 2 * n + len(existing))))
    return kept, copied


def tracks_said(names: list, base: str) -> str:
    """'ReaGroove Var 1-4' for tracks numbered in a row under one base name, else their names listed."""
    numbers = [name[len(base) + 1:] for name in names if name.startswith(base + " ")]
    if len(numbers) == len(names) > 1 and all(x.isdigit() for x in numbers):
        got = sorted(int(x) for x in numbers)
        if got == list(range(got[0], got[0] + len(got))):
            return f"{base} {got[0]}-{got[-1]}"
    return ", ".join(names)


def other_versions_note(kept: int, n: int, copied: list, base: str, drums: str = "") -> str:
    """What the producer should know of a second press: the versions these settings draw first are on the tracks
    already, so these are others (or fewer, or none, where no other differs enough). `drums`: the drum track's
    name where a version drawn played its drums (the first is Drumify's part: pressed after Drumify)."""
    variations = [name for name in copied if name != drums]
    on_drums = bool(drums) and drums in copied
    there = " and ".join(([tracks_said(variations, base)] if variations else [])
                         + ([f"the drum track '{drums}'"] if on_drums else []))
    floor = f"{MIN_VARIATION_CHANGE:.0%}"
    if on_drums and not variations:
        if kept == n:
            return (f"the first version these settings draw for these bars is the drums on {there} already: "
                    f"{'this one differs' if n == 1 else 'these differ'} from them in at least {floor} of the hits")
        what = f"the drums on {there}"
    else:
        what = f"the variations already on these bars ({there})"
        if kept == n:
            return (f"the versions these settings draw first for these bars are on {there} already: "
                    f"{'this one differs' if n == 1 else 'these differ'} from every "
                    f"{'one' if on_drums else 'variation'} there in at least {floor} of the hits")
    if kept:
        return (f"only {kept} other version{'s' if kept != 1 else ''} differ{'s' if kept == 1 else ''} from "
                f"{what} in at least {floor} of the hits: change the settings (genre, density, pattern) for more")
    return (f"no other version differs from {what} in at least {floor} of the hits: nothing written, no undo "
            "point; change the settings (genre, density, pattern) for others")


__all__ = ["other_versions", "other_versions_note", "tracks_said"]
