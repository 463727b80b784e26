"""`drumify --variations N` prints each version's drums, each under its file's name: the chart showed version 1
alone, so the other versions were heard only once imported."""

from __future__ import annotations

from pathlib import Path

from test_cli import stub_engine  # noqa: F401  (the CLI on the stand-in model)

from reagroove.core.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "core" / "examples" / "funk_bass.mid"


def test_every_version_is_charted_under_its_file(stub_engine, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "drums.mid"
    assert main(["drumify", str(EXAMPLE), "-o", str(out), "--variations", "3", "--bars", "1-4"]) == 0
    text = capsys.readouterr().out
    for k in (1, 2, 3):
        assert f"version {k} (drums_v{k}.mid):" in text
    assert text.count("'-' rest") == 1  # the legend once
    charts = text.split("version ")[1:]
    assert all("kick" in chart for chart in charts)


def test_one_version_is_charted_as_before(stub_engine, tmp_path, capsys):  # noqa: F811
    assert main(["drumify", str(EXAMPLE), "-o", str(tmp_path / "d.mid"), "--bars", "1-4"]) == 0
    text = capsys.readouterr().out
    assert "version 1 (" not in text and "kick" in text
