import does_not_exist_module  # noqa


def test_never():
    pass
