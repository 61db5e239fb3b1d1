"""Server set-ups compared by `make bench`: each starts the production ASGI app on a port.

daphne        one daphne process (what `make run` serves)
daphne:N      N daphne processes sharing one listening socket (passed with --fd)
uvicorn:N     gunicorn with N uvicorn workers (uvicorn-worker; HTTP and WebSocket), HTTP through
              Django's WSGI handler on a thread pool (hurtrock/threaded_http.py, the default)
uvicorn-asgi:N  the same with Django's own ASGI handler (HTTP_HANDLER=asgi), for comparison
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = "hurtrock.asgi:application"


def _wait_healthy(url: str, processes: list[subprocess.Popen], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise RuntimeError(f"the server exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /healthz in {timeout:.0f} s; see {log}")


class Server:
    """`with Server("uvicorn:2", env) as server:` … `server.url` … (stopped on exit)."""

    def __init__(self, spec: str, env: dict, port: int = 8765):
        kind, _, count = spec.partition(":")
        if kind not in {"daphne", "uvicorn", "uvicorn-asgi"}:
            raise ValueError(f"unknown server {spec!r} (daphne, daphne:N, uvicorn:N, uvicorn-asgi:N)")
        self.spec, self.workers = spec, int(count or 1)
        self.env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        if kind == "uvicorn-asgi":
            kind, self.env["HTTP_HANDLER"] = "uvicorn", "asgi"
        self.kind = kind
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = ROOT / "artifacts" / f"bench-server-{spec.replace(':', '-')}.log"
        self.processes: list[subprocess.Popen] = []

    def __enter__(self):
        self.log.parent.mkdir(exist_ok=True)
        self._log = open(self.log, "w")  # noqa: SIM115 - closed in __exit__
        if self.kind == "uvicorn":
            self.processes.append(self._spawn(self._gunicorn_command()))
        else:
            self._start_daphnes()
        _wait_healthy(self.url, self.processes, self.log)
        return self

    def _spawn(self, command: list[str], **kwargs) -> subprocess.Popen:
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, **kwargs)

    def _gunicorn_command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            APP,
            "--config",
            str(ROOT / "hurtrock" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
        ]

    def _start_daphnes(self) -> None:
        if self.workers == 1:
            self.processes.append(
                self._spawn([sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port), APP])
            )
            return
        # One listening socket, inherited by every daphne: the kernel spreads the connections.
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", self.port))
        self._socket.listen(1024)
        fd = self._socket.fileno()
        for _ in range(self.workers):
            self.processes.append(self._spawn([sys.executable, "-m", "daphne", "--fd", str(fd), APP], pass_fds=(fd,)))

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if getattr(self, "_socket", None):
            self._socket.close()
        self._log.close()
