"""Course material: a trainer's Markdown notes with citations turned into links and excerpts.

Citations are written ``[[s. 55(2)(a)]]`` (a link), ``![[s. 83.24]]`` on a line of its own (the
provision's current text embedded), or as plain text ("section 83.24"), which a citation finder
links too. Rendering uses markdown-it-py with raw HTML disabled, so notes cannot inject markup.
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

from alinea.errors import NotFound
from alinea.kb import KnowledgeBase
from alinea.limits import limit
from alinea.model import Section, Unit

MAX_NOTES = limit("course_notes")
WIKI = re.compile(r"\[\[([^\[\]\n]{1,200})\]\]")
EMBED_LINE = re.compile(r"^ {0,3}!\[\[([^\[\]\n]{1,200})\]\]\s*$")

WORDS = {"unresolved": "No provision of this name", "used": "Provisions used"}
"""The words the rendered course shows; the site passes them in the interface's language (a
provision's status is looked up here too, and shown as it is when missing)."""

# (text) -> [(start, end, provision id)] for citations written in plain text
Finder = Callable[[str], list[tuple[int, int, str]]]


@dataclass
class Course:
    """A rendered course: the HTML body, the Markdown with links, and what it cites."""

    html: str
    markdown: str
    used: list[str] = field(default_factory=list)
    """Provision ids cited, in order of first use."""
    unresolved: list[str] = field(default_factory=list)
    """Citations written between [[ ]] that name no provision."""


class _Citations:
    def __init__(self, kb: KnowledgeBase, base_url: str, words: dict[str, str] = WORDS) -> None:
        self.kb, self.base_url, self.words = kb, base_url.rstrip("/"), words
        self.used: list[str] = []
        self.unresolved: list[str] = []
        self._resolved: dict[str, str | None] = {}

    def resolve(self, text: str) -> str | None:
        if text not in self._resolved:
            try:
                self._resolved[text] = self.kb.lookup(text)
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
        return f"{self.base_url}/{node_id}"

    def excerpt_html(self, node_id: str) -> str:
        located = self.kb.get(node_id)
        node, section = located.node, located.section
        title = html.escape(f"{located.doc.title}, {cite_label(self.kb, node_id)}" if section else node_id)
        body = html.escape(plain_text(node)).replace("\n", "<br>\n")
        status = ("" if section is None or section.status == "in force" else
                  f" ({html.escape(self.words.get(section.status, section.status))})")
        return (f'<figure class="excerpt" data-id="{html.escape(node_id)}"><blockquote>{body}</blockquote>'
                f'<figcaption><a href="{html.escape(self.url(node_id))}">{title}</a>{status}</figcaption></figure>\n')


def cite_label(kb: KnowledgeBase, node_id: str) -> str:
    """The short citation of a provision (``s. 55(2)(a)``), from the one formatter."""
    from graph.cite import cite

    statute = kb.default_statute()
    return cite(node_id, "short", kb.get(node_id).doc.lang, home=statute.id if statute else None)


def plain_text(node: object) -> str:
    if isinstance(node, Section):
        return (f"{node.number}. {node.status_text}" if node.status_text else
                f"{node.number}. " + node.text)
    if isinstance(node, Unit):
        return (f"{node.label} " if node.label else "") + node.full_text
    return getattr(node, "title", None) or getattr(node, "heading", "")


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


def _markdown_of(notes: str, citations: _Citations) -> str:
    """The notes as Markdown with the [[citations]] the renderer resolved turned into links and
    ![[embeds]] into quotes; code blocks and code spans are left alone."""
    def link(m: re.Match) -> str:
        node_id = citations.known(m[1].strip())
        label = m[1].strip().replace("[", "\\[").replace("]", "\\]")
        return f"[{label}]({citations.url(node_id)})" if node_id else m[0]

    def outside_code(line: str) -> str:
        parts, pos = [], 0
        for span in CODE_SPAN.finditer(line):
            parts += [WIKI.sub(link, line[pos:span.start()]), span[0]]
            pos = span.end()
        return "".join(parts) + WIKI.sub(link, line[pos:])

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
            located = citations.kb.get(node_id)
            quoted = "\n".join("> " + part for part in plain_text(located.node).split("\n"))
            out.append(f"{quoted}\n>\n> — [{cite_label(citations.kb, node_id)}]({citations.url(node_id)})")
        else:
            out.append(outside_code(line))
        previous_blank = not line.strip()
    return "\n".join(out)


def plain_citations(kb: KnowledgeBase) -> Finder:
    """A finder of the citations written in plain text ("section 83.24"), in English or French."""
    from graph.cite import COURSE, citations_in

    def find(text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        for lang in ("en", "fr"):
            taken = sorted((s, e) for s, e, _ in out)
            for found, resolution in citations_in(text, kb.citation_index, lang, COURSE):
                targets = [t for t in resolution.targets if t in kb]
                if targets and not _overlaps(taken, found.start, found.end):
                    out.append((found.start, found.end, targets[0]))
        return sorted(out)
    return find


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of sorted, disjoint spans (a binary search)."""
    i = bisect.bisect_left(spans, (start, start))
    return (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)


def render_course(notes: str, kb: KnowledgeBase, *, base_url: str = "", finder: Finder | None = None,
                  appendix: bool = False, heading_shift: int = 0, words: dict[str, str] = WORDS) -> Course:
    """Render a trainer's notes; `appendix` adds the text of every provision used; `heading_shift`
    lowers every heading by that many levels (a preview inside a page).  Citations in
    plain text are linked with `finder` (default: the citation grammar)."""
    finder = finder or plain_citations(kb)
    notes = notes[:MAX_NOTES].replace("\r\n", "\n")
    citations = _Citations(kb, base_url, words)
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.inline.ruler.before("link", "cite", _cite_inline(citations))
    md.block.ruler.before("paragraph", "cite_embed", _embed_block(citations), {"alt": ["paragraph"]})
    md.core.ruler.after("inline", "plain_citations", _plain_citations(citations, finder))

    def render_cite(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        label = html.escape(token.content)
        if token.meta["id"] is None:
            return f'<span class="cite unresolved" title="{html.escape(words["unresolved"])}">{label}</span>'
        citations.use(token.meta["id"])
        return f'<a class="cite" href="{html.escape(citations.url(token.meta["id"]))}">{label}</a>'

    def render_embed(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.meta["id"] is None:
            return f'<p><span class="cite unresolved">{html.escape(token.content)}</span></p>\n'
        citations.use(token.meta["id"])
        return citations.excerpt_html(token.meta["id"])

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
    markdown = _markdown_of(notes, citations)
    if appendix and citations.used:
        body += f'<section class="appendix"><h2>{html.escape(words["used"])}</h2>\n'
        body += "".join(citations.excerpt_html(node_id) for node_id in citations.used) + "</section>\n"
    if citations.used:
        markdown += f"\n\n## {words['used']}\n\n" + "\n".join(
            f"- [{node_id}]({citations.url(node_id)})" for node_id in citations.used) + "\n"
    return Course(body, markdown, citations.used, citations.unresolved)
