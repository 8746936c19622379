"""Resolution against the corpus: guidance pages, French regulations, acts named elsewhere,
and what cannot be resolved (kept, with a reason)."""
from __future__ import annotations

from alinea.build import link_corpus
from alinea.model import IN_FORCE, Corpus, Document, Section, Source, Unit
from graph.cite import Context, Index, find_citations, resolve
from graph.concepts import load_glossary
from graph.references import extract_references
from tests.law_graph_data import act, context, index


def doc(doc_id: str, kind: str, lang: str, sections: dict[str, list[str]]) -> Document:
    """A small document: section number -> its paragraphs."""
    built = []
    for number, paragraphs in sections.items():
        sid = f"{doc_id}/{number}"
        units = tuple(Unit(f"{sid}/p{i}", "paragraph", "", str(i), text, Source(1, text))
                      for i, text in enumerate(paragraphs, 1))
        built.append(Section(sid, number, IN_FORCE, None, units, Source(1, number)))
    return Document(doc_id, kind, lang, f"Document {doc_id}", f"{doc_id}.txt", sections=tuple(built))


def targets(text: str, ctx: Context, lang: str = "en") -> list[tuple]:
    out = []
    for c in find_citations(text, lang, ctx.index.title_list):
        r = resolve(c, ctx)
        out.append((r.targets, r.missing, r.candidates))
        ctx = ctx.after(r)
    return out


def test_relative_references_in_their_section():
    assert targets("the first paragraph; this section; the preceding paragraph",
                   context("56", "A-13.1.1/56/p2")) == [
        (("A-13.1.1/56/p1",), (), ()), (("A-13.1.1/56",), (), ()), (("A-13.1.1/56/p1",), (), ())]
    assert targets("section 11, the legislative provisions referred to in that section",
                   context("131", "A-13.1.1/131/p1/1")) == [(("A-13.1.1/11",), (), ())] * 2
    assert targets("the third paragraph of section 72, the matters referred to in that paragraph",
                   context("133", "A-13.1.1/133/p1/3")) == [(("A-13.1.1/72/p3",), (), ())] * 2


def test_divisions_relative_to_the_citing_section():
    assert targets("Division II of this chapter", context("48")) == [
        (("A-13.1.1/title:II/chapter:I/division:II",), (), ())]
    assert targets("Chapter I", context("83.1")) == [(("A-13.1.1/title:II/chapter:I",), (), ())]
    assert targets("Chapter II of this Title", context("84")) == [(("A-13.1.1/title:III/chapter:II",), (), ())]


def test_what_the_corpus_lacks_is_missing_not_invented():
    assert targets("sections 40 to 43 and 999", context()) == [
        (("A-13.1.1/40", "A-13.1.1/41", "A-13.1.1/42", "A-13.1.1/43"), ("A-13.1.1/999",), ())]
    assert targets("the second paragraph of section 103", context()) == [((), ("A-13.1.1/103/p2",), ())]
    assert targets("paragraph 9 of section 27", context()) == [((), ("A-13.1.1/27/p1/9",), ())]


def test_ranges_outside_the_corpus_name_the_whole_numbers_between_their_ends():
    assert targets("sections 5 to 9 of the Labour Code (chapter C-27)", context()) == [
        (("C-27/5", "C-27/6", "C-27/7", "C-27/8", "C-27/9"), (), ())]
    # inserted numbers between cannot be known: a range with one keeps its ends
    assert targets("sections 5.1 to 9 of the Labour Code (chapter C-27)", context()) == [
        (("C-27/5.1", "C-27/9"), (), ())]
    assert targets("les paragraphes 2° à 4° de l'article 12 de la Loi sur les normes du travail (chapitre N-1.1)",
                   context(), "fr") == [(("N-1.1/12/p1/2", "N-1.1/12/p1/3", "N-1.1/12/p1/4"), (), ())]


def test_that_act_needs_an_act_before_it():
    result = resolve(find_citations("section 17 of that Act")[0], context("50"))
    assert result.targets == () and "that Act" in result.note


def test_unknown_and_ambiguous_titles():
    ctx = context("50")
    unknown = resolve(find_citations("section 5 of the Foo Bar Act")[0], ctx)
    assert unknown.targets == () and "Foo Bar Act" in unknown.note
    [code] = find_citations("under the Code of Civil Procedure", "en", index().title_list)
    assert resolve(code, ctx).candidates == ("C-25", "C-25.01")


def test_guidance_cites_the_statute_and_its_regulation():
    guidance = doc("guidance:adel-66-72", "guidance", "fr", {"1": [
        "Article 48 (Règlement sur l'aide aux personnes et aux familles)",
        "Article 133 (Loi sur l'aide aux personnes et aux familles)",
        ("Les prestataires du Programme de solidarité sociale, au sens du Règlement sur l'aide aux personnes "
         "et aux familles, et l'article 999 de la Loi.")]})
    assert not [r for r in extract_references(Corpus((act(), guidance))) if r.source.startswith("guidance:")]
    corpus, _ = link_corpus([act(), guidance], load_glossary())
    mine = [(r.target, r.type, r.text) for r in corpus.references
            if r.source.startswith("guidance:") and r.type != "uses term"]
    assert mine == [
        ("A-13.1.1-r1/48", "cited by guidance", "Article 48 (Règlement sur l'aide aux personnes et aux familles)"),
        ("A-13.1.1/133", "cited by guidance", "Article 133 (Loi sur l'aide aux personnes et aux familles)"),
        ("A-13.1.1-r1", "cited by guidance", "Règlement sur l'aide aux personnes et aux familles"),
        ("", "unresolved", "article 999 de la Loi")]
    uses = [(r.target, r.text) for r in corpus.references if r.source.startswith("guidance:") and r.type == "uses term"]
    assert ("program:social-solidarity", "Programme de solidarité sociale") in uses


def test_french_regulation_reads_the_act_it_is_made_under():
    regulation = doc("S-2.1-r2", "regulation", "fr", {
        "1": ["«entente»: l'entente visée à l'article 98 de la Loi;"],
        "24": [("Les signataires s'engagent, sous réserve du deuxième alinéa de l'article 28, à respecter "
                "le présent article et la section IV.")],
        "28": ["Texte un.", "Texte deux."]})
    refs = [(r.source, r.target, r.type) for r in extract_references(Corpus((regulation,)))]
    assert refs == [("S-2.1-r2/1/p1", "S-2.1/98", "cites"),
                    ("S-2.1-r2/24/p1", "S-2.1-r2/28/p2", "subject to"),
                    ("S-2.1-r2/24/p1", "S-2.1-r2/24", "cites"),
                    ("S-2.1-r2/24/p1", "S-2.1-r2/division:IV", "unresolved")]


def test_the_index_learns_titles_from_the_text():
    assert index().documents_titled("the Employment Insurance Act") == {"canada:sc-1996-c-23"}
    assert index().documents_titled("LEGAL AID ACT") == {"A-14"}  # a Title V heading over ss. 139-140
    assert index().regulation_of("A-13.1.1") == "A-13.1.1-r1"
    assert Index.build(Corpus(())).default_statute is None
