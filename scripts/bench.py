#!/usr/bin/env python3
"""The national-scale benchmark behind scripts/bench (run that; it installs and builds first).

For every size: generate a synthetic landscape (cached), time GDAL alone reading the same input
files (`ogr2ogr -f Memory`), time `nabijheid run` on 2 threads with its stage times and peak
memory, run again on 1 thread and compare every output file byte for byte. In the same rounds,
the same town written as one OSM PBF (`generate-town --pbf`): `osmium fileinfo -e` on it as the
floor of reading it, and `nabijheid run` reading network, dwellings and facilities from it
(libosmium), and as a new national user configures it (`nabijheid-nieuw.toml`: the BAG-shaped
`verblijfsobject` layer with the PDOK `status`/`gebruiksdoel` filter, network and facilities from
the PBF). The I/O floor of each run is the fastest read of its inputs (GDAL for the
GeoPackage row, osmium for the PBF row) plus writing its output bytes at the disk bandwidth
measured in the same round (`dd … conv=fdatasync`), and beside it with the bandwidth of direct
writes of the same volume (`dd oflag=direct`). Runs use the generated configuration as it
is: every category, the mobility profiles (rollator, rolstoel), the 24-hour care response and
service areas, all on by default. Prints a Markdown
report; with --write-docs FILE it also replaces the part of FILE between the markers
`<!-- bench:begin -->` and `<!-- bench:end -->`.
"""
import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
INPUTS = ["buurten.gpkg", "woningen.gpkg", "voorzieningen.gpkg", "netwerk.gpkg", "gtfs/stops.txt"]
PBF = "stad.osm.pbf"
NEW_USER = "nabijheid-nieuw.toml"


def log(message):
    print(message, file=sys.stderr, flush=True)


