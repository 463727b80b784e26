"""The editor drums a whole part again on every setting change, so a part's heard form (its comebacks and
sections) is kept for the last parts: what it gives must be what hearing the part afresh gives, for each part."""

from stub_model import StubModel
from test_sections_band_breaks import song

from reagroove.core import phrases, read_midi
from reagroove.core.engine import Engine
from reagroove.core.settings import Settings


def test_a_part_drummed_again_hears_the_same_sections_and_another_part_its_own(make_midi, monkeypatch):
    verse_chorus = read_midi(make_midi(song([*range(1, 9), *range(17, 25)], range(9, 17))))
    all_verse = read_midi(make_midi(song(range(1, 25), ())))
    engine = Engine(StubModel())
    monkeypatch.setattr(phrases, "_FORMS", {})  # the forms other tests heard in this process are not this test's
    heard = []
    hear = phrases.heard_sections
    monkeypatch.setattr(phrases, "heard_sections", lambda *a, **k: heard.append(1) or hear(*a, **k))
    first = engine.drumify(verse_chorus, Settings())
    assert 9 in first.section_bars and len(heard) == 1
    other = engine.drumify(all_verse, Settings())
    assert 9 not in other.section_bars and len(heard) == 2
    for density in (0.1, 0.3):  # a slider moved: the same form, not heard again
        again = engine.drumify(verse_chorus, Settings(density=density))
        assert again.section_bars == first.section_bars
    assert len(heard) == 2
