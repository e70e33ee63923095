def shout(text, times=1):
    if times < 1:
        return ""
    return "!".join([text.upper()] * times)


def whisper(text):
    if not text:
        return text
    return text.lower() + "..."
