"""The project's own scripts set up Python as a real user's machine needs.

They run the shell functions of ``scripts/common.sh`` in a subprocess, with a
cache folder of their own, as ``scripts/demo`` and ``scripts/test`` do.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from odoo.tests import BaseCase, tagged

COMMON = Path(__file__).resolve().parent.parent / "scripts" / "common.sh"
SYSTEM_PYTHON = "/usr/bin/python3"


def run_common(script, **env):
    """Run ``script`` after sourcing common.sh; return its standard output."""
    result = subprocess.run(
        ["bash", "-c", f'source "{COMMON}"\n{script}'],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise AssertionError(f"exit {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout


@tagged("post_install", "-at_install")
class TestScripts(BaseCase):
    def test_pip_gets_setuptools_pin_as_build_constraint(self):
        """pip 25.3+ gives PIP_CONSTRAINT no longer to isolated builds: cbor2
        (an Odoo requirement) builds only with setuptools<81 as a *build*
        constraint."""
        with tempfile.TemporaryDirectory() as tmp:
            seen = Path(tmp, "seen")
            fake = Path(tmp, "python")
            fake.write_text(
                "#!/bin/sh\n"
                f'echo "$PIP_CONSTRAINT|$PIP_BUILD_CONSTRAINT|$*" > "{seen}"\n'
            )
            fake.chmod(0o755)
            run_common(
                "pip_install -r requirements.txt",
                PYTHON=str(fake),
                HOA_CACHE=str(Path(tmp, "cache")),
            )
            constraint, build_constraint, args = seen.read_text().strip().split("|")
            self.assertEqual(args, "-m pip install -q -r requirements.txt")
            self.assertTrue(build_constraint, "no PIP_BUILD_CONSTRAINT given")
            self.assertEqual(constraint, build_constraint)
            self.assertIn("setuptools<81", Path(build_constraint).read_text())

    def test_system_python_gets_a_virtual_environment(self):
        """A system Python under PEP 668 refuses ``pip install``: the scripts
        create and use a virtual environment of the project's own."""
        managed = list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))
        if not (Path(SYSTEM_PYTHON).exists() and managed):
            self.skipTest("no externally managed system Python on this machine")
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp, "cache")
            out = run_common(
                'ensure_python\necho "$PYTHON"',
                PYTHON=SYSTEM_PYTHON,
                HOA_CACHE=str(cache),
            )
            python = out.strip().splitlines()[-1]
            self.assertEqual(python, str(cache / "venv" / "bin" / "python"))
            in_venv = subprocess.run(
                [python, "-c", "import sys; print(sys.prefix != sys.base_prefix)"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            self.assertEqual(in_venv, "True")
            # and pip installs into it, where the system Python refuses
            refused = subprocess.run(
                [SYSTEM_PYTHON, "-m", "pip", "install", "--dry-run", "six"],
                capture_output=True,
                text=True,
                check=False,
            )
            self.assertIn("externally-managed-environment", refused.stderr)

    def test_python_with_odoo_is_used_as_it_is(self):
        """Where Odoo 18 is already importable (CI, a developer's machine),
        that Python is kept and no virtual environment is made."""
        with tempfile.TemporaryDirectory() as tmp:
            out = run_common(
                'ensure_python\necho "$PYTHON"',
                PYTHON=sys.executable,
                HOA_CACHE=str(Path(tmp, "cache")),
            )
            self.assertEqual(out.strip().splitlines()[-1], sys.executable)
            self.assertFalse(Path(tmp, "cache", "venv").exists())
