"""lapkin-audit benchmark (issue 6): every figure against its baseline, measured in one run.

    python bench/run.py                  # everything (about 10 minutes on 2 cores)
    python bench/run.py --quick          # smaller batch and documents, one run each (~1 min)
    python bench/run.py --only audit,startup --repeat 7
    python bench/run.py --markdown out.md

Figures (median of ``--repeat`` runs; each baseline is measured in the same run):

1. audit   ``check`` in-process (read_report + audit) on each sample PDF, against pdfplumber
           alone on the same file (open, ``extract_tables()`` and ``extract_words()`` on every
           page, each page closed). Target ≤ 1.3×.
2. startup ``lapkin-audit --version`` and ``lapkin-audit check <DOCX sample>`` as fresh
           processes (``python -m lapkin_audit``), against a bare ``python -c pass``.
           Targets ≤ 0.15 s and ≤ 0.5 s. ``-X importtime`` tells which heavy packages load.
3. batch   ``check`` on a folder of copies of the samples with ``--jobs 1`` and ``--jobs 2``
           (fresh processes). Target ≥ 1.7× speed-up on 2 cores. When the CLI has no
           ``--jobs`` yet, a ProcessPoolExecutor over ``check_file`` stands in (said in the
           output).
4. memory  peak RSS of a fresh process auditing a generated 300-page report, against the
           peak RSS of pdfplumber alone on it. Target ≤ 250 MB.
5. growth  audit time for 10, 50, 100 and 300 pages (and pdfplumber alone): time per page
           must not grow with the page count.

Generated documents (copies of the sample PDFs' pages, concatenated with pypdf) are cached in
``bench/.cache/``. Nothing here is a test: no figure fails the run; targets are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
CACHE = Path(__file__).resolve().parent / ".cache"
DOCX_SAMPLE = SAMPLES / "senduro-tw2-2023.docx"
SECTIONS = ("audit", "startup", "batch", "memory", "growth")
GROWTH_PAGES = (10, 50, 100, 300)
if str(ROOT) not in sys.path:  # run from anywhere: the working tree, not an installed copy
    sys.path.insert(0, str(ROOT))
HEAVY = ("rich", "pdfplumber", "pdfminer", "pydantic", "docx", "yaml", "rapidfuzz", "holidays",
         "lapkin_audit.model")


# ------------------------------------------------------------------------------------------
# helpers


def env() -> dict[str, str]:
    """Environment of child processes: the working tree first on the path."""
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    e.pop("PYTHONPROFILEIMPORTTIME", None)
    return e


def run_child(args: list[str], *, stdout: int | None = subprocess.DEVNULL) -> tuple[float, int, str]:
    """Run ``python args…``; wall seconds, peak RSS in bytes (this child only), stdout text.

    The child's CPU time (user + system, its own children included) is kept in
    ``LAST_CPU``: on a busy machine wall time waits for a core, CPU time does not."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env(), stdout=stdout,
                            stderr=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime  # includes the workers it waited for
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: findings, still a complete audit
        raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}:\n{err[-2000:]}")
    return wall, usage.ru_maxrss * 1024, out


LAST_CPU = [0.0]


def load() -> str:
    return "/".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 1e6:.0f} MB"


def machine() -> dict[str, str]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import pdfplumber

        plumber = pdfplumber.__version__
    except ImportError:
        plumber = "?"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores": str(cores), "cpu": model, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "pdfplumber": plumber}


def sample_pdfs() -> list[Path]:
    return sorted(SAMPLES.glob("*.pdf"))


# ------------------------------------------------------------------------------------------
# work done in this process or in a child (``_child`` sub-command)


def raw_extract(path: Path) -> int:
    """The baseline: pdfplumber alone, as the issue defines it."""
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            try:
                page.extract_tables()
                page.extract_words()
                n += 1
            finally:
                page.close()
    return n


