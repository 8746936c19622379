"""Drafting conventions no annotated set exercised before issue 12's fifth round, each on sentences written for the
test and one real example (S-2.1, r. 5 and r. 7, the fourth held-out set, no longer blind):

- a provision excepted from an application (« il s'applique …, à l'exception des articles 3, 4, 6, 7 et 8 ») and a
  verb written before its subject (« auquel s'appliquent, en les adaptant, les dispositions contenues au … ») are
  typed ``applies``, as « ne s'applique pas » is;
- the section or division before or after the citing one (« le chapitre précédent », "the preceding section");
- « articles 5 et suivants », "sections 45 and following": the first is the pinpoint, the words are the citation's;
- a decree cited by number (« (D. 1234-2019, a. 5) ») is the decree, never the citing document's section 5;
- the scorer reads a unit's closing text (printed after its last item) in that unit, as the build does.
"""
from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alinea.model import IN_FORCE, Corpus, Division, Document, Section, Source, Unit
from benchmarks.references_eval import _items
from graph.cite import Context, Index, find_citations, read, resolve, type_relations
from tests.properties import examples

DOC = "Z-7-r1"


def _section(number: str, parent: str | None, text: str = "Texte.", units: tuple[Unit, ...] = ()) -> Section:
    sid = f"{DOC}/{number}"
    units = units or (Unit(f"{sid}/p1", "paragraph", "", "1", text, Source(1, text)),)
    return Section(sid, number, IN_FORCE, parent, units, Source(1, number))


def _division(path: str, heading: str) -> Division:
    parent = path.rsplit("/", 1)[0] if path.count("/") > 0 else None
    kind, number = path.rsplit("/", 1)[-1].split(":")
    return Division(f"{DOC}/{path}", kind, f"{kind.upper()} {number}", number, heading,
                    f"{DOC}/{parent}" if parent else None, Source(1, heading))


DIVISIONS = ("chapter:I", "chapter:II", "chapter:II/division:I", "chapter:II/division:II",
             "chapter:II/division:II/subdivision:1", "chapter:II/division:II/subdivision:2", "chapter:II/division:III",
             "chapter:III")
"""Chapters I to III; chapter II holds sections I to III (`division:…` in Alinea's ids), section II « § 1 » and « § 2 »."""
PLACES = {"1": "chapter:I", "2": "chapter:I", "3": "chapter:II/division:I", "4": "chapter:II/division:II",
          "5": "chapter:II/division:II", "6": "chapter:II/division:III", "7": "chapter:III"}


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    letters = tuple(Unit(f"{DOC}/5/p1/2/{x}", "clause", f"{x})", x, "Texte.", Source(1, "")) for x in "abcd")
    two = Unit(f"{DOC}/5/p1/2", "subparagraph", "2°", "2", "Texte:", Source(1, ""), children=letters)
    three = tuple(Unit(f"{DOC}/5/p{i}", "paragraph", "", str(i), "Texte.", Source(1, "Texte."),
                       children=(two,) if i == 1 else ()) for i in (1, 2, 3))
    sections = tuple(_section(n, f"{DOC}/{place}", units=three if n == "5" else ()) for n, place in PLACES.items())
    doc = Document(DOC, "regulation", "fr", "Règlement d'essai sur les voisins", f"{DOC}.html", sections=sections,
                   divisions=tuple(_division(p, p.upper()) for p in DIVISIONS))
    return Corpus((doc,))


@lru_cache(maxsize=1)
def index() -> Index:
    return Index.build(corpus())


def _enclosing(number: str) -> tuple[str, ...]:
    parts = PLACES[number].split("/")
    return tuple(f"{DOC}/" + "/".join(parts[:i + 1]) for i in range(len(parts)))


def cited(text: str, number: str, lang: str = "fr") -> list[tuple[str, str, tuple[str, ...]]]:
    """(words, relation, targets) of each citation of `text` read in section `number`'s first paragraph."""
    context = Context(index(), DOC, f"{DOC}/{number}", f"{DOC}/{number}/p1", _enclosing(number))
    out = []
    for found in find_citations(text, lang, index().title_list):
        resolution = resolve(found, context)
        context = context.after(resolution)
        out.append((found.text, found.relation, resolution.targets))
    return out


def relations(text: str, lang: str = "fr") -> list[str]:
    return [f.relation for f in find_citations(text, lang)]


