"""Kernel confinement of grading workers, tested at the kernel's level: what a confined process can
open (through plain paths and through directory fds), which system calls it may make, what it holds
(capabilities, no_new_privs, limits), and what it can reach outside itself. All of it as root, with
no help from the Python-level audit hook (these children never install it)."""
from __future__ import annotations

import ctypes
import errno
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from confinement_tools import in_child, require_confinement
from grader.course import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Landlock and seccomp are Linux's")


@pytest.fixture
def layout(tmp_path):
    """A grading run's places: the worker's workspace (src/, work/), another worker's, the output with its
    secret, a home folder, and the class."""
    places = {}
    for name in ("mine", "other"):
        workspace = tmp_path / "workspace" / name
        (workspace / "src").mkdir(parents=True)
        (workspace / "work").mkdir()
        (workspace / "src" / "ex01_dot.py").write_text("def dot(u, v):\n    return 0\n")
        places[name] = workspace
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".secret").write_text("s3cret" * 8)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notes.txt").write_text("private")
    (tmp_path / "class" / "bo").mkdir(parents=True)
    (tmp_path / "class" / "bo" / "ex01_dot.py").write_text("def dot(u, v):\n    return 1\n")
    places.update(out=tmp_path / "out", home=tmp_path / "home", cls=tmp_path / "class", root=tmp_path)
    return places


def _grants(layout):
    from grader.grading import protected_folders
    from grader.sandbox import kernel, policy

    protected = list(protected_folders(layout["cls"], layout["out"]))
    return policy.grants(layout["mine"], kernel.readable(protected, policy.worker_files()))


def _confine(layout):
    from grader.sandbox import kernel

    grants = _grants(layout)
    return lambda: kernel.confine_process(grants, os.getpid())


def _candidates(layout) -> list[str]:
    """Places to try: everything two levels below /, the project, the layout, and known secrets."""
    found = {"/proc/1/environ", "/proc/self/environ", f"/proc/{os.getpid()}/environ", "/proc/self/mem",
             "/proc/self/root/etc/passwd", "/etc/passwd", "/etc/shadow", "/root", str(Path.home()),
             str(layout["mine"] / "src" / "ex01_dot.py"), str(layout["other"] / "src" / "ex01_dot.py")}
    for top in ["/", str(ROOT), str(layout["root"])]:
        for first in _list(top):
            found.add(first)
            found.update(_list(first))
            if first.startswith(str(layout["root"])):
                for second in _list(first):
                    found.update(_list(second))
    return sorted(found)


def _list(folder: str) -> list[str]:
    if folder.startswith(("/proc/", "/sys/")) or folder in ("/proc", "/sys", "/dev"):
        return []
    try:
        return [os.path.join(folder, n) for n in sorted(os.listdir(folder))[:200]]
    except OSError:
        return []


def _opens(paths: list[str]) -> dict[str, list[str]]:
    """In the child: which paths open for reading, directly and through an O_PATH fd of the parent
    folder; which folders take a new file, the same two ways."""
    read, written = [], []
    for path in paths:
        for how in ("path", "dirfd"):
            try:
                if how == "path":
                    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
                else:
                    parent = os.open(os.path.dirname(path) or "/", os.O_PATH)
                    try:
                        fd = os.open(os.path.basename(path) or ".", os.O_RDONLY | os.O_NONBLOCK, dir_fd=parent)
                    finally:
                        os.close(parent)
                os.close(fd)
                read.append(path)
            except OSError:
                pass
        if os.path.isdir(path):
            for how in ("path", "dirfd"):
                name = f"pwned-{how}-{os.getpid()}"
                try:
                    if how == "path":
                        fd = os.open(os.path.join(path, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL)
                    else:
                        parent = os.open(path, os.O_PATH)
                        try:
                            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, dir_fd=parent)
                        finally:
                            os.close(parent)
                    os.close(fd)
                    os.unlink(os.path.join(path, name))
                    written.append(path)
                except OSError:
                    pass
    return {"read": sorted(set(read)), "written": sorted(set(written))}


