"""Every kind of French page, parsed: no space after an elided article (« l’art. 59 », never
« l’ art. 59 »), a no-break space before « : ; ? ! » and inside « », and none of the interface's
English messages (tests/french_pages.py says what is read)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from lxml import html

from tests.clients import in_language
from tests.french_pages import defects, english_phrases
from web import create_app

SITUATION = "J'ai quitté mon emploi, est-ce qu'on peut me couper mon aide?"
PAGES = {
    "home": "/",
    "documents": "/documents",
    "document": "/A-13.1.1",
    "division": "/A-13.1.1/title:II/chapter:I",
    "guidance page": "/guidance:adel-66-72",
    "guidance section": "/guidance:adel-66-72/1",
    "in force": "/A-13.1.1/55",
    "unit": "/A-13.1.1/55/p1/2/a",
    "repealed": "/A-13.1.1/40",
    "integrated": "/A-13.1.1/137",
    "omitted": "/A-13.1.1/160",
    "inoperative": "/A-13.1.1/176",
    "printed": "/A-13.1.1/59?print=1",
    "reading view": "/read/A-13.1.1",
    "graph": "/graph/A-13.1.1/55",
    "program": "/program:basic-income",
    "term": "/term:spouses",
    "search": "/search?" + urlencode({"q": "conjoint"}),
    "search, a citation": "/search?" + urlencode({"q": "art. 55"}),
    "search, nothing found": "/search?" + urlencode({"q": "zzqqxx"}),
    "search, malformed": "/search?" + urlencode({"q": '(conjoint OR "vie maritale'}),
    "search, unknown filter": "/search?" + urlencode({"q": "status:bogus conjoint"}),
    "search, past the end": "/search?" + urlencode({"q": "conjoint", "page": "400"}),
    "govern, a situation": "/govern?" + urlencode({"q": SITUATION}),
    "govern, a decision": "/govern?" + urlencode({"q": "On m'a refusé l'aide, comment contester la décision?"}),
    "govern, a provision": "/govern?" + urlencode({"q": "art. 59"}),
    "govern, a program": "/govern?" + urlencode({"q": "program:basic-income"}),
    "govern, an amending act": "/govern?" + urlencode({"q": "2018, c. 11"}),
    "govern, nothing": "/govern?" + urlencode({"q": ""}),
    "course form": "/course",
    "code links": "/code",
    "amending acts": "/acts",
    "amending act": "/acts/2018-c-11",
    "no such page": "/nowhere",
    "no such provision": "/A-13.1.1/999",
}


@pytest.fixture(scope="module")
def fr(linked_data_dir):
    return in_language(create_app({"DATA_DIR": str(linked_data_dir), "TESTING": True}), "fr")


def test_the_interface_has_english_phrases_to_look_for():
    phrases = english_phrases()
    assert "Which articles govern this" in phrases and "The rules themselves" in phrases
    assert "Regulation-making powers" not in phrases  # two words: too short to tell
    assert "Basic Income Program" not in phrases  # a name of the glossary: data, not a message
    assert len(phrases) > 100


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_french_page_is_french_in_its_words_and_its_typography(fr, name):
    response = fr.get(PAGES[name])
    assert response.status_code in (200, 400, 404), (name, response.status_code)
    assert response.headers["Content-Language"] == "fr"
    found = defects(html.fromstring(response.data))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("notes", ["# Le conjoint\n\nVoir [[art. 55]] et [[art. 22]]\u00a0: «\u00a0vie maritale\u00a0».\n\n![[art. 59]]",
                                   "Voir [[art. 999]] et [[L.R.C. 1985, c. H-3, art. 13]]."])
def test_a_french_course_is_french_in_its_words_and_its_typography(fr, notes):
    response = fr.post("/course", data={"notes": notes})
    assert response.status_code == 200
    found = defects(html.fromstring(response.data))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("page, defect", [
    ("<p>pris en vertu de l’ <a href='/x'>art. 133.1</a></p>", "space after an elision"),
    ("<p>Pourquoi: parce que</p>", "no no-break space before the sign"),
    ("<p>Pourquoi : parce que</p>", "no no-break space before the sign"),
    ("<p>le mot « conjoint\u00a0»</p>", "no no-break space after «"),
    ("<p>Les règles : <span>The rules themselves</span></p>", "English interface words"),
])
def test_the_checks_find_each_defect(page, defect):
    found = defects(html.fromstring(f"<html lang='fr'><body>{page}</body></html>"))
    assert any(f.startswith(defect) for f in found), found


def test_the_checks_leave_quoted_and_marked_words_alone():
    page = ("<html lang='fr'><body><p>Pourquoi\u00a0: «\u00a0job?\u00a0» <span lang='en'>The rules themselves: s. 59</span>"
            " <code>status:repealed</code> https://example.org l’art. 59</p></body></html>")
    assert defects(html.fromstring(page)) == []
