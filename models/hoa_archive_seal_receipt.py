from odoo import api, fields, models
from odoo.exceptions import UserError

#: what changes on a received hash: the first time its member saw it in the
#: portal; the link to its seal is cleared only by the seal's deletion (in SQL)
RECEIPT_WRITABLE = {"portal_seen_at"}


class HoaArchiveSealReceipt(models.Model):
    """A seal's hash as it was given to one committee member: when, by which
    channel, and the evidence (the email, the member opening it in the
    portal). It names its link by estate and number, not only by the seal:
    Verify compares the chain with these, so that a chain recomputed after a
    change (rewritten) or whose newest seals were deleted (truncated) is
    found, and a record a received hash names stays frozen."""

    _name = "hoa.archive.seal.receipt"
    _description = "Received Seal Hash"
    _order = "community_id, sequence desc, id"
    _rec_name = "chain_hash"

    seal_id = fields.Many2one(
        "hoa.archive.seal", readonly=True, index=True, ondelete="set null"
    )
    community_id = fields.Many2one(
        "hoa.community", string="Estate", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        related="community_id.company_id", store=True, index=True
    )
    sequence = fields.Integer(string="Link", required=True, readonly=True)
    chain_hash = fields.Char(string="Hash Given", required=True, readonly=True)
    name = fields.Char(string="Sealed Record", readonly=True)
    res_model = fields.Char(readonly=True, index=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Given To", required=True, readonly=True, index=True
    )
    channel = fields.Selection(
        [("email", "Email and Portal"), ("portal", "Portal")],
        string="Sent Through",
        required=True,
        readonly=True,
    )
    sent_at = fields.Datetime(string="Given On", required=True, readonly=True)
    mail_id = fields.Many2one("mail.mail", string="Email", readonly=True)
    mail_state = fields.Selection(related="mail_id.state", string="Email Status")
    portal_seen_at = fields.Datetime(string="Seen in the Portal", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        """The link is copied from the seal: the receipt outlives it."""
        for vals in vals_list:
            seal = self.env["hoa.archive.seal"].sudo().browse(vals["seal_id"])
            vals.update(
                {
                    "community_id": seal.community_id.id,
                    "sequence": seal.sequence,
                    "chain_hash": seal.chain_hash,
                    "name": seal.name,
                    "res_model": seal.res_model,
                    "res_id": seal.res_id,
                }
            )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - RECEIPT_WRITABLE or (
            "portal_seen_at" in vals and any(self.mapped("portal_seen_at"))
        ):
            raise UserError(
                self.env._("A hash given to the committee is never changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A hash given to the committee is never deleted."))

    def _mark_seen(self):
        """The member saw these hashes in the portal: the first time counts."""
        unseen = self.sudo().filtered(lambda r: not r.portal_seen_at)
        if unseen:
            unseen.write({"portal_seen_at": fields.Datetime.now()})
