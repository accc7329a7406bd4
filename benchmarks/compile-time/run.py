#!/usr/bin/env python3
"""Compile-time benchmark: synthetic schemas of N dimensions.

For each N it writes three translation units into a scratch directory and
compiles each with `-std=c++20 -O0 -c`, recording wall time and peak memory:

  generator  the generator's schema TU: every check, plan and plugin, the
             catalog built and rendered (what pgcraft_add_generator compiles
             per schema; the command line is a separate TU compiled once per
             project, measured once per compiler and printed below the table)
  app        an application TU that includes the dimension header only
  baseline   the same structs, same members, without pgcraft

Results are printed as a Markdown table; ratios are against the baseline
measured in the same run. Usage:
  benchmarks/compile-time/run.py [--sizes 25,50,100,200] [--compilers g++,clang++-14] [--repeat 1]
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
COLUMNS = 20

MEMBER_TYPES = [
    ("std::string", "std::string"),
    ("std::int64_t", "std::int64_t"),
    ("std::optional<std::string>", "std::optional<std::string>"),
    ("pg::varchar<64>", "std::string"),
    ("pg::numeric<12, 2>", "std::string"),
    ("bool", "bool"),
    ("std::int32_t", "std::int32_t"),
    ("pg::timestamptz", "std::chrono::sys_time<std::chrono::microseconds>"),
    ("std::uint32_t", "std::uint32_t"),
    ("double", "double"),
]


def dimension(i: int, pgcraft: bool) -> str:
    lines = [f"struct dim_{i} {{"]
    if pgcraft:
        options = [f'pg::in_schema<"s{i % 5}">']
        # A few plugins and column options each, varying from one dimension to the next.
        if i % 3 == 0:
            options.append('pg::uuid_v4_key<"key">')
        if i % 2 == 0:
            options.append('pg::created_at<"made_at">')
        options.append(f'pg::column<"c0", pg::comment<"column zero of {i}">>')
        options.append('pg::column<"c1", pg::sql_default<"\'x\'">>')
        options.append('pg::column<"c6", pg::sql_default<"0">>')
        lines.append(f"    using dimension = pg::simple<{', '.join(options)}>;")
    for c in range(COLUMNS):
        pg_type, plain_type = MEMBER_TYPES[c % len(MEMBER_TYPES)]
        lines.append(f"    {pg_type if pgcraft else plain_type} c{c};")
    if pgcraft and i % 3 == 0:
        lines.append("    pg::uuid key;")
    lines.append("};")
    return "\n".join(lines)


def write_sources(n: int, directory: pathlib.Path) -> dict:
    header = ["#pragma once", "#include <chrono>", "#include <cstdint>", "#include <optional>", "#include <string>",
              "#include <pgcraft/model.hpp>", "namespace bench {", "namespace pg = pgcraft;"]
    header += [dimension(i, True) for i in range(n)]
    header.append("using schema = pg::schema<" + ", ".join(f"dim_{i}" for i in range(n)) + ">;")
    header.append("}  // namespace bench")
    (directory / "model.hpp").write_text("\n".join(header) + "\n")

    plain = ["#include <chrono>", "#include <cstdint>", "#include <optional>", "#include <string>", "namespace bench {"]
    plain += [dimension(i, False) for i in range(n)]
    plain.append("}  // namespace bench")
    plain.append("int use_all() { return 0; }")
    (directory / "baseline.cpp").write_text("\n".join(plain) + "\n")

    (directory / "app.cpp").write_text('#include "model.hpp"\nint use_all() { return 0; }\n')
    (directory / "generator.cpp").write_text(
        '#include "model.hpp"\n#include <pgcraft/generator/describe.hpp>\n'
        'pgcraft::generator::generator_entry pgcraft_generator_entry() {\n'
        '    return pgcraft::generator::describe<bench::schema>("bench");\n}\n')
    return {"generator": "generator.cpp", "app": "app.cpp", "baseline": "baseline.cpp"}


def compile_once(compiler: str, source: pathlib.Path) -> tuple:
    """Wall seconds and peak MB of one compile (/usr/bin/time reports the child's own peak)."""
    command = [compiler, "-std=c++20", "-O0", "-c", str(source), "-o", os.devnull, f"-I{ROOT / 'include'}",
               f"-I{source.parent}"]
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"compile failed: {' '.join(command)}")
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--compilers", default="g++,clang++-14")
    parser.add_argument("--repeat", type=int, default=1, help="take the fastest of this many compiles")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    print("| compiler | N | generator s | generator MB | app s | app MB | baseline s | baseline MB | app / baseline |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for compiler in args.compilers.split(","):
        for n in sizes:
            with tempfile.TemporaryDirectory(prefix=f"pgcraft-bench-{n}-") as scratch:
                directory = pathlib.Path(scratch)
                sources = write_sources(n, directory)
                results = {}
                for name, file in sources.items():
                    runs = [compile_once(compiler, directory / file) for _ in range(args.repeat)]
                    results[name] = min(runs)
            g, a, b = results["generator"], results["app"], results["baseline"]
            print(f"| {compiler} | {n} | {g[0]:.2f} | {g[1]:.0f} | {a[0]:.2f} | {a[1]:.0f} | {b[0]:.2f} | {b[1]:.0f} "
                  f"| {a[0] / b[0]:.2f} |", flush=True)
    print()
    for compiler in args.compilers.split(","):
        seconds, megabytes = min(compile_once(compiler, ROOT / "generator" / "main.cpp") for _ in range(args.repeat))
        print(f"- {compiler}: the command-line TU (generator/main.cpp, once per project): "
              f"{seconds:.2f} s, {megabytes:.0f} MB")


if __name__ == "__main__":
    main()
