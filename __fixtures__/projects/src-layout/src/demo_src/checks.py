def is_palindrome(text):
    cleaned = "".join(c for c in text.lower() if c.isalnum())
    if not cleaned:
        return False
    return cleaned == cleaned[::-1]
