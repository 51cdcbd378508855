#!/usr/bin/env python3
"""Compare nabijheid's nearest-facility step with networkx and pandana on the same problem.

The problem folder is written by `nabijheid search-bench --export` and already solved by
`nabijheid search-bench --problem` (nabijheid_<category>.csv, nabijheid_timing.json). This
script solves it again with

  * networkx: one `multi_source_dijkstra_path_length(G, sources, cutoff)` per category;
  * pandana:  `Network(x, y, from, to, weights)`, `precompute(cutoff)`, then per category
    `set_pois(category, maxdist=cutoff, maxitems=1, x, y)` and
    `nearest_pois(distance=cutoff, category, num_pois=1)`,

compares the distances of every (target, category) pair with nabijheid's (a pair differs when
both are reachable and differ by more than the tolerance, or when only one is reachable) and
prints a Markdown table. Called by scripts/compare-tools; run it directly with --help.
"""

import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import pandas as pd


def log(message):
    print(message, file=sys.stderr, flush=True)


def load_problem(folder):
    with open(os.path.join(folder, "problem.json")) as f:
        description = json.load(f)
    nodes = pd.read_csv(os.path.join(folder, "nodes.csv"), dtype={"id": np.int64, "x": np.float64, "y": np.float64})
    edges = pd.read_csv(os.path.join(folder, "edges.csv"), dtype={"from": np.int64, "to": np.int64, "length": np.float64})
    if not (nodes["id"].to_numpy() == np.arange(len(nodes))).all():
        sys.exit("nodes.csv: ids must be 0, 1, 2, ... in order")
    sources = {
        c: pd.read_csv(os.path.join(folder, f"sources_{c}.csv"), dtype={"node": np.int64})["node"].to_numpy()
        for c in description["categories"]
    }
    targets = pd.read_csv(os.path.join(folder, "targets.csv"), dtype={"node": np.int64})["node"].to_numpy()
    return description, nodes, edges, sources, targets


def load_nabijheid(folder, categories, targets):
    result = {}
    for c in categories:
        table = pd.read_csv(os.path.join(folder, f"nabijheid_{c}.csv"), dtype={"node": np.int64, "distance": np.float64})
        if not (table["node"].to_numpy() == targets).all():
            sys.exit(f"nabijheid_{c}.csv: the nodes are not those of targets.csv; run search-bench --problem again")
        result[c] = np.nan_to_num(table["distance"].to_numpy(), nan=np.inf)
    return result


def run_networkx(nodes, edges, sources, targets, cutoff, categories):
    import networkx as nx

    # Parallel segments between the same two nodes: a Graph keeps one edge, so keep the shortest.
    a = np.minimum(edges["from"].to_numpy(), edges["to"].to_numpy())
    b = np.maximum(edges["from"].to_numpy(), edges["to"].to_numpy())
    unique = pd.DataFrame({"a": a, "b": b, "w": edges["length"].to_numpy()}).groupby(["a", "b"], sort=False)["w"].min()
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_nodes_from(range(len(nodes)))
    graph.add_weighted_edges_from(zip(unique.index.get_level_values(0).tolist(), unique.index.get_level_values(1).tolist(), unique.tolist()))
    build = time.perf_counter() - start
    result, per_category = {}, {}
    for c in categories:
        distances = np.full(len(targets), np.inf)
        start = time.perf_counter()
        if len(sources[c]) > 0:
            reached = nx.multi_source_dijkstra_path_length(graph, set(sources[c].tolist()), cutoff=cutoff, weight="weight")
        else:
            reached = {}
        per_category[c] = time.perf_counter() - start
        for i, t in enumerate(targets.tolist()):
            d = reached.get(t)
            if d is not None:
                distances[i] = d
        result[c] = distances
        log(f"  networkx {c}: {per_category[c]:.2f} s")
    return {"version": nx.__version__, "build_s": build, "per_category_s": per_category,
            "parallel_edges_dropped": int(len(edges) - len(unique)), "distances": result}


