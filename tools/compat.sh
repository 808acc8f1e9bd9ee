#!/usr/bin/env bash
# make compat: the lowest and the highest supported ends, each in its own venv under build/compat/.
#   Python 3.10 + TensorFlow 2.16 (the first with Keras 3)   and   Python 3.13 + the newest TensorFlow.
# Runs the whole test suite (pytest tests: the unit tests, and every lesson executed once with its exercises).
# Not part of `make test` (two full TensorFlow installs, ~10 minutes). Override with COMPAT_MATRIX.
set -euo pipefail
cd "$(dirname "$0")/.."
matrix=${COMPAT_MATRIX:-"3.10:tensorflow==2.16.* 3.13:tensorflow>=2.16"}

find_python() {  # pyenv's python3.X, else one on PATH; it must actually run (pyenv shims may not)
    for candidate in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/python3 2>/dev/null | sort -V -r) \
                     $(command -v "python$1" 2>/dev/null); do
        "$candidate" -c "import venv" 2>/dev/null && { echo "$candidate"; return; }
    done
}

status=0
for entry in $matrix; do
    version=${entry%%:*} tf=${entry#*:}
    python=$(find_python "$version")
    if [ -z "$python" ]; then echo "compat $version: no python$version found"; status=1; continue; fi
    venv=build/compat/py$version
    echo "=== compat: Python $version ($python), $tf"
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet "$tf" -r requirements.txt
    "$venv/bin/python" -m pip install --quiet --no-deps -e .
    "$venv/bin/python" -c 'import sys, tensorflow as tf, keras, numpy; print("versions: python", sys.version.split()[0], "| tensorflow", tf.__version__, "| keras", keras.__version__, "| numpy", numpy.__version__)'
    if FCNLAB_PROFILE=fast MPLBACKEND=Agg TF_CPP_MIN_LOG_LEVEL=2 FCNLAB_BUILD_DIR="$venv/lesson-build" \
        "$venv/bin/python" -m pytest tests --nbval-cell-timeout=600 \
        -p no:cacheprovider -q; then
        echo "compat $version ($tf): PASSED"
    else
        echo "compat $version ($tf): FAILED"; status=1
    fi
done
exit $status
