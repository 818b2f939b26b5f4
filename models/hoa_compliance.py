import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare

from ..rules.periods import period_of, proposal_deadline
from ..tools.cron_lock import CONCURRENCY_ERRORS, retry_later, single_run
from .access import check_head

_logger = logging.getLogger(__name__)

#: how many routine periods back a refresh recomputes (the current one included)
PERIODS_BACK = 4

#: where a transaction keeps the estates whose rows it recomputes on commit
PENDING_KEY = "hoa.compliance.pending"


class HoaCompliance(models.Model):
    """Per estate and routine period, whether the service centre kept its
    procedures: routine meeting proposed on time and held, mandatory
    contacts, inquiries answered in time, reports filed and incidents
    notified on time, notices reviewed, open escalations.

    Rows are recomputed (never duplicated) for the current period and the
    three before it, from a handful of grouped queries whatever the number of
    estates: an estate's rows when its work changes (once per transaction,
    as it commits), every estate by a daily job and the Refresh button."""

    _name = "hoa.compliance"
    _description = "Compliance by Estate and Period"
    _order = "date_start desc, community_id"
    _rec_name = "period"

    community_id = fields.Many2one(
        "hoa.community", string="Estate", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    manager_id = fields.Many2one(
        related="community_id.manager_id", string="Service-Centre Head", store=True
    )
    period = fields.Char(required=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    is_current = fields.Boolean(string="Current Period", index=True)
    is_recent = fields.Boolean(
        string="Current or Previous Period",
        index=True,
        help="The period under way or the one before it: on the first days of "
        "a period, the last one's figures are still on the dashboard.",
    )
    meeting_proposed_on_time = fields.Boolean(string="Meeting Proposed on Time")
    meeting_held = fields.Boolean(string="Routine Meeting Held")
    chair_contact = fields.Boolean(string="Contact With the Chair")
    vice_chair_contact = fields.Boolean(string="Contact With a Vice-Chair")
    contacts_ok = fields.Boolean(string="Mandatory Contacts Made")
    inquiry_count = fields.Integer(string="Inquiries Due")
    inquiry_on_time = fields.Integer(string="Inquiries Answered in Time")
    inquiry_rate = fields.Float(
        string="Inquiries in Time (%)", digits=(5, 1), aggregator="avg"
    )
    matter_count = fields.Integer(string="Reports Due")
    matter_on_time = fields.Integer(string="Reports Filed on Time")
    matter_rate = fields.Float(
        string="Reports on Time (%)", digits=(5, 1), aggregator="avg"
    )
    incident_count = fields.Integer(string="Incidents")
    incident_on_time = fields.Integer(string="Incidents Notified on Time")
    incident_rate = fields.Float(
        string="Incidents on Time (%)", digits=(5, 1), aggregator="avg"
    )
    notice_count = fields.Integer(string="Notice Requests")
    notice_reviewed = fields.Integer(string="Notices Reviewed")
    open_escalations = fields.Integer()
    issues = fields.Integer(
        string="Shortfalls",
        help="How many of the procedures above were not kept in the period.",
    )
    refreshed_at = fields.Datetime(
        string="Figures Changed At",
        readonly=True,
        help="When these figures were last computed with a different result: a "
        "refresh that finds nothing changed leaves the row as it was.",
    )
    meeting_proposal_status = fields.Selection(
        [
            ("on_time", "Proposed on Time"),
            ("pending", "Not Yet Due"),
            ("missed", "Missed"),
        ],
        help="Missed only once the proposal's deadline (the 15th of the "
        "quarter's first month, the 5th of the month) has passed.",
    )
    contacts_status = fields.Selection(
        [("made", "Made"), ("pending", "Not Yet Due"), ("missed", "Missed")],
        string="Mandatory Contacts Status",
        help="Missed only once the period is over without a contact with the "
        "chair and with a vice-chair.",
    )
    meeting_status = fields.Selection(
        [
            ("held", "Held"),
            ("declined", "Declined"),
            ("pending", "Not Yet Due"),
            ("missed", "Missed"),
        ],
        string="Routine Meeting Status",
        help="Held, or declined by the chair or a vice-chair; missed once the "
        "period is over without either.",
    )
    meeting_missed = fields.Boolean(
        string="Routine Meeting Missed",
        help="The period is over and its routine meeting was neither held nor "
        "declined by the chair or a vice-chair.",
    )

    _sql_constraints = [
        (
            "period_once",
            "unique(community_id, period)",
            "An estate has one compliance row per period.",
        ),
    ]

    @api.model
    def _read_group_orderby(self, order, groupby_terms, query):
        """Periods in time order, in every grouped view (list, pivot, graph):
        by their first day, not as text ("2026-Q3" before "2026-09" and
        "2026-10", whatever the estates' cadences)."""
        if order and "period" in groupby_terms:
            terms = []
            for term in order.split(","):
                name, _sep, direction = term.strip().partition(" ")
                if name == "period":
                    terms.append(f"date_start:min {direction}".strip())
                terms.append(term)
            order = ",".join(terms)
        return super()._read_group_orderby(order, groupby_terms, query)

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------

    def action_refresh(self):
        """The list's button: recompute every estate the user reads, whatever
        is selected."""
        check_head(self.env)
        # every estate the user reads: a company has hundreds, not millions
        communities = self.env["hoa.community"].search([])  # pylint: disable=no-search-all
        # many estates: a background job, the user is told when it is done
        Jobs = self.env["hoa.background.job"]
        if not Jobs._hoa_runs_inline("compliance_refresh", len(communities)):
            return Jobs._hoa_enqueue("compliance_refresh", communities)
        if communities:
            self._refresh(communities=communities)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    @single_run
    def _cron_refresh(self):
        self._refresh()
        return True

    @api.model
    def _refresh_later(self, communities):
        """Recompute the rows of ``communities`` just before the transaction
        commits: once per transaction, however many records changed."""
        if not communities:
            return
        pending = self.env.cr.precommit.data.get(PENDING_KEY)
        if pending is None:
            pending = self.env.cr.precommit.data[PENDING_KEY] = set()
            self.env.cr.precommit.add(self._refresh_pending)
        pending.update(communities.ids)

    def _refresh_pending(self):
        ids = self.env.cr.precommit.data.pop(PENDING_KEY, set())
        communities = self.env["hoa.community"].sudo().browse(ids).exists()
        if not communities:
            return
        try:
            # the work itself is kept if the figures fail: the daily job
            # computes them again
            with self.env.cr.savepoint():
                # another transaction (a worker, the other server, the job)
                # refreshing the same rows: theirs stands, the job runs again
                # soon — no failed UPDATE, no error in the log
                self.env.cr.execute(
                    "SELECT id FROM hoa_compliance WHERE community_id = ANY(%s) "
                    "FOR UPDATE NOWAIT",
                    [communities.ids],
                    log_exceptions=False,
                )
                self._refresh(communities=communities)
                self.env.flush_all()
        except CONCURRENCY_ERRORS:
            retry_later(
                self, "_cron_refresh", "Compliance figures of estates %s", sorted(ids)
            )
        except Exception:
            _logger.exception("Compliance figures of estates %s not updated", ids)

    @api.model
    def _refresh(self, day=None, periods_back=PERIODS_BACK, communities=None):
        """Recompute the rows of ``communities`` (default: every estate) for
        the ``periods_back`` periods ending with the one containing ``day``.
        Idempotent."""
        day = day or self.env.company._hoa_today()
        if communities is None:
            # every estate: a company has hundreds, not millions
            communities = self.env["hoa.community"].sudo().search([])  # pylint: disable=no-search-all
        communities = communities.sudo()
        wanted = {}  # (community id, label) -> Period
        for community in communities:
            period = period_of(day, community.meeting_cadence)
            for _i in range(periods_back):
                wanted[community.id, period.label] = period
                period = period_of(
                    period.start - timedelta(days=1), community.meeting_cadence
                )
        if not wanted:
            return self.browse()
        first = min(p.start for p in wanted.values())
        last = max(p.end for p in wanted.values())
        figures = self._figures(communities, wanted, first, last, day)
        current, recent = set(), set()
        for community in communities:
            period = period_of(day, community.meeting_cadence)
            before = period_of(
                period.start - timedelta(days=1), community.meeting_cadence
            )
            current.add((community.id, period.label))
            recent |= {(community.id, period.label), (community.id, before.label)}
        labels = list({label for _community_id, label in wanted})
        existing = {
            (row.community_id.id, row.period): row
            for row in self.sudo().search(
                [
                    ("community_id", "in", communities.ids),
                    "|",
                    "|",
                    ("period", "in", labels),
                    ("is_current", "=", True),
                    ("is_recent", "=", True),
                ]
            )
        }
        now = fields.Datetime.now()
        to_create = []
        # the rows whose figures changed, by their new values: one write per
        # set of values, none for a row that is already right
        changed = defaultdict(list)
        for key, period in wanted.items():
            values = {
                **figures[key],
                "date_start": period.start,
                "date_end": period.end,
                "is_current": key in current,
                "is_recent": key in recent,
            }
            row = existing.get(key)
            if row is None:
                to_create.append(
                    {
                        "community_id": key[0],
                        "period": key[1],
                        **values,
                        "refreshed_at": now,
                    }
                )
                continue
            diff = self._changed_values(row, values)
            if diff:
                changed[tuple(sorted(diff.items()))].append(row.id)
        Compliance = self.sudo()
        for values, ids in changed.items():
            Compliance.browse(ids).write(dict(values, refreshed_at=now))
        stale = [
            row.id
            for key, row in existing.items()
            if key not in wanted and (row.is_current or row.is_recent)
        ]
        if stale:
            Compliance.browse(stale).write({"is_current": False, "is_recent": False})
        return Compliance.create(to_create)

    def _changed_values(self, row, values):
        """The ``values`` that differ from what ``row`` holds (rates compared
        as stored: to their field's digits)."""
        diff = {}
        for name, value in values.items():
            field = self._fields[name]
            held = row[name]
            if field.type == "float":
                digits = field.get_digits(self.env)
                if float_compare(held, value, precision_digits=digits[1]) == 0:
                    continue
            elif held == value:
                continue
            diff[name] = value
        return diff

    def _figures(self, communities, wanted, first, last, day):
        """``{(community id, period label): values}`` from grouped reads."""
        cadence = {c.id: c.meeting_cadence for c in communities}
        figures = defaultdict(lambda: defaultdict(int))

        def bucket(community_id, when):
            if not when:
                return None
            key = (community_id, period_of(when, cadence[community_id]).label)
            return key if key in wanted else None

        domain = [("community_id", "in", communities.ids)]
        env = self.env(su=True)
        self._count_meetings(env, domain, wanted, figures)
        self._count_inquiries(env, domain, (first, last, day), bucket, figures)
        self._count_matters(env, domain, (first, last, day), bucket, figures)
        self._count_notices(env, domain, (first, last), bucket, figures)
        self._count_contacts(communities, wanted, figures)
        estates = {c.id: c for c in communities}
        for key, period in wanted.items():
            figures[key]["period_over"] = int(period.end < day)
            deadline = self._proposal_deadline(estates[key[0]], period)
            figures[key]["proposal_over"] = int(deadline < day)
        return {key: self._values(figures[key]) for key in wanted}

    @staticmethod
    def _proposal_deadline(community, period):
        """The day by which the routine meeting of ``period`` must be proposed
        (a company setting by cadence)."""
        company = community.company_id
        day = (
            company.hoa_routine_month_day
            if community.meeting_cadence == "monthly"
            else company.hoa_routine_quarter_day
        )
        return proposal_deadline(period, day)

    def _count_meetings(self, env, domain, wanted, figures):
        meetings = env["hoa.meeting"].search_read(
            [
                *domain,
                ("meeting_type", "=", "routine"),
                ("state", "!=", "cancelled"),
            ],
            ["community_id", "period", "proposed_date", "proposal_deadline", "state"],
        )
        for meeting in meetings:
            key = (meeting["community_id"][0], meeting["period"])
            if key not in wanted:
                continue
            if (
                meeting["proposed_date"]
                and meeting["proposal_deadline"]
                and meeting["proposed_date"] <= meeting["proposal_deadline"]
            ):
                figures[key]["meeting_proposed_on_time"] = 1
            if meeting["state"] in ("held", "signed"):
                figures[key]["meeting_held"] = 1
            elif meeting["state"] == "declined":
                figures[key]["meeting_declined"] = 1

    def _count_inquiries(self, env, domain, span, bucket, figures):
        first, last, day = span
        inquiries = env["hoa.inquiry"].search_read(
            [*domain, ("deadline", ">=", first), ("deadline", "<=", last)],
            ["community_id", "deadline", "sla_met", "state", "escalated_date"],
        )
        for inquiry in inquiries:
            key = bucket(inquiry["community_id"][0], inquiry["deadline"])
            if not key or (inquiry["deadline"] >= day and not inquiry["sla_met"]):
                continue  # not yet due and not answered: not counted yet
            figures[key]["inquiry_count"] += 1
            figures[key]["inquiry_on_time"] += inquiry["sla_met"]
            # escalated, or a reply letter not served by the deadline
            if inquiry["state"] == "escalated" or (
                inquiry["state"] == "reply_sent" and inquiry["escalated_date"]
            ):
                figures[key]["open_escalations"] += 1

    def _count_matters(self, env, domain, span, bucket, figures):
        first, last, day = span
        matters = env["hoa.matter"].search_read(
            [
                *domain,
                ("deadline", ">=", first),
                ("deadline", "<=", last),
                ("state", "!=", "cancelled"),
            ],
            [
                "community_id",
                "deadline",
                "kind",
                "delivered_date",
                "delivered_late",
                "escalated",
                "state",
            ],
        )
        for matter in matters:
            key = bucket(matter["community_id"][0], matter["deadline"])
            # delivered only on evidence of receipt (not merely sent)
            delivered = bool(matter["delivered_date"]) and matter["state"] in (
                "delivered",
                "answered",
                "closed",
            )
            if not key or (matter["deadline"] >= day and not delivered):
                continue
            prefix = "incident" if matter["kind"] == "incident" else "matter"
            figures[key][f"{prefix}_count"] += 1
            figures[key][f"{prefix}_on_time"] += (
                delivered and not matter["delivered_late"]
            )
            if matter["escalated"] and matter["state"] != "closed":
                figures[key]["open_escalations"] += 1

    def _count_notices(self, env, domain, span, bucket, figures):
        first, last = span
        notices = env["hoa.notice"].search_read(
            [*domain, ("requested_date", ">=", first), ("requested_date", "<=", last)],
            ["community_id", "requested_date", "state"],
        )
        for notice in notices:
            key = bucket(notice["community_id"][0], notice["requested_date"])
            if key:
                figures[key]["notice_count"] += 1
                figures[key]["notice_reviewed"] += notice["state"] != "submitted"

    def _count_contacts(self, communities, wanted, figures):
        # each period asked of the estates of its cadence only
        periods = defaultdict(set)
        for (community_id, _label), period in wanted.items():
            periods[period].add(community_id)
        for period, community_ids in periods.items():
            estates = communities.browse(sorted(community_ids))
            status = estates._mandatory_contact_status(period.start)
            for community, (community_period, chair, vice) in status.items():
                key = (community.id, community_period.label)
                if key in wanted and community_period == period:
                    figures[key]["chair_contact"] = int(chair)
                    figures[key]["vice_chair_contact"] = int(vice)

    @staticmethod
    def _status(done, over, done_value):
        """Done, or missed once its deadline has passed; pending before."""
        if done:
            return done_value
        return "missed" if over else "pending"

    @classmethod
    def _values(cls, f):
        """The row's figures from the counts ``f``. What is not yet due is
        pending, never missed: only what is past its deadline undone counts
        as a shortfall."""
        values = {
            "meeting_proposed_on_time": bool(f["meeting_proposed_on_time"]),
            "meeting_held": bool(f["meeting_held"]),
            "chair_contact": bool(f["chair_contact"]),
            "vice_chair_contact": bool(f["vice_chair_contact"]),
            "contacts_ok": bool(f["chair_contact"] and f["vice_chair_contact"]),
            "meeting_proposal_status": cls._status(
                f["meeting_proposed_on_time"], f["proposal_over"], "on_time"
            ),
            "contacts_status": cls._status(
                f["chair_contact"] and f["vice_chair_contact"],
                f["period_over"],
                "made",
            ),
            "open_escalations": f["open_escalations"],
            "notice_count": f["notice_count"],
            "notice_reviewed": f["notice_reviewed"],
            "meeting_missed": bool(
                f["period_over"] and not f["meeting_held"] and not f["meeting_declined"]
            ),
        }
        values["meeting_status"] = (
            "held"
            if values["meeting_held"]
            else "declined"
            if f["meeting_declined"]
            else cls._status(False, f["period_over"], "held")
        )
        for prefix in ("inquiry", "matter", "incident"):
            count, on_time = f[f"{prefix}_count"], f[f"{prefix}_on_time"]
            values[f"{prefix}_count"] = count
            values[f"{prefix}_on_time"] = on_time
            values[f"{prefix}_rate"] = 100.0 * on_time / count if count else 100.0
        values["issues"] = sum(
            (
                values["meeting_proposal_status"] == "missed",
                values["contacts_status"] == "missed",
                values["inquiry_on_time"] < values["inquiry_count"],
                values["matter_on_time"] < values["matter_count"],
                values["incident_on_time"] < values["incident_count"],
                values["notice_reviewed"] < values["notice_count"],
                values["open_escalations"] > 0,
                values["meeting_missed"],
            )
        )
        return values