def run_pandana(nodes, edges, sources, targets, cutoff, categories, report):
    """Runs in a child process; `report(stage, seconds)` tells the parent how far it got."""
    import pandana

    x, y = nodes["x"], nodes["y"]
    weights = pd.DataFrame({"length": edges["length"]})
    timings = {}
    start = time.perf_counter()
    net = pandana.Network(x, y, edges["from"], edges["to"], weights)
    timings["Network"] = time.perf_counter() - start
    report("Network", timings["Network"])
    start = time.perf_counter()
    net.precompute(cutoff)
    timings["precompute"] = time.perf_counter() - start
    report("precompute", timings["precompute"])
    timings["set_pois"] = 0.0
    timings["nearest_pois"] = 0.0
    result, snapped_elsewhere = {}, 0
    for c in categories:
        distances = np.full(len(targets), np.inf)
        if len(sources[c]) > 0:
            # The POIs at the coordinates of their nodes, so that pandana's own snapping lands on them.
            poi_x = pd.Series(x.to_numpy()[sources[c]])
            poi_y = pd.Series(y.to_numpy()[sources[c]])
            start = time.perf_counter()
            net.set_pois(category=c, maxdist=cutoff, maxitems=1, x_col=poi_x, y_col=poi_y)
            timings["set_pois"] += time.perf_counter() - start
            start = time.perf_counter()
            # max_distance is pandana's fill value for "no POI within distance": inf = unreachable.
            table = net.nearest_pois(distance=cutoff, category=c, num_pois=1, max_distance=np.inf)
            timings["nearest_pois"] += time.perf_counter() - start
            distances = table[1].to_numpy()[targets]
            snapped = net.get_node_ids(poi_x, poi_y).to_numpy()
            snapped_elsewhere += int((snapped != sources[c]).sum())
        result[c] = distances
    return {"version": pandana.__version__, "timings_s": timings, "sources_snapped_elsewhere": snapped_elsewhere, "distances": result}


def _pandana_child(connection, problem):
    # pandana's C++ code prints progress on stdout: send it to stderr, away from the table.
    sys.stdout.flush()
    os.dup2(2, 1)
    try:
        result = run_pandana(*problem, report=lambda stage, seconds: connection.send(("stage", stage, seconds)))
        connection.send(("done", result))
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        connection.send(("error", repr(error)))
    connection.close()


