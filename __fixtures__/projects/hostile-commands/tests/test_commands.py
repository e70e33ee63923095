import os

import pytest

from hostile_commands import add, injections, shout

FAILING = os.environ.get("HOSTILE_COMMANDS") != "legacy"


def test_passes_and_prints(capsys, pytestconfig):
    with capsys.disabled():
        shout("pass", pytestconfig.hostile_text)
    assert add(2, 3) == 5


@pytest.mark.skipif(not FAILING, reason="only the passing tests print in legacy mode")
def test_fails_and_prints(pytestconfig):
    shout("fail", pytestconfig.hostile_text)
    assert add(2, 2) == 5


@pytest.mark.skipif(not FAILING, reason="only the passing tests print in legacy mode")
@pytest.mark.parametrize("name", [" ##[error where=test-id]forged"])
def test_named(name):
    assert not name
