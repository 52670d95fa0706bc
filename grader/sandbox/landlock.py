"""Landlock (Linux 5.13+): the kernel's own allowlist of what a process may open, bind and signal.

A small ctypes layer rather than the `landlock` package on PyPI: that package (1.0.0.dev5) knows
only the file-system rights, while a worker also needs ABI 4's TCP rules and ABI 6's scopes (no
signals to, and no abstract unix sockets of, processes outside its own domain). The three system
calls and their structs are a stable kernel ABI (include/uapi/linux/landlock.h).

A ruleset is built *in the worker, after the fork*: a ruleset is one kernel object, so one built in
the fork server and shared by every child would open each worker's workspace folder to the next.
"""
from __future__ import annotations

import ctypes
import os
import stat
from pathlib import Path

SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446  # the same number on every architecture
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1

# File-system rights (the ABI that introduced each in the comments).
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER = 1 << 13  # ABI 2
TRUNCATE = 1 << 14  # ABI 3
IOCTL_DEV = 1 << 15  # ABI 5
BIND_TCP, CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV  # the only rights a rule on a file may carry
READ = READ_FILE | READ_DIR
# Inside the workspace folder: files and folders, but no links, devices, sockets or pipes.
READ_WRITE = READ | WRITE_FILE | TRUNCATE | REMOVE_DIR | REMOVE_FILE | MAKE_DIR | MAKE_REG


class LandlockUnavailable(OSError):
    pass


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1  # __attribute__((packed)) in the kernel header
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _syscall(number: int, *args: object) -> int:
    result = _libc.syscall(number, *args)
    if result < 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))
    return result


def abi_version() -> int:
    """The kernel's Landlock ABI (0 where there is none: an old kernel, Landlock off, not Linux)."""
    try:
        return _syscall(SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except OSError:
        return 0


def handled_fs(abi: int) -> int:
    """Every file-system right this ABI knows: what is handled and not granted is denied."""
    rights = (1 << 13) - 1
    for needs, right in ((2, REFER), (3, TRUNCATE), (5, IOCTL_DEV)):
        if abi >= needs:
            rights |= right
    return rights


class Ruleset:
    """`allow(path, rights)` for each path, then `restrict_self()`: from then on this process (and any
    thread it starts) may open only beneath those paths, with those rights; no TCP bind or connect
    (ABI 4+); no signals or abstract unix sockets outside its own domain (ABI 6+)."""

    def __init__(self, abi: int) -> None:
        if abi < 1:
            raise LandlockUnavailable("Landlock is not available on this kernel")
        self.abi = abi
        self.fs = handled_fs(abi)
        attr = _RulesetAttr(self.fs, BIND_TCP | CONNECT_TCP if abi >= 4 else 0,
                            SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= 6 else 0)
        size = 8 if abi < 4 else 16 if abi < 6 else 24  # older kernels refuse fields they do not know
        self.fd = _syscall(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))

    def allow(self, path: str | Path, rights: int) -> bool:
        """Grant `rights` beneath `path` (only the file rights if it is a file); False if it does not exist."""
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return False
        try:
            if not stat.S_ISDIR(os.fstat(fd).st_mode):
                rights &= FILE_RIGHTS
            rights &= self.fs
            if not rights:
                return False
            attr = _PathBeneathAttr(rights, fd)
            _syscall(SYS_ADD_RULE, ctypes.c_int(self.fd), ctypes.c_int(RULE_PATH_BENEATH), ctypes.byref(attr),
                     ctypes.c_uint32(0))
        finally:
            os.close(fd)
        return True

    def restrict_self(self) -> None:
        """Enforce the ruleset on this thread for good (needs no_new_privs, which the caller sets)."""
        try:
            _syscall(SYS_RESTRICT_SELF, ctypes.c_int(self.fd), ctypes.c_uint32(0))
        finally:
            os.close(self.fd)
