"""A real daphne (HTTP + WebSocket) serving the test database from a separate process.

pytest-django's `live_server` is WSGI and in-process; browser and WebSocket tests need the ASGI
application as production runs it. The server reads the test database the suite created, so tests
that use it must commit their data (`transactional_db`).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_database_url() -> str:
    """The DATABASE_URL of the database the test run created (after django_db_setup)."""
    cfg = connection.settings_dict
    if cfg["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{cfg['NAME']}"
    user = cfg.get("USER") or ""
    password = f":{cfg['PASSWORD']}" if cfg.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{cfg.get('HOST') or '127.0.0.1'}:{cfg.get('PORT') or 5432}/{cfg['NAME']}"


def gunicorn_command(workers: int) -> list[str]:
    """The production server (hurtrock/gunicorn.conf.py) on AsgiServer's port, with `workers` workers."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "hurtrock.asgi:application",
        "--config",
        "hurtrock/gunicorn.conf.py",
        "--bind",
        "127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]


class AsgiServer:
    def __init__(self, extra_env: dict | None = None, command: list[str] | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = extra_env or {}
        # Default: one daphne, as `make run`. `{port}` in a custom command is replaced.
        self.command = command or [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            "{port}",
            "hurtrock.asgi:application",
        ]
        self.process = None
        self.log_path = ROOT / "artifacts" / f"asgi-server-{self.port}.log"

    def start(self):
        env = os.environ.copy()
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "hurtrock.settings_test",
                "DATABASE_URL": test_database_url(),
                "PYTHONUNBUFFERED": "1",
                # Absolute links (e-mails, gateway return and notification URLs) point at this server.
                "SITE_URL": self.url,
                **self.extra_env,
            }
        )
        self.log_path.parent.mkdir(exist_ok=True)
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [part.replace("{port}", str(self.port)) for part in self.command],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited early; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server did not become healthy in 30 s; see {self.log_path}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "_log", None):
            self._log.close()
