import secrets

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..rules import timestamps
from ..rules.clock import DEFAULT_TZ, local_date
from odoo.addons.base.models.res_partner import _tz_get

#: the longest period or lead time a company may set, in days
MAX_SETTING_DAYS = 730
#: the most members a committee may be set to have
MAX_COMMITTEE_MEMBERS = 99


class ResCompany(models.Model):
    _inherit = "res.company"

    hoa_tz = fields.Selection(
        _tz_get,
        string="Company Time Zone",
        required=True,
        default=DEFAULT_TZ,
        help="Today, every deadline and every overdue flag are dates in this zone, "
        "for everyone and for the scheduled jobs, whatever their own time zone.",
    )
    hoa_committee_min_members = fields.Integer(
        string="Minimum Committee Members",
        default=5,
        help="指导规则: a committee has 5 to 11 members; some cities allow 3.",
    )
    hoa_committee_max_members = fields.Integer(
        string="Maximum Committee Members",
        default=11,
    )
    hoa_committee_odd_members = fields.Boolean(
        string="Odd Number of Committee Members",
        default=True,
    )
    hoa_committee_filing_days = fields.Integer(
        string="Filing Period (days)",
        default=30,
        help="The committee is filed (备案) with the authorities within this many "
        "days of its election.",
    )

    hoa_inquiry_answer_days = fields.Integer(
        string="Inquiry Answer Period (working days)",
        default=3,
        help="A reasonable query, suggestion or request is answered and resolved "
        "within this many working days.",
    )
    hoa_matter_lead_days = fields.Integer(
        string="Application Lead Time (days)",
        default=15,
        help="Applications for work are filed with the committee at least this "
        "many days before the work starts.",
    )
    hoa_incident_notify_days = fields.Integer(
        string="Incident Notification Period (working days)",
        default=2,
        help="An emergency or incident is notified in writing within this many "
        "working days after it happens.",
    )
    hoa_contact_warning_days = fields.Integer(
        string="Contact Warning (days before period end)",
        default=10,
        help="Warn the service-centre head this many days before a routine period "
        "ends when the mandatory contact with the chair or vice-chair is missing.",
    )
    hoa_routine_quarter_day = fields.Integer(
        string="Quarterly Proposal Day",
        default=15,
        help="The routine meeting is proposed on or before this day of the "
        "quarter's first month.",
    )
    hoa_routine_month_day = fields.Integer(
        string="Monthly Proposal Day",
        default=5,
        help="The routine meeting is proposed on or before this day of the month.",
    )
    hoa_meeting_notice_days = fields.Integer(
        string="Special-Meeting Notice (days)",
        default=5,
        help="Written notice and materials reach every member at least this many "
        "days before a special meeting.",
    )
    hoa_meeting_min_members = fields.Integer(
        string="Members Present Without a Resolution",
        default=2,
        help="A meeting that takes no resolution needs at least this many committee "
        "members present.",
    )
    hoa_resolution_publish_days = fields.Integer(
        string="Resolution Publication (days)",
        default=3,
        help="Committee decisions are published within this many days.",
    )
    hoa_decision_reminder_days = fields.Integer(
        string="Voting Reminder (days before closing)",
        default=2,
        help="This many days before voting closes, the owners on the roll who have "
        "not voted get one reminder.",
    )
    hoa_escalation_user_id = fields.Many2one(
        "res.users",
        string="Escalations Go To",
        help="Receives the inquiries a service centre cannot solve, and overdue "
        "ones. Empty: every member of the company's leadership.",
    )

    hoa_tsa_url = fields.Char(
        string="Time-Stamping Authority URL",
        help="The RFC 3161 time-stamping authority (可信时间戳) that timestamps "
        "the chain head of every estate each night. Empty: no timestamps.",
    )
    hoa_tsa_certificate = fields.Text(
        string="Time-Stamping Authority Certificate",
        help="The certificate its tokens are verified against, in PEM: the "
        "authority's own certificate or the CA certificate that issued it. Keep "
        "a former authority's certificate here too, one after the other: its "
        "tokens are verified against it.",
    )
    hoa_tsa_every_seal = fields.Boolean(
        string="Timestamp Every Seal",
        help="Also timestamp every seal soon after it is made, not only each "
        "estate's chain head once a night.",
    )

    @api.constrains("hoa_tsa_url", "hoa_tsa_certificate")
    def _check_hoa_tsa(self):
        for company in self:
            if company.hoa_tsa_url and not company.hoa_tsa_url.startswith(
                ("http://", "https://")
            ):
                raise ValidationError(
                    self.env._(
                        "The time-stamping authority's URL starts with http:// or "
                        "https://."
                    )
                )
            if company.hoa_tsa_certificate:
                try:
                    timestamps.certificates(company.hoa_tsa_certificate)
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "The time-stamping authority's certificate is not a "
                            "PEM certificate (-----BEGIN CERTIFICATE-----)."
                        )
                    ) from error

    @api.constrains(
        "hoa_committee_min_members",
        "hoa_committee_max_members",
        "hoa_committee_filing_days",
        "hoa_inquiry_answer_days",
        "hoa_matter_lead_days",
        "hoa_incident_notify_days",
        "hoa_contact_warning_days",
        "hoa_routine_quarter_day",
        "hoa_routine_month_day",
        "hoa_meeting_notice_days",
        "hoa_meeting_min_members",
        "hoa_resolution_publish_days",
        "hoa_decision_reminder_days",
    )
    def _check_hoa_committee_settings(self):
        for company in self:
            if company.hoa_committee_min_members < 1:
                raise ValidationError(
                    self.env._("A committee needs at least one member.")
                )
            if company.hoa_committee_max_members > MAX_COMMITTEE_MEMBERS:
                raise ValidationError(
                    self.env._(
                        "A committee has at most %(max)s members.",
                        max=MAX_COMMITTEE_MEMBERS,
                    )
                )
            if company.hoa_committee_max_members < company.hoa_committee_min_members:
                raise ValidationError(
                    self.env._(
                        "The maximum number of committee members cannot be lower "
                        "than the minimum."
                    )
                )
            days = (
                company.hoa_inquiry_answer_days,
                company.hoa_matter_lead_days,
                company.hoa_incident_notify_days,
                company.hoa_contact_warning_days,
                company.hoa_meeting_notice_days,
                company.hoa_meeting_min_members,
                company.hoa_resolution_publish_days,
                company.hoa_decision_reminder_days,
            )
            if any(value < 0 for value in days):
                raise ValidationError(
                    self.env._("Periods and lead times cannot be negative.")
                )
            if any(
                value > MAX_SETTING_DAYS
                for value in (*days, company.hoa_committee_filing_days)
            ):
                raise ValidationError(
                    self.env._(
                        "Periods and lead times are at most %(max)s days.",
                        max=MAX_SETTING_DAYS,
                    )
                )
            if not (
                1 <= company.hoa_routine_quarter_day <= 31
                and 1 <= company.hoa_routine_month_day <= 31
            ):
                raise ValidationError(
                    self.env._("A proposal day is a day of the month, 1 to 31.")
                )
            if company.hoa_committee_filing_days < 0:
                raise ValidationError(
                    self.env._("The filing period cannot be negative.")
                )

    def _hoa_today(self):
        """Today in the company's time zone: the one clock of the addon."""
        return self._hoa_date(fields.Datetime.now())

    def _hoa_date(self, moment):
        """The date of ``moment`` (a UTC datetime) in the company's time zone;
        without a company, the current one's."""
        company = self[:1] or self.env.company
        return local_date(company.hoa_tz, moment)

    @api.model
    def _hoa_before_today_domain(self, field_name):
        """Domain of the records whose date ``field_name`` is before the today
        of their own company (each company in its own zone)."""
        return expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    (field_name, "<", company._hoa_today()),
                ]
                for company in self.sudo().with_context(active_test=False).search([])
            ]
        )

    def _hoa_escalation_users(self):
        """Who receives escalations for this company."""
        self.ensure_one()
        if self.hoa_escalation_user_id:
            return self.hoa_escalation_user_id
        leadership = self.env.ref("hoa_committee.group_hoa_leadership")
        return leadership.users.filtered(
            lambda user: (
                self in user.company_ids
                and not user.share
                and user.active
                and user.id != 1
            )
        )

    # ------------------------------------------------------------------
    # Owners' questions and complaints
    # ------------------------------------------------------------------

    hoa_owner_request_answer_days = fields.Integer(
        string="Owner Request Answer Period (working days)",
        default=3,
        help="An owner's question or complaint gets a first answer within this "
        "many working days.",
    )
    hoa_owner_request_cluster_count = fields.Integer(
        string="Same-Issue Requests",
        default=5,
        help="This many owners' requests of one category about one building…",
    )
    hoa_owner_request_cluster_days = fields.Integer(
        string="Same-Issue Window (days)",
        default=7,
        help="…within this many days prompt the head to propose a special meeting.",
    )

    @api.constrains(
        "hoa_owner_request_answer_days",
        "hoa_owner_request_cluster_count",
        "hoa_owner_request_cluster_days",
    )
    def _check_hoa_owner_request_settings(self):
        for company in self:
            values = (
                company.hoa_owner_request_answer_days,
                company.hoa_owner_request_cluster_count,
                company.hoa_owner_request_cluster_days,
            )
            if any(value < 1 for value in values[1:]) or values[0] < 0:
                raise ValidationError(
                    self.env._("Owner request periods and counts must be positive.")
                )
            if any(value > MAX_SETTING_DAYS for value in values):
                raise ValidationError(
                    self.env._(
                        "Periods and lead times are at most %(max)s days.",
                        max=MAX_SETTING_DAYS,
                    )
                )

    # ------------------------------------------------------------------
    # The half-year quality visit
    # ------------------------------------------------------------------

    hoa_quality_user_id = fields.Many2one(
        "res.users",
        string="Half-Year Visits Organised By",
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("hoa_committee.group_hoa_quality").ids),
        ],
        help="The quality department's user who organises the half-year visits. "
        "Empty: the first user of the quality department.",
    )

    def _hoa_quality_user(self):
        """Who organises this company's half-year visits."""
        self.ensure_one()
        if self.hoa_quality_user_id:
            return self.hoa_quality_user_id
        return self._hoa_department_users("hoa_committee.group_hoa_quality")[:1]

    def _hoa_department_users(self, group_xmlid):
        """The active internal users of a department working in this
        company, first created first."""
        self.ensure_one()
        return (
            self.env.ref(group_xmlid)
            .users.filtered(
                lambda user: (
                    self in user.company_ids
                    and not user.share
                    and user.active
                    and user.id != 1
                )
            )
            .sorted("id")
        )

    hoa_evaluation_low_score = fields.Integer(
        string="Low Evaluation Score",
        default=2,
        help="A committee's score (1–5) at or below this becomes an action item "
        "for the service-centre head when the evaluation is submitted.",
    )

    @api.constrains("hoa_evaluation_low_score")
    def _check_hoa_evaluation_low_score(self):
        for company in self:
            if not 0 <= company.hoa_evaluation_low_score <= 5:
                raise ValidationError(
                    self.env._(
                        "The low evaluation score is on the 1–5 scale (0 turns "
                        "the action items off)."
                    )
                )

    hoa_routine_reminder_days = fields.Integer(
        string="Routine Meeting Reminder (days before the period ends)",
        default=10,
        help="When a routine period's meeting is neither held nor scheduled this "
        "many days before the period ends, the head is reminded.",
    )

    @api.constrains("hoa_routine_reminder_days")
    def _check_hoa_routine_reminder_days(self):
        for company in self:
            if not 0 <= company.hoa_routine_reminder_days <= MAX_SETTING_DAYS:
                raise ValidationError(
                    self.env._(
                        "Periods and lead times are at most %(max)s days.",
                        max=MAX_SETTING_DAYS,
                    )
                )

    # ------------------------------------------------------------------
    # Mediations
    # ------------------------------------------------------------------

    hoa_mediation_escalation_days = fields.Integer(
        string="Disagreement Escalation (days)",
        default=15,
        help="A disagreement between a service centre and its committee still "
        "unresolved this many days after it was opened is escalated to the "
        "company's leadership.",
    )

    @api.constrains("hoa_mediation_escalation_days")
    def _check_hoa_mediation_escalation_days(self):
        for company in self:
            days = company.hoa_mediation_escalation_days
            if not 1 <= days <= MAX_SETTING_DAYS:
                raise ValidationError(
                    self.env._(
                        "The disagreement escalation period is 1 to %(max)s days.",
                        max=MAX_SETTING_DAYS,
                    )
                )

    # ------------------------------------------------------------------
    # SMS and WeCom (the providers are in providers/)
    # ------------------------------------------------------------------

    hoa_sms_provider = fields.Selection(
        [
            ("none", "None"),
            ("aliyun", "Aliyun SMS"),
            ("tencent", "Tencent Cloud SMS"),
        ],
        string="SMS Provider",
        default="none",
        required=True,
        help="The service that sends text messages; messages are its approved "
        "templates (template code and parameters).",
    )
    hoa_sms_access_key_id = fields.Char(
        string="SMS AccessKey ID",
        groups="base.group_system",
        copy=False,
        help="Aliyun AccessKey ID, or Tencent Cloud SecretId.",
    )
    hoa_sms_access_key_secret = fields.Char(
        string="SMS AccessKey Secret",
        groups="base.group_system",
        copy=False,
        help="Aliyun AccessKey Secret, or Tencent Cloud SecretKey.",
    )
    hoa_sms_sign_name = fields.Char(
        string="SMS Signature Name",
        help="The signature (签名) approved by the provider, shown in 【】 before "
        "every message.",
    )
    hoa_sms_region = fields.Char(
        string="SMS Region",
        help="Empty: cn-hangzhou for Aliyun, ap-guangzhou for Tencent Cloud.",
    )
    hoa_sms_sdk_app_id = fields.Char(
        string="SMS SdkAppId",
        help="Tencent Cloud only: the SmsSdkAppId of the SMS application.",
    )
    hoa_sms_endpoint = fields.Char(
        string="SMS Endpoint",
        help="Empty: the provider's public endpoint. Set it for a private gateway "
        "or a test server, as host:port or http://host:port.",
    )
    hoa_wecom_corp_id = fields.Char(
        string="WeCom Corp ID",
        help="The company's WeCom corp ID (企业ID), for application messages.",
    )
    hoa_wecom_agent_id = fields.Char(
        string="WeCom AgentId",
        help="The AgentId of the WeCom application that sends the messages.",
    )
    hoa_wecom_secret = fields.Char(
        string="WeCom Application Secret",
        groups="base.group_system",
        copy=False,
    )
    hoa_wecom_api_base = fields.Char(
        string="WeCom API Address",
        help="Empty: https://qyapi.weixin.qq.com. Set it for a proxy or a test server.",
    )
    hoa_receipt_token = fields.Char(
        string="Delivery Receipt Token",
        groups="base.group_system",
        copy=False,
        readonly=True,
        help="The secret in the delivery receipt addresses given to the SMS "
        "provider; made on first use.",
    )

    def _hoa_receipt_token(self):
        """The company's delivery receipt token, made on first use."""
        self.ensure_one()
        company = self.sudo()
        if not company.hoa_receipt_token:
            company.hoa_receipt_token = secrets.token_urlsafe(32)
        return company.hoa_receipt_token

    def _hoa_receipt_url(self, provider):
        """The address the SMS ``provider`` (aliyun, tencent) posts its
        delivery receipts to."""
        self.ensure_one()
        token = self._hoa_receipt_token()
        return f"{self.get_base_url()}/hoa/receipts/{provider}/{token}"
