"""Govern's reasons as data (graph/govern_why.py): each template's parts, the French article and
its contraction, and both catalogues."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.govern_why import COUNTED, TEMPLATES, Cited, joined, pieces, text, why, with_article

ROOT = Path(__file__).resolve().parent.parent
FIELD = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_template_is_translated_with_the_same_parts(lang):
    catalog = read_po((ROOT / "web" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb"))
    for key, template in TEMPLATES.items():
        message = catalog.get(template)
        assert message is not None and message.string and not message.fuzzy, (lang, key)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)  # COUNTED: plural forms
        assert (len(forms) > 1) == (key in COUNTED), (lang, key)
        for form in forms:
            assert sorted(FIELD.findall(form)) == sorted(FIELD.findall(template)), (lang, key)


def test_a_reason_takes_exactly_the_parts_its_template_names():
    with pytest.raises(ValueError, match="takes"):
        why("applied", ids={"via": "A-13.1.1/83.24"})
    with pytest.raises(ValueError, match="takes"):
        why("asked", words={"words": "x"})


@pytest.mark.parametrize(("before", "name", "expected"), [
    ("de ", "Programme de revenu de base", "du Programme de revenu de base"),
    ("à ", "Programme de revenu de base", "au Programme de revenu de base"),
    ("de ", "aide financière de dernier recours", "de l’aide financière de dernier recours"),
    ("de ", "révision", "de la révision"),
    ("à ", "Tribunal administratif du Québec", "au Tribunal administratif du Québec"),
    ("pour l’application de ", Cited("art. 83.3", "A-13.1.1/83.3"), "pour l’application de l’art. 83.3"),
    ("applicable à ", Cited("c. A-2.1, art. 57", "A-2.1/57"), "applicable au c. A-2.1, art. 57"),
])
def test_french_articles_and_contractions(before, name, expected):
    printed = joined([before], with_article(name, "fr"))
    assert "".join(p.text if isinstance(p, Cited) else p for p in printed) == expected


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["de ", "à ", "pour l’application de ", "fait partie de "]),
       st.text(st.sampled_from("abcdéèhioquvxyzABCÉLPRT"), min_size=1, max_size=12))
def test_a_preposition_never_meets_an_uncontracted_article(before, name):
    printed = "".join(joined([before], with_article(name, "fr")))
    assert not re.search(r"\b(?:de|à) (?:le|les) ", printed), printed
    assert printed.endswith(name)


def test_a_reason_prints_its_provisions_and_concepts_in_each_language(kb):
    reason = why("regulation for", ids={"what": "A-13.1.1/83.3"}, words={"words": "section 83.3"})
    assert text(reason, "en", kb) == "regulations may be made for the purposes of s. 83.3 (‘section 83.3’)"
    french = {TEMPLATES["regulation for"]: "des règlements peuvent être pris pour l’application de %(what)s "
                                            "(%(words)s)"}
    assert text(reason, "fr", kb, french.get) == ("des règlements peuvent être pris pour l’application de "
                                                  "l’art. 83.3 («\u00a0section 83.3\u00a0»)")
    listed = pieces(why("feedback", ids={"like": ("A-13.1.1/59", "A-13.1.1/60", "A-13.1.1/61")}), "en", kb)
    assert [p.id for p in listed if isinstance(p, Cited)] == ["A-13.1.1/59", "A-13.1.1/60", "A-13.1.1/61"]
    assert text(why("part of", concepts={"program": "program:basic-income"}), "en", kb) == \
        "part of the Basic Income Program"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab ’‘,'«»()", min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=3))
def test_words_of_a_path_stay_whole_whatever_marks_they_hold(words):
    """A path's words are data (Said, Step.words): however the user's words are punctuated, each is
    printed whole, survives a trip to a worker process (pickle) and is what the JSON data holds."""
    import pickle

    from graph.govern_why import Said, path_data, plain, step, step_pieces

    shown = [" ".join(w.split()) for w in words]
    node, edge = pickle.loads(pickle.dumps((Said(*words), step("full-text match of", words=shown))))
    assert node.words == tuple(shown) and edge.words == tuple(shown)
    assert plain(step_pieces(edge, "en", None)) == "full-text match (" + ", ".join(f"‘{w}’" for w in shown) + ")"
    assert path_data((node, edge, "A-13.1.1/1"))[1]["words"] == shown