def audit_file(path: Path):
    """``check`` in-process on one file: read_report + audit (no rendering)."""
    from lapkin_audit.check import CheckOptions, check_file
    from lapkin_audit.rules.registry import Context

    result = check_file(path, Context(pack=None, lang="id", submitted=None), CheckOptions())
    if result.error_code:
        raise RuntimeError(f"{path}: {result.error_code} {result.error_message}")
    return result


def child_main(argv: list[str]) -> None:
    """``run.py _child audit|raw FILE`` (prints seconds) or ``_child pool JOBS DIR``."""
    kind = argv[0]
    if kind in ("audit", "raw"):
        path = Path(argv[1])
        work = audit_file if kind == "audit" else raw_extract
        work(sample_pdfs()[0])  # warm-up: imports and first-call costs are start-up's figure
        start = time.perf_counter()
        work(path)
        print(json.dumps({"seconds": time.perf_counter() - start}))
        return
    if kind == "pool":  # stand-in for `check --jobs N` while the CLI has no --jobs
        from concurrent.futures import ProcessPoolExecutor

        from lapkin_audit.check import CheckOptions, check_file, collect_paths
        from lapkin_audit.rules.registry import Context

        jobs, folder = int(argv[1]), Path(argv[2])
        files = collect_paths([folder])
        ctx = Context(pack=None, lang="id", submitted=None)
        if jobs == 1:
            results = [check_file(p, ctx, CheckOptions()) for p in files]
        else:
            with ProcessPoolExecutor(jobs) as pool:
                results = list(pool.map(check_file, files, [ctx] * len(files),
                                        [CheckOptions()] * len(files), chunksize=1))
        bad = [r for r in results if r.error_code]
        if bad:
            raise SystemExit(f"{len(bad)} files failed: {bad[0].path} {bad[0].error_code}")
        return
    raise SystemExit(f"unknown child task {kind}")


# ------------------------------------------------------------------------------------------
# generated documents


def long_pdf(pages: int) -> Path:
    """A report of ``pages`` pages: the sample PDFs' pages in turn (cached)."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"report-{pages}p.pdf"
    if target.exists():
        return target
    from pypdf import PdfReader, PdfWriter

    sources = [PdfReader(p) for p in sample_pdfs()]
    writer = PdfWriter()
    added = 0
    while added < pages:
        for reader in sources:
            for page in reader.pages:
                if added == pages:
                    break
                writer.add_page(page)
                added += 1
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        writer.write(fh)
    tmp.replace(target)
    return target


def batch_folder(n: int) -> Path:
    """A temporary folder with ``n`` reports: copies of every sample, PDF and DOCX in turn."""
    folder = Path(tempfile.mkdtemp(prefix="lapkin-bench-"))
    samples = sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.docx"))
    for i in range(n):
        src = samples[i % len(samples)]
        shutil.copyfile(src, folder / f"{i:04d}-{src.name}")
    return folder


# ------------------------------------------------------------------------------------------
# 1. audit vs raw extraction


def bench_audit(repeat: int, files: list[Path]) -> dict:
    for path in files:  # warm-up: imports, pack loading, first-call caches
        audit_file(path)
        raw_extract(path)
    rows = []
    for path in files:
        audit_t, raw_t = [], []
        for _ in range(repeat):  # interleaved, so drift hits both alike
            start = time.perf_counter()
            raw_extract(path)
            raw_t.append(time.perf_counter() - start)
            start = time.perf_counter()
            audit_file(path)
            audit_t.append(time.perf_counter() - start)
        rows.append({"file": path.name, "audit": median(audit_t), "raw": median(raw_t),
                     "ratio": median(audit_t) / median(raw_t)})
    total_a = sum(r["audit"] for r in rows)
    total_r = sum(r["raw"] for r in rows)
    return {"files": rows, "audit": total_a, "raw": total_r, "ratio": total_a / total_r}


# ------------------------------------------------------------------------------------------
# 2. start-up


def imported_heavy(args: list[str]) -> list[str]:
    """Heavy packages a command imports (``python -X importtime``)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=ROOT, env=env(),
                          capture_output=True, text=True, check=False)
    names = set()
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+\d+ \|(\s*)(\S+)", line)
        if m:
            names.add(m.group(2))
    return [h for h in HEAVY if h in names]


