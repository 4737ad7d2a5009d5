"""A loopback HTTP/1.1 proxy that injects faults into the next request to a given path.

Faults: ``cut_request`` (the connection drops after part of the request was sent: the
server never gets it whole) and ``lose_reply`` (the request reaches the server, which
answers, but the answer never reaches the client). Everything else is passed through.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

from helpers.sync_server import free_port


@dataclass
class FaultyProxy:
    """Listens on a free port and forwards to ``upstream_port``."""

    upstream_port: int
    port: int = 0
    faults: dict[str, str] = field(default_factory=dict)  # path -> fault, used once
    served: list[str] = field(default_factory=list)

    def start(self) -> FaultyProxy:
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        try:
            while True:
                request = _read_message(client)
                if request is None:
                    return
                path = request.split(b" ", 2)[1].decode()
                self.served.append(path)
                fault = self.faults.pop(path, None)
                if fault == "cut_request":
                    upstream.sendall(request[: len(request) // 2])
                    return
                upstream.sendall(request)
                reply = _read_message(upstream)
                if reply is None or fault == "lose_reply":
                    return
                client.sendall(reply)
        except OSError:
            return
        finally:
            client.close()
            upstream.close()


def _read_message(sock: socket.socket) -> bytes | None:
    """One HTTP message with a Content-Length body (what httpx and uvicorn send here)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body
