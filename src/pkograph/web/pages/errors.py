"""Errors as pages: a clear message and the right status, never a stack trace.

The statuses are those of the SPARQL endpoint: a query the store cannot run is the request's
fault (400), a format nobody offers 406, a store that is down or did not answer in time 503.
Anything else is logged with its traceback on the server and shown as a plain 500 page.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from pkograph.lookup import LookupFailed
from pkograph.queries import UsageError
from pkograph.store.base import NotAcceptable, QueryError, QueryTimeout, StoreUnavailable
from pkograph.web.pages.context import Pages

log = logging.getLogger("pkograph.web")

TITLES = {400: "Bad request", 404: "Not found", 406: "Not acceptable",
          500: "Internal error", 503: "The graph is not available"}


class PageError(Exception):
    """A request the pages answer with an error page: status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def status_of(exc: Exception) -> int:
    """The HTTP status of a store or lookup error."""
    if isinstance(exc, PageError):
        return exc.status
    if isinstance(exc, NotAcceptable):
        return 406
    if isinstance(exc, QueryTimeout | StoreUnavailable):
        return 503
    if isinstance(exc, QueryError | UsageError | LookupFailed):
        return 400
    return 500


def error_page(pages: Pages, request: Request, status: int, message: str) -> Response:
    return pages.html(request, "error.html", status, title=TITLES.get(status, "Error"),
                      code=status, message=message)


Handler = Callable[[Request], Response]


def guarded(pages: Pages) -> Callable[[Handler], Handler]:
    """A decorator making every exception of a page handler an error page."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(request: Request) -> Response:
            try:
                return handler(request)
            except (PageError, QueryError, StoreUnavailable, UsageError, LookupFailed) as exc:
                return error_page(pages, request, status_of(exc), str(exc))
            except Exception:
                log.exception("error while answering %s", request.url.path)
                return error_page(pages, request, 500, "the server could not make this page; "
                                  "the error is in its log")
        return run

    return decorate
