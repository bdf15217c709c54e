"""Notebook templates: committed without outputs, a tagged parameters cell first, no definitions."""

import ast

import nbformat
import pytest

from analysis.report import list_templates, template_parameters

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
