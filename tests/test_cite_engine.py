"""The citation engine (graph/cite/): its rule table, its data file, failures that name the
nearest provisions, federal acts, and property tests over generated and random text."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alinea.errors import AlineaError, NotFound
from graph.cite import (
    LANGS,
    RULES,
    SOURCES,
    STYLES,
    Context,
    cite,
    find_citations,
    load_acts,
    official_url,
    read,
    resolve,
)
from tests.law_graph_data import act, context, index

UNITS = [u.id for s in act().sections for u in s.walk() if "/q" not in u.id]


def test_every_rule_has_literals_and_runs_somewhere():
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.literals and rule.sources <= set(SOURCES), rule.name


def test_a_rule_whose_literals_are_absent_does_not_run():
    rule = next(r for r in RULES if r.name == "LégisQuébec address")
    assert not rule.runs_on("section 55 of this act", "query")
    assert rule.runs_on("see /en/document/cs/a-13.1.1", "query")
    assert not rule.runs_on("see /en/document/cs/a-13.1.1", "statute")


def test_machine_forms_are_read_in_typed_text_only():
    text = "see A-13.1.1/55/p1/2/a"
    assert [f.act.doc for f in find_citations(text, source="course")] == ["A-13.1.1/55/p1/2/a"]
    assert not [f for f in find_citations(text, source="statute") if f.act and f.act.kind == "id"]


@pytest.mark.parametrize("text, nearest", [
    ("s. 9999", "A-13.1.1/200"),
    ("s. 55(9)", "A-13.1.1/55/p1"),
    ("A-13.1.1/55/p7", "A-13.1.1/55"),
])
def test_a_citation_naming_nothing_fails_with_the_nearest_provisions(text, nearest):
    reading = read(text, index())
    assert not reading.targets and "\n" not in reading.error and text in reading.error
    assert nearest in reading.nearest


def test_it_never_resolves_to_something_else(kb):
    with pytest.raises(NotFound, match="nearest"):
        kb.lookup("s. 55(2)(z)")


def test_federal_acts_link_to_the_federal_consolidation():
    assert official_url("canada:sc-1996-c-23/22") == "https://laws-lois.justice.gc.ca/eng/acts/E-5.6/section-22.html"
    assert official_url("canada:sc-1996-c-23", "fr") == "https://lois-laws.justice.gc.ca/fra/lois/E-5.6/"
    found = find_citations("section 22 or 23 of the Employment Insurance Act", names=index().title_list)
    assert resolve(found[0], context("57")).targets == ("canada:sc-1996-c-23/22", "canada:sc-1996-c-23/23")


@pytest.mark.parametrize("content, message", [
    ("not json", "cannot read the acts file"),
    ('{"acts": {}}', "an 'acts' list"),
    ('{"acts": [{"id": "A-1", "jurisdiction": "mars", "title": {"en": "X"}}]}', "'jurisdiction'"),
    ('{"acts": [{"id": "A-1/2", "jurisdiction": "quebec", "title": {"en": "X"}}]}', "document id"),
    ('{"acts": [{"id": "A-1", "jurisdiction": "quebec", "title": {"en": "X"}, "colour": 1}]}', "unknown keys"),
    ('{"acts": [{"id": "canada:sc-1-c-1", "jurisdiction": "canada", "title": {"en": "X"}}]}', "consolidated"),
    ('{"acts": [{"id": "A-1", "jurisdiction": "quebec", "title": {"en": "X"}},'
     ' {"id": "A-2", "jurisdiction": "quebec", "title": {"en": "X"}}]}', "already names A-1"),
])
def test_the_acts_file_is_checked_on_load(tmp_path, content, message):
    path = tmp_path / "acts.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlineaError, match=message) as error:
        load_acts(path)
    assert str(path) in str(error.value)


def test_the_acts_file_of_the_corpus_is_valid():
    acts = load_acts()
    assert acts.by_name["lapf"] == "A-13.1.1" and acts.by_name["rapf"] == "A-13.1.1-r1"
    assert json.loads(json.dumps(acts.names))


# -- properties -------------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(UNITS), st.sampled_from(STYLES), st.sampled_from(LANGS),
       st.sampled_from(["See ", "Despite ", "Voir ", "", "(", "as provided by "]),
       st.sampled_from([".", ", and the rest", ";", ")", ""]))
def test_a_printed_citation_inside_text_resolves_to_its_unit(unit, style, lang, before, after):
    printed = cite(unit, style, lang, home="A-13.1.1")
    text = before + printed + after
    found = [f for f in find_citations(text, lang, index().title_list, source="course") if f.levels]
    assert [f.text.rstrip(".") for f in found] == [printed.rstrip(".")]  # "para." may take the sentence's period
    assert resolve(found[0], Context(index(), "", base="A-13.1.1")).targets == (unit,)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.sampled_from(SOURCES),
       st.sampled_from(LANGS))
def test_random_text_never_raises(text, source, lang):
    found = find_citations(text, lang, index().title_list, source=source)
    for f in found:
        assert text[f.start:f.end] == f.text
        resolve(f, Context(index(), "", base="A-13.1.1"))
    read(text, index())


LEGAL_ALPHABET = list("0123456789()., -–°§abcdfipsx") + ["s. ", "art. ", "section ", " of ", " du ", "al. ", "para. ",
                                                          "subpara. ", "CQLR c ", "A-13.1.1", "/p1/", " to ", " à "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LEGAL_ALPHABET), max_size=40).map("".join), st.sampled_from(LANGS))
def test_citation_like_noise_never_raises(text, lang):
    for f in find_citations(text, lang, source="query"):
        assert text[f.start:f.end] == f.text
        resolve(f, Context(index(), "", base="A-13.1.1"))
    read(text, index())


# -- what a number belongs to ------------------------------------------------------------
@pytest.mark.parametrize("text, lang, other", [
    ("section 12 of the agreement applies", "en", "the agreement"),
    ("l'article 12 de l'entente", "fr", "entente"),
])
def test_a_number_of_another_document_named_nearby_is_not_a_provision_of_the_law(text, lang, other):
    [found] = [f for f in find_citations(text, lang) if f.levels]
    assert found.act is not None and found.act.kind == "other" and found.act.name == other
    resolution = resolve(found, context("55"))
    assert resolution.targets == () and "another document" in resolution.note


@pytest.mark.parametrize("text, lang, standard", [
    ("conformément à l'article 4.3 de la norme CSA Z462 et", "fr", "standard:csa-z462"),
    ("selon la norme CSA Z94.1, article 4.3.2", "fr", "standard:csa-z94.1"),
    ("under section 4.2 of CSA standard Z94.4-11", "en", "standard:csa-z94.4-11"),
])
def test_a_number_of_a_technical_standard_is_the_standards(text, lang, standard):
    [found] = [f for f in find_citations(text, lang) if f.levels]
    assert found.act is not None and found.act.kind == "standard"
    assert resolve(found, context("55")).targets == (standard,)


def test_numbers_of_the_law_itself_still_are():
    found = find_citations("l'article 3 du présent règlement et l'article 5 de la présente loi", "fr")
    assert [(f.text, f.act.kind) for f in found] == [("article 3 du présent règlement", "this"),
                                                     ("article 5 de la présente loi", "this")]


def test_a_regulation_cites_its_enabling_act_by_its_chapter():
    from alinea.model import Corpus
    from graph.cite import Index

    empty = Context(Index.build(Corpus(())), "S-2.1-r12")
    [found] = find_citations("(chapitre S-2.1, a. 223, 1er al., par. 36)", "fr")
    assert resolve(found, empty).targets == ("S-2.1/223/p1/36",)


def test_the_regulation_is_the_one_in_the_library(kb):
    from alinea.model import Corpus
    from graph.cite import Index
    from ingest.legisquebec_text import parse_statute_text

    regulation = parse_statute_text("Updated to 1 January 2025\nchapter A-13.1.1, r. 1\n"
                                    "Individual and Family Assistance Regulation\n"
                                    "48. An adult is deemed to reside in Québec.\nD. 1073-2006, s. 48.\n", "reg.txt")
    library = Index.build(Corpus((act(), regulation)))
    [found] = find_citations("section 48 of the regulation", "en")
    assert resolve(found, Context(library, "A-13.1.1", "A-13.1.1/131")).targets == ("A-13.1.1-r1/48",)


@pytest.mark.parametrize("text, lang", [
    ("Conformément à la Loi, le ministre", "fr"), ("under the Act, the Minister", "en"),
    ("cette loi s'applique", "fr"), ("that Act applies", "en"), ("chapter 23 of the Statutes of 1996", "en"),
    ("l'article 5 du décret 1234-2019", "fr"), ("the preceding section applies", "en")])
@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\n", "  "])
def test_any_run_of_spaces_reads_as_one_space(text, lang, space):
    """The rules' literals are written with one space; text with a no-break space, a thin space, a line
    break (a course note's soft break) or two spaces holds the same citations (the literal test once
    skipped the rule)."""
    from graph.cite.literals import may_hold_citations

    def read(found):  # what each citation names; its words keep the spaces as written
        return [(f.act and (f.act.kind, f.act.doc), f.levels) for f in found]

    plain = read(find_citations(text, lang))
    spaced_out = text.replace(" ", space)
    assert plain and may_hold_citations(spaced_out)
    assert read(find_citations(spaced_out, lang)) == plain
