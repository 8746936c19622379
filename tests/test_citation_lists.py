"""Lists and ranges of pinpoints, pinpoints of documents that are not laws, and the relation
typing of lists: every item of a list resolves, in French and English, in every form."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.model import Corpus
from graph.cite import citations_in, find_citations, resolve
from graph.references import extract_references
from ingest.legisquebec_html import read_legisquebec_html
from tests.law_graph_data import act, context, index

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "legisquebec-html"

NUMBERED = [(s.number, [u.number for u in s.units[0].children])
            for s in act().sections if len(s.units) > 2 and len(s.units[0].children) >= 3
            and all(u.number[:1].isdigit() for u in s.units[0].children)]
"""Sections of the Act with three paragraphs or more and numbered subparagraphs in the first."""


def ids(text: str, lang: str) -> list[str]:
    return [t for _, r in citations_in(text, index(), lang) for t in r.targets]


def test_the_act_has_sections_to_build_lists_from():
    assert len(NUMBERED) >= 3


def _join(items: list[str], lang: str) -> str:
    last = " et " if lang == "fr" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_item_of_an_abbreviated_list_resolves(data):
    number, labels = data.draw(st.sampled_from(NUMBERED))
    chosen = sorted(data.draw(st.sets(st.sampled_from(labels), min_size=1, max_size=4)), key=labels.index)
    lang = data.draw(st.sampled_from(["en", "fr"]))
    form = (f"art. {number}, al. 1, par. {_join([c + '°' for c in chosen], lang)}" if lang == "fr"
            else f"s. {number}, para. 1, subparas. {_join(chosen, lang)}")
    assert ids(form, lang) == [f"A-13.1.1/{number}/p1/{c}" for c in chosen], form


@pytest.mark.parametrize("lang, form", [("en", "s. {n}, para. 1, subparas. {a} to {b}"),
                                        ("en", "subparagraphs {a} to {b} of the first paragraph of section {n}"),
                                        ("fr", "art. {n}, 1er al., par. {a} à {b}"),
                                        ("fr", "paragraphes {a}° à {b}° du premier alinéa de l'article {n}")])
def test_a_range_of_pinpoints_names_every_unit_between_inserted_ones_included(lang, form):
    for number, labels in NUMBERED:
        text = form.format(n=number, a=labels[0], b=labels[-1])
        assert ids(text, lang) == [f"A-13.1.1/{number}/p1/{label}" for label in labels], text


def test_sibling_paragraphs_after_a_chain_take_its_section():
    """The enabling note of S-2.1, r. 12.1 has this shape; here with the Act's own sections."""
    number, labels = NUMBERED[0]
    text = f"(chapitre A-13.1.1, a. {number}, 1er al., par. {labels[0]} et {labels[1]}, 2e al. et 3e al.)"
    assert ids(text, "fr") == [f"A-13.1.1/{number}/p1/{labels[0]}", f"A-13.1.1/{number}/p1/{labels[1]}",
                               f"A-13.1.1/{number}/p2", f"A-13.1.1/{number}/p3"]


def test_a_real_enabling_note_with_one_pinpoint_still_reads():
    """S-2.1, r. 11.2 (tests/fixtures/legisquebec-html): "(chapitre S-2.1, a. 223, 1er al., par. 36)"."""
    [found] = find_citations("(chapitre S-2.1, a. 223, 1er al., par. 36)", "fr")
    assert [(lv.kind, lv.values) for lv in found.levels] == [("section", ("223",)), ("paragraph", ("1",)),
                                                            ("unit", ("36",))]


def test_abbreviated_plurals_are_words_not_labels():
    [found] = find_citations("s. 22, para. 1, subparas. 2 and 3", "en")
    assert [(lv.kind, lv.values) for lv in found.levels] == [("section", ("22",)), ("paragraph", ("1",)),
                                                            ("unit", ("2", "3"))]


# -- numbers of documents that are not laws ----------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("conforme aux normes du chapitre 2 du Tome V du manuel intitulé «Signalisation routière», établies "
     "en vertu de l'article 289 du Code de la sécurité routière (chapitre C-24.2)", "fr"),
    ("selon les chapitres 2 ou 3 du Tome V du manuel", "fr"),
    ("conformément à l'article 4 du guide de l'employeur", "fr"),
    ("as set out in section 5 of the Code of Practice for Safe Work", "en"),
    ("l'article 7 du code de pratique", "fr"),
    ("Chapter 3 of the manual on signage", "en"),
    ("le port d’un pantalon conforme à la norme Vêtements de protection pour utilisateurs de scies à chaîne "
     "– partie 5: exigences", "fr"),
    ("conforming to the standard Protective clothing for users of chain saws - Part 5: Requirements", "en"),
])
def test_a_number_of_a_manual_guide_or_code_of_practice_is_not_a_provision(text, lang):
    for found in find_citations(text, lang):
        resolution = resolve(found, context("55"))
        if found.act is not None and found.act.kind == "other":
            assert resolution.targets == ()
        else:
            assert found.act is not None and found.act.doc == "C-24.2", found.text


def test_a_law_named_after_a_number_is_still_a_law():
    found = (find_citations("l'article 5 de la Loi sur les normes du travail (chapitre N-1.1)", "fr")
             + find_citations("section 12 of the Labour Code (chapter C-27)", "en"))
    assert [f.act.doc for f in found] == ["N-1.1", "C-27"]


