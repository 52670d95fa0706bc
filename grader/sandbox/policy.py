"""What a worker may do, set once before it runs any learner code, with no way back.

Layers, from the kernel up:
- kernel confinement (`grader.sandbox.kernel`): Landlock lets it read only the interpreter, the
  libraries and the grader modules it runs on, and read and write only its own workspace folder; no TCP,
  no signals or abstract sockets outside itself; no capabilities; a seccomp allowlist of system calls
  (no new processes, no other processes, no new sockets). Grading runs as root here and in CI, so
  nothing depends on the uid. `--unconfined` skips this layer only, and says so in the results.
- its own session and process group, and resource limits with soft = hard: address space, CPU
  seconds, file size, open files, and every other limit frozen where it is;
- stdin, stdout and stderr on /dev/null (what Python code prints is captured per call instead), and
  an environment holding nothing of the grader's;
- Python-level layers that give learners readable messages (and hold a little where the kernel
  cannot): an audit hook (PEP 578) refusing processes, signals, writes outside the working folder,
  the grader's protected folders, network and ctypes; an import blocker for the grader's secrets and
  for every grader module the fork server did not load (it loads only what workers run on).
"""
from __future__ import annotations

import importlib.abc
import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

from grader.sandbox import kernel, landlock

BLOCKED_IMPORTS = ("reference", "solutions", "exercises", "tests", "hypothesis", "pytest", "_pytest")
# What no worker may hold in memory (with their submodules): the fork server, a fresh interpreter that
# imports only what workers run on, refuses to fork while any of them is loaded.
SECRET_MODULES = ("hypothesis", "reference", "solutions", "grader.specs", "grader.engine")
PROCESS_EVENTS = frozenset({"os.system", "os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn",
                            "subprocess.Popen", "pty.spawn", "os.startfile"})
PATH_EVENTS = frozenset({"os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.symlink", "os.link", "os.chmod",
                         "os.chown", "os.truncate", "os.utime", "os.chflags", "os.lchflags", "os.lchmod",
                         "shutil.rmtree", "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.move",
                         "shutil.chown", "os.mkfifo", "os.mknod"})
READ_EVENTS = frozenset({"os.listdir", "os.scandir", "glob.glob", "glob.glob/2", "os.chdir"})
NETWORK_EVENTS = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
                            "socket.gethostbyname", "urllib.Request", "http.client.connect"})
NATIVE_EVENTS = frozenset({"ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.addressof",
                           "ctypes.string_at", "ctypes.wstring_at", "ctypes.call_function", "ctypes.cdata",
                           "ctypes.cdata/buffer", "cpython.PyInterpreterState_New", "sys._current_frames"})
WRITE_MODES = frozenset("wax+")
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
KEPT_ENVIRONMENT = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")  # nothing else of the grader's environment reaches learners


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 4096  # address space a worker may add to what it holds at start
    cpu_seconds: int = 600  # CPU time of one worker, a backstop behind the grader's wall-clock limits
    file_mb: int = 16  # largest file it may write (in its workspace folder)
    open_files: int = 256
    processes: int = 256  # binds only without root; confinement's seccomp rule is what stops new processes


def confine(workspace: Path, protected: list[str], limits: Limits, readable: list[kernel.Grant] | None) -> None:
    """Turn this freshly forked process into a worker for the student whose files are in `workspace/src`
    (which it may only read), working in `workspace/work` (the one place it may write); `readable` None:
    no kernel confinement (`--unconfined`)."""
    work = workspace / "work"
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    os.chdir(work)
    kept = {k: v for k, v in os.environ.items() if k in KEPT_ENVIRONMENT}
    os.environ.clear()
    os.environ.update(kept, HOME=str(work), TMPDIR=str(work), MPLCONFIGDIR=str(work))
    _limit(limits)
    sys.meta_path.insert(0, _ImportBlocker())
    sys.path[:] = [p for p in sys.path if p and not any(_inside(os.path.realpath(p), q) for q in protected)]
    if readable is not None:
        kernel.confine_process(grants(workspace, readable), os.getpid())
    sys.addaudithook(_audit_hook(str(work.resolve()), tuple(os.path.realpath(p) for p in protected), os.getpid()))