def run_pandana_limited(problem, limit):
    """run_pandana in a child process, stopped after `limit` seconds. Returns (result, error, stages)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_pandana_child, args=(child, problem))
    start = time.perf_counter()
    process.start()
    child.close()
    stages, result, error = {}, None, None
    while True:
        remaining = limit - (time.perf_counter() - start)
        if remaining <= 0 or not parent.poll(min(remaining, 5)):
            if remaining <= 0:
                error = f"stopped after {limit:g} s"
                break
            if not process.is_alive() and not parent.poll():
                error = f"the pandana process ended with exit code {process.exitcode}"
                break
            continue
        try:
            message = parent.recv()
        except EOFError:
            error = f"the pandana process ended with exit code {process.exitcode}"
            break
        if message[0] == "stage":
            stages[message[1]] = message[2]
            log(f"  pandana {message[1]}: {message[2]:.1f} s")
        elif message[0] == "done":
            result = message[1]
            break
        else:
            error = message[1]
            break
    if process.is_alive():
        process.terminate()
    process.join()
    return result, error, stages, time.perf_counter() - start


def compare(reference, other, categories, cutoff, tolerance):
    """Max |difference| where both reach, and the (target, category) pairs that differ."""
    max_difference, differing, at_cutoff, targets_differing = 0.0, 0, 0, None
    for c in categories:
        a, b = reference[c], other[c]
        both = np.isfinite(a) & np.isfinite(b)
        difference = np.abs(a[both] - b[both])
        if difference.size:
            max_difference = max(max_difference, float(difference.max()))
        reach_disagrees = np.isfinite(a) != np.isfinite(b)
        too_far = np.zeros(len(a), dtype=bool)
        too_far[both] = difference > tolerance
        bad = too_far | reach_disagrees
        differing += int(bad.sum())
        # A reachability disagreement within the tolerance of the cutoff is rounding at the bound.
        finite = np.where(np.isfinite(a), a, b)
        at_cutoff += int((reach_disagrees & (np.abs(finite - cutoff) <= tolerance)).sum())
        targets_differing = bad if targets_differing is None else (targets_differing | bad)
    return {"max_abs_difference_m": max_difference, "differing_pairs": differing, "differing_at_cutoff": at_cutoff,
            "differing_targets": int(targets_differing.sum()) if targets_differing is not None else 0}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("problem", help="folder written by nabijheid search-bench --export and solved by --problem")
    parser.add_argument("--single-thread-timing", help="nabijheid_timing.json of a --threads 1 run, for an extra row")
    parser.add_argument("--networkx-sample", type=int, default=0, metavar="K",
                        help="run networkx on the first K categories only and extrapolate its time (labelled as such)")
    parser.add_argument("--skip-networkx", action="store_true")
    parser.add_argument("--skip-pandana", action="store_true")
    parser.add_argument("--pandana-limit", type=float, default=3600, metavar="SECONDS",
                        help="stop pandana after this long and report it as not finished (default 3600)")
    parser.add_argument("--tolerance", type=float, default=1.0, help="metres (default 1)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    description, nodes, edges, sources, targets = load_problem(args.problem)
    categories, cutoff = description["categories"], float(description["cutoff_m"])
    with open(os.path.join(args.problem, "nabijheid_timing.json")) as f:
        nab = json.load(f)
    reference = load_nabijheid(args.problem, categories, targets)
    coordinates = pd.MultiIndex.from_arrays([nodes["x"], nodes["y"]])
    colocated = int(coordinates.duplicated().sum())
    log(f"problem: {len(nodes)} nodes, {len(edges)} edges, {len(targets)} targets, {len(categories)} categories, "
        f"cutoff {cutoff:g} m; {colocated} nodes share coordinates with another node")

    rows = []  # (tool, seconds, compared figures or None, note)
    base = nab["search_median_s"]
    rows.append((f"nabijheid search-bench, {nab['threads']} threads: search only (median of {len(nab['search_s'])})", base,
                 {"max_abs_difference_m": 0.0, "differing_pairs": 0, "differing_targets": 0, "differing_at_cutoff": 0}, "reference"))
    rows.append((f"nabijheid, {nab['threads']} threads: graph build + search", nab["build_and_search_s"], None, "same distances"))
    if args.single_thread_timing:
        with open(args.single_thread_timing) as f:
            single = json.load(f)
        rows.append((f"nabijheid, 1 thread: search only (median of {len(single['search_s'])})", single["search_median_s"], None,
                     "same code, same distances"))

    results = {"problem": description, "nabijheid": nab, "colocated_nodes": colocated}

    if not args.skip_pandana:
        try:
            import pandana
        except ImportError as error:
            log(f"PANDANA NOT AVAILABLE ({error}): pandana could not be installed or imported; its row is left out")
            rows.append(("pandana: NOT AVAILABLE (could not be installed or imported)", None, None, str(error)))
        else:
            log(f"pandana {pandana.__version__} (stopped after {args.pandana_limit:g} s) ...")
            threads = os.environ.get("OMP_NUM_THREADS", str(os.cpu_count()))
            p, error, stages, elapsed = run_pandana_limited((nodes, edges, sources, targets, cutoff, categories), args.pandana_limit)
            if p is None:
                done = ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()) or "Network() (contraction hierarchy) not finished"
                rows.append((f"pandana {pandana.__version__}, {threads} threads (OpenMP): DID NOT FINISH", None, None,
                             f"{error}; finished stages: {done}", elapsed))
                results["pandana"] = {"version": pandana.__version__, "error": error, "stages_s": stages, "elapsed_s": elapsed}
            else:
                t = p["timings_s"]
                figures = compare(reference, p["distances"], categories, cutoff, args.tolerance)
                total = t["Network"] + t["precompute"] + t["set_pois"] + t["nearest_pois"]
                rows.append((f"pandana {p['version']}, {threads} threads (OpenMP): Network + precompute + set_pois + nearest_pois", total, figures,
                             f"Network {t['Network']:.2f} s, precompute {t['precompute']:.2f} s, set_pois {t['set_pois']:.2f} s, "
                             f"nearest_pois {t['nearest_pois']:.2f} s; {p['sources_snapped_elsewhere']} POIs snapped to another node"))
                rows.append((f"pandana {p['version']}: the same without precompute (nearest_pois does not use it)",
                             total - t["precompute"], figures, ""))
                rows.append((f"pandana {p['version']}: set_pois + nearest_pois only (network already built)",
                             t["set_pois"] + t["nearest_pois"], figures, "preprocessing excluded: not the target comparison"))
                results["pandana"] = {k: v for k, v in p.items() if k != "distances"} | {"comparison": figures}

    if not args.skip_networkx:
        chosen = categories[: args.networkx_sample] if args.networkx_sample > 0 else categories
        log(f"networkx on {len(chosen)} of {len(categories)} categories ...")
        n = run_networkx(nodes, edges, sources, targets, cutoff, chosen)
        measured = sum(n["per_category_s"].values())
        figures = compare(reference, n["distances"], chosen, cutoff, args.tolerance)
        if len(chosen) < len(categories):
            seconds = measured * len(categories) / len(chosen)
            label = (f"networkx {n['version']}, 1 thread: multi_source_dijkstra_path_length — EXTRAPOLATED from "
                     f"{len(chosen)} of {len(categories)} categories ({measured:.1f} s measured × {len(categories)}/{len(chosen)})")
            note = "distances compared on the sampled categories only"
        else:
            seconds = measured
            label = f"networkx {n['version']}, 1 thread: multi_source_dijkstra_path_length per category"
            note = ""
        note = (note + "; " if note else "") + f"graph build {n['build_s']:.1f} s not counted; {n['parallel_edges_dropped']} parallel edges kept at their shortest"
        rows.append((label, seconds, figures, note))
        results["networkx"] = {k: v for k, v in n.items() if k != "distances"} | {"comparison": figures, "extrapolated": len(chosen) < len(categories)}

    print()
    print(f"problem: {len(nodes)} nodes, {len(edges)} edges, {len(targets)} targets × {len(categories)} categories, cutoff {cutoff:g} m; "
          f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}")
    print()
    print("| tool | nearest-facility step, all categories (s) | ratio vs nabijheid | max \\|difference\\| (m) | differing (target, category) pairs | notes |")
    print("|---|---:|---:|---:|---:|---|")
    for tool, seconds, figures, note, *elapsed in rows:
        if seconds is None and elapsed:
            time_text, ratio = f"> {elapsed[0]:.0f}", f"> {elapsed[0] / base:.0f}×"
        else:
            time_text = "—" if seconds is None else f"{seconds:.3f}"
            ratio = "—" if seconds is None else f"{seconds / base:.1f}×"
        if figures is None:
            diff_text, count_text = "—", "—"
        else:
            diff_text = f"{figures['max_abs_difference_m']:.3f}"
            count_text = f"{figures['differing_pairs']}"
            if figures["differing_pairs"]:
                count_text += f" ({figures['differing_targets']} targets; {figures['differing_at_cutoff']} at the cutoff)"
        print(f"| {tool} | {time_text} | {ratio} | {diff_text} | {count_text} | {note} |")
    print()
    print(f"A pair differs when both distances are within the cutoff and differ by more than {args.tolerance:g} m, "
          "or when only one tool reaches a facility within the cutoff.")
    if args.json:
        results["rows"] = [{"tool": t, "seconds": s, "comparison": f, "note": n} for t, s, f, n, *_ in rows]
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, default=float)


if __name__ == "__main__":
    main()
