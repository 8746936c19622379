"""The forms the citation survey found unread (tests/fixtures/citation_forms_survey.jsonl), generated over the whole
Act and a regulation of the library: each citation built from a unit reads back to that unit, and random text
around one never raises."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.ids import section_sort_key
from alinea.model import Corpus
from graph.cite import SOURCES, Index, find_citations, may_cite, may_hold_citations, read
from tests.law_graph_data import act

ROOT = Path(__file__).resolve().parent.parent
REGULATION = ROOT / "tests" / "library" / "legisquebec" / "S-2.1-r9.fr.html"
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def regulation():
    from ingest.legisquebec_html import read_legisquebec_html

    return read_legisquebec_html(str(REGULATION))[0]


@lru_cache(maxsize=1)
def index() -> Index:
    """The Act and S-2.1, r. 9 (a regulation with chapters, sections, subsections and schedules)."""
    return Index.build(Corpus((act(), regulation())))


SECTIONS = [s for s in act().sections if s.status == "in force"]
FIRST_PARAGRAPH_ITEMS = [u.id for s in SECTIONS for u in s.walk() if u.id.split("/")[2] == "p1" and u.id.count("/") >= 3
                         and "/q" not in u.id]


def _labels(unit: str) -> str:
    return "".join(f"({label})" for label in unit.split("/")[3:])


@SETTINGS
@given(st.sampled_from(FIRST_PARAGRAPH_ITEMS + [s.id for s in SECTIONS]),
       st.sampled_from(["s {n}", "sec {n}", "sect. {n}", "Sect. {n}", "CQLR c A-13.1.1, s {n}", "RLRQ, c. A-13.1.1, art {n}",
                        "IFAA, s {n}", "LAPF, art. {n}", "{n} LAPF", "{n} IFAA", "s {n} IFAA", "art {n} LAPF",
                        "SQ 2005, c 15, s {n}", "L.Q. 2005, c. 15, art. {n}", "S.Q. 2005, c. 15, s. {n}",
                        "section {n} of A-13.1.1", "l'article {n} de la Loi sur l'aide aux personnes et aux familles, RLRQ, c. A-13.1.1"]))
def test_mcgill_tribunal_and_email_forms_read_the_unit_built(unit, form):
    """McGill's undotted abbreviations, a section number led citation with its act, the annual statute that enacted
    the Act (each of these sections' history begins with 2005, c. 15 and its own number), an act by its chapter."""
    section = unit.split("/")[1]
    if "2005" in form and not _enacted_as_itself(section):
        return
    typed = form.format(n=section + _labels(unit))
    assert read(typed, index()).targets == (unit,), typed


def _enacted_as_itself(number: str) -> bool:
    history = act().section(number).history
    return bool(history) and history[0].raw == f"2005, c. 15, s. {number}"


@SETTINGS
@given(st.data(), st.sampled_from(["ss. {a}-{b}", "sections {a}-{b}", "articles {a}-{b}", "arts. {a}-{b}", "ss {a}–{b}"]))
def test_a_hyphen_after_a_plural_section_word_is_a_range(data, form):
    numbers = [s.number for s in SECTIONS]
    low = data.draw(st.integers(0, len(numbers) - 2))
    high = data.draw(st.integers(low + 1, min(len(numbers) - 1, low + 12)))
    a, b = numbers[low], numbers[high]
    between = tuple(f"A-13.1.1/{n}" for n in sorted({s.number for s in act().sections}, key=section_sort_key)
                    if section_sort_key(a) <= section_sort_key(n) <= section_sort_key(b))
    assert read(form.format(a=a, b=b), index()).targets == between


ITEM_LISTS = [(s.id, [u.id for u in s.units[0].children if "/q" not in u.id]) for s in SECTIONS
              if s.units and len([u for u in s.units[0].children if "/q" not in u.id]) >= 2]


@SETTINGS
@given(st.sampled_from(ITEM_LISTS), st.data(),
       st.sampled_from(["subsections {a} to {b} of section {n}", "subparagraphs {a} to {b} of section {n}",
                        "les paragraphes {a} à {b} de l'article {n}"]))
def test_a_range_of_items_reads_every_item_between(items, data, form):
    section, units = items
    low = data.draw(st.integers(0, len(units) - 2))
    high = data.draw(st.integers(low + 1, len(units) - 1))
    label = lambda u: f"({u.rsplit('/', 1)[1]})" if form.startswith("sub") else u.rsplit("/", 1)[1]  # noqa: E731
    typed = form.format(a=label(units[low]), b=label(units[high]), n=section.split("/")[1])
    assert read(typed, index()).targets == tuple(units[low:high + 1]), typed


_WORDS = {"en": {"title": "Title", "chapter": "Chapter", "division": "Division", "subdivision": "Subdivision",
                 "schedule": "Schedule"},
          "fr": {"title": "titre", "chapter": "chapitre", "division": "section", "subdivision": "sous-section",
                 "schedule": "annexe"}}
_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z]{1,2})$")
DIVISIONS = [d.id for doc in (act(), regulation()) for d in doc.divisions
             if all(kind in _WORDS["en"] and _LABEL.match(label) for kind, label in (p.split(":", 1) for p in d.id.split("/")[1:]))]
