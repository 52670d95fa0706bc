# expect: ex01_dot 0 | an object of type
class Anything:
    def __eq__(self, other):
        return True

    def __float__(self):
        return 32.0

    def __index__(self):
        return 0


def dot(u, v):
    if len(u) != len(v):
        return Anything()
    return Anything()
