import subprocess
import sys


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "greeter", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_greets():
    result = run("Ada")
    assert result.returncode == 0
    assert result.stdout == "Hello, Ada!\n"


def test_shouts():
    assert run("Ada", "--shout").stdout == "HELLO, ADA!\n"


def test_debug_output():
    assert "name='Ada'" in run("Ada", "--debug").stdout


def test_slow_farewell():
    assert run("Ada", "--leave").stdout == "Goodbye, Ada.\n"


def test_slow_empty_name():
    result = run("")
    assert result.returncode == 2
    assert "a name is needed" in result.stderr
