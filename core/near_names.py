"""The name a mistyped word most likely meant (a command, an option, a genre, a voice), for "did you mean".

Light (difflib alone): the command line imports it before any command loads.
"""

from __future__ import annotations

import difflib

# Strict enough that '--swing' suggests no '--settings' and '--foo' no '--follow' (difflib's own 0.6 did);
# 'drumfy' -> 'drumify' (0.92), '--max-hit' -> '--max-hits', 'rok' -> 'rock' (0.86) pass.
CUTOFF = 0.75


def did_you_mean(word: str, names) -> str | None:
    """The one name in `names` a mistyped `word` most likely meant ('drumfy' -> 'drumify', 'eval' ->
    'evaluate'), or None: a close spelling, else the only name it begins (3 letters or more)."""
    names = [n for n in names if isinstance(n, str)]
    close = difflib.get_close_matches(word, names, n=1, cutoff=CUTOFF)
    if close:
        return close[0]
    starting = [n for n in names if len(word) >= 3 and n.startswith(word)]
    return starting[0] if len(starting) == 1 else None


def meant(word: str, names) -> str:
    """': did you mean 'rock'?' for a mistyped word, '' where no name is near."""
    near = did_you_mean(word, names)
    return f": did you mean '{near}'?" if near is not None else ""