def _beneath(path: str, folder: str) -> bool:
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def test_a_confined_worker_opens_only_what_the_allowlist_names(layout):
    require_confinement()
    grants = _grants(layout)
    candidates = _candidates(layout)
    result = in_child(lambda: _opens(candidates), _confine(layout))
    assert "child error" not in result, result
    allowed = [g.path for g in grants]
    outside = [p for p in result["read"] if not any(_beneath(p, a) for a in allowed)]
    assert not outside, outside
    secrets = [ROOT / "reference" / "ex06_cross_entropy.py", ROOT / "solutions" / "ex01_dot.py", ROOT / "grader" / "specs",
               layout["other"] / "src" / "ex01_dot.py", layout["out"] / ".secret", layout["home"] / "notes.txt",
               layout["cls"] / "bo" / "ex01_dot.py", "/proc/1/environ", "/proc/self/environ", "/etc/passwd",
               "/proc/self/root/etc/passwd"]
    probes = in_child(lambda: _opens([str(s) for s in secrets]), _confine(layout))
    assert probes["read"] == [], probes
    assert result["written"] == [str(layout["mine"] / "work")], result["written"]
    assert str(layout["mine"] / "src" / "ex01_dot.py") in result["read"]  # its own student's files, read only


def _numbers() -> dict[str, int]:
    import pyseccomp

    names = ["fork", "vfork", "clone", "clone3", "execve", "execveat", "ptrace", "process_vm_readv", "pidfd_open",
             "pidfd_send_signal", "kill", "tgkill", "tkill", "prlimit64", "setpriority", "unshare", "setns", "socket",
             "socketpair", "io_uring_setup", "userfaultfd", "mount", "bpf", "keyctl", "perf_event_open", "chmod",
             "fchmodat", "chown", "fchownat", "utimensat", "setxattr", "symlink", "symlinkat", "link", "linkat",
             "mknodat", "getpid", "kcmp", "sched_setaffinity", "shmget", "personality", "chroot", "init_module",
             "open_by_handle_at"]
    numbers = {n: pyseccomp.resolve_syscall(pyseccomp.Arch.NATIVE, n) for n in names}
    return {n: v for n, v in numbers.items() if v >= 0}


