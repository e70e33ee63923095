"""Left out of coverage by the project's own [tool.coverage.run] omit."""


def dump(args):
    for key, value in sorted(vars(args).items()):
        print(f"{key}={value!r}")
