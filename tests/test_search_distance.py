"""The one-edit check the lexicon's misspellings ask per query gives Levenshtein's answer."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.vocabulary import distance
from tests.properties import examples


def levenshtein(a: str, b: str) -> int:
    """The whole table, no bound."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


WORDS = st.text(alphabet="abcé", max_size=8)


@settings(max_examples=examples(2000), deadline=None)
@given(WORDS, WORDS, st.integers(min_value=1, max_value=2))
def test_bounded_distance_is_levenshtein_up_to_its_limit(a, b, limit):
    expected = levenshtein(a, b)
    found = distance(a, b, limit)
    assert found == expected if expected <= limit else found > limit


def test_one_edit_cases():
    assert [distance(a, b, 1) for a, b in [("conjoint", "conjoint"), ("conjoint", "conjoitn"),
                                             ("conjoint", "conjoin"), ("onjoint", "conjoint"),
                                             ("spouce", "spouse"), ("ab", "ba"), ("", "a")]] == [0, 2, 1, 1, 1, 2, 1]
