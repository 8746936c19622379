"""The words govern stems besides a question's own, whose stems the build keeps with the search
index's (search.analysis.stems_from), so that a process answering a question imports the stemmers
(Snowball, with ``whoosh.compat`` and ``urllib.request``) only for a word none of them holds."""
from __future__ import annotations

from graph.govern_aspects import ASPECTS
from graph.govern_everyday import common_words, tokens
from graph.govern_input import ADVERSE, CHALLENGE, CUE_EXCEPTIONS, STATES
from graph.thesaurus import LANGS, words_of
from search.analysis import stop_words


def words_to_stem(thesaurus, glossary) -> set[str]:
    """The folded words of the thesaurus's expressions and phrases, of the glossary's names, of
    each language's common words, and of the phrase tables govern reads a question with
    (`CHALLENGE`, `ADVERSE`, `CUE_EXCEPTIONS`, `STATES`, `ASPECTS`), and the common words the everyday
    list's matching steps over (graph.govern_everyday)."""
    phrases = [p for table in (CHALLENGE, ADVERSE, CUE_EXCEPTIONS, STATES, *ASPECTS.values())
               for words in table.values() for p in words]
    phrases += [" ".join(stop_words(lang)) for lang in LANGS]
    for entry in thesaurus or ():
        phrases += [*entry.means, *(e for expressions in entry.say.values() for e in expressions)]
    for concept in glossary or ():
        phrases += concept.names
    return {w for phrase in phrases for _, _, w in words_of(phrase)} | {t for w in common_words() for t in tokens(w)}
