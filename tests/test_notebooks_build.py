"""Notebooks as notes in real `mkdocs build` runs: front-matter, links, dashboards, privacy, broken files."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from gardens import Build, build, case_garden, note, write_garden

KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def notebook(*cells, trellis: dict | None = None, kernel: bool = True) -> str:
    """Return a notebook's JSON: the cells given, front-matter in metadata.trellis when given."""
    metadata = dict(KERNEL) if kernel else {}
    if trellis is not None:
        metadata["trellis"] = trellis
    return nbformat.writes(new_notebook(cells=list(cells), metadata=metadata))


def raw_front(**keys) -> nbformat.NotebookNode:
    """Return a first raw cell holding a YAML front-matter block, as jupytext writes it."""
    return new_raw_cell("---\n" + yaml.safe_dump(keys, sort_keys=False) + "---")


def error_cell(path: str) -> nbformat.NotebookNode:
    """Return a code cell with a stored FileNotFoundError naming path."""
    error = new_output("error", ename="FileNotFoundError", evalue=f"No such file: '{path}'",
                       traceback=[f"FileNotFoundError: No such file: '{path}'"])
    return new_code_cell(f"open('{path}')", outputs=[error])


GARDEN: dict[str, str | bytes] = {
    "index.md": note("# Home\n", title="Home"),
    "2026/q1/index.md": note(
        "Plan.\n", title="Q1", quarter="2026-Q1", theme="Foundations",
        plan={"technical": {"deliverables": ["micrograd"]}},
    ),
    "notes/write-up.md": note(
        "How I built [my micrograd](../notebooks/micrograd.ipynb), and [[derivation]].\n",
        title="Write-up", quarter="2026-Q1", track="technical", audience="general", status="shipped",
    ),
    # front-matter in metadata, a shipped deliverable and a public essay
    "notebooks/micrograd.ipynb": notebook(
        new_markdown_cell("# Scratch heading\n\nSee the [[write-up]] and [the write-up again](../notes/write-up.md)."),
        new_code_cell("print(1)", outputs=[new_output("stream", name="stdout", text="1\n")]),
        trellis={"title": "Micrograd from scratch", "quarter": "2026-Q1", "track": "technical",
                 "deliverable": "micrograd", "status": "shipped", "audience": "general"},
    ),
    # front-matter in a raw cell; private; links to the essay
    "notebooks/derivation.ipynb": notebook(
        raw_front(title="Hand derivation CANARYPRIV", quarter="2026-Q1", track="technical", audience="self"),
        new_markdown_cell("# Gradients\n\nWritten up in [[write-up]]. CANARYPRIV"),
        new_code_cell("x = 'CANARYPRIV'"),
    ),
    # broken kinds
    "broken/invalid.ipynb": '{"cells": [ not json',
    "broken/latin1.ipynb": notebook(new_markdown_cell("caf\u00e9"), trellis={"title": "Latin"}).encode("latin-1"),
    "broken/nokernel.ipynb": notebook(new_markdown_cell("# No kernel"), trellis={"title": "No kernel"}, kernel=False),
    "broken/errors.ipynb": notebook(
        new_markdown_cell("# Errors"), error_cell("/home/someone/secret-ERRCANARY.csv"),
        trellis={"title": "Errors", "audience": "general", "status": "shipped"},
    ),
    "broken/huge.ipynb": notebook(
        new_code_cell("x", outputs=[new_output("stream", name="stdout", text="y" * (2 * 2**20))]),
        trellis={"title": "Huge"},
    ),
    "broken/garden-key.ipynb": nbformat.writes(new_notebook(cells=[new_markdown_cell("# G")],
                                                             metadata={**KERNEL, "garden": {"title": "G"}})),
}
SETTINGS = {"trellis": {"notebooks": {"max_size_mb": 1}}}


@pytest.fixture(scope="module")
def garden_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The notebook garden, garden build."""
    return build(write_garden(tmp_path_factory.mktemp("nb"), GARDEN, extra=SETTINGS))


@pytest.fixture(scope="module")
def public_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The notebook garden, public build."""
    return build(write_garden(tmp_path_factory.mktemp("nbpub"), GARDEN, extra=SETTINGS), public=True)


def article(site: Build, url: str) -> BeautifulSoup:
    found = BeautifulSoup(site.html(url), "html.parser").select_one("article")
    assert found is not None
    return found


