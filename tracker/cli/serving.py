"""`tracker serve`: the calendar feed over HTTP on localhost, for calendar applications to subscribe to.

GET (or HEAD) /calendar.ics?from=YYYY-MM-DD&to=…&instrument=CCM&status=scheduled,proposed&include_undated=1&todos=1
Every request reads the store afresh, so a subscribed calendar sees fills and re-ingests on its next poll.
A query the feed does not understand is a 400 naming what it accepts, never a silently empty calendar.

Clients cannot hold the server: each gets `REQUEST_SECONDS` to send its whole request (a deadline, not a
timeout per read, so trickling a byte at a time does not help) and as long again to take the answer, and at
most `MAX_CLIENTS` are served at once; the next ones get 503 at once instead of a thread.
"""

from __future__ import annotations

import io
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from tracker.errors import TrackerError, UsageError, redacted
from tracker.usecases.exporting import FeedOptions, calendar_feed, check_statuses
from tracker.usecases.names import check_instrument

if TYPE_CHECKING:  # only named: the store object comes from the CLI, which opened it
    from tracker.store import Store

REQUEST_SECONDS = 10.0
MAX_CLIENTS = 32
PARAMETERS = ("from", "to", "instrument", "status", "include_undated", "todos")
FLAGS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False, "": False}
TEXT = "text/plain; charset=utf-8"
BUSY_TEXT = b"busy: too many clients at once, try again soon\n"
BUSY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 10\r\n"
        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(BUSY_TEXT), BUSY_TEXT))


def options_from_query(query: str) -> FeedOptions:
    """The feed options a query string asks for; ValueError, naming the valid values, for anything else."""
    params = parse_qs(query, keep_blank_values=True)
    unknown = sorted(set(params) - set(PARAMETERS))
    if unknown:
        raise ValueError(f"unknown parameter {unknown[0]!r} (known: {', '.join(PARAMETERS)})")
    q = {k: v[-1] for k, v in params.items()}
    statuses = tuple(s for part in params.get("status", []) for s in part.split(",") if s)
    check_statuses(statuses)

    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(q[name]) if q.get(name) else None
        except ValueError:
            raise ValueError(f"{name}: {q[name]!r} is not a date (YYYY-MM-DD)") from None

    def flag(name: str) -> bool:
        value = q.get(name, "").lower()
        if value not in FLAGS:
            raise ValueError(f"{name}: {q[name]!r} is not a yes or no (1, 0, true, false, yes, no)")
        return FLAGS[value]

    start, end = day("from"), day("to")
    if start and end and start > end:
        raise ValueError(f"from {start} is after to {end}")
    return FeedOptions(date_from=start, date_to=end, instrument=q.get("instrument") or None,
                       statuses=statuses, include_undated=flag("include_undated"), todos=flag("todos"))


class _DeadlineReader(io.RawIOBase):
    """A socket's bytes, each read allowed only what is left of one deadline. A socket timeout alone starts
    again at every byte, so a client sending one byte every few seconds would keep its thread for ever."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        super().__init__()
        self.sock = sock
        self.deadline = time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long")
        self.sock.settimeout(left)
        return self.sock.recv_into(buffer)


class FeedServer(ThreadingHTTPServer):
    """A thread per request as ThreadingHTTPServer, but at most `max_clients` at once: the next connection
    is answered 503 by the accepting thread itself, so idle or slow clients cannot take every thread."""

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], max_clients: int) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_clients)

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            self._refuse(request)
            return
        try:
            super().process_request(request, client_address)  # starts the request's thread
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:  # socketserver's, releasing first
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.slots.release()  # before the close the client sees, so that it can come straight back
            self.shutdown_request(request)

    def _refuse(self, request: socket.socket) -> None:
        try:
            request.settimeout(1)
            request.sendall(BUSY)
            request.setblocking(False)
            for _ in range(4):  # what the client already sent (a little: this is the accepting thread), for
                if not request.recv(65536):  # closing on unread bytes resets the connection, 503 and all
                    break
        except OSError:  # BlockingIOError ends the reading; a client already gone is no matter
            pass
        finally:
            self.shutdown_request(request)


def make_server(store: Store, host: str, port: int,
                clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                request_seconds: float = REQUEST_SECONDS, max_clients: int = MAX_CLIENTS,
                calname: str = "tracker") -> FeedServer:
    class Handler(BaseHTTPRequestHandler):
        timeout = request_seconds
        server_version = "tracker"

        def setup(self) -> None:
            super().setup()
            self.rfile.close()  # replaced: the request is read against one deadline
            self.rfile = io.BufferedReader(_DeadlineReader(self.connection, self.timeout))

        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            self._answer(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(with_body=False)

        def _answer(self, with_body: bool) -> None:
            self.connection.settimeout(self.timeout)  # as long again to take the answer
            url = urlsplit(self.path)
            if url.path not in ("/calendar.ics", "/"):
                self._send(404, b"not found: try /calendar.ics\n", TEXT, with_body)
                return
            try:
                opts = replace(options_from_query(url.query), calname=calname)
                check_instrument(store, "instrument", opts.instrument)  # unknown: a 400, not an empty calendar
                body = calendar_feed(store, opts, clock())
            except (ValueError, UsageError) as exc:
                self._send(400, f"bad query: {exc}\n".encode(), TEXT, with_body)
                return
            except TrackerError as exc:  # the details (the database's words) go to the log, not to the client
                self.log_error("feed failed: %s", exc.message)
                self._send(500, b"the calendar is unavailable: the database could not be read\n", TEXT, with_body)
                return
            except Exception as exc:  # a bug: the client learns no more, the log where it happened
                where = traceback.extract_tb(exc.__traceback__)[-1]
                self.log_error("feed failed: %r at %s:%s", exc, where.filename, where.lineno)
                self._send(500, b"the calendar is unavailable: internal error\n", TEXT, with_body)
                return
            self._send(200, body, "text/calendar; charset=utf-8", with_body)

        def _send(self, code: int, body: bytes, ctype: str, with_body: bool) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")  # an error text is never run as a page
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_request(self, code="-", size="-") -> None:  # quiet: the CLI printed one line when it started
            return

        def log_message(self, format, *args) -> None:  # errors only (timeouts, failures), never a password
            super().log_message("%s", redacted(format % args))

    return FeedServer((host, port), Handler, max_clients)
