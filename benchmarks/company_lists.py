"""Benchmark: the server time of the back-office lists and forms, asked the
way the web client asks them, for a staff member, a service-centre head and a
leadership user of the database (each with their own record rules).

Lists — inquiries, special-matter reports, meetings, units — each opened as
its menu opens it (``web_search_read`` with the list view's fields and the
action's default filters), searched by the search view's first field, filtered
with one of the search view's filters, and grouped by estate
(``web_read_group``). Forms — a meeting, an inquiry and the owners' decision
with the most voters — read with ``web_read`` and the form view's fields,
one2many sub-lists included, as the form view loads them.

Every request is timed with the caches emptied before it
(``env.invalidate_all()``), ``repeats`` times; the p95 is printed per role.
Nothing is written: run it inside a transaction that is rolled back.
"""

import math
import time
from datetime import date

from lxml import etree

from odoo.tools.safe_eval import (
    datetime as safe_datetime,
    dateutil,
    safe_eval,
    time as safe_time,
)

LIST_GOAL_MS = 500.0
FORM_GOAL_MS = 300.0
REPEATS = 10
#: the web client's count limit (relational_model DEFAULT_COUNT_LIMIT + 1)
COUNT_LIMIT = 10001

#: (model, action xmlid, search view filter used as "filtered search")
LISTS = [
    ("hoa.inquiry", "hoa_committee.hoa_inquiry_action", "overdue"),
    ("hoa.matter", "hoa_committee.hoa_matter_action", "late"),
    ("hoa.meeting", "hoa_committee.hoa_meeting_action", "to_sign"),
    ("hoa.unit", "hoa_committee.hoa_unit_action", "no_owner"),
]

#: (label, model, action xmlid, table of its biggest one2many or None)
FORMS = [
    ("meeting", "hoa.meeting", "hoa_committee.hoa_meeting_action"),
    ("inquiry", "hoa.inquiry", "hoa_committee.hoa_inquiry_action"),
    ("decision", "hoa.decision", "hoa_committee.hoa_decision_action"),
]

ROLES = [
    ("staff", "hoa_committee.group_hoa_user", "hoa_committee.group_hoa_manager"),
    ("head", "hoa_committee.group_hoa_manager", "hoa_committee.group_hoa_leadership"),
    (
        "leadership",
        "hoa_committee.group_hoa_leadership",
        "hoa_committee.group_hoa_admin",
    ),
]

X2MANY_TAG_WIDGETS = {"many2many_tags", "many2many_checkboxes", "many2many_avatar_user"}