def timed(command, **kwargs):
    """Runs command under /usr/bin/time; returns (wall seconds, peak RSS in MB, stderr)."""
    start = time.monotonic()
    result = subprocess.run(["/usr/bin/time", "-f", "@@peak %M"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, **kwargs)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    peak = int(re.search(r"@@peak (\d+)", result.stderr).group(1)) / 1024
    return wall, peak, result.stderr


def generate(binary, directory, dwellings, landscape, pbf):
    # A cache from before the BAG-shaped layer (no nabijheid-nieuw.toml beside the PBF) is written again.
    wanted = ["nabijheid.toml"] + ([PBF] + ([NEW_USER] if landscape == "national" else []) if pbf else [])
    if all(os.path.exists(os.path.join(directory, name)) for name in wanted):
        return None
    log(f"generating {dwellings} dwellings ({landscape}) in {directory}")
    wall, peak, _ = timed([binary, "generate-town", "--landscape", landscape, "--dwellings", str(dwellings), "--seed", "1",
                           "--layers", "gpkg", "--network", "gpkg", "--output", directory] + (["--pbf"] if pbf else []))
    return wall, peak


def prime_memory(directory):
    """Writes and deletes a large file once before measuring. On a virtual machine whose host
    hands out memory lazily, the first touch of every page costs (here: writing 3.2 GB into the
    page cache took 5.6 s the first time and 2.3 s the next); without this the first large
    output pays for it and the curve shows the host, not nabijheid."""
    size = min(12 << 30, int(0.6 * os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")))
    path = os.path.join(directory, "prime.tmp")
    block = b"\0" * (8 << 20)
    log(f"priming {size >> 20} MB of memory")
    with open(path, "wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
    os.remove(path)
    settle()


def warm(directory, names=INPUTS):
    """Reads every input once, so GDAL and nabijheid both find them in the page cache."""
    for name in names:
        with open(os.path.join(directory, name), "rb") as handle:
            while handle.read(1 << 24):
                pass


def gdal_read(directory):
    """Seconds GDAL alone needs to read every input file into its Memory driver."""
    total = 0.0
    for name in INPUTS:
        source = os.path.join(directory, name)
        if name.endswith(".txt"):
            source = "CSV:" + source
        wall, _, _ = timed(["ogr2ogr", "-f", "Memory", "mem", source])
        total += wall
    return total


def bench_config(directory, source="nabijheid.toml"):
    """The generated configuration as it is (every default on), with the output folder given on
    the command line."""
    return os.path.join(directory, source)


def disk_bandwidth(directory, megabytes=1024, direct=False):
    """MB/s of writing `megabytes` to the bench disk and syncing it (`dd conv=fdatasync`): the
    rate the outputs can be written at, measured in the same round as the runs. With `direct`,
    in 8 MiB blocks past the page cache (`oflag=direct`), as nabijheid writes its large layers:
    on this machine that is both faster and steadier than a buffered 1 GiB (whose rate moved
    between 340 and 1 700 MB/s from one minute to the next), so it is measured with as many
    bytes as the run wrote."""
    path = os.path.join(directory, "dd.tmp")
    settle()
    if direct:
        blocks = max(1, -(-int(megabytes) // 8))
        command = ["dd", "if=/dev/zero", f"of={path}", "bs=8M", f"count={blocks}", "oflag=direct", "conv=fdatasync"]
        megabytes = blocks * 8
    else:
        command = ["dd", "if=/dev/zero", f"of={path}", "bs=16M", f"count={megabytes // 16}", "conv=fdatasync"]
    start = time.monotonic()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != 0 and direct:
        # A file system without direct I/O (tmpfs): nabijheid writes buffered there too.
        log(f"bench: {directory} has no direct I/O; the direct floor uses buffered writes of the same volume")
        command = [part for part in command if part != "oflag=direct"]
        start = time.monotonic()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit(f"bench: dd could not write {path} (exit {done.returncode})")
    wall = time.monotonic() - start
    os.remove(path)
    settle()
    return megabytes / wall


def settle():
    """Waits until the kernel has written back every dirty page (generated inputs, earlier
    outputs), so that no write-back from an earlier step competes with the next measurement."""
    os.sync()


def osmium_floor(directory, decoding_threads=None):
    """Seconds `osmium fileinfo -e` needs to decode every object of the PBF: the floor of any
    reader of that file. By default libosmium decodes on the cores less two (at least one);
    with `decoding_threads` on that many (`OSMIUM_POOL_THREADS`), as nabijheid's reader does
    on the run's threads."""
    environment = dict(os.environ)
    if decoding_threads:
        environment["OSMIUM_POOL_THREADS"] = str(decoding_threads)
    wall, _, _ = timed(["osmium", "fileinfo", "-e", os.path.join(directory, PBF)], env=environment)
    return wall


def nabijheid_run(binary, directory, output, threads, config="nabijheid.toml"):
    shutil.rmtree(output, ignore_errors=True)
    settle()
    wall, peak, stderr = timed([binary, "run", "--config", bench_config(directory, config), "--output", output,
                                "--threads", str(threads), "--timings", "--quiet"])
    stages = {}
    for line in stderr.splitlines():
        match = re.match(r"^(\S+)\s+([0-9.]+) s\s+([0-9.]+) MB peak", line)
        if match and match.group(1) != "totaal":
            stages[match.group(1)] = float(match.group(2))
    return wall, peak, stages


def digests(folder):
    result = {}
    for name in sorted(os.listdir(folder)):
        digest = hashlib.sha256()
        with open(os.path.join(folder, name), "rb") as handle:
            while chunk := handle.read(1 << 24):
                digest.update(chunk)
        result[name] = digest.hexdigest()
    return result


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def megabytes(directory, names):
    return sum(os.path.getsize(os.path.join(directory, name)) for name in names) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[500_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000])
    parser.add_argument("--binary", default=".build/release/nabijheid")
    parser.add_argument("--bench-dir", default=os.environ.get("BENCH_DIR", "/tmp/nabijheid-bench"))
    parser.add_argument("--landscape", default="national")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size; the table shows medians (default 3)")
    parser.add_argument("--skip-one-thread", action="store_true", help="do not run on 1 thread (no byte comparison)")
    parser.add_argument("--keep-outputs", action="store_true", help="keep the output folders (they are large)")
    parser.add_argument("--skip-pbf", action="store_true", help="no PBF row (no osmium, no run from the PBF)")
    parser.add_argument("--write-docs", metavar="FILE")
    args = parser.parse_args()

    os.makedirs(args.bench_dir, exist_ok=True)
    prime_memory(args.bench_dir)
    rows = []
    for n in args.sizes:
        directory = os.path.join(args.bench_dir, f"{args.landscape}-{n}")
        generated = generate(args.binary, directory, n, args.landscape, not args.skip_pbf)
        warm(directory, INPUTS + ([] if args.skip_pbf else [PBF]))
        settle()
        output = os.path.join(directory, "out")
        gdal_times, walls, peaks, stage_runs, floors = [], [], [], [], []
        pbf_runs = []
        for attempt in range(args.repeat):
            log(f"{n}: GDAL read ({attempt + 1}/{args.repeat})")
            gdal_times.append(gdal_read(directory))
            log(f"{n}: nabijheid on {args.threads} threads ({attempt + 1}/{args.repeat})")
            wall, peak, stages = nabijheid_run(args.binary, directory, output, args.threads)
            out_bytes_mb = megabytes(output, os.listdir(output))
            bandwidth = disk_bandwidth(directory)
            direct = disk_bandwidth(directory, max(1024, out_bytes_mb), direct=True)
            floors.append(dict(read=gdal_times[-1], write=out_bytes_mb / bandwidth, bandwidth=bandwidth, wall=wall,
                               direct=direct, direct_write=out_bytes_mb / direct))
            walls.append(wall)
            peaks.append(peak)
            stage_runs.append(stages)
            if not args.skip_pbf:
                log(f"{n}: osmium fileinfo -e and nabijheid from the PBF ({attempt + 1}/{args.repeat})")
                floor = osmium_floor(directory)
                floor_threads = osmium_floor(directory, args.threads)
                pbf_output = os.path.join(directory, "out-pbf")
                pbf_wall, pbf_peak, pbf_stages = nabijheid_run(args.binary, directory, pbf_output, args.threads, "nabijheid-pbf.toml")
                pbf_bytes_mb = megabytes(pbf_output, os.listdir(pbf_output))
                pbf_write, pbf_direct_write = pbf_bytes_mb / bandwidth, pbf_bytes_mb / direct
                shutil.rmtree(pbf_output, ignore_errors=True)
                pbf_runs.append(dict(osmium=floor, osmium_threads=floor_threads, wall=pbf_wall, peak=pbf_peak, lezen=pbf_stages.get("lezen", 0), write=pbf_write,
                                     direct_write=pbf_direct_write,
                                     gpkg_wall=wall, gpkg_lezen=stages.get("lezen", 0)))
                if os.path.exists(os.path.join(directory, NEW_USER)):
                    # As a national user configures it: the BAG-shaped layer with the PDOK `where`,
                    # network and facilities from the PBF.
                    log(f"{n}: nabijheid as a new user ({attempt + 1}/{args.repeat})")
                    new_output = os.path.join(directory, "out-nieuw")
                    new_wall, new_peak, _ = nabijheid_run(args.binary, directory, new_output, args.threads, NEW_USER)
                    shutil.rmtree(new_output, ignore_errors=True)
                    pbf_runs[-1].update(new_wall=new_wall, new_peak=new_peak)
        gdal, wall, peak = median(gdal_times), median(walls), max(peaks)
        stages = {name: median([run.get(name, 0) for run in stage_runs]) for name in stage_runs[0]}
        with open(os.path.join(output, "run.json")) as handle:
            report = json.load(handle)
        out_mb = megabytes(output, os.listdir(output))
        row = dict(walls=walls, gdal_times=gdal_times, dwellings=report["woningen"]["gelezen"], buurten=report["buurten"], nodes=report["netwerk"]["knopen"],
                   segments=report["netwerk"]["segmenten"], input_mb=megabytes(directory, INPUTS), output_mb=out_mb,
                   gdal=gdal, wall=wall, peak=peak, stages=stages, one_thread=None, identical=None, generated=generated,
                   pbf_runs=pbf_runs, pbf_mb=0 if args.skip_pbf else megabytes(directory, [PBF]), floors=floors)
        if not args.skip_one_thread:
            log(f"{n}: nabijheid on 1 thread")
            single = os.path.join(directory, "out-1thread")
            row["one_thread"], _, _ = nabijheid_run(args.binary, directory, single, 1)
            a, b = digests(output), digests(single)
            row["identical"] = a == b
            row["differing"] = sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))
            if not args.keep_outputs:
                shutil.rmtree(single, ignore_errors=True)
        if not args.keep_outputs:
            shutil.rmtree(output, ignore_errors=True)
        settle()
        rows.append(row)
        log(f"{n}: {wall:.1f} s, {peak:.0f} MB, GDAL read {gdal:.1f} s")

    text = report_text(rows, args)
    print(text)
    if args.write_docs:
        with open(args.write_docs) as handle:
            document = handle.read()
        if BEGIN not in document or END not in document:
            sys.exit(f"bench: {args.write_docs} has no {BEGIN} … {END} section to replace")
        head, rest = document.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(args.write_docs + ".tmp", "w") as handle:
            handle.write(head + BEGIN + "\n" + text + "\n" + END + tail)
        os.replace(args.write_docs + ".tmp", args.write_docs)
        log(f"bench: wrote the results into {args.write_docs}")


def without_writing(row):
    """The run's wall time minus its writing stage (schrijven)."""
    return row["wall"] - row["stages"].get("schrijven", 0)


def report_text(rows, args):
    versions = subprocess.run(["gdal-config", "--version"], capture_output=True, text=True).stdout.strip()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    lines = [
        f"Machine: {os.cpu_count()} cores, {memory:.0f} GiB, {platform.machine()}, GDAL {versions}; "
        f"`--threads {args.threads}`; landscape `{args.landscape}`, seed 1, the generated configuration with every default on "
        "(7 categories, mobility profiles rollator and rolstoel, 24-hour care response by bike, service areas); "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}. "
        "Produced by `scripts/bench " + " ".join(sys.argv[1:]) + "`. "
        + (f"Times are medians of {args.repeat} runs (the spread is listed below the tables)" if args.repeat > 1 else "One run per size")
        + "; peak memory is the largest.",
        "",
        "| dwellings | buurten | network nodes | input (MB) | GDAL read (s) | nabijheid (s) | × GDAL read | peak memory (MB) "
        "| × time for 2× input | the same without writing | 1 thread (s) | 1 vs 2 threads | output (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    previous = None
    for row in rows:
        growth = compute_growth = "—"
        if previous and row["dwellings"] >= 1.8 * previous["dwellings"]:
            growth = f"{row['wall'] / previous['wall']:.2f}×"
            compute_growth = f"{without_writing(row) / without_writing(previous):.2f}×"
        same = "—" if row["identical"] is None else ("identical" if row["identical"] else "DIFFER: " + ", ".join(row["differing"]))
        one = "—" if row["one_thread"] is None else f"{row['one_thread']:.1f}"
        lines.append(f"| {row['dwellings']:,} | {row['buurten']:,} | {row['nodes']:,} | {row['input_mb']:,.0f} | {row['gdal']:.1f} "
                     f"| **{row['wall']:.1f}** | {row['wall'] / row['gdal']:.2f}× | {row['peak']:,.0f} | {growth} | {compute_growth} | {one} | {same} "
                     f"| {row['output_mb']:,.0f} |".replace(",", " "))
        previous = row
    stage_names = list(rows[0]["stages"]) if rows else []
    lines += ["", "Stage times on " + str(args.threads) + " threads (s):", "",
              "| dwellings | " + " | ".join(stage_names) + " |", "|---:|" + "---:|" * len(stage_names)]
    for row in rows:
        lines.append(f"| {row['dwellings']:,} | ".replace(",", " ") + " | ".join(f"{row['stages'].get(s, 0):.2f}" for s in stage_names) + " |")
    lines += ["", "The I/O floor: GDAL's read of the inputs plus writing the run's output bytes at the disk bandwidth "
              "measured in the same round (`dd bs=16M conv=fdatasync`, 1 GiB); beside it the same with the bandwidth of direct "
              "writes (`dd bs=8M oflag=direct conv=fdatasync` of as many bytes as the run wrote, the way nabijheid writes its "
              "large layers), usually the higher and steadier of the two. Ratios within each round, then the median:", "",
              "| dwellings | disk (MB/s) | GDAL read (s) | writing the outputs (s) | I/O floor (s) | nabijheid (s) | × floor "
              "| disk, direct (MB/s) | I/O floor, direct (s) | × floor, direct |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        floors = row["floors"]
        lines.append(f"| {row['dwellings']:,} | {median([f['bandwidth'] for f in floors]):,.0f} | {median([f['read'] for f in floors]):.1f} "
                     f"| {median([f['write'] for f in floors]):.1f} | {median([f['read'] + f['write'] for f in floors]):.1f} "
                     f"| {row['wall']:.1f} | **{median([f['wall'] / (f['read'] + f['write']) for f in floors]):.2f}×** "
                     f"| {median([f['direct'] for f in floors]):,.0f} | {median([f['read'] + f['direct_write'] for f in floors]):.1f} "
                     f"| **{median([f['wall'] / (f['read'] + f['direct_write']) for f in floors]):.2f}×** |".replace(",", " "))
    lines += ["", "Every run (s): " + "; ".join(
        f"{row['dwellings']:,}: nabijheid ".replace(",", " ") + ", ".join(f"{w:.1f}" for w in row["walls"])
        + ", GDAL " + ", ".join(f"{g:.1f}" for g in row["gdal_times"]) for row in rows) + "."]
    pbf_rows = [row for row in rows if row["pbf_runs"]]
    if pbf_rows:
        lines += ["", "The same towns as one OSM PBF (`generate-town --pbf`: streets with shared junction nodes, facilities and stops "
                  "as tagged nodes, an address node and a 6 m building per address), network, address dwellings and facilities "
                  "read by libosmium; the read floor is `osmium fileinfo -e` on the same file, the I/O floor that plus writing the outputs at the measured disk bandwidth. Ratios are taken within each round "
                  "(GeoPackage run, osmium and PBF run back to back), then the median:", "",
                  "| dwellings | PBF (MB) | osmium fileinfo -e (s) | `lezen` from the PBF (s) | × osmium "
                  f"| osmium on {args.threads} decoding threads (s) | × that "
                  "| `lezen` from GeoPackage (s) "
                  "| run from the PBF (s) | × GeoPackage run | I/O floor (s) | × floor | × floor, direct | peak memory (MB) | as a new user (s) "
                  "| its peak (MB) |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in pbf_rows:
            runs = row["pbf_runs"]
            new_runs = [r for r in runs if "new_wall" in r]
            new_user = (f"**{median([r['new_wall'] for r in new_runs]):.1f}** | {max(r['new_peak'] for r in new_runs):,.0f}"
                        if new_runs else "— | —")
            lines.append(f"| {row['dwellings']:,} | {row['pbf_mb']:,.0f} | {median([r['osmium'] for r in runs]):.1f} "
                         f"| {median([r['lezen'] for r in runs]):.1f} | {median([r['lezen'] / r['osmium'] for r in runs]):.2f}× "
                         f"| {median([r['osmium_threads'] for r in runs]):.1f} | {median([r['lezen'] / r['osmium_threads'] for r in runs]):.2f}× "
                         f"| {median([r['gpkg_lezen'] for r in runs]):.1f} | **{median([r['wall'] for r in runs]):.1f}** "
                         f"| {median([r['wall'] / r['gpkg_wall'] for r in runs]):.2f}× | {median([r['osmium'] + r['write'] for r in runs]):.1f} "
                         f"| **{median([r['wall'] / (r['osmium'] + r['write']) for r in runs]):.2f}×** "
                         f"| **{median([r['wall'] / (r['osmium'] + r['direct_write']) for r in runs]):.2f}×** | {max(r['peak'] for r in runs):,.0f} "
                         f"| {new_user} |".replace(",", " "))
        lines += ["", "Every PBF round (s): " + "; ".join(
            f"{row['dwellings']:,}: ".replace(",", " ") + ", ".join(f"osmium {r['osmium']:.1f} / {r['osmium_threads']:.1f} / lezen {r['lezen']:.1f} / run {r['wall']:.1f}"
                                                                    for r in row["pbf_runs"]) for row in pbf_rows) + "."]
    generated = [(row["dwellings"], row["generated"]) for row in rows if row["generated"]]
    if generated:
        lines += ["", "Generating the inputs (not part of the run): " + "; ".join(
            f"{n:,} dwellings {g[0]:.0f} s, {g[1]:,.0f} MB".replace(",", " ") for n, g in generated) + "."]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
