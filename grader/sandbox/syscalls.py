"""seccomp-bpf: the system calls a worker may make, as a default-deny allowlist.

Built with libseccomp (through `pyseccomp`), which writes the BPF program, checks the architecture
and refuses x32 system calls on x86_64. A refused call fails with EPERM (clone3 with ENOSYS, so that
glibc falls back to clone), so learner code gets an ordinary OSError and the worker lives on.

The allowlist was measured by running every solution and every corpus and attack submission under
confinement (tests/test_confinement.py keeps it honest). What is missing on purpose: new processes
(fork, vfork, clone without CLONE_THREAD, execve), other processes (ptrace, process_vm_*, pidfd_*,
kcmp, signals to any pid but the worker's own), sockets beyond the socket pair it was given,
io_uring, userfaultfd, namespaces, mounts, bpf, keyrings, perf, modules, SysV IPC, and changing who
owns a file or its mode, times or extended attributes (Landlock does not cover those, and the worker
runs as uid 0, which owns every file of the grader).
"""
from __future__ import annotations

import errno
import os

import pyseccomp as seccomp

CLONE_THREAD = 0x00010000
NAMESPACE_FLAGS = 0x7E020000  # CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET

ALLOWED = (
    # memory
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore", "msync", "membarrier",
    "get_mempolicy", "set_mempolicy", "mbind",
    # files, within what Landlock allows
    "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev", "preadv2", "pwritev2",
    "open", "openat", "openat2", "creat", "close", "close_range", "lseek", "dup", "dup2", "dup3", "fcntl",
    "flock", "fsync", "fdatasync", "ftruncate", "truncate", "fallocate", "fadvise64", "readahead",
    "stat", "fstat", "lstat", "newfstatat", "statx", "statfs", "fstatfs", "access", "faccessat", "faccessat2",
    "getdents", "getdents64", "getcwd", "chdir", "fchdir", "readlink", "readlinkat", "umask",
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
    "sendfile", "copy_file_range", "pipe", "pipe2", "eventfd", "eventfd2",
    "poll", "ppoll", "select", "pselect6", "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait",
    "epoll_pwait", "epoll_pwait2",
    # the socket pair to the grader, and nothing that makes or reaches another socket
    "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "shutdown", "getsockopt",
    "setsockopt", "getsockname", "getpeername",
    # threads, signals and time, for the worker itself
    "futex", "futex_waitv", "set_robust_list", "set_tid_address", "rseq", "sched_yield", "sched_get_priority_max",
    "sched_get_priority_min", "arch_prctl", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending",
    "rt_sigsuspend", "rt_sigtimedwait", "sigaltstack", "restart_syscall", "pause", "alarm", "setitimer", "getitimer",
    "nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres", "gettimeofday", "time", "times",
    "exit", "exit_group", "wait4", "waitid",
    # who and where it is
    "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid", "getresgid",
    "getgroups", "getpgrp", "uname", "sysinfo", "getrusage", "getrlimit", "getcpu", "getrandom", "capget",
)

# Calls that take a pid (or a thread group): allowed only on the worker itself (0 means itself).
ON_SELF_ARG0 = ("kill", "prlimit64", "sched_setaffinity", "sched_getaffinity", "sched_setparam", "sched_getparam",
                "sched_setscheduler", "sched_getscheduler", "sched_setattr", "sched_getattr", "get_robust_list",
                "getpgid", "getsid", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")
# (which, who) calls: a process (not a group or a user), and that process the worker itself.
WHICH_WHO = {"setpriority": 0, "getpriority": 0, "ioprio_set": 1, "ioprio_get": 1}  # PRIO_PROCESS, IOPRIO_WHO_PROCESS
# ioctl requests Python and the libraries make on their own files; devices are Landlock's (IOCTL_DEV).
IOCTLS = (0x5401, 0x5413, 0x541B, 0x5421, 0x5451, 0x5450)  # TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX
PRCTLS = (15, 16, 3, 0x53564D41)  # PR_SET_NAME, PR_GET_NAME, PR_GET_DUMPABLE, PR_SET_VMA (glibc names its maps)


def build(pid: int) -> seccomp.SyscallFilter:
    """The filter for the worker whose pid is `pid` (not loaded yet)."""
    denied = seccomp.ERRNO(errno.EPERM)
    f = seccomp.SyscallFilter(denied)
    f.set_attr(seccomp.Attr.ACT_BADARCH, denied)  # a call of a foreign ABI (x32, i386) never runs
    f.set_attr(seccomp.Attr.CTL_NNP, 1)
    allow = seccomp.ALLOW
    for name in ALLOWED:
        _add(f, allow, name)
    for name in ON_SELF_ARG0:
        _add(f, allow, name, seccomp.Arg(0, seccomp.EQ, pid))
        if name not in ("tgkill", "rt_tgsigqueueinfo", "rt_sigqueueinfo"):
            _add(f, allow, name, seccomp.Arg(0, seccomp.EQ, 0))
    for name, process in WHICH_WHO.items():
        for who in (0, pid):
            _add(f, allow, name, seccomp.Arg(0, seccomp.EQ, process), seccomp.Arg(1, seccomp.EQ, who))
    for request in IOCTLS:
        _add(f, allow, "ioctl", seccomp.Arg(1, seccomp.EQ, request))
    for option in PRCTLS:
        _add(f, allow, "prctl", seccomp.Arg(0, seccomp.EQ, option))
    # A thread, never a process, and never in a namespace of its own.
    _add(f, allow, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD | NAMESPACE_FLAGS, CLONE_THREAD))
    _add(f, seccomp.ERRNO(errno.ENOSYS), "clone3")  # its flags sit in memory BPF cannot read: glibc falls back to clone
    return f


def _add(f: seccomp.SyscallFilter, action: int, name: str, *args: seccomp.Arg) -> None:
    number = seccomp.resolve_syscall(seccomp.Arch.NATIVE, name)
    if number >= 0:  # a call this architecture does not have (open on aarch64) needs no rule
        f.add_rule(action, number, *args)


def load(pid: int | None = None) -> None:
    """Load the filter for this process; from here on it holds for every thread the process starts."""
    build(os.getpid() if pid is None else pid).load()
