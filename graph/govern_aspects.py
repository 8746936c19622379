"""What a question asks *about* a topic: a time limit.

A question about how long the Minister has to claim an overpayment is about recovery, like the
decision to claim it; what tells the provision that answers it (prescription, s. 105) from the one
that provides for the claim (s. 98) is that its text speaks of time.  An *aspect* pairs the
words that ask it (in English and French) with the words by which a provision's text says it
(in the statute's English).  A section that says an aspect the question asks gains in
proportion to how well its text already matches the question (graph.govern_rank), so the aspect
orders provisions within a topic and never brings one from another.

`aspect_sections` (plain data, for the build to store) -> section ids per aspect.

>>> asked("How long do they have to claim it back?", "en")
('time limit',)
>>> asked("Y a-tu une limite de temps pour réclamer?", "fr")
('time limit',)
"""
from __future__ import annotations

from graph.govern_input import find_words

ASPECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "time limit": {
        "en": ("how long", "time limit", "deadline", "how many days", "how many months", "how many years",
               "how much time", "too late", "how far back", "expire", "limitation period", "how soon"),
        "fr": ("combien de temps", "limite de temps", "délai", "date limite", "trop tard", "combien de jours",
               "combien de mois", "combien d'années", "prescription", "prescrit", "expire"),
        "says": ("days", "years after", "years from", "time limit", "expiry", "after the date", "month following"),
    },
}
"""Aspect -> the words that ask it, per language, and the words by which the statute says it ("says")."""


def asked(text: str, lang: str) -> tuple[str, ...]:
    """The aspects a text asks about."""
    text = text.lower()
    return tuple(name for name, words in ASPECTS.items() if lang in words and find_words(text, lang, {lang: words[lang]}))


def aspect_sections(sections) -> dict[str, tuple[str, ...]]:
    """Aspect -> the ids of the sections (of an English statute) whose text says it."""
    return {name: tuple(s.id for s in sections if find_words(s.text.lower(), "en", {"en": words["says"]}))
            for name, words in ASPECTS.items()}
