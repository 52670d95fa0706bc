"""Run as a script, a stub stops with one line, not a traceback: the generated stubs wrap their
`if __name__ == "__main__":` block in `stops_at_todo`."""
from __future__ import annotations

import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def stops_at_todo(file: str) -> Iterator[None]:
    """A NotImplementedError from the learner's file ends the script with one line and exit status 2."""
    try:
        yield
    except NotImplementedError as e:
        frames = [(frame.f_code, line) for frame, line in traceback.walk_tb(e.__traceback__)
                  if Path(frame.f_code.co_filename) == Path(file)]
        code, line = frames[-1] if frames else (None, 0)
        where = f" ({getattr(code, 'co_qualname', code.co_name)}, line {line})" if code else ""
        name = Path(file).name
        print(f"{name}: not implemented yet{where}: write it, then run this again "
              f"(python -m grader check {name[:4]} checks it)", file=sys.stderr)
        raise SystemExit(2) from None
