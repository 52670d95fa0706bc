# expect: ex01_dot 5 | -
# Reaches for what grades it over the network: the Dask scheduler (any client it accepts can run code on
# the Dask workers, outside every confinement, where the grading secret is), its workers, or any other
# TCP server on this machine. `{SCHEDULER}` is filled in where the class is graded on Dask; elsewhere
# Dask's default ports stand in. Every connection must be refused; one that works makes dot wrong.
import socket

SCHEDULER = "{SCHEDULER}"


def _targets():
    targets = [("127.0.0.1", port) for port in (8786, 8787, 8788, 22, 80)]
    host, _, port = SCHEDULER.rpartition("://")[2].rpartition(":")
    if port.isdigit():
        targets.insert(0, (host, int(port)))
    return targets


def _connects(address):
    try:
        socket.create_connection(address, timeout=2).close()
        return True
    except OSError:
        return False


def _sends(address):
    try:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"pwned", address)
        return True
    except OSError:
        return False


def dot(u, v):
    if any(_connects(a) for a in _targets()) or _sends(_targets()[0]):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
