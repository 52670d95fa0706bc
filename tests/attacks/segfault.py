# expect: ex01_dot 0 | segmentation fault
import faulthandler


def dot(u, v):
    faulthandler._sigsegv()
