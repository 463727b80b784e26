"""What every module ReaGroove runs inside REAPER shares: the project, the names and keys it marks its
tracks and items with, the one error it sends back, and REAPER's embedded module (reaper_side.py writes,
reaper_read.py and reaper_live_input.py read; none imports another's module to reach these).
"""

from __future__ import annotations

from .errors import ReaperSideError  # noqa: F401 (raised by the REAPER-side modules that import it from here)

PROJ = 0  # the current project
ROLE_KEY = "P_EXT:reagroove_role"
HASH_KEY = "P_EXT:reagroove_hash"
SETTINGS_KEY = "P_EXT:reagroove_settings"
DRUM_MAP_KEY = "P_EXT:reagroove_drummap"
DRUMS_TRACK_NAME = "ReaGroove Drums"
DRUMS_ROLE = "drums"  # the drum track's ROLE_KEY (and every generated item's)
VARIATION_ROLE = "variation"
VARIATION_BASE = "ReaGroove Var"
LIVE_UNDO_NAME = "ReaGroove: live follow"
# the undo points Drumify and Variations make; the docked panel reads them back to see a later run went well.
# A run names its bars and settings after the head (run_names.py: 'ReaGroove: drumify bars 17-24 (Jazz)'); a
# whole-selection run at the defaults is DRUMIFY_UNDO_NAME.
DRUMIFY_UNDO_NAME = "ReaGroove: drumify selected items"
DRUMIFY_UNDO_HEAD = "ReaGroove: drumify"
UNDO_NAME_MAX = 60  # about what REAPER's Undo History shows of a name
VARIATIONS_UNDO_NAME = "ReaGroove: {n} variations"  # made by variations_undo_name: "1 variation" for one
LIVE_KEY = "live"  # ext-state key: "on" while live follow runs (the toggle action, both panels, the follower)
# Drumify while live follow writes the same track would interleave their bars: it waits, and says so.
LIVE_RUNNING = ("{what} changed nothing: live follow is on and writes the '{track}' track; turn live follow off "
                "(the action 'ReaGroove: Live follow on/off' or a panel's Live follow), then {what} again")

# Drumify or Variations with every voice group muted, refused before anything is written (it had replaced the drums
# with silent items, an undo point, said only as "the drums are silent; unmute one"): how to unmute one in the
# panels, and in a terminal's options
ALL_MUTED = "every voice group is muted, so the drums would be silent: nothing written; {how}"
ALL_MUTED_PANEL = "turn one on in the full editor (Full editor… > Sound: kick, snare, hats, toms, cymbals)"
ALL_MUTED_TYPED = "unmute one (--unmute kick, for one)"


def variations_undo_name(n: int) -> str:
    """The undo point of a Variations run, as REAPER's undo history lists it: 'ReaGroove: 4 variations',
    'ReaGroove: 1 variation'."""
    name = VARIATIONS_UNDO_NAME.format(n=n)
    return name.removesuffix("s") if n == 1 else name


def is_variations_undo_name(name: str) -> bool:
    """Whether an undo point is a Variations run's (variations_undo_name's, whatever its count; its bars and settings
    after it: 'ReaGroove: 3 variations, bars 9-16', 'ReaGroove: 2 variations (Jazz)')."""
    head = VARIATIONS_UNDO_NAME.split("{n}")[0]
    count = name.removeprefix(head).split(" ", 1)[0]
    if not (name.startswith(head) and count.isdigit()):
        return False
    own = variations_undo_name(int(count))
    return name == own or name.startswith((own + ", ", own + " ("))


def is_drumify_undo_name(name: str) -> bool:
    """Whether an undo point is a Drumify run's (DRUMIFY_UNDO_NAME, or the head with its bars and settings)."""
    return name == DRUMIFY_UNDO_NAME or name.startswith((DRUMIFY_UNDO_HEAD + " bar", DRUMIFY_UNDO_HEAD + " ("))


def _r():
    import reaper_python  # REAPER's embedded module: only importable inside REAPER

    return reaper_python
