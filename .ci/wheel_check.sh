#!/usr/bin/env bash
# Acceptance for the installed package: build the wheel (through the sdist, as published), install it
# with requirements.lock (hashed pins, no resolver) into a fresh virtual environment in a temporary
# folder, copy the bundled corpus out of the checkout and run `newsprism report` there. Every template
# of notebooks/ must run ok and leave its HTML report. Needs the checkout's .venv (`make setup`) for
# `build` and `uv`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsprism-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$SECONDS
step() { echo "wheel check [$((SECONDS - start)) s] $*"; }

step "building the sdist and the wheel"
"$root/.venv/bin/python" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

step "installing into a fresh virtual environment from requirements.lock"
"$python" -m venv "$work/venv"
# uv (hash-checked in requirements-dev.lock) installs the same hashed pins as pip, in seconds instead
# of minutes; WHEEL_CHECK_PIP=1 uses pip instead
if [ -n "${WHEEL_CHECK_PIP:-}" ]; then
  install=("$work/venv/bin/python" -m pip --quiet --disable-pip-version-check install)
else
  install=("$root/.venv/bin/uv" pip install --quiet --python "$work/venv/bin/python")
fi
"${install[@]}" --no-deps --require-hashes -r "$root/requirements.lock"
"${install[@]}" --no-deps "$work"/dist/newsprism-*.whl
"$work/venv/bin/python" -m pip --disable-pip-version-check check

step "running newsprism report outside the checkout"
mkdir "$work/run"
cp -r "$root/data/raw/pyongyang-summit-2024" "$work/run/pyongyang-summit-2024"
cd "$work/run"
# a home of its own: no user-level kernelspec, matplotlib or Jupyter state from this machine
export HOME="$work/home" MPLCONFIGDIR="$work/home/mpl" PYTHONNOUSERSITE=1
mkdir -p "$MPLCONFIGDIR"
unset PYTHONPATH NEWSPRISM_CACHE
"$work/venv/bin/python" - <<'EOF'
import analysis, sys
assert analysis.__file__.startswith(sys.prefix), f"analysis imported from {analysis.__file__}, not the venv"
for name in ("dask", "distributed", "jupyterlab"):
    try:
        __import__(name)
    except ImportError:
        continue
    sys.exit(f"{name} is installed: the core install must not need it")
EOF
status=0
"$work/venv/bin/newsprism" report pyongyang-summit-2024 --no-progress | tee "$work/report.log" || status=$?

# every template of the checkout must have run ok (run.json) and left its HTML report
out=reports/pyongyang-summit-2024
expected=$(find "$root/notebooks" -maxdepth 1 -name '*.ipynb' -printf '%f\n' | sed 's/\.ipynb$//' | sort)
ok=$("$work/venv/bin/python" -c '
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for r in json.loads((out / "run.json").read_text())["reports"]:
    if r["status"] == "ok" and (out / (r["name"] + ".html")).stat().st_size > 0:
        print(r["name"])' "$out" | sort)
missing=$(comm -23 <(echo "$expected") <(echo "$ok"))
step "$(echo "$ok" | grep -c . || true)/$(echo "$expected" | grep -c . || true) reports ok from the installed wheel" \
  "(newsprism exit status $status)${missing:+; not ok: $(echo $missing)}"
[ "$status" = 0 ] && [ -z "$missing" ]
