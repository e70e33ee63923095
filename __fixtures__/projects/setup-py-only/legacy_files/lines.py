def lines(text: str) -> int:
    return len(text.splitlines()) if text else 0