def test_metadata_front_matter_sets_title(garden_build: Build) -> None:
    """A notebook's title comes from metadata.trellis, not its first heading."""
    assert garden_build.returncode == 0, garden_build.log
    assert "<title>Micrograd from scratch" in garden_build.html("notebooks/micrograd/")


def test_raw_cell_front_matter_read_and_hidden(garden_build: Build) -> None:
    """A leading raw `---` cell is read as front-matter and not shown on the page."""
    html = garden_build.html("notebooks/derivation/")
    assert "<title>Hand derivation CANARYPRIV" in html
    assert "audience:" not in article(garden_build, "notebooks/derivation/").get_text()


def test_links_in_markdown_cells_become_site_urls(garden_build: Build) -> None:
    """Wikilinks and .md links in Markdown cells point at the built page."""
    cells = article(garden_build, "notebooks/micrograd/").select_one(".jupyter-wrapper")
    hrefs = [a["href"] for a in cells.select("a[href]")]
    assert hrefs.count("../../notes/write-up/") == 2
    assert not any(h.endswith(".md") for h in hrefs)
    assert "[[" not in article(garden_build, "notebooks/micrograd/").get_text()


@pytest.mark.parametrize(
    ("target", "source_title"),
    [
        ("notes/write-up/", "Micrograd from scratch"),  # notebook -> note
        ("notes/write-up/", "Hand derivation CANARYPRIV"),
        ("notebooks/micrograd/", "Write-up"),  # note -> notebook
    ],
)
def test_backlinks_both_ways(garden_build: Build, target: str, source_title: str) -> None:
    """Links between notes and notebooks count as backlinks in both directions."""
    block = BeautifulSoup(garden_build.html(target), "html.parser").select_one(".trellis-backlinks")
    assert block is not None and source_title in block.get_text()


def test_notebook_deliverable_on_quarter_dashboard(garden_build: Build) -> None:
    """A shipped notebook deliverable is counted on its quarter's dashboard."""
    soup = BeautifulSoup(garden_build.html("2026/q1/"), "html.parser")
    dash = soup.select_one(".trellis-quarter-dashboard")
    assert (dash["data-shipped"], dash["data-total"]) == ("1", "1")
    assert "Micrograd from scratch" in dash.get_text()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("broken/invalid.ipynb", "not valid JSON"),
        ("broken/latin1.ipynb", "not UTF-8"),
        ("broken/nokernel.ipynb", "kernelspec"),
        ("broken/errors.ipynb", "cell 2: has an error output"),
        ("broken/errors.ipynb", "local path (/home/someone/secret-ERRCANARY.csv)"),
        ("broken/huge.ipynb", "over extra.trellis.notebooks.max_size_mb"),
        ("broken/garden-key.ipynb", "did you mean metadata.trellis"),
    ],
)
def test_broken_notebook_warned(garden_build: Build, path: str, words: str) -> None:
    """Each broken kind gets a WARNING naming the file."""
    assert any(line.startswith(path) and words in line for line in garden_build.trellis("WARNING")), garden_build.warnings


@pytest.mark.parametrize("url", ["broken/invalid/", "broken/latin1/", "broken/huge/", "broken/nokernel/", "broken/errors/"])
def test_broken_notebook_still_a_page(garden_build: Build, url: str) -> None:
    """A broken notebook still gets a page (a notice when unreadable) and the garden builds."""
    assert garden_build.returncode == 0
    assert (garden_build.site / url / "index.html").exists()


def test_unreadable_notebook_shows_notice(garden_build: Build) -> None:
    """An invalid notebook is replaced by a page saying it could not be read."""
    notice = article(garden_build, "broken/invalid/").select_one(".trellis-unreadable")
    assert notice is not None and "could not be read" in notice.get_text()
    assert "!!!" not in article(garden_build, "broken/invalid/").get_text()


def test_private_notebook_absent_from_public_build(public_build: Build) -> None:
    """A private notebook leaves nothing in any public output file, its .ipynb copy included."""
    assert public_build.returncode == 0, public_build.log
    leaks = [path for path, text in public_build.all_text().items() if "CANARYPRIV" in text or "notebooks/derivation" in text]
    assert leaks == []


def test_public_notebook_published_with_source(public_build: Build) -> None:
    """A shipped general-audience notebook is published, with its downloadable copy and no front-matter cell."""
    names = sorted(p.name for p in public_build.site.rglob("*.ipynb"))
    assert names == ["errors.ipynb", "micrograd.ipynb"]
    copy = nbformat.reads((public_build.site / "notebooks/micrograd/micrograd.ipynb").read_text(), as_version=4)
    assert copy.cells[0].cell_type == "markdown"


