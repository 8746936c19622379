"""Citations in free text (course notes, questions, code comments) read with `citations_in`:
a bare article is the default statute's, the Regulation and other acts are recognised by name
or abbreviation, and nothing is linked to the Act that names another document."""
from __future__ import annotations

import pytest

from graph.cite import citations_in


@pytest.mark.parametrize("text, lang, expected", [
    ("see section 83.24", "en", [("section 83.24", ("A-13.1.1/83.24",))]),
    ("voir l'article 157.1 du Règlement", "fr", [("article 157.1 du Règlement", ("A-13.1.1-r1/157.1",))]),
    ("l'article 48 du RAPF", "fr", [("article 48 du RAPF", ("A-13.1.1-r1/48",))]),
    ("articles 157 à 160 du Règlement", "fr", [("articles 157 à 160 du Règlement",
                                                 tuple(f"A-13.1.1-r1/{n}" for n in range(157, 161)))]),
    ("l'article 55 de la Loi", "fr", [("article 55 de la Loi", ("A-13.1.1/55",))]),
    ("les articles 97 à 104 de la Loi", "fr", [("articles 97 à 104 de la Loi", tuple(
        f"A-13.1.1/{n}" for n in ("97", "98", "99", "100", "101", "102", "103", "103.1", "104")))]),
    ("l'article 585 du Code civil du Québec", "fr", [("article 585 du Code civil du Québec", ("CCQ-1991/585",))]),
])
def test_free_text(kb, text, lang, expected):
    assert [(f.text, r.targets) for f, r in citations_in(text, kb.citation_index, lang)] == expected


@pytest.mark.parametrize("text", ["version 1.2.3", "on 2024-08-31", "host 10.0.0.1", "section of the form"])
def test_lookalikes_are_not_citations(kb, text):
    assert [r.targets for _, r in citations_in(text, kb.citation_index, "en") if r.targets] == []