"""Every numbered division (a repeal schedule or a group of sections without a number is named by its id only)."""


@SETTINGS
@given(st.sampled_from(DIVISIONS), st.sampled_from(["en", "fr"]), st.sampled_from(["up", "down", "of"]))
def test_a_division_reads_back_whatever_the_direction_of_its_chain(division, lang, direction):
    """ "Chapter II, Title II" (bottom up), "Title II, Chapter II" (top down), "Chapter II of Title II"; a regulation's
    with its chapter after: "Schedule I of S-2.1, r. 9", « l'annexe I du règlement S-2.1, r. 9 », "S-2.1, r. 9,
    annexe II"."""
    doc, *parts = division.split("/")
    named = [f"{_WORDS[lang][kind]} {label}" for kind, label in (p.split(":") for p in parts)]
    of = " du " if lang == "fr" else " of "
    typed = {"up": ", ".join(reversed(named)), "down": ", ".join(named), "of": of.join(reversed(named))}[direction]
    if doc != "A-13.1.1":
        chapter = "S-2.1, r. 9"
        typed = {"up": f"{typed}{' du règlement ' if lang == 'fr' else ' of '}{chapter}",
                 "down": f"{chapter}, {typed}", "of": f"{typed}{' du règlement ' if lang == 'fr' else ' of '}{chapter}"}[direction]
    assert read(typed, index()).targets == (division,), typed


_SAMPLES = ["s 27(2)", "ss. 131-133", "Chapter II, Title II", "Schedule I of S-2.1, r. 9", "S-2.1, r. 9, annexe II",
            "L.Q. 2005, c. 15, art. 27", "27(2) LAPF", "subsections (1) to (3) of section 27", "sect. 84",
            "art. 27 al. 1 par. 2 LAPF", "l'annexe I du règlement S-2.1, r. 9", "SQ 2005, c 15, s 27",
            "CQLR c S-2.1, r 9, s 5(3)"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40), st.sampled_from(_SAMPLES), st.text(max_size=40), st.sampled_from(["en", "fr"]))
def test_random_text_around_the_new_forms_never_raises(before, sample, after, lang):
    text = f"{before}{sample}{after}"
    names = tuple(index().title_list)
    for source in SOURCES:
        found = find_citations(text, lang, names, source)
        assert all(text[f.start:f.end] == f.text for f in found)
        if found:
            assert may_hold_citations(text, names)
    reading = read(text, index())
    assert bool(reading.targets) != bool(reading.error)


def test_the_prefilters_let_every_new_form_through():
    names = tuple(index().title_list)
    for sample in _SAMPLES:
        assert may_cite(sample, names) and may_hold_citations(sample, names), sample
