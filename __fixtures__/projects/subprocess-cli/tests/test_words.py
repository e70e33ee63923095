from greeter import greeting


def test_greeting():
    assert greeting("Bo") == "Hello, Bo!"
