"""`python -m grader ...`: one module per command in this package, each with `register(subparsers)`,
which adds its parser and sets `run` to a function taking the parsed arguments and returning the exit
status. Every mistake a user can make on the command line ends in one line on stderr and exit status 2
(`grader.cli.usage`)."""
from __future__ import annotations

import importlib
import os
import signal
import sys

from grader.cli.usage import Parser, UsageError

# In the order `--help` lists them: the learner's commands first, then the instructor's and the maintainer's.
COMMANDS = ["check", "watch", "progress", "exercises", "build", "grade", "notebooks", "data", "plot", "new", "dev"]


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="python -m grader", description="The lesson 7 workbook's grader.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        importlib.import_module(f"{__name__}.{command}").register(sub)
    args = parser.parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return status
    except UsageError as e:
        print(f"python -m grader {args.command}: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head` stopped reading: end quietly, as a program killed by SIGPIPE would
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt:  # Ctrl-C (in watch, the way to stop)
        print(file=sys.stderr)
        return 128 + signal.SIGINT
