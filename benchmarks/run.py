"""Run the addon's benchmarks on an installed database and print each figure
with its goal.

    python3 benchmarks/run.py -d DB --addons-path=PATH [--plan-days-sample N]

The benchmarks of the rules and crons run in a transaction rolled back at
the end; the portal pages benchmark commits its records (its requests run on
their own cursors), so run it on a throwaway database as scripts/benchmark
does.

With ``--generated`` (the database holds a generated company) the lists and
forms per role (company_lists) and the nightly jobs (nightly_jobs: they
commit) are measured on that company too; ``--only company_lists`` or
``--only nightly_jobs`` runs them on any database, e.g. one with demo data.
"""

import argparse
import importlib
import shutil
import sys
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service import db as service_db
from odoo.tools import SQL

#: benchmarks of issue 19's hot spots (``run(env)`` each)
HOTSPOTS = ["compliance_refresh", "archive_verify", "overdue_now"]
#: measured on the database's own company: by default only with --generated
ON_A_COMPANY = {"company_lists", "nightly_jobs"}
#: called with the database's name: they work on copies of it (on_a_copy)
ON_A_COPY = {"inquiry_sweep"}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument(
        "--only",
        choices=ORDER,
        action="append",
        help="run only these benchmarks (default: all)",
    )
    parser.add_argument(
        "--plan-days-sample",
        type=int,
        default=None,
        help="time plan_days on this many days and extrapolate (default: all)",
    )
    parser.add_argument(
        "--generated",
        action="store_true",
        help="the database holds a generated company: also run the figures "
        "measured on it (company_lists, nightly_jobs)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=10,
        help="company_lists: times each request is timed (default: 10)",
    )
    parser.add_argument(
        "--sweep-inquiries",
        type=int,
        default=None,
        help="open inquiries for the inquiry sweep (default: 100,000)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "-d", args.database]
    )
    only = set(args.only or [name for name in ORDER if name not in ON_A_COMPANY])
    if args.generated and not args.only:
        only |= ON_A_COMPANY
    registry = odoo.modules.registry.Registry(args.database)
    failed = False
    # in this order: the rolled-back ones first, then the company's own
    # figures and portal_pages, which commit (throwaway database)
    for name in ORDER:
        if name not in only:
            continue
        if name in ON_A_COPY:
            result = _RUNNERS[name](args.database, args)
        else:
            with registry.cursor() as cr:
                result = _RUNNERS[name](api.Environment(cr, SUPERUSER_ID, {}), args)
                cr.rollback()
        _print(result["lines"])
        failed |= not result["ok"]
    return 1 if failed else 0


def on_a_copy(database, work):
    """``work(env)`` on a copy of ``database``, dropped afterwards: for a
    benchmark that commits the records it builds before it measures (a
    nightly job works on records committed days before, which the
    database has analysed), without leaving them in the database."""
    copy = f"{database}_copy"
    _drop(copy)
    service_db.exp_duplicate_database(database, copy)
    try:
        with odoo.modules.registry.Registry(copy).cursor() as cr:
            return work(api.Environment(cr, SUPERUSER_ID, {}))
    finally:
        _drop(copy)


def _drop(database):
    """``exp_drop`` without its check of the databases listed (with ``-d``
    it lists only that one)."""
    odoo.modules.registry.Registry.delete(database)
    odoo.sql_db.close_db(database)
    with closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        service_db._drop_conn(cr, database)
        cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(database)))
    shutil.rmtree(odoo.tools.config.filestore(database), ignore_errors=True)


def _workdays(env, args):
    # runs as a script too: no relative import
    from odoo.addons.hoa_committee.benchmarks import workdays  # pylint: disable=odoo-addons-relative-import

    result = workdays.run(env, plan_days_count=args.plan_days_sample)
    result["ok"] = (
        result["ours_seconds"] < workdays.GOAL_SECONDS
        and result["ratio"] >= workdays.GOAL_RATIO
        and not result["unexplained"]
    )
    return result


def _module(name):
    return importlib.import_module(f"odoo.addons.hoa_committee.benchmarks.{name}")


_RUNNERS = {
    "workdays": _workdays,
    "record_forms": lambda env, args: _module("record_forms").run(env),
    "decision_tally": lambda env, args: _module("decision_tally").run(env),
    "inquiry_sweep": lambda database, args: _module("inquiry_sweep").run(
        database,
        on_a_copy,
        count=args.sweep_inquiries or _module("inquiry_sweep").INQUIRIES,
    ),
    "owner_invitation": lambda env, args: _module("owner_invitation").run(env),
    "voter_roll": lambda env, args: _module("voter_roll").run(env),
    **{
        # the hot spots of issue 19: each builds its company (rolled back),
        # or measures the generated one
        name: (
            lambda env, args, name=name: _module(name).run(
                env, generated=args.generated
            )
        )
        for name in HOTSPOTS
    },
    "background_jobs": lambda env, args: _module("background_jobs").run(env),
    "company_lists": lambda env, args: _module("company_lists").run(
        env, repeats=args.repeats
    ),
    "nightly_jobs": lambda env, args: _module("nightly_jobs").run(env),
    # last: its 1,000 votes opened (committed) queue their notices to the
    # owners, which the nightly jobs would otherwise serve first (509 s)
    "portal_pages": lambda env, args: _module("portal_pages").run(env),
}
ORDER = list(_RUNNERS)


def _print(lines):
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
