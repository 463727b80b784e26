"""The `reagroove groove` command: a file's groove per 2-bar window, printed as a chart with a timing row under it
(and written as JSON). Registered from core/cli.py (pyproject's entry point names it there)."""

from __future__ import annotations

import json

from .errors import ReaGrooveError


def add_groove_command(sub) -> None:
    from .options import BPM_RANGE, add_audio_meter_options, bar_range, start_help, tempo_bpm

    p = sub.add_parser(
        "groove",
        help="print the groove of a MIDI or audio file, per 2-bar window",
        description="Flatten every note of a MIDI file (any instrument), or an audio file's onsets, to the 16th-note "
        "groove ReaGroove follows. Drums (MIDI channel 10) are shown one row per voice.",
    )
    p.add_argument("file", help="a Standard MIDI File, or an audio file (WAV/BWF, FLAC, OGG/Opus, MP3, AIFF, CAF)")
    p.add_argument("--bpm", type=tempo_bpm, help=f"tempo of an audio file, {BPM_RANGE} (default: estimated)")
    p.add_argument("--start", type=float, metavar="SECONDS", help=start_help("an audio file", drums=False))
    add_audio_meter_options(p, "an audio file")
    p.add_argument("--bars", type=bar_range, metavar="FIRST-LAST", help="only these bars (e.g. 5-12; 5- is bar 5 to the end, -8 bars 1 to 8; default: every bar)")
    p.add_argument("--flat-velocity", action="store_true", help="ignore velocity: every hit equal")
    p.add_argument("--quantize", action="store_true", help="ignore micro-timing: offsets 0")
    p.add_argument("--drum-map", metavar="FILE", help="a drum map (JSON/TOML) to read drum voices with (default General MIDI)")
    p.add_argument("--json", metavar="OUT.json", help="also write the grooves as JSON")
    p.add_argument("--quiet", action="store_true", help="print nothing (the grooves, notes and the JSON file written)")
    p.set_defaults(func=run_groove)


def run_groove(args) -> int:
    from .drummap import load_drum_map
    from .groove import bar_grid, extract_windows
    from .options import audio_meter_of, audio_options_note
    from .option_paths import (refuse_missing_windows_files, refuse_missing_windows_input, refuse_non_json_output,
                               refuse_overwriting_inputs, refuse_writing_over_other_kind)
    from .patterns import read_input_file
    from .textroll import LEGEND

    refuse_missing_windows_input(args.file)
    refuse_missing_windows_files(args)
    if args.drum_map:  # checked up front: a file without drums (or --quiet) never reads it, and a typo went unsaid
        load_drum_map(args.drum_map)
    if args.json:  # before a long audio file is read: an input, a folder it cannot write, a MIDI file's name
        from .files import check_writable

        refuse_overwriting_inputs(args.json, args)
        check_writable(args.json)
        refuse_non_json_output(args.json, "--json")
        refuse_writing_over_other_kind(args.json, "groove", "--json")
    content = read_input_file(args.file, bpm=args.bpm, start=args.start, time_signature=audio_meter_of(args),
                              for_drums=False)  # it prints the audio's bar 1: no drums are made
    if note := audio_options_note(args.file, args):
        content.warnings.append(note)
    if len(content.notes) == 0:
        raise ReaGrooveError(f"{args.file}: file has no notes")
    try:
        wins = extract_windows(content, bars=args.bars, use_velocity=not args.flat_velocity, use_timing=not args.quantize,
                               drums=False)  # it prints the input's groove: its notes say nothing of drums
    except ValueError as exc:
        raise ReaGrooveError(f"{args.file}: {exc}") from None
    notes_for = "notes" if len(content.notes) != 1 else "note"
    said = [f"{n}/{d}" for _, n, d in content.time_signatures]
    if len(said) > 1 and bar_grid(content.time_signatures, content.end_beat).first_bar == 1:
        said[0] += " (a pickup bar)"  # the bar numbering's pickup ("1/4, 3/4" had read as two meters)
    sigs = ", ".join(m for i, m in enumerate(said) if i == 0 or m != said[i - 1])  # a repeated one is no change
    if not args.quiet:
        print(f"{args.file}: {len(content.notes)} {notes_for}, {content.bpm:.4g} BPM, {sigs}, {len(wins)} window{'s' if len(wins) != 1 else ''}{_window_bars(content, wins)}")
        for msg in content.warnings + wins.messages:
            print(f"  note: {msg}")
        print(f"  {LEGEND}")
        for line in _swung_said(wins):
            print(f"  {line}")
        for line in _groove_roll(content, wins, args):
            print(line)
    if args.json:
        from .files import atomic_write_text

        doc = {
            "file": str(args.file),
            "bpm": content.bpm,
            "tempos": [{"beat": b, "bpm": t} for b, t in content.tempos],
            "time_signatures": [{"beat": b, "numerator": n, "denominator": d} for b, n, d in content.time_signatures],
            "messages": content.warnings + wins.messages,
            "windows": [
                {
                    "bar": int(bar),
                    "start_beat": float(start),
                    "notes": int(count),
                    "groove": [[round(float(x), 5) for x in step] for step in groove],
                }
                for start, bar, groove, count in zip(wins.starts, wins.bars, wins.grooves, wins.note_counts)
            ],
        }
        atomic_write_text(args.json, json.dumps(doc, indent=1) + "\n")
        if not args.quiet:
            print(f"wrote {args.json}")
    return 0


