from odoo import api, fields, models


class HoaEvaluationSignature(models.Model):
    """A committee member's signature of a submitted evaluation, given in
    the portal as themselves: their name, the time and the IP address.
    Written only by the portal flow, never edited."""

    _name = "hoa.evaluation.signature"
    _description = "Evaluation Signature"
    _order = "signed_at, id"

    evaluation_id = fields.Many2one(
        "hoa.evaluation", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one("hoa.committee.member", required=True, index=True)
    name = fields.Char(string="Signed By", required=True)
    role = fields.Selection(related="member_id.role")
    signed_at = fields.Datetime(required=True)
    signed_ip = fields.Char(string="Signed From")
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True)

    _sql_constraints = [
        (
            "member_uniq",
            "unique(evaluation_id, member_id)",
            "A member signs an evaluation once.",
        ),
    ]

    def write(self, vals):
        # a signature is what the member gave: never rewritten
        self.evaluation_id._check_frozen("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self.evaluation_id._check_frozen("write")
