"""Run a batch of files: in this process (``--jobs 1``) or in a pool of worker processes.

A batch of N files always gives N results, in the order of the files:

- a file that takes longer than the time limit (``--timeout``) becomes an E000 result saying
  so; in a worker the process is killed and replaced, in this process a ``SIGALRM`` timer
  interrupts the reader (on platforms that have it);
- a worker that dies (a crash in a native library, ``os._exit``, the OOM killer) becomes an
  E000 result for the file it was reading, and a new worker takes over the rest.

Workers are forked where the platform allows it (fast, and they see the parent's state),
spawned elsewhere.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from lapkin_audit.check import CheckOptions, FileResult, check_file
from lapkin_audit.model import Message
from lapkin_audit.rules.registry import Context

INTERNAL_ERROR = "E000"


@dataclass
class Job:
    """One file to audit, with everything its worker needs (picklable)."""

    path: Path
    ctx: Context
    options: CheckOptions


class FileTimeout(BaseException):
    """Raised by the in-process timer: a BaseException, so that the reader's and the
    engine's ``except Exception`` guards do not swallow it."""


def timeout_result(path: Path, seconds: float) -> FileResult:
    limit = f"{seconds:g}"
    message = Message(
        id=f"Pemeriksaan berkas melewati batas waktu {limit} detik dan dihentikan; berkas ini "
        "tidak diperiksa. Periksa berkas ini sendiri dengan --timeout yang lebih besar, atau "
        "laporkan berkasnya kepada pengelola lapkin-audit.",
        en=f"Auditing the file took longer than the time limit of {limit} s and was stopped; "
        "the file was not audited. Check it alone with a larger --timeout, or report the "
        "file to the lapkin-audit maintainers.",
    )
    return FileResult(path=path, error_code=INTERNAL_ERROR, error_message=message,
                      seconds=seconds)


def died_result(path: Path, exitcode: int | None) -> FileResult:
    how = f"exit code {exitcode}" if exitcode is not None and exitcode >= 0 else (
        f"signal {-exitcode}" if exitcode is not None else "unknown cause")
    message = Message(
        id=f"Proses pemeriksa berhenti mendadak saat membaca berkas ini ({how}); berkas ini "
        "tidak diperiksa, berkas lain tetap diperiksa. Laporkan berkasnya kepada pengelola "
        "lapkin-audit.",
        en=f"The worker process died while reading this file ({how}); the file was not "
        "audited, the rest of the batch was. Please report the file to the lapkin-audit "
        "maintainers.",
    )
    return FileResult(path=path, error_code=INTERNAL_ERROR, error_message=message)


# --------------------------------------------------------------------------------------------
# In this process.


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in this thread after ``seconds`` (main thread, Unix only)."""
    usable = (seconds and hasattr(signal, "SIGALRM")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_one(job: Job, timeout: float | None = None) -> FileResult:
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            result = check_file(job.path, job.ctx, job.options)
    except FileTimeout:
        return timeout_result(job.path, timeout or 0)
    result.seconds = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------------------------
# In worker processes.


def _worker(conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, job = task
        result = run_one(job)
        try:
            conn.send((index, result))
        except Exception as exc:  # noqa: BLE001 - e.g. a result that does not pickle
            from lapkin_audit.check import _failed

            conn.send((index, _failed(job.path, exc)))


class _Worker:
    def __init__(self, mp: Any) -> None:
        self.conn, child = mp.Pipe()
        self.process = mp.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int, job: Job) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send((index, job))

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _preload() -> None:
    """Import the readers and every rule module before forking."""
    import lapkin_audit.parse.assemble
    import lapkin_audit.parse.docx
    import lapkin_audit.parse.pdf  # noqa: F401
    from lapkin_audit.rules.registry import all_rules

    all_rules()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_jobs(jobs: Sequence[Job], workers: int = 1, timeout: float | None = None,
             on_done: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Audit every job; results in the jobs' order, exactly one per job."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        results = []
        for job in jobs:
            results.append(run_one(job, timeout))
            if on_done:
                on_done(results[-1])
        return results
    return _Pool(jobs, workers, timeout, on_done).run()


class _Pool:
    def __init__(self, jobs: Sequence[Job], size: int, timeout: float | None,
                 on_done: Callable[[FileResult], None] | None) -> None:
        self.jobs, self.size, self.timeout, self.on_done = jobs, size, timeout, on_done
        self.mp = _context()
        self.results: list[FileResult | None] = [None] * len(jobs)
        self.next = 0

    def _finish(self, index: int, result: FileResult) -> None:
        if self.results[index] is None:
            self.results[index] = result
            if self.on_done:
                self.on_done(result)

    def _feed(self, worker: _Worker) -> None:
        if self.next < len(self.jobs):
            worker.give(self.next, self.jobs[self.next])
            self.next += 1
        else:
            worker.task = None

    def run(self) -> list[FileResult]:
        if self.mp.get_start_method() == "fork":
            _preload()  # once here, not once per worker: forked workers inherit the modules
        pool = [_Worker(self.mp) for _ in range(self.size)]
        try:
            for worker in pool:
                self._feed(worker)
            while any(w.task is not None for w in pool):
                self._step(pool)
        finally:
            for worker in pool:
                worker.stop(kill=worker.task is not None)
        return [r if r is not None else died_result(j.path, None)
                for r, j in zip(self.results, self.jobs)]

    def _step(self, pool: list[_Worker]) -> None:
        busy = [w for w in pool if w.task is not None]
        wait_for = None
        if self.timeout:
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + self.timeout - now for w in busy))
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                     timeout=wait_for)
        for i, worker in enumerate(pool):
            if worker.task is None:
                continue
            index = worker.task
            if worker.conn in ready:
                try:
                    done, result = worker.conn.recv()
                except (EOFError, OSError):  # died mid-answer
                    pass
                else:
                    self._finish(done, result)
                    self._feed(worker)
                    continue
            if worker.conn in ready or worker.process.sentinel in ready:
                worker.process.join(timeout=1)
                self._finish(index, died_result(self.jobs[index].path,
                                                worker.process.exitcode))
                pool[i] = self._replace(worker)
            elif self.timeout and time.monotonic() - worker.started >= self.timeout:
                self._finish(index, timeout_result(self.jobs[index].path, self.timeout))
                pool[i] = self._replace(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.task = None
        worker.stop(kill=True)
        fresh = _Worker(self.mp)
        self._feed(fresh)
        return fresh
