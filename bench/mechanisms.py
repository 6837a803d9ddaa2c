"""What each speed mechanism of cheatl10n buys: the same job timed with it and without it.

On the corpus site of ``bench/run.py`` (its helpers: ``write_site``, ``run_cmd``, ``stats``),
each figure the median of ``--runs`` whole processes:

1. No-change ``extract``: as shipped (the extract record, answered by ``cli/main.py``
   before click loads); without the record (deleted before each run: the catalogs'
   ``X-Cheatl10n-Source`` digests decide); without either (digests overwritten as well:
   every page is segmented and merged again, and only those header lines are rewritten).
2. Cold ``extract``: pages spread by ``runtime/parallel.py`` (forked workers, default
   ``--jobs``); by a plain ``multiprocessing.Pool.imap`` in its place (same worker count);
   and in one process (``--jobs 1``).
3. Line-break classes for PO wrapping: ``dump_po`` of every catalog of the site, in this
   process, with ``unidata.py``'s tables and with ``uniseg`` (the package they are
   generated from) answering ``line_break_class`` instead; and a process that loads
   each and classifies one character (what every run that writes a catalog pays).
4. Reading catalogs: ``parse_catalog`` of every ru and de catalog of the site after a cold
   ``extract``, in this process: as shipped (one walk over the lines checks them and builds
   polib's model, ``po/scan.py`` and ``po/entries.py``), and with ``quick=False`` (the same
   checks, then polib reads every text and its entries are given the walk's lines).
5. The gate: ``check_catalog`` of every page with the ru catalogs ``import`` makes from the
   corpus's ru pages (translated), in this process: as shipped; without the code-span
   skip (only plain translations skip their block); judging every block.

    .venv/bin/python bench/mechanisms.py [--runs 5] [--corpus ../shared/corpus]

It writes only into a temp folder and prints a markdown table.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # bench/run.py: the same sites, processes and statistics

TOOL = [sys.executable, "-m", "cheatl10n"]
_DIGESTS = re.compile(rb"(X-Cheatl10n-Source: )[0-9a-f]{16} [0-9a-f]{16}")
_WRONG = rb"\g<1>ffffffffffffffff ffffffffffffffff"  # matches no page and no catalog

# cheatl10n with runtime.parallel.map_pages replaced by a plain pool (jobs/ import it lazily).
PLAIN_POOL = """
import multiprocessing, sys
from cheatl10n.runtime import parallel

def map_pages(work, items, jobs=None, progress=None):
    count = parallel.default_jobs() if jobs is None else max(1, jobs)
    if count == 1 or len(items) < parallel.SMALL_RUN:
        yield from map(work, items)
        return
    with multiprocessing.get_context("fork").Pool(min(count, len(items))) as pool:
        yield from pool.imap(work, items)

