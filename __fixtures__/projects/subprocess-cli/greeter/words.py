def greeting(name, shout=False):
    text = f"Hello, {name}!"
    if shout:
        return text.upper()
    return text


def farewell(name):
    return f"Goodbye, {name}."


def initials(name):
    return "".join(part[0] for part in name.split())
