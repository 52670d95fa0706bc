"""The grading secret: what makes grading's inputs differ from self-check's, unpredictably.

Taken from `--secret FILE`, else from `LESSON7_GRADING_SECRET` (removed from the environment at once,
before any process is started), else from `OUT/.secret`, created on first use and reused, so the same
class graded again gets the same inputs and the same bytes. It never leaves the grading processes:
fork servers are fresh interpreters with a scrubbed environment, and workers are forked from them.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

VARIABLE = "LESSON7_GRADING_SECRET"
FILE_NAME = ".secret"


class SecretError(ValueError):
    pass


def grading_secret(path: Path | None, out: Path) -> tuple[bytes, str]:
    """(the secret, where it came from, in words)."""
    from_environment = os.environ.pop(VARIABLE, None)
    if path is not None:
        try:
            secret = path.read_bytes()
        except OSError as e:
            raise SecretError(f"--secret {path}: {e.strerror}") from None
        return _checked(secret.strip(), f"--secret {path}"), f"from {path}"
    if from_environment is not None:
        return _checked(from_environment.encode(), VARIABLE), f"from ${VARIABLE}"
    stored = out / FILE_NAME
    try:
        return _checked(stored.read_bytes(), str(stored)), f"from {stored}"
    except FileNotFoundError:
        pass
    except OSError as e:
        raise SecretError(f"{stored}: {e.strerror}") from None
    out.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32).encode()
    fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(secret)
    return secret, f"new, kept in {stored}"


def _checked(secret: bytes, where: str) -> bytes:
    if len(secret) < 16:
        raise SecretError(f"the grading secret in {where} is {len(secret)} bytes; use at least 16 random bytes "
                          "(for example: python -c 'import secrets; print(secrets.token_hex(32))')")
    return secret
