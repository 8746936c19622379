"""Course material: a trainer's Markdown notes with citations turned into links and excerpts.

Citations are written ``[[s. 55(2)(a)]]`` (a link), ``![[s. 83.24]]`` on a line of its own (the
provision's current text embedded), or as plain text ("section 83.24"), which a citation finder
links too. Rendering uses markdown-it-py (CommonMark with tables) with raw HTML disabled, so notes
cannot inject markup.

A handout stands alone: its links are absolute (`public_links` to a public copy of the site, or
`official_links` to each provision's LégisQuébec page), its citations are in the house style with
their pinpoints, and its HTML and Markdown carry the same content: the notes, the excerpts with
their structure, each cited document's consolidation date and one list of the provisions used.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from alinea.errors import NotFound, Outside
from alinea.ids import legisquebec_url
from alinea.kb import KnowledgeBase, Located
from alinea.limits import limit
from alinea.model import IN_FORCE, Division, Document, Unit
from alinea.views import Line, provision_lines

MAX_NOTES = limit("course_notes")
WIKI = re.compile(r"\[\[([^\[\]\n]{1,200})\]\]")
EMBED_LINE = re.compile(r"^ {0,3}!\[\[([^\[\]\n]{1,200})\]\]\s*$")
WORDY = re.compile(r"[^\W_]")
"""A letter or a digit: a text without one holds no citation."""
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")

# (text) -> [(start, end, provision id)] for citations written in plain text
Finder = Callable[[str], list[tuple[int, int, str]]]
# (provision id) -> the address a link to it points at
Linker = Callable[[str], str]
# (English words) -> the words in the reader's language
Translate = Callable[[str], str]
# (ISO date) -> the date as the reader writes it ("August 31, 2024", « 31 août 2024 »)
DateWriter = Callable[[str], str]


def site_links(base_url: str = "") -> Linker:
    """Links to this site's pages (`base_url` empty: relative, for a page of the site itself)."""
    base = base_url.rstrip("/")
    return lambda node_id: f"{base}/{node_id}"


def public_links(public_url: str) -> Linker:
    """Links to the public copy of the site at `public_url` (ALINEA_PUBLIC_URL)."""
    return site_links(public_url)


def official_links(kb: KnowledgeBase) -> Linker:
    """Links to each provision's official page: LégisQuébec for acts and regulations, the
    publisher's address for guidance pages."""
    def link(node_id: str) -> str:
        doc = kb.get(node_id).doc
        return doc.url if doc.kind == "guidance" else legisquebec_url(node_id, doc.lang)
    return link


