"""cpo-model benchmarks: every figure a ratio measured side by side in one run.

    python benchmarks/run.py [--quick] [--only batch,interaction,reports,csv,scale,startup,server]
        [--out benchmarks/results.md]

One module per section (`bench_<section>.py`, each with `TITLE` and `bench(quick)`); `common`
holds the timing helpers. Each comparison alternates its two sides in the same loop (the machine
is shared and noisy) and reports medians. Targets are printed next to the figures; nothing here
asserts.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine, table  # noqa: E402

SECTIONS = ("batch", "interaction", "reports", "csv", "scale", "startup", "server")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="small sizes and few repeats (a smoke run)"
    )
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    ap.add_argument(
        "--out",
        default=str(HERE / "results.md"),
        help="where to write the Markdown results ('-' for none)",
    )
    args = ap.parse_args(argv)
    chosen = [k.strip() for k in args.only.split(",")]
    unknown = [k for k in chosen if k not in SECTIONS]
    if unknown:
        ap.error(f"--only {','.join(unknown)}: expected some of {', '.join(SECTIONS)}")
    out = ["# Benchmark results", "", *machine(), f"- mode: {'quick' if args.quick else 'full'}"]
    out.append("")
    for key in chosen:
        module = importlib.import_module(f"bench_{key}")
        print(f"\n## {module.TITLE}", flush=True)
        text = table(module.bench(args.quick))
        print(text, flush=True)
        out += [f"## {module.TITLE}", "", text, ""]
    if args.out != "-":
        Path(args.out).write_text("\n".join(out), encoding="utf-8")
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
