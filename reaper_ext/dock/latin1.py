"""ReaImGui before 0.10 and the panel's words: Latin-1 only (its default font), so they are given in Latin-1 there."""

from __future__ import annotations

# ReaImGui before 0.10 draws with Dear ImGui's default font, which has Latin-1's glyphs only: any other character
# showed as "?" ("A ? B", "?item", "Full editor?"). There, the panel's words are given in Latin-1.
LATIN1 = str.maketrans({"↔": "<->", "←": "<-", "→": "->", "…": "...", "–": "-", "—": "-", "‘": "'", "’": "'",
                        "“": '"', "”": '"'})


def latin1_font(ig) -> bool:
    """Whether this ReaImGui draws Latin-1 only (before 0.10; also when its version cannot be read)."""
    try:
        version = str(ig.GetVersion()[2])  # (imgui_version, imgui_version_num, reaimgui_version)
        return tuple(int(n) for n in version.split(".")[:2]) < (0, 10)
    except Exception:  # noqa: BLE001 - unknown: Latin-1 is drawn right by every version
        return True


class Latin1Binding:
    """The ReaImGui binding with every text it is given translated to Latin-1 (labels, tooltips, formats)."""

    def __init__(self, ig):
        self._ig = ig

    def __getattr__(self, name):
        fn = getattr(self._ig, name)
        if callable(fn):
            def call(*args, _fn=fn):
                return _fn(*(a.translate(LATIN1) if isinstance(a, str) else a for a in args))
            fn = call
        setattr(self, name, fn)  # looked up once
        return fn
