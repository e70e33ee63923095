def title(text):
    if not text:
        return ""
    return text[:1].upper() + text[1:]


def words(text):
    if not text:
        return []
    return text.split()
