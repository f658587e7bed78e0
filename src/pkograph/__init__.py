"""pkograph: the validated, citable knowledge graph of Japan's international peace cooperation."""

from __future__ import annotations

__version__ = "0.1.0"
