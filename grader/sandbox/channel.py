"""Length-prefixed frames over a socket: the only way data crosses between grader and worker.

Printed text goes elsewhere (a worker's stdout is /dev/null, and what it prints through Python is
captured into its outcome), so nothing a learner prints can be read as a result.
"""
from __future__ import annotations

import select
import socket
import struct
import time

HEADER = struct.Struct("!I")
MAX_FRAME = 64 * 1024 * 1024  # a bigger answer is refused, not read


class ChannelClosed(Exception):
    """The other end went away (a worker that exited or was killed)."""


class ChannelTimeout(Exception):
    """No complete frame before the deadline."""


class FrameTooLarge(Exception):
    pass


def send_frame(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(HEADER.pack(len(data)) + data)
    except (BrokenPipeError, ConnectionResetError) as e:
        raise ChannelClosed(str(e)) from None


def recv_frame(sock: socket.socket, deadline: float | None = None, limit: int = MAX_FRAME) -> bytes:
    """One frame; ChannelTimeout once `deadline` (time.monotonic()) passes, ChannelClosed on EOF."""
    (size,) = HEADER.unpack(_recv_exactly(sock, HEADER.size, deadline))
    if size > limit:
        raise FrameTooLarge(f"a message of {size} bytes, more than the {limit} allowed")
    return _recv_exactly(sock, size, deadline)


def _recv_exactly(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    chunks, left = [], n
    while left:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([sock], [], [], wait)[0]:
                raise ChannelTimeout()
        try:
            chunk = sock.recv(min(left, 1 << 20))
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            raise ChannelClosed("end of stream")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
