"""Test clients of the site that ask for a language, as a browser's Accept-Language does."""
from __future__ import annotations


def in_language(app, lang: str = "en", **options):
    """A test client whose requests prefer `lang` (the site is French unless asked otherwise)."""
    client = app.test_client(**options)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    return client
