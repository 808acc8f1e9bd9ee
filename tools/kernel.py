"""How a lesson's kernel starts: the one place for `make lessons` (tools/run_lessons.py) and the tests.

A lesson runs in a fresh IPython kernel of this Python, started in the notebook's folder, talking over IPC (a
local socket, no TCP port and no "running over TCP without encryption" warning). The kernel's own C-level
output — TensorFlow's start-up lines, which it prints whatever ``TF_CPP_MIN_LOG_LEVEL`` says — goes to a log
file, not into the lesson (``capture_fd_output=False``); what Python code prints and warns stays in the lesson.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jupyter_client.manager import KernelManager

ARGUMENTS = ["--IPKernelApp.capture_fd_output=False"]


def start(cwd: Path, *, env: dict[str, str] | None = None, stderr=None, name: str = "lesson",
          sockets: Path | None = None) -> KernelManager:
    """Start a kernel in ``cwd`` with ``env`` (default: this process's), its stderr going to ``stderr``.

    Returns the running ``KernelManager``; the caller shuts it down (``km.shutdown_kernel(now=True)``).
    """
    sockets = Path(tempfile.mkdtemp(prefix="fcnlab-kernel-")) if sockets is None else sockets
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / name))
    km.start_kernel(extra_arguments=ARGUMENTS, cwd=str(cwd), stderr=stderr,
                    **({"env": env} if env is not None else {}))
    return km
