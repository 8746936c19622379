"""Citations in French (and English) regulations: classes of forms found by reading the references of
the real S-2.1 regulations (benchmarks/references_audit.py), each tested here on sentences written for
the test, against a small regulation built for it (Z-9, r. 1) and against the Act."""
from __future__ import annotations

from functools import lru_cache

import pytest

from alinea.model import IN_FORCE, Corpus, Division, Document, Section, Source, Unit
from graph.cite import Context, Index, find_citations, resolve
from graph.references import extract_references
from tests.law_graph_data import context as act_context

DOC = "Z-9-r1"


def _unit(uid: str, kind: str, label: str, text: str, children: list = ()) -> Unit:
    return Unit(uid, kind, label, label.rstrip("°)."), text, Source(1, text),
                children=tuple(_unit(f"{uid}/{lab.rstrip('°).')}", "subparagraph", lab, t, kids)
                               for lab, t, kids in children))


def _section(number: str, parent: str | None, paragraphs: list) -> Section:
    sid = f"{DOC}/{number}"
    units = []
    for i, paragraph in enumerate(paragraphs, 1):
        text, children = (paragraph, []) if isinstance(paragraph, str) else paragraph
        units.append(_unit(f"{sid}/p{i}", "paragraph", "", text, children))
    return Section(sid, number, IN_FORCE, parent, tuple(units), Source(1, number))


@lru_cache(maxsize=1)
def regulation() -> Document:
    div = f"{DOC}/division:I"
    sub = f"{div}/subdivision:1.1"
    divisions = (
        Division(div, "division", "SECTION I", "I", "DISPOSITIONS GÉNÉRALES", None, Source(1, "")),
        Division(sub, "subdivision", "§ 1.1", "1.1", "Équipements", div, Source(1, "")),
        Division(f"{div}/subdivision:1.2", "subdivision", "§ 1.2", "1.2", "Travaux", div, Source(1, "")),
        Division(f"{DOC}/schedule:0.1", "schedule", "ANNEXE 0.1", "0.1", "(a. 3) FORMULAIRE", None, Source(1, "")),
        Division(f"{DOC}/schedule:A", "schedule", "ANNEXE A", "A", "(a. 4) TABLEAU", None, Source(1, "")),
    )
    sections = (
        _section("1", sub, ["Dans le présent règlement, on entend par:"]),
        _section("2", sub, ["Un texte.", "Un deuxième texte.", "Un troisième texte."]),
        _section("2.1", sub, ["Un texte inséré."]),
        _section("3", sub, [("L'employeur doit:", [("1°", "vérifier l'appareil;", []),
                                                    ("2°", "inscrire le résultat;", [])])]),
        _section("3.1", sub, ["Un texte inséré."]),
        _section("4", sub, [("Un appareil doit:", [
            ("1°", "être inspecté;", []),
            ("2°", "porter une plaque:", [("a)", "du fabricant;", []), ("b)", "du modèle;", [])]),
            ("3°", "être entretenu.", [])])]),
        _section("7", sub, ["Un texte."]),
        _section("7.0.1", sub, ["Un texte inséré."]),
        _section("8", sub, ["Un texte."]),
        Section(f"{DOC}/schedule:A/1", "1", IN_FORCE, f"{DOC}/schedule:A",
                (_unit(f"{DOC}/schedule:A/1/p1", "paragraph", "", "Un article de l'annexe."),), Source(1, "1")),
    )
    return Document(DOC, "regulation", "fr", "Règlement d'essai", "z.html", divisions=divisions, sections=sections)


@lru_cache(maxsize=1)
def index() -> Index:
    return Index.build(Corpus((regulation(),)))


