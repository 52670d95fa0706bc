"""Kernel confinement of a worker: no new privileges, Landlock, no capabilities, seccomp.

`confine_process` runs in the worker after the fork and before any learner code; there is no way
back from any step. Nothing here depends on dropping root: grading runs as root in CI and on many
course servers, so the fences are ones the kernel enforces whatever the uid.
"""
from __future__ import annotations

import ctypes
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox import landlock

PR_SET_NO_NEW_PRIVS, PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 38, 24, 47, 4
CAPABILITY_VERSION_3 = 0x20080522


class Unconfinable(RuntimeError):
    """This machine cannot confine learner code; the message says what is missing."""


@dataclass(frozen=True)
class Grant:
    path: str
    rights: int


def describe() -> str:
    """What confines learner code here, in words ("Landlock v7 + seccomp"); Unconfinable if nothing can."""
    if platform.system() != "Linux":
        raise Unconfinable(f"learner code can be confined only on Linux (Landlock and seccomp); this is "
                           f"{platform.system()}")
    abi = landlock.abi_version()
    if abi < 1:
        raise Unconfinable("this kernel has no Landlock (Linux 5.13+ with landlock in its LSM list), so learner "
                           "code cannot be confined")
    try:
        from grader.sandbox import syscalls  # noqa: F401 - needs libseccomp
    except (ImportError, RuntimeError, OSError) as e:
        raise Unconfinable(f"seccomp is not usable here: libseccomp is missing ({e})") from None
    return f"Landlock v{abi} + seccomp"


def trial() -> str:
    """`describe()`, after confining a throwaway child for real (a container may refuse what the kernel has)."""
    description = describe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            confine_process([], os.getpid())
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise Unconfinable("this system refuses Landlock or seccomp to a process (a locked-down container?), so "
                           "learner code cannot be confined")
    return description


def confine_process(grants: list[Grant], pid: int) -> None:
    """From now on this process opens only what `grants` allow, binds and connects no TCP port, signals
    and reaches no abstract socket outside itself, holds no capability, and makes only the system calls
    of `grader.sandbox.syscalls`."""
    from grader.sandbox import syscalls

    libc = ctypes.CDLL(None, use_errno=True)
    last_capability = _last_capability()  # read while /proc is still open to us
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    ruleset = landlock.Ruleset(landlock.abi_version())
    for grant in grants:
        ruleset.allow(grant.path, grant.rights)
    ruleset.restrict_self()
    _drop_capabilities(libc, last_capability)
    syscalls.load(pid)


def _drop_capabilities(libc: ctypes.CDLL, last_capability: int) -> None:
    for cap in range(last_capability + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL for a capability this kernel lacks: nothing to drop
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: all empty, twice (64 capabilities)
    _check(libc.capset(header, data), "capset")


def _last_capability() -> int:
    try:
        return int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    except (OSError, ValueError):
        return 63


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def readable(forbidden: list[str], extra: list[str]) -> list[Grant]:
    """What a worker may read: the interpreter's standard library and packages, shared libraries and a
    few system files, and `extra` (the grader's own worker modules) — minus everything beneath
    `forbidden` (the references, the solutions, the specs, the class, the output), even where it lies
    inside an allowed folder (a grader installed into site-packages)."""
    import site
    import sysconfig

    read = landlock.READ
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    roots |= set(site.getsitepackages()) | {p for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    roots |= {"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share/zoneinfo",
              "/etc/ld.so.cache", "/etc/localtime",
              "/proc/cpuinfo", "/sys/devices/system/cpu"}  # torch's cpuinfo reads these on first use of some ops
    blocked = [os.path.realpath(f) for f in forbidden]
    grants: list[Grant] = []
    for root in sorted(roots):
        if os.path.exists(root):
            grants += _beneath_except(os.path.realpath(root), blocked, read)
    grants += [Grant(p, read) for p in extra if not _inside_any(os.path.realpath(p), blocked)]
    grants += [Grant("/dev/null", landlock.READ_FILE | landlock.WRITE_FILE),
               Grant("/dev/urandom", landlock.READ_FILE), Grant("/dev/random", landlock.READ_FILE)]
    return grants


def _beneath_except(path: str, blocked: list[str], rights: int) -> list[Grant]:
    """`path` with `rights`, except the blocked folders beneath it: their siblings are granted one by one."""
    if _inside_any(path, blocked):
        return []
    if not any(b.startswith(path.rstrip("/") + "/") for b in blocked):
        return [Grant(path, rights)]
    grants = []
    for entry in sorted(os.listdir(path)):
        child = os.path.join(path, entry)
        if not os.path.islink(child):  # a grant opens where a link leads, which may be anywhere: links get none
            grants += _beneath_except(child, blocked, rights)
    return grants


def _inside_any(path: str, folders: list[str]) -> bool:
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)