# -- provisions excepted from an application --------------------------------------------------------------------
R7_2_P3 = ("Il ne s’applique pas à un travailleur qui exécute exclusivement un travail de bureau sur le site d’une mine. "
           "Toutefois, il s’applique à un tel travailleur, à l’exception des articles 3, 4, 6, 7 et 8, s’il détient un "
           "certificat de santé pulmonaire")
"""S-2.1, r. 7, s. 2, third paragraph (annotated ``applies``: these articles do not apply to that worker)."""


@pytest.mark.parametrize("text, lang, expected", [
    (R7_2_P3, "fr", ["applies"]),
    ("Le présent règlement s'applique à tout employeur, sauf les articles 5 et 6.", "fr", ["applies", "applies"]),
    ("Les articles 5 à 8 s'appliquent, sauf l'article 6.", "fr", ["applies", "applies"]),
    ("Il s'applique, à l'exclusion des dispositions de l'article 4, aux chantiers.", "fr", ["applies"]),
    ("This Regulation applies to every employer, except sections 5 and 6.", "en", ["applies", "applies"]),
    ("Sections 45 to 48 apply, other than section 46.", "en", ["applies", "applies"]),
    ("It applies with the exception of section 4 and section 7.", "en", ["applies", "applies"]),
])
def test_a_provision_excepted_from_an_application_applies(text, lang, expected):
    assert relations(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Le présent règlement, à l'exception de l'article 5, entre en vigueur le 1er janvier.", "fr"),
    ("Toute personne, sauf celle visée à l'article 5, doit s'inscrire.", "fr"),
    ("Every employer, except the one referred to in section 5, must register.", "en"),
])
def test_an_exception_in_a_sentence_that_applies_nothing_only_cites(text, lang):
    assert set(relations(text, lang)) == {"cites"}  # « Le présent règlement » is a citation too, of the document


def test_an_exception_of_a_thing_a_provision_provides_for_stays_a_citation():
    text = ("À l'exception de la désignation prévue à l'article 6, les règles prévues à la présente sous-section ne "
            "s'appliquent pas aux décisions.")  # S-2.1, r. 11, s. 7 (the gold sample): article 6 is cited
    assert relations(text)[0] == "cites"


# -- the verb before its subject --------------------------------------------------------------------------------
R5_12_P2 = ("Les travailleurs non représentés par une association accréditée sont alors réputés constituer un groupe "
            "participant auquel s’appliquent, en les adaptant, les dispositions contenues au paragraphe 2 du premier "
            "alinéa de l’article 10.")
"""S-2.1, r. 5, s. 12, second paragraph (annotated ``applies``)."""


@pytest.mark.parametrize("text", [
    R5_12_P2,
    "Dans ce cas, s'appliquent les articles 10 à 12.",
    "un groupe auquel s'applique, compte tenu des adaptations nécessaires, l'article 4.",
    "un travailleur à qui s'appliquent également les dispositions prévues à l'article 7.",
])
def test_a_verb_before_its_subject_makes_the_subject_apply(text):
    assert relations(text) == ["applies"]


def test_in_order_the_object_of_apply_is_what_it_applies_to_not_what_applies():
    assert relations("Le présent article s'applique à l'article 5.") == ["applies", "applies to"]


def test_the_provisions_regarding_a_program_apply_with_it():
    text = ("The provisions of this Act and of the regulations regarding the Social Assistance Program apply to this "
            "program, with the necessary modifications")  # s. 73 (the gold sample: both apply)
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("the regulations", "Social Assistance Program")]
    assert type_relations(text, spans) == ["applies", "applies"]


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.sampled_from(["3", "4", "5", "6", "7", "8", "9"]), min_size=1, max_size=5, unique=True),
       st.sampled_from(["à l'exception des articles", "sauf les articles", "à l'exclusion des articles"]),
       st.sampled_from(["s'applique", "ne s'applique pas", "entre en vigueur", "est abrogé"]))
def test_generated_exceptions_apply_only_beside_an_application(numbers, words, verb):
    listed = ", ".join(numbers[:-1]) + (" et " if len(numbers) > 1 else "") + numbers[-1]
    text = f"Le présent règlement {verb} à compter du 1er juin, {words} {listed}."
    ((_, relation, targets),) = [c for c in cited(text, "3") if c[0].startswith("articles")]
    assert relation == ("applies" if "appliqu" in verb else "cites")
    assert set(targets) == {f"{DOC}/{n}" for n in numbers if n in PLACES}  # 8 and 9 are not in the document


