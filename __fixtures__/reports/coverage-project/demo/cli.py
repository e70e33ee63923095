import sys


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: demo KIND SIZE")
        return 2
    kind, size = argv
    from demo.shapes import area

    print(area(kind, float(size)))
    return 0
