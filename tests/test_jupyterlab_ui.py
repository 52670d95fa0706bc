"""The notebooks in the real JupyterLab UI, in headless Chromium (Debian's package, driven by Playwright):
Run All goes past a failing check to the summary table, a failure's text wraps between words with
its indent kept, and a notebook does not show as modified the moment it opens.

JupyterLab runs as a learner has it: without nbgrader's instructor menus (the learners' set-up does
not install nbgrader). Skipped where Chromium or Playwright is not installed. With
LESSON7_SCREENSHOTS=docs/img, the screenshots of the README are written there.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.course import ROOT

CHROMIUM = Path(os.environ.get("LESSON7_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
pytest.importorskip("jupyterlab")

import course_tools as tools  # noqa: E402
from grader import notebook_build  # noqa: E402

WRONG_DOT = "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LEARNER_VIEW = {"disabledExtensions": {"@jupyter/nbgrader": True, "@jupyter-notebook/lab-extension": True}}
SETTINGS = {  # no news pop-up over the screenshots; every cell in the page, as the assertions read them
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
}
NO_NBGRADER_SERVER = {"ServerApp": {"jpserver_extensions": {
    f"nbgrader.server_extensions.{name}": False
    for name in ("formgrader", "validate_assignment", "assignment_list", "course_list")}}}


@pytest.fixture(scope="module")
def lab(tmp_path_factory, fresh_build):
    """A JupyterLab server on a free port, over a folder with the learner notebooks."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root, config, settings = base / "notebooks", base / "config", base / "settings"
    root.mkdir()
    shutil.copy(fresh_build / "notebooks" / "ex01_dot.ipynb", root / "untouched.ipynb")
    wrong = notebook_build.submission(tools.read(fresh_build / "notebooks" / "ex01_dot.ipynb"), {"solution-dot": WRONG_DOT})
    (root / "ex01_dot.ipynb").write_text(notebook_build.dumps(wrong))
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(LEARNER_VIEW))
    (config / "jupyter_server_config.json").write_text(json.dumps(NO_NBGRADER_SERVER))
    for plugin, values in SETTINGS.items():
        path = settings.joinpath(*plugin.split("/")).with_suffix(".jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**tools.environment(), "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(base / "runtime")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.token=lesson7", f"--ServerApp.root_dir={root}",
         f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={base / 'workspaces'}"],
        env=env, cwd=base, stdout=subprocess.DEVNULL, stderr=open(base / "server.log", "w"))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (base / "server.log").read_text()[-3000:]
                time.sleep(0.3)
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(base / "chromium-profile"), executable_path=str(CHROMIUM), headless=True, args=ARGS,
                viewport={"width": 1280, "height": 900})
            yield browser, f"http://127.0.0.1:{port}/lab/workspaces/{{workspace}}/tree/{{name}}?token=lesson7&reset", root
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=60)


def _open(lab, name: str):
    """A page with the notebook alone (a workspace of its own: nothing restored), its kernel started."""
    browser, url, _ = lab
    page = browser.new_page()
    page.goto(url.format(workspace=Path(name).stem, name=name))
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
    panel.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=120_000)
    return page


def _run_all(page) -> None:
    """Run > Run All Cells, as a learner does. On a busy machine the kernel can report idle before
    JupyterLab sends it anything; then nothing runs, and the learner (like this) asks again."""
    started = page.locator(".jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]"))
    for _ in range(12):  # a queued cell shows [*] at once: a click seen by nothing in 5 s was lost
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Run All Cells$")).click()
        try:
            started.first.wait_for(timeout=5_000)
            return
        except sync_api.TimeoutError:
            continue


def test_a_notebook_opens_unmodified(lab):
    page = _open(lab, "untouched.ipynb")
    page.wait_for_timeout(2000)  # the kernel's language_info has arrived by now
    assert page.locator(".jp-Notebook").count() == 1
    assert page.get_by_text("Nbgrader", exact=True).count() == 0  # the learner's view: no instructor menus
    if platform.python_version() == notebook_build.LANGUAGE_INFO["version"]:
        assert page.locator(".lm-TabBar-tab.jp-mod-dirty").count() == 0, "opening the notebook modified it"
    page.close()


def test_run_all_goes_past_a_failing_check_to_the_summary_table(lab, tmp_path):
    page = _open(lab, "ex01_dot.ipynb")
    _run_all(page)
    summary = page.locator(".jp-Notebook .jp-Cell").last
    try:
        summary.locator(".jp-OutputArea-output table").wait_for(timeout=180_000)
    except sync_api.TimeoutError:
        page.screenshot(path=str(tmp_path / "timeout.png"))
        raise AssertionError(f"no summary table after Run All; the page is in {tmp_path / 'timeout.png'}") from None

    failing = page.locator(".jp-Cell", has_text='grade("ex01_dot", "dot.unequal_lengths")')
    box = failing.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'] pre")
    text = box.inner_text()
    assert text.startswith("✗ dot.unequal_lengths  0/1") and "expected: raises ValueError" in text
    # Every line as the grader wrapped it: the browser broke none (JupyterLab would break it mid-word).
    fit = box.evaluate("""pre => {
        const line = parseFloat(getComputedStyle(pre).lineHeight);
        return {lines: pre.innerText.trimEnd().split('\\n').length,
                rendered: Math.round(pre.getBoundingClientRect().height / line),
                overflow: pre.scrollWidth > pre.clientWidth};
    }""")
    assert fit["lines"] == fit["rendered"] and not fit["overflow"], fit
    assert any(line.startswith("        ") for line in text.splitlines()), "continuation lines keep their indent"

    table = summary.locator("table")
    widths = table.locator("thead th").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
    assert widths[0] < widths[3] and widths[0] < widths[4]  # expected and got have the room, not the name
    heads = table.locator("thead th").evaluate_all("cells => cells.map(c => c.scrollWidth <= c.clientWidth)")
    assert all(heads), "a heading does not fit its column"
    styles = table.locator("pre").evaluate_all("pres => pres.map(p => getComputedStyle(p).wordBreak)")
    assert styles and set(styles) == {"normal"}  # JupyterLab's own pre style breaks words anywhere
    assert "4/5 points" in summary.inner_text()

    shots = Path(os.environ.get("LESSON7_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    failing.screenshot(path=str(shots / "failing-check.png"))
    summary.screenshot(path=str(shots / "summary-table.png"))
    page.close()