def test_public_build_strips_error_outputs(public_build: Build) -> None:
    """Error outputs (and the local path in them) are left out of the public build."""
    leaks = [path for path, text in public_build.all_text().items() if "ERRCANARY" in text and "open(" not in text]
    assert leaks == []
    assert "Traceback" not in public_build.html("broken/errors/")
    assert any("left out of the public page" in line for line in public_build.trellis("WARNING"))


def test_errors_fail_setting_stops_public_build(tmp_path: Path) -> None:
    """`notebooks.errors: fail` makes a public build with an error output fail."""
    garden = {"index.md": GARDEN["index.md"], "broken/errors.ipynb": GARDEN["broken/errors.ipynb"]}
    config = write_garden(tmp_path, garden, extra={"trellis": {"notebooks": {"errors": "fail"}}})
    done = build(config, public=True)
    assert done.returncode != 0
    assert "broken/errors.ipynb" in done.log


# --- field cases 17 and 18 -------------------------------------------------------------


@pytest.mark.parametrize("public", [False, True])
def test_case_17_notebook_front_matter(tmp_path: Path, public: bool) -> None:
    """Case 17: raw-cell title wins over H1, front-matter cell hidden, [[index]] converted, private ones gone."""
    site = build(case_garden(tmp_path, "17-notebook-front-matter"), public=public)
    assert site.returncode == 0, site.log
    warned = site.trellis("WARNING")
    assert any(w.startswith("notebooks/no-meta.ipynb") and "no Trellis front-matter" in w for w in warned)
    assert any(w.startswith("notebooks/zqx17-scratch.ipynb") and "metadata.trellis" in w for w in warned)
    if not public:
        html = site.html("notebooks/q1-analysis/")
        assert "<title>Q1 throughput analysis" in html
        assert "audience:" not in html and "[[index]]" not in html
        assert 'href="../.."' in html or 'href="../../"' in html
        return
    leaks = [path for path, text in site.all_text().items() if "zqx17" in text.lower()]
    assert leaks == []
    assert {p.name for p in site.site.rglob("*.ipynb")} <= {"q1-analysis.ipynb"}


@pytest.mark.parametrize("public", [False, True])
def test_case_18_errors_and_outputs(tmp_path: Path, public: bool) -> None:
    """Case 18: small search index without images, long output or error text; errors and paths warned."""
    site = build(case_garden(tmp_path, "18-notebook-errors-and-outputs"), public=public)
    assert site.returncode == 0, site.log
    index = (site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert len(index.encode()) < 1_000_000
    assert "iVBORw0KGgo" not in index and "row 1999" not in index and "zqx18" not in index.lower()
    if public:
        return  # neither notebook has shipped: nothing of them is published
    warned = site.trellis("WARNING")
    assert any(w.startswith("notebooks/error-demo.ipynb: cell 3: has an error output") for w in warned)
    assert any(w.startswith("notebooks/error-demo.ipynb") and "/home/garden-owner/" in w and "local path" in w for w in warned)
    assert (site.site / "notebooks/big-output/index.html").stat().st_size < 1_000_000
    assert "row 1999" not in site.html("notebooks/big-output/")


JUPYTEXT = "# %% [markdown]\n# # Percent script\n#\n# Prose of a jupytext script.\n\n# %%\nprint('hi')\n"


@pytest.mark.parametrize(("include", "is_page"), [(None, False), (["*.ipynb", "*.py"], True)])
def test_jupytext_scripts_opt_in(tmp_path: Path, include: list[str] | None, is_page: bool) -> None:
    """A jupytext .py script is a notebook page only when mkdocs-jupyter's include names *.py."""
    garden = {"index.md": GARDEN["index.md"], "scripts/demo.py": JUPYTEXT}
    config = write_garden(tmp_path, garden)
    if include is not None:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.Loader)
        jupyter = next(p for p in data["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
        jupyter["mkdocs-jupyter"]["include"] = include
        config.write_text(yaml.dump(data, sort_keys=False), encoding="utf-8")
    site = build(config)
    assert site.returncode == 0, site.log
    assert (site.site / "scripts/demo/index.html").exists() == is_page
    if is_page:
        assert "Prose of a jupytext script" in site.html("scripts/demo/")
