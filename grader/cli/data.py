"""`python -m grader data download NAME` and `python -m grader data where` (registering the command
imports neither pandas nor numpy: grader.data is imported only when it runs)."""
from __future__ import annotations

import argparse
from typing import Any

from grader.cli.usage import UsageError


def register(sub: Any) -> None:
    parser = sub.add_parser("data", help="MovieLens: download into the cache folder, or show where it is")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    download = actions.add_parser("download", help="fetch a MovieLens archive from GroupLens, verify and unpack it")
    download.add_argument("name", choices=["ml-100k", "ml-latest-small"])
    download.add_argument("--url", help="fetch from here instead of GroupLens (a mirror, or file:// for a local copy)")
    download.set_defaults(run=_download)
    where = actions.add_parser("where", help="the cache folder and which data sets are in it")
    where.set_defaults(run=_where)


def _download(args: argparse.Namespace) -> int:
    from grader.data import ArchiveError, DataUnavailable
    from grader.data.movielens import download

    try:
        folder = download(args.name, url=args.url)
    except (DataUnavailable, ArchiveError) as e:
        raise UsageError(e) from None
    print(f"{args.name} is ready in {folder}")
    return 0


def _where(args: argparse.Namespace) -> int:
    from grader.data import cache_dir
    from grader.data.movielens import SOURCES

    folder = cache_dir()
    print(f"cache folder: {folder}")
    for name, source in SOURCES.items():
        state = "unpacked" if (folder / name / source.marker).is_file() else \
            "zip waiting to be unpacked" if (folder / f"{name}.zip").is_file() else "not there"
        print(f"  {name:<16} {state}")
    return 0
