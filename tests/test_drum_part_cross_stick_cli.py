"""`reagroove drumify` writes a drum part's cross-stick backbeat on 37 at the part's own level (it had written a full
snare, 38 at 91: drum_part_cross_stick.py)."""

import mido
from test_drum_part_cross_stick import ballad

from reagroove.core.cli import main


def test_drumify_writes_a_ballad_s_cross_stick_backbeat_on_37_at_its_level(make_midi, tmp_path):
    src, out = make_midi(ballad(8)), tmp_path / "drums.mid"
    assert main(["drumify", str(src), "-o", str(out), "--quiet"]) == 0
    snares = [(m.note, m.velocity) for m in mido.MidiFile(out).tracks[1] if m.type == "note_on" and m.velocity
              and m.note in (37, 38)]
    assert snares and all(n == 37 for n, _ in snares), snares
    assert max(v for _, v in snares) <= 80  # the part's own 70-72, not a full snare's 91
