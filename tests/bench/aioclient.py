"""A small HTTP/1.1 client over asyncio streams, for the load driver (load.py).

One AsyncClient is one keep-alive connection, like a phone's: thousands of
them cost one thread and a few kilobytes each, where http.client needs a
thread per connection. Standard library only; it speaks just what the bench
needs: a request with a body of known length, a response with Content-Length,
chunked transfer coding or a body to the end of the connection.

A kept-alive connection that the server has closed meanwhile (gunicorn closes
one idle for 2 s, its keep-alive) is seen before the next request and replaced
by a new one: no request is sent on it. Only when the server closes it at the
very moment a request is sent (no byte of an answer came back on a reused
connection) is the request sent again, once, on a new connection, as browsers
and http.client do: the server closed the connection without reading it.
"""

import asyncio
from dataclasses import dataclass

MAX_HEADER_LINES = 100
NO_BODY = (204, 304)


class HTTPError(Exception):
    """The answer was not HTTP as this client understands it."""


class _Stale(Exception):
    """The server closed a reused connection before answering anything."""


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]  # in order, names lower-cased
    body: bytes

    def header(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), default)


class AsyncClient:
    def __init__(self, host: str, port: int, timeout: float, user_agent: str = "lianbing-bench"):
        self.host, self.port, self.timeout = host, port, timeout
        self.user_agent = user_agent
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.connections = 0  # opened, over the client's life
        self.resent = 0  # requests sent again after a stale connection (see above)

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """One request and its whole answer within `timeout` seconds; raises
        TimeoutError, OSError or HTTPError (and closes the connection) on failure."""
        if self.writer is not None and (self.reader.at_eof() or self.writer.is_closing()):
            self.close()
        reused = self.writer is not None
        message = self._message(method, path, body, headers or {})
        try:
            async with asyncio.timeout(self.timeout):
                if not reused:
                    await self._connect()
                try:
                    return await self._exchange(method, message)
                except _Stale:
                    if not reused:
                        raise HTTPError(
                            "the server closed a new connection without answering"
                        ) from None
                    self.close()
                    self.resent += 1
                    await self._connect()
                    try:
                        return await self._exchange(method, message)
                    except _Stale:
                        raise HTTPError(
                            "the server closed the connection without answering"
                        ) from None
        except BaseException:
            self.close(abort=True)
            raise

    def _message(self, method: str, path: str, body: bytes | None, headers: dict) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines.append(f"User-Agent: {self.user_agent}")
        for name, value in headers.items():
            lines.append(f"{name}: {value}")
        if body is not None or method not in ("GET", "HEAD", "DELETE", "OPTIONS"):
            lines.append(f"Content-Length: {len(body or b'')}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head + (body or b"")

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.connections += 1

    async def _exchange(self, method: str, message: bytes) -> Response:
        try:
            self.writer.write(message)
            await self.writer.drain()
            status_line = await self.reader.readline()
        except (ConnectionResetError, BrokenPipeError) as exc:
            raise _Stale() from exc
        if not status_line:
            raise _Stale()
        parts = status_line.decode("latin-1").rstrip("\r\n").split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise HTTPError(f"not an HTTP status line: {status_line[:80]!r}")
        version, status = parts[0], int(parts[1])
        headers = await self._headers()
        keep = version == "HTTP/1.1"
        connection = ",".join(v for k, v in headers if k == "connection").lower()
        if "close" in connection:
            keep = False
        elif "keep-alive" in connection:
            keep = True
        body = await self._body(method, status, headers)
        if body is None:  # to the end of the connection
            body, keep = await self.reader.read(), False
        if not keep:
            self.close()
        return Response(status, headers, body)

    async def _headers(self) -> list[tuple[str, str]]:
        headers = []
        for _ in range(MAX_HEADER_LINES):
            line = await self.reader.readline()
            if not line.endswith(b"\n"):
                raise HTTPError("the connection closed within the headers")
            line = line.rstrip(b"\r\n")
            if not line:
                return headers
            name, sep, value = line.decode("latin-1").partition(":")
            if not sep:
                raise HTTPError(f"not a header line: {line[:80]!r}")
            headers.append((name.strip().lower(), value.strip()))
        raise HTTPError(f"more than {MAX_HEADER_LINES} header lines")

    async def _body(self, method: str, status: int, headers) -> bytes | None:
        if method == "HEAD" or status in NO_BODY or 100 <= status < 200:
            return b""
        coding = ",".join(v for k, v in headers if k == "transfer-encoding").lower()
        if "chunked" in coding:
            return await self._chunked()
        length = next((v for k, v in headers if k == "content-length"), None)
        if length is None:
            return None
        if not length.isdigit():
            raise HTTPError(f"Content-Length {length!r}")
        try:
            return await self.reader.readexactly(int(length))
        except asyncio.IncompleteReadError as exc:
            raise HTTPError(f"the body ended after {len(exc.partial)} of {length} bytes") from exc

    async def _chunked(self) -> bytes:
        chunks = []
        try:
            while True:
                size_line = await self.reader.readline()
                size = size_line.split(b";", 1)[0].strip()
                try:
                    length = int(size, 16)
                except ValueError as exc:
                    raise HTTPError(f"chunk size {size_line[:40]!r}") from exc
                if length == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(await self.reader.readexactly(length))
                await self.reader.readexactly(2)  # CRLF after the chunk
        except asyncio.IncompleteReadError as exc:
            raise HTTPError("the connection closed within a chunked body") from exc

    def close(self, *, abort: bool = False) -> None:
        """Close the connection; `abort` drops what is still unsent (after a
        failure, so that a server that stopped reading cannot hold it open)."""
        writer, self.reader, self.writer = self.writer, None, None
        if writer is not None:
            if abort:
                writer.transport.abort()
            else:
                writer.close()