def p95(samples):
    """The 95th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _verdict(value, goal):
    return "OK" if value < goal else "MISSED"


# ----------------------------------------------------------------------
# The users
# ----------------------------------------------------------------------


def pick_users(env):
    """A real user per role: in the role's group and not in the next one up;
    staff and heads are those working on the most estates (the heaviest
    record rules), leadership the first one. Returns {role: user or None}."""
    env.cr.execute(
        "SELECT user_id, count(*) FROM hoa_community_team_rel GROUP BY user_id"
    )
    estates = dict(env.cr.fetchall())
    users = {}
    for role, group_xmlid, above_xmlid in ROLES:
        group = env.ref(group_xmlid)
        above = env.ref(above_xmlid)
        candidates = (group.users - above.users).filtered(
            lambda u: u.active and not u.share
        )
        if not candidates and role == "leadership":
            candidates = above.users.filtered(
                lambda u: u.active and not u.share and u.id > 2
            )
        users[role] = (
            max(candidates, key=lambda u: (estates.get(u.id, 0), -u.id))
            if candidates
            else None
        )
    return users


# ----------------------------------------------------------------------
# What the web client sends
# ----------------------------------------------------------------------


def _eval_context(env):
    today = date.today()
    return {
        "uid": env.uid,
        "context_today": lambda: today,
        "relativedelta": dateutil.relativedelta.relativedelta,
        "datetime": safe_datetime,
        "time": safe_time,
        "today": today.strftime("%Y-%m-%d"),
        "current_date": today.strftime("%Y-%m-%d"),
        "allowed_company_ids": env.companies.ids,
    }


def _subview(node):
    """The sub-view the web client shows for an x2many field node: its
    inline list (or kanban, or the first one)."""
    children = [c for c in node if c.tag in ("list", "kanban", "form")]
    if not children:
        return None
    mode = node.get("mode", "list").split(",")[0]
    for child in children:
        if child.tag == mode:
            return child
    return children[0]


def _field_nodes(root):
    """The field nodes of a view, not descending into the sub-views of its
    x2many fields (they belong to those fields' specs)."""
    found = []

    def walk(node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                found.append(child)
                continue
            walk(child)

    walk(root)
    return found


def fields_spec(arch_node, fields, models, with_invisible=False):
    """The ``specification`` the web client builds for a view
    (web/static/src/model/relational_model/utils.js ``getFieldsSpec``)."""
    spec = {}
    for node in _field_nodes(arch_node):
        name = node.get("name")
        field = fields.get(name)
        if not field:
            continue
        invisible = node.get("invisible") in ("1", "True")
        entry = spec.setdefault(name, {})
        ftype = field["type"]
        if ftype in ("one2many", "many2many"):
            if invisible and not with_invisible:
                continue
            sub = _subview(node)
            comodel = field.get("relation")
            if sub is not None and comodel in models:
                entry["fields"] = fields_spec(
                    sub, models[comodel]["fields"], models, with_invisible
                )
                entry["context"] = {}
                entry["limit"] = int(sub.get("limit") or 40)
                if sub.get("default_order"):
                    entry["order"] = sub.get("default_order")
            elif node.get("widget") in X2MANY_TAG_WIDGETS:
                entry["fields"] = {"display_name": {}}
                entry["context"] = {}
        elif ftype in ("many2one", "reference"):
            entry["fields"] = {} if invisible else {"display_name": {}}
            if not invisible:
                entry["context"] = {}
    return spec


def _view_id(action, view_type):
    for view in action.view_ids:
        if view.view_mode == view_type and view.view_id:
            return view.view_id.id
    if action.view_id and action.view_id.type == view_type:
        return action.view_id.id
    return False


class Screen:
    """One action's list, search and form views, as ``user`` gets them."""

    def __init__(self, env, model, action_xmlid):
        self.env = env
        self.model = env[model]
        action = env.ref(action_xmlid).sudo()
        self.action = action
        views = self.model.get_views(
            [
                (_view_id(action, "list"), "list"),
                (_view_id(action, "form"), "form"),
                (action.search_view_id.id or False, "search"),
            ],
            {"action_id": action.id},
        )
        self.models = views["models"]
        self.fields = self.models[model]["fields"]
        self.list_arch = etree.fromstring(views["views"]["list"]["arch"])
        self.form_arch = etree.fromstring(views["views"]["form"]["arch"])
        self.search_arch = etree.fromstring(views["views"]["search"]["arch"])
        self.eval_context = _eval_context(env)
        self.context = dict(
            env.context,
            bin_size=True,
            **safe_eval(action.context or "{}", self.eval_context),
        )
        self.domain = safe_eval(action.domain or "[]", self.eval_context)
        # the filters the action switches on by default (search_default_*)
        for key, value in self.context.items():
            if key.startswith("search_default_") and value:
                self.domain = self.domain + self.filter_domain(
                    key[len("search_default_") :]
                )
        self.list_spec = fields_spec(self.list_arch, self.fields, self.models)
        self.form_spec = dict(
            fields_spec(self.form_arch, self.fields, self.models), display_name={}
        )
        self.limit = int(self.list_arch.get("limit") or 80)
        self.order = self.list_arch.get("default_order") or None

    def filter_domain(self, name):
        for node in self.search_arch.iter("filter"):
            if node.get("name") == name and node.get("domain"):
                return safe_eval(node.get("domain"), self.eval_context)
        return []

    def name_domain(self):
        """What typing into the search bar searches: the search view's first
        field, with a piece of an existing record's value as the text."""
        node = next(iter(self.search_arch.iter("field")))
        name = node.get("name")
        record = self.model.with_context(**self.context).search(
            [(name, "!=", False)], limit=1, order="id desc"
        )
        value = record[name] if record else ""
        text = value.display_name if hasattr(value, "display_name") else str(value)
        term = text[len(text) // 4 : len(text) // 4 + 4] or "a"
        if node.get("filter_domain"):
            return safe_eval(
                node.get("filter_domain"), dict(self.eval_context, self=term)
            )
        return [(name, node.get("operator") or "ilike", term)]

    def list_requests(self, filter_name):
        """(label, callable) for the four list requests."""
        model = self.model.with_context(**self.context)

        def search_read(domain):
            return lambda: model.web_search_read(
                domain,
                self.list_spec,
                offset=0,
                limit=self.limit,
                order=self.order,
                count_limit=COUNT_LIMIT,
            )

        aggregates = [
            f"{node.get('name')}:{(node.get('sum') and 'sum') or (node.get('avg') and 'avg')}"
            for node in _field_nodes(self.list_arch)
            if node.get("sum") or node.get("avg")
        ]
        return [
            ("open", search_read(self.domain)),
            ("search", search_read(self.domain + self.name_domain())),
            (
                f"filter {filter_name}",
                search_read(self.domain + self.filter_domain(filter_name)),
            ),
            (
                "group by estate",
                lambda: model.web_read_group(
                    self.domain,
                    ["__count", *aggregates],
                    ["community_id"],
                    limit=80,
                    offset=0,
                    orderby=False,
                    lazy=True,
                ),
            ),
        ]

    def form_request(self, record_id):
        model = self.model.with_context(**self.context)
        return lambda: model.browse(record_id).web_read(self.form_spec)


# ----------------------------------------------------------------------
# The records opened in the forms
# ----------------------------------------------------------------------


def _candidates(env, label):
    """The ids of the heaviest records of a form first: the decision with the
    most voters, the meeting with the most attendance lines, the inquiry
    with the most messages."""
    queries = {
        "decision": """
            SELECT d.id FROM hoa_decision d
              LEFT JOIN hoa_decision_voter v ON v.decision_id = d.id
             GROUP BY d.id ORDER BY count(v.id) DESC, d.id DESC LIMIT 200""",
        "meeting": """
            SELECT m.id FROM hoa_meeting m
              LEFT JOIN hoa_meeting_attendance a ON a.meeting_id = m.id
             GROUP BY m.id ORDER BY count(a.id) DESC, m.id DESC LIMIT 200""",
        "inquiry": """
            SELECT i.id FROM hoa_inquiry i
              LEFT JOIN mail_message m
                ON m.model = 'hoa.inquiry' AND m.res_id = i.id
             WHERE i.id IN (SELECT id FROM hoa_inquiry ORDER BY id DESC LIMIT 5000)
             GROUP BY i.id ORDER BY count(m.id) DESC, i.id DESC LIMIT 200""",
    }
    env.cr.execute(queries[label])
    return [row[0] for row in env.cr.fetchall()]


def _pick_record(screen, candidates):
    """The first of ``candidates`` the screen's user may read, or any record
    they may read."""
    model = screen.model.with_context(active_test=False)
    if candidates:
        visible = model.search([("id", "in", candidates)])
        if visible:
            return min(visible.ids, key=candidates.index)
    return model.search([], limit=1, order="id desc").id


def _decision_voters(env, decision_id):
    env.cr.execute(
        "SELECT count(*) FROM hoa_decision_voter WHERE decision_id = %s",
        [decision_id],
    )
    return env.cr.fetchone()[0]


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------


def _time(env, call, repeats):
    # once untimed: a worker that has served requests has its registry
    # caches (views, record rules, translations) warm; the record cache is
    # emptied before every timed request
    env.invalidate_all()
    call()
    samples = []
    for _ in range(repeats):
        env.invalidate_all()
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _try_time(env, call, repeats, errors, what):
    """:func:`_time`, or None with the error appended to ``errors``: a
    request that fails is reported as a missed figure, the others still
    run."""
    try:
        with env.cr.savepoint():
            return _time(env, call, repeats)
    except Exception as error:  # noqa: BLE001 - printed, counted as missed
        env.invalidate_all()
        errors.append(f"{what}: {type(error).__name__}: {error}")
        return None


def run(env, repeats=REPEATS, users=None):
    """Time the lists and forms for each role; ``users`` ({role: user})
    defaults to :func:`pick_users`. Returns the printed lines, ``ok`` and the
    samples in ``results[(kind, role, name)]`` (milliseconds)."""
    users = users or pick_users(env)
    lines = [
        (
            f"back-office lists and forms: server time, {repeats} repeats each "
            "after one untimed call, record cache emptied before every request"
        )
    ]
    results = {}
    ok = True
    candidates = {label: _candidates(env, label) for label, _m, _a in FORMS}
    for role, _group, _above in ROLES:
        user = users.get(role)
        if not user:
            lines.append(f"  {role}: no user of this role in the database (skipped)")
            continue
        uenv = env(user=user.id, context=dict(env.context, lang=user.lang or "en_US"))
        role_samples = []
        lines.append(f"  {role}: {user.login}")
        for model, action_xmlid, filter_name in LISTS:
            screen = Screen(uenv, model, action_xmlid)
            model_samples = []
            slowest = ("", 0.0)
            errors = []
            for label, call in screen.list_requests(filter_name):
                samples = _try_time(env, call, repeats, errors, label)
                if samples is None:
                    continue
                results[("list", role, f"{model} {label}")] = samples
                model_samples += samples
                if p95(samples) > slowest[1]:
                    slowest = (label, p95(samples))
            role_samples += model_samples
            if errors:
                ok = False
                lines += [f"    list {model} FAILED (MISSED): {e}" for e in errors]
            if not model_samples:
                continue
            value = p95(model_samples)
            lines.append(
                f"    list {model} (open, search, filter, group by estate): "
                f"p95 {value:.0f} ms, slowest {slowest[0]} {slowest[1]:.0f} ms "
                f"(goal < {LIST_GOAL_MS:.0f} ms) {_verdict(value, LIST_GOAL_MS)}"
            )
            results[("list", role, model)] = model_samples
        value = p95(role_samples) if role_samples else float("inf")
        ok &= value < LIST_GOAL_MS
        lines.append(
            f"    lists for {role}: p95 {value:.0f} ms over {len(role_samples)} "
            f"requests (goal < {LIST_GOAL_MS:.0f} ms) {_verdict(value, LIST_GOAL_MS)}"
        )
        for label, model, action_xmlid in FORMS:
            screen = Screen(uenv, model, action_xmlid)
            record_id = _pick_record(screen, candidates[label])
            if not record_id:
                lines.append(f"    form {label}: no record {user.login} may read")
                continue
            errors = []
            samples = _try_time(
                env, screen.form_request(record_id), repeats, errors, f"#{record_id}"
            )
            if samples is None:
                ok = False
                lines.append(f"    form {label} FAILED (MISSED): {errors[0]}")
                continue
            results[("form", role, label)] = samples
            value = p95(samples)
            ok &= value < FORM_GOAL_MS
            extra = (
                f", {_decision_voters(env, record_id):,} voters"
                if label == "decision"
                else ""
            )
            lines.append(
                f"    form {label} (#{record_id}{extra}): p95 {value:.0f} ms "
                f"(goal < {FORM_GOAL_MS:.0f} ms) {_verdict(value, FORM_GOAL_MS)}"
            )
    env.invalidate_all()
    return {"lines": lines, "ok": ok, "results": results}
