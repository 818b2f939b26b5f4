from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules.ownership import UnitShare, count_owners, is_developer_unit
from ..rules.periods import add_months, period_of
from ..tools.cron_lock import single_run
from .access import check_head, check_staff
from .hoa_domains import USER_DOMAIN
from odoo.addons.mail.tools.alias_error import AliasError

ONE_DAY = timedelta(days=1)
#: the head is reminded this long before the owners' assembly is due
ASSEMBLY_NOTICE = timedelta(days=30)


class HoaCommunity(models.Model):
    _name = "hoa.community"
    _description = "Managed Estate"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "mail.alias.mixin.optional",
        "hoa.input.mixin",
    ]
    # in the order they were taken on: names sorted under the database's
    # collation (code points) mean nothing to a Chinese reader, and an id
    # order lets lists grouped or sorted by estate (400,000 units) use the
    # estate column and its indexes instead of joining and sorting by name
    _order = "id"
    _check_company_auto = True

    name = fields.Char(string="Estate", required=True, tracking=True, translate=False)
    code = fields.Char(required=True, tracking=True, copy=False)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
        index=True,
    )
    address = fields.Char()
    color = fields.Integer()
    manager_id = fields.Many2one(
        "res.users",
        string="Service-Centre Head",
        tracking=True,
        index=True,
        domain=USER_DOMAIN,
        help="管理处经理 / 服务中心负责人: accountable for all liaison with the "
        "owners' committee.",
    )
    staff_ids = fields.Many2many(
        "res.users",
        "hoa_community_staff_rel",
        "community_id",
        "user_id",
        domain=USER_DOMAIN,
    )
    housekeeping_supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=USER_DOMAIN,
    )
    engineering_supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=USER_DOMAIN,
    )
    customer_supervisor_id = fields.Many2one(
        "res.users",
        string="Customer-Service Supervisor",
        tracking=True,
        domain=USER_DOMAIN,
    )
    team_user_ids = fields.Many2many(
        "res.users",
        "hoa_community_team_rel",
        "community_id",
        "user_id",
        string="Team",
        compute="_compute_team_user_ids",
        store=True,
        help="Everyone of the service centre who works on this estate: head, "
        "staff and supervisors. Record rules give them access to it.",
    )
    meeting_cadence = fields.Selection(
        [("quarterly", "Quarterly"), ("monthly", "Monthly")],
        required=True,
        default="quarterly",
        tracking=True,
        help="How often the routine work meeting with the committee is held.",
    )
    fee_model = fields.Selection(
        [("commission", "Commission (酬金制)"), ("lump_sum", "Lump Sum (包干制)")],
        required=True,
        default="lump_sum",
        tracking=True,
        help="A commission-based estate discloses all income and expenditure.",
    )
    developer_partner_id = fields.Many2one(
        "res.partner",
        string="Developer",
        tracking=True,
        help="The developer holds the unsold units; together they count as one owner.",
    )
    workday_calendar_id = fields.Many2one(
        "hoa.workday.calendar",
        string="Working-Day Calendar",
        required=True,
        tracking=True,
        default=lambda self: self.env.ref(
            "hoa_committee.workday_calendar_cn", raise_if_not_found=False
        ),
        help="Holidays and make-up workdays every deadline of this estate is "
        "counted on.",
    )
    inquiry_answer_at_meeting = fields.Boolean(
        string="Answer Meeting Points by the Next Meeting",
        tracking=True,
        help="Inquiries raised at a routine meeting are answered no later than the "
        "next routine meeting instead of within the answer period.",
    )
    decision_deemed_consent = fields.Boolean(
        string="Unreturned Ballots Follow the Majority",
        tracking=True,
        help="The estate's rules of procedure count unreturned ballots of owners' "
        "decisions as following the majority.",
    )
    alias_id = fields.Many2one(
        help="Email address of the estate: a committee email to it creates an "
        "inquiry, and replies thread into the inquiry's chatter."
    )
    inquiry_mail_from_anyone = fields.Boolean(
        string="Inquiries by Email from Anyone",
        tracking=True,
        help="Off: only the committee's serving members and the people the estate "
        "knows (owners of its units, its staff) create inquiries by email; "
        "others get a polite answer and no inquiry. On: every email creates one.",
    )
    unit_ids = fields.One2many("hoa.unit", "community_id", string="Units")
    unit_count = fields.Integer(compute="_compute_owner_totals", store=True)
    total_area = fields.Float(
        string="Total Exclusive Area (m²)",
        compute="_compute_owner_totals",
        store=True,
        digits=(16, 2),
    )
    owner_headcount = fields.Integer(
        compute="_compute_owner_totals",
        store=True,
        help="One per owner: a person holding several units counts once, and all "
        "developer-held units together count once.",
    )
    developer_unit_count = fields.Integer(
        string="Developer-Held Units", compute="_compute_owner_totals", store=True
    )
    committee_ids = fields.One2many(
        "hoa.committee", "community_id", string="Committees"
    )
    committee_count = fields.Integer(compute="_compute_committee_count")
    committee_id = fields.Many2one(
        "hoa.committee",
        string="Active Committee",
        compute="_compute_committee_id",
        store=True,
    )
    contact_ids = fields.One2many("hoa.contact", "community_id", string="Contacts")
    contact_period = fields.Char(
        string="Current Period", compute="_compute_contact_status"
    )
    contact_chair_ok = fields.Boolean(
        string="Chair Contacted",
        compute="_compute_contact_status",
        help="The service-centre head has had at least one contact with the chair "
        "in the current routine period.",
    )
    contact_vice_chair_ok = fields.Boolean(
        string="Vice-Chair Contacted",
        compute="_compute_contact_status",
        help="The service-centre head has had at least one contact with a "
        "vice-chair in the current routine period (or the committee has none).",
    )
    committee_chair_id = fields.Many2one(
        "res.partner", related="committee_id.chair_id", string="Committee Chair"
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "An estate code must be unique within its company.",
        ),
    ]

    @api.depends(
        "manager_id",
        "staff_ids",
        "housekeeping_supervisor_id",
        "engineering_supervisor_id",
        "customer_supervisor_id",
    )
    def _compute_team_user_ids(self):
        for community in self:
            community.team_user_ids = (
                community.manager_id
                | community.staff_ids
                | community.housekeeping_supervisor_id
                | community.engineering_supervisor_id
                | community.customer_supervisor_id
            )

    @api.depends(
        "unit_ids.area",
        "unit_ids.owner_id",
        "unit_ids.developer_held",
        "developer_partner_id",
    )
    def _compute_owner_totals(self):
        for community in self:
            units = community.unit_ids
            shares = [
                UnitShare(
                    unit.id,
                    unit.area,
                    unit.owner_id.id or None,
                    unit.developer_held,
                    unit.name,
                )
                for unit in units
            ]
            developer = community.developer_partner_id.id or None
            area, headcount = count_owners(shares, developer)
            community.total_area = area
            community.owner_headcount = headcount
            community.unit_count = len(units)
            community.developer_unit_count = sum(
                is_developer_unit(share, developer) for share in shares
            )

    @api.depends("committee_ids.state")
    def _compute_committee_id(self):
        for community in self:
            community.committee_id = community.committee_ids.filtered(
                lambda c: c.state == "active"
            )[:1]

    def _compute_contact_status(self):
        status = self._mandatory_contact_status(self.env.company._hoa_today())
        for community in self:
            period, chair_ok, vice_ok = status[community]
            community.contact_period = period.label
            community.contact_chair_ok = chair_ok
            community.contact_vice_chair_ok = vice_ok

    def _mandatory_contact_status(self, day):
        """``{community: (period, chair_ok, vice_chair_ok)}`` for the routine
        period containing ``day``: has the head had a contact with the chair,
        and with a vice-chair, in it? Two queries for any number of estates."""
        periods = {c: period_of(day, c.meeting_cadence) for c in self}
        result = {c: (periods[c], False, False) for c in self}
        if not self:
            return result
        first = min(p.start for p in periods.values())
        last = max(p.end for p in periods.values())
        contacts = self.env["hoa.contact"].search_read(
            [
                ("community_id", "in", self.ids),
                ("date", ">=", first),
                ("date", "<=", last),
            ],
            ["community_id", "date", "user_id", "with_chair", "with_vice_chair"],
        )
        met = self._held_meeting_roles(first, last)
        by_estate = defaultdict(list)
        for contact in contacts:
            by_estate[contact["community_id"][0]].append(contact)
        for community in self:
            period = periods[community]
            mine = [
                c
                for c in by_estate[community.id]
                if period.start <= c["date"] <= period.end
                and c["user_id"]
                and c["user_id"][0] == community.manager_id.id
            ]
            roles = set().union(
                *(
                    present
                    for meeting_day, present in met.get(community.id, ())
                    if period.start <= meeting_day <= period.end
                )
            )
            has_vice = any(
                m.role == "vice_chair" and m.active
                for m in community.committee_id.member_ids
            )
            result[community] = (
                period,
                "chair" in roles or any(c["with_chair"] for c in mine),
                not has_vice
                or "vice_chair" in roles
                or any(c["with_vice_chair"] for c in mine),
            )
        return result

    @api.model
    @single_run
    def _cron_check_mandatory_contacts(self):
        """Daily: warn the head some days before the period ends when the
        mandatory contact with the chair or vice-chair has not happened.
        Idempotent: one activity per estate, period and role."""
        today = self.env.company._hoa_today()
        communities = self.search(
            [("committee_id", "!=", False), ("manager_id", "!=", False)]
        )
        status = communities._mandatory_contact_status(today)
        for community in communities:
            period, chair_ok, vice_ok = status[community]
            # the activity is for the head: in the head's language
            lang = community.manager_id.lang or community.company_id.partner_id.lang
            community = community.with_context(lang=lang or self.env.lang)
            warn_from = period.end - timedelta(
                days=community.company_id.hoa_contact_warning_days
            )
            if today < warn_from:
                continue
            missing = []
            if not chair_ok:
                missing.append(community.env._("the chair"))
            if not vice_ok:
                missing.append(community.env._("the vice-chair"))
            for who in missing:
                summary = community.env._(
                    "%(period)s: contact %(who)s", period=period.label, who=who
                )
                if community.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                    continue
                community.activity_schedule(
                    "hoa_committee.mail_activity_type_deadline",
                    date_deadline=period.end,
                    summary=summary,
                    note=community.env._(
                        "At least one contact with the committee's chair and with its "
                        "vice-chair is required every routine period."
                    ),
                    user_id=community.manager_id.id,
                )
        return True

    def _compute_committee_count(self):
        counts = dict(
            self.env["hoa.committee"]._read_group(
                [("community_id", "in", self.ids)], ["community_id"], ["__count"]
            )
        )
        for community in self:
            community.committee_count = counts.get(community, 0)

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("hoa.inquiry")
        if self.id:
            values["alias_defaults"] = {"community_id": self.id}
        return values

    def _alias_get_error(self, message, message_dict, alias):
        """A new inquiry by email comes from the committee's serving members or
        from people the estate knows, unless the estate takes mail from
        anyone. Others get Odoo's bounce, written by
        ``mail_template_inquiry_mail_refused``."""
        error = super()._alias_get_error(message, message_dict, alias)
        if error or len(self) != 1 or self.inquiry_mail_from_anyone:
            return error
        author = self.env["res.partner"].browse(message_dict.get("author_id"))
        if author and author in self.sudo()._hoa_known_partners():
            return False
        return AliasError(
            "error_hoa_unknown_sender",
            self.env._("restricted to the committee and the people the estate knows"),
        )

    def _hoa_known_partners(self):
        """Who may raise an inquiry by email: the serving members of the active
        committee, the owners and co-owners of the units, the developer, and
        the estate's staff."""
        self.ensure_one()
        committee = self.committee_id.filtered(lambda c: c.state == "active")
        return (
            committee.member_ids.filtered("active").partner_id
            | self.unit_ids.owner_id
            | self.unit_ids.co_owner_ids
            | self.developer_partner_id
            | self.team_user_ids.partner_id
        )

    def action_open_units(self):
        check_staff(self.env)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hoa_committee.hoa_unit_action"
        )
        action["domain"] = [("community_id", "=", self.id)]
        action["context"] = {"default_community_id": self.id}
        return action

    def action_invite_owners(self):
        """Invite every owner of the estate to the portal, in the background:
        opens the invitation run (the running one, if any)."""
        check_head(self.env)
        self.ensure_one()
        self.check_access("write")
        run = self.env["hoa.owner.invitation"].sudo()._hoa_start(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.owner.invitation",
            "res_id": run.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_open_committees(self):
        check_staff(self.env)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hoa_committee.hoa_committee_action"
        )
        action["domain"] = [("community_id", "=", self.id)]
        action["context"] = {"default_community_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Held meetings as contacts; the owners' assembly (issue 17)
    # ------------------------------------------------------------------

    assembly_interval_months = fields.Integer(
        string="Owners' Assembly Every (months)",
        default=12,
        tracking=True,
        help="The committee convenes the owners' assembly (业主大会) at least this "
        "often: once a year, or as the estate's rules of procedure say.",
    )
    assembly_meeting_ids = fields.One2many(
        "hoa.meeting",
        "community_id",
        string="Owners' Assemblies",
        domain=[("meeting_type", "=", "assembly")],
    )
    last_assembly_date = fields.Date(
        string="Last Owners' Assembly",
        compute="_compute_last_assembly_date",
        store=True,
        readonly=False,
        tracking=True,
        help="The day of the last owners' assembly: from the held assembly "
        "meetings, or entered when it was held outside the addon.",
    )
    next_assembly_due = fields.Date(
        string="Next Owners' Assembly Due",
        compute="_compute_next_assembly_due",
        store=True,
        help="The last assembly (else the committee's election) plus the "
        "interval. The head is reminded 30 days before to offer the company's "
        "support; past it, the assembly is overdue.",
    )

    @api.depends("assembly_meeting_ids.state", "assembly_meeting_ids.date_start")
    def _compute_last_assembly_date(self):
        for community in self:
            days = community.assembly_meeting_ids._held_days()
            if community.last_assembly_date:
                days.append(community.last_assembly_date)
            community.last_assembly_date = max(days) if days else False

    @api.depends(
        "last_assembly_date", "assembly_interval_months", "committee_id.election_date"
    )
    def _compute_next_assembly_due(self):
        for community in self:
            since = community.last_assembly_date or community.committee_id.election_date
            community.next_assembly_due = (
                add_months(since, community.assembly_interval_months)
                if since and community.assembly_interval_months > 0
                else False
            )

    @api.constrains("assembly_interval_months")
    def _check_assembly_interval(self):
        for community in self:
            if not 1 <= community.assembly_interval_months <= 60:
                raise ValidationError(
                    self.env._(
                        "The owners' assembly interval of %(estate)s must be between "
                        "1 and 60 months.",
                        estate=community.name,
                    )
                )

    def _held_meeting_roles(self, first, last):
        """``{community id: [(day, roles present)]}``: the routine and special
        meetings held between ``first`` and ``last`` (company days) and the
        committee roles present at each — a held meeting with the chair or a
        vice-chair present is the period's contact with them."""
        meetings = self.env["hoa.meeting"].search(
            [
                ("community_id", "in", self.ids),
                ("meeting_type", "in", ("routine", "special")),
                ("state", "in", ("held", "signed")),
                ("date_start", ">=", datetime.combine(first, time.min) - ONE_DAY),
                ("date_start", "<", datetime.combine(last, time.min) + 2 * ONE_DAY),
            ]
        )
        result = defaultdict(list)
        for meeting in meetings:
            present = meeting.attendance_ids.filtered(
                lambda a: a.present and a.member_id.active
            )
            result[meeting.community_id.id].append(
                (meeting._local_day(), set(present.member_id.mapped("role")))
            )
        return result

    @api.model
    @single_run
    def _cron_remind_assembly(self):
        """Daily: 30 days before the owners' assembly is due, an activity for
        the head to offer the committee the company's support. Once per due
        date."""
        today = self.env.company._hoa_today()
        communities = self.search(
            [
                ("committee_id", "!=", False),
                ("manager_id", "!=", False),
                ("next_assembly_due", "!=", False),
                ("next_assembly_due", "<=", today + ASSEMBLY_NOTICE),
            ]
        )
        for community in communities:
            lang = community.manager_id.lang or community.company_id.partner_id.lang
            community = community.with_context(lang=lang or self.env.lang)
            summary = community.env._(
                "Owners' assembly due by %(day)s: offer the committee our support",
                day=community.next_assembly_due,
            )
            if community.activity_ids.filtered(lambda a, s=summary: a.summary == s):
                continue
            community.activity_schedule(
                "hoa_committee.mail_activity_type_deadline",
                date_deadline=max(community.next_assembly_due, today),
                summary=summary,
                user_id=community.manager_id.id,
            )
        return True
