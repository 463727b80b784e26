"""`reagroove interpolate` (a path of loops between two patterns, for builds) and `reagroove patterns` (the
named patterns A/B steer toward).

Split from commands.py to keep each file short; the entry points still name commands.py, which re-exports
these. The model is loaded through commands._engine, so one stand-in serves every command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reagroove.core.errors import ReaGrooveError
from reagroove.core.files import check_writable, refuse_writing_over_own_midi
from reagroove.core.options import (BPM_RANGE, add_settings_options, audio_options_note, settings_from_args,
                                    start_help, tempo_bpm)
from reagroove.core.option_paths import (refuse_missing_windows_input, refuse_non_midi_output,
                                         refuse_overwriting_inputs, refuse_saving_settings_onto)


def _engine(args):
    from . import commands

    return commands._engine(args)


def add_interpolate_command(sub) -> None:
    p = sub.add_parser(
        "interpolate",
        help="a path of loops from one pattern to another, for builds and transitions",
        description="Write a MIDI file of 2-bar drum loops that move step by step from A to B, for a build or a "
        "transition. A and B are each a 2-bar window of a MIDI or audio file (its first with notes, or --bar-a/--bar-b) "
        "or a named pattern ('reagroove patterns list').",
    )
    p.add_argument("a", metavar="A", help="a MIDI or audio file, or a saved pattern or genre prototype (e.g. rock)")
    p.add_argument("b", metavar="B", help="a MIDI or audio file, or a saved pattern or genre prototype")
    # engine.MIN_STEPS to MAX_STEPS, written out: importing the engine slowed every --help (a test checks them)
    p.add_argument("--steps", type=int, default=5, metavar="N",
                   help="loops on the path, both ends included, 2 to 256 (default 5)")
    p.add_argument("--bar-a", type=int, metavar="BAR", help="the window of A starting at this bar (default: its first with notes)")
    p.add_argument("--bar-b", type=int, metavar="BAR", help="the window of B starting at this bar (default: its first with notes)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.mid", help="the MIDI file for the path of loops (drums "
                   "ReaGroove wrote there are replaced, and said; any other MIDI file is refused)")
    p.add_argument("--bpm", type=tempo_bpm, help=f"tempo of the output, {BPM_RANGE} (default: A's file's, else B's, else 120 between two "
                   "patterns), and of audio A/B (default: estimated)")
    # not drumify's "nothing but errors": what A and B were read as, and the options it cannot use, are still said
    p.add_argument("--quiet", action="store_true", help="do not print the path's piano roll (notes on stderr still "
                   "say what it cannot use)")
    add_settings_options(p)
    p.set_defaults(func=run_interpolate)


def run_interpolate(args) -> int:
    from reagroove.core.loop import Loop
    from reagroove.core.engine import MAX_STEPS, MIN_STEPS
    from reagroove.core.midi_write import write_loops
    from reagroove.core.groove import is_drum_part
    from reagroove.core.meter import is_plain, loops_to_bars
    from reagroove.core.midi import DEFAULT_BPM
    from reagroove.core.options import names_file
    from reagroove.core.files import check_user_data_folder
    from reagroove.core.genres import GENRES
    from reagroove.core.patterns import PatternStore, pattern_and_bars, read_input_file

    if not args.output.strip():  # Path('') is the current folder: "'.': is a folder, not a file"
        raise ReaGrooveError("-o is empty: give the output .mid file")
    out = Path(args.output)
    refuse_non_midi_output(args.output, "-o", "the path of loops is")  # -o build.wav wrote MIDI under an audio name
    if not MIN_STEPS <= args.steps <= MAX_STEPS:  # the engine's range, said as the option before the files are read
        raise ReaGrooveError(f"--steps must be from {MIN_STEPS} to {MAX_STEPS} (both ends included), got {args.steps}")
    refuse_overwriting_inputs(out, args)
    refuse_saving_settings_onto([out], args)
    replaced = refuse_writing_over_own_midi([out])
    check_writable(out)  # a read-only folder, a file in a folder's place: said now, not after the model has loaded
    # A and B: files, or (a name no file has) saved patterns and genre prototypes, as `patterns list` shows
    # them "for interpolation" and --pattern-a takes them; files are read before the model loads
    contents, ends, laid = {}, {}, {}  # laid: the bars each file's window plays (its meter's)
    # a saved pattern's name that reads as a file ('funk 4/4', 'fill.mid') is that pattern where no such file is,
    # as --pattern-a takes it: 'funk 4/4: no such file or folder' refused a pattern drumify played
    from .drummer import user_patterns_path

    saved = set(PatternStore(path=user_patterns_path()).user)
    if any(not os.path.exists(ref) and ref not in saved and ref not in GENRES for ref in (args.a, args.b)):
        check_user_data_folder()  # a saved pattern's name, unread for a $REAGROOVE_DATA that is no folder
    for key in ("a", "b"):
        ref, bar = getattr(args, key), getattr(args, f"bar_{key}")
        if os.path.exists(ref) or (names_file(ref) and ref not in saved):
            refuse_missing_windows_input(ref)
            contents[key] = read_input_file(ref, bpm=args.bpm)
            for note in getattr(contents[key], "warnings", []):
                print(f"note: {ref}: {note}", file=sys.stderr)
            ends[key], laid[key] = pattern_and_bars(contents[key], ref, bar=bar)
        elif bar is not None:
            raise ReaGrooveError(f"--bar-{key} picks the bars of a file; '{ref}' is a pattern's name (2 bars)")
    # Files in one meter (two waltzes, a waltz and a named pattern): the path is laid on that meter's bars, as
    # drumify lays its loops (a build between two 3/4 files had come back in 4/4). Files in two meters: 4/4, said.
    meter = next(iter(set(laid.values()))) if len(set(laid.values())) == 1 else None
    meter = None if meter is None or is_plain(meter) else meter
    odd = _meters_not_4_4(*contents.values())
    if odd and meter is None:  # a pattern is 2 bars of 4/4 (8 beats): say so rather than hand back 3/4 bars in 4/4
        print(f"note: A or B is in {odd}; patterns and this path are 2 bars of 4/4 (8 beats)", file=sys.stderr)
    engine = _engine(args)
    for key in ("a", "b"):
        if key not in ends:
            try:
                ends[key] = engine.patterns.get(getattr(args, key))
            except ReaGrooveError as exc:  # neither: it may be a file's name mistyped
                raise ReaGrooveError(f"{getattr(args, key)}: no such file, and {exc}") from None
    a, b = ends["a"], ends["b"]
    same = [(p.groove.tobytes(), None if p.loop is None else p.loop.tobytes()) for p in (a, b)]
    if same[0] == same[1]:  # a path of one loop said as a build ('interpolate verse.mid verse.mid'), unsaid
        hint = " (--bar-a/--bar-b pick other bars of a file)" if contents else ""
        print(f"note: A and B are the same 2 bars: every step plays one loop{hint}", file=sys.stderr)
    settings = settings_from_args(args, engine)
    unused = [name for name, given in (("fills", settings.has_fills), ("--hold", settings.hold),
                                       ("--pattern-a/-b", settings.pattern_a or settings.pattern_b),
                                       ("--follow", args.follow is not None), ("--interpolate", args.interpolate is not None),
                                       ("--no-opening-crash", args.opening_crash is False)) if given]
    if unused:  # a path between two patterns has no phrases and its own A and B: say so rather than ignore them
        verb = "does" if unused in (["--hold"], ["--follow"], ["--interpolate"], ["--no-opening-crash"]) else "do"
        print(f"note: {', '.join(unused)} {verb} not apply to interpolate (a path of loops from A to B)", file=sys.stderr)
    # two drum takes (every note on channel 10): the drum-part network walks between them
    drum_part = all(is_drum_part(contents[k].notes) if k in contents else ends[k].loop is not None for k in "ab")
    loops = engine.interpolate(a, b, args.steps, settings, drum_part=drum_part)
    bpm = args.bpm or next((contents[k].bpm for k in "ab" if k in contents), DEFAULT_BPM)
    if meter is None:
        write_loops(out, [Loop.from_hvo(h) for h in loops], bpm=bpm)
        bars, meters = [1 + 2 * i for i in range(len(loops))], None
    else:
        loops = loops_to_bars(loops, meter)
        span = sum(n * 4.0 / d for _, n, d in meter)  # beats a window plays
        write_loops(out, [Loop.from_hvo(h) for h in loops], bpm=bpm,
                    time_signatures=[(0.0, int(meter[0][1]), int(meter[0][2]))],
                    starts=[i * span for i in range(len(loops))], spans=[span] * len(loops))
        bars, meters = [1 + len(meter) * i for i in range(len(loops))], [meter] * len(loops)
    if not args.quiet:
        from reagroove.core.textroll import HITS_LEGEND, loops_roll

        said = {k: ends[k].source if k in contents else f"pattern '{ends[k].name}'" for k in "ab"}
        again = " (replacing the earlier file)" if replaced else ""
        print(f"{out}: {len(loops)} loops from {said['a']} to {said['b']}, {bpm:.4g} BPM{again}")
        if not drum_part:
            swing_note = _path_swing_note(a, b)
            if swing_note:
                print(f"  note: {swing_note}")
        # the path as drumify shows its drums: the build is read before it is dragged into the song
        if meter is not None:
            files = "A and B are" if len(laid) == 2 else f"{'A' if 'a' in laid else 'B'} is"
            print(f"  note: {files} in {meter[0][1]}/{meter[0][2]}: so is the path, {len(meter)} "
                  f"bar{'s' if len(meter) != 1 else ''} a step")
        print("\n".join(f"  {line}" for line in [HITS_LEGEND, *loops_roll(loops, bars, meters)]))
    return 0


def _path_swing_note(a, b) -> str:
    """What a path between two band parts does with their swing (core/swing.path_swings), '' where both play
    straight: a build from a straight verse to a shuffle changes its feel step by step."""
    from reagroove.core.swing import part_swing

    sa, sb = (part_swing(p.groove[None]) for p in (a, b))
    if sa is None and sb is None:
        return ""
    if sa is not None and sb is not None:
        if round(sa / 4, 2) == round(sb / 4, 2):
            return f"A and B swing (their off-beat 8ths at {sa / 4:.0%} of the beat): so does every step of the path"
        return (f"A and B swing (their off-beat 8ths at {sa / 4:.0%} and {sb / 4:.0%} of the beat): the path moves "
                "from one swing to the other")
    if sb is not None:
        return (f"B swings (its off-beat 8ths at {sb / 4:.0%} of the beat) and A plays straight: each step of the "
                "path swings a little more")
    return (f"A swings (its off-beat 8ths at {sa / 4:.0%} of the beat) and B plays straight: each step of the "
            "path swings a little less")


def _meters_not_4_4(*contents) -> str:
    """The files' meters other than 4/4 ('3/4, 6/8'; a pickup bar's aside), '' where all are 4/4."""
    from reagroove.core.groove import bar_grid

    grids = [bar_grid(c.time_signatures, c.end_beat) for c in contents]
    return ", ".join(sorted({f"{n}/{d}" for g in grids for n, d in g.meters[g.first_bar:]} - {"4/4"}))


# ---------------------------------------------------------------- patterns


def add_patterns_command(sub) -> None:
    # not only interpolate's: a saved pattern plays wherever a pattern is named
    p = sub.add_parser("patterns", help="list, show, save and remove named patterns (for --pattern-a/-b and interpolate)",
                       description="Named 2-bar patterns: the genre prototypes and those you save. Name one to "
                       "--pattern-a or --pattern-b (drumify, live, REAPER), to live's --idle-pattern, or as "
                       "interpolate's A or B.")
    psub = p.add_subparsers(dest="patterns_command", metavar="ACTION", required=True)
    # where saved patterns are kept, said by each action: a newcomer's pattern is then found again (or backed up)
    kept = "Saved patterns are kept in patterns.json in ReaGroove's user data folder ($REAGROOVE_DATA, else the " \
           "platform's own: 'reagroove patterns add' prints where)."
    psub.add_parser("list", help="the genre prototypes and your saved patterns",
                    description="List the built-in genre prototypes and the patterns you saved, with where each "
                    "came from. " + kept).set_defaults(func=run_patterns)
    show = psub.add_parser("show", help="a pattern's drums (or rhythm) as a piano roll, and where it came from",
                           description="Print a named pattern as drumify prints drums: a drum loop's voices, or a "
                           "part's rhythm (a pattern saved from a band part), and where it came from. " + kept)
    show.add_argument("name", help="a genre prototype or a pattern you saved ('reagroove patterns list' shows them)")
    show.set_defaults(func=run_patterns)
    add = psub.add_parser("add", help="save a MIDI or audio file's 2-bar window as a named pattern",
                          description="Save 2 bars of a MIDI or audio file (its first 2 with notes, or --bar) as a "
                          "named pattern for --pattern-a/-b, --idle-pattern and interpolate. A drum part is kept as "
                          "its drums, any other part as its groove. " + kept)
    add.add_argument("name", help="the name to save it under (an earlier pattern of that name is replaced)")
    add.add_argument("file", metavar="FILE", help="a MIDI or audio file (WAV/BWF, FLAC, OGG/Opus, MP3, AIFF, CAF)")
    add.add_argument("--bar", type=int, help="the 2 bars starting at this bar (default: the first 2 with notes)")
    add.add_argument("--bpm", type=tempo_bpm, help=f"tempo of an audio file, {BPM_RANGE} (default: estimated)")
    add.add_argument("--start", type=float, metavar="SECONDS", help=start_help("an audio file", drums=False))
    add.set_defaults(func=run_patterns)
    rm = psub.add_parser("remove", help="delete a saved pattern",
                         description="Delete a pattern you saved. The built-in genre prototypes stay: removing "
                         "a pattern you saved under a genre's name brings the built-in one back. " + kept)
    rm.add_argument("name", help="a pattern you saved ('reagroove patterns list' shows them)")
    rm.set_defaults(func=run_patterns)


def run_patterns(args) -> int:
    from reagroove.core.files import check_user_data_folder
    from reagroove.core.patterns import PatternStore, pattern_from_content, read_input_file
    from reagroove.core.textroll import VOICE_WIDTH, groove_row, loop_rows

    from .drummer import genre_prototypes, user_patterns_path

    check_user_data_folder()
    store = PatternStore(genre_prototypes(), user_patterns_path())
    if store.damaged:  # what is asked here is that file: said as the error (drumify goes on without it)
        raise ReaGrooveError(store.damaged)
    if args.patterns_command == "add":
        if not args.name.strip():
            raise ReaGrooveError("a pattern needs a name: reagroove patterns add NAME FILE")
        refuse_missing_windows_input(args.file)
        content = read_input_file(args.file, args.bpm, args.start, for_drums=False)  # a pattern: no drums made
        pattern = pattern_from_content(content, args.file, args.name.strip(), args.bar)
        notes = [*content.warnings, audio_options_note(args.file, args)]
        odd = _meters_not_4_4(content)
        if odd:  # it is laid on a song's bars beat by beat: 8 beats of a waltz are not 2 of its bars
            notes.append(f"the file is in {odd}; a pattern is 8 quarter-note beats (2 bars of 4/4), not 2 of its bars")
        silent = [k for k, steps in (("first", slice(0, 16)), ("second", slice(16, 32)))
                  if not pattern.groove[steps, 0].any()]
        if silent and not odd:  # `--bar 12` of a 12-bar song was saved as one bar and a rest, unsaid
            notes.append(f"the {silent[0]} of its 2 bars holds no notes: the pattern is one bar played and one of "
                         "rest")
        for note in filter(None, notes):
            print(f"note: {note}", file=sys.stderr)
        earlier = store.user.get(pattern.name)
        store.add(pattern)
        print(f"saved pattern '{pattern.name}' ({pattern.source}) in {store.path}")
        # a name already taken is replaced: said, so a pattern saved earlier is not lost unseen
        if earlier is not None:
            print(f"note: it replaces your pattern '{pattern.name}' ({earlier.source})", file=sys.stderr)
        elif pattern.name in store.defaults:
            print(f"note: it stands in for the built-in '{pattern.name}' pattern "
                  f"('reagroove patterns remove {pattern.name}' brings that back)", file=sys.stderr)
        if pattern.loop is not None:  # a drum loop: its voices
            rows = loop_rows(pattern.loop)
        else:
            rows = [f"{'groove':<{VOICE_WIDTH}} {groove_row(pattern.groove)[0]}"]
        print("\n".join(f"  {row}" for row in rows))
    elif args.patterns_command == "show":
        _show_pattern(store, args.name.strip())
    elif args.patterns_command == "remove":
        name = args.name.strip()  # as `add` saved it
        if name not in store.user and name in store.defaults:  # not 'no saved pattern named funk': it is listed
            raise ReaGrooveError(f"'{name}' is a built-in pattern: only your saved patterns can be removed")
        store.remove(name)
        back = f" (the built-in '{name}' is back)" if name in store.defaults else ""
        print(f"removed pattern '{name}'{back}")
    else:
        for name in store.names():
            p = store.get(name)
            kind = "yours" if name in store.user else "built in"
            # a drum loop's drum hits (its voices' notes, as its chart shows them); a part's notes on the grid
            count = f"{int((p.loop[:, :9] > 0.5).sum()):2d} drum hits" if p.loop is not None else \
                f"{int(p.groove[:, 0].sum()):2d} steps played"
            print(f"{name:<16} {count:<14}  {kind:<8}  {p.source}")
    return 0


def _show_pattern(store, name: str) -> None:
    """A pattern as it plays at --follow 0 (pattern_hits.py): its drum loop's voices on 2 bars of 4/4, or a part's
    rhythm where it was saved from a band part (the drums are then drumify's for that rhythm), and its source."""
    from reagroove.core.textroll import HITS_LEGEND, VOICE_WIDTH, groove_row, loop_rows, swing_legend

    pattern = store.get(name)  # an unknown name: one line, with the names there are
    kind = "yours" if name in store.user else "built in"
    if pattern.loop is not None:
        what = f"{int((pattern.loop[:, :9] > 0.5).sum())} drum hits"
        rows = [*swing_legend([pattern.loop]), *loop_rows(pattern.loop)]
    else:
        what = f"a part's rhythm, {int(pattern.groove[:, 0].sum())} steps played (drumify plays drums to it)"
        rows = [f"{'groove':<{VOICE_WIDTH}} {groove_row(pattern.groove)[0]}"]
    print(f"{pattern.name}: {what}, 2 bars of 4/4, {kind}: {pattern.source}")
    print("\n".join(f"  {row}" for row in [HITS_LEGEND, *rows]))


# ---------------------------------------------------------------- train