def _refusals(numbers: dict[str, int], parent: int, target: str) -> dict[str, object]:
    """In the child: the errno of each forbidden call, aimed at the parent where it takes a pid."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long

    def call(name, *args):
        ctypes.set_errno(0)
        result = libc.syscall(numbers[name], *[ctypes.c_long(a) if isinstance(a, int) else a for a in args])
        return errno.errorcode.get(ctypes.get_errno(), "0") if result < 0 else f"returned {result}"

    path = target.encode()
    tried = {
        "fork": lambda: call("fork"), "vfork": lambda: call("vfork"),
        "clone (a process)": lambda: call("clone", signal.SIGCHLD, 0, 0, 0, 0),
        "clone3": lambda: call("clone3", 0, 0), "execve": lambda: call("execve", b"/bin/sh", 0, 0),
        "execveat": lambda: call("execveat", -100, b"/bin/sh", 0, 0, 0),
        "ptrace attach": lambda: call("ptrace", 16, parent, 0, 0),
        "process_vm_readv": lambda: call("process_vm_readv", parent, 0, 0, 0, 0, 0),
        "pidfd_open": lambda: call("pidfd_open", parent, 0),
        "pidfd_send_signal": lambda: call("pidfd_send_signal", 3, 0, 0, 0),
        "kill parent": lambda: call("kill", parent, 0), "kill -1": lambda: call("kill", -1, 0),
        "tgkill parent": lambda: call("tgkill", parent, parent, 0), "tkill": lambda: call("tkill", parent, 0),
        "prlimit parent": lambda: call("prlimit64", parent, 0, 0, 0),
        "setpriority of the user": lambda: call("setpriority", 2, 0, 10),
        "unshare user": lambda: call("unshare", 0x10000000), "unshare mount": lambda: call("unshare", 0x00020000),
        "setns": lambda: call("setns", 0, 0), "socket inet": lambda: call("socket", 2, 1, 0),
        "socket unix": lambda: call("socket", 1, 1, 0), "socketpair": lambda: call("socketpair", 1, 1, 0, 0),
        "io_uring_setup": lambda: call("io_uring_setup", 1, 0), "userfaultfd": lambda: call("userfaultfd", 0),
        "mount": lambda: call("mount", b"none", b"/tmp", b"tmpfs", 0, 0), "bpf": lambda: call("bpf", 0, 0, 0),
        "keyctl": lambda: call("keyctl", 0, 0, 0, 0, 0), "perf_event_open": lambda: call("perf_event_open", 0, 0, -1, -1, 0),
        "chmod": lambda: call("fchmodat", -100, path, 0o777, 0), "chown": lambda: call("fchownat", -100, path, 1, 1, 0),
        "utimensat": lambda: call("utimensat", -100, path, 0, 0), "setxattr": lambda: call("setxattr", path, b"user.x", b"1", 1, 0),
        "symlink": lambda: call("symlinkat", b"/etc/passwd", -100, b"link"), "link": lambda: call("linkat", -100, path, -100, b"l", 0),
        "mknod": lambda: call("mknodat", -100, b"fifo", 0o10644, 0), "kcmp": lambda: call("kcmp", parent, parent, 0, 0, 0),
        "sched_setaffinity parent": lambda: call("sched_setaffinity", parent, 0, 0), "shmget": lambda: call("shmget", 0, 4096, 0o1000),
        "personality": lambda: call("personality", 0x0040000), "chroot": lambda: call("chroot", b"/tmp"),
        "init_module": lambda: call("init_module", 0, 0, b""), "open_by_handle_at": lambda: call("open_by_handle_at", 3, 0, 0),
    }
    if os.uname().machine == "x86_64":  # the same audit arch as x86_64: the filter must check the x32 bit itself
        tried["an x32 call"] = lambda: _x32(libc, numbers["getpid"])
    refused = {}
    for name, attempt in tried.items():
        try:
            refused[name] = attempt()
        except KeyError:  # a call this architecture lacks (fork on aarch64)
            pass
    import threading

    box = []
    thread = threading.Thread(target=lambda: box.append(os.getpid()))
    thread.start()
    thread.join()
    refused["allowed: a thread"] = "ran" if box else "did not run"
    refused["allowed: kill self"] = call("kill", os.getpid(), 0)
    refused["allowed: prlimit self"] = call("prlimit64", 0, 7, 0, 0)
    return refused


def _x32(libc, getpid: int) -> str:
    ctypes.set_errno(0)
    result = libc.syscall(ctypes.c_long(getpid | 0x40000000))
    return errno.errorcode.get(ctypes.get_errno(), "0") if result < 0 else f"returned {result}"


def test_a_confined_worker_makes_no_forbidden_system_call_and_lives_on(layout):
    require_confinement()
    numbers = _numbers()
    target = str(ROOT / "README.md")
    before = os.stat(target)
    result = in_child(lambda: _refusals(numbers, os.getppid(), target), _confine(layout))
    assert "child error" not in result and "died" not in result, result
    allowed = {k: result.pop(k) for k in list(result) if k.startswith("allowed:")}
    assert allowed == {"allowed: a thread": "ran", "allowed: kill self": "returned 0",
                       "allowed: prlimit self": "returned 0"}, allowed
    assert result.pop("clone3") == "ENOSYS"  # so that glibc falls back to clone, where the flags can be checked
    wrong = {name: got for name, got in result.items() if got != "EPERM"}
    assert not wrong, wrong
    assert len(result) >= 35
    after = os.stat(target)
    assert (after.st_mode, after.st_uid, after.st_mtime_ns) == (before.st_mode, before.st_uid, before.st_mtime_ns)


def test_a_confined_worker_holds_no_capability_and_every_limit_is_fixed(layout):
    require_confinement()
    from grader.sandbox import kernel, policy
    from grader.grading import protected_folders

    readable = kernel.readable(list(protected_folders(layout["cls"], layout["out"])), policy.worker_files())
    limits = policy.Limits(memory_mb=512)

    def inspect(pid: int) -> dict:
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        rows = Path(f"/proc/{pid}/limits").read_text().splitlines()[1:]
        unequal = [r for r in rows if r[26:47].split() != r[47:68].split()]
        return {k: status[k].strip() for k in ("NoNewPrivs", "Seccomp", "CapInh", "CapPrm", "CapEff", "CapBnd",
                                              "CapAmb")} | {"soft != hard": unequal}

    _, seen = in_child(lambda: os.getpid(), lambda: policy.confine(layout["mine"], [], limits, readable), pause=True,
                       inspect=inspect)
    assert seen == {"NoNewPrivs": "1", "Seccomp": "2", "CapInh": "0" * 16, "CapPrm": "0" * 16, "CapEff": "0" * 16,
                    "CapBnd": "0" * 16, "CapAmb": "0" * 16, "soft != hard": []}, seen


def test_landlock_alone_scopes_signals_sockets_and_tcp(layout):
    """Without seccomp's help: Landlock v6 refuses signals to, and abstract sockets of, processes outside
    the worker's domain, and v4 refuses TCP connect and bind."""
    require_confinement()
    from grader.sandbox import landlock

    abi = landlock.abi_version()
    if abi < 6:
        pytest.skip(f"Landlock v{abi}: signal and socket scoping need v6")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(b"\0lesson7-test-" + str(os.getpid()).encode())
    listener.listen()
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen()
    port = tcp.getsockname()[1]
    parent = os.getpid()
    grants = _grants(layout)

    def landlock_only():
        ctypes.CDLL(None).prctl(38, 1, 0, 0, 0)
        ruleset = landlock.Ruleset(abi)
        for grant in grants:
            ruleset.allow(grant.path, grant.rights)
        ruleset.restrict_self()

    def attempts():
        out = {}
        for name, attempt in {
            "signal the parent": lambda: os.kill(parent, 0),
            "abstract socket": lambda: socket.socket(socket.AF_UNIX).connect(b"\0lesson7-test-" + str(parent).encode()),
            "tcp connect": lambda: socket.socket().connect(("127.0.0.1", port)),
            "tcp bind": lambda: socket.socket().bind(("127.0.0.1", 0)),
        }.items():
            try:
                attempt()
                out[name] = "allowed"
            except OSError as e:
                out[name] = errno.errorcode[e.errno]
        out["signal itself"] = "allowed" if os.kill(os.getpid(), 0) is None else "?"
        return out

    try:
        result = in_child(attempts, landlock_only)
    finally:
        listener.close()
        tcp.close()
    assert result == {"signal the parent": "EPERM", "abstract socket": "EPERM", "tcp connect": "EACCES",
                      "tcp bind": "EACCES", "signal itself": "allowed"}, result