def grants(workspace: Path, readable: list[kernel.Grant]) -> list[kernel.Grant]:
    """All a worker may open: `readable`, its student's files (read only) and its working folder."""
    return [*readable, kernel.Grant(str(workspace / "src"), landlock.READ),
            kernel.Grant(str(workspace / "work"), landlock.READ_WRITE)]


def loaded_secrets() -> list[str]:
    """The modules a worker must not hold that this process has loaded."""
    return sorted(m for m in sys.modules if m in SECRET_MODULES or m.startswith(tuple(s + "." for s in SECRET_MODULES)))


def worker_files() -> list[str]:
    """The source files of the grader modules loaded here, which in the fork server are exactly the ones a
    worker runs on: a worker may read these and no other grader file (and import no other grader module)."""
    secrets = set(loaded_secrets())
    return sorted({m.__file__ for name, m in sys.modules.items()
                   if name.split(".")[0] == "grader" and name not in secrets and getattr(m, "__file__", None)})


def _limit(limits: Limits) -> None:
    """Every limit with soft = hard, so learner code can raise none of them; ours lowered to the given values."""
    mb = 1024 * 1024
    wanted = {resource.RLIMIT_AS: _address_space() + limits.memory_mb * mb, resource.RLIMIT_CPU: limits.cpu_seconds,
              resource.RLIMIT_FSIZE: limits.file_mb * mb, resource.RLIMIT_NOFILE: limits.open_files,
              resource.RLIMIT_CORE: 0, resource.RLIMIT_NPROC: limits.processes}
    for which in sorted({getattr(resource, n) for n in dir(resource) if n.startswith("RLIMIT_")}):
        soft, hard = resource.getrlimit(which)
        value = wanted.get(which, soft)
        if hard != resource.RLIM_INFINITY and (value == resource.RLIM_INFINITY or value > hard):
            value = hard
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # a limit this system will not set: the others still hold
            pass


def _address_space() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class _ImportBlocker(importlib.abc.MetaPathFinder):
    """Refuses the grader's secrets, and any grader module the worker did not load before confinement."""

    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        top = fullname.split(".")[0]
        if top in BLOCKED_IMPORTS or (top == "grader" and fullname not in sys.modules):
            raise ImportError(f"importing {fullname} is not allowed while grading")
        return None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _audit_hook(workspace: str, protected: tuple[str, ...], me: int):  # type: ignore[no-untyped-def]
    def resolve(path: object) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        try:
            return os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def writable(path: str | None) -> bool:
        return path is None or _inside(path, workspace) or path == os.devnull

    def hidden(path: str | None) -> bool:
        return path is not None and any(_inside(path, p) for p in protected)

    def hook(event: str, args: tuple, _workspace=workspace, _protected=protected, _me=me) -> None:
        if event == "open":
            path = resolve(args[0])
            mode, flags = args[1] or "", args[2] or 0
            if hidden(path):
                raise PermissionError(f"reading {args[0]} is not allowed while grading")
            if (WRITE_MODES & set(str(mode)) or flags & WRITE_FLAGS) and not writable(path):
                raise PermissionError(f"writing {args[0]} is not allowed while grading (only the working folder)")
        elif event in PATH_EVENTS:
            for arg in args:
                if isinstance(arg, (str, bytes, os.PathLike)) and not writable(resolve(arg)):
                    raise PermissionError(f"{event} on {arg} is not allowed while grading")
        elif event in READ_EVENTS:
            if args and isinstance(args[0], (str, bytes, os.PathLike)) and hidden(resolve(args[0])):
                raise PermissionError(f"{event} on {args[0]} is not allowed while grading")
        elif event in PROCESS_EVENTS:
            raise PermissionError("starting processes is not allowed while grading")
        elif event in ("os.kill", "os.killpg"):
            if args and args[0] not in (0, _me):
                raise PermissionError("signalling other processes is not allowed while grading")
        elif event in NETWORK_EVENTS or event in NATIVE_EVENTS:
            raise PermissionError(f"{event} is not allowed while grading")
        elif event == "object.__setattr__" and len(args) > 1 and args[1] in ("__code__", "__defaults__",
                                                                            "__kwdefaults__", "__closure__"):
            raise PermissionError("rewriting functions is not allowed while grading")

    return hook