@dataclass
class Course:
    """A rendered course: the HTML body, the Markdown with links, and what it cites."""

    html: str
    markdown: str
    used: list[str] = field(default_factory=list)
    """Provision ids cited, in order of first use."""
    unresolved: list[str] = field(default_factory=list)
    """Citations written between [[ ]] that name no provision."""
    outside: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Those of them read as something outside the knowledge base (a federal provision, a standard): citation ->
    (its id, the line saying what it is and where its official text is)."""


def citation(located: Located, lang: str | None = None) -> str:
    """The house style with its pinpoint, from the one formatter (graph.cite), in `lang` (the
    document's by default): ``Individual and Family Assistance Act, CQLR c A-13.1.1, s 55(2)(a)``,
    « Loi sur l'aide aux personnes et aux familles, RLRQ c A-13.1.1, art 55 »; a guidance section:
    the page's title and the section's heading."""
    from graph.cite import cite

    doc, section = located.doc, located.section
    if doc.kind == "guidance":
        return f"{doc.title}, {section.heading}" if section is not None and section.heading else doc.title
    lang = lang or doc.lang
    return cite(located.node.id, "mcgill", lang, title=doc.title if lang == doc.lang else None)


def source_line(doc: Document, _: Translate, date: DateWriter = str) -> str:
    """``Individual and Family Assistance Act, CQLR c A-13.1.1, current to 2024-08-31`` (the
    document's citation from the one formatter, graph.cite)."""
    from graph.cite import cite

    name = cite(doc.id, "mcgill", doc.lang, title=doc.title) if doc.kind != "guidance" else doc.title
    current = (_("current to %(date)s") % {"date": date(doc.updated_to)} if doc.updated_to
               else _("consolidation date unknown"))
    return f"{name}, {current}"


class _Citations:
    def __init__(self, kb: KnowledgeBase, link: Linker, lang: str = "en") -> None:
        self.kb, self.link, self.lang = kb, link, lang
        self.used: list[str] = []
        self.unresolved: list[str] = []
        self.outside: dict[str, tuple[str, str]] = {}
        self._resolved: dict[str, str | None] = {}

    def resolve(self, text: str) -> str | None:
        if text not in self._resolved:
            try:
                self._resolved[text] = self.kb.lookup(text, lang=self.lang)
            except Outside as outside:
                self._resolved[text] = None
                self.unresolved.append(text)
                self.outside[text] = (outside.target, str(outside))
            except NotFound:
                self._resolved[text] = None
                self.unresolved.append(text)
        return self._resolved[text]

    def known(self, text: str) -> str | None:
        """The id a citation resolved to while rendering, without resolving anything new."""
        return self._resolved.get(text)

    def use(self, node_id: str) -> None:
        if node_id not in self.used:
            self.used.append(node_id)

    def url(self, node_id: str) -> str:
        return self.link(node_id)

    def documents(self) -> list[Document]:
        """The documents of the provisions used, in order of first use."""
        return list({self.kb.get(n).doc.id: self.kb.get(n).doc for n in self.used}.values())


def _status(located: Located) -> str:
    """What a handout marks: a unit's own status when it is not in force, else its section's; a
    division's own (a repealed chapter)."""
    status = located.node.status if isinstance(located.node, Division) else (
        located.section.status if located.section is not None else IN_FORCE)
    if isinstance(located.node, Unit) and located.node.status != IN_FORCE:
        status = located.node.status
    return "" if status == IN_FORCE else status


# -- one provision, as HTML and as Markdown ------------------------------------------------
def text_html(lines: list[Line]) -> str:
    """A provision's lines as paragraphs indented by depth (classes depth-0 … depth-4)."""
    out = []
    for line in lines:
        label = f'<span class="label">{html.escape(line.label)}</span> ' if line.label else ""
        out.append(f'<p class="depth-{min(line.depth, 4)}">{label}{html.escape(line.text)}</p>')
    return '<div class="provision-text">' + "\n".join(out) + "</div>"


def text_markdown(lines: list[Line], indent: str = "") -> str:
    """A provision's lines as a Markdown quote: paragraphs, then nested list items for (1), (a), i."""
    out: list[str] = []
    previous = None
    for line in lines:
        words = " ".join(part for part in (_md(line.label, start=True), _md(line.text, start=not line.label))
                         if part)
        if line.depth == 0:
            if previous is not None:
                out.append(">")
            out.append(f"> {words}")
        elif line.closing:
            out += [">", "> " + "  " * line.depth + words]
        else:
            if previous is not None and previous.depth == 0:
                out.append(">")
            out.append("> " + "  " * (line.depth - 1) + "- " + words)
        previous = line
    return "\n".join(indent + row for row in out)


def _md(text: str, start: bool = False) -> str:
    """Text that Markdown prints as it is: special characters escaped, and a leading number
    followed by a dot or parenthesis ("55." or "1)") kept from starting a list."""
    text = MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", text) if start else text


class _Handout:
    """The parts of a handout that HTML and Markdown share, built from the same data."""

    def __init__(self, citations: _Citations, _: Translate, date: DateWriter) -> None:
        self.c, self._, self.date = citations, _, date

    def caption(self, node_id: str) -> tuple[str, str, str]:
        """(citation, url, status and consolidation date) of a provision."""
        located = self.c.kb.get(node_id)
        status = _status(located)
        notes = [self._(status)] if status else []
        if located.doc.updated_to:
            notes.append(self._("current to %(date)s") % {"date": self.date(located.doc.updated_to)})
        return citation(located), self.c.url(node_id), ", ".join(notes)

    def excerpt_html(self, node_id: str) -> str:
        located = self.c.kb.get(node_id)
        title, url, notes = self.caption(node_id)
        after = f" ({html.escape(notes)})" if notes else ""
        lang = html.escape(located.doc.lang)  # the quoted text and its citation are in the document's language
        return (f'<figure class="excerpt" data-id="{html.escape(node_id)}"><blockquote lang="{lang}">'
                f'{text_html(provision_lines(located.node))}</blockquote>\n'
                f'<figcaption>— <a href="{html.escape(url)}" lang="{lang}">{html.escape(title)}</a>{after}</figcaption>'
                '</figure>\n')

    def excerpt_markdown(self, node_id: str, indent: str = "") -> str:
        located = self.c.kb.get(node_id)
        title, url, notes = self.caption(node_id)
        after = f" ({_md(notes)})" if notes else ""
        return (text_markdown(provision_lines(located.node), indent)
                + f"\n{indent}>\n{indent}> — [{_md(title)}]({url}){after}")

    def used_html(self, appendix: bool, level: int) -> str:
        _ = self._
        items = []
        for node_id in self.c.used:
            located = self.c.kb.get(node_id)
            title, url, _notes = self.caption(node_id)
            status = _status(located)
            badge = (f' <span class="badge status-{status.replace(" ", "-")}">{html.escape(_(status))}</span>'
                     if status else "")
            text = f"\n<blockquote>{text_html(provision_lines(located.node))}</blockquote>" if appendix else ""
            items.append(f'<li data-id="{html.escape(node_id)}"><a href="{html.escape(url)}">'
                         f'{html.escape(title)}</a>{badge}{text}</li>')
        sources = "\n".join(f"<li>{html.escape(source_line(doc, _, self.date))}</li>" for doc in self.c.documents())
        heading, consolidated = _("Provisions used"), _("Texts as consolidated:")  # outside f-strings: `make translations` reads them
        return (f'<section class="provisions-used"><h{level}>{html.escape(heading)}</h{level}>\n'
                f'<p>{html.escape(consolidated)}</p>\n<ul class="sources">{sources}</ul>\n'
                f'<ol class="used">{chr(10).join(items)}</ol></section>\n')

    def used_markdown(self, appendix: bool) -> str:
        _ = self._
        heading = _("Provisions used")
        rows = [f"## {heading}", "", _md(_("Texts as consolidated:")), ""]
        rows += [f"- {_md(source_line(doc, _, self.date))}" for doc in self.c.documents()]
        rows.append("")
        for number, node_id in enumerate(self.c.used, 1):
            located = self.c.kb.get(node_id)
            title, url, _notes = self.caption(node_id)
            status = _status(located)
            rows.append(f"{number}. [{_md(title)}]({url})" + (f" ({_md(_(status))})" if status else ""))
            if appendix:
                rows += ["", text_markdown(provision_lines(located.node), "   "), ""]
        return "\n".join(rows).rstrip("\n") + "\n"


# -- markdown-it rules ---------------------------------------------------------------------
def _cite_inline(citations: _Citations) -> Callable[[StateInline, bool], bool]:
    def rule(state: StateInline, silent: bool) -> bool:
        m = WIKI.match(state.src, state.pos)
        if not m:
            return False
        if not silent:
            token = state.push("cite", "", 0)
            token.content = m[1].strip()
            token.meta = {"id": citations.resolve(token.content)}
        state.pos = m.end()
        return True
    return rule


def _embed_block(citations: _Citations) -> Callable[[StateBlock, int, int, bool], bool]:
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.sCount[start] - state.blkIndent >= 4:
            return False
        m = EMBED_LINE.match(state.src[state.bMarks[start]:state.eMarks[start]])
        if not m:
            return False
        if not silent:
            token = state.push("cite_embed", "", 0)
            token.content = m[1].strip()
            token.meta = {"id": citations.resolve(token.content)}
            token.map = [start, start + 1]
        state.line = start + 1
        return True
    return rule


def _plain_citations(citations: _Citations, finder: Finder) -> Callable:
    def rule(state) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            out: list[Token] = []
            in_link = 0
            for token in block.children:
                in_link += token.type == "link_open"
                in_link -= token.type == "link_close"
                if token.type != "text" or in_link:
                    out.append(token)
                    continue
                out += _split_text(token, finder, citations)
            block.children = out
    return rule


def _split_text(token: Token, finder: Finder, citations: _Citations) -> list[Token]:
    text, pos, out = token.content, 0, []
    for start, end, node_id in finder(text):
        if start < pos or node_id not in citations.kb:
            continue
        if start > pos:
            out.append(_text(text[pos:start]))
        cite = Token("cite", "", 0)
        cite.content, cite.meta = text[start:end], {"id": node_id}
        out.append(cite)
        pos = end
    if not out:
        return [token]
    if pos < len(text):
        out.append(_text(text[pos:]))
    return out


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


FENCE = re.compile(r"^ {0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def _markdown_of(notes: str, citations: _Citations, handout: _Handout, finder: Finder) -> str:
    """The notes as Markdown with the [[citations]] the renderer resolved, and the plain-text
    citations it linked, turned into links, and ![[embeds]] into quotes of the provision's text;
    code blocks and code spans are left alone."""
    def link(m: re.Match) -> str:
        node_id = citations.known(m[1].strip())
        label = m[1].strip().replace("[", "\\[").replace("]", "\\]")
        return f"[{label}]({citations.url(node_id)})" if node_id else m[0]

    def plain(text: str) -> str:
        if "[" in text or "<" in text or "](" in text:
            return text  # a link of the author's own: leave its words alone
        parts, pos = [], 0
        for start, end, node_id in finder(text):
            if start < pos or node_id not in citations.used:
                continue
            parts += [text[pos:start], f"[{text[start:end]}]({citations.url(node_id)})"]
            pos = end
        return "".join(parts) + text[pos:]

    def linked(text: str) -> str:
        parts, pos = [], 0
        for m in WIKI.finditer(text):
            parts += [plain(text[pos:m.start()]), link(m)]
            pos = m.end()
        return "".join(parts) + plain(text[pos:])

    def outside_code(line: str) -> str:
        parts, pos = [], 0
        for span in CODE_SPAN.finditer(line):
            parts += [linked(line[pos:span.start()]), span[0]]
            pos = span.end()
        return "".join(parts) + linked(line[pos:])

    out, fence, previous_blank = [], None, True
    for line in notes.split("\n"):
        if fence:
            fence = None if line.strip().startswith(fence) else fence
            out.append(line)
        elif m := FENCE.match(line):
            fence = m[1]
            out.append(line)
        elif previous_blank and (line.startswith("    ") or line.startswith("\t")):
            out.append(line)
            continue
        elif (m := EMBED_LINE.match(line)) and (node_id := citations.known(m[1].strip())):
            out.append(handout.excerpt_markdown(node_id))
        else:
            out.append(outside_code(line))
        previous_blank = not line.strip()
    return "\n".join(out)


def plain_citations(kb: KnowledgeBase) -> Finder:
    """A finder of the citations written in plain text ("section 83.24"), in English or French."""
    from graph.cite import COURSE, citations_in

    def find(text: str) -> list[tuple[int, int, str]]:
        """Both languages' readings; where they overlap, the longer one (« l'article 59 de la Loi »)."""
        candidates: list[tuple[int, int, str]] = []
        for lang in ("en", "fr"):
            for found, resolution in citations_in(text, kb.citation_index, lang, COURSE):
                targets = [t for t in resolution.targets if t in kb]
                if targets:
                    candidates += each_section(text, found.start, found.end, targets)
        out: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        for start, end, target in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            if not _overlaps(taken, start, end):
                bisect.insort(taken, (start, end))
                out.append((start, end, target))
        return sorted(out)
    return find


def each_section(text: str, start: int, end: int, targets: list[str]) -> list[tuple[int, int, str]]:
    """A list of sections (« articles 59 et 63 », "sections 45 to 48"): each number written links to its
    section, the first with the words before it; anything else, or a number not written as such, links
    the whole citation to its first target."""
    numbers = [t.rsplit("/", 1)[1] for t in targets if t.count("/") == 1]
    if len(targets) < 2 or len(numbers) != len(targets):
        return [(start, end, targets[0])]
    out, pos = [], start
    for target, number in zip(targets, numbers):
        found = re.compile(rf"(?<![\w.]){re.escape(number)}(?![\w]|\.\d)").search(text, pos, end)
        if found is None:
            continue  # inside a range (« 59 à 63 » names 60 to 62 unwritten)
        out.append((start if not out else found.start(), found.end(), target))
        pos = found.end()
    return out or [(start, end, targets[0])]


def _once_per_text(finder: Finder) -> Finder:
    """The finder, asked once per distinct text of a rendering (the HTML and the Markdown passes read
    the same lines; tables and lists repeat them) and never for a text without a letter or digit."""
    found: dict[str, list[tuple[int, int, str]]] = {}

    def find(text: str) -> list[tuple[int, int, str]]:
        if text not in found:
            found[text] = finder(text) if WORDY.search(text) else []
        return found[text]
    return find


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of sorted, disjoint spans (a binary search)."""
    i = bisect.bisect_left(spans, (start, start))
    return (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)


def render_course(notes: str, kb: KnowledgeBase, *, link: Linker | None = None, finder: Finder | None = None,
                  appendix: bool = False, heading_shift: int = 0, translate: Translate | None = None,
                  date: DateWriter = str, lang: str = "en") -> Course:
    """Render a trainer's notes.  `link` makes each provision's address (default: its official
    page); `appendix` adds the text of every provision used to the list of provisions used;
    `heading_shift` lowers every heading by that many levels (a preview inside a page);
    `translate` gives the handout's own words in the reader's language, `date` its dates (default:
    ISO, ``2024-08-31``), `lang` the reader's language (what a citation outside the knowledge base
    is, with the official link in that language).  Citations in plain
    text are linked with `finder` (default: the citation grammar)."""
    finder = _once_per_text(finder or plain_citations(kb))
    _ = translate or (lambda words: words)
    notes = notes[:MAX_NOTES].replace("\r\n", "\n")
    citations = _Citations(kb, link or official_links(kb), lang)
    handout = _Handout(citations, _, date)
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.inline.ruler.before("link", "cite", _cite_inline(citations))
    md.block.ruler.before("paragraph", "cite_embed", _embed_block(citations), {"alt": ["paragraph"]})
    md.core.ruler.after("inline", "plain_citations", _plain_citations(citations, finder))

    def render_cite(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        label = html.escape(token.content)
        if token.meta["id"] is None:
            what = citations.outside.get(token.content, ("", _("No provision of this name")))[1]
            return f'<span class="cite unresolved" title="{html.escape(what)}">{label}</span>'
        citations.use(token.meta["id"])
        return f'<a class="cite" href="{html.escape(citations.url(token.meta["id"]))}">{label}</a>'

    def render_embed(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.meta["id"] is None:
            return f'<p><span class="cite unresolved">{html.escape(token.content)}</span></p>\n'
        citations.use(token.meta["id"])
        return handout.excerpt_html(token.meta["id"])

    def render_heading(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        level = min(6, int(token.tag[1]) + heading_shift)
        return f"<h{level}>" if token.type == "heading_open" else f"</h{level}>\n"

    if heading_shift:
        md.add_render_rule("heading_open", render_heading)
        md.add_render_rule("heading_close", render_heading)
    md.add_render_rule("cite", render_cite)
    md.add_render_rule("cite_embed", render_embed)
    body = md.render(notes)
    markdown = _markdown_of(notes, citations, handout, finder)
    if citations.used:
        body += handout.used_html(appendix, min(6, 2 + heading_shift))
        markdown = markdown.rstrip("\n") + "\n\n" + handout.used_markdown(appendix)
    return Course(body, markdown, citations.used, citations.unresolved, citations.outside)
