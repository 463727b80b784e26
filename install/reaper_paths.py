"""Finding REAPER's resource folder, the Python library REAPER should load, and the venv's own paths."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

from reaper_files import InstallError

# How a user finds the folder to give: REAPER's own menu item opens it.
WHERE = "REAPER's Options > Show REAPER resource path in explorer/finder opens it"
# What to do when REAPER could not load this Python: the venv made again from one that it can.
REMAKE = ("make .venv again with a Python that has one (python.org's, Homebrew's and most Linux distributions' "
          "do; pyenv's when built with PYTHON_CONFIGURE_OPTS=--enable-shared): delete .venv, run the set-up with "
          "that Python (PYTHON=/path/to/python3 bash install/setup.sh; on Windows C:\\path\\to\\python "
          "install\\setup.py), then this again")

# What a producer may give for a portable REAPER's folder: the program in it. (A file named reaper.ini is
# refused as a file: given where the folder is asked for, it is more likely a mistake than a shortcut.)
REAPER_ITSELF = {"reaper.exe", "reaper.app", "reaper64.app", "reaper"}


def candidate_resource_dirs(platform: str = sys.platform, env=os.environ, home: str | None = None) -> list[Path]:
    """Where REAPER keeps its resource folder for a normal (not portable) install."""
    home = home or os.path.expanduser("~")
    if platform == "win32":
        return [Path(env["APPDATA"]) / "REAPER"] if env.get("APPDATA") else []
    if platform == "darwin":
        return [Path(home) / "Library" / "Application Support" / "REAPER"]
    # Linux: ~/.config/REAPER. Whether REAPER follows $XDG_CONFIG_HOME is not documented; look there first.
    dirs = []
    if env.get("XDG_CONFIG_HOME"):
        dirs.append(Path(env["XDG_CONFIG_HOME"]) / "REAPER")
    dirs.append(Path(home) / ".config" / "REAPER")
    return dirs


def find_resource_dir(given: str | None) -> Path:
    if given is not None and not given.strip():  # `--resource-path "$DIR"` with DIR unset: never the default one
        raise InstallError(f"--resource-path is empty: give REAPER's resource folder ({WHERE})")
    if given:
        path = Path(given).expanduser()
        if given.endswith('"') and not path.exists() and Path(given[:-1]).expanduser().is_dir():
            # Windows: `--resource-path "C:\Program Files\REAPER\"` (PowerShell completes a folder so) reaches
            # Python as C:\Program Files\REAPER", the quote taken as escaped by the backslash before it.
            path = Path(given[:-1]).expanduser()
        if path.name.lower() in REAPER_ITSELF and (path.parent / "reaper.ini").is_file():
            path = path.parent  # a portable REAPER's program, dragged in: the folder it is in
        program = program_said(path)
        if program is not None:
            # (a portable REAPER never started has no reaper.ini yet and looks the same: said too)
            raise InstallError(f"{program}, not its resource folder (where REAPER keeps its settings and scripts): "
                               f"{resource_dir_hint()} (a portable REAPER not started yet: start it once, then "
                               "give its folder again)")
        if path.exists() and not path.is_dir():
            inside = f": give the folder it is in, {path.parent}" if path.name.lower() == "reaper.ini" else ""
            raise InstallError(f"{path} is a file: --resource-path takes REAPER's resource folder{inside} ({WHERE})")
        if not path.is_dir():
            raise InstallError(f"no REAPER resource folder at {path} (no such folder; {WHERE})")
        # A folder inside the resource folder (Scripts, Scripts/ReaGroove: what a file manager shows after
        # browsing in): "start REAPER once with it" would be wrong advice; the folder to give is above it.
        above = next((p for p in list(path.absolute().parents)[:2] if (p / "reaper.ini").is_file()), None)
        if above is not None and not (path / "reaper.ini").is_file():
            raise InstallError(f"{path} is a folder inside REAPER's resource folder: give {above} itself")
        if not (path / "reaper.ini").is_file() and (path / "REAPER" / "reaper.ini").is_file():
            # the folder above it (~/.config, %APPDATA%, Application Support): what a file manager shows first
            raise InstallError(f"{path} is the folder above REAPER's resource folder: give {path / 'REAPER'} itself "
                               f"({WHERE})")
        if not (path / "reaper.ini").is_file():
            raise InstallError(f"{path} is not a REAPER resource folder (no reaper.ini): start REAPER once with it, "
                               f"or give another folder ({WHERE})")
        return path.absolute()
    candidates = candidate_resource_dirs()
    for path in candidates:
        if (path / "reaper.ini").is_file():
            return path.absolute()
    looked = ", ".join(str(p) for p in candidates) or "(APPDATA is not set)"
    raise InstallError(
        f"no REAPER resource folder found (looked in {looked}): start REAPER once, "
        f"or give the folder with --resource-path DIR ({WHERE}; a portable install keeps it beside REAPER)"
    )


def is_program(path: Path) -> bool:
    """REAPER's program itself: reaper.exe, the Linux `reaper`, REAPER.app (a folder on macOS)."""
    name = path.name.lower()
    return name in REAPER_ITSELF and (path.suffix.lower() == ".app" and path.is_dir() or path.is_file())


