"""`python -m grader build [--check] [--force]`: regenerate the stubs, notebooks and the table of exercises."""
from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="regenerate exercises/ stubs from solutions/ (maintainers)")
    p.add_argument("--check", action="store_true",
                   help="fail if solutions/ changed since the last build (the manifests' digests); write nothing")
    p.add_argument("--force", action="store_true", help="overwrite stubs even where a learner edited them")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from grader import build
    from grader.course import ROOT

    return build.main(ROOT, check=args.check, force=args.force)
