from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.voting import THREE_QUARTER_ITEMS, Tally, evaluate, with_deemed_consent
from ..tools.cron_lock import commit_job, single_run
from ..tools.one2many_ids import IdsOne2many
from ..tools.selection import selection_label, selection_labels
from .access import check_staff

ITEMS = [
    ("rules_of_procedure", "(1) Rules of Procedure of the Owners' Assembly"),
    ("management_statute", "(2) Management Statute"),
    ("committee_election", "(3) Electing or Replacing the Committee"),
    ("management_company", "(4) Hiring or Dismissing the Management Company"),
    ("fund_use", "(5) Using the Maintenance Fund"),
    ("fund_raising", "(6) Raising the Maintenance Fund"),
    ("rebuild", "(7) Rebuilding"),
    ("common_use_change", "(8) Changing the Use of Common Parts"),
    ("other_major", "(9) Other Major Matter"),
]

#: what the owners on the roll are served, with its editable mail.template
OWNER_TEMPLATES = {
    "vote_notice": "hoa_committee.mail_template_decision_owner_open",
    "vote_reminder": "hoa_committee.mail_template_decision_owner_reminder",
    "vote_result": "hoa_committee.mail_template_decision_owner_result",
}
#: the field telling the background job that a document is to serve, since when
OWNER_QUEUES = {
    "vote_notice": "owner_notice_since",
    "vote_result": "owner_result_since",
}


