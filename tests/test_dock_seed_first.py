"""A narrow docker's message line leads with the seed where the run wrote drums (each Dice press its own), but not
where it wrote nothing: "Drumify: seed N,…" had hidden "nothing written" behind the press before's seed (review V4)."""

from reagroove.reaper_ext.dock.results import seed_first


def test_a_line_that_wrote_drums_leads_with_its_seed():
    assert seed_first("Drumify: wrote 8 drum items, seed 1753473788; bars 5-8") == \
        "Drumify: seed 1753473788, wrote 8 drum items; bars 5-8"


def test_a_line_that_wrote_nothing_keeps_nothing_written_first():
    line = "Drumify: nothing written, seed 1047024300; drums already written for these settings"
    assert seed_first(line) == line
