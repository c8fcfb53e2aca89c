"""Small gardens for build tests: written into a temporary folder, built with the real `mkdocs build`."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
# Thursday 2026-12-04 00:00 UTC: the day the roadmap's Q4 is current.
EPOCH_2026_12_04 = "1796342400"
_LOG_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR)\s+-\s+(?P<text>.*)$")


class _ConfigLoader(yaml.Loader):
    """yaml's full loader plus MkDocs' `!ENV [NAME, default]`, read as its default so tests do not depend on the environment."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def site_config(docs: Path, site: Path, **overrides: Any) -> dict[str, Any]:
    """Return the repo's mkdocs.yml for a garden elsewhere, paths made absolute, with overrides."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    config["hooks"] = [str(REPO / h) for h in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    for key, value in overrides.items():
        if value is None:
            config.pop(key, None)
        elif key == "extra" and isinstance(value, dict):
            config.setdefault("extra", {}).setdefault("trellis", {}).update(value.get("trellis", {}))
        else:
            config[key] = value
    return config


def write_garden(root: Path, notes: dict[str, str | bytes], **overrides: Any) -> Path:
    """Write notes under root/docs and a mkdocs.yml beside them; return the config path."""
    docs = root / "docs"
    for path, text in notes.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8", newline="")
    docs.mkdir(parents=True, exist_ok=True)
    config = root / "mkdocs.yml"
    data = site_config(docs, root / "site", **overrides)
    config.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build`."""

    returncode: int
    log: str
    site: Path

    def lines(self, level: str) -> list[str]:
        """Return the log lines at a level, without the level prefix."""
        found = []
        for line in self.log.splitlines():
            match = _LOG_LINE.match(line.strip())
            if match and match.group("level") == level:
                found.append(match.group("text").strip())
        return found

    @property
    def warnings(self) -> list[str]:
        return self.lines("WARNING")

    def trellis(self, level: str) -> list[str]:
        """Return Trellis' own log lines at a level, without the `trellis: ` prefix."""
        return [line.removeprefix("trellis: ") for line in self.lines(level) if line.startswith("trellis: ")]

    def html(self, url: str) -> str:
        """Return the HTML of a page by its URL (`notes/a/` or `notes/a.html`)."""
        path = self.site / url
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def all_text(self) -> dict[str, str]:
        """Return every output file as text, gzip files decompressed."""
        out = {}
        for path in sorted(self.site.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            out[str(path.relative_to(self.site))] = data.decode("utf-8", errors="replace")
        return out


def build(config: Path, *, public: bool = False, strict: bool = False, env: dict[str, str] | None = None,
          epoch: str = EPOCH_2026_12_04) -> Build:
    """Run the real `mkdocs build` on a garden and return its log and site."""
    environ = {k: v for k, v in os.environ.items() if k not in ("TRELLIS_PUBLIC", "SOURCE_DATE_EPOCH")}
    environ.update({"SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"})
    if public:
        environ["TRELLIS_PUBLIC"] = "1"
    environ.update(env or {})
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config)]
    if strict:
        command.append("--strict")
    done = subprocess.run(command, capture_output=True, text=True, env=environ, cwd=config.parent, timeout=600)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return Build(done.returncode, done.stdout + done.stderr, Path(data["site_dir"]))


def front(**keys: Any) -> str:
    """Return a front-matter block for the given keys."""
    return "---\n" + yaml.safe_dump(keys, allow_unicode=True, sort_keys=False) + "---\n"


def note(body: str = "", **keys: Any) -> str:
    """Return a Markdown note: front-matter from keys, then the body."""
    return (front(**keys) if keys else "") + body


CASES = REPO / "tests" / "cases"


def case_garden(root: Path, case: str, **overrides: Any) -> Path:
    """Copy a field case (`tests/cases/<case>/input`) into root with the repo's config merged with its own.

    The case's `mkdocs-extra.yml` replaces top-level keys, except that its
    Markdown extensions are added to the repo's. Returns the config path;
    tests may still edit `root/docs` before building.
    """
    source = CASES / case / "input"
    shutil.copytree(source / "docs", root / "docs")
    config = site_config(root / "docs", root / "site", **overrides)
    extra_path = source / "mkdocs-extra.yml"
    extra = yaml.safe_load(extra_path.read_text(encoding="utf-8")) if extra_path.exists() else None
    for key, value in (extra or {}).items():
        if key == "markdown_extensions":
            have = {_extension_name(e) for e in config[key]}
            config[key] += [e for e in value if _extension_name(e) not in have]
        else:
            config[key] = value
    path = root / "mkdocs.yml"
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _extension_name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)
