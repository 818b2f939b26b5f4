"""Run the addon's benchmarks on an installed database and print each figure
with its goal.

    python3 benchmarks/run.py -d DB --addons-path=PATH [--plan-days-sample N]

The benchmarks of the rules and crons run in a transaction rolled back at
the end; the portal pages benchmark commits its records (its requests run on
their own cursors), so run it on a throwaway database as scripts/benchmark
does.
"""

import argparse
import sys

import odoo
from odoo import SUPERUSER_ID, api


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument(
        "--only",
        choices=[
            "workdays",
            "inquiry_sweep",
            "decision_tally",
            "portal_pages",
            "owner_invitation",
            "record_forms",
        ],
        action="append",
        help="run only these benchmarks (default: all)",
    )
    parser.add_argument(
        "--plan-days-sample",
        type=int,
        default=None,
        help="time plan_days on this many days and extrapolate (default: all)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "-d", args.database]
    )
    from odoo.addons.hoa_committee.benchmarks import (
        decision_tally,
        inquiry_sweep,
        owner_invitation,
        portal_pages,
        record_forms,
        workdays,
    )

    only = set(
        args.only
        or [
            "workdays",
            "inquiry_sweep",
            "decision_tally",
            "portal_pages",
            "owner_invitation",
            "record_forms",
        ]
    )
    registry = odoo.modules.registry.Registry(args.database)
    failed = False
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if "workdays" in only:
            result = workdays.run(env, plan_days_count=args.plan_days_sample)
            _print(result["lines"])
            failed |= result["ours_seconds"] >= workdays.GOAL_SECONDS
            failed |= result["ratio"] < workdays.GOAL_RATIO
            failed |= bool(result["unexplained"])
        if "record_forms" in only:
            result = record_forms.run(env)
            _print(result["lines"])
            failed |= not result["ok"]
        if "decision_tally" in only:
            result = decision_tally.run(env)
            _print(result["lines"])
            failed |= not result["ok"]
        if "inquiry_sweep" in only:
            result = inquiry_sweep.run(env)
            _print(result["lines"])
            failed |= not result["ok"]
        if "owner_invitation" in only:
            result = owner_invitation.run(env)
            _print(result["lines"])
            failed |= not result["ok"]
        cr.rollback()
        if "portal_pages" in only:
            result = portal_pages.run(env)
            _print(result["lines"])
            failed |= not result["ok"]
    return 1 if failed else 0


def _print(lines):
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
