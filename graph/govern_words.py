"""Which words of a question carry its subject.

A question is written with words that say *what* it is about ("my car", « mon chèque ») and words
that only make it a question: question words ("how", « combien »), modal and auxiliary verbs
("can", « peux », « faut »), light verbs ("get", « faire ») and fillers ("actually", « genre »).
The second kind is everywhere in what people say, so in the thesaurus's expressions and the
guidance paragraphs too: matched as content, « Combien de temps pour contester? » reached the
sections whose expressions say « combien » of the earnings exemption.  `FUNCTION_WORDS` lists
them per language (folded); the phrases that ask an aspect ("how long", « combien de temps »,
graph.govern_aspects) are not content either: they turn the aspect on.  `content_text` blanks
both out of a text; the lay match (graph.govern_lay), the bridges (graph.govern_lexicon) and the
text's own words in the full-text bag read the text that remains.

>>> content_text("How long do I have to contest the decision?", "en").split()
['I', 'to', 'contest', 'the', 'decision?']
"""
from __future__ import annotations

import re
from functools import cache

from alinea.ids import fold_chars
from graph.govern_aspects import ASPECTS

FUNCTION_WORDS = {
    "en": frozenset((
        "how what when where which who whom whose why whether "
        "can could cannot can't may might must shall should will would won't wouldn't couldn't shouldn't "
        "do does did done doing don't doesn't didn't am is are was were be been being isn't aren't wasn't "
        "have has had having i've i'm i'll i'd it's that's there's what's "
        "get gets got getting gotten go goes going went gone let lets want wants wanted wanna gonna "
        "much many anything something someone somebody anyone anybody thing things stuff "
        "actually really anyway anyhow also just even still ever already maybe perhaps please ok okay "
        "yes yeah hi hello thanks thank hey guess think know mean wonder wondering they them their we us "
        "within without upon unless among toward towards across beyond via per thereof therein hereby").split()),
    "fr": frozenset((
        "combien comment quand pourquoi quoi quel quelle quels quelles lequel laquelle lesquels ou est-ce "
        "peux peut peuvent pouvez pouvons pourrais pourrait pourraient pourrions pouvoir pu "
        "dois doit doivent devez devons devrais devrait devraient devoir faut faudrait falloir fallait "
        "fais fait faire font faisons vais vas va vont allez aller veux veut veulent voudrais voudrait vouloir "
        "suis es est sommes etes sont etre ete etait etais ai as a avons avez ont avoir eu avais avait "
        "ca cela ceci chose choses quelque quelqu'un quelqu'une "
        "encore aussi deja vraiment alors donc genre mettons bon ben pis oui allo merci bonjour "
        "sais sait savoir pense penser crois croire tu y ils elles on eux leur leurs ceux celui celle cette cet ces "
        "lorsque puisque parce "
        "article articles loi "
        "chu astheure asteure icitte pantoute faque fak ouin bin tsé tse coudonc").split()),
}
"""Words that make a text a question but say nothing of its subject, per language (folded)."""
_WORD = re.compile(r"[\w'’-]+")


@cache
def _asking_phrases(lang: str) -> re.Pattern | None:
    phrases = sorted({fold_chars(p) for words in ASPECTS.values() for p in words.get(lang, ())}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b") if phrases else None


def content_text(text: str, lang: str) -> str:
    """The text with its function words and the phrases that ask an aspect blanked out (each removed
    word replaced by spaces, so that the positions of the others hold; the rest as written)."""
    text = text.replace("’", "'")
    folded = fold_chars(text.lower())
    if len(folded) != len(text):
        folded, text = text.lower(), text.lower()
    blank = [False] * len(text)
    if (phrases := _asking_phrases(lang)) is not None:
        for m in phrases.finditer(folded):
            blank[m.start():m.end()] = [True] * (m.end() - m.start())
    words = FUNCTION_WORDS.get(lang, frozenset())
    for m in _WORD.finditer(folded):
        if m.group().strip("'-") in words:
            blank[m.start():m.end()] = [True] * (m.end() - m.start())
    return "".join(" " if b else c for c, b in zip(text, blank))


def is_function_word(word: str, lang: str) -> bool:
    return fold_chars(word.lower()) in FUNCTION_WORDS.get(lang, frozenset())
