"""What a built wheel of ReaGroove holds: every subpackage and every shipped data file (pyproject.toml lists
them by hand; a folder or a weights file it misses works in the editable set-up and is gone from a wheel)."""

import fnmatch
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
FOLDERS = CONFIG["package-dir"]  # "reagroove.core" -> "core", ...


def folder_of(package: str) -> Path:
    for name, folder in sorted(FOLDERS.items(), key=lambda kv: -len(kv[0])):
        if package == name or package.startswith(name + "."):
            return ROOT / folder / package[len(name):].lstrip(".").replace(".", "/")
    raise AssertionError(f"{package} is under no package-dir entry")


def test_every_python_package_folder_is_listed():
    listed = {folder_of(p).resolve() for p in CONFIG["packages"]}
    found = {init.parent.resolve() for folder in FOLDERS.values() for init in (ROOT / folder).rglob("__init__.py")}
    assert found - listed == set(), "folders a wheel would leave out"


@pytest.mark.parametrize("package, folder", [("reagroove.models", "weights"), ("reagroove.core", "examples")])
def test_every_shipped_data_file_is_in_the_package_data(package, folder):
    globs = CONFIG["package-data"][package]
    base = folder_of(package)
    files = [f.relative_to(base).as_posix() for f in (base / folder).rglob("*") if f.is_file()]
    assert files and all(any(fnmatch.fnmatch(f, g) and f.count("/") == g.count("/") for g in globs) for f in files), files
