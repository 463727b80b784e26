"""How counts and lists are said in what ReaGroove prints: "1 onset", "3 onsets" ("1 onsets" was said); "A, B and C"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in its number: counted(1, "note") is "1 note", counted(3, "note") "3 notes"; `plural` for
    a noun whose plural is not noun + "s" (counted(2, "match", "matches"))."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def listed(items: list[str]) -> str:
    """Items as a sentence says them: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


__all__ = ["counted", "listed"]
