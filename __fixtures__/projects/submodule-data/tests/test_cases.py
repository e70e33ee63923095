import json
from pathlib import Path

import pytest

from submodule_data import add

# The cases live in the testdata submodule (vendor/testdata).
CASES = json.loads((Path(__file__).parent.parent / "vendor/testdata/cases.json").read_text())


@pytest.mark.parametrize("expression, total", CASES)
def test_add(expression, total):
    assert add(expression) == total
