"""Locust users of the load test (scripts/loadtest): committee members who
read their portal and sign minutes, owners who vote and change their ballot,
and staff working in the back office over JSON-RPC — each user on one of the
two servers, in turn.

Run by ``scripts/loadtest`` in locust's own virtual environment (locust
patches the standard library with gevent; Odoo must not be imported here).
Environment:

* ``LOADTEST_USERS``: the JSON written by prepare.py (logins, meetings, ...)
* ``LOADTEST_SERVERS``: the servers' base URLs, comma-separated
* ``LOADTEST_DB``: the database
* ``LOADTEST_RESULTS``: where to write what each user last submitted and the
  response-time figures, read by check.py
* ``LOADTEST_WAIT``: think time between two clicks, "min,max" seconds
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

with open(os.environ["LOADTEST_USERS"], encoding="utf-8") as _file:
    USERS = json.load(_file)
SERVERS = os.environ["LOADTEST_SERVERS"].split(",")
DB = os.environ["LOADTEST_DB"]
WAIT = [float(x) for x in os.environ.get("LOADTEST_WAIT", "5,15").split(",")]
#: names of the login requests (their cost is the password hash, not the
#: addon: reported apart as well)
LOGIN = "login"

POOLS = {
    "member": list(USERS["members"]),
    "owner": list(USERS["owners"]),
    "staff": list(USERS["staff"]),
}
SERVER_TURN = itertools.count()
CSRF = re.compile(r'(?:name="csrf_token"\s+value="|csrf_token:\s*")([0-9a-f]+o\d+)"')

#: what the users did, for check.py
RESULTS = {
    "ballots": {},  # owner login -> last choice the server accepted
    "uncertain_ballots": {},  # owner login -> choices whose outcome is unknown
    "signatures": {},  # member login -> [meeting ids the server accepted]
    "sign_refused": {},  # member login -> [[meeting id, where it was sent]]
    "sign_pending": {},  # member login -> [meeting ids sent, not answered]
    "status_5xx": [],
    "servers": {},  # login -> server
}


@events.request.add_listener
def _count_5xx(request_type, name, response=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500 and len(RESULTS["status_5xx"]) < 1000:
        RESULTS["status_5xx"].append([request_type, name, status])


def _percentile(response_times, share):
    """The response time (ms) under which ``share`` of the requests fall,
    from locust's {rounded ms: count} histograms."""
    total = sum(response_times.values())
    if not total:
        return 0
    seen = 0
    for value in sorted(response_times):
        seen += response_times[value]
        if seen >= total * share:
            return value
    return max(response_times)


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    stats = environment.stats
    merged, merged_no_login = {}, {}
    per_request = []
    for (name, method), entry in sorted(stats.entries.items()):
        for value, count in entry.response_times.items():
            merged[value] = merged.get(value, 0) + count
            if name != LOGIN:
                merged_no_login[value] = merged_no_login.get(value, 0) + count
        per_request.append(
            {
                "name": name,
                "method": method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "median_ms": entry.median_response_time,
                "p95_ms": _percentile(entry.response_times, 0.95),
                "max_ms": entry.max_response_time,
            }
        )
    RESULTS["figures"] = {
        "requests": stats.total.num_requests,
        "failures": stats.total.num_failures,
        "p95_ms": _percentile(merged, 0.95),
        "p95_ms_without_login": _percentile(merged_no_login, 0.95),
        "median_ms": _percentile(merged, 0.5),
        "rps": stats.total.total_rps,
        "per_request": per_request,
        "errors": [
            {"name": e.name, "error": str(e.error)[:300], "count": e.occurrences}
            for e in stats.errors.values()
        ][:50],
    }
    with open(os.environ["LOADTEST_RESULTS"], "w", encoding="utf-8") as out:
        json.dump(RESULTS, out, indent=1)


