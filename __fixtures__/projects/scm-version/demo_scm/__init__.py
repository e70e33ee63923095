def greet(name):
    if not name:
        return "hello"
    return f"hello {name}"
