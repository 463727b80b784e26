"""Lines a live session says to the player, in a musician's words: the settings the drums play with (said back as
the session starts, so a player knows the command took: `--genre funk --density 0.3` had said only the tempo), the
player's groove taking over from the idle pattern and the pattern coming back (the drums changed unsaid), and the
summary at its end (it had read "13 loops (p99 7.0 ms), 183 drum notes, 1 late")."""

from __future__ import annotations

from .genres import mix_said
from .loop import VOICE_GROUPS

HEARD_LATE_MS = 5.0  # notes later than this are said (a few ms is within a player's own spread)
FILL_LENGTH_SAID = {"beat": "one-beat fills", "bar": "whole-bar fills"}  # "half" (the default) goes unsaid


def _density_said(density: float) -> str:
    feel = "sparse" if density < 0.35 else "busy" if density > 0.65 else "medium"
    return f"density {density:.2g} ({feel})"


def _fills_said(settings) -> str | None:
    said = [f"a fill every {2 * settings.fill_every} bars"] if settings.fill_every else []
    if settings.fill_bars:  # (beside a fill every N bars too: the session plays both)
        bars = [str(b) for b in settings.fill_bars]
        listed = ", ".join(bars[:4]) + (", ..." if len(bars) > 4 else "")
        said.append(f"fills ending bar{'s' if len(bars) > 1 else ''} {listed}")
    if not said:
        return None
    fills = " and ".join(said)
    length = FILL_LENGTH_SAID.get(settings.fill_length)
    return fills if length is None else f"{fills} ({length})"


def _swing_said(swing: float) -> str:
    return "no swing (straight)" if swing <= 50 else f"{swing:g}% swing"  # (50 is straight: run_names.feel_words)


def settings_said(settings) -> str:
    """What the drums will play as the player set it, "" where nothing was set: "Funk with density 0.3 (sparse) and a
    fill every 8 bars". Only what was given (a default leaves the drums to the player's groove and is not said)."""
    muted = [g for g in VOICE_GROUPS if not settings.voice_groups.get(g, True)]
    # (a pattern not heard, follow at 1, is not leaned toward: Settings.inactive, as run_names leaves it out)
    inactive = settings.inactive()
    patterns = [getattr(settings, k) for k in ("pattern_a", "pattern_b") if getattr(settings, k) and k not in inactive]
    given = [None if settings.density is None else _density_said(settings.density), _fills_said(settings),
             "a half-time feel" if settings.feel == "half" else None,
             None if settings.swing is None else _swing_said(settings.swing),
             f"no {' or '.join(muted)}" if muted else None,
             f"a lean toward {' and '.join(patterns)}" if patterns else None]
    given = [g for g in given if g]
    genre = mix_said(settings.genre)
    if not given:
        return genre or ""
    listed = given[0] if len(given) == 1 else f"{', '.join(given[:-1])} and {given[-1]}"
    return f"{genre} with {listed}" if genre else f"with {listed}"


def idle_line(was_idle: bool, idle: bool, drums: bool, name: str, bar: int) -> tuple[bool, str | None]:
    """(whether the idle pattern plays now, the line to say or None) for a loop a session with an idle pattern `name`
    made (idle: the pattern's loop; drums: it has notes) opening on bar `bar`, the idle pattern playing before or not
    (was_idle). A silent loop (the drums waiting for a bar line) says nothing."""
    if idle == was_idle or not drums and not idle:
        return was_idle, None
    if idle:
        return True, f"you stopped: {name} plays again from bar {bar} until you play"
    return False, f"you came in: the drums follow your playing from bar {bar} ({name} stops)"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def summary_line(seconds: float, *, notes: int, bars: int, runs: int, loops: int, late: int, late_ms: float,
                 slowest_ms: float, followed: str = "") -> str:
    """The session's end, as a sentence: how long, what the drums played (the times they came in, where the player
    stopped and came back), the tempo they ended at where they followed the player off --bpm (`followed`: ", ending at
    96 BPM (followed from --bpm 120)"), and loops made after the moment they were due: what that meant (the notes due
    meanwhile went out late, by up to `late_ms`)."""
    if not notes:
        return f"stopped after {seconds:.0f} s: the drums played no notes"
    came = "" if runs <= 1 else f"came in {'twice' if runs == 2 else f'{runs} times'} and "
    said = f"stopped after {seconds:.0f} s: the drums {came}played {_count(bars, 'bar')} ({_count(notes, 'note')})"
    said += followed
    if not late or late_ms < HEARD_LATE_MS:  # ("notes went out up to 1 ms late": no one hears it)
        return f"{said}, all on time"
    times = "once" if late == 1 else "twice" if late == 2 else f"{late} times"
    return (f"{said}; {times} the drums were still being made when due, so notes went out up to "
            f"{late_ms:.0f} ms late (making them took up to {slowest_ms:.0f} ms)")


__all__ = ["idle_line", "settings_said", "summary_line"]
