"""The A / B / groove triangle shared by both panels: pad geometry, and which controls take effect.

Plain Python (no Qt, no numpy), so the docked panel inside REAPER
(reaper_ext/dock) and the Qt panel use the same geometry and the same rules.

The pad draws the engine's triangle (core/engine.py, Engine.target):
pattern A at the bottom left, pattern B at the bottom right, the live groove
G at the top. Height is `follow` (0 on the A-B edge, 1 at G); across, the
point's share of the way from the A-G edge to the B-G edge is `interpolate`.
The drawn point is then exactly the engine's blend
(1 - follow) * (A + interpolate * (B - A)) + follow * G.
"""

from __future__ import annotations

PAD_VERTICES = {"A": (0.0, 0.0), "B": (1.0, 0.0), "G": (0.5, 1.0)}

# Why a control does nothing under the current settings (shown as its tooltip while it is greyed out).
NEEDS_A_FOR_FOLLOW = "no effect without pattern A: the drums follow your groove only (choose a pattern A)"
NEEDS_A_FOR_B = "pattern B needs a pattern A first"
NEEDS_A_AND_B = "no effect without patterns A and B: A ↔ B moves between them"
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


def blend_to_pad(interpolate: float, follow: float) -> tuple[float, float]:
    """(interpolate, follow) -> the pad point in triangle units."""
    return (1.0 - follow) * interpolate + 0.5 * follow, follow


def inactive_controls(pattern_a: str | None, pattern_b: str | None, density: float | None) -> dict[str, str]:
    """Controls that have no effect under these settings -> why (core/settings.py: follow is ignored
    without pattern A; B alone is no pattern; A <-> B needs both). Keys: follow, interpolate, pattern_b, pad, density."""
    why: dict[str, str] = {}
    if pattern_a is None:
        why["follow"] = why["pad"] = NEEDS_A_FOR_FOLLOW
        why["pattern_b"] = NEEDS_A_FOR_B
    if pattern_a is None or pattern_b is None:
        why["interpolate"] = NEEDS_A_AND_B
    if density is None:
        why["density"] = AUTO_DENSITY
    return why
