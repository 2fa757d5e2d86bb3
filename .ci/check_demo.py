"""CI: the installed wheel runs the demo from an empty folder and finds every platform exportscope knows.

Run with the Python of a fresh virtual environment holding only the wheel, from an empty temporary folder, so
neither the source tree nor an editable install can stand in for what the wheel carries.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from exportscope.platforms import all_platforms

exe = shutil.which("exportscope", path=str(Path(sys.executable).parent))
if exe is None:
    sys.exit("check_demo: the wheel installed no exportscope command")
run = subprocess.run([exe, "summary", "--demo", "--json"], capture_output=True, text=True, check=False)
if run.returncode != 0:
    sys.exit(f"check_demo: exportscope summary --demo --json exited {run.returncode}: {run.stderr.strip()}")
doc = json.loads(run.stdout)
found = {p["platform"]: sum(p["totals"].values()) for p in doc["platforms"]}
families = {p.name for p in all_platforms()}
missing = sorted(f for f in families if not found.get(f))
if missing:
    sys.exit(f"check_demo: the demo read no items of {', '.join(missing)} (found {found})")
print(f"check_demo: the installed wheel's demo reads {', '.join(f'{k} {v}' for k, v in sorted(found.items()))}")
