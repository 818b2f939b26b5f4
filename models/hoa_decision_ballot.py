from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HoaDecisionBallot(models.Model):
    """One voter's ballot on a decision: one per voter (enforced by the
    database), changeable only while voting is open."""

    _name = "hoa.decision.ballot"
    _description = "Ballot"
    _inherit = ["hoa.input.mixin"]
    _order = "decision_id, cast_date desc, id desc"
    _rec_name = "partner_id"

    decision_id = fields.Many2one(
        "hoa.decision", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Voter", required=True, index=True, ondelete="restrict"
    )
    voter_id = fields.Many2one(
        "hoa.decision.voter",
        string="Roll Entry",
        compute="_compute_voter_id",
        store=True,
        index=True,
        ondelete="restrict",
    )
    area = fields.Float(related="voter_id.area")
    choice = fields.Selection(
        [("agree", "Agree"), ("oppose", "Oppose"), ("abstain", "Abstain")],
        required=True,
    )
    cast_date = fields.Datetime(required=True, default=fields.Datetime.now)
    channel = fields.Selection(
        [("paper", "Paper Ballot"), ("portal", "Portal"), ("proxy", "Proxy")],
        required=True,
        default="paper",
    )
    proxy_name = fields.Char(
        help="Who voted for the owner, with a written authorisation."
    )
    proxy_authorisation = fields.Binary(attachment=True)
    proxy_authorisation_name = fields.Char()
    scan = fields.Binary(string="Scanned Ballot", attachment=True)
    scan_name = fields.Char()

    _sql_constraints = [
        (
            "voter_once",
            "unique(decision_id, partner_id)",
            "A voter casts one ballot per decision.",
        ),
    ]

    @api.depends("decision_id", "partner_id")
    def _compute_voter_id(self):
        voters = self.env["hoa.decision.voter"].search(
            [
                ("decision_id", "in", self.decision_id.ids),
                ("partner_id", "in", self.partner_id.ids),
            ]
        )
        by_key = {(v.decision_id.id, v.partner_id.id): v for v in voters}
        for ballot in self:
            ballot.voter_id = by_key.get(
                (ballot.decision_id.id, ballot.partner_id.id), False
            )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = self.env["hoa.decision"].browse(
            {vals.get("decision_id") for vals in vals_list if vals.get("decision_id")}
        )
        decisions._check_voting_open()
        self._check_no_duplicates(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        (
            self.decision_id | self.env["hoa.decision"].browse(vals.get("decision_id"))
        )._check_voting_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_open(self):
        self.decision_id._check_voting_open()

    def _check_no_duplicates(self, vals_list):
        keys = [(vals.get("decision_id"), vals.get("partner_id")) for vals in vals_list]
        seen, twice = set(), set()
        for key in keys:
            (twice if key in seen else seen).add(key)
        existing = self.sudo().search(
            [
                ("decision_id", "in", [k[0] for k in keys]),
                ("partner_id", "in", [k[1] for k in keys]),
            ]
        )
        twice |= {(b.decision_id.id, b.partner_id.id) for b in existing} & seen
        on_roll = {
            (v.decision_id.id, v.partner_id.id)
            for v in self.env["hoa.decision.voter"]
            .sudo()
            .search(
                [
                    ("decision_id", "in", [k[0] for k in keys]),
                    ("partner_id", "in", [k[1] for k in keys]),
                ]
            )
        }
        for decision_id, partner_id in keys:
            if (decision_id, partner_id) not in on_roll:
                raise ValidationError(
                    self.env._(
                        "%(voter)s is not on the voter roll of %(decision)s.",
                        voter=self.env["res.partner"].browse(partner_id).sudo().name,
                        decision=self.env["hoa.decision"]
                        .browse(decision_id)
                        .sudo()
                        .name,
                    )
                )
        if twice:
            decision_id, partner_id = min(twice)
            raise ValidationError(
                self.env._(
                    "%(voter)s has already voted on %(decision)s: change that ballot "
                    "instead of adding another.",
                    voter=self.env["res.partner"].browse(partner_id).sudo().name,
                    decision=self.env["hoa.decision"].browse(decision_id).sudo().name,
                )
            )

    @api.constrains("voter_id", "partner_id")
    def _check_on_roll(self):
        for ballot in self:
            if not ballot.voter_id:
                raise ValidationError(
                    self.env._(
                        "%(voter)s is not on the voter roll of %(decision)s.",
                        voter=ballot.partner_id.name,
                        decision=ballot.decision_id.name,
                    )
                )

    @api.constrains("channel", "proxy_name")
    def _check_proxy(self):
        for ballot in self:
            if ballot.channel == "proxy" and not (ballot.proxy_name or "").strip():
                raise ValidationError(
                    self.env._(
                        "A proxy ballot for %(voter)s needs the proxy's name and the "
                        "written authorisation.",
                        voter=ballot.partner_id.name,
                    )
                )
