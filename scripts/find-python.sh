#!/usr/bin/env bash
# Prints the path of a Python >= 3.12 (Django 6.1 needs it), or fails with a clear message.
# Tries python3.13, python3.12, python3.14, python3 on the PATH, then pyenv installs.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for cand in python3.13 python3.12 python3.14 python3; do
  if command -v "$cand" >/dev/null 2>&1 && ok "$cand"; then
    "$cand" -c 'import sys; print(sys.executable)'; exit 0
  fi
done
for cand in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
  if [ -x "$cand" ] && ok "$cand"; then echo "$cand"; exit 0; fi
done
echo "error: Python 3.12 or newer is needed (Django 6.1 requires it) and none was found." >&2
echo "       Install python3.12 or python3.13 and run make again." >&2
exit 1
