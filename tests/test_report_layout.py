"""Issue 18: the HTML report on paper and on a phone, looked at in headless Chromium (skipped without it).

Printed, page 1 holds the verdict per platform and what to do; at 420 px wide no element runs past the
screen (a long link once did). The report's own content-security policy forbids scripts, so the width probe
runs on a copy without that one line.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from exportscope.pipeline import Options, analyze
from exportscope.report import write_report
from exportscope.samples import sample_paths

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

PROBE = """<script>window.addEventListener('load',()=>{const w=document.documentElement.clientWidth;
const out=[];for(const e of document.querySelectorAll('body *')){const r=e.getBoundingClientRect();
if(r.right>w+1){out.push(e.tagName+' '+(e.textContent||'').slice(0,60))}}
parent.document.body.setAttribute('data-over',JSON.stringify(out));
parent.document.body.setAttribute('data-width',String(w))});</script>"""

#: Headless Chromium will not make a window narrower than about 500 px, so the page is shown in a frame of
#: the phone's width: the frame's document has a 420 px viewport of its own (media queries included).
PHONE = (
    '<!DOCTYPE html><html><body style="margin:0">'
    '<iframe style="width:420px;height:1400px;border:0" srcdoc="{page}"></iframe></body></html>'
)


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return run.stdout


@pytest.fixture(scope="module")
def analysis() -> Any:
    return analyze(sample_paths(), Options(as_of=date(2026, 12, 3)))


@pytest.fixture(scope="module")
def report(analysis: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("layout") / "report.html"
    write_report(analysis, out, fmt="html")
    return out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_at_phone_width_nothing_runs_past_the_screen(analysis: Any, tmp_path: Path, lang: str) -> None:
    """At 420 px (the page's own viewport, scroll bar taken off) no element ends past the screen's edge:
    French headers are longer (« Non utilisé pour l'entraînement ») and once pushed the overview out."""
    report = tmp_path / f"report-{lang}.html"
    write_report(analysis, report, fmt="html", lang=lang)
    page = report.read_text(encoding="utf-8")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>", PROBE + "</body>")
    probe = tmp_path / "probe.html"
    probe.write_text(PHONE.format(page=html.escape(page, quote=True)), encoding="utf-8")
    dom = chromium("--window-size=800,1400", "--virtual-time-budget=3000", "--dump-dom", probe.as_uri())
    found = re.search(r'data-over="([^"]*)"', dom)
    assert found is not None, "the probe did not run"
    width = re.search(r'data-width="(\d+)"', dom)
    assert width is not None and 380 <= int(width.group(1)) <= 420  # the phone's width, not the window's
    over = json.loads(html.unescape(found.group(1)))
    assert over == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_printed_page_one_holds_the_verdict_per_platform_and_the_steps(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Overview" in first and "What to do first" in first
    for label in ("LinkedIn", "Facebook", "Instagram", "Threads", "WhatsApp", "X (Twitter)"):
        assert re.search(rf"^\s*{re.escape(label)}\s+\d+\s+\d+\s+\d+\s+\d+\s*$", first, re.M), label
    assert "are used for AI training by 6 platforms" in first
    assert "1. ☐ Object to Meta using your information for AI" in first
