"""What the pages show about a provision, computed from the knowledge base (no re-parsing):
text cut into linked segments, definitions of the terms it uses, and who cites it."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from alinea.ids import amending_act_slug
from alinea.kb import KnowledgeBase
from alinea.labels import parts, titled
from alinea.model import Division, Reference, Section, Unit
from graph.cite import cite, division_label, itself, official_url
from graph.cite.acts import load_acts
from graph.govern_delegation import REGULATION_POWER
from graph.govern_why import (
    Cited,
    Said,
    Why,
    concept_name,
    joined,
    node_pieces,
    path_pieces,
    pieces,
    plain,
    step_pieces,
    text,
    translator,
    why,
    with_article,
)
from web.i18n import current_language, gettext, lazy_gettext, separator, translations, word

LINK_TYPES = ("cites", "applies", "applies to", "despite", "subject to", "for the purposes of",
              "within the meaning of", "cited by guidance", "integrated into", "establishes", "made under")


ITSELF_ANCHOR = "about-itself"
"""Where a document's page lists its provisions' mentions of it as a whole: the words « le présent règlement » link there."""

AROUND = {"figure": lazy_gettext("Provisions around %(label)s"), "page": lazy_gettext("Graph around %(label)s"),
          "heading": lazy_gettext("The law graph around %(label)s"), "caption": lazy_gettext("The graph around %(label)s")}
"""The messages that name the node a graph is drawn around (`Presenter.around`)."""


@dataclass(frozen=True)
class Segment:
    """A piece of a unit's text: plain, a cross-reference or a defined term."""

    text: str
    href: str = ""
    kind: str = ""
    """``ref`` (a citation), ``term`` (a defined term) or empty for plain text."""
    title: str = ""
    """What the link says on hover and focus (the relation, or the term's definition)."""
    target: str = ""


def href(kb: KnowledgeBase, target: str) -> str:
    """Our page for a node, or the official page for a provision outside the corpus."""
    if target in kb or target.startswith(("program:", "term:")):
        return f"/{target}"
    graph = kb.graph
    if target in graph and graph.nodes[target].get("kind") == "amending act":
        return f"/acts/{amending_act_slug(target)}"
    if target in graph and graph.nodes[target].get("url"):
        return official_url(target, current_language()) or graph.nodes[target]["url"]  # in the reader's language
    return official_url(target, current_language())


def catalogue(template: str, count: int | None = None) -> str:
    """A template of govern's reasons in the interface's language, its parts left to fill
    (graph.govern_why.Translate): a plural message of the catalogues when it counts words."""
    return translator(translations())(template, count)


def presenter() -> "Presenter":
    """The presenter of the knowledge base this request serves (built once per version)."""
    from web.kb import get_kb, snapshot

    return snapshot().cached("presenter", lambda: Presenter(get_kb()))


