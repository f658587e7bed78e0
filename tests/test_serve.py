"""``pkograph serve`` starts on a free port, says where, and stops cleanly on SIGTERM."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from serving import serve

from pkograph.paths import Project


def test_serve_says_where_it_listens_and_stops(built_project: Project) -> None:
    with serve(built_project.root) as url:
        assert url.startswith("http://127.0.0.1:")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{url}/no/such/route", timeout=10)
        assert missing.value.code == 404
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/", timeout=5)
