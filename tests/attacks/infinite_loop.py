# expect: ex01_dot 0 | took longer than
def dot(u, v):
    while True:
        pass
