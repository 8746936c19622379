"""The corpus the search tests index: every document `alinea build` can parse from
corpus/, plus two small hand-made guidance documents (French and English) built
from alinea.model types, so guidance is tested whether or not its ingester exists."""
from __future__ import annotations

from pathlib import Path

from alinea.build import link_corpus, parse_corpus
from alinea.model import Corpus, Document, Section, Source, Unit
from graph.concepts import load_glossary

ROOT = Path(__file__).resolve().parent.parent
FR_DOC = "guidance:test-solidarite"
EN_DOC = "guidance:test-online"


def _unit(section_id: str, n: int, text: str, kind: str = "paragraph", children: tuple[Unit, ...] = ()) -> Unit:
    return Unit(f"{section_id}/p{n}", kind, "", str(n), text, Source(n, text), children=children)


def _bullet(parent: str, n: int, text: str) -> Unit:
    return Unit(f"{parent}/{n}", "bullet", "•", str(n), text, Source(n, text))


def french_guidance() -> Document:
    """A French guidance page with elisions written both ways, accents and a bullet list
    (sentences taken from corpus/guidance/adel-66-72.fr.txt)."""
    s1, s2, s3 = f"{FR_DOC}/1", f"{FR_DOC}/2", f"{FR_DOC}/3"
    return Document(
        id=FR_DOC, kind="guidance", lang="fr", path="tests/search_corpus.py",
        title="Prestataire du Programme de solidarité sociale depuis 66 mois",
        sections=(
            Section(s1, "1", "in force", None, (
                _unit(s1, 1, "Le versement de l’ajustement à la prestation de base bonifié a pris fin en raison "
                             "de l’entrée en vigueur du Programme de revenu de base le 1er janvier 2023. Une personne "
                             "peut être considérée admise pour la 1re fois lors de son retour à l’aide."),
            ), Source(1, ""), heading="Fin du versement de l'ajustement bonifié"),
            Section(s2, "2", "in force", None, (
                _unit(s2, 1, "Sont aussi considérés les mois au cours desquels :", children=(
                    _bullet(f"{s2}/p1", 1, "la personne recevait un montant dans le cadre d'un Programme "
                                           "d'aide au revenu dans les réserves;"),
                    _bullet(f"{s2}/p1", 2, "la demande de révision de la décision a été accueillie."),
                )),
            ), Source(2, ""), heading="Périodes considérées"),
            Section(s3, "3", "in force", None, (
                _unit(s3, 1, "Une aide financière de dernier recours est versée chaque mois."),
            ), Source(3, ""), heading="Aide de dernier recours"),
        ))


def english_guidance() -> Document:
    """An English guidance page whose text looks like markup (it must come out escaped)."""
    s1 = f"{EN_DOC}/1"
    return Document(
        id=EN_DOC, kind="guidance", lang="en", path="tests/search_corpus.py",
        title="Online services – Last-resort financial assistance",
        sections=(
            Section(s1, "1", "in force", None, (
                _unit(s1, 1, "Paste <script>alert('x')</script> & other markup into the claim form "
                             "to test the escaping of snippets."),
            ), Source(1, ""), heading="Claim form"),
        ))


def search_corpus() -> Corpus:
    """What the search tests index."""
    docs, errors, _ = parse_corpus(ROOT / "corpus", lambda message: None)
    corpus, _ = link_corpus(docs + [french_guidance(), english_guidance()], load_glossary(), errors)
    return corpus
