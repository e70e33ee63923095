"""Reports which of the runner's variables it can see."""
import os

WITHHELD = ("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN")


def leaked():
    """Names of inputs and runner tokens in this process's environment."""
    return sorted(k for k in os.environ if k.startswith("INPUT_") or k in WITHHELD)
