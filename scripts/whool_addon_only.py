"""PEP 517 build backend: OCA's whool, given the addon's own files only.

whool packages every file git tracks in the addon's folder and has no option
to leave some out. This repository's root is the addon, so its tooling would
go into the ``odoo-addon-hoa_committee`` wheel too. This backend copies the
tracked files, less the tooling (``NOT_THE_ADDON``), into a temporary folder
named after the addon and lets whool build there; pyproject.toml names it,
so ``pip install .`` and ``python3 -m build`` both use it. The sdist it
makes holds the addon's files only and builds with whool itself.

The staged copy has no git history: the version is the manifest's, without
the ``.devN`` whool adds for commits after the last version bump. Editable
installs are whool's own (a link to the checkout, named after its folder).
"""

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from whool import buildapi as whool

ADDON = "hoa_committee"
#: folders and files of the repository that are not the addon
NOT_THE_ADDON = (
    ".ci/",
    "benchmarks/",
    "deploy/",
    "docs/",
    "scripts/",
    ".gitignore",
    ".oca_hooks.cfg",
    ".pre-commit-config.yaml",
    ".prettierrc.yml",
    ".pylintrc",
    "requirements-dev.txt",
)


def addon_files(root):
    """The files of ``root`` that make the addon: those git tracks (all
    files outside a git checkout), less the repository's tooling."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"],
            cwd=root,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError):
        listed = [
            str(path.relative_to(root))
            for path in root.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        ]
    return sorted(
        name
        for name in listed
        if name and not name.startswith(NOT_THE_ADDON) and (root / name).is_file()
    )


@contextmanager
def _in_addon_copy():
    """Work in a copy of the addon's files (as is inside an sdist, which
    whool marks with its PKG-INFO and fills with the addon's files only)."""
    root = Path.cwd()
    if (root / "PKG-INFO").exists():
        yield
        return
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / ADDON
        for name in addon_files(root):
            (staged / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, staged / name)
        # the copy is a plain whool addon: an sdist made of it builds its
        # wheel with whool itself (this backend is not in it)
        pyproject = staged / "pyproject.toml"
        pyproject.write_text(
            pyproject.read_text(encoding="utf-8")
            .replace(
                f'build-backend = "{__name__}"', 'build-backend = "whool.buildapi"'
            )
            .replace('backend-path = ["scripts"]\n', ""),
            encoding="utf-8",
        )
        os.chdir(staged)
        try:
            yield
        finally:
            os.chdir(root)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_directory = os.path.abspath(wheel_directory)
    with _in_addon_copy():
        return whool.build_wheel(wheel_directory, config_settings)


def build_sdist(sdist_directory, config_settings=None):
    sdist_directory = os.path.abspath(sdist_directory)
    with _in_addon_copy():
        return whool.build_sdist(sdist_directory, config_settings)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    metadata_directory = os.path.abspath(metadata_directory)
    with _in_addon_copy():
        return whool.prepare_metadata_for_build_wheel(
            metadata_directory, config_settings
        )


build_editable = whool.build_editable
prepare_metadata_for_build_editable = whool.prepare_metadata_for_build_editable
