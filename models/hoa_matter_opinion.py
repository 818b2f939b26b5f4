from odoo import api, fields, models


class HoaMatterOpinion(models.Model):
    """One committee member's own opinion on a report. An opinion is not the
    committee's answer: that is a committee decision, entered from the
    resolution that took it."""

    _name = "hoa.matter.opinion"
    _description = "Committee Member's Opinion on a Report"
    _inherit = ["hoa.input.mixin"]
    _order = "matter_id, date desc, id desc"

    matter_id = fields.Many2one(
        "hoa.matter", string="Report", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(
        "hoa.committee.member", required=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="Name")
    opinion = fields.Selection(
        [
            ("agree", "Agrees"),
            ("disagree", "Disagrees"),
            ("comment", "Comment"),
        ],
        required=True,
        default="comment",
    )
    text = fields.Text(string="Opinion Text")
    date = fields.Datetime(required=True, default=fields.Datetime.now)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_archived(self):
        """An opinion given on a delivered report is part of its archive."""
        self.matter_id._check_frozen("unlink")
