"""`reagroove groove` says how to read a swung groove and a pickup bar's time signature, as drumify's charts do: the
bundled shuffle's off-beat 8ths, drawn on each beat's 'a' and marked early, had read as rushed 16ths with no legend,
and the waltz's "1/4, 3/4" as two meters (a first-time user's walk through the README)."""

from pathlib import Path

from reagroove.core.cli import main
from reagroove.core.textroll import SWUNG_LEGEND

EXAMPLES = Path(__file__).resolve().parents[1] / "core" / "examples"


def test_a_swung_groove_is_charted_with_the_swung_legend(capsys):
    assert main(["groove", str(EXAMPLES / "shuffle_blues.mid"), "--bars", "5-8"]) == 0
    assert SWUNG_LEGEND in capsys.readouterr().out
    assert main(["groove", str(EXAMPLES / "funk_bass.mid")]) == 0  # a straight one gets none
    assert SWUNG_LEGEND not in capsys.readouterr().out


def test_a_pickup_bars_time_signature_is_said_as_the_pickup(capsys):
    assert main(["groove", str(EXAMPLES / "piano_waltz.mid")]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "1/4 (a pickup bar), 3/4" in first, first
