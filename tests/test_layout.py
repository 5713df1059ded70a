"""The code is laid out as Odoo's and OCA's: one model per file, named after the model."""

import ast

import pytest
from conftest import ADDONS, MODULES


def defined_models(path):
    """[(class name, _name)] of the classes of ``path`` that define a model (``_name``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for stmt in node.body:
            if (
                isinstance(stmt, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "_name" for t in stmt.targets)
                and isinstance(stmt.value, ast.Constant)
            ):
                found.append((node.name, stmt.value.value))
    return found


@pytest.mark.parametrize("module", MODULES)
def test_one_model_per_file_named_after_it(module):
    misplaced = []
    for folder in ("models", "report", "wizard"):
        for path in sorted((ADDONS / module / folder).glob("*.py")):
            for class_name, model in defined_models(path):
                # report.<module>.<name> lives in report/<name>.py; any other model in <model>.py
                expected = model.split(".", 2)[2] if model.startswith("report.") else model.replace(".", "_")
                if path.stem != expected:
                    misplaced.append(f"{path.relative_to(ADDONS)}: {class_name} ({model}) belongs in {expected}.py")
    assert not misplaced, "\n".join(misplaced)


@pytest.mark.parametrize("module", MODULES)
def test_a_file_extends_one_model(module):
    """A file that defines a model does not extend others: extensions live in files of their own."""
    mixed = []
    for path in sorted((ADDONS / module / "models").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
        models_here = [node for node in classes if any(
            isinstance(stmt, ast.Assign) and any(getattr(t, "id", None) in ("_name", "_inherit") for t in stmt.targets)
            for stmt in node.body
        )]
        if len(models_here) > 1:
            mixed.append(f"{path.relative_to(ADDONS)}: {', '.join(node.name for node in models_here)}")
    assert not mixed, "\n".join(mixed)
