"""The web page in a real browser: the two seed articles, ingested with the real pipeline, reach the
PRK-RUS dyad and its evidence by clicks in headless Chromium (Selenium, /usr/bin/chromedriver).

Skipped when Chromium, chromedriver, Selenium or the web extra are missing (Debian:
``apt-get install -y chromium chromium-driver``; pip: ``selenium``).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1800")
BENCH_OUT = Path(__file__).resolve().parent.parent / "benchmarks" / "out"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install selenium)")
uvicorn = pytest.importorskip("uvicorn", reason="needs the web extra (pip install 'lagebild[picture]')")
pytest.importorskip("fastapi", reason="needs the web extra (pip install 'lagebild[picture]')")

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from lagebild.cli import sample_paths
from lagebild.config import load_settings
from lagebild.ingest import ingest
from lagebild.pipeline import Pipeline
from lagebild.store import Store
from lagebild.web import create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled seed articles, ingested by the real pipeline."""
    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with Store(path) as store:
        report = ingest([p for p in sample_paths() if Path(p).name.startswith("seed-")], store,
                        Pipeline(load_settings(None)))
        assert report.ok, report.outcomes
    return path


@pytest.fixture(scope="module")
def server(seeded_store: Path) -> Iterator[str]:
    """The app on 127.0.0.1, a free port, in a thread; stopped after the tests."""
    port = _free_port()
    app_server = uvicorn.Server(uvicorn.Config(create_app(str(seeded_store)), host="127.0.0.1", port=port,
                                               log_level="warning"))
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        assert time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium with a fresh profile."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _click(driver: object, css: str, wait: WebDriverWait) -> None:
    element = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)  # type: ignore[attr-defined]
    wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css))).click()


def test_web_browser_dyad_to_evidence(server: str, browser: object, tmp_path: Path) -> None:
    """Network -> PRK, RUS -> the dyad's events -> an event's evidence, highlighted in the article."""
    driver = browser
    wait = WebDriverWait(driver, 20)
    driver.get(server + "/")  # type: ignore[attr-defined]
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    _click(driver, 'circle[data-actor="PRK"]', wait)
    _click(driver, 'circle[data-actor="RUS"]', wait)
    wait.until(ec.text_to_be_present_in_element((By.ID, "dyad-title"), "PRK – RUS"))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#dyad-events tr[data-event-id]"))
    assert driver.find_elements(By.CSS_SELECTOR, "#timeline rect.bar")  # type: ignore[attr-defined]
    rows = driver.find_elements(By.CSS_SELECTOR, "#dyad-events tr[data-event-id]")  # type: ignore[attr-defined]
    event_id = rows[0].get_attribute("data-event-id")
    _click(driver, f'#dyad-events tr[data-event-id="{event_id}"]', wait)
    wait.until(lambda d: d.find_element(By.ID, "evidence-sentence").get_attribute("data-event-id") == event_id)
    sentence = driver.find_element(By.ID, "evidence-sentence").text  # type: ignore[attr-defined]
    highlighted = driver.find_element(By.CSS_SELECTOR, "#article mark.evidence").text  # type: ignore[attr-defined]
    sources = driver.find_element(By.ID, "sources").text  # type: ignore[attr-defined]
    shots = [tmp_path / "dyad-evidence.png"]
    if BENCH_OUT.parent.is_dir():
        BENCH_OUT.mkdir(exist_ok=True)
        shots.append(BENCH_OUT / "web-dyad-evidence.png")
    for shot in shots:
        driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert shots[0].stat().st_size > 10_000
    assert sentence and sentence == highlighted
    assert any(name in sentence for name in ("Kim", "Putin", "Nordkorea", "Russland", "Russen"))
    assert "seed-" in sources or "article" in sources


def test_web_browser_event_filter(server: str, browser: object) -> None:
    """The event list filters by actor and type."""
    driver = browser
    wait = WebDriverWait(driver, 20)
    driver.get(server + "/")  # type: ignore[attr-defined]
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    box = driver.find_element(By.ID, "f-actor")  # type: ignore[attr-defined]
    box.send_keys("USA")
    _click(driver, "#event-filter button", wait)
    rows_text = "return Array.from(document.querySelectorAll('#event-list tr')).map(r => r.textContent)"
    wait.until(lambda d: (rows := d.execute_script(rows_text)) and all("USA" in r for r in rows))
    assert len(driver.execute_script(rows_text)) < 12  # type: ignore[attr-defined]


def test_web_browser_chromium_found() -> None:
    """The browser the tests drive is the Debian one (no download at test time)."""
    assert shutil.which("chromium") or CHROMIUM.exists()
