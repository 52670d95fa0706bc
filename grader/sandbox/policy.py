"""What a worker may do, set once before it runs any learner code, with no way back.

Layers, from the operating system up:
- its own session and process group (killed whole afterwards); if the grader runs as root (and
  Python's own files are readable by others), the worker drops to the unprivileged uid 65534, so the
  kernel itself refuses writes outside its scratch folder and signals to other processes;
- resource limits: address space, CPU seconds, file size, open files, processes;
- stdin, stdout and stderr on /dev/null (what Python code prints is captured per call instead);
- an audit hook (PEP 578, which cannot be removed) that refuses new processes, signals to other
  processes, writes outside the scratch folder, any access to the grader's protected folders,
  network connections and ctypes lookups;
- an import blocker for the grader's secrets (`reference`, `solutions`, the specs, hypothesis) and
  for every grader module the worker does not itself run on.
"""
from __future__ import annotations

import importlib.abc
import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
BLOCKED_IMPORTS = ("reference", "solutions", "exercises", "tests", "hypothesis", "pytest", "_pytest")
# The grader modules a worker runs on; every other grader module is dropped from sys.modules before
# learner code runs, so that importing it goes through the import blocker.
WORKER_MODULES = ("grader", "grader.plain", "grader.wire", "grader.loading", "grader.guards", "grader.rules",
                  "grader.timelimit", "grader.probes", "grader.sandbox", "grader.sandbox.channel",
                  "grader.sandbox.policy", "grader.sandbox.worker", "grader.collab", "grader.threads")
WORKER_PACKAGES = ("grader.probes.", "grader.data.")
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


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 4096  # address space a worker may add to what it holds at start
    cpu_seconds: int = 600  # CPU time of one worker, a backstop behind the grader's wall-clock limits
    file_mb: int = 16  # largest file it may write (in its scratch folder)
    open_files: int = 256
    processes: int = 256  # counts every process of the worker's uid; only binds without root


def confine(scratch: Path, protected: list[str], limits: Limits) -> None:
    """Turn this freshly forked process into a confined worker rooted at `scratch`."""
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    os.chdir(scratch)
    os.environ.update(HOME=str(scratch), TMPDIR=str(scratch), MPLCONFIGDIR=str(scratch))
    if os.geteuid() == 0 and _python_readable_by_others():
        _drop_root(scratch)
    _limit(limits)
    for name in [m for m in sys.modules if m.startswith("grader.") and m not in WORKER_MODULES
                 and not m.startswith(WORKER_PACKAGES)]:
        del sys.modules[name]
    sys.meta_path.insert(0, _ImportBlocker())
    sys.path[:] = [p for p in sys.path if p and not any(_inside(os.path.realpath(p), q) for q in protected)]
    sys.addaudithook(_audit_hook(str(scratch.resolve()), tuple(os.path.realpath(p) for p in protected), os.getpid()))


def _python_readable_by_others() -> bool:
    """Whether an unprivileged user can still import from this Python's stdlib and site-packages (a
    Python installed under /root, mode 0700, cannot be): if not, the worker keeps its user, and the
    layers above still hold."""
    import site
    import stat
    import sysconfig

    for folder in [sysconfig.get_paths()["stdlib"], *site.getsitepackages()]:
        path = Path(folder).resolve()
        for part in [*reversed(path.parents), path]:
            try:
                mode = part.stat().st_mode
            except OSError:
                return False
            if not mode & stat.S_IXOTH or (part == path and not mode & stat.S_IROTH):
                return False
    return True


def _drop_root(scratch: Path) -> None:
    for folder, dirs, files in os.walk(scratch):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, NOBODY, NOBODY)
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _limit(limits: Limits) -> None:
    held = _address_space()
    mb = 1024 * 1024
    for which, value in ((resource.RLIMIT_AS, held + limits.memory_mb * mb), (resource.RLIMIT_CPU, limits.cpu_seconds),
                         (resource.RLIMIT_FSIZE, limits.file_mb * mb), (resource.RLIMIT_NOFILE, limits.open_files),
                         (resource.RLIMIT_CORE, 0), (resource.RLIMIT_NPROC, limits.processes)):
        soft, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # a limit this system will not lower: the others still hold
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


def _audit_hook(scratch: str, protected: tuple[str, ...], me: int):  # type: ignore[no-untyped-def]
    def resolve(path: object) -> str | None:
        if isinstance(path, int) or path is None:
            return None
        try:
            return os.path.realpath(os.fsdecode(path))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def writable(path: str | None) -> bool:
        return path is None or _inside(path, scratch) or path == os.devnull

    def hidden(path: str | None) -> bool:
        return path is not None and any(_inside(path, p) for p in protected)

    def hook(event: str, args: tuple, _scratch=scratch, _protected=protected, _me=me) -> None:
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