parallel.map_pages = map_pages
from cheatl10n.cli.commands import main
main(sys.argv[1:])
"""


def median(samples: list[dict[str, Any]]) -> float:
    return bench.stats(samples)["median"]


def timed(runs: int, prepare: Any, cmd: list[str], site: Path) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        prepare()
        samples.append(bench.run_cmd(cmd, site))
    return bench.stats(samples)


def no_change(template: Path, work: Path, runs: int) -> dict[str, dict[str, float]]:
    site = bench.fresh_copy(template, work / "site")
    bench.run_cmd([*TOOL, "extract"], site)
    record = site / ".cheatl10n" / "extract.record"
    catalogs = sorted(site.glob("locales/**/*.po*"))

    def keep_record() -> None:
        pass  # each no-change run leaves the record as it found it

    def drop_record() -> None:
        record.unlink(missing_ok=True)

    def drop_both() -> None:
        drop_record()
        for catalog in catalogs:
            catalog.write_bytes(
                _DIGESTS.sub(rb"\g<1>ffffffffffffffff ffffffffffffffff", catalog.read_bytes())
            )

    return {
        "as shipped: the extract record": timed(runs, keep_record, [*TOOL, "extract"], site),
        "no record: the catalogs' header digests": timed(runs, drop_record, [*TOOL, "extract"], site),
        "neither: every page segmented and merged": timed(runs, drop_both, [*TOOL, "extract"], site),
    }


def cold(template: Path, work: Path, runs: int) -> dict[str, dict[str, float]]:
    def fresh() -> None:
        bench.fresh_copy(template, work / "site")

    site = work / "site"
    plain = [sys.executable, "-c", PLAIN_POOL, "extract"]
    return {
        "runtime/parallel.py (forked workers)": timed(runs, fresh, [*TOOL, "extract"], site),
        "a plain multiprocessing.Pool": timed(runs, fresh, plain, site),
        "one process (--jobs 1)": timed(runs, fresh, [*TOOL, "extract", "--jobs", "1"], site),
    }


def line_breaks(template: Path, work: Path, runs: int) -> dict[str, float]:
    """Seconds (median) to write every catalog of the site with each source of UAX #14 classes."""
    import uniseg.linebreak

    from cheatl10n import unidata
    from cheatl10n.po import wrap, write
    from cheatl10n.po.read import parse_catalog

    site = bench.fresh_copy(template, work / "site")
    bench.run_cmd([*TOOL, "extract"], site)
    catalogs = [parse_catalog(path.read_bytes(), path) for path in sorted(site.glob("locales/*/*/*.po"))]
    shipped = unidata.line_break_class

    def by_uniseg(char: str) -> str:
        return str(uniseg.linebreak.line_break(char))

    got: dict[str, float] = {}
    for name, classes in (("unidata.py tables", shipped), ("uniseg", by_uniseg)):
        unidata.line_break_class = classes
        samples = []
        for _ in range(runs):
            for cached in (
                wrap._class,
                wrap._decided_by,
                write.format_string,
                write._portion_lines,
                write._format_fields,
            ):
                cached.cache_clear()
            start = time.perf_counter()
            for po in catalogs:
                write.dump_po(po)
            samples.append(time.perf_counter() - start)
        got[name] = sorted(samples)[len(samples) // 2]
    unidata.line_break_class = shipped
    return got


def in_process(runs: int, job: Any) -> float:
    """CPU seconds (median of ``runs``) of ``job()`` in this process."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        job()
        samples.append(time.process_time() - start)
    return sorted(samples)[len(samples) // 2]


def catalog_reading(template: Path, work: Path, runs: int) -> dict[str, float]:
    from cheatl10n.po import read

    site = bench.fresh_copy(template, work / "site")
    bench.run_cmd([*TOOL, "extract"], site)
    texts = [(path.read_bytes(), path) for path in sorted(site.glob("locales/*/*/*.po"))]

    def parse_all(quick: bool) -> None:
        for data, path in texts:
            read.parse_catalog(data, path, quick=quick)

    return {
        "po/scan.py's one walk, polib for the rest": in_process(runs, lambda: parse_all(True)),
        "polib for every catalog, after the same walk": in_process(runs, lambda: parse_all(False)),
    }


def gate_skips(docs: Path, work: Path, runs: int) -> dict[str, float]:
    from cheatl10n.config import load_config
    from cheatl10n.jobs.common import segment_bytes, site_pages
    from cheatl10n.po.read import parse_catalog
    from cheatl10n.translate import gate
    from cheatl10n.translate.checks import check_catalog

    site = work / "translated"
    bench.write_site(docs, site, ("en", "ru"))
    bench.run_cmd([*TOOL, "import", "--lang", "ru"], site, ok=(0, 3))
    config = load_config(site / "cheatl10n.toml")
    pages = []
    for page in site_pages(config):
        catalog = site / config.catalog_path(page, "ru")
        segments = segment_bytes(config, page.source, (site / page.source).read_bytes())
        pages.append((segments, parse_catalog(catalog.read_bytes(), catalog)))

    def check_all() -> None:
        for segments, po in pages:
            check_catalog(po, Path("x.po"), "ru", segments, config.attributes, use_fuzzy=False)

    shipped = dict(vars(gate))
    got = {"as shipped": in_process(runs, check_all)}
    try:
        vars(gate)["_code_spans"] = lambda text: None
        got["only plain translations skip their block"] = in_process(runs, check_all)
        vars(gate)["_needs_judging"] = lambda unit, used: any(slot.key in used for slot in unit.slots)
        got["every block judged"] = in_process(runs, check_all)
    finally:
        vars(gate).update(shipped)
    return got


LOADS = {
    "unidata.py": "from cheatl10n.unidata import line_break_class; line_break_class('a')",
    "uniseg": "from uniseg.linebreak import line_break; line_break('a')",
    "nothing (interpreter start)": "pass",
}


def loading(work: Path, runs: int) -> dict[str, dict[str, float]]:
    return {
        name: timed(runs, lambda: None, [sys.executable, "-c", code], work) for name, code in LOADS.items()
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each variant (default 5)")
    ap.add_argument("--corpus", type=Path, default=bench.SHARED / "corpus", help="default: ../shared/corpus")
    args = ap.parse_args(argv)
    docs = bench.find_corpus(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="cheatl10n-mechanisms-"))
    try:
        template = work / "template"
        pages = bench.write_site(docs, template, ("en",))
        bench.say(f"{pages} pages; no-change extract")
        rows = no_change(template, work, args.runs)
        bench.say("cold extract")
        rows |= cold(template, work, args.runs)
        bench.say("line-break classes")
        breaks = line_breaks(template, work, args.runs)
        loads = loading(work, args.runs)
        bench.say("reading catalogs; the gate on translated catalogs")
        reading = catalog_reading(template, work, args.runs)
        skips = gate_skips(docs, work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"| {pages}-page corpus, ru and de | wall s (median of {args.runs}) | CPU s |")
    print("|---|---|---|")
    for label, figures in rows.items():
        print(f"| {label} | {figures['median']:.3f} | {figures['cpu']:.3f} |")
    for label, seconds in breaks.items():
        print(f"| dump_po of every catalog (in one process), classes from {label} | {seconds:.3f} | |")
    for label, figures in loads.items():
        print(f"| a process that loads {label} | {figures['median']:.3f} | {figures['cpu']:.3f} |")
    for label, seconds in reading.items():
        print(f"| parse_catalog of every catalog (in one process): {label} | | {seconds:.3f} |")
    for label, seconds in skips.items():
        print(f"| check_catalog of every translated ru catalog (in one process): {label} | | {seconds:.3f} |")


if __name__ == "__main__":
    main()