@pytest.mark.parametrize("text, lang, expected", [
    ("L'article 5 s'applique, en faisant les adaptations nécessaires, à l'article 6.", "fr", ["applies", "applies to"]),
    ("Les articles 5 et 6 s'appliquent mutatis mutandis à l'article 7.", "fr", ["applies", "applies to"]),
    ("Sections 4 and 5 apply with such modifications as the circumstances require to section 6.", "en",
     ["applies", "applies to"]),
    ("Sont exclues de l'application du présent règlement, à l'exception des articles 5 et 6, les pompes.", "fr",
     ["applies"]),
])
def test_adaptations_and_exclusions_written_as_drafters_write_them(text, lang, expected):
    assert [r for w, r, _ in cited(text, "2", lang) if "présent" not in w] == expected


@pytest.mark.parametrize("text", ["l'article 1er", "l'article premier du présent règlement"])
def test_the_first_article_in_words(text):
    assert [t for _, _, ts in cited(text, "3") for t in ts] == [f"{DOC}/1"]


def test_the_first_paragraph_after_article_is_no_first_article():
    assert [t for _, _, ts in cited("l'article premier alinéa", "3") for t in ts] == [f"{DOC}/3/p1"]


# -- the section or division before or after the citing one ---------------------------------------------------
@pytest.mark.parametrize("text, number, expected", [
    ("les normes du chapitre précédent", "3", f"{DOC}/chapter:I"),
    ("conformément au chapitre suivant", "3", f"{DOC}/chapter:III"),
    ("les exigences de la section précédente", "4", f"{DOC}/chapter:II/division:I"),
    ("la section suivante", "5", f"{DOC}/chapter:II/division:III"),
    ("conformément à l'article précédent", "5", f"{DOC}/4"),
    ("les exigences de l'article suivant", "5", f"{DOC}/6"),
])
def test_the_neighbour_of_the_citing_section_or_division(text, number, expected):
    assert [t for _, _, ts in cited(text, number) for t in ts] == [expected]


@pytest.mark.parametrize("text, number", [
    ("le chapitre précédent", "1"),  # the first chapter has none before it
    ("la section suivante", "6"),  # the last section of chapter II
    ("la section précédente", "1"),  # chapter I has no sections
    ("les articles suivants: 1° …", "2"),  # plural: what follows is announced
    ("remplacé par l'article suivant: « 5. … »", "2"),
])
def test_no_neighbour_at_an_edge_nor_for_words_that_announce(text, number):
    assert [t for _, _, ts in cited(text, number) for t in ts] == []


@pytest.mark.parametrize("text, number, expected", [
    ("the preceding section", "5", f"{DOC}/4"),
    ("the next section applies", "5", f"{DOC}/6"),
    ("the previous Chapter", "7", f"{DOC}/chapter:II"),
    ("the next Division", "3", f"{DOC}/chapter:II/division:II"),
])
def test_the_neighbour_in_english(text, number, expected):
    assert [t for _, _, ts in cited(text, number, "en") for t in ts] == [expected]


@settings(max_examples=examples(40), deadline=None)
@given(st.sampled_from(sorted(PLACES)), st.sampled_from(["précédent", "suivant"]))
def test_generated_neighbouring_sections(number, word):
    order = list(PLACES)
    at = order.index(number) + (1 if word == "suivant" else -1)
    expected = [f"{DOC}/{order[at]}"] if 0 <= at < len(order) else []
    assert [t for _, _, ts in cited(f"conformément à l'article {word}, le", number) for t in ts] == expected


@pytest.mark.parametrize("text, expected", [
    ("Outre l'article 5, l'article 6 s'applique.", ["cites", "applies"]),
    ("À l'exception de ce qui est prévu à l'article 5, le présent article s'applique.", ["cites", "applies"]),
    ("Les articles 3, 4 et 5 s'appliquent.", ["applies"]),
    ("L'article 3, l'article 4 et l'article 5 s'appliquent.", ["applies", "applies", "applies"]),
    ("Sous réserve de l'article 2 et à l'exception de l'article 3, le présent chapitre s'applique.",
     ["subject to", "applies", "applies"]),
])
def test_a_comma_alone_joins_subjects_only_in_a_list(text, expected):
    assert relations(text) == expected