def program_said(path: Path) -> str | None:
    """`path` said as REAPER's program, or the folder of one installed as usual (not portable: no reaper.ini beside
    it: reaper.exe, C:\\Program Files\\REAPER (x64), REAPER.app, /opt/REAPER), else None. "Start REAPER once with
    it" is wrong advice there: REAPER keeps its resource folder elsewhere."""
    folder = path.parent if is_program(path) else path
    try:
        holds_program = folder.is_dir() and any(is_program(child) for child in folder.iterdir())
    except OSError:  # a folder it may not list: not one it can tell
        return None
    if not holds_program or (folder / "reaper.ini").exists():
        return None
    return f"{path} is REAPER's program" if is_program(path) else f"{path} is the folder of REAPER's program"


def resource_dir_hint() -> str:
    """Where this OS's REAPER keeps its resource folder, as a next step: found (run without --resource-path), or
    how to find it."""
    found = next((p for p in candidate_resource_dirs() if (p / "reaper.ini").is_file()), None)
    if found is not None:
        return f"it is {found} here: run this again without --resource-path"
    return f"start REAPER once, then {WHERE}"


def python_library(platform: str = sys.platform, config_var=sysconfig.get_config_var,
                   base_prefix: str = sys.base_prefix, version=sys.version_info,
                   exists=os.path.isfile) -> tuple[str, str]:
    """(folder, file name) of the Python shared library REAPER should load: the running interpreter's own.

    REAPER's ReaScript preferences take the two separately ("Custom path to
    Python dll directory", "Force ReaScript to use specific Python .dll").
    """
    major, minor = version[0], version[1]

    def cfg(name: str) -> str:
        return config_var(name) or ""

    candidates: list[tuple[str, str]] = []
    if platform == "win32":
        # python3XX.dll sits beside python.exe in the base installation (a venv has no copy of it).
        name = f"python{major}{minor}.dll"
        candidates = [(base_prefix, name), (os.path.join(base_prefix, "DLLs"), name)]
    elif platform == "darwin":
        libdir, framework_dir = cfg("LIBDIR"), cfg("PYTHONFRAMEWORKINSTALLDIR")
        dylib = f"libpython{major}.{minor}.dylib"
        candidates = [(libdir, dylib)]
        if cfg("LDLIBRARY").endswith(".dylib"):
            candidates.append((libdir, os.path.basename(cfg("LDLIBRARY"))))
        if framework_dir:  # a framework build: lib/libpython3.X.dylib links to the framework's Python binary
            candidates += [(os.path.join(framework_dir, "lib"), dylib), (framework_dir, cfg("PYTHONFRAMEWORK") or "Python")]
    else:
        if not str(cfg("Py_ENABLE_SHARED")) == "1":
            raise InstallError(f"this Python ({sys.executable}) has no shared libpython (built without "
                               f"--enable-shared): REAPER cannot load it; {REMAKE}")
        names = [n for n in (cfg("LDLIBRARY"), cfg("INSTSONAME")) if n and not n.endswith(".a")]
        dirs = [cfg("LIBDIR"), os.path.join(cfg("LIBDIR"), cfg("MULTIARCH")) if cfg("MULTIARCH") else "",
                cfg("LIBPL"), os.path.join(base_prefix, "lib")]
        candidates = [(d, n) for d in dirs if d for n in names]
    for folder, name in candidates:
        if folder and name and exists(os.path.join(folder, name)):
            return folder, name
    looked = ", ".join(os.path.join(f, n) for f, n in candidates if f and n)
    raise InstallError(f"cannot find this Python's shared library for REAPER (looked for {looked or 'nothing'}); "
                       + REMAKE.replace("one (", "a shared library (", 1))


def venv_paths() -> dict:
    """The interpreter running this script, its `reagroove` executable and site-packages (not resolved: a
    venv's python is a link to the base interpreter, and resolving it would leave the venv)."""
    python = os.path.abspath(sys.executable)
    folder = os.path.dirname(python)
    exe = os.path.join(folder, "reagroove.exe" if os.name == "nt" else "reagroove")
    if not os.path.isfile(exe):
        raise InstallError(
            f"no `reagroove` executable beside {python}: run this with the interpreter of ReaGroove's virtual "
            "environment (.venv/bin/python install/reaper.py; on Windows .venv\\Scripts\\python install\\reaper.py), "
            "after the set-up (install/setup.sh, on Windows py install\\setup.py)"
        )
    paths = sysconfig.get_paths()
    site_dirs = list(dict.fromkeys(p for p in (paths.get("purelib"), paths.get("platlib")) if p))
    return {"python": python, "reagroove": exe, "site_dirs": site_dirs}
