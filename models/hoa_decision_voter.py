from odoo import api, fields, models


class HoaDecisionVoter(models.Model):
    """One voter of a decision's frozen roll: an owner with the area of all
    their units in the estate, or the developer's bloc. One head each."""

    _name = "hoa.decision.voter"
    _description = "Voter"
    _order = "decision_id, is_developer desc, partner_id"
    _rec_name = "partner_id"

    decision_id = fields.Many2one(
        "hoa.decision", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Owner", required=True, index=True, ondelete="restrict"
    )
    is_developer = fields.Boolean(string="Developer's Units")
    area_centi = fields.Integer(
        string="Area (0.01 m²)",
        required=True,
        help="Exact area in hundredths of a square metre, frozen when voting opened.",
    )
    area = fields.Float(string="Area (m²)", compute="_compute_area", digits=(12, 2))
    unit_count = fields.Integer(string="Units")
    unit_names = fields.Text(string="Unit Numbers")
    ballot_id = fields.Many2one("hoa.decision.ballot", compute="_compute_ballot")
    choice = fields.Selection(
        [("agree", "Agree"), ("oppose", "Oppose"), ("abstain", "Abstain")],
        compute="_compute_ballot",
    )

    _sql_constraints = [
        (
            "partner_once",
            "unique(decision_id, partner_id)",
            "An owner appears once on a voter roll.",
        ),
    ]

    @api.depends("area_centi")
    def _compute_area(self):
        for voter in self:
            voter.area = voter.area_centi / 100

    def _compute_ballot(self):
        ballots = self.env["hoa.decision.ballot"].search([("voter_id", "in", self.ids)])
        by_voter = {ballot.voter_id.id: ballot for ballot in ballots}
        for voter in self:
            ballot = by_voter.get(voter.id, self.env["hoa.decision.ballot"])
            voter.ballot_id = ballot
            voter.choice = ballot.choice
