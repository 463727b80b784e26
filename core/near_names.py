"""The name a mistyped word most likely meant (a command, an option, a genre, a voice), for "did you mean".

Light (difflib alone): the command line imports it before any command loads.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

# A folder holding more names than this is only searched for the same name in other letter case or without its
# extension (difflib over tens of thousands of names would hold up the one-line error).
MAX_FOLDER_NAMES = 5000

# Strict enough that '--swing' suggests no '--settings' and '--foo' no '--follow' (difflib's own 0.6 did);
# 'drumfy' -> 'drumify' (0.92), '--max-hit' -> '--max-hits', 'rok' -> 'rock' (0.86) pass.
CUTOFF = 0.75

# A shell's or another tool's word for an action, far from ours in spelling: `reagroove patterns ls` and
# `patterns rm verse` were "invalid choice" with no name offered.
HABITS = {"ls": "list", "rm": "remove", "del": "remove", "delete": "remove", "save": "add"}


def did_you_mean(word: str, names) -> str | None:
    """The one name in `names` a mistyped `word` most likely meant ('drumfy' -> 'drumify', 'eval' ->
    'evaluate', 'ls' -> 'list'), or None: a close spelling, else the only name it begins (3 letters or more)."""
    names = [n for n in names if isinstance(n, str)]
    if HABITS.get(word) in names:
        return HABITS[word]
    close = difflib.get_close_matches(word, names, n=1, cutoff=CUTOFF)
    if close:
        return close[0]
    starting = [n for n in names if len(word) >= 3 and n.startswith(word)]
    return starting[0] if len(starting) == 1 else None


def meant(word: str, names) -> str:
    """': did you mean 'rock'?' for a mistyped word, '' where no name is near."""
    near = did_you_mean(word, names)
    return f": did you mean '{near}'?" if near is not None else ""


def near_file(path) -> str | None:
    """The file or folder a mistyped `path` most likely meant, beside where it points: the same name in other letter
    case, with spaces around it, or without its extension ('bass' -> 'bass.mid'), else a close spelling
    ('bas.mid' -> 'bass.mid'). None where there is no such folder or nothing near in it."""
    typed = Path(path)
    word = typed.name.strip()
    if not word:
        return None
    try:
        names = [n for n in os.listdir(typed.parent) if not n.startswith(".")]
    except OSError:  # no such folder, or one that cannot be read: nothing to suggest
        return None
    same = [n for n in names if n.lower() == word.lower()] or \
        [n for n in names if os.path.splitext(n)[0].lower() == word.lower()]
    if same:
        near = same[0] if len(same) == 1 else None  # 'bass' beside bass.mid and bass.wav: either, so neither
    else:
        near = did_you_mean(word, names) if len(names) <= MAX_FOLDER_NAMES else None
    return None if near is None else str(typed.parent / near)
