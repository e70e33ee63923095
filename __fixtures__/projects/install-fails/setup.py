# Runs when pip builds the project: the install must fail, on purpose.
raise SystemExit("demo-install-fails: this setup.py refuses to build, on purpose")
