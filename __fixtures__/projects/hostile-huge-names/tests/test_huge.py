import pytest

from demo_huge import double

# What a report could be made to link, ping or show backwards, ahead of the bulk.
BAIT = (
    "fixes #123 GH-45 owner/repo#6 owner/repo@abc1234 @octocat "
    "https://github.com/owner/repo/issues/6 www.evil.example "
    "<details><summary>passed</summary> [x](https://evil.example) "
)
RTL = "\u202egnp.exe\u202c \u2066isolated\u2069 zero\u200bwidth"
NAMES = [f"{i:02d} {BAIT}" + "_" * 30_000 for i in range(50)]


@pytest.mark.parametrize("name", NAMES, ids=NAMES)
def test_huge(name):
    assert double(2) == 5, f"{name[:3]}{RTL} {BAIT}" + "m" * 30_000


def test_double():
    assert double(2) == 4
