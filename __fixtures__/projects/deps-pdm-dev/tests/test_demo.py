import helperdep
import pytest

from pdm_dev_demo import scaled


def test_scaled():
    assert scaled(2) == 6


def test_negative_factor():
    with pytest.raises(ValueError):
        scaled(1, -1)


def test_helper_is_the_version_the_project_asks_for():
    # The index also holds helperdep 2.0: only the constraint keeps it out.
    assert helperdep.MAJOR == 1
