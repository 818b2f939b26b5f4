from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaMeetingVote(models.Model):
    """One member's vote on a resolution (no proxies on the committee)."""

    _name = "hoa.meeting.vote"
    _inherit = ["hoa.input.mixin"]
    _description = "Committee Member's Vote"
    _order = "resolution_id, id"

    resolution_id = fields.Many2one(
        "hoa.meeting.resolution", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(
        "hoa.committee.member", required=True, ondelete="restrict"
    )
    vote = fields.Selection(
        [
            ("agree", "Agree"),
            ("oppose", "Oppose"),
            ("abstain", "Abstain"),
            ("absent", "Absent"),
        ],
        required=True,
        default="absent",
    )

    _sql_constraints = [
        (
            "member_once",
            "unique(resolution_id, member_id)",
            "A member votes once on a resolution.",
        ),
    ]

    @api.constrains("vote", "member_id")
    def _check_presence(self):
        for vote in self:
            line = vote.resolution_id.meeting_id.attendance_ids.filtered(
                lambda a, m=vote.member_id: a.member_id == m
            )
            present = bool(line.present)
            if present == (vote.vote == "absent"):
                raise ValidationError(
                    self.env._(
                        "%(name)s was present and votes, or was absent and cannot "
                        "vote: correct the vote or the attendance.",
                        name=vote.member_id.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hoa.meeting.resolution"].browse(
            {vals["resolution_id"] for vals in vals_list if vals.get("resolution_id")}
        ).meeting_id._check_frozen("write")
        return super().create(vals_list)

    def write(self, vals):
        self.resolution_id._check_meeting_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.resolution_id.meeting_id._check_frozen("write")
