"""The cross-checks benchmark: the nightly run at Metropolitan Police size, against Splink.

Builds a throwaway PostgreSQL database (``standards_bench_crosschecks`` unless told otherwise)
with 50,000 staff, 500,000 gifts, 100,000 suppliers, 300,000 contracts and bids, 200,000 diary
entries, 1,000,000 expense lines, 20,000 associations, 200,000 nominals and 20,000 business
interests (``--scale`` multiplies every count), with known true matches planted among
near-misses (bench/crosschecks_data.py keeps the ground truth in memory). Then, in one run:

(a) the product: every registered check through the product's own runner
    (``crosschecks_run_by_hand``), each in a fresh subprocess, printing per rule and for the
    full run the time, the peak RSS of the process, and - for the rules whose truth the data
    knows - precision and recall;
(b) the matching layer alone (``matching.OrgIndex`` for organisation donors against suppliers,
    ``person_blocks``/``same_person`` for associates against nominals) beside
    (c) Splink on DuckDB doing the same matching in its own virtual environment
    (bench/crosschecks_splink.py, bench/requirements-splink.txt), and
    (d) the naive baseline: all pairs through rapidfuzz on a sample, extrapolated.

    .venv/bin/python bench/crosschecks.py [--scale 1] [--reseed] [--write-results]
        [--splink-python /tmp/splinkvenv/bin/python] [--database-url URL]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import access  # noqa: E402 - the path above makes the bench package importable
from bench import crosschecks_data as data  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/standards_bench_crosschecks"
SPLINK_PYTHON = os.environ.get(
    "BENCH_SPLINK_PYTHON",
    "/tmp/splinkvenv/bin/python",  # noqa: S108 - where the README says to make it
)
TARGET_SECONDS = 600
BASELINE_SAMPLE = 2_000
USERNAME = "bench-crosschecks"


# --- the database -----------------------------------------------------------------------------


def load(world_rows: dict, n: dict, *, skip: frozenset[str] = frozenset()) -> dict[str, float]:
    """COPY the world into the product's tables (see crosschecks_data: bypasses services and
    history, a benchmark fixture only), but for the tables named in ``skip`` (the board's
    benchmark seeds its nominals with the CCU's own)."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from ccu.models import Nominal
    from registers.associations.models import NotifiableAssociation
    from registers.crosschecks.matching import (
        normalise_company_number,
        normalise_org,
        normalise_person,
    )
    from registers.crosschecks.models import (
        Bid,
        Contract,
        DiaryEntry,
        ExpenseClaim,
        ImportBatch,
        ImportKind,
        ImportStatus,
        Supplier,
    )
    from registers.gifts.models import Gift
    from registers.interests.models import BusinessInterest
    from standards.accounts.models import User

    # Payees and organisations repeat: clean each name once (cleanco is the slow part).
    normalise_org = functools.lru_cache(maxsize=500_000)(normalise_org)
    times: dict[str, float] = {}
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(access.HASH_FUNCTION)
        access.PEOPLE = n["people"]
        access.seed_people(cursor)
    times["people"] = time.perf_counter() - start
    user = User.objects.create(username=USERNAME, person_id=1, password=make_password(None))
    batches = {
        kind: ImportBatch.objects.create(
            kind=kind, file_name=f"bench-{kind}.csv", sha256="0" * 64, file_format="csv",
            uploaded_by=user, status=ImportStatus.IMPORTED, rows_total=1,
        ).pk
        for kind in ImportKind.values
    }  # fmt: skip
    declaration = {"submitted_by_id": user.pk, "withdrawn_reason": ""}
    t = data.TODAY
    stamp = dt.datetime(t.year, t.month, t.day, tzinfo=dt.UTC)
    plan = [
        ("suppliers", Supplier, ["id", "batch_id", "row_key", "name", "normalised",
                                 "company_number"],
         lambda r: (r[0], batches["procurement"], f"supplier-{r[0]}", r[1], normalise_org(r[1]),
                    normalise_company_number(r[2])), {}),
        ("contracts", Contract, ["id", "batch_id", "row_key", "kind", "reference", "title",
                                 "supplier_id", "awarded_on", "value"],
         lambda r: (r[0], batches["procurement"], f"contract-{r[0]}", r[1], f"C{r[0]:07d}",
                    "Goods and services", r[2], r[3], data.money(1000 + r[0] % 90_000)), {}),
        ("bids", Bid, ["id", "batch_id", "row_key", "tender_id", "supplier_id", "submitted_on"],
         lambda r: (r[0], batches["procurement"], f"bid-{r[0]}", r[1], r[2], r[3]), {}),
        ("gifts", Gift, ["id", "declarant_id", "donor_name", "donor_type", "offered_on", "kind",
                         "submitted_at", "direction", "description", "estimated_value",
                         "business_reason", "response", "requirement", "status"],
         lambda r: (r[0], r[1], r[2], r[3], r[4], r[5], stamp, "received", "Bench gift",
                    data.money(60), "Bench", "accepted", "record_only", "recorded"),
         declaration),
        ("interests", BusinessInterest, ["id", "declarant_id", "organisation", "interest_type",
                                         "role", "hours_per_week", "paid", "start_date",
                                         "possible_conflicts", "submitted_at"],
         lambda r: (r[0], r[1], r[2], "secondary_employment", "Director", data.money(4), True,
                    t - dt.timedelta(days=400), "None", stamp),
         {"submitted_by_id": user.pk}),
        ("nominals", Nominal, ["id", "kind", "name", "normalised", "date_of_birth"],
         lambda r: (r[0], "person", r[1], normalise_person(r[1]), r[2]), {}),
        ("associations", NotifiableAssociation, ["id", "declarant_id", "associate_name",
                                                 "associate_date_of_birth", "relationship",
                                                 "category_of_concern", "contact_frequency",
                                                 "known_since", "circumstances", "submitted_at"],
         lambda r: (r[0], 1 + r[0] % n["people"], r[1], r[2], "friend", "criminality",
                    "monthly", t - dt.timedelta(days=900), "Bench", stamp),
         {"submitted_by_id": user.pk}),
        ("diary", DiaryEntry, ["id", "batch_id", "row_key", "person_id", "date", "organisation",
                               "normalised", "event_type"],
         lambda r: (r[0], batches["diary"], f"diary-{r[0]}", r[1], r[2], r[3],
                    normalise_org(r[3]), r[4]), {}),
        ("expenses", ExpenseClaim, ["id", "batch_id", "row_key", "person_id", "date", "amount",
                                    "payee", "normalised", "purpose", "category"],
         lambda r: (r[0], batches["expenses"], f"expense-{r[0]}", r[1], r[2],
                    data.money(20 + r[0] % 200), r[3], normalise_org(r[3]), "Bench", r[4]), {}),
    ]  # fmt: skip
    for key, model, columns, make, constants in plan:
        if key in skip:
            continue
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            written = data.copy_rows(
                cursor, model, columns, (make(r) for r in world_rows[key]), constants
            )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [model._meta.db_table, max(written, 1)],
            )
        times[key] = time.perf_counter() - start
        print(f"  loaded {written:>9,} {key} in {times[key]:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return times


# --- (a) the product's own runner, one subprocess per check -------------------------------------


def product_child(names: list[str]) -> None:
    """Run in a subprocess: the named checks through ``crosschecks_run_by_hand``; print one JSON
    line per check (seconds, peak RSS so far, findings)."""
    from registers.crosschecks.models import Finding
    from registers.crosschecks.services.runs import crosschecks_run_by_hand

    for name in names:
        start = time.perf_counter()
        [run] = crosschecks_run_by_hand(today=data.TODAY, names=[name])
        seconds = time.perf_counter() - start
        keys = list(
            Finding.objects.filter(check_name=name, last_run=run).values_list("key", flat=True)
        )
        print("RESULT " + json.dumps({
            "name": name, "seconds": seconds, "chunks": run.chunks_total,
            "rows": run.rows_compared, "keys": keys,
            "peak_rss_mib": peak_rss_mib(),
        }), flush=True)  # fmt: skip


def run_product(database_url: str) -> list[dict]:
    from registers.crosschecks.checks import registered_checks

    results = []
    for check in registered_checks():
        out = subprocess.run(  # noqa: S603 - this file, this python
            [sys.executable, __file__, "--database-url", database_url, "--child", check.name],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        lines = [line[7:] for line in out.stdout.splitlines() if line.startswith("RESULT ")]
        if out.returncode or not lines:
            print(f"  {check.name}: FAILED\n{out.stderr[-2000:]}", flush=True)
            results.append({"name": check.name, "error": out.stderr.strip().splitlines()[-1:]})
            continue
        result = json.loads(lines[-1])
        results.append(result)
        print(f"  {check.name}: {result['seconds']:.1f} s, {len(result['keys']):,} findings, "
              f"peak RSS {result['peak_rss_mib']:.0f} MiB", flush=True)  # fmt: skip
    return results


_TOKEN = re.compile(r"[a-z]+-\d+")


def score(found: list[str], truths: set[frozenset[str]]) -> tuple[float | None, float | None]:
    """Precision and recall of findings (keys) against the planted truths: a finding is right
    when it holds every token of a truth ("gift-12" and "supplier-3")."""
    if not truths:
        return None, None
    hit_truths: set[frozenset[str]] = set()
    right = 0
    by_token: dict[str, list[frozenset[str]]] = {}
    for truth in truths:
        for token in truth:
            by_token.setdefault(token, []).append(truth)
    for key in found:
        tokens = set(_TOKEN.findall(key))
        matched = {
            truth for token in tokens for truth in by_token.get(token, ()) if truth <= tokens
        }
        if matched:
            right += 1
            hit_truths |= matched
    precision = right / len(found) if found else None
    return precision, len(hit_truths) / len(truths)


# --- (b) the matching layer, (c) Splink, (d) all pairs -------------------------------------------


def match_orgs(world) -> tuple[float, set[tuple[str, int]], int]:
    from registers.crosschecks.matching import OrgIndex, normalise_company_number, normalise_org

    start = time.perf_counter()
    index = OrgIndex()
    for sid, name, number in world.suppliers:
        index.add(sid, normalise_org(name), normalise_company_number(number))
    pairs = set()
    for donor in world.donors:
        for match in index.match(normalise_org(donor)):
            pairs.add((donor, match.key))
    seconds = time.perf_counter() - start
    # How much of that is cleaning the names (cleanco), which the imports do once per row and
    # Splink was handed done: time it alone.
    start = time.perf_counter()
    for _sid, name, _number in world.suppliers:
        normalise_org(name)
    for donor in world.donors:
        normalise_org(donor)
    print(f"  of which cleaning the names: {time.perf_counter() - start:.1f} s", flush=True)
    return seconds, pairs, index.comparisons


def match_people(world) -> tuple[float, set[tuple[int, int]], int]:
    from registers.crosschecks.matching import (
        normalise_person,
        person_blocks,
        person_threshold,
        same_person,
    )

    start = time.perf_counter()
    blocks: dict[tuple, list[tuple[int, str]]] = {}
    for nid, name, born in world.nominals:
        normalised = normalise_person(name)
        for block in person_blocks(normalised, born):
            blocks.setdefault(block, []).append((nid, normalised))
    threshold = person_threshold()
    pairs, comparisons = set(), 0
    for aid, name, born in world.associates:
        normalised = normalise_person(name)
        seen = set()
        for block in person_blocks(normalised, born):
            for nid, other in blocks.get(block, ()):
                if nid in seen:
                    continue
                seen.add(nid)
                comparisons += 1
                if same_person(normalised, other) >= threshold:
                    pairs.add((aid, nid))
    return time.perf_counter() - start, pairs, comparisons


def run_splink(world, python: str) -> dict:
    """Hand Splink the same cleaned names in Parquet files and read back its pairs."""
    from registers.crosschecks.matching import (
        normalise_company_number,
        normalise_org,
        normalise_person,
    )

    if not Path(python).exists():
        return {"error": f"no Splink python at {python} (BENCH_SPLINK_PYTHON / --splink-python)"}
    donor_ids = {f"d{i}": donor for i, donor in enumerate(world.donors)}
    tmp = tempfile.mkdtemp(prefix="bench-splink-")
    try:
        work = Path(tmp)
        _csv(
            work / "org_left.csv",
            ["unique_id", "name", "company_number"],
            ((i, normalise_org(d), "") for i, d in donor_ids.items()),
        )
        _csv(work / "org_right.csv", ["unique_id", "name", "company_number"],
             ((f"s{s}", normalise_org(name), normalise_company_number(c))
              for s, name, c in world.suppliers))  # fmt: skip

        def people(rows, prefix):
            for key, name, born in rows:
                words = normalise_person(name).split() or [""]
                yield f"{prefix}{key}", words[0], words[-1], born.isoformat() if born else ""

        columns = ["unique_id", "first_name", "surname", "dob"]
        _csv(work / "person_left.csv", columns, people(world.associates, "a"))
        _csv(work / "person_right.csv", columns, people(world.nominals, "n"))
        start = time.perf_counter()
        out = subprocess.run(  # noqa: S603 - the python the operator named
            [python, str(Path(__file__).with_name("crosschecks_splink.py")), tmp],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - start
        if out.returncode:
            return {"error": " ".join(out.stderr.strip().splitlines()[-3:])[-400:]}
        timings = json.loads((work / "timings.json").read_text())

        def pairs(path, left, convert_left, convert_right):
            found = set()
            with (work / path).open(newline="") as f:
                rows = [(row["left_id"], row["right_id"]) for row in csv.DictReader(f)]
            for a, b in rows:
                if not a.startswith(left):
                    a, b = b, a
                found.add((convert_left(a), convert_right(b)))
            return found

        return {
            **timings,
            "wall_seconds": wall,
            "orgs": pairs("org_pairs.csv", "d", donor_ids.get, lambda s: int(s[1:])),
            "people": pairs("person_pairs.csv", "a", lambda a: int(a[1:]), lambda s: int(s[1:])),
        }
    finally:
        if not os.environ.get("BENCH_KEEP"):  # BENCH_KEEP=1 keeps Splink's files to look at
            shutil.rmtree(tmp, ignore_errors=True)


def _csv(path: Path, columns: list[str], rows) -> None:
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(rows)


def all_pairs_baseline(world) -> dict:
    """Every sampled donor against every supplier with rapidfuzz (C++), scaled up
    to every donor: what matching without blocking would cost."""
    import random

    from rapidfuzz import fuzz, process

    from registers.crosschecks.matching import normalise_org, org_compared, org_threshold

    truth_donors = {donor for donor, _ in world.truth.donor_supplier}
    rng = random.Random(3)
    sample = rng.sample(world.donors, min(BASELINE_SAMPLE, len(world.donors)))
    names = [org_compared(normalise_org(name)) for _, name, _ in world.suppliers]
    start = time.perf_counter()
    # rapidfuzz's extract scans every choice in C++ (cdist would need numpy, which the product
    # does not install); one core.
    found = set()
    for donor in sample:
        for _name, _score, j in process.extract(
            org_compared(normalise_org(donor)), names, scorer=fuzz.ratio,
            score_cutoff=org_threshold(),
            limit=None,
        ):  # fmt: skip
            found.add((donor, world.suppliers[j][0]))
    seconds = time.perf_counter() - start
    truths = {(d, s) for d, s in world.truth.donor_supplier if d in set(sample)}
    right = len(found & truths)
    return {
        "sample": len(sample),
        "seconds": seconds,
        "extrapolated": seconds * len(world.donors) / max(len(sample), 1),
        "precision": right / len(found) if found else None,
        "recall": right / len(truths) if truths else None,
        "truth_in_sample": len(truths),
        "truth_donors": len(truth_donors),
    }


def pr(found: set, truth: set) -> tuple[float | None, float | None]:
    right = len(found & truth)
    return (right / len(found) if found else None, right / len(truth) if truth else None)


# --- the report ----------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def report(facts: dict, n: dict, scale: float, load_times: dict, product: list[dict],
           layer: dict, splink: dict, baseline: dict, truth) -> str:  # fmt: skip
    ok = [r for r in product if "error" not in r]
    total = sum(r["seconds"] for r in ok)
    peak = max((r["peak_rss_mib"] for r in ok), default=0.0)
    lines = [
        f"Run on {facts['date']}: {facts['cpus']} CPUs, {facts['memory']} RAM, PostgreSQL "
        f"{facts['postgresql']}, Python {facts['python']}; database {facts['size']}; "
        f"scale {scale:g}; 1-minute load average {facts['load']}.",
        "",
        "Rows: " + ", ".join(f"{n[k]:,} {k}" for k in ("people", "gifts", "suppliers",
                                                          "contracts", "bids", "diary", "expenses",
                                                          "associations", "nominals", "interests"))
        + ". Loading (COPY): " + ", ".join(f"{k} {v:.0f} s" for k, v in load_times.items()) + ".",
        "",
        "**The product's nightly run** (`crosschecks_run_by_hand`, each check in a fresh process,"
        " all in-process chunks; peak RSS is the process's):",
        "",
        "| check | chunks | rows compared | findings | planted | precision | recall | seconds |"
        " peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]  # fmt: skip
    for r in product:
        if "error" in r:
            lines.append(f"| {r['name']} | failed: {' '.join(r['error'])[:120]} ||||||||")
            continue
        truths = truth.rules.get(r["name"], set())
        precision, recall = score(r["keys"], truths)
        lines.append(
            f"| {r['name']} | {r['chunks']} | {r['rows']:,} | {len(r['keys']):,} | "
            f"{len(truths) or '-'} | {_pct(precision)} | {_pct(recall)} | {r['seconds']:.1f} | "
            f"{r['peak_rss_mib']:.0f} |"
        )
    verdict = "within" if total < TARGET_SECONDS * scale or total < TARGET_SECONDS else "OVER"
    lines += [
        f"| **full run** | | | {sum(len(r['keys']) for r in ok):,} | | | | **{total:.1f}** | "
        f"**{peak:.0f}** |",
        "",
        f"Full run {total:.0f} s: {verdict} the {TARGET_SECONDS // 60}-minute target"
        + ("" if product else " (no check is registered on this branch)")
        + ".",
        "",
        "**The matching layer beside Splink and all pairs** (the same cleaned names on every "
        "side):",
    ]
    if layer is None:  # --only-checks
        return "\n".join(lines[:-5])
    lines += [
        "",
        "| matching | method | pairs compared | matches | precision | recall | seconds |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    op, orr = pr(layer["orgs"], truth.donor_supplier)
    pp, prr = pr(layer["people"], truth.associate_nominal)
    lines += [
        f"| {len(world_donors(layer)):,} donors x {n['suppliers']:,} suppliers | "
        f"`OrgIndex` (blocks on significant words) | {layer['org_comparisons']:,} | "
        f"{len(layer['orgs']):,} | {_pct(op)} | {_pct(orr)} | {layer['org_seconds']:.1f} |",
        f"| {n['associations']:,} associates x {n['nominals']:,} nominals | "
        f"`person_blocks` + `same_person` | {layer['person_comparisons']:,} | "
        f"{len(layer['people']):,} | {_pct(pp)} | {_pct(prr)} | {layer['person_seconds']:.1f} |",
    ]
    if "error" in splink:
        lines.append(f"| both | Splink | could not run: {splink['error'][:200]} |||||")
    else:
        sp, sr = pr(splink["orgs"], truth.donor_supplier)
        qp, qr = pr(splink["people"], truth.associate_nominal)
        lines += [
            f"| donors x suppliers | Splink 5 on DuckDB (2 threads), p >= 0.5 | | "
            f"{len(splink['orgs']):,} | {_pct(sp)} | {_pct(sr)} | {splink['org_seconds']:.1f} |",
            f"| associates x nominals | Splink 5 on DuckDB (2 threads), p >= 0.5 | | "
            f"{len(splink['people']):,} | {_pct(qp)} | {_pct(qr)} | "
            f"{splink['person_seconds']:.1f} |",
        ]
    lines.append(
        f"| {baseline['sample']:,} sampled donors x {n['suppliers']:,} suppliers | all pairs, "
        f"rapidfuzz `process.extract` (1 core) | {baseline['sample'] * n['suppliers']:,} | | "
        f"{_pct(baseline['precision'])} | {_pct(baseline['recall'])} "
        f"({baseline['truth_in_sample']} planted in sample) | {baseline['seconds']:.1f} "
        f"(all {len(world_donors(layer)):,} donors: ~{baseline['extrapolated']:.0f}) |"
    )
    if "error" not in splink:
        lines += [
            "",
            f"Ratios: organisations `OrgIndex` {layer['org_seconds']:.1f} s vs Splink "
            f"{splink['org_seconds']:.1f} s "
            f"(x{_ratio(splink['org_seconds'], layer['org_seconds'])}); "
            f"people {layer['person_seconds']:.1f} s vs {splink['person_seconds']:.1f} s "
            f"(x{_ratio(splink['person_seconds'], layer['person_seconds'])}); "
            f"all pairs extrapolated x{_ratio(baseline['extrapolated'], layer['org_seconds'])}"
            f" the blocked index. Splink process peak RSS {splink['peak_rss_mib']:.0f} MiB "
            f"(wall {splink['wall_seconds']:.0f} s with start-up and training). Recall: product "
            f"{_pct(orr)} / {_pct(prr)} against Splink {_pct(sr)} / {_pct(qr)} "
            f"(organisations / people).",
        ]  # fmt: skip
    return "\n".join(lines)


def _ratio(slow: float, fast: float) -> str:
    return f"{slow / max(fast, 1e-9):.1f}"


def _holds_world(n: dict) -> bool:
    from registers.crosschecks.models import ExpenseClaim, Supplier
    from registers.gifts.models import Gift

    return (
        Supplier.objects.count() == n["suppliers"]
        and ExpenseClaim.objects.count() == n["expenses"]
        and Gift.objects.count() >= n["gifts"]
    )


def product_report(n: dict, scale: float, product: list[dict], truth) -> str:
    """The product's table alone (--only-checks)."""
    facts = dict.fromkeys(("memory", "postgresql", "python", "size"), "-")
    facts |= {"date": dt.date.today().isoformat(), "cpus": os.cpu_count()}
    facts["load"] = f"{os.getloadavg()[0]:.2f}"
    return report(facts, n, scale, {}, product, None, {}, {}, truth)


def world_donors(layer: dict) -> list:
    return layer["donors"]


def _markers() -> tuple[str, str]:
    return (
        "<!-- bench/crosschecks.py figures: begin -->",
        "<!-- bench/crosschecks.py figures: end -->",
    )


def write_results(markdown: str) -> None:
    text = RESULTS.read_text()
    begin, end = _markers()
    generated = f"{begin}\n{markdown}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + generated + rest.split(end, 1)[1]
    else:
        text = f"{text.rstrip()}\n\n## Cross-checks\n\n{generated}\n"
    RESULTS.write_text(text)
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started its program (VmHWM). Not
    ``ru_maxrss``: Linux carries that over from the parent through fork and exec, so a child
    of the benchmark (which holds the world in memory) would report the parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = Met size; 0.01 quick")
    parser.add_argument("--reseed", action="store_true", help="drop and re-create the database")
    parser.add_argument("--splink-python", default=SPLINK_PYTHON)
    parser.add_argument("--skip-splink", action="store_true")
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the database if it already holds this scale's world (same seed, same rows)",
    )
    parser.add_argument("--only-checks", action="store_true", help="time the product's checks only")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        access.setup_django(args.database_url)
        product_child(args.child)
        return 0
    if not 0 < args.scale <= 1:
        parser.error("--scale must be above 0 and at most 1")

    # Same world every time for a scale (a fixed seed): the database is rebuilt unless
    # --reuse finds it already holds this world.
    reuse = args.reuse and not access.ensure_database(args.database_url, reseed=False)
    if not reuse:
        access.ensure_database(args.database_url, reseed=True)
    access.setup_django(args.database_url)
    if reuse and not _holds_world(data.counts(args.scale)):
        raise SystemExit("--reuse: the database does not hold this scale's world; drop --reuse")
    if not reuse:
        access.migrate()
    print("building the world", flush=True)
    start = time.perf_counter()
    world, rows = data.build(args.scale)
    print(f"  built in {time.perf_counter() - start:.0f} s", flush=True)
    load_before = os.getloadavg()
    load_times = {} if reuse else load(rows, world.n)
    if args.only_checks:
        product = run_product(args.database_url)
        markdown = product_report(world.n, args.scale, product, world.truth)
        print(markdown)
        return 0

    print("the product's checks", flush=True)
    product = run_product(args.database_url)
    print("the matching layer", flush=True)
    org_seconds, orgs, org_comparisons = match_orgs(world)
    person_seconds, people, person_comparisons = match_people(world)
    layer = {
        "donors": world.donors, "orgs": orgs, "org_seconds": org_seconds,
        "org_comparisons": org_comparisons, "people": people, "person_seconds": person_seconds,
        "person_comparisons": person_comparisons,
    }  # fmt: skip
    print(f"  organisations {org_seconds:.1f} s, people {person_seconds:.1f} s", flush=True)
    print("Splink", flush=True)
    splink = {"error": "skipped"} if args.skip_splink else run_splink(world, args.splink_python)
    print("all pairs", flush=True)
    baseline = all_pairs_baseline(world)
    facts = access.server_facts(load_before)
    markdown = report(facts, world.n, args.scale, load_times, product, layer, splink, baseline,
                      world.truth)  # fmt: skip
    print(markdown)
    if args.write_results:
        write_results(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