def _window_bars(content, wins) -> str:
    """' of 2 bars', or what a window holds in the file's meter (' of 1 bar' in 12/8, ' of 4 bars' in 2/4); ''
    where windows differ (a meter change, a bar longer than a window): '4 windows of 2 bars' was said of any."""
    if all((n, d) == (4, 4) for _, n, d in content.time_signatures):
        return " of 2 bars"
    played = [int(b) for b in wins.bars if b > 0]  # a pickup's window (bar 0) holds part of a bar
    steps = {later - first for first, later in zip(played, played[1:])}
    if len(steps) != 1 or 0 in steps:
        return ""
    k = steps.pop()
    return f" of {k} bar{'s' if k != 1 else ''}"


def _swung_said(wins) -> list[str]:
    """The swung-8ths legend where the groove is swung (drumify's charts say it): a shuffle's off-beat 8ths, drawn on
    each beat's 'a' and marked early, had read as rushed 16ths; and where the timing row marks them against the
    part's swing (_timing_against_swing), that."""
    import numpy as np

    from .loop import HVO_WIDTH, N_VOICES
    from .swing import swing_of
    from .textroll import swing_legend

    loops = np.zeros((len(wins.grooves), wins.grooves.shape[1], HVO_WIDTH), np.float32)
    loops[..., 0::N_VOICES] = wins.grooves  # (the groove as one voice: hit, velocity, offset)
    swing = swing_of(wins.grooves) if len(wins.grooves) else None
    against = [] if swing is None else [
        f"timing of swung 8ths: against the part's own swing ({swing / 4:.0%} of the beat): '.' on it, '>' behind "
        "it, '<' ahead of it"]
    return swing_legend(loops) + against


def _timing_against_swing(grooves):
    """The grooves with their swung notes' offsets measured from the part's own swing (swing.swing_of) rather than
    from the 16th each is drawn on: a shuffle's off-beat 8th, LATE on the "and", sits early on the beat's 'a', and
    every one of them had been marked '<' (early) in the timing row. The middle note of a part in triplets (late on
    the 'e') likewise. A straight part's grooves are returned as they are."""
    import numpy as np

    from .loop import STEPS, STEPS_PER_BEAT
    from .swing import SWUNG_EARLY, TRIPLET_LATE, swing_of

    swing = swing_of(grooves) if len(grooves) else None
    if swing is None:
        return grooves
    out = np.array(grooves, np.float32, copy=True)
    in_beat = np.arange(STEPS) % STEPS_PER_BEAT
    hit, off = out[..., 0] > 0, out[..., 2]
    # only where the beat's "and" is empty: a beat of 16ths is straight wherever it is in the song, and its 'a'
    # played early is rushed (a song swung in its verse had marked its chorus's rushed 16ths late)
    and_played = np.roll(hit, 1, axis=-1) & (in_beat == 3) | np.roll(hit, -1, axis=-1) & (in_beat == 1)
    swung = hit & (in_beat == 3) & (off <= -SWUNG_EARLY) & ~and_played
    off[swung] -= float(swing) - 3  # the swung 8th's place, in 16ths from the 'a' (a triplet shuffle's: -1/3)
    if swing.triplets:
        middle = hit & (in_beat == 1) & (off >= TRIPLET_LATE) & ~and_played
        off[middle] -= float(swing) / 2 - 1  # the triplet's middle note, halfway to the swung 8th
    return out


def _groove_roll(content, wins, args) -> list[str]:
    """Per window: its groove row, or with drums (channel 10) one row per voice (and the groove of all
    parts); then its timing row."""
    from .constants import DRUM_CHANNEL
    from .drummap import GM_DRUM_MAP, load_drum_map
    from .groove import FLAT_VELOCITY, loops_from_notes
    from .loop import N_VOICES
    from .textroll import VOICE_WIDTH, groove_row, labelled, loop_rows, shown_steps, window_labels

    is_drum = content.notes.channel == DRUM_CHANNEL
    drums = content.notes.select(is_drum)
    loops = None
    if len(drums):
        drum_map = load_drum_map(args.drum_map) if args.drum_map else GM_DRUM_MAP
        loops, unmapped = loops_from_notes(drums, wins.starts, drum_map)
        if args.flat_velocity:
            loops[:, :, N_VOICES : 2 * N_VOICES] = (loops[:, :, :N_VOICES] > 0) * FLAT_VELOCITY
    lines = []
    if len(drums) and unmapped:  # a kit on other pitches: say why its rows are missing and how to read them
        lines.append(f"  note: {unmapped} drum note{'s' if unmapped != 1 else ''} (MIDI channel 10) outside the drum map "
                     "not shown as voices: read them with --drum-map FILE")
    labels = window_labels(wins.bars)
    width = max([8, *map(len, labels)])
    against = _timing_against_swing(wins.grooves)  # a shuffle's timing row: '.' where it swings as it does
    for i, (label, groove, count) in enumerate(zip(labels, against, wins.note_counts)):
        meter = wins.meters[i] if wins.meters else None  # bar lines where the song's bars are
        hits, timing = groove_row(groove, meter)
        hits_n = int(groove[shown_steps(meter), 0].sum())  # the hits shown: not the next bar's a 3/4 window reaches
        extra = f"{hits_n:2d} hit{'s' if hits_n != 1 else ''}" if count else "empty"
        indent = ""
        if loops is not None and loops[i, :, :N_VOICES].any():
            rows = loop_rows(loops[i], meter)
            if not is_drum.all():  # other parts too: the whole groove ReaGroove follows, under the drums
                rows.append(f"{'groove':<{VOICE_WIDTH}} {hits}")
            lines += labelled(label, [rows[0] + f" {extra}", *rows[1:]], width)
            indent = " " * (VOICE_WIDTH + 1)  # the timing row under the voice rows' steps
        else:
            lines.append(f"{label:>{width}} {hits} {extra}")
        if count:
            lines.append(f"{'':>{width}} {indent}{timing}")
    return lines
