"""Rendering an executed notebook to a self-contained HTML page with nbconvert.

The page has no code and fetches nothing. Besides the notebook's own outputs
it gets: a table of contents that stays in view (the report's pages and this
page's sections, read from its headings), an appendix at the end for the
tables a notebook published with ``mode="appendix"``, the kit's script, and —
only on a page with an interactive table — the DataTables bundle that ships
with itables, inlined once (its size: :func:`datatables_assets`).
"""
from __future__ import annotations

import base64
import functools
import html
import json
import re
from pathlib import Path

from .spec import REMOVE_CELL_TAGS, REMOVE_INPUT_TAGS, REMOVE_OUTPUT_TAGS, TEMPLATES

STATIC = TEMPLATES / "kit" / "static"


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
    exporter.register_preprocessor(_appendix, enabled=True)
    return exporter


def _drop_stderr(nb, resources):
    """Preprocessor: drop stderr streams (warnings, progress bars) from the page;
    the executed notebook beside the report keeps them."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return nb, resources


def _is_appendix(output) -> bool:
    return (output.get("metadata", {}).get("kit", {}) or {}).get("mode") == "appendix"


def _appendix(nb, resources):
    """Preprocessor: outputs published with ``mode="appendix"`` move, in their
    order, to the end of the page under a heading "Appendix"."""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    moved = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for out in cell.outputs:
            (moved if _is_appendix(out) else keep).append(out)
        cell.outputs = keep
    if moved:
        nb.cells.append(new_markdown_cell("## Appendix\n\nThe long tables behind this page, collapsed; "
                                          "each is also a CSV under `data/`."))
        holder = new_code_cell("")
        holder.outputs = moved
        nb.cells.append(holder)
    return nb, resources


@functools.lru_cache(maxsize=1)
def datatables_assets() -> dict[str, str]:
    """The DataTables bundle that itables ships for its offline mode (jQuery,
    DataTables 2 and its extensions as one ES module, plus its CSS): ``js_b64``
    (base64 of the module), ``css``, ``version`` and their sizes in bytes."""
    import itables

    folder = Path(itables.__file__).parent / "html"
    js = (folder / "dt_bundle.js").read_bytes()
    css = (folder / "dt_bundle.css").read_text(encoding="utf-8")
    return {"js_b64": base64.b64encode(js).decode("ascii"), "css": css, "version": f"itables {itables.__version__}",
            "js_bytes": str(len(js)), "css_bytes": str(len(css.encode()))}


def kit_script() -> str:
    return (STATIC / "kit.js").read_text(encoding="utf-8")


def _has_interactive_table(nb) -> bool:
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if "kit-dt" in str(out.get("data", {}).get("text/html", "")):
                return True
    return False


_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def page_toc(body: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the page's h2 and h3 headings, in order."""
    out = []
    for level, hid, inner in _HEADING.findall(body):
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        out.append((int(level), html.unescape(hid), html.unescape(text)))
    return out


def toc_html(entries: list[tuple[int, str, str]]) -> str:
    """The page's sections as a nested list (h3 under the h2 before it)."""
    if not entries:
        return ""
    parts, open_sub = ["<ol class='kit-sections-toc'>"], False
    for level, hid, text in entries:
        link = f"<a href='#{html.escape(hid)}'>{html.escape(text)}</a>"
        if level == 3 and parts[-1] != "<ol class='kit-sections-toc'>":
            if not open_sub:
                parts[-1] = parts[-1].removesuffix("</li>")
                parts.append("<ol>")
                open_sub = True
            parts.append(f"<li>{link}</li>")
            continue
        if open_sub:
            parts.append("</ol></li>")
            open_sub = False
        parts.append(f"<li>{link}</li>")
    if open_sub:
        parts.append("</ol></li>")
    parts.append("</ol>")
    return "".join(parts)


def render_notebook(executed: str | Path, html_path: str | Path, kit: dict) -> Path:
    """Render an executed notebook to ``html_path`` with the kit template (no
    code, no prompts, no parameter cells, nothing fetched); ``kit`` fills the
    table of contents and the footer (``title``, ``report_name``, ``notebook``,
    ``pages``, ``footer_rows``, ``articles_href``)."""
    import nbformat

    nb = nbformat.read(str(executed), as_version=4)
    kit = {**kit, "kit_js": kit_script()}
    if _has_interactive_table(nb):
        assets = datatables_assets()
        kit.update(datatables_js_b64=assets["js_b64"], datatables_css=assets["css"],
                   datatables_version=assets["version"])
    body, _ = _exporter().from_notebook_node(nb, resources={"kit": kit, "metadata": {"name": kit.get("page_title", "")}})
    main = body[body.find('id="kit-content"'):]
    body = body.replace("<!--KIT-TOC-->", toc_html(page_toc(main)), 1)
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