def read(text: str, unit: str = f"{DOC}/2/p1", lang: str = "fr") -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(words, targets, missing) of each citation of text, read in the unit given."""
    section = "/".join(unit.split("/")[:2])
    ctx = Context(index(), DOC, section, unit, (f"{DOC}/division:I", f"{DOC}/division:I/subdivision:1.1"))
    out = []
    for found in find_citations(text, lang, index().title_list):
        resolution = resolve(found, ctx)
        ctx = ctx.after(resolution)
        out.append((found.text, resolution.targets, resolution.missing))
    return out


def targets(text: str, unit: str = f"{DOC}/2/p1", lang: str = "fr") -> list[str]:
    return [t for _, found, _ in read(text, unit, lang) for t in found]


# -- divisions -------------------------------------------------------------------------------
def test_divisions_numbered_with_insertions_or_two_letters():
    assert targets("prévues à la sous-section 1.2 et au formulaire de l'annexe 0.1") == [
        f"{DOC}/division:I/subdivision:1.2", f"{DOC}/schedule:0.1"]
    assert targets("les sous-sections 1.1 et 1.2 sont applicables") == [
        f"{DOC}/division:I/subdivision:1.1", f"{DOC}/division:I/subdivision:1.2"]
    [(_, found, missing)] = read("les annexes A et ZA")
    assert found == (f"{DOC}/schedule:A",) and missing == (f"{DOC}/schedule:ZA",)


def test_a_division_chain_written_from_the_top_is_one_citation_of_its_innermost_unit():
    assert read("la section I, sous-section 1.2") == [
        ("section I, sous-section 1.2", (f"{DOC}/division:I/subdivision:1.2",), ())]
    found = find_citations("the decisions under Title II, Chapter I are final")
    assert [f.text for f in found] == ["Title II, Chapter I"]
    assert resolve(found[0], act_context("1")).targets == ("A-13.1.1/title:II/chapter:I",)


def test_a_section_of_a_schedule_with_sections_of_its_own():
    assert targets("l'article 1 de l'annexe A") == [f"{DOC}/schedule:A/1"]
    assert targets("l'article 1 du présent règlement") == [f"{DOC}/1"]


def test_a_part_of_a_schedule():
    [(words, _, missing)] = read("conforme au formulaire de la partie II de l'annexe A")
    assert words == "partie II de l'annexe A" and missing == (f"{DOC}/schedule:A/part:II",)


def test_a_schedule_heading_cites_its_marginal_reference_not_itself():
    refs = extract_references(Corpus((regulation(),)))
    heading = [(r.text, r.target) for r in refs if r.source == f"{DOC}/schedule:A" and r.field == "heading"]
    assert heading == [("a. 4", f"{DOC}/4")]
    assert targets("ANNEXE A (a. 4) TABLEAU DES DISTANCES") == [f"{DOC}/4"]


# -- the document itself and other regulations ---------------------------------------------
def test_this_regulation_alone_is_the_citing_one_and_that_regulation_is_the_last_named():
    [found] = find_citations("Le présent règlement s'applique à tout chantier.", "fr")
    assert (found.text, found.relation, found.act.kind) == ("présent règlement", "applies", "this")
    assert targets("Le présent règlement s'applique à tout chantier.") == [DOC]
    assert targets("les matières traitées dans ce règlement") == [DOC]
    assert find_citations("qui ne pourront être modifiées par règlement.", "fr") == []
    assert targets("l'article 3 de ce règlement") == [f"{DOC}/3"]
    assert targets("le Règlement sur les mines (chapitre M-13.1, r. 9) s'applique; l'article 12 de ce règlement "
                   "prévaut") == ["M-13.1-r9", "M-13.1-r9/12"]


def test_a_regulation_named_by_its_title_is_not_the_regulation():
    assert targets("au sens de l'article 12 du Règlement d'application de la Loi sur les mines (chapitre M-13.1, r. 1)") \
        == ["M-13.1-r1/12"]


def test_a_title_before_its_chapter_takes_every_head_of_the_title():
    from graph.cite.grammar import acts_in_parentheses

    text = "conforme au Règlement d'application de la Loi sur les mines (chapitre M-13.1, r. 1) et à la Loi sur X"
    [(start, _, act)] = acts_in_parentheses(text)
    assert act.name == "Règlement d'application de la Loi sur les mines" and text[start:].startswith("Règlement")
    text = "la Loi sur les mines et le Règlement sur les carrières (chapitre M-13.1, r. 9)"
    assert [a.name for _, _, a in acts_in_parentheses(text)] == ["Règlement sur les carrières"]


def test_a_federal_regulation_by_its_number():
    assert targets("la partie 2 du Règlement sur les produits dangereux (DORS/2015-17)") == [
        "canada:sor-2015-17/part:2"]


def test_a_section_named_with_another_act_then_alone_is_that_acts():
    assert targets("l'article 45 de la Loi sur les mines (chapitre M-13.1); les renseignements visés à l'article 45") \
        == ["M-13.1/45", "M-13.1/45"]


@pytest.mark.parametrize("text, act", [
    ("la Loi sur la santé et la sécurité du travail", "S-2.1"),
    ("l'article 4 de la Loi sur l'aide aux personnes et aux familles", "A-13.1.1/4"),
    ("le Code de la sécurité routière", "C-24.2"),
    ("la Loi sur les accidents du travail et les maladies professionnelles", "A-3.001"),
    ("section 5 of the Act respecting industrial accidents and occupational diseases", "A-3.001/5"),
    ("l'article 62 de la LATMP", "A-3.001/62"),
])
def test_acts_named_without_their_chapter(text, act):
    assert act in targets(text, lang="en" if text.startswith("section") else "fr")


# -- units -----------------------------------------------------------------------------------
def test_a_bare_subparagraph_is_looked_for_under_the_citing_unit_first():
    assert targets("visé au sous-paragraphe a ou au sous-paragraphe b", f"{DOC}/4/p1/2") == [
        f"{DOC}/4/p1/2/a", f"{DOC}/4/p1/2/b"]
    assert targets("autre que celui visé au sous-paragraphe a", f"{DOC}/4/p1/2/b") == [f"{DOC}/4/p1/2/a"]
    assert targets("prévu au paragraphe 3", f"{DOC}/4/p1/2/a") == [f"{DOC}/4/p1/3"]


def test_the_preceding_subparagraph_and_the_same_section():
    assert targets("dans le cas prévu au paragraphe précédent", f"{DOC}/4/p1/3") == [f"{DOC}/4/p1/2"]
    assert targets("l'article 3 et le paragraphe 2° du même article") == [f"{DOC}/3", f"{DOC}/3/p1/2"]
    assert find_citations("une pièce de même section que la longrine", "fr") == []


@pytest.mark.parametrize("text, expected", [
    ("le 1er alinéa de l'article 2", ["2/p1"]),
    ("le deuxième alinéa de l'article 2", ["2/p2"]),
    ("les premier et deuxième alinéas de l'article 2", ["2/p1", "2/p2"]),
    ("le dernier alinéa de l'article 2", ["2/p3"]),
])
def test_paragraphs_by_their_ordinal(text, expected):
    assert targets(text, f"{DOC}/4/p1") == [f"{DOC}/{e}" for e in expected]


def test_pinpoints_listed_before_the_one_naming_their_section_lie_in_that_section():
    assert targets("les obligations prévues aux paragraphes 1 et 3, au sous-paragraphe b du paragraphe 2 et au "
                   "paragraphe 3 de l'article 4", f"{DOC}/8/p1") == [
        f"{DOC}/4/p1/1", f"{DOC}/4/p1/3", f"{DOC}/4/p1/2/b", f"{DOC}/4/p1/3"]
    # a bare comma does not make a list: « Malgré le paragraphe 1, … » is the citing section's
    assert targets("Malgré le paragraphe 1, le paragraphe 2° de l'article 3 s'applique", f"{DOC}/4/p1/3") == [
        f"{DOC}/4/p1/1", f"{DOC}/3/p1/2"]


def test_the_masculine_ordinal_sign_and_a_marginal_reference_without_its_period():
    assert targets("la vérification prévue au paragraphe 2º de l'article 3") == [f"{DOC}/3/p1/2"]
    assert targets("ANNEXE 0.1 (a 3)") == [f"{DOC}/3"]
    assert find_citations("il a 3 ans", "fr") == []


def test_par_is_a_pinpoint_only_before_a_label():
    assert [f.text for f in find_citations("conforme à l'article 3, par une personne qualifiée", "fr")] == ["article 3"]


def test_ranges_take_the_inserted_sections_between_their_ends():
    assert targets("les articles 2 à 3.1") == [f"{DOC}/2", f"{DOC}/2.1", f"{DOC}/3", f"{DOC}/3.1"]
    assert targets("les articles 7 à 8") == [f"{DOC}/7", f"{DOC}/7.0.1", f"{DOC}/8"]
    [(_, found, missing)] = read("les articles 50 à 60")
    assert found == () and missing == (f"{DOC}/50", f"{DOC}/60")


# -- numbers of other documents --------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "doit être conforme à la norme Appareils de levage CAN/CSA-B167-08, à l'exception de l'article 4.2",
    "selon l'article 7 et l'annexe C de la norme Protection contre les chutes NF EN 795",
    "conformément à la norme Lunettes de protection – Partie 3: Méthodes d'essai et Partie 4: Marquage",
    "la clause 5 de l'entente et l'article 12 de la convention collective",
    "les valeurs données aux annexes 3 et 4 de cet organisme",
    "la sous-section 3.2.4 du code",
])
def test_numbers_of_another_document_are_not_the_regulations(text):
    assert [t for t in targets(text) if not t.startswith("standard:")] == []  # a standard's own id, never the law's


def test_items_listed_under_a_text_announcing_another_documents_numbers_are_that_documents():
    sid = f"{DOC}/5"
    section = Section(sid, "5", IN_FORCE, None, (
        _unit(f"{sid}/p1", "paragraph", "", "Un casque doit satisfaire aux exigences prévues aux articles suivants de "
              "la norme Casques de sécurité industriels, CSA Z94.1-15:",
              [("1°", "les articles 2 à 4;", []), ("2°", "l'annexe A.", [])]),
        _unit(f"{sid}/p2", "paragraph", "", "Le paragraphe 1° du premier alinéa ne s'applique pas à l'article 3."),
        _unit(f"{sid}/p3", "paragraph", "", "Toute modification touchant les matières traitées dans ce règlement."),
    ), Source(1, "5"))
    doc = Document(DOC, "regulation", "fr", "Règlement d'essai", "z.html",
                   divisions=regulation().divisions, sections=regulation().sections + (section,))
    refs = {(r.source, r.target) for r in extract_references(Corpus((doc,))) if r.source.startswith(sid)}
    standard = "standard:csa-z94.1-15"  # the standard named, and the items of its list: never the regulation's
    assert refs == {(f"{sid}/p2", f"{sid}/p1/1"), (f"{sid}/p2", f"{DOC}/3"), (f"{sid}/p1", standard),
                    (f"{sid}/p1/1", standard), (f"{sid}/p1/2", standard), (f"{sid}/p3", DOC)}  # « ce règlement »: itself


# -- English -----------------------------------------------------------------------------------
def test_the_federal_drafting_style():
    found = find_citations("as provided in subsection 22(1) and paragraph 12(3)(b) of the Employment Insurance Act",
                           "en", ["Employment Insurance Act"])
    got = [resolve(f, act_context("1")).targets for f in found]
    assert got == [("canada:sc-1996-c-23/22/1",), ("canada:sc-1996-c-23/12/3/b",)]  # federal numbering (identifiers.md)


def test_regulations_named_by_their_english_title():
    assert targets("section 312 of the Regulation respecting occupational health and safety", lang="en") == [
        "S-2.1-r13/312"]
    assert targets("Division 3.15 of the Safety Code for the construction industry", lang="en") == [
        "S-2.1-r4/division:3.15"]


def test_this_code_and_that_article_with_none_named_before():
    assert targets("les articles 2 et 3 du présent code") == [f"{DOC}/2", f"{DOC}/3"]
    assert targets("en application de l'article 3 de ce code") == [f"{DOC}/3"]
    assert targets("le Code de la sécurité routière (chapitre C-24.2) s'applique, sauf l'article 5 de ce code") == [
        "C-24.2", "C-24.2/5"]
    assert targets("les renseignements prévus au paragraphe 2° de cet article", f"{DOC}/4/p1/3") == [f"{DOC}/4/p1/2"]
