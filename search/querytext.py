"""What a user typed into the search box, read leniently: every input is either a query or InvalidQuery.

Words are all required; "quoted words" are phrases (an unbalanced quote runs to the end); `word*` is a prefix
(type-ahead); `-word` excludes. Anything else that looks like query syntax (AND, OR, brackets, colons, `~`,
`^`) is treated as a separator, never as an error, since people paste symbols and sentences.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from iooffice.errors import DomainError

MAX_QUERY_CHARS = 500
MAX_PARTS = 32
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}
_WORD = re.compile(r"[^\s\"]+")


class InvalidQuery(DomainError):
    code = "invalid_query"
    status = 400
    default_message = _("The search text is not valid.")


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    raw: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases or self.prefixes)


def normalise(text: str) -> str:
    """NFC, as everything stored is: NFD input would split syllables ("cải" into "ca", "i")."""
    return unicodedata.normalize("NFC", text or "").replace("\x00", " ").strip()


def parse(text: str) -> ParsedQuery:
    text = normalise(text)
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidQuery(
            _("The search text is too long: use at most %(limit)d characters.") % {"limit": MAX_QUERY_CHARS},
            details={"max_length": MAX_QUERY_CHARS},
        )
    parsed = ParsedQuery(raw=text)
    parts = text.split('"')
    for index, part in enumerate(parts):
        if index % 2:  # inside quotes; the last piece of an unbalanced quote counts as a phrase too
            if part.strip():
                parsed.phrases.append(part.strip())
            continue
        for word in _WORD.findall(part):
            _add_word(parsed, word)
    if sum(map(len, (parsed.words, parsed.phrases, parsed.prefixes, parsed.excluded))) > MAX_PARTS:
        raise InvalidQuery(
            _("The search text has too many words: use at most %(limit)d.") % {"limit": MAX_PARTS},
            details={"max_parts": MAX_PARTS},
        )
    return parsed


def _add_word(parsed: ParsedQuery, word: str) -> None:
    if word in _OPERATORS:
        return
    if word.startswith("-") and len(word) > 1 and not word[1:2].isdigit():
        parsed.excluded.append(word[1:])
    elif word.endswith("*") and word.strip("*"):
        parsed.prefixes.append(word.rstrip("*"))
    else:
        parsed.words.append(word)
