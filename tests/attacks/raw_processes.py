# expect: ex01_dot 5 | -
# Processes and signals through calls that Python does not audit: `_posixsubprocess.fork_exec`, pidfd
# signals, prlimit and scheduling calls aimed at the fork server (the worker's parent) or at every
# process of the user (everything runs as root). Every one must be refused; one that works makes dot wrong.
import _posixsubprocess
import os
import resource
import signal


def _works(act):
    try:
        act()
        return True
    except Exception:
        return False


def _fork_exec():
    read, write = os.pipe()
    _posixsubprocess.fork_exec(["/bin/sh", "-c", "touch {ROOT}/pwned-fork-exec; sleep 987"], [b"/bin/sh"], True, (),
                               None, None, -1, -1, -1, -1, -1, -1, read, write, True, False, -1, None, None, None, -1,
                               None, False)


def dot(u, v):
    server = os.getppid()
    escaped = [
        _works(_fork_exec),
        _works(lambda: signal.pidfd_send_signal(os.pidfd_open(server), signal.SIGSTOP)),
        _works(lambda: signal.pidfd_send_signal(os.pidfd_open(server), signal.SIGKILL)),
        _works(lambda: os.kill(server, signal.SIGSTOP)),
        _works(lambda: os.killpg(os.getpgid(server), signal.SIGKILL)),
        _works(lambda: os.kill(-1, signal.SIGKILL)),
        _works(lambda: resource.prlimit(server, resource.RLIMIT_CPU, (1, 1))),
        _works(lambda: os.sched_setaffinity(server, {0})),
        _works(lambda: os.setpriority(os.PRIO_USER, 0, 19)),
        _works(lambda: os.setpriority(os.PRIO_PROCESS, server, 19)),
        _works(lambda: resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))),
    ]
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
