# expect: ex01_dot 0 | importing solutions is not allowed while grading
from solutions.ex01_dot import dot  # noqa: F401
