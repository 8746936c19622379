"""Federal instruments, technical standards, relations carried along a list and what a bare number
names: each class tested on sentences written for the test (none copied from a held-out regulation),
with a property test for the federal grammar and ids."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.ids import ProvisionId
from alinea.model import Corpus
from graph.cite import LANGS, STYLES, cite, find_citations, official_url, read
from graph.references import extract_references
from tests.properties import examples
from tests.test_citations_regulations import DOC, index, regulation, targets

HAZARDOUS = "canada:rsc-1985-c-h-3"
CONTROLLED = "canada:sor-88-66"


# -- federal instruments ------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("l'article 13b de la Loi sur les produits dangereux (L.R.C. 1985, c. H-3)", "fr", [f"{HAZARDOUS}/13/b"]),
    ("l'alinéa 13b) de la Loi sur les produits dangereux (L.R.C. 1985, c. H-3)", "fr", [f"{HAZARDOUS}/13/b"]),
    ("le sous-alinéa 14(2)a)(ii) du Règlement sur les produits contrôlés (DORS/88-66)", "fr", [f"{CONTROLLED}/14/2/a/ii"]),
    ("le paragraphe 15(1) du Règlement sur les produits contrôlés (DORS/88-66)", "fr", [f"{CONTROLLED}/15/1"]),
    ("l'article 15(1) du Règlement sur les produits contrôlés (DORS/88-66)", "fr", [f"{CONTROLLED}/15/1"]),
    ("comme le prévoit l'article 14(2), a, ii du Règlement sur les produits contrôlés (DORS/88-66).", "fr",
     [f"{CONTROLLED}/14/2/a/ii"]),
    ("voir L.R.C. 1985, c. H-3, art. 13b) et DORS/88-66, art. 15(1)", "fr", [f"{HAZARDOUS}/13/b", f"{CONTROLLED}/15/1"]),
    ("un produit assujetti à L.C. 1992, c. 34 ou à DORS/2015-17", "fr", ["canada:sc-1992-c-34", "canada:sor-2015-17"]),
    ("see R.S.C. 1985, c. H-3, s. 13(b) and S.C. 1996, c. 23, s. 22", "en", [f"{HAZARDOUS}/13/b", "canada:sc-1996-c-23/22"]),
    ("under SOR/88-66, s. 15(1) and C.R.C., c. 1370", "en", [f"{CONTROLLED}/15/1", "canada:crc-c-1370"]),
    ("paragraph 14(2)(a) of the Controlled Products Regulations (SOR/88-66)", "en", [f"{CONTROLLED}/14/2/a"]),
    ("l'étiquette requise par la Loi sur les produits dangereux", "fr", [HAZARDOUS]),
    ("the label the Hazardous Products Act requires", "en", [HAZARDOUS]),
    ("au sens de la Loi sur la citoyenneté (Lois révisées du Canada (1985), chapitre C-29)", "fr", ["canada:rsc-1985-c-c-29"]),
    ("un résident permanent (Lois du Canada, 2001, chapitre 27)", "fr", ["canada:sc-2001-c-27"]),
])
def test_every_usual_federal_form_resolves(text, lang, expected):
    assert targets(text, lang=lang) == expected


def test_a_statute_chapter_after_a_year_is_not_a_chapter_of_the_citing_document():
    assert targets("tel que modifié par (1969, chapitre 63)") == ["1969, c. 63"]
    assert not [t for t in targets("(Lois du Canada, 2001, chapitre 27)") if t.startswith(DOC)]


def test_a_title_is_not_read_across_the_verb_of_a_sentence():
    text = "La liste visée à l'article 3 de la Loi, est la Liste de divulgation des ingrédients (DORS/88-64)."
    assert [f.act.doc for f in find_citations(text, "fr") if f.act and f.act.kind == "federal"] == ["canada:sor-88-64"]
    assert not any("Liste" in (f.act.name if f.act else "") and f.levels for f in find_citations(text, "fr"))


@pytest.mark.parametrize("target, en, fr", [
    (f"{HAZARDOUS}/13/b", "https://laws-lois.justice.gc.ca/eng/acts/H-3/section-13.html",
     "https://lois-laws.justice.gc.ca/fra/lois/H-3/article-13.html"),
    (f"{CONTROLLED}/15/1", "https://laws-lois.justice.gc.ca/eng/regulations/SOR-88-66/section-15.html",
     "https://lois-laws.justice.gc.ca/fra/reglements/DORS-88-66/article-15.html"),
    ("canada:sc-1996-c-23/22", "https://laws-lois.justice.gc.ca/eng/acts/E-5.6/section-22.html",
     "https://lois-laws.justice.gc.ca/fra/lois/E-5.6/article-22.html"),
    ("canada:sc-2099-c-3", "", ""),  # an annual act whose consolidated chapter is not known: no address invented
])
def test_a_federal_instrument_links_to_the_federal_consolidation_never_legisquebec(target, en, fr):
    assert (official_url(target), official_url(target, "fr")) == (en, fr)


def test_federal_pinpoints_print_in_the_federal_style():
    assert cite(f"{CONTROLLED}/14/2/a/ii", "short", "en") == \
        "s. 14(2)(a)(ii) of the Controlled Products Regulations (SOR/88-66)"
    assert cite(f"{CONTROLLED}/14/2/a/ii", "drafting", "fr") == \
        "sous-alinéa 14(2)a)(ii) du Règlement sur les produits contrôlés (DORS/88-66)"
    assert cite(f"{HAZARDOUS}/13/b", "mcgill", "fr") == "Loi sur les produits dangereux, L.R.C. 1985, c. H-3, art 13b)"


_FEDERAL_DOCS = [HAZARDOUS, CONTROLLED, "canada:sc-1996-c-23", "canada:sc-1992-c-34", "canada:crc-c-1370",
                 "canada:sor-2015-17", "canada:rsc-1985-c-c-29"]
_PATHS = st.one_of(
    st.just(()),
    st.tuples(st.integers(1, 9).map(str)),
    st.tuples(st.integers(1, 9).map(str), st.sampled_from("abcdefgh")),
    st.tuples(st.integers(1, 9).map(str), st.sampled_from("abcdefgh"), st.sampled_from(["i", "ii", "iii", "iv"])),
    st.tuples(st.integers(1, 9).map(str), st.sampled_from("abcd"), st.sampled_from(["i", "ii"]), st.sampled_from("ab")),
    st.tuples(st.sampled_from("abcdefgh")),
    st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(["i", "ii", "iii"])),
)


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(_FEDERAL_DOCS), st.integers(1, 300).map(str) | st.sampled_from(["8.1", "15.1", "62.3"]),
       _PATHS, st.sampled_from(STYLES), st.sampled_from(LANGS))
def test_a_federal_provision_printed_in_any_style_reads_back_to_itself(doc, section, path, style, lang):
    target = "/".join([doc, section, *path])
    assert str(ProvisionId.parse(target)) == target
    printed = cite(target, style, lang)
    assert read(printed, index()).targets == (target,), printed
    assert "legisquebec" not in official_url(target, lang)


# -- technical standards ------------------------------------------------------------------
@pytest.mark.parametrize("text, standard", [
    ("Le casque doit être conforme à la norme CSA Z94.1-05.", "standard:csa-z94.1-05"),
    ("conforme à la norme Appareils de levage CAN/CSA-B167-08", "standard:can-csa-b167-08"),
    ("selon l'article 4.2 de la norme CSA Z94.4-11", "standard:csa-z94.4-11"),
    ("according to ANSI Z89.1-2003 and clause 4.2 of that standard", "standard:ansi-z89.1-2003"),
    ("un extincteur conforme à NFPA 10", "standard:nfpa-10"),
    ("homologué selon ULC-S508", "standard:ulc-s508"),
    ("conformément à la norme BNQ 1809-300", "standard:bnq-1809-300"),
    ("la norme NF EN 458 et la norme ISO 45001:2018", "standard:nf-en-458"),
    ("the CSA standard Z94.4-11, section 5", "standard:csa-z94.4-11"),
    ("conforme à la norme CAN3-Z94.3-M84", "standard:can3-z94.3-m84"),
    ("conformes aux normes CSA Z94.2-02 et Z94.3-07", "standard:csa-z94.3-07"),
    ("la norme CAN/CSAZ195-02", "standard:can-csa-z195-02"),
])
def test_a_technical_standard_is_found_and_its_numbers_are_never_the_laws(text, standard):
    lang = "en" if " the " in f" {text} " or text.startswith(("according", "the")) else "fr"
    got = targets(text, lang=lang)
    assert standard in got and not [t for t in got if t.startswith(DOC)]


def _references(text: str) -> set[tuple[str, str, str]]:
    from alinea.model import IN_FORCE, Document, Section, Source
    from tests.test_citations_regulations import _unit

    sid = f"{DOC}/9"
    section = Section(sid, "9", IN_FORCE, None, (_unit(f"{sid}/p1", "paragraph", "", text),), Source(1, "9"))
    doc = Document(DOC, "regulation", "fr", "Règlement d'essai", "z.html",
                   divisions=regulation().divisions, sections=regulation().sections + (section,))
    return {(r.target, r.type, r.text) for r in extract_references(Corpus((doc,))) if r.source.startswith(sid)}


def test_standards_are_typed_standard_and_this_standard_is_the_one_named_last():
    refs = _references("Le casque doit être conforme à la norme Casques de sécurité CSA Z94.1-05, à l'exception "
                       "de l'article 7.8 de cette norme, et l'employeur applique l'article 3.")
    assert refs == {("standard:csa-z94.1-05", "standard", "CSA Z94.1-05"),
                    ("standard:csa-z94.1-05", "standard", "article 7.8 de cette norme"),
                    (f"{DOC}/3", "cites", "article 3")}


def test_a_chapter_of_a_manual_is_typed_standard_too():
    refs = _references("La signalisation est conforme au chapitre 2 du Tome V du manuel intitulé «Signalisation».")
    assert [(t, kind) for t, kind, _ in refs] == [("standard:tome-v-du-manuel-intitulé-signalisation", "standard")]


_BODIES = ["CSA", "CAN/CSA", "ANSI", "ISO", "BNQ", "NFPA", "ULC", "ASTM", "NF EN"]


@settings(max_examples=examples(60), deadline=None)
@given(st.sampled_from(_BODIES), st.sampled_from(["", "Z", "B", "S", "W"]), st.integers(1, 9999),
       st.sampled_from(["", "-05", ".1-11", ":2018", "-M1980"]), st.sampled_from([" ", "-", "\u00a0"]),
       st.sampled_from(["conforme à la norme {} et à l'article 3.", "selon l'article 4.2 de la norme {}.",
                        "l'appareil ({}) et l'article 3."]))
def test_a_designation_is_read_whole_as_a_standard_and_leaves_the_laws_numbers_alone(body, letter, number, tail,
                                                                                     sep, sentence):
    sep = "-" if letter and sep != " " else sep
    designation = f"{body}{sep}{letter}{number}{tail}"
    text = sentence.format(designation)
    found = [f for f in find_citations(text, "fr") if f.act is not None and f.act.kind == "standard"]
    assert found and designation in text[found[0].start:found[0].end]
    law = [t for t in targets(text) if t.startswith(DOC)]
    assert law == ([f"{DOC}/3"] if "article 3." in text else [])


# -- relations carried along ranges and lists ----------------------------------------------
def _relations(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    return [(f.text, f.relation) for f in find_citations(text, lang)]


@pytest.mark.parametrize("text, relation", [
    ("Malgré les articles 2 à 4 ainsi que l'article 7, le ministre peut agir.", "despite"),
    ("Malgré les dispositions des articles 2 à 4, ils sont exclus.", "despite"),
    ("Malgré l'article 2 de même que l'article 7, le ministre peut agir.", "despite"),
    ("Sont exclus de l'application de la section I et de l'article 8: les produits en bois.", "applies"),
    ("Sous réserve d'une entente conclue ou d'une retenue effectuée en application des articles 2 et 3, le débiteur",
     "subject to"),
])
def test_the_relation_before_a_list_is_every_items(text, relation):
    assert {r for _, r in _relations(text)} == {relation}


def test_a_french_negated_application_applies_whatever_follows():
    assert _relations("Le premier alinéa de l'article 3 ne s'applique pas si la demande est présentée.") == [
        ("premier alinéa de l'article 3", "applies")]
    assert _relations("L'article 2 ne s'applique pas dans le cas d'un adulte.") == [("article 2", "applies")]


def test_within_the_meaning_of_the_regulation():
    assert _relations("résider au Québec, au sens du règlement et dans les cas prévus") == [
        ("du règlement", "within the meaning of")]


# -- what a bare number names ---------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("L'article 12 de la Loi s'applique. L'employeur respecte l'article 3.", ["Z-9/12", f"{DOC}/3"]),
    ("selon l'article 3, et l'article 12 de la Loi prévoit que", [f"{DOC}/3", "Z-9/12"]),
    ("en application de l'article 3, l'article 12 de la Loi s'applique", [f"{DOC}/3", "Z-9/12"]),
    ("conformément à l'article 3 et à l'article 12 de la Loi", ["Z-9/3", "Z-9/12"]),
    ("l'article 3, l'article 4 et l'article 12 de la Loi", ["Z-9/3", "Z-9/4", "Z-9/12"]),
    ("l'article 3, l'article 4, et l'article 12 de la Loi", ["Z-9/3", "Z-9/4", "Z-9/12"]),
])
def test_a_bare_number_is_the_citing_documents_unless_a_list_names_an_act(text, expected):
    assert targets(text) == expected
