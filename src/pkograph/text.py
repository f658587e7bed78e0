"""Characters that cannot be written or shown as they are.

- ``UNPORTABLE``: characters XML 1.0 cannot carry, not even as character references (U+0000
  and the other C0 controls except tab, line feed and carriage return; U+FFFE, U+FFFF; lone
  surrogates). A literal holding one makes an RDF/XML dump that is not well-formed, so the graph
  takes none.
- ``printable``: text with control characters (ANSI escape sequences, carriage returns, the C1
  controls, the characters that reorder text on screen) shown as escapes, so that a file name or
  a value printed in a report or an error message cannot rewrite the terminal.
"""

from __future__ import annotations

import re

UNPORTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: C0 and C1 controls, DEL, and the bidirectional formatting characters.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def codepoints(text: str) -> str:
    """The unportable characters of ``text``, named: 'U+0000, U+001B'."""
    found = sorted({ord(c) for c in UNPORTABLE.findall(text)})
    return ", ".join(f"U+{n:04X}" for n in found)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character escaped (``\\x1b``, ``\\u202e``); line feeds are
    kept when ``keep_newlines`` (text of several lines, composed by pkograph)."""
    if keep_newlines:
        return "\n".join(_CONTROL.sub(_escape, line) for line in text.split("\n"))
    return _CONTROL.sub(_escape, text)
