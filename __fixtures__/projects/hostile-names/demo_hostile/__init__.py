def echo(text):
    if text is None:
        return ""
    return str(text)


def length(text):
    if not text:
        return 0
    return len(text)