def test_each_worker_has_its_own_ruleset(tmp_path):
    """Workers of one fork server, for two students: neither reads the other's files (a ruleset made
    once in the server would be shared, and the second workspace folder added to it would open to both)."""
    require_confinement()
    from grader.learner import CheckBudget  # noqa: F401 - the runner's import, here before the fork server's
    from grader.sandbox.forkserver import ForkServer
    from grader.sandbox.policy import Limits
    from grader.sandbox.runner import SandboxRunner

    workspaces = []
    for name in ("ada", "bo"):
        workspace = tmp_path / name
        (workspace / "src").mkdir(parents=True)
        (workspace / "work").mkdir()
        workspaces.append(workspace)
    for workspace, other in ((workspaces[0], workspaces[1]), (workspaces[1], workspaces[0])):
        (workspace / "src" / "ex01_dot.py").write_text(
            f"def dot(u, v):\n    try:\n        return open({str(other / 'src' / 'ex01_dot.py')!r}).read()\n"
            f"    except OSError as e:\n        return type(e).__name__\n")
    server = ForkServer()
    try:
        got = []
        for workspace in workspaces:
            runner = SandboxRunner(server, workspace, [], Limits())
            runner.begin_check(30)
            outcome = runner.run(workspace / "src" / "ex01_dot.py", "x", "common.call", ("dot", [[], []], {}), {}, None)
            got.append(outcome.value)
            runner.shutdown()
    finally:
        server.close()
    assert got == ["PermissionError", "PermissionError"], got
