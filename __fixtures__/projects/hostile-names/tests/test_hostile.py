import pytest

from demo_hostile import echo, length

HOSTILE = [
    "a|b|c",
    "<script>alert(1)</script>",
    "`rm -rf /`",
    "line one\nline two",
    "@octocat",
    "**bold**",
]


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE)
def test_echo_keeps(text):
    assert echo(text) == text


@pytest.mark.parametrize(
    "text", ["a|b", "<script>alert(1)</script>", "@octocat **bold**", "`tick`", "new\nline"]
)
def test_hostile_failure(text):
    message = f"| cell | broken | by {text} `tick` @octocat **bold** <script>alert(1)</script>"
    assert length(text) == -1, message + "\nsecond line"


def test_pipe_in_message():
    raise AssertionError("x | y | z and <b>html</b> and @octocat")


def test_fence_in_message():
    raise AssertionError("before\n```\n@octocat <script>alert(2)</script> | x |\n```\nafter")
