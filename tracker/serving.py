"""`tracker serve`: the calendar feed over HTTP on localhost, for calendar applications to subscribe to.

GET /calendar.ics?from=YYYY-MM-DD&to=…&instrument=CCM&status=scheduled,proposed&include_undated=1&todos=1
Every request reads the store afresh, so a subscribed calendar sees fills and re-ingests on its next poll.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tracker.errors import TrackerError
from tracker.exporting import FeedOptions, calendar_feed
from tracker.settings import Settings


def options_from_query(query: str) -> FeedOptions:
    """The feed options a query string asks for; ValueError on a malformed date."""
    q = {k: v[-1] for k, v in parse_qs(query).items()}
    statuses = tuple(s for part in parse_qs(query).get("status", []) for s in part.split(",") if s)

    def day(name: str) -> date | None:
        return date.fromisoformat(q[name]) if q.get(name) else None

    def flag(name: str) -> bool:
        return q.get(name, "").lower() in ("1", "true", "yes")

    return FeedOptions(date_from=day("from"), date_to=day("to"), instrument=q.get("instrument") or None,
                       statuses=statuses, include_undated=flag("include_undated"), todos=flag("todos"))


def make_server(settings: Settings, host: str, port: int,
                clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            url = urlsplit(self.path)
            if url.path not in ("/calendar.ics", "/"):
                self._send(404, b"not found: try /calendar.ics\n", "text/plain; charset=utf-8")
                return
            try:
                body = calendar_feed(settings, options_from_query(url.query), clock())
            except ValueError as exc:
                self._send(400, f"bad query: {exc}\n".encode(), "text/plain; charset=utf-8")
                return
            except TrackerError as exc:
                self._send(500, f"{exc.message}\n".encode(), "text/plain; charset=utf-8")
                return
            self._send(200, body, "text/calendar; charset=utf-8")

        def _send(self, code: int, body: bytes, ctype: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet: the CLI prints one line when it starts
            return

    return ThreadingHTTPServer((host, port), Handler)
