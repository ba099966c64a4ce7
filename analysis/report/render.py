"""Rendering an executed notebook to a self-contained HTML page with nbconvert."""
from __future__ import annotations

import json
from pathlib import Path

from .spec import REMOVE_CELL_TAGS, REMOVE_INPUT_TAGS, REMOVE_OUTPUT_TAGS, TEMPLATES


def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    c.TagRemovePreprocessor.remove_input_tags = set(REMOVE_INPUT_TAGS)
    c.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVE_OUTPUT_TAGS)
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(config=c, template_name="kit", extra_template_basedirs=[str(TEMPLATES)])
    exporter.register_preprocessor(_drop_stderr, enabled=True)
    return exporter


def _drop_stderr(nb, resources):
    """Preprocessor: drop stderr streams (warnings, progress bars) from the page;
    the executed notebook beside the report keeps them."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb, resources


def render_notebook(executed: str | Path, html_path: str | Path, kit: dict) -> Path:
    """Render an executed notebook to ``html_path`` with the kit template (no
    code, no prompts, no parameter cells, nothing fetched); ``kit`` fills the
    header and footer (``title``, ``report_name``, ``notebook``, ``pages``,
    ``footer_rows``)."""
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    body, _ = _exporter().from_notebook_node(nb, resources={"kit": kit, "metadata": {"name": kit.get("page_title", "")}})
    Path(html_path).write_text(body, encoding="utf-8")
    return Path(html_path)


def footer_rows(manifest: dict) -> list[tuple[str, str]]:
    """The manifest summary shown at the foot of every page (deterministic:
    no timings, no timestamps)."""
    params = manifest["parameters"]
    rows = [("corpus", f"{manifest['corpus']['files']} files, sha256 {manifest['corpus']['sha256']}")]
    rows += [(k, json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v) for k, v in params.items()]
    if manifest.get("parameter_set"):
        rows.append(("parameter set", manifest["parameter_set"]))
    rows.append(("python", manifest["python"]))
    rows.append(("packages", ", ".join(f"{k} {v}" for k, v in manifest["packages"].items())))
    return rows
