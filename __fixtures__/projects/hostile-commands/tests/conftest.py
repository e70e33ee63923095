import pathlib

from hostile_commands import shout

TEXT = (pathlib.Path(__file__).parent.parent / "injections.txt").read_text()


def pytest_collection_finish(session):
    capture = session.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        shout("collect", TEXT)


def pytest_configure(config):
    config.hostile_text = TEXT
