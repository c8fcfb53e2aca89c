"""A built garden, served on loopback, looked at by a real Chromium.

Skip rule: outside CI (CI unset) the browser tests skip, saying why, when
Chromium or Playwright is missing; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "garden"
ARTIFACTS = REPO / "test-artifacts"

# 2026-05-15: Q1 is past, Q2 current, Q3 and Q4 upcoming on the dashboards.
SOURCE_DATE_EPOCH = int(dt.datetime(2026, 5, 15, 12, tzinfo=dt.timezone.utc).timestamp())

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Material draws each Mermaid diagram into a closed shadow root; the tests
# open it so they can see the SVG. Nothing else on the page changes.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, Object.assign({}, init, { mode: "open" }));
};
"""

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def in_ci() -> bool:
    """Return whether this run is CI's, where a missing browser is a failure."""
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def find_chromium() -> Path | None:
    """Return Debian's Chromium (or TRELLIS_CHROMIUM when set), or None."""
    wanted = os.environ.get("TRELLIS_CHROMIUM")
    candidates = [wanted] if wanted else ["/usr/bin/chromium", "chromium", "chromium-browser"]
    for name in candidates:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def skip_or_fail(reason: str) -> None:
    """Fail in CI, skip elsewhere: a browser check must not vanish silently from CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(f"{reason}; install it (apt-get install chromium) or run in CI")


def is_loopback(url: str) -> bool:
    """Return whether a request stays on this machine (data: and blob: URLs do)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    host = parts.hostname or ""
    return host in LOOPBACK or host.startswith("127.")


# --- The garden -------------------------------------------------------------


def _config_ignoring_tags() -> type[yaml.SafeLoader]:
    """Return a loader that reads mkdocs.yml without importing what its tags name."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    Loader.add_constructor("!ENV", lambda *_: None)  # site_url: !ENV [SITE_URL, ...]
    return Loader


def write_config(
    workdir: Path,
    docs: Path,
    site: Path,
    site_url: str,
) -> Path:
    """Write a config that inherits the repo's mkdocs.yml and builds `docs` into `site`."""
    repo_config = yaml.load(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
        Loader=_config_ignoring_tags(),
    )
    # INHERIT resolves relative paths against this file, so every path the
    # repo's config names is written out absolute.
    hooks = [str(REPO / hook) for hook in repo_config.get("hooks", [])]
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        # Material fetches the sitemap from site_url: it must be where the
        # test serves the site, or the page asks another port for it.
        "site_url": site_url,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"custom_dir": str(REPO / "overrides")},
        "hooks": hooks,
    }
    path = workdir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def gather_docs(docs: Path) -> None:
    """Fill `docs` with the real garden plus the fixture notes under trellis-fixture/."""
    real = REPO / "docs"
    if real.is_dir():
        shutil.copytree(real, docs)
    shutil.copytree(FIXTURES, docs / "trellis-fixture", dirs_exist_ok=True)


@dataclass(frozen=True)
class Garden:
    """A built site and where the browser reaches it."""

    site: Path
    base_url: str
    log: str

    def url(self, path: str) -> str:
        return urllib.parse.urljoin(self.base_url, path)

    def pages(self) -> list[str]:
        """Return the site-relative URL of every built HTML page."""
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def pages_with(self, marker: str) -> list[str]:
        """Return the pages whose HTML contains `marker`."""
        found = []
        for page in self.pages():
            if marker in (self.site / page).read_text("utf-8", "replace"):
                found.append(page)
        return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


@pytest.fixture(scope="session")
def garden(
    tmp_path_factory: pytest.TempPathFactory,
    chromium: BrowserContext,
) -> Iterator[Garden]:
    """Build the garden with a real `mkdocs build` and serve it on 127.0.0.1."""
    # Asks for `chromium` first so a machine without it skips before building.
    workdir = tmp_path_factory.mktemp("garden")
    docs, site = workdir / "docs", workdir / "site"
    gather_docs(docs)
    site.mkdir()

    # Bind first: the build needs the served address as its site_url.
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    host, port = server.server_address[:2]
    base_url = f"http://{host}:{port}/"
    config = write_config(workdir, docs, site, base_url)

    env = {k: v for k, v in os.environ.items() if k != "TRELLIS_PUBLIC"}
    env["SOURCE_DATE_EPOCH"] = str(SOURCE_DATE_EPOCH)
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        server.server_close()
        pytest.fail(f"mkdocs build failed ({build.returncode}):\n{build.stderr}", pytrace=False)

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Garden(site, base_url, build.stderr)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- The browser ------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    """Launch Debian's Chromium with a new empty profile; only loopback is let through."""
    executable = find_chromium()
    if executable is None:
        looked = os.environ.get("TRELLIS_CHROMIUM") or "/usr/bin/chromium or on PATH"
        skip_or_fail(f"no Chromium found at {looked}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (requirements-dev.txt)")

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(executable),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            color_scheme="light",
        )
        context.add_init_script(OPEN_SHADOW_ROOTS)
        try:
            yield context
        finally:
            context.close()


@dataclass
class Watch:
    """What one page did: every request, and every console or script error."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def third_party(self) -> list[str]:
        return [url for url in self.requests if not is_loopback(url)]


@pytest.fixture
def page(chromium: BrowserContext) -> Iterator[tuple[Page, Watch]]:
    """Return a new tab and the record of what it requested and reported."""
    watch = Watch()

    def route(route_: object) -> None:
        request = route_.request  # type: ignore[attr-defined]
        if is_loopback(request.url):
            route_.continue_()  # type: ignore[attr-defined]
        else:
            route_.abort()  # type: ignore[attr-defined]

    tab = chromium.new_page()
    tab.route("**/*", route)
    tab.on("request", lambda request: watch.requests.append(request.url))
    tab.on(
        "console",
        lambda message: watch.errors.append(f"console: {message.text}")
        if message.type == "error"
        else None,
    )
    tab.on("pageerror", lambda error: watch.errors.append(f"script: {error}"))
    try:
        yield tab, watch
    finally:
        tab.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Return test-artifacts/ (gitignored), where screenshots go."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
