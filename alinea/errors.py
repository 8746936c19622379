"""The one error type for bad input: it names the file, the line and what was expected."""
from __future__ import annotations


class AlineaError(Exception):
    """An error a user can act on; the CLI prints it on one line, the site maps it to 4xx."""


class ParseError(AlineaError):
    """A source document that cannot be read as what it claims to be."""

    def __init__(self, path: str, line: int | None, message: str, *,
                 expected: str = "", got: str = "") -> None:
        self.path, self.line, self.message = path, line, message
        self.expected, self.got = expected, got
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.got:
            got = self.got if len(self.got) <= 80 else self.got[:77] + "..."
            text += f" (got {got!r}"
            text += f", expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text


class NotFound(AlineaError):
    """A provision, document or node that is not in the knowledge base."""

    def __init__(self, message: str = "", nearest: tuple[str, ...] = (), missing: str = "") -> None:
        super().__init__(message)
        self.nearest = tuple(nearest)
        """Real provisions close to what was asked (the site lists them)."""
        self.missing = missing
        """The id of the unit a citation named and that does not exist, when it was read."""


class Outside(NotFound):
    """A citation read, naming something outside the knowledge base (a federal provision, a technical standard,
    another Québec act): the message says what it is and where its official text is, if anywhere."""

    in_interface_language = True
    """The line is written in the language the caller asked `KnowledgeBase.lookup` for (the site's: as is)."""

    def __init__(self, message: str, target: str) -> None:
        super().__init__(message)
        self.target = target
        """The id the citation names."""


class BadQuery(AlineaError):
    """A query or parameter that cannot be understood."""


class DamagedData(AlineaError):
    """A file of the data directory that is not what the build wrote: the site answers 503."""

    def __init__(self, path, problem: str) -> None:
        self.path, self.problem = str(path), problem
        super().__init__(f"{self.path} {problem}: the data directory is damaged; rerun `alinea build`")
