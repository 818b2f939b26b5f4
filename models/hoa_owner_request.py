from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.clusters import cluster_size, is_cluster, window_start
from ..tools.portal_files import check_portal_files, post_portal_submission
from ..tools.selection import selection_label
from .access import check_staff

#: not answered yet
OPEN_STATES = ("new",)

CATEGORIES = [
    ("sanitation", "Sanitation"),
    ("security", "Security and Order"),
    ("repair", "Repairs"),
    ("greenery", "Greenery"),
    ("parking", "Parking"),
    ("noise", "Noise"),
    ("fees", "Fees"),
    ("other", "Other"),
]


class HoaOwnerRequest(models.Model):
    """An owner's question or complaint (业主咨询与投诉, 民法典 art. 943: the
    company answers owners' questions promptly).

    Submitted by the owner in the portal, or recorded by staff from a call or
    a visit; numbered, answered within a number of working days (a company
    setting), the answer shown to the owner in the portal and mailed to them.
    Many requests of one category about one building within a few days
    prompt the service-centre head to propose a special meeting.
    """

    _name = "hoa.owner.request"
    _description = "Owner's Question or Complaint"
    _overdue_states = OPEN_STATES
    _inherit = [
        "hoa.estate.mixin",
        "hoa.input.mixin",
        "hoa.sequence.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hoa.portal.mixin",
        "hoa.workday.deadline.mixin",
        "hoa.state.guard.mixin",
    ]
    _state_guard_fields = ("state", "answered_date", "answered_by_id")
    _portal_path = "/my/requests"
    _order = "received_date desc, id desc"
    _sequence_code = "hoa.owner.request"
    _sequence_date_field = "received_date"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(
        [("question", "Question"), ("complaint", "Complaint")],
        required=True,
        default="question",
        tracking=True,
    )
    category = fields.Selection(
        CATEGORIES, required=True, default="other", tracking=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('id', 'in', owner_partner_ids)]",
    )
    owner_partner_ids = fields.Many2many(
        "res.partner",
        string="Owners of the Estate",
        compute="_compute_owner_partner_ids",
    )
    about = fields.Selection(
        [
            ("unit", "A Unit"),
            ("building", "A Building"),
            ("common", "A Common Part"),
        ],
        required=True,
        default="unit",
        tracking=True,
    )
    unit_id = fields.Many2one(
        "hoa.unit",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain="[('community_id', '=', community_id)]",
    )
    building = fields.Char(
        compute="_compute_building",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The building the request is about: the unit's, or the one named.",
    )
    common_part = fields.Char(
        tracking=True,
        help="公共部位: the lobby, a lift, the car park, the garden…",
    )
    description = fields.Text(required=True)
    channel = fields.Selection(
        [
            ("portal", "Portal"),
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
        tracking=True,
    )
    received_date = fields.Date(
        required=True,
        default=lambda self: self.env.company._hoa_today(),
        tracking=True,
        help="The day the owner raised it; the answer period starts the day after.",
    )
    deadline = fields.Date(
        string="First Answer By",
        compute="_compute_workday_deadlines",
        store=True,
        index=True,
        tracking=True,
        help="The first-answer period counted in working days on the estate's "
        "calendar (the received day is not counted).",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("answered", "Answered"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        default="new",
        tracking=True,
        index=True,
        copy=False,
    )
    answer = fields.Text(help="What the owner reads in the portal and by email.")
    answered_date = fields.Date(string="Answered On", readonly=True, copy=False)
    answered_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    late = fields.Boolean(
        string="Answered Late",
        compute="_compute_late",
        store=True,
        help="Answered after its deadline.",
    )
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Still unanswered after its deadline.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "Request numbers are unique.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------

    @api.depends("community_id")
    def _compute_owner_partner_ids(self):
        Unit = self.env["hoa.unit"].sudo()
        for request in self:
            units = Unit.search(
                [
                    ("community_id", "=", request.community_id.id),
                    ("developer_held", "=", False),
                ]
            )
            request.owner_partner_ids = units.owner_id | units.co_owner_ids

    @api.depends("unit_id", "about")
    def _compute_building(self):
        for request in self:
            if request.about == "unit" and request.unit_id:
                request.building = request.unit_id.building

    @api.depends(
        "received_date",
        "community_id.workday_calendar_id",
        "company_id.hoa_owner_request_answer_days",
    )
    def _compute_workday_deadlines(self):
        groups = {}
        for request in self:
            calendar = request.community_id.workday_calendar_id
            if not (request.received_date and calendar):
                request.deadline = False
                request.workday_data_missing = False
                continue
            key = (calendar, request.company_id.hoa_owner_request_answer_days)
            groups.setdefault(key, []).append(request)
        for (calendar, days), requests in groups.items():
            table = calendar._workday_table()
            deadlines = table.add_working_days_batch(
                [request.received_date for request in requests], days
            )
            for request, deadline in zip(requests, deadlines, strict=True):
                request.deadline = deadline
                request.workday_data_missing = bool(
                    table.missing_years(request.received_date, deadline)
                )

    @api.model
    def _workday_affected_domain(self, dates):
        return [
            ("received_date", "<=", dates[-1]),
            "|",
            ("deadline", ">=", dates[0]),
            ("workday_data_missing", "=", True),
        ]

    @api.depends("answered_date", "deadline")
    def _compute_late(self):
        for request in self:
            request.late = bool(
                request.answered_date
                and request.deadline
                and request.answered_date > request.deadline
            )

    @api.constrains("community_id", "partner_id", "unit_id", "about")
    def _check_about(self):
        for request in self:
            if request.unit_id and request.unit_id.community_id != (
                request.community_id
            ):
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=request.unit_id.name,
                        estate=request.community_id.name,
                    )
                )
            if request.about == "unit" and not request.unit_id:
                raise ValidationError(self.env._("Say which unit it is about."))
            if request.partner_id not in request.owner_partner_ids:
                raise ValidationError(
                    self.env._(
                        "%(owner)s owns no unit in estate %(estate)s.",
                        owner=request.partner_id.name,
                        estate=request.community_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._check_cluster()
        return requests

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def _state_refusal(self, action):
        return self.env._(
            "Request %(name)s is %(state)s: it cannot be %(action)s.",
            name=self.name,
            state=selection_label(self, "state", self.state),
            action=action,
        )

    def action_answer(self):
        """Answer the owner: the answer shows in their portal and is mailed
        to them (an editable template)."""
        check_staff(self.env)
        self.check_access("write")
        self._ensure_state(("new",), self.env._("answered"))
        for request in self:
            if not (request.answer or "").strip():
                raise UserError(
                    self.env._(
                        "Write the answer to request %(name)s first.",
                        name=request.name,
                    )
                )
        today = self.env.company._hoa_today()
        template = self.env.ref("hoa_committee.mail_template_owner_request_answer")
        for request in self:
            request._set_state(
                {
                    "state": "answered",
                    "answered_date": today,
                    "answered_by_id": self.env.user.id,
                }
            )
            request._hoa_notify(template, request.partner_id)
            request.activity_unlink(["hoa_committee.mail_activity_type_deadline"])
        return True

    def action_close(self):
        check_staff(self.env)
        self.check_access("write")
        self._ensure_state(("answered",), self.env._("closed"))
        self._set_state({"state": "closed"})
        return True

    def action_cancel(self):
        check_staff(self.env)
        self.check_access("write")
        self._ensure_state(("new",), self.env._("cancelled"))
        self._set_state({"state": "cancelled"})
        return True

    def action_reopen(self):
        check_staff(self.env)
        self.check_access("write")
        self._ensure_state(("answered", "closed", "cancelled"), self.env._("reopened"))
        self._set_state({"state": "new", "answered_date": False})
        return True

    # ------------------------------------------------------------------
    # Clusters: many owners raising the same thing
    # ------------------------------------------------------------------

    def _check_cluster(self):
        """Prompt the estate's head once when requests of one category about
        one building reach the company's threshold within its window; no
        second prompt while one is open."""
        activity_type = self.env.ref("hoa_committee.mail_activity_type_owner_cluster")
        Request = self.sudo().with_context(active_test=False)
        for request in self.sudo().filtered(
            lambda r: r.building and r.community_id.manager_id and r.state == "new"
        ):
            company = request.company_id
            threshold = company.hoa_owner_request_cluster_count
            window = company.hoa_owner_request_cluster_days
            siblings = Request.search(
                [
                    ("community_id", "=", request.community_id.id),
                    ("category", "=", request.category),
                    ("building", "=", request.building),
                    ("state", "!=", "cancelled"),
                    (
                        "received_date",
                        ">=",
                        window_start(request.received_date, window),
                    ),
                    (
                        "received_date",
                        "<=",
                        request.received_date + timedelta(days=window - 1),
                    ),
                ]
            )
            if not is_cluster(
                siblings.mapped("received_date"),
                request.received_date,
                threshold,
                window,
            ):
                continue
            open_prompt = (
                self.env["mail.activity"]
                .sudo()
                .search_count(
                    [
                        ("res_model", "=", self._name),
                        ("activity_type_id", "=", activity_type.id),
                        (
                            "res_id",
                            "in",
                            Request.search(
                                [
                                    ("community_id", "=", request.community_id.id),
                                    ("category", "=", request.category),
                                    ("building", "=", request.building),
                                ]
                            ).ids,
                        ),
                    ],
                    limit=1,
                )
            )
            if open_prompt:
                continue
            head = request.community_id.manager_id
            category = selection_label(
                self,
                "category",
                request.category,
                self.with_context(lang=head.lang).env,
            )
            request.activity_schedule(
                act_type_xmlid="hoa_committee.mail_activity_type_owner_cluster",
                date_deadline=company._hoa_today(),
                summary=request.with_context(lang=head.lang).env._(
                    "%(count)s owners' requests about %(category)s in building "
                    "%(building)s within %(days)s days: propose a special meeting?",
                    count=cluster_size(
                        siblings.mapped("received_date"),
                        request.received_date,
                        window,
                    ),
                    category=category,
                    building=request.building,
                    days=window,
                ),
                user_id=head.id,
            )

    def action_plan_special_meeting(self):
        """Open a new special meeting, because many owners complain about
        the same thing."""
        self.check_access("write")
        self.ensure_one()
        if not self.community_id.committee_id:
            raise UserError(
                self.env._(
                    "Estate %(estate)s has no active owners' committee.",
                    estate=self.community_id.name,
                )
            )
        category = selection_label(self, "category", self.category)
        return {
            "type": "ir.actions.act_window",
            "res_model": "hoa.meeting",
            "view_mode": "form",
            "context": {
                "default_committee_id": self.community_id.committee_id.id,
                "default_meeting_type": "special",
                "default_trigger": "complaints",
                "default_name": self.env._(
                    "Owners' requests: %(category)s, building %(building)s",
                    category=category,
                    building=self.building or "—",
                ),
            },
        }

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    @api.model
    def _portal_owner_units(self, partner):
        Unit = self.env["hoa.unit"].sudo()
        return Unit.search(Unit._held_by_domain(partner))

    @api.model
    def _portal_submit(self, values, files=()):
        """Create the signed-in owner's request from the portal form, with
        the photos ``files`` (``(name, content)`` pairs). Every check runs
        before anything is written."""
        partner = self.env.user.partner_id
        units = self._portal_owner_units(partner)
        if self.env.user._is_internal() or not units:
            raise AccessError(self.env._("Only owners can submit a request."))
        # sudo: an owner may not read the estate itself
        community = self.env["hoa.community"].sudo().browse(values.get("community_id"))
        if community not in units.community_id:
            raise UserError(self.env._("Choose one of your estates."))
        about = values.get("about")
        if about == "unit":
            unit = units.filtered(lambda u: u.id == values.get("unit_id"))
            if not unit or unit.community_id != community:
                raise UserError(self.env._("Choose one of your units."))
        elif about == "building":
            buildings = set(
                self.env["hoa.unit"]
                .sudo()
                .search([("community_id", "=", community.id)])
                .mapped("building")
            )
            if values.get("building") not in buildings:
                raise UserError(self.env._("Choose a building of your estate."))
        elif about == "common":
            if not (values.get("common_part") or "").strip():
                raise UserError(self.env._("Say which common part it is about."))
        else:
            raise UserError(self.env._("Say what the request is about."))
        files = check_portal_files(self.env, files, photos_only=True)
        record = (
            self.sudo()
            .with_company(community.company_id)
            .create(
                {
                    **values,
                    "partner_id": partner.id,
                    "channel": "portal",
                    "received_date": community.company_id._hoa_today(),
                }
            )
        )
        post_portal_submission(record, partner, files)
        return record

    @api.model
    def _committee_counts(self, committee, date_from, date_to):
        """Requests of the committee's estate received in the period, counted
        by category and building: no owner, no unit."""
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("community_id", "=", committee.community_id.id),
                    ("received_date", ">=", date_from),
                    ("received_date", "<=", date_to),
                    ("state", "!=", "cancelled"),
                ],
                ["category", "building"],
                ["__count"],
            )
        )
        return groups

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _demo_create(self, community_id):
        """Demo: requests of the estate in every state, and five complaints
        about the same thing in one building that prompt the head."""
        community = self.env["hoa.community"].browse(community_id)
        today = community.company_id._hoa_today()
        units = self.env["hoa.unit"].search(
            [
                ("community_id", "=", community.id),
                ("developer_held", "=", False),
                ("owner_id", "!=", False),
            ],
            order="id",
        )
        head = community.manager_id or self.env.user

        def unit_in(building, index):
            return units.filtered(lambda u: u.building == building)[index]

        def about_unit(unit, **values):
            return {
                "community_id": community.id,
                "partner_id": unit.owner_id.id,
                "about": "unit",
                "unit_id": unit.id,
                **values,
            }

        past = [
            about_unit(
                unit_in("1", 0),
                kind="question",
                category="fees",
                channel="phone",
                received_date=today - timedelta(days=12),
                description="想了解今年物业费的收费标准有没有调整。",
                state="answered",
                answer="今年物业费标准未调整，仍按合同约定收取，详见公告栏。",
                answered_date=today - timedelta(days=11),
                answered_by_id=head.id,
            ),
            about_unit(
                unit_in("2", 0),
                kind="complaint",
                category="repair",
                channel="portal",
                received_date=today - timedelta(days=25),
                description="卫生间顶部渗水，楼上漏水已经一周了。",
                state="closed",
                answer="已协调楼上业主维修防水层，渗水已停止。",
                answered_date=today - timedelta(days=15),
                answered_by_id=head.id,
            ),
            about_unit(
                unit_in("2", 1),
                kind="complaint",
                category="greenery",
                channel="visit",
                received_date=today - timedelta(days=20),
                description="楼下绿化带长期未修剪，遮挡一楼窗户。",
                state="answered",
                answer="园林班组已于本周完成修剪，今后每月修剪一次。",
                answered_date=today - timedelta(days=9),
                answered_by_id=head.id,
            ),
        ]
        self._create_in_state(past)
        self.create(
            [
                about_unit(
                    unit_in("1", 1),
                    kind="complaint",
                    category="noise",
                    channel="portal",
                    received_date=today - timedelta(days=1),
                    description="楼上夜间十一点后仍在装修，噪音很大。",
                ),
                {
                    "community_id": community.id,
                    "partner_id": unit_in("4", 0).owner_id.id,
                    "about": "common",
                    "building": "4",
                    "common_part": "地下停车场 B 区",
                    "kind": "complaint",
                    "category": "parking",
                    "channel": "phone",
                    "received_date": today,
                    "description": "地下车库 B 区照明坏了好几盏，晚上很暗。",
                },
            ]
        )
        # five owners of building 3 about the rubbish within a few days
        for index in range(5):
            self.create(
                about_unit(
                    unit_in("3", index),
                    kind="complaint",
                    category="sanitation",
                    channel="portal" if index % 2 else "phone",
                    received_date=today - timedelta(days=4 - index),
                    description="3 号楼垃圾桶满溢，清运不及时，气味很大。",
                )
            )
        return True
