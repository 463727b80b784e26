"""The A / B / groove triangle shared by both panels: pad geometry, and which controls take effect.

Plain Python (no Qt, no numpy of its own), so the docked panel inside REAPER
(reaper_ext/dock) and the Qt panel use the same geometry and the same rules.

The pad draws the engine's triangle (core/engine.py, Engine.target):
pattern A at the bottom left, pattern B at the bottom right, the live groove
G at the top. Height is `follow` (0 on the A-B edge, 1 at G); across, the
point's share of the way from the A-G edge to the B-G edge is `interpolate`.
The drawn point is then exactly the engine's blend
(1 - follow) * (A + interpolate * (B - A)) + follow * G.
"""

from __future__ import annotations

from .note_words import in_panel_words

PAD_VERTICES = {"A": (0.0, 0.0), "B": (1.0, 0.0), "G": (0.5, 1.0)}

# The density slider on auto (Settings.density None) has no effect.
AUTO_DENSITY = "density is automatic (as the groove suggests): untick auto to set it"


def _clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def pad_to_blend(x: float, y: float, interpolate_before: float = 0.0) -> tuple[float, float]:
    """A pad point in triangle units (A (0,0), B (1,0), G (0.5,1)) -> (interpolate, follow).

    Points outside the triangle go to its edge at the same height; at G itself
    interpolate has no effect and keeps its value. Values are rounded to 0.001.
    """
    follow = _clamp(y)
    width = 1.0 - follow
    if width < 1e-6:
        return interpolate_before, 1.0
    interpolate = _clamp((x - 0.5 * follow) / width)
    return round(interpolate, 3), round(follow, 3)


def pad_changes(settings, interpolate: float, follow: float) -> dict:
    """The settings' changes for the pad moved to (interpolate, follow), in either panel: a default follow the move
    left where it was stays the default (None), as the A ↔ B slider leaves it. ← → at G (or a click at G's level) had
    set follow 1, the default with no pattern, by hand: patterns A and B chosen after it were not heard (follow
    stayed 1, not the 0.5 a pattern brings)."""
    keep = settings.follow_auto and follow == settings.follow
    return {"interpolate": interpolate, "follow": None if keep else follow}


def blend_to_pad(interpolate: float, follow: float) -> tuple[float, float]:
    """(interpolate, follow) -> the pad point in triangle units."""
    return (1.0 - follow) * interpolate + 0.5 * follow, follow


def inactive_controls(settings) -> dict[str, str]:
    """Controls that have no effect under these settings -> why (shown while greyed out).

    Settings.inactive() is core's one rule for settings (follow without a
    pattern, A <-> B without two patterns, ...); the panels add their own: the
    density slider on auto, and the pad whenever follow has no effect.
    """
    why = {name: in_panel_words(text) for name, text in settings.inactive().items()}  # "(Fills or Fill bars)", no --options
    if settings.density is None:
        why["density"] = AUTO_DENSITY
    if "follow" in why:
        why["pad"] = why["follow"]
    return why
