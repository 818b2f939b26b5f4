"""What the load test (scripts/loadtest) checks once locust has stopped,
while both servers still run: every figure printed with its goal, exit code
1 when a goal is missed.

    python3 benchmarks/loadtest/check.py -d DB --addons-path=PATH \
        --users users.json --results results.json --servers URL_A,URL_B \
        --log A.log --log B.log
"""

import argparse
import base64
import json
import re
import sys
from collections import Counter

import requests

import odoo
from odoo import SUPERUSER_ID, api

#: a cron's run as the scheduler logs it (odoo.addons.base.models.ir_cron)
CRON_DONE = re.compile(r"Job (.+?) \((\d+)\) done in")
CONFLICT = re.compile(
    r"could not serialize access|could not obtain lock|deadlock detected"
)
SKIPPED = re.compile(r"(\S+) is running in another transaction: skipped")


def say(text):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


class Report:
    def __init__(self):
        self.ok = True

    def line(self, figure, value, goal, ok):
        self.ok &= bool(ok)
        say(f"{figure}: {value} (goal {goal}) {'OK' if ok else 'MISSED'}")


def _duplicates(cr, sql, params):
    cr.execute(sql, params)
    return cr.fetchall()


def check_crons(env, users, report, logs):
    """No job did the same work twice: per record, no two identical notes,
    activities or services written by the jobs since the run started, no two
    routine meetings of one period."""
    cr = env.cr
    start = users["start"]
    messages = _duplicates(
        cr,
        """SELECT model, res_id, count(*) FROM (
               SELECT m.*, ARRAY(
                   SELECT res_partner_id FROM mail_message_res_partner_rel r
                   WHERE r.mail_message_id = m.id ORDER BY res_partner_id
               ) AS recipients
               FROM mail_message m
               WHERE create_date >= %s AND create_uid = %s AND model LIKE 'hoa.%%'
                 -- an email to one owner (one message each, the same text
                 -- for all, its recipient on its mail.mail): counted by the
                 -- services below, one row per document, owner and channel
                 AND message_type != 'email_outgoing'
           ) messages
           GROUP BY model, res_id, body, subtype_id, message_type, recipients
           HAVING count(*) > 1""",
        [start, SUPERUSER_ID],
    )
    activities = _duplicates(
        cr,
        """SELECT res_model, res_id, count(*) FROM mail_activity
           WHERE create_date >= %s
           GROUP BY res_model, res_id, activity_type_id, user_id, summary
           HAVING count(*) > 1""",
        [start],
    )
    services = _duplicates(
        cr,
        """SELECT res_model, res_id, count(*) FROM hoa_service
           WHERE create_date >= %s
           GROUP BY res_model, res_id, document, partner_id, channel
           HAVING count(*) > 1""",
        [start],
    )
    routine = _duplicates(
        cr,
        """SELECT committee_id, period, count(*) FROM hoa_meeting
           WHERE meeting_type = 'routine' AND period IS NOT NULL
           GROUP BY committee_id, period HAVING count(*) > 1""",
        [],
    )
    cr.execute(
        "SELECT count(*) FROM mail_message WHERE create_date >= %s AND create_uid = %s "
        "AND model LIKE 'hoa.%%'",
        [start, SUPERUSER_ID],
    )
    written = cr.fetchone()[0]
    runs = {}
    for name, text in logs.items():
        runs[name] = (len(CRON_DONE.findall(text)), len(SKIPPED.findall(text)))
    report.line(
        "job runs (done, skipped by the lock) per server",
        ", ".join(f"{n}: {d} done, {s} skipped" for n, (d, s) in runs.items()),
        "both servers run jobs",
        all(d for d, _s in runs.values()),
    )
    report.line(
        "work done twice by the jobs (notes, activities, services, routine meetings)",
        f"{len(messages)}, {len(activities)}, {len(services)}, {len(routine)} "
        f"(of {written} notes written by jobs)",
        "0",
        not (messages or activities or services or routine),
    )
    for row in (messages + activities + services + routine)[:10]:
        say(f"  twice: {row}")


