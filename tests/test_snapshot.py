"""One snapshot of the inputs (issue 22, item 5): the plan is made once and the worker process reads its
share of that plan, never planning again; a file that appears or grows while the inputs are read is not
read and the summary says so; the worker never outlives its parent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from exportscope import parallel
from exportscope.pipeline import Options, Progress, analyze
from exportscope.plan import make_plan
from tests.conftest import ended_within, process_alive

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_exports"


def chat(name: str, n: int) -> str:
    """A WhatsApp (Android) chat of ``n`` messages."""
    lines = [f"12/06/2025, 19:{i % 60:02d} - {name}: message {i} from {name}" for i in range(n)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def chats(tmp_path: Path) -> Path:
    folder = tmp_path / "chats"
    folder.mkdir()
    for i, who in enumerate(("Alice", "Bruno", "Chloé", "Dmitri")):
        (folder / f"WhatsApp Chat with {who}.txt").write_text(chat(who, 40 + 10 * i), encoding="utf-8")
    return folder


def per_chat(analysis) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {e.path: e.items for e in analysis.ledger if e.items}


def test_a_chat_added_while_the_inputs_are_read_is_not_read_and_is_said(chats: Path, force_parallel) -> None:
    before = analyze([chats], Options(workers=1))
    added = False

    def hook(p: Progress) -> None:  # the first tick comes before the worker starts
        nonlocal added
        if not added:
            added = True
            # Sorted first: had the worker planned again, every task index after it would shift.
            (chats / "000 WhatsApp Chat with Aaron.txt").write_text(chat("Aaron", 300_000 // 1000), encoding="utf-8")

    during = analyze([chats], Options(workers=2), progress=hook)
    assert added
    assert per_chat(during) == per_chat(before)  # each chat once, none lost, the new one not read
    assert during.items.height == before.items.height
    assert during.items.get_column("source").to_list() == before.items.get_column("source").to_list()
    assert any(n.key == "appeared" and n.args["n"] == 1 for n in during.notes)
    assert not any("appeared" in n for n in before.notes)
    again = analyze([chats], Options(workers=2))
    assert again.items.height > before.items.height and not any("appeared" in n for n in again.notes)


def test_a_chat_that_grows_while_read_is_read_as_listed_and_said(chats: Path, force_parallel) -> None:
    before = analyze([chats], Options(workers=1))
    grown = chats / "WhatsApp Chat with Bruno.txt"
    done = False

    def hook(p: Progress) -> None:
        nonlocal done
        if not done:
            done = True
            with grown.open("a", encoding="utf-8") as fh:
                fh.write(chat("Bruno", 25))

    during = analyze([chats], Options(workers=2), progress=hook)
    assert per_chat(during) == per_chat(before)
    assert any(n.key == "changed" and n.args["n"] == 1 for n in during.notes)


def test_the_summary_lists_the_note(cli, chats: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exportscope import snapshot

    real = snapshot._walk

    def walk_with_a_newcomer(root: Path) -> dict[str, tuple[int, int]]:
        found = real(root)
        found["WhatsApp Chat with Zoé.txt"] = (10, 1)
        return found

    monkeypatch.setattr(snapshot, "_walk", walk_with_a_newcomer)
    result = cli("summary", chats)
    assert result.exit_code == 0
    assert "appeared after the inputs were listed" in result.stdout


def test_the_worker_reads_the_share_it_is_given_without_planning(chats: Path) -> None:
    plan = make_plan([chats], Options().max_member_bytes, Options().max_ratio)
    try:
        share = plan.tasks[1:3]
        # Whatever the folder holds now, the worker reads exactly the planned members.
        (chats / "000 WhatsApp Chat with Aaron.txt").write_text(chat("Aaron", 50), encoding="utf-8")
        worker = parallel.Worker(parallel.WorkerSpec(share, os.getpid()))
        try:
            while not worker.finished:
                worker.poll(timeout=0.1)
        finally:
            worker.stop()
        assert worker.error is None
        assert [r.index for r in worker.results] == [t.index for t in share]
        assert worker.frame is not None
        read = set(worker.frame.get_column("source").to_list())
        assert read == {t.members[0].path for t in share}
    finally:
        plan.close()


def test_a_zip_replaced_after_the_plan_is_read_from_the_planned_copy(tmp_path: Path, force_parallel) -> None:
    inputs = [tmp_path / p.name for p in sorted((SAMPLES / "facebook-2025").glob("*.zip"))]
    for p in inputs:
        shutil.copy(SAMPLES / "facebook-2025" / p.name, p)
    one = analyze(inputs, Options(workers=1))
    swapped = False

    def hook(p: Progress) -> None:
        nonlocal swapped
        if not swapped:
            swapped = True
            for path in inputs:  # a new download replaces the file (a rename, as browsers do)
                tmp = path.with_suffix(".new")
                tmp.write_bytes(b"PK\x05\x06" + b"\0" * 18)
                os.replace(tmp, path)

    two = analyze(inputs, Options(workers=2), progress=hook)
    assert two.items.height == one.items.height  # the worker gave its share back; the parent read it
    assert any(n.key == "changed" for n in two.notes)


WORKER_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from exportscope import parallel
    from exportscope.plan import make_plan

    if __name__ == "__main__":
        folder = Path(sys.argv[1])
        plan = make_plan([folder], 4 * 1024**3, 250.0)
        parallel.start_method = lambda: sys.argv[2]  # both ways a worker starts
        # Started and never given its share: the worker waits for it, so it is alive when its parent dies.
        worker = parallel.Worker(parent=os.getpid())
        print(worker._process.pid, flush=True)
        time.sleep(60)
    """
)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_the_worker_ends_when_its_parent_is_killed(chats: Path, tmp_path: Path, method: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(WORKER_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen(
        [sys.executable, str(script), str(chats), method], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert parent.stdout is not None
        worker_pid = int(parent.stdout.readline())
        time.sleep(1.5)  # the worker has started and waits for its share
        assert process_alive(worker_pid)
        parent.send_signal(signal.SIGKILL)  # no handler, no clean-up: only the worker's own watch remains
        parent.wait(timeout=10)
        assert ended_within(worker_pid)
    finally:
        if parent.poll() is None:
            parent.kill()


def test_the_worker_reopens_chat_zips_inside_a_zip_from_the_planned_entries(tmp_path: Path) -> None:
    """Zips read from inside another zip travel as the member they came from and are read again from it."""
    import zipfile

    outer = tmp_path / "chats.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        for p in sorted((SAMPLES / "whatsapp").iterdir()):
            zf.write(p, p.name)
    serial = analyze([outer], Options(workers=1))
    plan = make_plan([outer], Options().max_member_bytes, Options().max_ratio)
    try:
        nested = [t for t in plan.tasks if t.members[0].source.origin is not None]
        assert nested
        worker = parallel.Worker(parallel.WorkerSpec(plan.tasks, os.getpid()))
        try:
            while not worker.finished:
                worker.poll(timeout=0.1)
        finally:
            worker.stop()
        assert worker.error is None and worker.frame is not None
        assert worker.frame.height == serial.items.height
        by_path = {e.path: e.items for r in worker.results for e in r.ledger}
        assert by_path == {e.path: e.items for e in serial.ledger if e.path in by_path}
    finally:
        plan.close()
