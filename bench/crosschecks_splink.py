"""The Splink side of bench/crosschecks.py: the same organisation and person matching done by
Splink (the Ministry of Justice's record-linkage library) on DuckDB.

Splink is NOT a product dependency: this script runs in its own virtual environment
(bench/requirements-splink.txt) as a subprocess of the benchmark, which hands it CSV files in
a temporary directory and reads back the pairs it matched:

    <python with splink> bench/crosschecks_splink.py WORKDIR

WORKDIR holds ``org_left.csv`` / ``org_right.csv`` (unique_id, name, company_number) and
``person_left.csv`` / ``person_right.csv`` (unique_id, first_name, surname, dob). It
writes ``org_pairs.csv`` and ``person_pairs.csv`` (left_id, right_id, match_probability) and
``timings.json`` (seconds and peak RSS of this process).

Both sides get the same cleaned names (the product's ``normalise_org`` / ``normalise_person``):
what is compared is the matching, not the cleaning. The model is trained the way Splink's
tutorials train a link job: u by random sampling, m by expectation maximisation on two blocking
rules, then ``predict`` over blocks on date of birth with either name (people) and on the first
or last word of the name (organisations). Pairs at a match probability of 0.5 or more match.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

# Splink's usual cut-off. At 0.9 its people model (a prior of about 1e-7: 500 true pairs among
# 4 billion) scores no pair high enough: its best true pairs reach about 0.75.
THRESHOLD = 0.5


def _table(connection, workdir: Path, name: str, columns: list[str]) -> str:
    """A DuckDB table from the benchmark's CSV: every column text, empty read as missing."""
    nulls = ", ".join(f"nullif({c}, '') AS {c}" for c in columns)
    if "name" in columns:
        # Donors carry no company number: the blocks and the second and third comparisons are
        # the name's first and last words (as the product blocks on words).
        nulls += (
            ", nullif(split_part(name, ' ', 1), '') AS first_word"
            ", nullif(list_last(string_split(name, ' ')), '') AS last_word"
        )
    # The benchmark's own table and file names, not input.
    source = f"read_csv('{workdir / (name + '.csv')}', all_varchar = true, header = true)"
    connection.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT {nulls} FROM {source}")  # noqa: S608
    return name


def _linker(db_api, left: str, right: str, settings):
    from splink import Linker

    return Linker(
        [db_api.register(left), db_api.register(right)], settings, log_level=logging.WARNING
    )


def link_orgs(workdir: Path, connection, db_api) -> float:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    start = time.perf_counter()
    columns = ["unique_id", "name", "company_number"]
    left = _table(connection, workdir, "org_left", columns)
    right = _table(connection, workdir, "org_right", columns)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88]),
            cl.ExactMatch("first_word"),
            cl.ExactMatch("last_word"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_word"),
            block_on("last_word"),
        ],
        retain_matching_columns=False,
    )
    linker = _linker(db_api, left, right, settings)
    linker.training.estimate_probability_two_random_records_match([block_on("name")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_word"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("last_word"))
    pairs = linker.inference.predict(threshold_match_probability=THRESHOLD)
    _write_pairs(connection, pairs, workdir / "org_pairs.csv")
    return time.perf_counter() - start


def link_people(workdir: Path, connection, db_api) -> float:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    start = time.perf_counter()
    columns = ["unique_id", "first_name", "surname", "dob"]
    left = _table(connection, workdir, "person_left", columns)
    right = _table(connection, workdir, "person_right", columns)
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("dob", "surname"),
            block_on("dob", "first_name"),
        ],
        retain_matching_columns=False,
    )
    linker = _linker(db_api, left, right, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    pairs = linker.inference.predict(threshold_match_probability=THRESHOLD)
    _write_pairs(connection, pairs, workdir / "person_pairs.csv")
    return time.perf_counter() - start


def _write_pairs(connection, pairs, path: Path) -> None:
    # In a link job Splink may put either dataset's record on the left; the ids carry their
    # side ("d12", "s34") and the benchmark turns each pair round itself.
    query = "SELECT unique_id_l AS left_id, unique_id_r AS right_id, match_probability FROM "
    connection.execute(f"COPY ({query}{pairs.physical_name}) TO '{path}' (HEADER, DELIMITER ',')")


def peak_rss_mib() -> float:
    """This process's peak resident memory since it started its program (VmHWM). Not
    ``ru_maxrss``: Linux carries that over from the parent through fork and exec, so a child
    of the benchmark (which holds the world in memory) would report the parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str]) -> int:
    import duckdb
    from splink import DuckDBAPI

    workdir = Path(argv[1])
    connection = duckdb.connect(str(workdir / "splink.duckdb"))
    # The benchmark's target machine has two cores: DuckDB gets the same.
    connection.execute("SET threads TO 2")
    timings = {
        "org_seconds": link_orgs(workdir, connection, DuckDBAPI(connection)),
        "person_seconds": link_people(workdir, connection, DuckDBAPI(connection)),
        "peak_rss_mib": peak_rss_mib(),
    }
    (workdir / "timings.json").write_text(json.dumps(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
