"""What the editor's Undo and Redo take back, named in the Edit menu before they are chosen ("Undo variations 4 → 6",
"Undo hand edit: added kick at bar 2, beat 1"): the menu said "Undo" whatever the step, and a producer could not
tell whether Ctrl+Z would take back the Variations count just typed or the density dragged before it."""

from __future__ import annotations

from reagroove.core.settings import Settings

from .live_notes import NAMES, _value

MOST_NAMED = 2  # more changed in one step (a preset loaded, another panel's change): counted, not named


def step_text(before: Settings, after: Settings) -> str:
    """One settings step, from `before` to `after`: "variations 4 → 6", "density 0.5 → 0.6, genre any → Funk",
    "5 settings"; "" when they do not differ."""
    old, new = before.to_dict(), after.to_dict()
    # the count itself: the record keeps "default" (None) for a count never set, which the panels show as theirs
    old["variations"], new["variations"] = before.variations, after.variations
    said = []
    for key in new:
        if old.get(key) == new[key]:
            continue
        if key == "voice_groups":
            said += [f"{g} {'back' if on else 'muted'}" for g, on in new[key].items() if old[key].get(g) != on]
        else:
            said.append(f"{NAMES.get(key, key.replace('_', ' '))} {_value(key, old.get(key))} → {_value(key, new[key])}")
    return f"{len(said)} settings" if len(said) > MOST_NAMED else ", ".join(said)


def next_step_text(controller, redo: bool = False) -> str:
    """What Undo (`redo`: Redo) would take back now, "" when there is nothing: its step on the controller's stack
    against the settings (or hand edits) there now, named as the change was made."""
    stack = controller._redo if redo else controller._undo
    if not stack:
        return ""
    step = stack[-1]
    if isinstance(step, Settings):
        # the step holds the settings on its far side: Undo's were before the change, Redo's after it
        return step_text(*((controller.settings, step) if redo else (step, controller.settings)))
    version = getattr(step, "version", 1)
    what = getattr(step, "what", "")
    on = f" on version {version}" if version > 1 else ""
    return f"hand edit{on}" + (f": {what}" if what else "")
