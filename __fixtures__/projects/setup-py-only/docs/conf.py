project = "setup-py-only"
