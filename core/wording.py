"""How counts are said in what ReaGroove prints: "1 onset", "3 onsets" ("1 onsets" was said)."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in its number: counted(1, "note") is "1 note", counted(3, "note") "3 notes"; `plural` for
    a noun whose plural is not noun + "s" (counted(2, "match", "matches"))."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


__all__ = ["counted"]
