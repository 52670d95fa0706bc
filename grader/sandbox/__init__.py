"""Isolation for grading: learner code runs only in worker processes.

- `forkserver`: a process that imports torch, numpy, pandas and the probes (never hypothesis,
  `reference/`, `solutions/` or the specs) and forks a worker per request, so that a worker costs
  a fork, not a Python start-up.
- `policy`: what a worker may do: resource limits, no new processes, writes only in its workspace
  folder, no imports of the grader's secrets.
- `worker`: the worker's loop: plain requests in, plain outcomes out, over its own socket.
- `runner`: the grader's side: a `Runner` that sends probes to a worker, with time limits, and
  replaces a worker that died.
- `channel`: length-prefixed frames of `grader.wire` data.
"""
