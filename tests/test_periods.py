"""The date-expression grammar of guidance pages (ingest/periods.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.periods import FROM, POINT, RANGE, date_bounds, find_periods, governing_period, parse_period


@pytest.mark.parametrize("text, start, end", [
    # ranges, French and English, full dates and months
    ("Entre le 1er janvier 2021 et le 30 septembre 2021", "2021-01-01", "2021-09-30"),
    ("entre le 1er octobre 2021 et le 31 décembre 2021", "2021-10-01", "2021-12-31"),
    ("pour les mois entre janvier 2019 et décembre 2022", "2019-01-01", "2022-12-31"),
    ("du 1er janvier 2021 au 30 septembre 2021", "2021-01-01", "2021-09-30"),
    ("de janvier 2019 à décembre 2022", "2019-01-01", "2022-12-31"),
    ("d'avril 2020 à juin 2020", "2020-04-01", "2020-06-30"),
    ("between January 1, 2021 and September 30, 2021", "2021-01-01", "2021-09-30"),
    ("from March 2020 to February 2021", "2020-03-01", "2021-02-28"),
    ("from 1 March 2020 through 31 March 2020", "2020-03-01", "2020-03-31"),
    # open-ended starts
    ("Depuis janvier 2023, la personne", "2023-01-01", None),
    ("depuis le 1er octobre 2021", "2021-10-01", None),
    ("À compter de janvier 2019, un nouvel ajustement", "2019-01-01", None),
    ("à compter du 1er janvier 2019", "2019-01-01", None),
    ("À partir du 1er janvier 2022 (prestation de janvier 2022)", "2022-01-01", None),
    ("à partir de mars 2024", "2024-03-01", None),
    ("dès le 1er avril 2024", "2024-04-01", None),
    ("Fin du versement de l'ajustement bonifié au 1er janvier 2023", "2023-01-01", None),
    ("This measure comes into effect on January 31, 2026.", "2026-01-31", None),
    ("The measure will come into effect on January 31, 2026.", "2026-01-31", None),
    ("since January 2023", "2023-01-01", None),
    ("as of January 1, 2023", "2023-01-01", None),
    ("effective January 31, 2026", "2026-01-31", None),
    ("starting in July 2024", "2024-07-01", None),
    # the day after / before, until
    ("a quitté le Programme après le 1er novembre 2021", "2021-11-02", None),
    ("after December 31, 2022", "2023-01-01", None),
    ("As it was prior to January 1, 2002 (pre-municipal mergers)", None, "2001-12-31"),
    ("avant le 1er janvier 2005", None, "2004-12-31"),
    ("jusqu'au 31 décembre 2022", None, "2022-12-31"),
    ("jusqu’en juin 2023", None, "2023-06-30"),
    ("until March 31, 2024", None, "2024-03-31"),
    # a date alone: that day, or that month
    ("January 31, 2026", "2026-01-31", "2026-01-31"),
    ("Last update: 2016-12-21", "2016-12-21", "2016-12-21"),
    ("en juillet 2022", "2022-07-01", "2022-07-31"),
    ("31 August 2024", "2024-08-31", "2024-08-31"),
    ("February 29th, 2024", "2024-02-29", "2024-02-29"),
])
def test_every_form(text: str, start: str | None, end: str | None) -> None:
    period = parse_period(text)
    assert period is not None, text
    assert (period.start, period.end) == (start, end)
    assert period.text in text


@pytest.mark.parametrize("text, iso", [
    ("1er janvier 2021", "2021-01-01"),
    ("1re janvier 2021", "2021-01-01"),           # the feminine ordinal, as sometimes typed
    ("1 janvier 2021", "2021-01-01"),
    ("15 aout 2021", "2021-08-15"),                # accent missing
    ("15 août 2021", "2021-08-15"),
    ("3 fevrier 2022", "2022-02-03"),
    ("3 février 2022", "2022-02-03"),
    ("3 FÉVRIER 2022", "2022-02-03"),              # capitalised month
    ("3 Février 2022", "2022-02-03"),
    ("12 decembre 2020", "2020-12-12"),
    ("Sept. 5, 2020", "2020-09-05"),
    ("2016-12-21", "2016-12-21"),
])
def test_day_forms(text: str, iso: str) -> None:
    bounds = date_bounds(text)
    assert bounds is not None and bounds[0].isoformat() == bounds[1].isoformat() == iso


def test_month_only_dates_cover_the_whole_month() -> None:
    first, last = date_bounds("février 2024")  # type: ignore[misc]
    assert (first.isoformat(), last.isoformat()) == ("2024-02-01", "2024-02-29")
    first, last = date_bounds("fevrier 2023")  # type: ignore[misc]
    assert last.isoformat() == "2023-02-28"


@pytest.mark.parametrize("text", [
    "le 31 février 2021",                          # no such day
    "le 29 février 2023",                          # not a leap year
    "2021-13-01",
    "2021-02-30",
    "le 32 janvier 2021",
    "le 0 mars 2021",
    "entre le 31 février 2021 et le 3 mars 2021",  # one bad end spoils the range
    "entre le 1er mars 2022 et le 1er janvier 2021",  # a range running backwards
    "au cours des 72 derniers mois",               # numbers, no date
    "le mois de 2023",
    "Brumaire an II",
    "",
])
def test_no_date(text: str) -> None:
    assert find_periods(text) == []
    assert parse_period(text) is None


def test_offsets_point_at_the_expression() -> None:
    text = "Le versement a pris fin au 1er janvier 2023. Depuis janvier 2023, la personne…"
    found = find_periods(text)
    assert [(text[f.start:f.end], f.kind) for f in found] == [
        ("au 1er janvier 2023", FROM), ("Depuis janvier 2023", FROM)]
    assert [f.period.text for f in found] == [text[f.start:f.end] for f in found]


def test_the_range_wins_over_its_parts() -> None:
    found = find_periods("du 1er janvier 2021 au 30 septembre 2021")
    assert len(found) == 1 and found[0].kind == RANGE


def test_a_date_alone_does_not_govern_running_text() -> None:
    text = "Une personne est admise en juillet 2022 et reçoit une rente depuis juillet 2020."
    assert [f.kind for f in find_periods(text)] == [POINT, FROM]
    assert governing_period(text) == parse_period("depuis juillet 2020")
    assert governing_period("Une personne qui a quitté après le 1er novembre 2021") is None


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_never_crashes(text: str) -> None:
    for found in find_periods(text):
        assert 0 <= found.start < found.end <= len(text)
        assert found.period.start or found.period.end


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 31), st.sampled_from(["janvier", "février", "fevrier", "août", "aout", "Décembre",
                                            "September", "may"]), st.integers(1, 9999))
def test_generated_dates_parse_or_are_refused(day: int, month: str, year: int) -> None:
    period = parse_period(f"depuis le {day} {month} {year:04d}")
    if period is not None:
        assert period.start is not None and period.start.endswith(f"-{day:02d}")
