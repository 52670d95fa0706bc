# expect: ex01_dot 0 | called sys.exit(0) while being imported
import sys

sys.exit(0)
