"""Do the sections drumify hears in a song with no markers fall where the song's own drummer marks one? For each
band song with a drum part, the bars `sections.heard_sections` starts a section at (the band's parts only, as
drumify reads the file), and the share of them whose downbeat the drummer crashes on (within a 16th), against
the share of all bars from bar 2 on; then the same for the band's loudness jumps (`sections.level_sections`),
its parts joining or leaving (`sections.layer_sections`), parts swapped for others (`part_swap_sections`), one busy
part joining (`busy_part_sections`), the band going back to an earlier section's parts (`returning_parts`), a
new riff (`riff_sections`) and parts joining on a phrase over the same rhythm (`joining_parts`), and all of these
together (as phrases.part_sections heard them, less comebacks, breaks and meter or tempo changes), with their share
of all bars.
For the songs with section markers, the markers the drummer crashes on, and the sections of the first four heard
beside them (`given_sections.clear_of_given`: what drumify adds to the markers' sections).

    python benchmarks/bench_sections.py [--band ../shared/data/freedoom-midi] [--list]

Freedoom's songs (BSD) are the project's training and validation music; openmsx is for evaluation only, so it is
not the default here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from reagroove.core.errors import ReaGrooveError
from reagroove.core.given_sections import clear_of_given, marker_sections, section_bars_at
from reagroove.core.groove import bar_grid, extract_windows
from reagroove.core.midi import read_midi
from reagroove.core.part_swap_sections import part_swap_sections
from reagroove.core.busy_part_sections import busy_part_sections
from reagroove.core.entry_phrases import entry_phrase_start
from reagroove.core.joining_parts import joining_parts_sections
from reagroove.core.returning_parts import returning_parts_sections
from reagroove.core.riff_sections import riff_sections
from reagroove.core.sections import heard_sections, layer_sections, level_sections
from reagroove.core.window_notes import without_landings

CRASHES = (49, 52, 55, 57)  # GM crash 1, Chinese, splash, crash 2
DRUM_CHANNEL_INDEX = 9


def song_sections(path: Path) -> tuple | None:
    """(section bars, whether the drummer crashes on each, whether on each bar from 2 on); None: no drums."""
    content = read_midi(path)
    wins = extract_windows(content)
    drums = content.notes.channel == DRUM_CHANNEL_INDEX
    if not drums.any() or wins.drum_part:
        return None
    grid = bar_grid(content.time_signatures, content.end_beat)
    crashes = np.sort(content.notes.start[drums & np.isin(content.notes.pitch, CRASHES)])

    def crashed(bar: int) -> bool:
        i = grid.first_bar + bar - 1
        return i < len(grid.lines) and bool(np.any(np.abs(crashes - grid.lines[i]) <= 0.26))

    # the parts' rules count phrases from where the band's parts come in, as the engine's (phrases.part_sections)
    first = max(int(wins.bars[0]), 1) if len(wins.bars) else 1
    entries = entry_phrase_start(wins.parts, wins.bars, wins.meters, first, wins.starts, wins.end)
    bars = heard_sections(wins.grooves, wins.bass, wins.bars, wins.meters, [], {}, wins.starts, wins.end,
                          sounding=wins.sounding)  # (a bar under a held note is played, as the engine hears it)
    louder = sorted(level_sections(wins.grooves, wins.bars, wins.meters, [], bars, wins.starts, wins.end,
                                   bass=wins.bass))  # (the parts over the bass heard apart: level_lift.py)
    layers = sorted(layer_sections(without_landings(wins.parts), wins.bars, [], sorted({*bars, *louder})))
    swaps = sorted(part_swap_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [],
                                      sorted({*bars, *louder, *layers}), wins.starts, wins.end, entries=entries))
    busy = sorted(busy_part_sections(wins.parts, wins.grooves, wins.bars, wins.meters, [],
                                     sorted({*bars, *louder, *layers, *swaps}), wins.starts, wins.end,
                                     entries=entries))
    back = sorted(returning_parts_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [],
                                           sorted({*bars, *louder, *layers, *swaps, *busy}), wins.starts, wins.end))
    riffs = sorted(riff_sections(wins.lows, wins.bars, wins.meters, [],
                                 sorted({*bars, *louder, *layers, *swaps, *busy, *back}), wins.starts, wins.end,
                                 entries=entries))
    joins = sorted(joining_parts_sections(wins.parts, wins.grooves, wins.bass, wins.bars, wins.meters, [],
                                          sorted({*bars, *louder, *layers, *swaps, *busy, *back, *riffs}),
                                          wins.starts, wins.end, entries=entries))
    every = sorted({*bars, *louder, *layers, *swaps, *busy, *back, *riffs, *joins})
    marked = marker_sections(section_bars_at(content.markers, content.time_signatures))[0] if content.markers else []
    beside = clear_of_given(sorted({*bars, *louder, *layers, *swaps}), marked) if marked else []
    return (bars, [crashed(b) for b in bars], [crashed(b) for b in range(2, grid.bar_number(content.end_beat))],
            [crashed(b) for b in louder], [crashed(b) for b in layers], [crashed(b) for b in swaps],
            [crashed(b) for b in marked if b > 1] if marked else None, [crashed(b) for b in beside],
            [crashed(b) for b in busy], [crashed(b) for b in riffs], [crashed(b) for b in every],
            [crashed(b) for b in back], joins, [crashed(b) for b in joins])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--band", default=str(Path(__file__).resolve().parents[2] / "shared/data/freedoom-midi"))
    ap.add_argument("--list", action="store_true", help="print each song's section bars")
    args = ap.parse_args()
    found = on = bars = crashed = songs = levels = level_on = layers = layer_on = swaps = swap_on = 0
    marked_songs = markers = marker_on = beside = beside_on = 0
    busy = busy_on = riffs = riff_on = every = every_on = back = back_on = joins = join_on = 0
    for path in sorted(Path(args.band).rglob("*.mid")):
        try:
            got = song_sections(path)
        except (ReaGrooveError, ValueError) as exc:
            print(f"{path.name}: left out ({exc})")
            continue
        if got is None:
            continue
        songs += 1
        found, on = found + len(got[0]), on + sum(got[1])
        bars, crashed = bars + len(got[2]), crashed + sum(got[2])
        levels, level_on = levels + len(got[3]), level_on + sum(got[3])
        layers, layer_on = layers + len(got[4]), layer_on + sum(got[4])
        swaps, swap_on = swaps + len(got[5]), swap_on + sum(got[5])
        busy, busy_on = busy + len(got[8]), busy_on + sum(got[8])
        riffs, riff_on = riffs + len(got[9]), riff_on + sum(got[9])
        every, every_on = every + len(got[10]), every_on + sum(got[10])
        back, back_on = back + len(got[11]), back_on + sum(got[11])
        joins, join_on = joins + len(got[13]), join_on + sum(got[13])
        if got[6] is not None:
            marked_songs, markers, marker_on = marked_songs + 1, markers + len(got[6]), marker_on + sum(got[6])
            beside, beside_on = beside + len(got[7]), beside_on + sum(got[7])
        if args.list:
            print(f"{path.name}: sections at {got[0]}, the drummer crashes on {sum(got[1])}"
                  + (f"; parts joining at {got[12]}, crashed {list(map(int, got[13]))}" if got[12] else ""))
    print(f"{songs} songs: {found} sections heard, the drummer crashes on {on} ({on / max(found, 1):.0%}); "
          f"on {crashed / max(bars, 1):.0%} of all {bars} bars")
    print(f"loudness jumps heard as sections: {levels}, the drummer crashes on {level_on} "
          f"({level_on / max(levels, 1):.0%})")
    print(f"parts joining or leaving heard as sections: {layers}, the drummer crashes on {layer_on} "
          f"({layer_on / max(layers, 1):.0%})")
    print(f"parts swapped for others heard as sections: {swaps}, the drummer crashes on {swap_on} "
          f"({swap_on / max(swaps, 1):.0%})")
    print(f"one busy part joining heard as sections: {busy}, the drummer crashes on {busy_on} "
          f"({busy_on / max(busy, 1):.0%})")
    print(f"the band back on an earlier section's parts heard as sections: {back}, the drummer crashes on "
          f"{back_on} ({back_on / max(back, 1):.0%})")
    print(f"new riffs heard as sections: {riffs}, the drummer crashes on {riff_on} ({riff_on / max(riffs, 1):.0%})")
    print(f"parts joining on a phrase heard as sections: {joins}, the drummer crashes on {join_on} "
          f"({join_on / max(joins, 1):.0%})")
    print(f"all of these: {every} sections ({every / max(bars, 1):.1%} of all bars), the drummer crashes on "
          f"{every_on} ({every_on / max(every, 1):.0%}; {every_on} of the {crashed} bars crashed: "
          f"{every_on / max(crashed, 1):.0%})")
    print(f"{marked_songs} songs with markers: {markers} markers after bar 1, the drummer crashes on {marker_on} "
          f"({marker_on / max(markers, 1):.0%}); {beside} sections heard beside them, the drummer crashes on "
          f"{beside_on} ({beside_on / max(beside, 1):.0%})")


if __name__ == "__main__":
    main()
