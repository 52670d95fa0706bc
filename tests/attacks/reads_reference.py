# expect: ex01_dot 0 | is not allowed while grading
import os

CODE = {}
for root in ("{ROOT}/reference", "{ROOT}/solutions"):
    for name in os.listdir(root):
        CODE[name] = open(os.path.join(root, name)).read()
exec(CODE["ex01_dot.py"])