def bench_startup(repeat: int) -> dict:
    commands = {
        "python -c pass": ["-c", "pass"],
        "--version": ["-m", "lapkin_audit", "--version"],
        "check DOCX": ["-m", "lapkin_audit", "check", str(DOCX_SAMPLE)],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for args in commands.values():  # warm the file cache and .pyc files
        run_child(args)
    for _ in range(repeat):
        for name, args in commands.items():
            times[name].append(run_child(args)[0])
            cpu[name].append(LAST_CPU[0])
    return {
        name: {"seconds": median(t), "cpu": median(cpu[name]),
               "heavy": imported_heavy(commands[name])}
        for name, t in times.items()
    }


# ------------------------------------------------------------------------------------------
# 3. batch


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_ceiling(n: int = 6_000_000) -> float:
    """Speed-up of two pure-CPU processes over one on this machine right now: what
    ``--jobs 2`` could reach at best (other load on the cores shows here first)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_spin, [1000, 1000]))  # start the workers
        start = time.perf_counter()
        list(pool.map(_spin, [n]))
        list(pool.map(_spin, [n]))
        serial = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(_spin, [n, n]))
        parallel = time.perf_counter() - start
    return serial / parallel


def cli_has_jobs() -> bool:
    proc = subprocess.run([sys.executable, "-m", "lapkin_audit", "check", "--help"], cwd=ROOT,
                          env=env(), capture_output=True, text=True, check=False)
    return "--jobs" in proc.stdout


def bench_batch(repeat: int, n_reports: int) -> dict:
    folder = batch_folder(n_reports)
    use_cli = cli_has_jobs()
    try:
        def command(jobs: int) -> list[str]:
            if use_cli:
                return ["-m", "lapkin_audit", "check", str(folder), "--jobs", str(jobs),
                        "--format", "json", "-o", os.devnull]
            return [str(Path(__file__).resolve()), "_child", "pool", str(jobs), str(folder)]

        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        ceiling = []
        for _ in range(repeat):
            ceiling.append(parallel_ceiling())
            for jobs in (1, 2):
                times[jobs].append(run_child(command(jobs))[0])
                cpu[jobs].append(LAST_CPU[0])
        ceiling.append(parallel_ceiling())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    one, two = median(times[1]), median(times[2])
    return {"reports": n_reports, "jobs1": one, "jobs2": two, "speedup": one / two,
            "cpu1": median(cpu[1]), "cpu2": median(cpu[2]), "ceiling": median(ceiling),
            "runner": "lapkin-audit check --jobs" if use_cli
            else "ProcessPoolExecutor over check_file (CLI has no --jobs yet)"}


# ------------------------------------------------------------------------------------------
# 4./5. memory and growth: fresh child processes on generated documents


def measure_doc(path: Path, repeat: int) -> dict:
    script = str(Path(__file__).resolve())
    out: dict[str, dict[str, float]] = {}
    for kind in ("raw", "audit"):
        secs, rss = [], []
        for _ in range(repeat):
            _, peak, text = run_child([script, "_child", kind, str(path)], stdout=subprocess.PIPE)
            secs.append(json.loads(text.strip().splitlines()[-1])["seconds"])
            rss.append(peak)
        out[kind] = {"seconds": median(secs), "rss": median(rss)}
    return out


def bench_growth(repeat: int, sizes: tuple[int, ...]) -> dict:
    rows = []
    for pages in sizes:
        doc = long_pdf(pages)
        m = measure_doc(doc, repeat if pages < 300 else max(1, min(repeat, 2)))
        rows.append({"pages": pages, "audit": m["audit"]["seconds"], "raw": m["raw"]["seconds"],
                     "audit_rss": m["audit"]["rss"], "raw_rss": m["raw"]["rss"]})
    base = rows[0]["audit"] / rows[0]["pages"]
    for row in rows:
        row["per_page_ms"] = 1000 * row["audit"] / row["pages"]
        row["per_page_vs_first"] = (row["audit"] / row["pages"]) / base
        row["ratio"] = row["audit"] / row["raw"]
    return {"rows": rows}


# ------------------------------------------------------------------------------------------
# report


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def markdown(info: dict, results: dict, command: str) -> str:
    lines = [
        (f"Machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, "
         f"{info['os']}, pdfplumber {info['pdfplumber']}. Load average (1/5/15 min) "
         f"{info['load_start']} at the start, {info['load_end']} at the end. "
         f"Command: `{command}`."),
        "",
        "| figure | measured | baseline (same run) | ratio | target | |",
        "|---|---:|---:|---:|---|---|",
    ]
    if "audit" in results:
        a = results["audit"]
        lines.append(
            f"| audit vs pdfplumber alone, {len(a['files'])} sample PDFs (sum of medians) "
            f"| {fmt_s(a['audit'])} | {fmt_s(a['raw'])} | {a['ratio']:.2f}× | ≤ 1.3× "
            f"| {verdict(a['ratio'] <= 1.3)} |")
        for row in a["files"]:
            lines.append(f"| &nbsp;&nbsp;{row['file']} | {fmt_s(row['audit'])} "
                         f"| {fmt_s(row['raw'])} | {row['ratio']:.2f}× | | |")
    if "startup" in results:
        s = results["startup"]
        bare = s["python -c pass"]["seconds"]
        for name, target in (("--version", 0.15), ("check DOCX", 0.5)):
            label = ("`lapkin-audit --version` (fresh process)" if name == "--version"
                     else "`lapkin-audit check` DOCX sample (fresh process)")
            sec, cpu = s[name]["seconds"], s[name]["cpu"]
            lines.append(f"| {label} | {fmt_s(sec)} (CPU {fmt_s(cpu)}) | {fmt_s(bare)} "
                         f"(`python -c pass`, CPU {fmt_s(s['python -c pass']['cpu'])}) "
                         f"| {sec / bare:.1f}× | ≤ {target} s | {verdict(sec <= target)} |")
    if "batch" in results:
        b = results["batch"]
        lines.append(f"| batch, {b['reports']} reports, `--jobs 2` vs `--jobs 1` "
                     f"| {fmt_s(b['jobs2'])} (CPU {fmt_s(b['cpu2'])}) "
                     f"| {fmt_s(b['jobs1'])} (CPU {fmt_s(b['cpu1'])}) | {b['speedup']:.2f}× speed-up "
                     f"| ≥ 1.7× | {verdict(b['speedup'] >= 1.7)} |")
        lines.append(f"| &nbsp;&nbsp;machine ceiling: 2 pure-CPU processes vs 1, same run "
                     f"| | | {b['ceiling']:.2f}× | | |")
    if "growth" in results:
        rows = results["growth"]["rows"]
        big = max(rows, key=lambda r: r["pages"])
        if "memory" in results:
            lines.append(f"| peak RSS, {big['pages']}-page report | {mb(big['audit_rss'])} "
                         f"| {mb(big['raw_rss'])} (pdfplumber alone) "
                         f"| {big['audit_rss'] / big['raw_rss']:.2f}× | ≤ 250 MB "
                         f"| {verdict(big['audit_rss'] <= 250e6)} |")
        worst = max(r["per_page_vs_first"] for r in rows)
        for row in rows:
            lines.append(f"| growth: {row['pages']} pages ({row['per_page_ms']:.0f} ms/page, "
                         f"{row['per_page_vs_first']:.2f}× the {rows[0]['pages']}-page rate) "
                         f"| {fmt_s(row['audit'])} | {fmt_s(row['raw'])} | {row['ratio']:.2f}× "
                         f"| linear | {verdict(worst <= 1.25) if row is big else ''} |")
    if "batch" in results:
        lines += ["", f"Batch runner: {results['batch']['runner']}."]
    if "startup" in results:
        s = results["startup"]
        lines += ["", "Heavy packages imported: "
                  + "; ".join(f"`{n}`: {', '.join(v['heavy']) or 'none'}"
                              for n, v in s.items() if n != "python -c pass") + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_child":
        child_main(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="one run each, 20-report batch, growth at 10 and 50 pages")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per figure, median reported (default 5; batch 3; quick 1)")
    parser.add_argument("--batch", type=int, default=None, help="reports in the batch (200)")
    parser.add_argument("--pages", default=None,
                        help="growth sizes, comma-separated (10,50,100,300)")
    parser.add_argument("--files", type=int, default=None, help="use only the first N sample PDFs")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    parser.add_argument("--json", type=Path, default=None, help="also write raw figures here")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    repeat = args.repeat or (1 if args.quick else 5)
    batch_repeat = args.repeat or (1 if args.quick else 3)
    n_batch = args.batch or (20 if args.quick else 200)
    sizes = (tuple(int(p) for p in args.pages.split(",")) if args.pages
             else ((10, 50) if args.quick else GROWTH_PAGES))
    files = sample_pdfs()[: args.files] if args.files else sample_pdfs()

    info = machine()
    info["load_start"] = load()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}; "
          f"load {info['load_start']}", flush=True)
    results: dict = {}
    if "audit" in wanted:
        results["audit"] = r = bench_audit(repeat, files)
        for row in r["files"]:
            print(f"audit  {row['file']:34} {row['audit']:.3f} s vs raw {row['raw']:.3f} s "
                  f"= {row['ratio']:.2f}×", flush=True)
        print(f"audit  total {r['audit']:.3f} s vs raw {r['raw']:.3f} s = {r['ratio']:.2f}× "
              "(target ≤ 1.3×)", flush=True)
    if "startup" in wanted:
        results["startup"] = r = bench_startup(max(repeat, 3))
        for name, v in r.items():
            print(f"start  {name:16} {v['seconds']:.3f} s (CPU {v['cpu']:.3f} s)  "
                  f"heavy: {', '.join(v['heavy']) or '-'}",
                  flush=True)
    if "batch" in wanted:
        results["batch"] = r = bench_batch(batch_repeat, n_batch)
        print(f"batch  {r['reports']} reports: jobs 1 {r['jobs1']:.1f} s, jobs 2 {r['jobs2']:.1f} s"
              f" = {r['speedup']:.2f}× ({r['runner']}); machine ceiling {r['ceiling']:.2f}×",
              flush=True)
    if "memory" in wanted or "growth" in wanted:
        if "memory" in wanted and "growth" not in wanted:
            sizes = (max(sizes),) if args.pages else (10, 300)
        results["growth"] = r = bench_growth(max(1, min(repeat, 3)), sizes)
        for row in r["rows"]:
            print(f"growth {row['pages']:4} pages: audit {row['audit']:.2f} s "
                  f"({row['per_page_ms']:.0f} ms/page, {row['per_page_vs_first']:.2f}×), "
                  f"raw {row['raw']:.2f} s = {row['ratio']:.2f}×; peak RSS "
                  f"{mb(row['audit_rss'])} (raw {mb(row['raw_rss'])})", flush=True)
        if "memory" in wanted:
            results["memory"] = True
    info["load_end"] = load()
    command = "python bench/run.py " + " ".join(argv) if argv else "python bench/run.py"
    table = markdown(info, results, command.strip())
    print()
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=2,
                                        default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