def check_ballots(env, users, results, report):
    """One ballot per voter; each owner's ballot is the last choice the
    server accepted from them."""
    decision = users["decision_id"]
    cr = env.cr
    cr.execute(
        "SELECT partner_id, count(*), max(choice) FROM hoa_decision_ballot "
        "WHERE decision_id = %s GROUP BY partner_id",
        [decision],
    )
    ballots = {partner: (count, choice) for partner, count, choice in cr.fetchall()}
    twice = [p for p, (count, _c) in ballots.items() if count > 1]
    wrong = []
    for owner in users["owners"]:
        login = owner["login"]
        expected = results["ballots"].get(login)
        uncertain = results["uncertain_ballots"].get(login, [])
        _count, choice = ballots.get(owner["partner_id"], (0, None))
        if uncertain:
            allowed = {expected, *uncertain}
            if choice not in allowed:
                wrong.append((login, expected, uncertain, choice))
        elif choice != expected:
            wrong.append((login, expected, choice))
    accepted = len(results["ballots"])
    report.line(
        "ballots: voters with more than one ballot",
        f"{len(twice)} of {len(ballots)} ballots",
        "0",
        not twice,
    )
    report.line(
        "ballots: last accepted choice lost or wrong",
        f"{len(wrong)} of {len(users['owners'])} owners "
        f"({accepted} voted, {len(results['uncertain_ballots'])} with an unanswered cast)",
        "0",
        not wrong and accepted,
    )
    for row in wrong[:10]:
        say(f"  wrong ballot: {row}")


