# Shared steps of the project's scripts: sourced, not run.
# shellcheck shell=bash
set -euo pipefail

HOA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOA_CACHE=${HOA_CACHE:-$HOME/.cache/hoa_committee}
PYTHON=${PYTHON:-python3}
ODOO_BRANCH=18.0
ODOO_REPO=${ODOO_REPO:-https://github.com/odoo/odoo.git}

log() { printf '\033[1;34m[hoa]\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

# Debian packages: build headers and a compiler for Odoo's requirements, the
# venv module, PDF rendering,
# headless Chromium for the browser tests, CJK fonts for Chinese PDFs, and
# zbar to read back the QR codes printed on them in the tests.
ensure_system_packages() {
    local missing=()
    dpkg -s libldap2-dev >/dev/null 2>&1 || missing+=(libldap2-dev libsasl2-dev libpq-dev)
    dpkg -s python3-dev >/dev/null 2>&1 || missing+=(python3-dev python3-venv build-essential)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null || missing+=(chromium)
    dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
    dpkg -s libzbar0 >/dev/null 2>&1 || missing+=(libzbar0)
    command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing Debian packages: ${missing[*]}"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# PostgreSQL: start the local cluster when it is down, and give the current
# user a superuser role.
ensure_postgres() {
    if ! pg_isready -q 2>/dev/null; then
        log "starting PostgreSQL"
        local cluster
        cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
        [ -n "$cluster" ] || { log "no PostgreSQL cluster found"; exit 1; }
        # shellcheck disable=SC2086
        as_root pg_ctlcluster $cluster start
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    fi
    local me
    me=$(id -un)
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        log "creating PostgreSQL role $me"
        as_root su postgres -c "psql -q -c \"CREATE ROLE \\\"$me\\\" SUPERUSER LOGIN\""
    fi
}

odoo_importable() {
    "$PYTHON" - <<'PY' >/dev/null 2>&1
import odoo.release, sys
sys.exit(0 if odoo.release.version_info[:2] == (18, 0) else 1)
PY
}

# pip for this Python: setuptools<81 both as a constraint and as a build
# constraint (pip 25.3 and later no longer pass PIP_CONSTRAINT to isolated
# builds, and cbor2's build needs pkg_resources).
pip_install() {
    local constraints="$HOA_CACHE/constraints.txt"
    mkdir -p "$HOA_CACHE"
    echo 'setuptools<81' >"$constraints"
    PIP_CONSTRAINT="$constraints" PIP_BUILD_CONSTRAINT="$constraints" \
        "$PYTHON" -m pip install -q "$@"
}

# The Python to use: the one given (PYTHON, default python3) when it already
# has Odoo 18 or is a virtual environment; otherwise a virtual environment of
# the project's own, since a system Python (Debian 12, Ubuntu 24.04) refuses
# pip install (PEP 668, externally-managed-environment).
ensure_python() {
    odoo_importable && return
    local in_venv
    in_venv=$("$PYTHON" -c 'import sys; print(int(sys.prefix != sys.base_prefix))')
    [ "$in_venv" = 1 ] && return
    local venv="$HOA_CACHE/venv"
    if [ ! -x "$venv/bin/python" ]; then
        log "creating the virtual environment $venv"
        mkdir -p "$HOA_CACHE"
        if ! "$PYTHON" -m venv "$venv"; then
            log "$PYTHON cannot create virtual environments: installing python3-venv"
            as_root apt-get update -qq
            DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv python3-dev >/dev/null
            rm -rf "$venv"
            "$PYTHON" -m venv "$venv"
        fi
        "$venv/bin/python" -m pip install -q --upgrade pip
    fi
    PYTHON="$venv/bin/python"
    export PYTHON
}

# Odoo 18: used as installed when importable; otherwise installed from the
# official upstream branch, editable, into this Python.
ensure_odoo() {
    if odoo_importable; then
        return
    fi
    local src="$HOA_CACHE/odoo-$ODOO_BRANCH"
    if [ ! -d "$src/.git" ]; then
        log "cloning Odoo $ODOO_BRANCH into $src"
        mkdir -p "$HOA_CACHE"
        git clone --depth 1 --branch "$ODOO_BRANCH" "$ODOO_REPO" "$src"
    fi
    log "installing Odoo $ODOO_BRANCH from $src (a few minutes)"
    pip_install -r "$src/requirements.txt"
    pip_install -e "$src" --config-settings editable_mode=compat
    odoo_importable || { log "Odoo 18 is still not importable"; exit 1; }
}

# Python extras of the addon and its tests.
ensure_python_extras() {
    if "$PYTHON" - <<'PY' >/dev/null 2>&1
import importlib.util, sys
mods = ["pytest_odoo", "websocket", "holidays", "hypothesis", "ruff", "pylint_odoo", "xlsxwriter", "tsp_client",
        "oca_pre_commit_hooks", "whool", "build"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in mods) else 1)
PY
    then
        "$PYTHON" -c "import importlib.metadata as m; m.version('odoo-addon-report_xlsx')" >/dev/null 2>&1 && return
    fi
    log "installing Python extras"
    pip_install -r "$HOA_ROOT/requirements-dev.txt"
}

# prettier with its XML plugin, from the npm registry, for the XML lint.
ensure_prettier() {
    PRETTIER_DIR="$HOA_CACHE/node"
    if [ ! -x "$PRETTIER_DIR/node_modules/.bin/prettier" ]; then
        command -v npm >/dev/null || { log "npm is missing: install Node.js to lint XML"; exit 1; }
        log "installing prettier and @prettier/plugin-xml"
        mkdir -p "$PRETTIER_DIR"
        (cd "$PRETTIER_DIR" && npm install --silent --no-audit --no-fund \
            prettier@3.3.3 @prettier/plugin-xml@3.4.1 >/dev/null)
    fi
}

# A copy of the checkout's files in a folder named hoa_committee, for the
# checks that name the addon after its folder and read through no symlink
# (oca-checks-odoo-module, pylint-odoo's odoo-addons-relative-import): the
# checkout's own folder may have any name.
addon_copy() {
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/hoa_lint.XXXXXX")
    mkdir "$dir/hoa_committee"
    tar -C "$HOA_ROOT" --exclude=./.git --exclude=./docs --exclude=./run \
        --exclude=__pycache__ --exclude='*.py[co]' -cf - . | tar -C "$dir/hoa_committee" -xf -
    echo "$dir"
}

lint() {
    ensure_prettier
    log "lint: ruff, pylint-odoo (OCA's full configuration), OCA's module and PO checks, prettier (XML)"
    local copy rc=0
    (cd "$ADDONS_DIR" && "$PYTHON" -m ruff check hoa_committee && "$PYTHON" -m ruff format --check hoa_committee)
    (cd "$HOA_ROOT" && "$PRETTIER_DIR/node_modules/.bin/prettier" --check --log-level=warn \
        --plugin="$PRETTIER_DIR/node_modules/@prettier/plugin-xml/src/plugin.js" "**/*.xml")
    copy=$(addon_copy)
    (cd "$copy" && "$PYTHON" -m pylint --rcfile="$HOA_ROOT/.pylintrc" hoa_committee) || rc=1
    (cd "$copy" && "$PYTHON" -m oca_pre_commit_hooks.cli --config="$HOA_ROOT/.oca_hooks.cfg" hoa_committee) || rc=1
    if ! (cd "$copy/hoa_committee" && "$PYTHON" -m oca_pre_commit_hooks.cli_po --config="$HOA_ROOT/.oca_hooks.cfg" i18n/*.po i18n/*.pot); then
        log "after regenerating i18n/: oca-checks-po --fix i18n/*.po i18n/*.pot (then msgfmt -c i18n/zh_CN.po)"
        rc=1
    fi
    rm -rf "$copy"
    return $rc
}

# The wheel, built as `pip install .` builds it (pyproject.toml: whool, given
# the addon's files by scripts/whool_addon_only.py), installed without its
# dependencies into a fresh virtual environment that sees this Python's
# packages (Odoo), and checked there: the addon's files and only those, its
# manifest's version, and odoo.addons.hoa_committee imported from the wheel.
package() {
    log "package: the odoo-addon-hoa_committee wheel, installed into a fresh virtual environment"
    local dir venv site
    dir=$(mktemp -d "${TMPDIR:-/tmp}/hoa_wheel.XXXXXX")
    if ! (cd "$HOA_ROOT" && "$PYTHON" -m build --wheel --no-isolation --outdir "$dir/dist" . >"$dir/build.log" 2>&1); then
        cat "$dir/build.log" >&2
        rm -rf "$dir"
        return 1
    fi
    venv="$dir/venv"
    "$PYTHON" -m venv --system-site-packages "$venv"
    # this Python's own site-packages too, when it is itself a virtual environment
    site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    "$PYTHON" -c 'import site; print("\n".join(f"import site; site.addsitedir({p!r})" for p in site.getsitepackages()))' \
        >"$site/_hoa_parent_site.pth"
    "$venv/bin/python" -m pip install -q --no-deps --no-index "$dir"/dist/odoo_addon_hoa_committee-*.whl
    local rc=0
    (cd "$dir" && "$venv/bin/python" - "$HOA_ROOT" "$site") <<'PY' || rc=1
import ast
import importlib.metadata
import sys
from pathlib import Path

root, site = Path(sys.argv[1]), Path(sys.argv[2])
dist = importlib.metadata.distribution("odoo-addon-hoa_committee")
files = {str(f) for f in dist.files}
prefix = "odoo/addons/hoa_committee/"
manifest = ast.literal_eval((root / "__manifest__.py").read_text(encoding="utf-8"))
problems = []
if prefix + "__manifest__.py" not in files:
    problems.append("no __manifest__.py")
for part in ("LICENSE", "models/__init__.py", "views/hoa_menus.xml", "i18n/zh_CN.po"):
    if prefix + part not in files:
        problems.append(f"no {part}")
for folder in ("benchmarks/", "scripts/", "docs/", "deploy/", ".ci/"):
    if any(f.startswith(prefix + folder) for f in files):
        problems.append(f"{folder} is in the wheel")
if dist.version != manifest["version"]:
    problems.append(f"version {dist.version}, the manifest says {manifest['version']}")
try:
    import odoo
    from odoo.modules.module import initialize_sys_path

    # Odoo's own addons (portal, mail, ...), which the addon imports
    core = Path(odoo.__file__).resolve().parent.parent / "addons"
    paths = [f"--addons-path={core}"] if core.is_dir() else []
    odoo.tools.config.parse_config([*paths, "--log-level=warn"])
    initialize_sys_path()
    import odoo.addons.hoa_committee as addon
except ImportError as exc:
    problems.append(f"odoo.addons.hoa_committee does not import: {exc}")
else:
    if not Path(addon.__file__).resolve().is_relative_to(site.resolve()):
        problems.append(f"odoo.addons.hoa_committee imported from {addon.__file__}")
if problems:
    sys.exit("the wheel: " + "; ".join(problems))
print(f"{dist.metadata['Name']} {dist.version}: {len(files)} files, the addon only")
PY
    rm -rf "$dir"
    return $rc
}

# The checkout can have any folder name: link it as hoa_committee into an
# addons folder of its own (a fresh temporary one unless ADDONS_DIR is set).
link_addon() {
    ADDONS_DIR=${ADDONS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/hoa_addons.XXXXXX")}
    mkdir -p "$ADDONS_DIR"
    ln -sfn "$HOA_ROOT" "$ADDONS_DIR/hoa_committee"
    ODOO_ADDONS_PATH="$ADDONS_DIR"
    export ADDONS_DIR ODOO_ADDONS_PATH
}

odoo_bin() {
    "$PYTHON" -m odoo "$@"
}

# Addons path: the linked checkout plus Odoo's own addons folder.
odoo_addons_path() {
    local core
    core=$("$PYTHON" -c 'import odoo, os; print(os.path.abspath(os.path.join(os.path.dirname(odoo.__file__), "..", "addons")))')
    echo "$ADDONS_DIR,$core"
}

ensure_all() {
    ensure_system_packages
    ensure_postgres
    ensure_python
    ensure_odoo
    ensure_python_extras
    link_addon
}
