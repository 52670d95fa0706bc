"""Fetch an archive with a progress bar, verify it, and unpack it without trusting its member names."""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

CHUNK = 1 << 16
MAX_UNPACKED = 1 << 30  # bytes; far above any MovieLens archive this project reads


class ArchiveError(Exception):
    """An archive that failed verification or that is unsafe to unpack; the message says which."""


@dataclass(frozen=True)
class Expected:
    """What a good copy of an archive looks like: its size and a published or recorded digest."""

    size: int | None = None
    sha256: str | None = None
    md5: str | None = None


def fetch(url: str, target: Path, expected: Expected, label: str, progress: IO[str] | None = sys.stderr,
          timeout: float = 30) -> Path:
    """Download `url` to `target` (through a `.part` file), verified against `expected` before it lands."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    digests = {"sha256": hashlib.sha256(), "md5": hashlib.md5()}
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, open(part, "wb") as out:
            total = int(response.headers.get("Content-Length") or expected.size or 0)
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                for d in digests.values():
                    d.update(chunk)
                done += len(chunk)
                _bar(progress, label, done, total)
        if progress is not None:
            progress.write("\n")
        _verify(label, done, {k: d.hexdigest() for k, d in digests.items()}, expected)
    except BaseException:
        part.unlink(missing_ok=True)  # never leave half a download where a later run could mistake it
        raise
    os.replace(part, target)
    return target


def verify_file(path: Path, expected: Expected, label: str) -> None:
    """Check a copy already on disk (a zip the user put in the cache) the same way a download is checked."""
    digests = {"sha256": hashlib.sha256(), "md5": hashlib.md5()}
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            for d in digests.values():
                d.update(chunk)
    _verify(label, path.stat().st_size, {k: d.hexdigest() for k, d in digests.items()}, expected)


def _verify(label: str, size: int, digests: dict[str, str], expected: Expected) -> None:
    if expected.size is not None and size != expected.size:
        raise ArchiveError(f"{label} has {size:,} bytes, expected {expected.size:,}: the download is incomplete "
                           "or it is a different file")
    for kind in ("sha256", "md5"):
        want = getattr(expected, kind)
        if want is not None and digests[kind] != want:
            raise ArchiveError(f"{label} has {kind} {digests[kind]}, expected {want}: the file is damaged or not "
                               "the archive GroupLens publishes")


def _bar(progress: IO[str] | None, label: str, done: int, total: int) -> None:
    if progress is None:
        return
    if total:
        filled = min(30, 30 * done // total)
        progress.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:5.1f} / {total / 1e6:.1f} MB")
    else:
        progress.write(f"\r{label} {done / 1e6:5.1f} MB")
    progress.flush()


def safe_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members, after refusing any that could land outside the target folder or that are links."""
    total = 0
    for info in archive.infolist():
        name = info.filename
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise ArchiveError(f"refusing to unpack {name!r}: it points outside the folder it is unpacked into")
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 where the zip records no Unix file type
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            raise ArchiveError(f"refusing to unpack {name!r}: it is a link or a special file, not a plain file")
        total += info.file_size
        if total > MAX_UNPACKED:
            raise ArchiveError(f"refusing to unpack: more than {MAX_UNPACKED >> 20} MB once unpacked")
    return archive.infolist()


def unpack(zip_path: Path, folder: Path) -> None:
    """Unpack `zip_path` into `folder` (created): all or nothing, every member checked first."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=folder))
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for info in safe_members(archive):
                destination = (staging / info.filename).resolve()
                if not destination.is_relative_to(staging.resolve()):  # belt and braces after safe_members
                    raise ArchiveError(f"refusing to unpack {info.filename!r}: it leaves the folder")
                if info.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(destination, "wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        for entry in staging.iterdir():
            final = folder / entry.name
            if final.exists():
                shutil.rmtree(final) if final.is_dir() else final.unlink()
            os.replace(entry, final)
    except zipfile.BadZipFile as e:
        raise ArchiveError(f"{zip_path} is not a readable zip archive ({e})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
