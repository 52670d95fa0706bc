"""Read a class folder without trusting it.

A submission folder is learner-made: it may hold symbolic links (to the solutions, to /etc/passwd),
hard links, FIFOs that block a reader forever, devices, or a file of gigabytes. Every path component
is opened through the directory fd of its parent with O_NOFOLLOW, each file is checked with fstat
on the open descriptor (what is read is what was checked), and anything but a regular file of
bounded size is refused with a message that says why. The bytes are read once, here; nothing later
reads the class folder again.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from grader.course import EXERCISE_FILE

MAX_BYTES = {".py": 1 << 20, ".ipynb": 16 << 20}  # a notebook carries its outputs (figures): more room
DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True)
class File:
    name: str  # as handed in: `ex01_dot.py`
    data: bytes
    folder: str = ""  # the subfolder it was in (nbgrader's <student>/<assignment>/), "" for none


@dataclass(frozen=True)
class Student:
    name: str  # the folder's name: the student id
    files: dict[str, File] = field(default_factory=dict)  # exercise -> its file
    refused: dict[str, str] = field(default_factory=dict)  # exercise -> why its file was not read

    @property
    def assignment(self) -> str | None:
        """The one subfolder its files were in (nbgrader's assignment), if any."""
        folders = {f.folder for f in self.files.values()}
        return folders.pop() if len(folders) == 1 and "" not in folders else None

    @property
    def digest(self) -> str:
        """Changes when any byte handed in (or any refusal) changes."""
        h = hashlib.sha256()
        for exercise, file in sorted(self.files.items()):
            h.update(f"{exercise}\0{file.folder}\0{file.name}\0{len(file.data)}\0".encode())
            h.update(file.data)
        for exercise, reason in sorted(self.refused.items()):
            h.update(f"refused\0{exercise}\0{reason}\0".encode())
        return h.hexdigest()


class NotAClass(ValueError):
    """SUBMISSIONS cannot be read as a class (the message is for the instructor)."""


def read_class(submissions: Path) -> list[Student]:
    """Every student folder of `submissions` (or nbgrader's `submitted/` inside it, or one student's
    folder given directly), sorted by name, with the exercise files each holds."""
    try:
        top = os.open(submissions, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)  # the instructor's own path
    except (NotADirectoryError, FileNotFoundError):
        raise NotAClass(f"{submissions} is not a folder") from None
    except OSError as e:
        raise NotAClass(f"{submissions} cannot be read ({e.strerror})") from None
    try:
        if "submitted" in os.listdir(top):
            inner = _open_folder(top, "submitted")
            if inner is not None:
                os.close(top)
                top = inner
        if _holds_exercises(top):
            return [_read_student(top, Path(submissions).resolve().name)]
        students = []
        for name in sorted(os.listdir(top)):
            if name.startswith((".", "__")):
                continue
            entry = os.stat(name, dir_fd=top, follow_symlinks=False)
            if stat.S_ISLNK(entry.st_mode):
                students.append(Student(name, refused={"*": f"the folder {name} is a symbolic link; links are not "
                                                         "followed: hand in a folder of files"}))
            elif stat.S_ISDIR(entry.st_mode):
                fd = _open_folder(top, name)
                if fd is not None:
                    try:
                        students.append(_read_student(fd, name))
                    finally:
                        os.close(fd)
        return students
    finally:
        os.close(top)


def _open_folder(parent: int, name: str) -> int | None:
    try:
        return os.open(name, DIRECTORY_FLAGS, dir_fd=parent)
    except OSError:  # a link (ELOOP), not a folder, or gone: not read
        return None


def _holds_exercises(fd: int) -> bool:
    return any(EXERCISE_FILE.match(name) for name in os.listdir(fd))


def _read_student(folder: int, name: str) -> Student:
    """The exercise files in the folder, else in its subfolders (nbgrader's <student>/<assignment>/); a
    .py before an .ipynb of the same exercise."""
    files: dict[str, File] = {}
    refused: dict[str, str] = {}
    places = [(folder, "")]  # (fd, subfolder)
    subfolders = sorted(n for n in os.listdir(folder) if not n.startswith((".", "__")))
    opened = []
    try:
        for sub in subfolders:
            fd = _open_folder(folder, sub)
            if fd is not None:
                opened.append(fd)
                places.append((fd, sub))
        for fd, sub in places:
            for entry in sorted(os.listdir(fd), key=lambda n: (not n.endswith(".py"), n)):
                match = EXERCISE_FILE.match(entry)
                if not match or match[1] in files or match[1] in refused:
                    continue
                try:
                    files[match[1]] = File(entry, _read_file(fd, entry), sub)
                except Refused as e:
                    refused[match[1]] = f"{sub + '/' if sub else ''}{entry} {e}"
            if (files or refused) and sub == "":
                break
    finally:
        for fd in opened:
            os.close(fd)
    return Student(name, files, refused)


class Refused(Exception):
    pass


def _read_file(folder: int, name: str) -> bytes:
    limit = MAX_BYTES[os.path.splitext(name)[1]]
    before = os.stat(name, dir_fd=folder, follow_symlinks=False)
    _judge(before, limit)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except OSError as e:
        raise Refused("is a symbolic link: links are not followed" if e.errno == errno.ELOOP
                      else f"could not be read ({e.strerror})") from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise Refused("changed while it was being read")
        _judge(opened, limit)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused(f"is larger than the {limit // (1 << 20)} MB a file may be")
    return data


def _judge(info: os.stat_result, limit: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise Refused("is a symbolic link: links are not followed; hand in the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("is not a regular file (a folder, pipe or device): not read")
    if info.st_nlink > 1:
        raise Refused("has other hard links: hand in a file of its own")
    if info.st_size > limit:
        raise Refused(f"is {info.st_size / (1 << 20):.1f} MB, more than the {limit // (1 << 20)} MB a file may be")


def output_names(students: list[str]) -> dict[str, str]:
    """Student id -> a file name for their outputs: the id itself where it is a plain, unique name (even
    on a file system that ignores case), otherwise a readable form with a hash of the id. Distinct ids
    never share a name."""
    plain = [s for s in students if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", s)]
    folded: dict[str, int] = {}
    for s in plain:
        folded[s.lower()] = folded.get(s.lower(), 0) + 1
    names = {}
    for s in students:
        if s in plain and folded[s.lower()] == 1 and not re.search(r"-[0-9a-f]{8}$", s, re.IGNORECASE):
            names[s] = s
        else:
            clean = re.sub(r"[^A-Za-z0-9._-]", "_", s)[:80].lstrip(".") or "student"
            names[s] = f"{clean}-{hashlib.sha256(s.encode()).hexdigest()[:8]}"
    return names