# -- relations, on single and list citations ---------------------------------------------
@pytest.mark.parametrize("text, lang, relations", [
    # real text of the regulations in tests/fixtures/legisquebec-html/
    ("sauf les articles 18 et 53 qui s’appliquent à ces établissements", "fr", ["applies"]),  # S-2.1, r. 11
    ("Nonobstant les paragraphes 1 et 2, si l’employé travaille", "fr", ["despite"]),  # S-2.1, r. 22
    ("qui n’est pas un régime spécial au sens des paragraphes 2 ou 3, à", "fr", ["within the meaning of"]),
    # hand-written
    ("Les articles 5 et 6 s’appliquent dans la mesure où ils sont conciliables.", "fr", ["applies"]),
    ("L’article 12 est applicable aux travailleurs.", "fr", ["applies"]),
    ("L’article 12 s’applique.", "fr", ["applies"]),
    ("Sections 5 and 6 are applicable to the program.", "en", ["applies"]),
    ("Sections 49 to 51 apply to every person.", "en", ["applies"]),
    ("L’article 5 s’applique, compte tenu des adaptations nécessaires, à", "fr", ["applies"]),
    ("malgré l’article 5 et le paragraphe 2° de l’article 6, le", "fr", ["despite", "despite"]),
    ("sous réserve des articles 5, 6 et 8 et de l’article 10, le", "fr", ["subject to", "subject to"]),
    ("aux fins des articles 3 et 4, le", "fr", ["for the purposes of"]),
    ("pour l’application des paragraphes 2° et 3° du premier alinéa, le", "fr", ["for the purposes of"]),
    ("for the purposes of sections 3 and 4 or section 7, the", "en", ["for the purposes of"] * 2),
    ("Despite section 175 of this Act, section 218 of the Act", "en", ["despite", "cites"]),
    ("This section applies when the tax is", "en", ["cites"]),
    ("A person to whom a decision referred to in the first paragraph applies may", "en", ["cites"]),
    # a negated application is typed `applies` too: the edge says its application is at issue
    ("L’article 5 ne s’applique pas à", "fr", ["applies"]),
    ("Les articles 5 à 7 ne s’appliquent pas aux travailleurs autonomes.", "fr", ["applies"]),
    ("La sous-section 5 de la section II ne s’applique pas à l’employeur.", "fr", ["applies"]),
    ("L’article 5 n’est pas applicable aux travailleurs.", "fr", ["applies"]),
    ("Sections 5 and 6 do not apply to a recipient.", "en", ["applies"]),
    ("Lorsque l’article 5 ne s’applique pas, le", "fr", ["cites"]),
    ("the provisions referred to in section 11 do not apply to", "en", ["cites"]),
    ("les dispositions visées à l’article 11 ne s’appliquent pas à", "fr", ["cites"]),
    ("The recovery rules provided for in section 11 apply to the recovery", "en", ["applies"]),
    # every member of a list or range takes the relation that governs the phrase
    ("malgré les articles 131 à 133, le", "fr", ["despite"]),
    ("Sous réserve d’une entente conclue en application des articles 98 et 101 de la Loi, le", "fr", ["subject to"]),
    ("Subject to an agreement entered into under sections 98 and 101 of the Act, the", "en", ["subject to"]),
    ("Sous réserve de l’article 5, le ministre peut, en application de l’article 6, exiger", "fr",
     ["subject to", "cites"]),
    ("Les articles 3 et 4 ainsi que l’article 7 ne s’appliquent pas.", "fr", ["applies", "applies"]),
    ("malgré l’article 3, le deuxième alinéa de l’article 2 et l’article 7, le ministre", "fr", ["despite"] * 3),
    ("Despite section 3, the second paragraph of section 2 and section 7, the Minister", "en", ["despite"] * 3),
    ("Malgré l’article 3, l’article 4 et l’article 7 s’appliquent.", "fr", ["despite", "applies", "applies"]),
    ("Malgré le paragraphe 2, le paragraphe 3 de l’article 4 s’applique.", "fr", ["despite", "applies"]),
])
def test_relations_in_both_languages(text, lang, relations):
    assert [f.relation for f in find_citations(text, lang)] == relations


# -- "la présente section": the enclosing division -----------------------------------------
_KIND = {"section": "division", "sous-section": "subdivision", "chapitre": "chapter"}
_PRESENT = re.compile(r"(?:présente|présent)\s+(sous-section|section|chapitre)\b")


@pytest.mark.parametrize("page", ["S-2_1_r_1.fr.html", "S-2_1_r_11_2.fr.html", "S-2_1_r_2.fr.html",
                                  "S-2_1_r_4.fr.html", "S-2_1_r_9.fr.html"])
def test_the_present_division_is_the_one_enclosing_the_citing_section(page):
    doc = read_legisquebec_html(str(FIXTURES / page))[0]
    parents = {d.id: d.parent for d in doc.divisions}
    refs = {(r.source, r.start): r for r in extract_references(Corpus((doc,))) if r.field == "text"}
    checked = 0
    for section in doc.sections:
        chain = []
        division = section.parent
        while division:
            chain.append(division)
            division = parents.get(division)
        for unit in section.walk():
            for m in _PRESENT.finditer(unit.text):
                ref = next(r for (source, start), r in refs.items()
                           if source == unit.id and start <= m.start() < r.end)
                kind = _KIND[m[1]]
                expected = next((d for d in chain if d.rsplit("/", 1)[1].startswith(kind + ":")), "")
                assert ref.target == expected, (unit.id, m.group(0))
                checked += 1
    assert checked
