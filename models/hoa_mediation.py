from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from ..tools.batches import run_in_batches
from ..tools.cron_lock import single_run
from .hoa_domains import USER_DOMAIN


class HoaMediation(models.Model):
    """A mediation by the committee (调解记录): work of the service centre
    touching some owners' interests, which the committee is asked to mediate
    (a written report of case c), or a disagreement between the service
    centre and the committee. The parties, every step taken and the outcome
    are recorded; a disagreement still open after the company's set time is
    escalated to leadership."""

    _name = "hoa.mediation"
    _description = "Mediation Record"
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.state.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "opened_date desc, id desc"
    _sequence_code = "hoa.mediation"
    _sequence_date_field = "opened_date"
    _committee_required = False
    _state_guard_fields = ("state", "outcome_date", "escalated_date")

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(
        [
            ("owners_interest", "Work Touching Some Owners' Interests"),
            ("disagreement", "Disagreement Between the Centre and the Committee"),
        ],
        required=True,
        default="owners_interest",
        tracking=True,
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(string="What It Is About")
    matter_id = fields.Many2one(
        "hoa.matter",
        string="Written Report",
        domain="[('community_id', '=', community_id)]",
        index="btree_not_null",
        tracking=True,
        help="The written report (case c) that asked the committee to mediate.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        domain=USER_DOMAIN,
        tracking=True,
    )
    opened_date = fields.Date(
        string="Opened On",
        required=True,
        default=lambda self: self.env.company._hoa_today(),
        tracking=True,
    )
    party_ids = fields.One2many("hoa.mediation.party", "mediation_id", string="Parties")
    step_ids = fields.One2many("hoa.mediation.step", "mediation_id", string="Steps")
    outcome = fields.Html()
    outcome_date = fields.Date(string="Resolved On", readonly=True, copy=False)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("escalated", "Escalated to Leadership"),
            ("resolved", "Resolved"),
        ],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    escalation_deadline = fields.Date(
        compute="_compute_escalation_deadline",
        store=True,
        help="A disagreement not resolved by this day is escalated to the "
        "company's leadership the next day.",
    )
    escalated_date = fields.Date(string="Escalated On", readonly=True, copy=False)

    @api.depends("kind", "opened_date", "company_id.hoa_mediation_escalation_days")
    def _compute_escalation_deadline(self):
        for mediation in self:
            if mediation.kind == "disagreement" and mediation.opened_date:
                days = mediation.company_id.hoa_mediation_escalation_days
                mediation.escalation_deadline = mediation.opened_date + timedelta(
                    days=days
                )
            else:
                mediation.escalation_deadline = False

    @api.depends_context("lang")
    def _compute_display_name(self):
        for mediation in self:
            mediation.display_name = (
                f"{mediation.name} {mediation.subject or ''}".strip()
            )

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def action_resolve(self):
        """Close the mediation with its outcome."""
        self.check_access("write")
        today = self.env.company._hoa_today()
        for mediation in self:
            if mediation.state == "resolved":
                raise UserError(
                    self.env._(
                        "Mediation %(name)s is already resolved.", name=mediation.name
                    )
                )
            if is_html_empty(mediation.outcome):
                raise UserError(
                    self.env._(
                        "Write the outcome of mediation %(name)s before resolving it.",
                        name=mediation.name,
                    )
                )
            if not mediation.party_ids:
                raise UserError(
                    self.env._(
                        "Mediation %(name)s names no party.", name=mediation.name
                    )
                )
            mediation._set_state({"state": "resolved", "outcome_date": today})
            mediation.activity_ids.action_feedback(
                feedback=self.env._("Mediation resolved.")
            )
            mediation.message_post(
                body=self.env._(
                    "Mediation %(name)s resolved on %(date)s.",
                    name=mediation.name,
                    date=today,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_print(self):
        self.check_access("read")
        return self.env.ref("hoa_committee.action_report_mediation").report_action(self)

    # ------------------------------------------------------------------
    # Cron: disagreements left open are escalated, once
    # ------------------------------------------------------------------

    @api.model
    @single_run
    def _cron_escalate(self, batch_size=200):
        """Daily: every disagreement still open after its deadline goes to
        the company's leadership (activity and email), once. Idempotent."""
        today = self.env.company._hoa_today()
        late = self.search(
            [
                ("kind", "=", "disagreement"),
                ("state", "=", "open"),
                ("escalation_deadline", "<", today),
            ],
            limit=batch_size,
        )

        def escalate(mediations):
            for mediation in mediations:
                lang = mediation.company_id.partner_id.lang or self.env.lang
                mediation.with_context(lang=lang)._escalate()

        run_in_batches(
            late, escalate, batch_size, "Escalating mediations", self._cron_escalate
        )
        return True

    def _escalate(self):
        self.ensure_one()
        today = self.company_id._hoa_today()
        recipients = self.company_id._hoa_escalation_users()
        self._set_state({"state": "escalated", "escalated_date": today})
        for user in recipients:
            self.activity_schedule(
                "hoa_committee.mail_activity_type_escalation",
                date_deadline=today,
                summary=self.with_context(lang=user.lang).env._(
                    "Unresolved disagreement %(name)s", name=self.name
                ),
                user_id=user.id,
            )
        if recipients:
            self._hoa_notify(
                self.env.ref("hoa_committee.mail_template_mediation_escalated"),
                recipients.partner_id,
            )
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Disagreement not resolved by %(deadline)s: escalated to %(names)s.",
                deadline=self.escalation_deadline,
                names=", ".join(recipients.mapped("name")) or self.env._("leadership"),
            ),
            subtype_xmlid="mail.mt_note",
        )