# -- pinpoints in more shapes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("le premier et le deuxième alinéas de l'article 5", ("p1", "p2")),
    ("les deuxième et troisième alinéas de l'article 5", ("p2", "p3")),
])
def test_ordinals_listed_with_their_articles(text, expected):
    ((_, _, targets),) = cited(text, "2")
    assert [t.rsplit("/", 1)[1] for t in targets] == list(expected)


def test_a_range_written_inclusively():
    assert cited("Les articles 3 à 5 inclusivement s'appliquent.", "2") == [
        ("articles 3 à 5 inclusivement", "applies", (f"{DOC}/3", f"{DOC}/4", f"{DOC}/5"))]


@pytest.mark.parametrize("text, expected", [
    ("au § 2 de la section II du chapitre II", f"{DOC}/chapter:II/division:II/subdivision:2"),
    ("le § 1 de la présente section", f"{DOC}/chapter:II/division:II/subdivision:1"),
    ("le § 5 s'applique", f"{DOC}/5"),  # alone, « § » is a section
])
def test_a_paragraph_sign_before_its_division_is_a_subdivision(text, expected):
    assert [t for _, _, ts in cited(text, "4") for t in ts] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("paragraphs 14(2)(a) to (c) of the Hazardous Products Act", ["14/2/a", "14/2/b", "14/2/c"]),
    ("paragraphs 14(2)(a) and (c) of the Hazardous Products Act", ["14/2/a", "14/2/c"]),
    ("subparagraphs 14(2)(a)(i) to (iii) of the Hazardous Products Act", ["14/2/a/i", "14/2/a/ii", "14/2/a/iii"]),
    ("paragraphs 14(2)(a), (b) or (d) of the Hazardous Products Act", ["14/2/a", "14/2/b", "14/2/d"]),
])
def test_a_list_or_range_of_the_last_label_in_the_federal_style(text, expected):
    ((_, _, targets),) = cited(text, "2", "en")
    assert list(targets) == [f"canada:rsc-1985-c-h-3/{x}" for x in expected]


def test_a_range_of_the_last_label_after_a_section_number():
    (_, _, targets), = cited("section 5(2)(b) to (d) and", "2", "en")
    assert targets == (f"{DOC}/5/p1/2/b", f"{DOC}/5/p1/2/c", f"{DOC}/5/p1/2/d")


# -- the enabling act standing alone -------------------------------------------------------------------------
R8_42 = ("la dénomination chimique et la concentration doivent être divulguées sur la fiche signalétique conformément à "
         "la Loi mais pour lequel il existe une appellation générique")
"""S-2.1, r. 8, s. 42 (the second held-out set: « la Loi », the Act as a whole, S-2.1)."""


@pytest.mark.parametrize("text, lang, words", [(R8_42, "fr", "la Loi"), ("en vertu de la Loi, le travailleur", "fr", "la Loi"),
                                               ("the rights conferred by the Act.", "en", "the Act")])
def test_the_act_alone_in_a_regulation_is_its_enabling_act(text, lang, words):
    assert [(w, ts) for w, _, ts in cited(text, "2", lang)] == [(words, ("Z-7",))]


@pytest.mark.parametrize("text", ["la Loi sur les normes du travail", "la Loi (chapitre N-1.1)", "une loi", "the Act respecting labour standards"])
def test_a_title_or_a_lower_case_law_is_no_enabling_act(text):
    assert "Z-7" not in [t for _, _, ts in cited(text, "2", "en" if "Act" in text else "fr") for t in ts]


def test_the_act_alone_outside_a_regulation_is_no_reference():
    from graph.references import extract_references

    statute = Document("Z-8", "statute", "fr", "Loi d'essai", "z8.html", sections=(
        Section("Z-8/1", "1", IN_FORCE, None, (Unit("Z-8/1/p1", "paragraph", "", "1", "Conformément à la Loi, il agit.",
                                                   Source(1, "")),), Source(1, "1")),))
    assert [r for r in extract_references(Corpus((statute,))) if r.type not in ("defines", "uses term")] == []


# -- « et suivants », decrees ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, words", [
    ("les exigences des articles 5 et suivants s'appliquent", "fr", "articles 5 et suivants"),
    ("aux articles 5 et suiv. du présent règlement", "fr", "articles 5 et suiv. du présent règlement"),
    ("under sections 5 and following", "en", "sections 5 and following"),
    ("see sections 5 et seq. of this Regulation", "en", "sections 5 et seq. of this Regulation"),
])
def test_and_following_is_read_in_the_citation(text, lang, words):
    ((got, _, targets),) = cited(text, "2", lang)
    assert (got, targets) == (words, (f"{DOC}/5",))


