"""Alinea: a knowledge base of Québec social-assistance law."""

__version__ = "0.1.0"
