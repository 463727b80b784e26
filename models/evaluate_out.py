"""The `reagroove evaluate` --out folder: checked before the run, an earlier run's report replaced as a whole.

The files a run writes there: report.md, results.json and (without --no-plots) PLOTS. Before anything is read,
the folder must be writable and hold no report.md or results.json that evaluate did not write (a user's own
notes named so had been replaced unsaid); an earlier run's are said as replaced. Only once everything is scored
and drawn are the files written, each atomically, the plots first and report.md last, so a run stopped or failed
leaves the earlier report whole (a run killed between those writes can leave it beside this run's pictures); a
picture of the user's own under a plot's name is never replaced; an earlier run's plots that
this run does not draw (--no-plots) are taken away: a new report had stood beside the old run's pictures.
"""

from __future__ import annotations

import json
from pathlib import Path

from reagroove.core.errors import OutputFileError, ReaGrooveError
from reagroove.core.files import check_writable

REPORT, RESULTS = "report.md", "results.json"
PLOTS = ("voice_f1.png", "genre_f1.png", "features.png")
REPORT_TITLE = "# Drum generator evaluation"  # the first line of every report.md evaluate writes


def _ours(path: Path) -> bool:
    """Whether `path` is a report.md or results.json an evaluate run wrote (by its first line, its keys)."""
    try:
        if path.name == REPORT:
            with open(path, encoding="utf-8", errors="replace") as fh:
                return fh.readline().startswith(REPORT_TITLE)
        doc = json.loads(path.read_text(encoding="utf-8"))
        return isinstance(doc, dict) and {"info", "results"} <= doc.keys()
    except (OSError, ValueError):
        return False


def check_out_folder(out: str | Path) -> str | None:
    """OutputFileError, before anything is read, where --out cannot take this run's files; the note to say where
    it holds an earlier run's report, which the run replaces when done (None where it holds none)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputFileError(out, "a file, not a folder: give --out a folder for report.md and the plots")
    for name in (REPORT, RESULTS):
        there = out / name
        if there.is_dir():
            raise OutputFileError(there, "is a folder, not a file: give --out another folder")
        if there.exists() and not _ours(there):
            raise OutputFileError(there, f"not a report of 'reagroove evaluate' (your own {name}?): not written "
                                         "over; give --out another folder")
    drawn = {p.name for p in earlier_plots(out)}
    for name in PLOTS:  # a picture of the user's own named so (not one an earlier report shows) is never replaced
        there = out / name
        if there.exists() and name not in drawn:
            raise OutputFileError(there, "not a plot of an earlier 'reagroove evaluate' report here (your own "
                                         f"{name}?): not written over; give --out another folder")
    try:  # a read-only folder: said now, not after the minutes of the run
        check_writable(out / REPORT)
    except OutputFileError as exc:  # said of the folder, not of a file in it
        problem = exc.problem.removeprefix("cannot write here: ")
        raise OutputFileError(out, f"cannot write the report here: {problem}; give --out another folder") from None
    if not (out / REPORT).is_file():
        return None
    return (f"{out} holds an earlier evaluation's {REPORT}: this run replaces it, its {RESULTS} and plots when done "
            "(Ctrl-C now and give --out another folder to keep them)")


def check_plotting(no_plots: bool) -> None:
    """The plots need matplotlib (the 'model' extra beside torch): a missing one is said before the run, not as a
    traceback at its end, after the minutes of scoring."""
    if no_plots:
        return
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ReaGrooveError("matplotlib is not installed: the plots need it (pip install 'reagroove[model]'), or "
                             "give --no-plots") from None


def earlier_plots(out: str | Path) -> list[Path]:
    """The plots in `out` that its earlier report.md shows (files an evaluate run drew), read before it is replaced."""
    report = Path(out) / REPORT
    if not report.is_file() or not _ours(report):
        return []
    try:
        text = report.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [Path(out) / p for p in PLOTS if f"]({p})" in text and (Path(out) / p).is_file()]


def remove_stale_plots(stale: list[Path], drawn: list[str]) -> list[str]:
    """Take away the earlier run's plots this run did not draw; returns their names."""
    gone = []
    for path in stale:
        if path.name not in drawn:
            try:
                path.unlink()
            except OSError:  # it stays; the new report does not show it
                continue
            gone.append(path.name)
    return gone


__all__ = ["check_out_folder", "check_plotting", "earlier_plots", "remove_stale_plots", "PLOTS", "REPORT", "RESULTS"]
