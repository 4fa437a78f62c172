"""Start, wait for and stop the site under gunicorn, as production runs it."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

READY_PATH = "/bench/bare-json/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command() -> list[str]:
    script = Path(sys.executable).with_name("gunicorn")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]


class Gunicorn:
    """gunicorn in its own process group, so stopping it stops every worker."""

    def __init__(self, *, repo: Path, env: dict, port: int, workers: int, threads: int, log: Path):
        self.port, self.log = port, log
        command = [
            *gunicorn_command(),
            "--chdir",
            "site",
            "--bind",
            f"127.0.0.1:{port}",
            # gthread keeps connections alive (sync workers close each one), as
            # behind a proxy, so the clients do not time TCP handshakes.
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
            "hostsite.wsgi",
        ]
        self.log_file = log.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=repo,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {self.process.returncode}:\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", READY_PATH)
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    return
                raise SystemExit(
                    f"gunicorn answers {READY_PATH} with HTTP {status}:\n{self.tail()}"
                )
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn not ready after {timeout:.0f} s:\n{self.tail()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                # SIGQUIT: gunicorn's quick shutdown. Nothing in flight is worth
                # the graceful wait, which can last its full 30 s after Ctrl-C.
                os.killpg(self.process.pid, signal.SIGQUIT)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass
        self.log_file.close()

    def tail(self, lines: int = 30) -> str:
        self.log_file.flush()
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
