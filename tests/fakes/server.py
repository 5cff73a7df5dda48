"""A real HTTP server on loopback, in a thread, with faults the tests inject.

The vendor fakes built on it keep their records in memory (they stand for the vendor, not for
us) and follow the documents in ../shared/seeds/ strictly, so a client that guesses wrong fails.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Fault:
    """What goes wrong with the next matching request.

    ``before``: answer ``status`` without doing anything. ``after``: do the work, then answer
    ``status`` (the write landed, the client can't know). ``drop``/``drop_after``: close the
    connection without an answer, before/after doing the work. ``hang_after``: do the work, then
    stay silent for ``seconds`` (the client times out). ``late``: close the connection without
    an answer and do the work only when the test calls :meth:`FakeServer.commit_late` (a server
    under load that commits a write after the client gave up, and after its look-up ran).
    """

    kind: str = "before"
    status: int = 503
    method: str | None = None
    retry_after: str | None = None
    body: Any = field(default_factory=lambda: {"error": "Service unavailable"})
    seconds: float = 30.0
    #: Bytes to answer with instead of JSON (a proxy's HTML page, a truncated body).
    raw: bytes | None = None


class RateLimit:
    """A token bucket: ``rate`` requests a second on average, bursts of up to ``burst``.

    A request beyond it is answered 429 with ``Retry-After``: the whole seconds until the bucket
    has a token for it, after the tokens already promised to the requests told to come back
    earlier (so a crowd refused at once is told to come back spread out, not all at the same
    second). Counts what it admitted and refused, by the second, for the fleet benchmark.
    """

    def __init__(
        self, rate: float, burst: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(rate, 1.0)
        self._clock = clock
        self._tokens = self.burst
        self._updated = clock()
        self._promised_until = 0.0
        self.started = self._updated
        #: Requests admitted / refused, by whole seconds since ``started``.
        self.admitted: dict[int, int] = {}
        self.refused: dict[int, int] = {}

    def admit(self) -> float | None:
        """None if this request may go through now, else the seconds to wait (not rounded)."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
        self._updated = now
        second = int(now - self.started)
        if self._tokens >= 1:
            self._tokens -= 1
            self.admitted[second] = self.admitted.get(second, 0) + 1
            return None
        slot = max(now + (1 - self._tokens) / self.rate, self._promised_until + 1 / self.rate)
        self._promised_until = slot
        self.refused[second] = self.refused.get(second, 0) + 1
        return slot - now


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    raw_target: str


class Reply(Exception):
    """Raised by a fake's handler to answer with an error status."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # A fleet connecting at once must queue, not be refused (the default backlog is 5).
    request_queue_size = 1024

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that drops its kept-alive connection (a client closed, an app quitting) is
        # what real servers see all day: no traceback for it. Anything else is printed.
        if not isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            super().handle_error(request, client_address)


class FakeServer:
    """Subclasses implement :meth:`handle`. Use as a context manager; ``url`` is the base URL."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self._faults: list[Fault] = []
        self._late: list[Request] = []
        #: Seconds added before every answer (a server across the internet).
        self.latency = 0.0
        #: Set to answer 429 + Retry-After above a request rate (None: no limit).
        self.rate_limit: RateLimit | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as separate writes: without this, Nagle's algorithm and
            # delayed ACKs add ~40 ms to answers on a kept-alive connection.
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: pytest shows what matters

            def _serve(self) -> None:
                fake._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        assert isinstance(host, str)
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail_next(self, fault: Fault | None = None, times: int = 1) -> None:
        with self.lock:
            self._faults.extend([fault or Fault()] * times)

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def commit_late(self, count: int | None = None) -> int:
        """Do the work of the first ``count`` (default: all) writes held by a ``late`` fault,
        as the server would, answering nobody; how many were done."""
        with self.lock:
            held, self._late = self._late[:count], self._late[len(self._late[:count]) :]
            for request in held:
                # A late write refused after all: nobody hears of it.
                with contextlib.suppress(Reply):
                    self.handle(request)
            return len(held)

    def requests_by(self, method: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.method == method]

    @contextmanager
    def recording(self) -> Iterator[list[Request]]:
        """The requests made inside the block."""
        with self.lock:
            first = len(self.requests)
        seen: list[Request] = []
        yield seen
        with self.lock:
            seen.extend(self.requests[first:])

    def handle(self, request: Request) -> tuple[int, Any]:
        raise NotImplementedError

    # -- plumbing ------------------------------------------------------------------------------

    def _take_fault(self, method: str) -> Fault | None:
        with self.lock:
            for i, fault in enumerate(self._faults):
                if fault.method in (None, method):
                    return self._faults.pop(i)
        return None

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw.strip() else None
        except ValueError:
            body = ValueError("not JSON")
        parts = urlsplit(h.path)
        request = Request(
            method=h.command,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            headers={k.lower(): v for k, v in h.headers.items()},
            body=body,
            raw_target=h.path,
        )
        with self.lock:
            self.requests.append(request)
            wait = self.rate_limit.admit() if self.rate_limit is not None else None
        if self.latency:
            time.sleep(self.latency)
        if wait is not None:
            body = {"error": "Too many requests"}
            return self._send(h, 429, body, retry_after=str(max(math.ceil(wait), 1)))
        fault = self._take_fault(h.command)
        if fault is not None and fault.kind == "before":
            return self._send(h, fault.status, fault.body, fault.retry_after, fault.raw)
        if fault is not None and fault.kind in ("drop", "late"):
            if fault.kind == "late" and not isinstance(body, ValueError):
                with self.lock:
                    self._late.append(request)
            h.close_connection = True
            return None
        if isinstance(body, ValueError):
            status, answer = 400, {"error": "The body is not valid JSON"}
        else:
            try:
                with self.lock:
                    status, answer = self.handle(request)
            except Reply as reply:
                status, answer = reply.status, reply.body
        if fault is None:
            return self._send(h, status, answer)
        if fault.kind == "after":
            return self._send(h, fault.status, fault.body, fault.retry_after, fault.raw)
        if fault.kind == "hang_after":
            time.sleep(fault.seconds)
        h.close_connection = True  # drop_after / hang_after: the answer never comes
        return None

    @staticmethod
    def _send(
        h: BaseHTTPRequestHandler,
        status: int,
        body: Any,
        retry_after: str | None = None,
        raw: bytes | None = None,
    ) -> None:
        data = raw if raw is not None else b"" if body is None else json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        if retry_after is not None:
            h.send_header("Retry-After", retry_after)
        h.end_headers()
        h.wfile.write(data)