class OdooUser(HttpUser):
    """A person with an account, logged in on one of the two servers."""

    abstract = True
    role = None
    wait_time = between(*WAIT)

    def __init__(self, environment):
        self.account = POOLS[self.role].pop()
        self.host = SERVERS[next(SERVER_TURN) % len(SERVERS)]
        super().__init__(environment)
        RESULTS["servers"][self.account["login"]] = self.host
        ip = self.account.get("ip", "127.0.0.1")
        # what nginx adds (deploy/nginx.conf); Odoo's proxy_mode reads them
        self.client.headers.update(
            {
                "X-Forwarded-For": ip,
                "X-Forwarded-Host": self.host.split("//", 1)[1],
                "X-Forwarded-Proto": "http",
            }
        )

    def on_start(self):
        if self.account.get("session"):
            # portal users come signed in (prepare.py): their session cookie
            self.client.cookies.set("session_id", self.account["session"])
            return True
        with self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": DB,
                    "login": self.account["login"],
                    "password": USERS["password"],
                },
            },
            name=LOGIN,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not (
                response.json().get("result") or {}
            ).get("uid"):
                response.failure(f"login refused: {response.text[:200]}")
                return False
        return True

    def page(self, url, name=None):
        """GET a page; its CSRF token (for the forms on it) or None."""
        with self.client.get(url, name=name or url, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{url}: HTTP {response.status_code}")
                return None
            found = CSRF.search(response.text)
            return found.group(1) if found else None

    def post_form(self, url, data, name, success):
        """POST a portal form as the browser does (no redirect followed):
        True when the server answered with the page saying ``success``,
        False when it refused, None when the outcome is unknown."""
        with self.client.post(
            url, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code in (301, 302, 303) and f"success={success}" in (
                location
            ):
                return True
            if response.status_code in (301, 302, 303):
                # back to the page with a message (UserError): refused
                response.success()
                return False
            response.failure(f"{name}: HTTP {response.status_code}")
            return None


class MemberUser(OdooUser):
    """A committee member: reads the committee's portal, signs minutes."""

    role = "member"
    fixed_count = len(USERS["members"])

    def on_start(self):
        result = super().on_start()
        self.to_sign = list(self.account["meetings"])
        random.shuffle(self.to_sign)
        RESULTS["signatures"].setdefault(self.account["login"], [])
        return result

    @task(5)
    def browse_pages(self):
        url = random.choice(
            [
                "/my",
                "/my/committee/meetings",
                "/my/committee/matters",
                "/my/committee/inquiries",
                "/my/committee/notices",
                "/my/committees",
            ]
        )
        self.page(url)

    @task(2)
    def sign(self):
        if not self.to_sign:
            return self.browse_pages()
        meeting = self.to_sign[0]
        url = f"/my/committee/meetings/{meeting}"
        token = self.page(url, name="/my/committee/meetings/[id]")
        if not token:
            return None
        login = self.account["login"]
        # uncertain until answered: locust may stop this user mid-request
        RESULTS["sign_pending"].setdefault(login, []).append(meeting)
        done = self.post_form(
            f"{url}/sign",
            {"csrf_token": token},
            "/my/committee/meetings/[id]/sign",
            "signed",
        )
        if done is not None:
            RESULTS["sign_pending"][login].remove(meeting)
        if done:
            RESULTS["signatures"][login].append(meeting)
        elif done is False:
            RESULTS["sign_refused"].setdefault(login, []).append([meeting, self.host])
        if done is not None:
            self.to_sign.pop(0)
        return done


class OwnerUser(OdooUser):
    """An owner: reads the estate's pages, votes and changes the ballot."""

    role = "owner"
    fixed_count = len(USERS["owners"])
    choices = ("agree", "oppose", "abstain")

    @task(3)
    def browse_pages(self):
        url = random.choice(["/my", "/my/decisions", "/my/estate", "/my/resolutions"])
        self.page(url)

    @task(2)
    def vote(self):
        decision = USERS["decision_id"]
        url = f"/my/decisions/{decision}"
        token = self.page(url, name="/my/decisions/[id]")
        if not token:
            return
        choice = random.choice(self.choices)
        # first step: the choice shown back for confirmation
        with self.client.post(
            f"{url}/ballot",
            data={"csrf_token": token, "choice": choice},
            name="/my/decisions/[id]/ballot (confirm page)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            found = CSRF.search(response.text)
            token = found.group(1) if found else token
        login = self.account["login"]
        # uncertain until answered: locust may stop this user mid-request
        uncertain = RESULTS["uncertain_ballots"].setdefault(login, [])
        uncertain.append(choice)
        done = self.post_form(
            f"{url}/ballot",
            {"csrf_token": token, "choice": choice, "confirm": "1"},
            "/my/decisions/[id]/ballot (cast)",
            "ballot",
        )
        if done:
            RESULTS["ballots"][login] = choice
            RESULTS["uncertain_ballots"].pop(login, None)
        elif done is False:
            uncertain.remove(choice)
            if not uncertain:
                RESULTS["uncertain_ballots"].pop(login, None)


class StaffUser(OdooUser):
    """Staff, heads and leadership: lists, groupings and forms of the back
    office, as the web client asks for them (JSON-RPC call_kw)."""

    role = "staff"
    fixed_count = len(USERS["staff"])
    lists = {
        "hoa.inquiry": ["name", "subject", "state", "deadline", "overdue"],
        "hoa.matter": ["name", "kind", "state", "deadline", "late"],
        "hoa.meeting": ["reference", "name", "state", "meeting_type", "notice_date"],
        "hoa.unit": ["name", "area", "building", "floor", "room"],
        "hoa.decision": ["reference", "name", "state", "ballot_count", "voter_count"],
    }

    def on_start(self):
        result = super().on_start()
        self.seen = {}
        return result

    def call_kw(self, model, method, args, kwargs, name):
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": random.randint(1, 10**9),
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if "error" in body:
                error = body["error"].get("data", {}).get("message", body["error"])
                response.failure(f"{model}.{method}: {error}"[:300])
                return None
            return body["result"]

    def spec(self, model):
        fields = {name: {} for name in self.lists[model]}
        if model != "hoa.decision":
            fields["community_id"] = {"fields": {"display_name": {}}}
        return fields

    @task(4)
    def list_view(self):
        model = random.choice(list(self.lists))
        result = self.call_kw(
            model,
            "web_search_read",
            [],
            {
                "domain": [],
                "specification": self.spec(model),
                "offset": 0,
                "limit": 80,
                "order": "",
                "count_limit": 10001,
            },
            f"list {model}",
        )
        if result:
            self.seen[model] = [r["id"] for r in result["records"]]

    @task(2)
    def group_by_estate(self):
        model = random.choice(["hoa.inquiry", "hoa.matter", "hoa.meeting", "hoa.unit"])
        self.call_kw(
            model,
            "web_read_group",
            [],
            {
                "domain": [],
                "fields": [],
                "groupby": ["community_id"],
                "limit": 80,
                "lazy": True,
            },
            f"group {model} by estate",
        )

    @task(2)
    def search(self):
        model = random.choice(["hoa.inquiry", "hoa.unit"])
        field = "subject" if model == "hoa.inquiry" else "name"
        self.call_kw(
            model,
            "web_search_read",
            [],
            {
                "domain": [(field, "ilike", random.choice(["1", "2", "电梯", "压力"]))],
                "specification": self.spec(model),
                "limit": 80,
                "count_limit": 10001,
            },
            f"search {model}",
        )

    @task(3)
    def form(self):
        candidates = [m for m in self.seen if self.seen[m]]
        if not candidates:
            return self.list_view()
        model = random.choice(candidates)
        record = random.choice(self.seen[model])
        return self.call_kw(
            model,
            "web_read",
            [[record]],
            {"specification": self.spec(model)},
            f"form {model}",
        )
