"""Run the addon's benchmarks on an installed database and print each figure
with its goal.

    python3 benchmarks/run.py -d DB --addons-path=PATH [--plan-days-sample N]

Nothing is committed: every benchmark runs in a transaction rolled back at
the end.
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
        "--plan-days-sample",
        type=int,
        default=None,
        help="time plan_days on this many days and extrapolate (default: all)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "-d", args.database]
    )
    from odoo.addons.hoa_committee.benchmarks import workdays

    registry = odoo.modules.registry.Registry(args.database)
    failed = False
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        result = workdays.run(env, plan_days_count=args.plan_days_sample)
        sys.stdout.write("\n".join(result["lines"]) + "\n")
        failed |= result["ours_seconds"] >= workdays.GOAL_SECONDS
        failed |= result["ratio"] < workdays.GOAL_RATIO
        failed |= bool(result["unexplained"])
        cr.rollback()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