class Presenter:
    """Per-knowledge-base helpers for templates, built once at start-up."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.definitions = self._definitions()

    def _definitions(self) -> dict[str, tuple[str, str]]:
        """Term id -> (the id of the section that defines it, its words); the section is empty for a glossary entry."""
        out: dict[str, tuple[str, str]] = {}
        for ref in self.kb.corpus.references:
            if ref.type != "defines" or ref.target in out or ref.source not in self.kb:
                continue
            node = self.kb.get(ref.source).node
            text = node.full_text if isinstance(node, Unit) else getattr(node, "text", "")
            section = "/".join(ref.source.split("/")[:2])
            out[ref.target] = (section, " ".join(text.split())[:280] + ("…" if len(text) > 280 else ""))
        for concept in self.kb.glossary or ():
            out.setdefault(concept.id, ("", ""))
        return out

    def definition(self, term_id: str) -> str:
        """What a term's link says on hover: the defining section and its words, in the interface's language."""
        if term_id not in self.definitions:
            return term_id
        where, words = self.definitions[term_id]
        if where:
            citation = cite(where, "short", current_language(), home=where.split("/")[0])
            return gettext("%(citation)s: %(text)s", citation=citation, text=words)
        concept = self.kb.glossary.get(term_id)
        if concept.fr_verified:
            return f"{concept.en} / {concept.fr}"
        return gettext("%(en)s / %(fr)s (French name not yet found in the French texts: a working translation)",
                       en=concept.en, fr=concept.fr)

    def segments(self, source_id: str, text: str, field: str = "text") -> list[Segment]:
        """The text with its citations and defined terms as links; overlapping spans keep the
        longer one (a citation over a term inside it)."""
        refs = [r for r in self.kb.refs_out.get(source_id, [])
                if r.field == field and r.start is not None and r.end is not None and r.end <= len(text)
                and (r.type in LINK_TYPES or r.type == "uses term")
                and (field != "front" or text[r.start:r.end] == r.text)]  # a document has several front lines
        refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
        out: list[Segment] = []
        pos = 0
        for ref in refs:
            if ref.start < pos:
                continue
            if ref.start > pos:
                out.append(Segment(text[pos:ref.start]))
            out.append(self._link(ref, text[ref.start:ref.end]))
            pos = ref.end
        if pos < len(text):
            out.append(Segment(text[pos:]))
        return out

    def _link(self, ref: Reference, words: str) -> Segment:
        if ref.type == "uses term":
            return Segment(words, href(self.kb, ref.target), "term", self.definition(ref.target), ref.target)
        target = self.target_label(ref.target, ref.self_mention)
        title = f"{word(ref.type)}{separator(':')}{target}" if ref.type != "cites" else target
        link = f"/{ref.target}#{ITSELF_ANCHOR}" if ref.self_mention and ref.target in self.kb else href(self.kb, ref.target)
        return Segment(words, link, "ref", title, ref.target)

    def cited_by(self, section: Section) -> dict[str, list[Reference]]:
        """References into the section or its units, grouped: provisions, regulation powers,
        guidance, regulations made under the section (each regulation once); each citing source
        once per target."""
        return self.cited_into(section.id, [section.id] + [u.id for u in section.walk()])

    def cited_outside(self, node_id: str) -> dict[str, list[Reference]]:
        """`cited_by` for an id outside the library that the library refers to: the references into
        it and into every unit under it that the library names."""
        prefix = node_id + "/"
        return self.cited_into(node_id, [node_id] + [t for t in self.kb.refs_in if t.startswith(prefix)])

    def cited_into(self, root: str, ids: list[str]) -> dict[str, list[Reference]]:
        """The references into `ids` (`root` and units under it) from outside `root`, grouped as `cited_by` says."""
        groups: dict[str, list[Reference]] = {"provisions": [], "regulation powers": [], "guidance": [],
                                              "regulations made under": []}
        seen: set[tuple[str, str]] = set()
        for node_id in ids:
            for ref in self.kb.refs_in.get(node_id, []):
                if ref.type not in LINK_TYPES or ref.source.startswith(root + "/") or ref.source == root:
                    continue
                key = (ref.source, "" if ref.type == "made under" else ref.target)
                if key in seen:
                    continue
                seen.add(key)
                if ref.type == "made under":
                    groups["regulations made under"].append(ref)
                elif ref.source.startswith("guidance:"):
                    groups["guidance"].append(ref)
                elif self.is_regulation_power(ref.source):
                    groups["regulation powers"].append(ref)
                else:
                    groups["provisions"].append(ref)
        return groups

    def is_regulation_power(self, node_id: str) -> bool:
        """True for provisions of a section that empowers the Government to make regulations."""
        if node_id not in self.kb:
            return False
        section = self.kb.get(node_id).section
        opening = section.units[0].text if section and section.units else ""
        return bool(REGULATION_POWER.search(opening))

    def enabling_notes(self, doc) -> list[tuple[str, str]]:
        """(act's title, note) for each enabling note printed under a regulation's title; the
        note's citations link through `segments(doc.id, note, "front")`."""
        from graph.cite import enabling_notes

        front = [line.raw for line in doc.front]
        out = []
        for note in enabling_notes(doc):
            i = front.index(note.raw)
            before = front[i - 1].strip() if i else ""
            named = before and before != doc.title and not before.lower().startswith(("chapitre", "chapter", "("))
            out.append((before if named else "", note.raw.strip()))
        return out

    def cited_provisions(self, doc) -> list[tuple[str, str]]:
        """(target, words) of the provisions a document cites, first citation of each, in order (not its
        mentions of itself: `about_itself`)."""
        out: dict[str, str] = {}
        for section in doc.sections:
            for node_id in [section.id] + [u.id for u in section.walk()]:
                for ref in self.kb.refs_out.get(node_id, []):
                    if ref.type in LINK_TYPES and ref.target and not ref.target.startswith(("program:", "term:")) \
                            and not ref.self_mention:
                        out.setdefault(ref.target, ref.text)
        return list(out.items())

    def itself(self, doc_id: str) -> str:
        """A document named from inside as a whole, in the interface's language ("this Act", « le présent
        règlement »): what a page calls the target of a provision's mention of its own document."""
        title = self.kb.document(doc_id).title if doc_id in self.kb else ""
        return itself(doc_id, current_language(), title)

    def target_label(self, target: str, self_mention: bool = False) -> str:
        """`label`, or `itself` for a mention of the citing document as a whole."""
        return self.itself(target) if self_mention else self.label(target)

    def seen_from(self, node_id: str, centre: str) -> str:
        """`label` of a node in the neighbourhood of `centre`: the document `centre` lies in is `itself` (a
        provision links to its own document only by mentioning it as a whole)."""
        own = "/" in centre and not centre.startswith("guidance:") and node_id == centre.split("/", 1)[0]
        return self.itself(node_id) if own else self.label(node_id)

    def about_itself(self, doc_id: str) -> list[tuple[str, list[tuple[Reference, str, str, str]]]]:
        """The document's mentions of itself as a whole (« Le présent règlement s'applique à … »), grouped by their
        type (applications first, plain mentions last), in document order: (type, [(reference, words before, the
        words, words after)]), the words around cut at a word, so that a list reads what each provision says of it."""
        groups: dict[str, list[tuple[Reference, str, str, str]]] = {}
        for ref in self.kb.self_mentions.get(doc_id, []):
            groups.setdefault(ref.type, []).append((ref, *self._around_words(ref)))
        order = [t for t in LINK_TYPES if t != "cites"] + ["cites"]
        return sorted(groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))

    def _around_words(self, ref: Reference, reach: int = 70) -> tuple[str, str, str]:
        node = self.kb.get(ref.source).node if ref.source in self.kb else None
        text = getattr(node, ref.field, "") if node is not None and ref.start is not None else ""
        if not isinstance(text, str) or text[ref.start:ref.end] != ref.text:
            return "", ref.text, ""
        before, after = text[max(0, ref.start - reach):ref.start], text[ref.end:ref.end + reach]
        if ref.start > reach:
            before = "…" + before.split(None, 1)[-1] if " " in before else before
        if ref.end + reach < len(text):
            after = after.rsplit(None, 1)[0] + "…" if " " in after else after
        return " ".join(before.split()) + (" " if before[-1:].isspace() else ""), ref.text, \
            (" " if after[:1].isspace() else "") + " ".join(after.split())

    def label(self, node_id: str) -> str:
        """A short human label for a node id (never the id of a thesaurus entry or of words typed):
        a provision or division of an act by the one formatter (graph.cite), in the interface's
        language (« art. 132 », "s. 132"); other nodes by the name the graph gives them."""
        if isinstance(node_id, Said) or node_id.startswith("thesaurus:"):
            return plain(node_pieces(node_id, current_language(), self.kb, catalogue))
        cited = self.cited(node_id)
        if cited:
            return cited
        if node_id.startswith(("program:", "term:")):
            return concept_name(self.kb, node_id, current_language())
        graph = self.kb.graph
        if node_id in graph and graph.nodes[node_id].get("label") not in (None, "", node_id):
            return str(graph.nodes[node_id]["label"])
        if node_id.startswith("guidance:") and node_id in self.kb:  # a paragraph of a guidance page: its section's heading
            located = self.kb.get(node_id)
            return (located.section.heading if located.section is not None else "") or located.doc.title
        return node_id

    def around(self, which: str, node_id: str, link: str = "") -> Markup:
        """A message of AROUND naming `node_id` by its label, with the French article a provision,
        a program or a term takes, contracted with the preposition before it (graph.govern_why:
        « autour de l’art. 55 », « autour du Programme de revenu de base »); the label linked to
        `link` when given."""
        out = Markup("")
        for piece in self._around(which, node_id):
            if isinstance(piece, Cited):
                out += Markup('<a href="%s">%s</a>') % (link, piece.text) if link else piece.text
            else:
                out += piece
        return out

    def around_text(self, which: str, node_id: str) -> str:
        """`around` as plain text (an SVG title)."""
        return "".join(p.text if isinstance(p, Cited) else p for p in self._around(which, node_id))

    def _around(self, which: str, node_id: str) -> list:
        label = self.label(node_id)
        named = "/" in node_id and not node_id.startswith("guidance:") or node_id.startswith(("program:", "term:"))
        name: list = with_article(Cited(label, node_id), current_language()) if named else [Cited(label, node_id)]
        before, _, after = str(AROUND[which]).partition("%(label)s")
        return joined([before], name) + [after]

    def step(self, step: str, node: bool = False) -> str:
        """A node (`node`) or an edge of a govern path as plain text in the interface's language
        (graph.govern_why prints both)."""
        printed = node_pieces if node else step_pieces
        return plain(printed(step, current_language(), self.kb, catalogue))

    def path(self, path: tuple[str, ...]) -> list[tuple[str, str, str]]:
        """A govern path in the interface's language (graph.govern_why.path_pieces), as `reasons`
        gives each reason: the nodes of the graph linked to their pages."""
        return [(p.text, href(self.kb, p.id), p.id) if isinstance(p, Cited) else (p, "", "")
                for p in path_pieces(path, current_language(), self.kb, catalogue)]

    def reasons(self, reasons: tuple[Why, ...]) -> list[list[tuple[str, str, str]]]:
        """Govern's reasons in the interface's language (graph.govern_why through the catalogues),
        each as (text, link, id) pieces: a provision printed by the one formatter, linked to its page."""
        lang = current_language()
        return [[(p.text, href(self.kb, p.id), p.id) if isinstance(p, Cited) else (p, "", "")
                 for p in pieces(reason, lang, self.kb, catalogue)] for reason in reasons]

    def line(self, key: str, **ids) -> list[tuple[str, str, str]]:
        """A line of the govern page that names provisions (`graph.govern_why.TEMPLATES[key]`), as
        `reasons` gives each reason: « à l’art. 83.3, al. 2 », « pris en vertu de l’art. 131 »."""
        return self.reasons((why(key, ids=ids),))[0]

    def say(self, reason: Why) -> str:
        """One reason of govern as plain text in the interface's language (the JSON API's ``text``)."""
        return text(reason, current_language(), self.kb, catalogue)

    def label_with_document(self, node_id: str) -> str:
        """`label`, with the chapter of the document for a provision (« c. S-2.1, r. 9, art. 1 »):
        the label of a source on a page of another document."""
        provision = "/".join(p for p in node_id.split("/") if not p.startswith("df:"))  # a definition: its provision
        if "/" in provision and not provision.startswith("guidance:"):
            text = cite(provision, "short", current_language())
            if text != provision:
                return text
        if "/" in node_id and node_id.startswith("guidance:") and node_id in self.kb:
            return f"{self.kb.get(node_id).doc.title} › {self.label(node_id)}"
        return self.label(node_id)

    def cited(self, node_id: str) -> str:
        """A provision or division of an act as `graph.cite.cite` prints it in the interface's
        language: within its own act when the act is in the library, else with the act's chapter
        (« c. A-2.1, art. 57 »); "" for guidance, documents and other nodes."""
        if node_id.startswith("guidance:") or "/" not in node_id:
            return ""
        doc = node_id.split("/", 1)[0]
        text = cite(node_id, "short", current_language(), home=doc if doc in self.kb else None)
        return "" if text == node_id else text

    def title(self, node_id: str, default: str = "") -> str:
        """How a list names a section or division of an act: its label in the interface's language
        and its heading as the act writes it (« art. 132 Avoirs liquides… », "Chapitre I — Basic…");
        `default` for a guidance page or anything else."""
        if node_id not in self.kb or node_id.startswith("guidance:"):
            return default
        node = self.kb.get(node_id).node
        if not isinstance(node, (Division, Section)):
            return default
        return titled(node_id, getattr(node, "heading", "") or "", current_language()) or default

    def doc_name(self, doc) -> tuple[str, str]:
        """How a page names a document (its name in the interface's language where the library knows
        one, else its own title) and the language of those words."""
        lang = current_language()
        name = load_acts().title(doc.id, lang)
        return (name, lang) if name else (doc.title, doc.lang)

    def lang_of(self, node_id: str) -> str:
        """The language of the document a node's words come from ('' outside the library): what a
        page marks on words it quotes from it, never on a label it prints."""
        return self.kb.get(node_id).doc.lang if node_id in self.kb else ""

    def title_parts(self, node_id: str, default: str = "", lang: str = "") -> tuple[str, str, str, str]:
        """`title` in parts, so that a page can mark each one's language: (label, separator,
        heading, the heading's language); the label is in the interface's language, the heading in
        its document's (`lang` when the node is not in the library)."""
        if node_id not in self.kb or node_id.startswith("guidance:"):
            return "", "", default, lang
        located = self.kb.get(node_id)
        if not isinstance(located.node, (Division, Section)):
            return "", "", default, lang
        label, separator, heading = parts(node_id, getattr(located.node, "heading", "") or "", current_language())
        return label, separator if heading else "", heading, located.doc.lang

    def crumb(self, division: Division) -> str:
        """A division in a breadcrumb: its own label in the interface's language (« Titre II »),
        else as the act prints it."""
        return division_label(division.id, current_language()) or division.label
