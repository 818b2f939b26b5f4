from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.evaluation import AREAS, average, is_period, low_areas, unscored
from ..rules.periods import half_year_of
from ..tools.selection import selection_labels
from .access import check_head

#: what the head has to answer a low score by
LOW_SCORE_ACTION_DAYS = 14


class HoaEvaluation(models.Model):
    """The owners' committee's evaluation of the service centre (业委会测评)
    for a half year: a score from 1 to 5 and a comment per area, and a
    general comment. The head opens it for the committee; a member fills it
    in the portal and submits it; the members who took part sign it there.
    Submitted, it no longer changes, and each low score becomes an action
    item for the head."""

    _name = "hoa.evaluation"
    _description = "Committee's Evaluation of the Service Centre"
    _inherit = [
        "hoa.committee.record.mixin",
        "hoa.archive.mixin",
        "hoa.state.guard.mixin",
        "hoa.responsible.mixin",
        "hoa.portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _state_guard_fields = (
        "state",
        "opened_date",
        "filled_by_id",
        "submitted_at",
    )
    _order = "period desc, id desc"
    _sequence_code = "hoa.evaluation"
    _portal_path = "/my/committee/evaluations"
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    period = fields.Char(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: half_year_of(self.env.company._hoa_today()).label,
        help="The half year evaluated, such as 2026-H1.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("open", "Open to the Committee"),
            ("submitted", "Submitted"),
        ],
        required=True,
        readonly=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    opened_date = fields.Date(readonly=True, copy=False)
    line_ids = fields.One2many(
        "hoa.evaluation.line",
        "evaluation_id",
        string="Scores",
        default=lambda self: [Command.create({"area": area}) for area in AREAS],
        help="Each area scored from 1 (very poor) to 5 (very good).",
    )
    general_comment = fields.Text()
    filled_by_id = fields.Many2one(
        "res.partner",
        string="Filled In By",
        readonly=True,
        copy=False,
        help="The committee member who submitted the evaluation in the portal.",
    )
    submitted_at = fields.Datetime(readonly=True, copy=False)
    signature_ids = fields.One2many(
        "hoa.evaluation.signature", "evaluation_id", string="Signatures"
    )
    average_score = fields.Float(
        compute="_compute_average_score",
        store=True,
        digits=(3, 2),
        aggregator="avg",
        help="The mean of the area scores (1–5).",
    )
    low_score_count = fields.Integer(
        string="Low Scores", compute="_compute_average_score", store=True
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(company_id, name)",
            "Evaluation numbers are unique.",
        ),
        (
            "committee_period_uniq",
            "unique(committee_id, period)",
            "A committee evaluates the service centre once per period.",
        ),
    ]

    @api.depends("line_ids.score", "company_id.hoa_evaluation_low_score")
    def _compute_average_score(self):
        for evaluation in self:
            scores = evaluation._scores()
            evaluation.average_score = average(scores.values())
            evaluation.low_score_count = len(
                low_areas(scores, evaluation.company_id.hoa_evaluation_low_score)
            )

    @api.constrains("period")
    def _check_period(self):
        for evaluation in self:
            if not is_period(evaluation.period):
                raise ValidationError(
                    self.env._(
                        "The period of an evaluation is a half year such as "
                        "2026-H1 or a year such as 2026, not “%(period)s”.",
                        period=evaluation.period,
                    )
                )

    def _scores(self):
        self.ensure_one()
        return {line.area: line.score for line in self.line_ids}

    def _frozen_reason(self):
        self.ensure_one()
        if self.state == "submitted":
            return self.env._(
                "Evaluation %(name)s was submitted by the committee: it no "
                "longer changes.",
                name=self.name,
            )
        return False

    # ------------------------------------------------------------------
    # Back office
    # ------------------------------------------------------------------

    def action_open_for_committee(self):
        """The head (or the quality department) opens the evaluation: the
        committee's members are told, with a link to fill it in the portal."""
        if not self.env.user.has_group("hoa_committee.group_hoa_quality"):
            check_head(self.env)
        self.check_access("write")
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "Evaluation %(name)s is already open to the committee.",
                        name=evaluation.name,
                    )
                )
            evaluation._set_state(
                {"state": "open", "opened_date": self.env.company._hoa_today()}
            )
            # who sits on the committee: read for the caller allowed to open it
            members = evaluation.sudo().committee_id.member_ids.partner_id
            evaluation.sudo()._hoa_notify(
                self.env.ref("hoa_committee.mail_template_evaluation_open"), members
            )
        return True

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def _portal_member(self):
        """The signed-in user's serving membership of this evaluation's
        committee, or an ``AccessError``."""
        self.ensure_one()
        partner = self.env.user.partner_id
        member = self.sudo().committee_id.member_ids.filtered(
            lambda m: m.partner_id == partner
        )[:1]
        if not member or self.sudo().committee_id.state != "active":
            raise AccessError(
                self.env._(
                    "Only the members of the committee fill in and sign its evaluation."
                )
            )
        return member

    def _portal_fill(self, scores, comments, general_comment, submit=False, ip=None):
        """A member saves the scores (``{area: score}``) and comments
        (``{area: text}``) typed in the portal; with ``submit`` the
        evaluation is submitted, signed by them, and the low scores become
        action items. Every check runs before anything is written."""
        self.ensure_one()
        member = self._portal_member()
        evaluation = self.sudo()
        if evaluation.state != "open":
            raise UserError(
                self.env._(
                    "Evaluation %(name)s is not open for filling in.",
                    name=evaluation.name,
                )
            )
        for line in evaluation.line_ids:
            values = {}
            if line.area in scores:
                values["score"] = scores[line.area]
            if line.area in comments:
                values["comment"] = comments[line.area] or False
            if values:
                line.write(values)
        evaluation.general_comment = general_comment or False
        if submit:
            evaluation._submit(member, ip)
        return True

    def _submit(self, member, ip):
        self.ensure_one()
        missing = unscored(self._scores())
        if missing:
            labels = selection_labels(self.env["hoa.evaluation.line"], "area")
            raise UserError(
                self.env._(
                    "Score every area from 1 to 5 before submitting: %(areas)s "
                    "have no score yet.",
                    areas="、".join(labels[area] for area in missing),
                )
            )
        self._set_state(
            {
                "state": "submitted",
                "filled_by_id": member.partner_id.id,
                "submitted_at": fields.Datetime.now(),
            }
        )
        self.env["hoa.evaluation.signature"].sudo().create(
            self._signature_values(member, ip)
        )
        self._schedule_low_score_actions()

    def _signature_values(self, member, ip):
        return {
            "evaluation_id": self.id,
            "member_id": member.id,
            "name": member.partner_id.name,
            "signed_at": fields.Datetime.now(),
            "signed_ip": ip or False,
        }

    def _portal_sign(self, ip=None):
        """A member who took part signs the submitted evaluation, as
        themselves: name, time and IP recorded."""
        self.ensure_one()
        member = self._portal_member()
        evaluation = self.sudo()
        if evaluation.state != "submitted":
            raise UserError(
                self.env._(
                    "Evaluation %(name)s is signed once it is submitted.",
                    name=evaluation.name,
                )
            )
        if member in evaluation.signature_ids.member_id:
            raise UserError(
                self.env._(
                    "You already signed evaluation %(name)s.", name=evaluation.name
                )
            )
        self.env["hoa.evaluation.signature"].sudo().create(
            evaluation._signature_values(member, ip)
        )
        return True

    def _schedule_low_score_actions(self):
        """One to-do for the head per area scored at or below the company's
        threshold. Called once, on submit."""
        self.ensure_one()
        threshold = self.company_id.hoa_evaluation_low_score
        head = self.user_id or self.community_id.manager_id
        if not head:
            return
        # the head's to-do, in the company's language like the chatter
        evaluation = self.with_context(
            lang=self.company_id.partner_id.lang or head.lang or self.env.lang
        )
        labels = selection_labels(evaluation.env["hoa.evaluation.line"], "area")
        deadline = self.env.company._hoa_today() + timedelta(days=LOW_SCORE_ACTION_DAYS)
        for line in self.line_ids:
            if line.area not in low_areas({line.area: line.score}, threshold):
                continue
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                summary=evaluation.env._(
                    "Low score from the committee: %(area)s %(score)s/5",
                    area=labels[line.area],
                    score=line.score,
                ),
                note=line.comment or "",
                user_id=head.id,
            )

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    def _demo_submit(self, scores, comments, general_comment, member_ids):
        """Demo data: the evaluation opened, filled and submitted by the
        first of ``member_ids``, signed by the others (in the portal, as they
        would)."""
        self.ensure_one()
        self.action_open_for_committee()
        members = self.env["hoa.committee.member"].browse(member_ids)
        for line in self.line_ids:
            line.write(
                {
                    "score": scores.get(line.area, 0),
                    "comment": comments.get(line.area) or False,
                }
            )
        self.general_comment = general_comment
        self._submit(members[0], "192.0.2.10")
        self.env["hoa.evaluation.signature"].sudo().create(
            [self._signature_values(member, "192.0.2.10") for member in members[1:]]
        )
        return True