class HoaDecision(models.Model):
    """An owners' joint decision under 民法典 art. 278: a frozen voter roll,
    one ballot per voter, and an exact double-majority tally."""

    _name = "hoa.decision"
    _description = "Owners' Joint Decision"
    _inherit = [
        "hoa.estate.mixin",
        "hoa.input.mixin",
        "hoa.sequence.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.seal.mixin",
        "hoa.state.guard.mixin",
        "hoa.service.mixin",
    ]
    _state_guard_fields = (
        "state",
        "published_date",
        "owner_notice_since",
        "owner_result_since",
    )
    _portal_path = "/my/decisions"
    _seal_fields = (
        "reference",
        "name",
        "community_id",
        "item",
        "description",
        "date_open",
        "date_close",
        "deemed_consent",
        "published_date",
    )
    _order = "date_open desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"
    _sequence_code = "hoa.decision"
    _sequence_field = "reference"

    reference = fields.Char(required=True, readonly=True, copy=False, default="/")
    name = fields.Char(string="Matter", required=True, tracking=True)
    item = fields.Selection(ITEMS, required=True, default="fund_use", tracking=True)
    description = fields.Html(tracking=True)
    participation_rule = fields.Char(compute="_compute_rules")
    agreement_rule = fields.Char(compute="_compute_rules")
    date_open = fields.Date(string="Voting Opens", tracking=True)
    date_close = fields.Date(string="Voting Closes", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Voting"),
            ("closed", "Closed"),
            ("published", "Published"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    deemed_consent = fields.Boolean(
        string="Unreturned Ballots Follow the Majority",
        compute="_compute_deemed_consent",
        store=True,
        readonly=False,
        precompute=True,
        help="Where the estate's rules of procedure count unreturned ballots as "
        "following the majority. Results are always shown with and without it.",
    )
    published_date = fields.Date(readonly=True, copy=False, tracking=True)
    objection_end = fields.Date(
        string="Revocation Window Ends",
        compute="_compute_objection_end",
        store=True,
        help="An owner whose rights the decision infringes may ask a court to revoke "
        "it within one year of its publication (民法典 art. 280): the same day of "
        "the next year, moved to the next working day when it is a holiday or "
        "rest day (arts. 201–203).",
    )
    # a roll of tens of thousands of voters: see one2many_ids
    voter_ids = IdsOne2many("hoa.decision.voter", "decision_id", string="Voter Roll")
    ballot_ids = IdsOne2many("hoa.decision.ballot", "decision_id", string="Ballots")
    voter_count = fields.Integer(compute="_compute_tally")
    ballot_count = fields.Integer(compute="_compute_tally")
    total_area = fields.Float(compute="_compute_tally", digits=(16, 2))
    total_headcount = fields.Integer(compute="_compute_tally")
    participating_area = fields.Float(compute="_compute_tally", digits=(16, 2))
    participating_headcount = fields.Integer(compute="_compute_tally")
    agree_area = fields.Float(compute="_compute_tally", digits=(16, 2))
    agree_headcount = fields.Integer(compute="_compute_tally")
    participation_ok = fields.Boolean(compute="_compute_tally")
    passed = fields.Boolean(compute="_compute_tally")
    missing_participation_area = fields.Float(compute="_compute_tally", digits=(16, 2))
    missing_participation_headcount = fields.Integer(compute="_compute_tally")
    missing_agree_area = fields.Float(compute="_compute_tally", digits=(16, 2))
    missing_agree_headcount = fields.Integer(compute="_compute_tally")
    passed_deemed = fields.Boolean(
        string="Passed With Deemed Consent", compute="_compute_tally"
    )
    agree_area_deemed = fields.Float(compute="_compute_tally", digits=(16, 2))
    agree_headcount_deemed = fields.Integer(compute="_compute_tally")
    owner_notice_since = fields.Datetime(
        string="Voting Notice Queued",
        readonly=True,
        copy=False,
        help="The voting notice is being served to the owners on the roll in the "
        "background since then.",
    )
    owner_result_since = fields.Datetime(
        string="Result Announcement Queued",
        readonly=True,
        copy=False,
        help="The result announcement is being served to the owners on the roll "
        "in the background since then.",
    )
    owner_served_count = fields.Integer(
        string="Owners Notified", compute="_compute_owner_service"
    )
    owner_paper_count = fields.Integer(
        string="Owners to Reach on Paper",
        compute="_compute_owner_service",
        help="Owners without an email address nor a portal account: post the "
        "board notice to them.",
    )

    _sql_constraints = [
        (
            "reference_uniq",
            "unique(company_id, reference)",
            "Decision numbers are unique.",
        ),
    ]

    @api.depends("item")
    def _compute_rules(self):
        for decision in self:
            decision.participation_rule = self.env._(
                "≥ 2/3 of the exclusive area and ≥ 2/3 of the owners take part"
            )
            if decision.item in THREE_QUARTER_ITEMS:
                decision.agreement_rule = self.env._(
                    "≥ 3/4 of the participating area and ≥ 3/4 of the participating owners"
                )
            else:
                decision.agreement_rule = self.env._(
                    "More than half of the participating area and of the participating "
                    "owners"
                )

    @api.depends("community_id.decision_deemed_consent")
    def _compute_deemed_consent(self):
        for decision in self:
            if decision.state == "draft" or not decision.state:
                decision.deemed_consent = decision.community_id.decision_deemed_consent

    @api.depends("published_date", "community_id.workday_calendar_id")
    def _compute_objection_end(self):
        for decision in self:
            calendar = decision.community_id.workday_calendar_id
            decision.objection_end = (
                decision.published_date
                and calendar
                and calendar._year_period_end(decision.published_date)
            )

    @api.depends("voter_ids", "ballot_ids.choice", "item", "deemed_consent", "state")
    @api.depends_context("uid")
    def _compute_tally(self):
        # a form being edited holds new records: show the saved tally meanwhile;
        # running figures only for those who may see them, zeros for others
        tallies = self._origin._tallies()
        for decision in self:
            tally, voters, ballots = tallies.get(
                decision._origin.id, (Tally(0, 0, 0, 0, 0, 0), 0, 0)
            )
            result = evaluate(decision.item, tally)
            deemed = with_deemed_consent(decision.item, tally)
            deemed_result = evaluate(decision.item, deemed)
            decision.update(
                {
                    "voter_count": voters,
                    "ballot_count": ballots,
                    "total_area": tally.total_area / 100,
                    "total_headcount": tally.total_heads,
                    "participating_area": tally.part_area / 100,
                    "participating_headcount": tally.part_heads,
                    "agree_area": tally.agree_area / 100,
                    "agree_headcount": tally.agree_heads,
                    "participation_ok": result.participation_ok,
                    "passed": result.passed,
                    "missing_participation_area": result.missing_part_area / 100,
                    "missing_participation_headcount": result.missing_part_heads,
                    "missing_agree_area": result.missing_agree_area / 100,
                    "missing_agree_headcount": result.missing_agree_heads,
                    "passed_deemed": deemed_result.passed,
                    "agree_area_deemed": deemed.agree_area / 100,
                    "agree_headcount_deemed": deemed.agree_heads,
                }
            )

    @api.depends("service_ids", "owner_notice_since")
    def _compute_owner_service(self):
        """Owners served the voting notice, and those of them reached on
        paper only (in the portal without an active account): two grouped
        counts for all the decisions, not a loop over their owners."""
        ids = [d._origin.id for d in self if d._origin.id]
        served = paper = {}
        if ids:
            Service = self.env["hoa.service"].sudo()
            notices = [
                ("res_model", "=", self._name),
                ("res_id", "in", ids),
                ("document", "=", "vote_notice"),
            ]
            served = dict(
                Service._read_group(notices, ["res_id"], ["partner_id:count_distinct"])
            )
            paper = dict(
                Service._read_group(
                    [
                        *notices,
                        ("channel", "=", "portal"),
                        ("partner_id.user_ids", "not any", [("active", "=", True)]),
                    ],
                    ["res_id"],
                    ["partner_id:count_distinct"],
                )
            )
        for decision in self:
            decision.owner_served_count = served.get(decision._origin.id, 0)
            decision.owner_paper_count = paper.get(decision._origin.id, 0)

    def _with_visible_tally(self):
        """The decisions whose figures the caller may see: published results
        for everyone who reads the decision; the running figures of a vote
        for the company's staff of its estate (the service-centre team and
        leadership the record rules let write), checked in one query."""
        saved = self.filtered(lambda decision: isinstance(decision.id, int))
        if self.env.su:
            return saved
        published = saved.filtered(lambda decision: decision.state == "published")
        if not self.env.user.has_group("hoa_committee.group_hoa_user"):
            return published
        return published | (saved - published)._filtered_access("write")

    def _tallies(self):
        """``{decision_id: (Tally, voters, ballots)}`` in two aggregate queries,
        for the decisions whose figures the caller may see; areas in
        hundredths of m², every voter counts one head."""
        ids = self._with_visible_tally().ids
        if not ids:
            return {}
        self.env["hoa.decision.voter"].flush_model(["decision_id", "area_centi"])
        self.env["hoa.decision.ballot"].flush_model(
            ["decision_id", "voter_id", "choice"]
        )
        # the rolls, then the ballots cast with their voters' areas: each
        # query driven by its own decision_id index, whatever the statistics
        # (a roll and ballots written in this very transaction included)
        self.env.cr.execute(
            """
            SELECT decision_id, COALESCE(SUM(area_centi), 0), COUNT(id)
              FROM hoa_decision_voter
             WHERE decision_id = ANY(%s)
             GROUP BY decision_id
            """,
            [ids],
        )
        rolls = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        self.env.cr.execute(
            """
            SELECT b.decision_id,
                   COALESCE(SUM(v.area_centi), 0),
                   COUNT(b.id),
                   COALESCE(SUM(v.area_centi) FILTER (WHERE b.choice = 'agree'), 0),
                   COUNT(b.id) FILTER (WHERE b.choice = 'agree')
              FROM hoa_decision_ballot b
              -- the ballot's voter by its key, on the ballot's own decision's roll
              JOIN hoa_decision_voter v
                ON v.id = b.voter_id AND v.decision_id = b.decision_id
             WHERE b.decision_id = ANY(%s) AND v.decision_id = ANY(%s)
             GROUP BY b.decision_id
            """,
            [ids, ids],
        )
        cast = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        tallies = {}
        for decision_id, (area, voters) in rolls.items():
            cast_area, ballots, agree_area, agree = cast.get(decision_id, (0, 0, 0, 0))
            tallies[decision_id] = (
                Tally(area, voters, cast_area, ballots, agree_area, agree),
                voters,
                ballots,
            )
        return tallies

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.constrains("date_open", "date_close")
    def _check_dates(self):
        for decision in self:
            if (
                decision.date_open
                and decision.date_close
                and decision.date_close < decision.date_open
            ):
                raise ValidationError(
                    self.env._(
                        "Voting on %(name)s must close after it opens.",
                        name=decision.name,
                    )
                )

    _archive_drafts = True

    def _archive_deletable(self):
        """Only a draft, never delivered to the committee, may be deleted."""
        return self.state == "draft"

    def write(self, vals):
        locked = {"item", "community_id", "deemed_consent", "name", "description"}
        if locked & set(vals) and any(d.state != "draft" for d in self):
            raise UserError(
                self.env._(
                    "What owners vote on — the item, its title and text, the estate "
                    "and the counting rules — is fixed once voting opens: reopen the "
                    "vote to draft to correct it."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def _check_staff(self):
        """The flow of a vote is run by the company's staff of its estate:
        others get an access error before anything is read or changed."""
        check_staff(self.env)
        self.check_access("write")

    def _check_voting_open(self):
        """Ballots are cast, entered or changed only while the vote is open
        and today is in its window, in the back office as in the portal."""
        for decision in self.sudo():
            if decision.state != "open":
                raise UserError(
                    self.env._(
                        "Voting on %(name)s is not open: ballots can be cast or changed "
                        "only while it is.",
                        name=decision.name,
                    )
                )
            if not decision._portal_voting_open():
                raise UserError(
                    self.env._(
                        "Voting on %(name)s is not open today (%(start)s to %(end)s): "
                        "ballots are accepted only in the voting window.",
                        name=decision.name,
                        start=decision.date_open,
                        end=decision.date_close,
                    )
                )

    def action_open(self):
        """Open the vote: freeze the voter roll from the estate's units."""
        self._check_staff()
        for decision in self:
            if decision.state != "draft":
                raise UserError(
                    self.env._(
                        "Voting on %(name)s is already open.", name=decision.name
                    )
                )
            if not (decision.date_open and decision.date_close):
                raise UserError(
                    self.env._(
                        "Give the voting window of %(name)s first.", name=decision.name
                    )
                )
            decision._freeze_voter_roll()
        self._set_state({"state": "open"})
        self._queue_owner_service("vote_notice")
        return True

    def _freeze_voter_roll(self):
        """One voter per owner with the area of all their units; all the
        developer's units form one voter — grouped as
        :func:`rules.ownership.group_voters` groups them for the estate's
        headcount (tests/test_decision.py holds the two equal)."""
        self.ensure_one()
        community = self.community_id
        self.env["hoa.unit"].flush_model(
            ["community_id", "area", "owner_id", "developer_held", "name"]
        )
        self.env.cr.execute(
            """
            SELECT count(*) FILTER (WHERE NOT COALESCE(developer_held, false) AND owner_id IS NULL),
                   count(*) FILTER (WHERE developer_held)
              FROM hoa_unit WHERE community_id = %s
            """,
            [community.id],
        )
        ownerless, developer_units = self.env.cr.fetchone()
        if ownerless:
            raise UserError(
                self.env._(
                    "%(count)s units of %(estate)s have no owner recorded: complete the "
                    "owners before opening the vote.",
                    count=ownerless,
                    estate=community.name,
                )
            )
        if developer_units and not community.developer_partner_id:
            raise UserError(
                self.env._(
                    "%(estate)s has developer-held units but no developer: set it on the "
                    "estate.",
                    estate=community.name,
                )
            )
        developer = community.developer_partner_id.id or None
        # the roll is written by this freeze only, whoever opens the vote
        Voter = self.env["hoa.decision.voter"].sudo()
        self.voter_ids.sudo().unlink()
        Voter._check_roll_written_by_freeze(self)
        Voter.flush_model()
        # One voter per owner, all the developer's units as one voter: the
        # grouping of rules.ownership.group_voters (is_developer_unit,
        # voter_key) done by the database with the same arithmetic (each
        # unit's area as a double, in hundredths rounded half to even) and the
        # same order of unit names (code points); inserted by the same
        # statement, with the columns the ORM writes (the voter has no
        # defaults nor stored computed fields, and no create override but the
        # check above): a 20,000-unit estate in ~1.5 s instead of the ORM's ~8
        # (benchmarks/voter_roll.py, on a loaded 2-core machine).
        self.env.cr.execute(
            """
            INSERT INTO hoa_decision_voter (
                decision_id, partner_id, is_developer, area_centi, unit_count,
                unit_names, create_uid, create_date, write_uid, write_date)
            SELECT %(decision)s,
                   CASE WHEN is_developer THEN %(developer)s ELSE owner_id END,
                   is_developer,
                   SUM(ROUND(area::float8 * 100))::bigint,
                   COUNT(*),
                   string_agg(name, ', ' ORDER BY name COLLATE "C"),
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM (SELECT owner_id, area, name,
                           COALESCE(developer_held, false)
                           OR COALESCE(owner_id = %(developer)s, false) AS is_developer
                      FROM hoa_unit
                     WHERE community_id = %(community)s) AS units
             GROUP BY 2, 3
             ORDER BY 3 DESC, 2
            RETURNING id
            """,
            {
                "decision": self.id,
                "developer": developer,
                "community": community.id,
                "uid": self.env.uid,
                "now": self.env.cr.now(),
            },
        )
        if not self.env.cr.rowcount:
            raise UserError(
                self.env._(
                    "%(estate)s has no units to vote with.", estate=community.name
                )
            )
        self.invalidate_recordset(["voter_ids"])
        Voter.browse(row[0] for row in self.env.cr.fetchall()).modified(
            ["decision_id", "partner_id", "is_developer", "area_centi"], create=True
        )

    def action_close(self):
        self._check_staff()
        if any(decision.state != "open" for decision in self):
            raise UserError(self.env._("Only an open vote can be closed."))
        self._set_state({"state": "closed"})
        return True

    def action_publish(self):
        self._check_staff()
        for decision in self:
            if decision.state != "closed":
                raise UserError(
                    self.env._("Close the vote before publishing its result.")
                )
        self._set_state(
            {"state": "published", "published_date": self.env.company._hoa_today()}
        )
        self._seal("result")
        for decision in self:
            decision.message_post(
                body=decision._result_summary(), subtype_xmlid="mail.mt_note"
            )
        self._queue_owner_service("vote_result")
        return True

    def action_print_result(self):
        """The result document: the announcement once voting is closed, an
        interim tally marked as such while it is open."""
        self._check_staff()
        if any(decision.state == "draft" for decision in self):
            raise UserError(
                self.env._("Voting has not opened yet: there is no tally to print.")
            )
        return self.env.ref(
            "hoa_committee.action_report_decision_result"
        ).report_action(self)

    def action_draft(self):
        """Ask why the vote goes back to draft (a correction of the roll)."""
        self._check_staff()
        self._check_may_reopen()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen to Draft"),
            "res_model": "hoa.decision.draft.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_decision_ids": self.ids},
        }

    def _check_may_reopen(self):
        for decision in self:
            if decision.state != "open" or decision.ballot_ids:
                raise UserError(
                    self.env._(
                        "Only an open vote without any ballot can go back to draft."
                    )
                )

    def _reopen_to_draft(self, reason):
        """Back to draft to correct the roll: the frozen roll is discarded
        (a new one is frozen when voting opens again) and the reason goes on
        the chatter."""
        self._check_staff()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Say why the vote goes back to draft: it is on the record.")
            )
        self._check_may_reopen()
        self._set_state({"state": "draft"})
        self.voter_ids.sudo().unlink()
        for decision in self:
            decision.message_post(
                body=self.env._(
                    "Reopened to draft to correct the voter roll: %(reason)s",
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _portal_voter(self, partner):
        """``partner``'s entry on the voter roll, if any."""
        self.ensure_one()
        return (
            self.env["hoa.decision.voter"]
            .sudo()
            .search(
                [("decision_id", "=", self.id), ("partner_id", "=", partner.id)],
                limit=1,
            )
        )

    def _portal_voting_open(self):
        """Ballots are accepted: the vote is open and today is in its window."""
        self.ensure_one()
        return bool(self._portal_voting_open_records())

    def _portal_voting_open_records(self):
        """The decisions of ``self`` whose ballots are accepted today (see
        :meth:`_portal_voting_open`), with each company's today computed
        once: the portal home filters all of an owner's open votes."""
        todays = {}

        def open_today(decision):
            company = decision.company_id or self.env.company
            if company not in todays:
                todays[company] = company._hoa_today()
            today = todays[company]
            return (
                decision.state == "open"
                and (not decision.date_open or decision.date_open <= today)
                and (not decision.date_close or today <= decision.date_close)
            )

        return self.filtered(open_today)

    def _portal_cast(self, choice):
        """The owner casts or changes their own ballot. The voter's roll
        entry is locked first: two ballots cast at once for one voter end as
        one ballot with the later choice, never two. Only for the voter
        himself, on a decision he may read."""
        self.ensure_one()
        self.check_access("read")
        partner = self.env.user.partner_id
        voter = self._portal_voter(partner)
        if not voter:
            raise AccessError(
                self.env._("You are not on the voter roll of this decision.")
            )
        choices = selection_labels(self.env["hoa.decision.ballot"], "choice")
        if choice not in choices:
            raise UserError(self.env._("Choose agree, oppose or abstain."))
        # Lock the roll entry by writing it: a concurrent cast waits, then
        # fails with a serialisation error that Odoo retries on a fresh
        # snapshot, where it finds this ballot and changes it.
        self.env.cr.execute(
            "UPDATE hoa_decision_voter SET write_date = now() AT TIME ZONE 'UTC' "
            "WHERE id = %s",
            [voter.id],
        )
        decision = self.sudo()
        decision.invalidate_recordset()
        if not decision._portal_voting_open():
            raise UserError(
                self.env._(
                    "Voting on %(name)s is closed: ballots are no longer accepted.",
                    name=decision.name,
                )
            )
        Ballot = self.env["hoa.decision.ballot"].sudo()
        ballot = Ballot.search(
            [("decision_id", "=", decision.id), ("partner_id", "=", partner.id)]
        )
        values = {
            "choice": choice,
            "channel": "portal",
            "cast_date": fields.Datetime.now(),
        }
        if ballot:
            ballot.write(values)
            message = self.env._(
                "%(name)s changed their ballot in the portal.", name=partner.name
            )
        else:
            ballot = Ballot.create(
                {**values, "decision_id": decision.id, "partner_id": partner.id}
            )
            message = self.env._(
                "%(name)s cast a ballot in the portal.", name=partner.name
            )
        # a note, so that other owners reading the decision never see it
        decision.message_post(body=message, subtype_xmlid="mail.mt_note")
        return ballot

    # ------------------------------------------------------------------
    # Serving the owners on the roll (民法典 art. 278: the vote reaches them)
    # ------------------------------------------------------------------

    def _hoa_service_values(self):
        """An owners' notice is served to owners, not to the committee."""
        self.ensure_one()
        return {
            "committee_id": False,
            "community_id": self.community_id.id,
            "company_id": self.company_id.id or self.env.company.id,
        }

    def _hoa_owner_channel(self, partner):
        """How an owner on the roll is served: by email when their address is
        usable, else in the portal — a row they read when they log in; those
        without a portal account are also on the paper list to post the board
        notice to. The SMS channel (issue 18) plugs in here."""
        channel = self._hoa_service_channels(partner)[0]
        return "email" if channel == "email" else "portal"

    def _queue_owner_service(self, kind):
        """Have the background job serve ``kind`` to every owner on the roll:
        ~800 emails do not fit in the click that opens or publishes a vote."""
        # the clock of create_date: rows made in this transaction count as served
        self._set_state({OWNER_QUEUES[kind]: self.env.cr.now()})
        self.env.ref("hoa_committee.ir_cron_decision_serve_owners")._trigger()

    def _owner_unserved(self, kind, since=None):
        """The owners on the roll not yet served ``kind`` (since ``since``);
        the reminder only to those who have not voted."""
        self.ensure_one()
        domain = [
            ("res_model", "=", self._name),
            ("res_id", "=", self.id),
            ("document", "=", kind),
        ]
        if since:
            domain.append(("create_date", ">=", since))
        served = self.env["hoa.service"].sudo().search(domain).partner_id
        partners = self.sudo().voter_ids.partner_id - served
        if kind == "vote_reminder":
            partners -= self.sudo().ballot_ids.partner_id
        return partners.sorted("id")

    def _serve_owners(self, kind, partners):
        """Serve ``kind`` to ``partners``, each by their channel."""
        self.ensure_one()
        template = self.env.ref(OWNER_TEMPLATES[kind])
        by_channel = defaultdict(lambda: self.env["res.partner"])
        for partner in partners:
            by_channel[self._hoa_owner_channel(partner)] |= partner
        for channel, group in by_channel.items():
            self._hoa_serve(kind, group, template, channel=channel)

    def _serve_owners_batched(self, kind, partners, batch_size, progress):
        """Serve in batches, each committed in a run of the scheduler;
        False when another run took over."""
        self.ensure_one()
        for start in range(0, len(partners), batch_size):
            batch = partners[start : start + batch_size]
            self._serve_owners(kind, batch)
            progress["done"] += len(batch)
            self.env["ir.cron"]._notify_progress(
                done=progress["done"], remaining=len(partners) - start - len(batch)
            )
            if not commit_job(self.env):
                return False
        return True

    @api.model
    @single_run
    def _cron_serve_owners(self, batch_size=200):
        """Serve the queued voting notices and result announcements to the
        owners on the roll, in batches; idempotent (an owner already served
        since the queueing is skipped)."""
        progress = {"done": 0}
        for kind, fname in OWNER_QUEUES.items():
            for decision in self.sudo().search([(fname, "!=", False)]):
                # its note in the company's language, as every job writes
                lang = decision.company_id.partner_id.lang
                decision = decision.with_context(lang=lang) if lang else decision
                partners = decision._owner_unserved(kind, decision[fname])
                if not decision._serve_owners_batched(
                    kind, partners, batch_size, progress
                ):
                    return False
                decision._set_state({fname: False})
                decision.message_post(
                    body=decision.env._(
                        "%(document)s served to the %(count)s owners on the roll.",
                        document=selection_label(
                            decision.env["hoa.service"], "document", kind
                        ),
                        count=len(decision.voter_ids),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                if not commit_job(self.env):
                    return False
        return True

    @api.model
    @single_run
    def _cron_remind_voters(self, batch_size=200):
        """N days before voting closes (a company setting), the owners on the
        roll who have not voted get one reminder; idempotent."""
        progress = {"done": 0}
        for decision in self.sudo().search([("state", "=", "open")]):
            company = decision.company_id
            today = company._hoa_today()
            days = company.hoa_decision_reminder_days
            if not (
                decision.date_close
                and decision.date_close - relativedelta(days=days)
                <= today
                <= decision.date_close
                and decision._portal_voting_open()
            ):
                continue
            partners = decision._owner_unserved("vote_reminder")
            if not decision._serve_owners_batched(
                "vote_reminder", partners, batch_size, progress
            ):
                return False
        return True

    def action_print_board_notice(self):
        """The notice to post on the estate's notice boards."""
        self._check_staff()
        if any(decision.state == "draft" for decision in self):
            raise UserError(
                self.env._(
                    "Open voting first: the board notice gives the voting window "
                    "and the roll."
                )
            )
        return self.env.ref(
            "hoa_committee.action_report_decision_board_notice"
        ).report_action(self)

    def action_view_owner_paper(self):
        """The owners the notice reaches on paper only."""
        self._check_staff()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owners to Reach on Paper"),
            "res_model": "hoa.service",
            "view_mode": "list,form",
            "domain": [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("document", "=", "vote_notice"),
                ("channel", "=", "portal"),
                ("partner_id.user_ids", "=", False),
            ],
        }

    def _seal_payload(self):
        """The published result: the matter, the frozen roll, every ballot and
        the tally."""
        self.ensure_one()
        return {
            "reference": self.reference,
            "name": self.name,
            "community": self.community_id.id,
            "item": self.item,
            "description": self.description,
            "window": [self.date_open, self.date_close],
            "deemed_consent": self.deemed_consent,
            "published": self.published_date,
            "roll": [
                [v.partner_id.id, v.is_developer, v.area_centi, v.unit_count]
                for v in self.voter_ids.sorted("id")
            ],
            "ballots": [
                [b.partner_id.id, b.choice, b.channel, b.cast_date, b.proxy_name]
                for b in self.ballot_ids.sorted("id")
            ],
            "tally": [
                self.participating_area,
                self.participating_headcount,
                self.agree_area,
                self.agree_headcount,
                self.passed,
            ],
        }

    def _result_summary(self):
        self.ensure_one()
        outcome = self.env._("passed") if self.passed else self.env._("not passed")
        part_area = f"{self.participating_area:,.2f}"
        total_area = f"{self.total_area:,.2f}"
        agree_area = f"{self.agree_area:,.2f}"
        return Markup("<p>%s</p>") % self.env._(
            "Result: %(part_area)s of %(total_area)s m² and %(part_heads)s of %(total_heads)s "
            "owners took part; %(agree_area)s m² and %(agree_heads)s owners agreed: %(outcome)s.",
            part_area=part_area,
            total_area=total_area,
            part_heads=self.participating_headcount,
            total_heads=self.total_headcount,
            agree_area=agree_area,
            agree_heads=self.agree_headcount,
            outcome=outcome,
        )