def check_signatures(env, users, results, report, servers):
    """Each member's signatures are those the server accepted, recorded with
    the member's own address (proxy_mode); a meeting signed by everyone
    present is sealed with its minutes PDF, and both servers serve that PDF
    byte for byte."""
    Attendance = env["hoa.meeting.attendance"]
    wrong = []
    signed_total = 0
    for member in users["members"]:
        accepted = set(results["signatures"].get(member["login"], []))
        pending = set(results.get("sign_pending", {}).get(member["login"], []))
        lines = Attendance.search(
            [
                ("meeting_id", "in", member["meetings"]),
                ("member_id.partner_id", "=", member["partner_id"]),
            ]
        )
        for line in lines:
            signed = bool(line.signed_at)
            signed_total += signed
            if line.meeting_id.id in pending and not signed:
                continue
            if signed != (line.meeting_id.id in accepted | pending):
                wrong.append((member["login"], line.meeting_id.id, "signed", signed))
            elif signed and (
                line.signed_ip != member["ip"] or line.sign_method != "portal"
            ):
                wrong.append(
                    (member["login"], line.meeting_id.id, line.signed_ip, member["ip"])
                )
    report.line(
        "signatures: not as accepted, or without the member's address",
        f"{len(wrong)} of {signed_total} signatures",
        "0",
        not wrong and signed_total,
    )
    for row in wrong[:10]:
        say(f"  wrong signature: {row}")

    meetings = env["hoa.meeting"].browse(users["meeting_ids"])
    signed = meetings.filtered(lambda m: m.state == "signed")
    cr = env.cr
    # the note of a signature names the member's address, in any language
    noted_twice = []
    for line in Attendance.search(
        [("meeting_id", "in", meetings.ids), ("signed_at", "!=", False)]
    ):
        cr.execute(
            """SELECT count(*) FROM mail_message
               WHERE model = 'hoa.meeting' AND res_id = %s AND body ~ %s""",
            [line.meeting_id.id, re.escape(line.signed_ip) + "[)）]"],
        )
        if cr.fetchone()[0] != 1:
            noted_twice.append((line.meeting_id.id, line.signed_ip))
    broken, differs = [], []
    session = {}
    # leadership reads every estate's meetings and their files
    staff = next(
        s for s in users["staff"] if s["group"] == "hoa_committee.group_hoa_leadership"
    )
    for url in servers:
        http = requests.Session()
        http.post(
            f"{url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "db": env.cr.dbname,
                    "login": staff["login"],
                    "password": users["password"],
                },
            },
            timeout=60,
        )
        session[url] = http
    for meeting in signed:
        pdfs = env["ir.attachment"].search(
            [
                ("res_model", "=", "hoa.meeting"),
                ("res_id", "=", meeting.id),
                ("mimetype", "=", "application/pdf"),
            ]
        )
        if not (meeting.seal_id and pdfs):
            broken.append(meeting.id)
            continue
        raw = base64.b64decode(pdfs[-1].datas)
        for url, http in session.items():
            got = http.get(
                f"{url}/web/content/{pdfs[-1].id}?download=true", timeout=120
            )
            if got.status_code != 200 or got.content != raw:
                differs.append((meeting.id, url, got.status_code))
    report.line(
        "meetings signed by everyone: sealed with the minutes PDF",
        f"{len(signed) - len(broken)} of {len(signed)} (of {len(meetings)} meetings)",
        "all",
        not broken,
    )
    report.line(
        "signature notes not one per signature",
        len(noted_twice),
        "0",
        not noted_twice,
    )
    report.line(
        "minutes PDFs served by both servers byte for byte",
        f"{len(signed) * len(servers) - len(differs)} of {len(signed) * len(servers)}",
        "all",
        not differs,
    )
    for row in differs[:10]:
        say(f"  PDF differs: {row}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--servers", required=True)
    parser.add_argument("--log", action="append", default=[])
    parser.add_argument(
        "--data-dir", required=True, help="the servers' data_dir (their filestore)"
    )
    args = parser.parse_args()
    with open(args.users, encoding="utf-8") as file:
        users = json.load(file)
    with open(args.results, encoding="utf-8") as file:
        results = json.load(file)
    servers = args.servers.split(",")
    logs = {}
    for path in args.log:
        with open(path, encoding="utf-8", errors="replace") as file:
            logs[path.rsplit("/", 1)[-1]] = file.read()

    report = Report()
    figures = results["figures"]
    report.line("requests", figures["requests"], "> 0", figures["requests"])
    report.line(
        "HTTP 5xx answers", len(results["status_5xx"]), "0", not results["status_5xx"]
    )
    report.line(
        "failed requests (refused login, JSON-RPC error, unexpected status)",
        figures["failures"],
        "0",
        not figures["failures"],
    )
    for error in figures["errors"][:10]:
        say(f"  {error['count']}× {error['name']}: {error['error']}")
    report.line(
        "response time p95, all requests",
        f"{figures['p95_ms']} ms (median {figures['median_ms']} ms, "
        f"{figures['rps']:.1f} requests/s)",
        "< 1000 ms",
        figures["p95_ms"] < 1000,
    )
    say(f"  p95 without the logins: {figures['p95_ms_without_login']} ms")
    for row in figures["per_request"]:
        say(
            f"  {row['method']:4} {row['name']:48} {row['requests']:6} requests  "
            f"median {row['median_ms']:6.0f} ms  p95 {row['p95_ms']:6} ms  "
            f"max {row['max_ms']:6.0f} ms  failures {row['failures']}"
        )
    errors, conflicts = Counter(), Counter()
    for name, text in logs.items():
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if " ERROR " not in line and " CRITICAL " not in line:
                continue
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if "bad query" in line and CONFLICT.search(following):
                # Odoo logs every failed query; a conflict with a concurrent
                # transaction is retried (requests by Odoo, jobs by the addon)
                conflicts[name] += 1
                continue
            errors[(name, line.split(" ", 4)[-1][:160])] += 1
    say(
        "  conflicts between concurrent transactions, retried: "
        + (", ".join(f"{n}: {c}" for n, c in sorted(conflicts.items())) or "none")
    )
    report.line(
        "ERROR lines in the servers' logs", sum(errors.values()), "0", not errors
    )
    for (name, line), count in errors.most_common(10):
        say(f"  {count}× {name}: {line}")

    odoo.tools.config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            f"--data-dir={args.data_dir}",
            "--log-level=warn",
            "-d",
            args.database,
        ],
        setup_logging=True,
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        check_ballots(env, users, results, report)
        check_signatures(env, users, results, report, servers)
        check_crons(env, users, report, logs)
    say(f"load test: {'OK' if report.ok else 'FAILED'}")
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
