"""The command's entry point forks the spare reading worker before the command line is parsed (issue 19):
only for the commands that read archives and inputs that exist, before typer is imported, and the analysis
then reads with that worker; the output is the same as without it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from exportscope.launch import READING_COMMANDS, named_inputs
from tests.conftest import SAMPLES, ended_within

ROOT = Path(__file__).resolve().parent.parent
FACEBOOK = SAMPLES / "facebook-2025" / "facebook-jdoe-2025-11-20-AbCdEfGh.zip"


def test_the_inputs_named_are_the_existing_arguments_of_a_reading_command(tmp_path: Path) -> None:
    old = tmp_path / "old.parquet"
    old.write_bytes(b"PAR1")
    assert named_inputs(["summary", "--json", str(FACEBOOK)]) == [str(FACEBOOK)]
    assert named_inputs(["items", str(FACEBOOK), "-o", str(old)]) == [str(FACEBOOK), str(old)]  # a bigger guess
    assert named_inputs(["report", str(tmp_path / "missing.zip"), "-o", "r.html"]) == []
    assert named_inputs(["letter", "facebook", str(FACEBOOK)]) == [str(FACEBOOK)]
    assert named_inputs(["summary", "--demo"]) == []
    for other in ("rules", "inspect", "--help", "--version", "facebook"):
        assert named_inputs([other, str(FACEBOOK)]) == []
    assert named_inputs([]) == []
    assert {"summary", "items", "report", "diff"} <= READING_COMMANDS and "inspect" not in READING_COMMANDS


_PROBE = textwrap.dedent(
    """
    import atexit, json, sys
    from exportscope import parallel
    parallel.SPARE_MIN_DISK_BYTES = 0  # the sample is small: pretend it is big enough for a spare
    parallel.worth_starting = lambda sizes: bool(sizes)  # and that it needs a second process
    seen = {"started": False, "taken": False}
    start, take = parallel.start_spare, parallel.take_spare

    def started(paths):
        seen.update(started=True, typer_before=("typer" in sys.modules), cli_before=("exportscope.cli" in sys.modules))
        start(paths)
        seen["spares"] = len(parallel._SPARE)
        seen["pids"] = [w._process.pid for w in parallel._SPARE]

    def taken():
        worker = take()
        seen["taken"] = worker is not None
        return worker

    parallel.start_spare, parallel.take_spare = started, taken
    atexit.register(lambda: sys.stderr.write("SEEN " + json.dumps(seen) + "\\n"))
    sys.argv = ["exportscope", *sys.argv[1:]]
    from exportscope.launch import main
    main()
    """
)


def _probe(*args: str) -> tuple[subprocess.CompletedProcess[str], dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("SEEN "))
    return done, json.loads(line[5:])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the spare is forked only where fork is safe")
def test_the_worker_is_forked_before_typer_and_the_analysis_reads_with_it() -> None:
    done, seen = _probe("summary", "--json", "--no-findings", str(FACEBOOK))
    assert done.returncode == 0, done.stderr
    assert {k: v for k, v in seen.items() if k != "pids"} == {
        "started": True, "typer_before": False, "cli_before": False, "spares": 1, "taken": True
    }  # fmt: skip
    plain = subprocess.run(
        [sys.executable, "-c", "from exportscope.cli import main; main()", "summary", "--json", "--no-findings",
         str(FACEBOOK)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=True,
    )  # fmt: skip
    assert json.loads(done.stdout) == json.loads(plain.stdout)


def test_no_worker_is_forked_for_a_command_that_reads_nothing() -> None:
    done, seen = _probe("rules", "facebook", "--json")
    assert done.returncode == 0, done.stderr
    assert seen == {"started": False, "taken": False}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the spare is forked only where fork is safe")
def test_a_spare_nobody_takes_ends_with_the_command() -> None:
    """A usage error after the fork: the command ends with its code and the spare with it (no process left)."""
    done, seen = _probe("summary", str(FACEBOOK), "--no-such-option")
    assert done.returncode == 2
    assert seen["started"] is True and seen["taken"] is False
    pids = seen["pids"]
    assert isinstance(pids, list) and len(pids) == 1
    assert ended_within(pids[0])


_WARM = textwrap.dedent(
    """
    import json, sys
    from exportscope import worker
    came = sys.argv[1] == "came"
    worker.warm_up(lambda: came)
    names = ("polars", "exportscope.platforms.linkedin", "exportscope.platforms.meta.messages")
    print(json.dumps({name: name in sys.modules for name in names}))
    """
)


@pytest.mark.parametrize(
    ("share", "families"), [("came", False), ("waits", True)], ids=["share already there", "share not yet there"]
)
def test_a_worker_whose_share_has_come_imports_only_polars_before_reading(share: str, families: bool) -> None:
    """The spare forked at the start gets its share while it imports polars: it then leaves the families and
    readers to be imported as its share needs them (its reading starts 30-40 ms sooner); a worker still
    waiting imports them all meanwhile."""
    done = subprocess.run(
        [sys.executable, "-c", _WARM, share], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    seen = json.loads(done.stdout)
    assert seen == {
        "polars": True, "exportscope.platforms.linkedin": families, "exportscope.platforms.meta.messages": families
    }  # fmt: skip
