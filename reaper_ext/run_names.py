"""The undo point each Drumify and Variations run makes, named by what it did: REAPER's Undo History had listed
a whole song, a jazz bridge over a time selection and a run with fill bars all as 'ReaGroove: drumify selected
items', which a producer scrolling it back could not tell apart. The name is decided here, on the engine's side,
and travels in the write request (an older REAPER side names its point from the request too).
"""

from __future__ import annotations

from reagroove.core.genres import mix_said
from reagroove.core.settings import Settings

from .reaper_names import DRUMIFY_UNDO_HEAD, DRUMIFY_UNDO_NAME, UNDO_NAME_MAX, variations_undo_name


def _fills(s: Settings) -> list[str]:
    bars = [str(b) for b in s.fill_bars][:5]
    bars[4:] = ["…"] if len(bars) > 4 else []  # (the first four: a long list had pushed every other setting out)
    said = [f"fill bar{'s' if len(bars) > 1 else ''} {', '.join(bars)}"] if bars else []  # as the panels' Fill bars
    return said + ([f"fill every {2 * s.fill_every} bars"] if s.fill_every else [])


def feel_words(s: Settings) -> list[str]:
    """The density, feel, swing and muted groups a run played with, as its undo point and its drum items' names
    (actions.settings_label) both say them: 'density 0.30', 'half-time', 'swing 60%', 'no toms'."""
    words = [] if s.density is None else [f"density {s.density:.2f}"]
    words += ["half-time"] if s.feel == "half" else []
    if s.swing is not None:
        words.append("straight" if s.swing <= 50 else f"swing {s.swing:g}%")
    muted = [g for g, on in s.voice_groups.items() if not on]
    return words + (["no " + "/".join(muted)] if muted else [])


def settings_words(s: Settings) -> list[str]:
    """What the run played that the defaults do not, in the panels' words, most telling first; the seed last
    (the Dice's new take: two runs otherwise alike differ by it)."""
    words = [w for w in [mix_said(s.genre)] if w]
    inactive = s.inactive()
    pattern = [f"pattern {k[-1].upper()} {getattr(s, k)}" for k in ("pattern_a", "pattern_b")
               if getattr(s, k) and k not in inactive]
    words += pattern
    words += feel_words(s)
    words += _fills(s)
    if s.temperature and not s.temperature_auto:
        words.append(f"temperature {s.temperature:.2f}")
    if s.seed:
        words.append(f"seed {s.seed}")
    return words


def _fit(head: str, words: list[str]) -> str:
    """head plus '(words)', as many words as REAPER's Undo History shows (about 60 characters); '…' for the rest. A
    genre mix too long to fit names its leading genre ('Hip-Hop/R&B/Soul mix')."""
    if words and len(f"{head} ({words[0]}, …)") > UNDO_NAME_MAX and " / " in words[0]:
        words = [words[0].split(" / ")[0].rsplit(" ", 1)[0] + " mix", *words[1:]]
    # each word that fits, in order, one too long skipped for those after it (a long pattern name had hidden the
    # density and half-time behind '(…)'; C7's review); '…' where any is left out
    whole = f"{head} ({', '.join(words)})" if words else head
    if len(whole) <= UNDO_NAME_MAX:
        return whole
    kept: list[str] = []
    for word in words:
        if len(f"{head} ({', '.join([*kept, word, '…'])})") <= UNDO_NAME_MAX:
            kept.append(word)
    name = f"{head} ({', '.join([*kept, '…'])})"
    return name if len(name) <= UNDO_NAME_MAX else name[:UNDO_NAME_MAX - 1] + "…"


def drumify_undo_name(settings: Settings, bars: str = "") -> str:
    """'ReaGroove: drumify bars 17-24 (Jazz, density 0.30)', 'ReaGroove: drumify (fill bar 8, seed 4)'; a
    whole-selection run at the defaults keeps 'ReaGroove: drumify selected items'. `bars`: the time selection's or
    razor edits' bars as the run's first line says them ('bars 9-16'), '' for the whole items."""
    words = settings_words(settings)
    if not bars and not words:
        return DRUMIFY_UNDO_NAME
    return _fit(f"{DRUMIFY_UNDO_HEAD} {bars}".rstrip(), words)


def variations_run_name(n: int, settings: Settings, bars: str = "") -> str:
    """'ReaGroove: 3 variations, bars 9-16 (Jazz)': variations_undo_name's count, then the bars and settings."""
    head = variations_undo_name(n) + (f", {bars}" if bars else "")
    return _fit(head, [w for w in settings_words(settings) if not w.startswith("seed ")])  # (versions: not one seed)
