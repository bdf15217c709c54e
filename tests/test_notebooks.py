"""Notebook templates: committed without outputs, a tagged parameters cell first, no definitions."""

import ast

import nbformat
import pytest

from analysis.report.runner import list_templates, template_parameters

TEMPLATES = list_templates()


def test_there_are_templates():
    assert TEMPLATES


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_parameters_cell_first_literals_with_types(path):
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    tree = ast.parse(first.source)
    for node in tree.body:
        assert isinstance(node, ast.AnnAssign), ast.dump(node)  # a type hint on every parameter
        ast.literal_eval(node.value)  # literals only
    declared = template_parameters(path)
    assert len(declared) == len(tree.body)  # papermill parses every line (no '=' in comments)
    assert {"corpus", "tables"} <= set(declared)
    assert all(spec["help"] for spec in declared.values())  # each has a comment


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_function_or_class_definitions(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                assert not isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Lambda), path.name


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_kernel_is_the_projects(path):
    assert nbformat.read(path, as_version=4).metadata.kernelspec.name == "newsprism"


UNSAFE_NAMES = {"HTML", "Markdown", "display_html", "display_markdown", "Latex", "Javascript"}
UNSAFE_ATTRIBUTES = {"to_html", "set_caption", "set_tooltips", "to_markdown", "_repr_html_"}


def unsafe_display_calls(source: str) -> list[str]:
    """Ways a code cell could put raw text into HTML without analysis.views.display escaping it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("IPython"):
            # IPython's display() only shows objects (ours escape); HTML / Markdown take raw text
            found += [f"from {node.module} import {a.name}" for a in node.names
                      if a.name in UNSAFE_NAMES or a.name == "*"]
        elif isinstance(node, ast.Name) and node.id in UNSAFE_NAMES:
            found.append(node.id)
        elif isinstance(node, ast.Attribute) and node.attr in UNSAFE_NAMES | UNSAFE_ATTRIBUTES:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr == "style" and not (
                isinstance(node.value, ast.Name) and node.value.id == "display"):
            found.append(".style (use display.style, which escapes)")
    return found


def test_the_unsafe_display_check_finds_raw_html():
    assert unsafe_display_calls("from IPython.display import HTML\nHTML(title)")
    assert unsafe_display_calls("df.style.background_gradient()")
    assert unsafe_display_calls("display.show(df).data + df.to_html()")
    assert unsafe_display_calls("IPython.display.Markdown(f'[{t}]({u})')")
    assert not unsafe_display_calls("display.style(df, caption=c).background_gradient()")
    assert not unsafe_display_calls("display.say('{t}', t=title)")
    assert not unsafe_display_calls("from IPython.display import display as render\nrender(display.note('x'))")
    assert unsafe_display_calls("from IPython.display import *")


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_text_reaches_html_only_through_display(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert unsafe_display_calls(cell.source) == [], (path.name, cell.source)
