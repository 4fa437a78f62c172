"""The load driver's asyncio HTTP client (tests/bench/aioclient.py) against a
tiny HTTP server on loopback that does as it is told per request: keep the
connection, close it after answering, close it without answering, answer in
chunks. No Django: the server is a few lines of asyncio."""

import asyncio

import pytest

from tests.bench.aioclient import AsyncClient, HTTPError


class TinyServer:
    """Answers every request with its path as the body; `/close` closes the
    connection after answering (without saying so), `/drop` closes it without
    answering, `/chunked` answers in two chunks, `/ten` answers 10 bytes with
    Connection: close."""

    def __init__(self):
        self.connections = 0
        self.requests: list[str] = []
        self.server = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self.serve, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def serve(self, reader, writer):
        self.connections += 1
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                method, path, _ = line.decode().split(" ", 2)
                length = 0
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                body = await reader.readexactly(length)
                self.requests.append(f"{method} {path} {body.decode()}".strip())
                if path == "/drop":
                    return
                if path == "/chunked":
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
                    )
                elif path == "/ten":
                    writer.write(b"HTTP/1.1 201 Created\r\nConnection: close\r\n\r\n0123456789")
                    await writer.drain()
                    return
                else:
                    data = path.encode()
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                        + f"Content-Length: {len(data)}\r\n\r\n".encode()
                        + data
                    )
                await writer.drain()
                if path == "/close":
                    return
        finally:
            writer.close()

    async def stop(self):
        self.server.close()
        await self.server.wait_closed()


def run(scenario):
    """Run `scenario(server, client)` against a fresh TinyServer."""

    async def main():
        server = TinyServer()
        port = await server.start()
        client = AsyncClient("127.0.0.1", port, timeout=5)
        try:
            return await scenario(server, client)
        finally:
            client.close()
            await server.stop()

    return asyncio.run(main())


def test_requests_share_one_kept_alive_connection():
    async def scenario(server, client):
        first = await client.request("GET", "/one")
        second = await client.request("POST", "/two", body=b'{"a": 1}')
        return server, client, first, second

    server, client, first, second = run(scenario)
    assert (first.status, first.body) == (200, b"/one")
    assert first.header("content-type") == "text/plain"
    assert (second.status, second.body) == (200, b"/two")
    assert server.connections == client.connections == 1
    assert server.requests == ["GET /one", 'POST /two {"a": 1}']
    assert client.resent == 0


def test_a_connection_the_server_closed_while_idle_is_replaced_before_sending():
    async def scenario(server, client):
        await client.request("GET", "/close")
        await asyncio.sleep(0.1)  # the server's FIN arrives, as after a trainee thinks
        again = await client.request("POST", "/after", body=b"x")
        return server, client, again

    server, client, again = run(scenario)
    assert again.body == b"/after"
    assert server.connections == client.connections == 2
    # Nothing was sent on the closed connection: no request went twice.
    assert server.requests == ["GET /close", "POST /after x"]
    assert client.resent == 0


def test_a_request_the_server_drops_on_a_reused_connection_is_sent_once_more():
    async def scenario(server, client):
        await client.request("GET", "/first")
        answer = None
        try:
            answer = await client.request("GET", "/drop")
        except HTTPError as exc:
            answer = exc
        return server, client, answer

    server, client, answer = run(scenario)
    # Dropped without an answer both times: the first on the kept connection
    # (sent again on a new one), the second on the new connection (an error).
    assert isinstance(answer, HTTPError)
    assert server.requests == ["GET /first", "GET /drop", "GET /drop"]
    assert client.resent == 1
    assert client.connections == 2


def test_a_new_connection_closed_without_an_answer_is_an_error_not_a_retry():
    async def scenario(server, client):
        with pytest.raises(HTTPError):
            await client.request("POST", "/drop", body=b"answer")
        return server, client

    server, client = run(scenario)
    assert server.requests == ["POST /drop answer"]
    assert client.resent == 0


def test_chunked_and_connection_close_bodies():
    async def scenario(server, client):
        chunked = await client.request("GET", "/chunked")
        ten = await client.request("GET", "/ten")
        after = await client.request("GET", "/after")
        return client, chunked, ten, after

    client, chunked, ten, after = run(scenario)
    assert chunked.body == b"hello world"
    assert (ten.status, ten.body) == (201, b"0123456789")
    assert after.body == b"/after"
    assert client.connections == 2  # /ten said Connection: close


def test_a_server_that_does_not_answer_times_out():
    async def main():
        async def silent(reader, writer):
            await reader.read(1000)
            await asyncio.sleep(5)
            writer.close()

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        client = AsyncClient("127.0.0.1", server.sockets[0].getsockname()[1], timeout=0.3)
        try:
            with pytest.raises(TimeoutError):
                await client.request("GET", "/")
            assert client.writer is None  # closed after the failure
        finally:
            server.close()

    asyncio.run(main())