@pytest.mark.parametrize("text, lang, words", [
    ("(D. 1234-2019, a. 5)", "fr", "D. 1234-2019, a. 5"),
    ("(D. 1520-92, a. 3; D. 605-2014, a. 1)", "fr", "D. 1520-92, a. 3"),
    ("modifié par l'article 5 du décret 1234-2019", "fr", "article 5 du décret 1234-2019"),
    ("section 5 of Order in Council 1234-2019", "en", "section 5 of Order in Council 1234-2019"),
    ("(O.C. 1234-2019, s. 5)", "en", "O.C. 1234-2019, s. 5"),
])
def test_a_decree_cited_by_number_is_the_decree_not_the_citing_document(text, lang, words):
    got = cited(text, "2", lang)
    assert got[0][0] == words
    assert all(not t.startswith(DOC) for _, _, ts in got for t in ts)
    assert got[0][2][0].startswith("D. ")


def test_a_capital_d_alone_is_no_decree():
    assert cited("le plan D. 5 et l'article 5", "2") == [("article 5", "cites", (f"{DOC}/5",))]


@pytest.mark.parametrize("text, expected", [
    ("articles 5 et suivants du Règlement d'essai sur les voisins", (f"{DOC}/5",)),
    ("le chapitre II du Règlement d'essai sur les voisins", (f"{DOC}/chapter:II",)),
    ("D. 1234-2019, a. 5", ("D. 1234-2019",)),
])
def test_lookup_reads_the_same_forms(text, expected):
    assert read(text, index()).targets == expected


_PIECES = ["à l'exception des", "sauf", "articles", "5", "et", "suivants", "s'appliquent", ",", "les dispositions",
           "contenues au", "chapitre", "précédent", "section", "suivante", "D.", "1234-2019", "a.", "décret", "the",
           "preceding", "section", "except", "apply", "O.C.", " ", "\u00a0"]


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.sampled_from(["fr", "en"]))
def test_random_text_of_the_new_forms_never_raises(pieces, lang):
    text = " ".join(pieces)
    for number in ("1", "4", "7"):
        cited(text, number, lang)
    for found in find_citations(text, lang):
        assert text[found.start:found.end] == found.text


@pytest.mark.slow
@pytest.mark.parametrize("piece", ["s'applique, à l'exception des articles 3, 4 et 8, ", "le chapitre précédent; ",
                                   "articles 5 et suivants, ", "(D. 1234-2019, a. 5) ",
                                   "auquel s'appliquent, en les adaptant, les dispositions contenues au paragraphe 2 "])
def test_the_new_forms_are_scanned_in_linear_time(piece):
    from tests.test_citation_speed import _linear

    assert _linear(lambda size: find_citations(piece * (size // len(piece)), "fr"), 40_000)


# -- the scorer: a closing text is its unit's -------------------------------------------------------------------
def test_the_scorer_reads_a_closing_text_in_its_unit_not_its_last_item():
    pid = f"{DOC}/1/p1"
    items = tuple(Unit(f"{pid}/2/a/{r}", "item", f"{r}.", r, t, Source(1, t))
                  for r, t in (("i", "le premier tirage;"), ("ii", "le second tirage.")))
    clause = Unit(f"{pid}/2/a", "clause", "a)", "a", "selon les procédures suivantes:", Source(1, ""), children=items,
                  closing="Une association peut se regrouper aux fins du présent sous-paragraphe.")
    paragraph = Unit(pid, "paragraph", "", "1", "Les modalités:", Source(1, ""), children=(
        Unit(f"{pid}/2", "subparagraph", "2°", "2", "", Source(1, ""), children=(clause,)),))
    page = Document(DOC, "regulation", "fr", "t", "t.html", sections=(_section("1", None, units=(paragraph,)),))
    text = ("Les modalités: 2°  a)  selon les procédures suivantes: i.  le premier tirage; ii.  le second tirage. "
            "Une association peut se regrouper aux fins du présent sous-paragraphe.")
    parts = {uid: text[start:end] for start, end, uid in _items(text, pid, page)}
    assert parts[f"{pid}/2/a/ii"].strip() == "le second tirage."
    assert parts[f"{pid}/2/a"].strip() == "Une association peut se regrouper aux fins du présent sous-paragraphe."
