import demo_outcomes_plugin_that_is_not_installed  # noqa: F401


def test_never_collected():
    pass
