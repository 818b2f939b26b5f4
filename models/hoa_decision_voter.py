from odoo import api, fields, models
from odoo.exceptions import AccessError


class HoaDecisionVoter(models.Model):
    """One voter of a decision's frozen roll: an owner with the area of all
    their units in the estate, or the developer's bloc. One head each."""

    _name = "hoa.decision.voter"
    _description = "Voter"
    # by unit number, as a roll is read out (按房号): sorting by the owners'
    # names joined the roll of 18,000 voters to every partner of the company
    _order = "decision_id, is_developer desc, unit_names, id"
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

    @api.model_create_multi
    def create(self, vals_list):
        decisions = self.env["hoa.decision"].browse(
            {vals.get("decision_id") for vals in vals_list if vals.get("decision_id")}
        )
        self._check_roll_written_by_freeze(decisions)
        return super().create(vals_list)

    def write(self, vals):
        self._check_roll_written_by_freeze()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_freeze(self):
        self._check_roll_written_by_freeze()

    def _check_roll_written_by_freeze(self, decisions=None):
        """The roll is frozen from the estate's units when voting opens, and
        discarded when the vote goes back to draft: nobody writes it by hand,
        whatever their rights (access rights give read only; this holds for
        an administrator too)."""
        decisions = self.decision_id if decisions is None else decisions
        decisions._check_frozen("write")  # a published result is sealed
        if not self.env.su or any(d.state != "draft" for d in decisions.sudo()):
            raise AccessError(
                self.env._(
                    "The voter roll is frozen from the estate's units when voting "
                    "opens: to correct it, reopen the vote to draft with the reason "
                    "and open it again."
                )
            )

    @api.depends("area_centi")
    def _compute_area(self):
        for voter in self:
            voter.area = voter.area_centi / 100

    def _compute_ballot(self):
        """The voter's ballot (one per voter) and its choice, for all these
        voters in one query that reads only the two columns shown."""
        Ballot = self.env["hoa.decision.ballot"]
        saved = [voter_id for voter_id in self.ids if isinstance(voter_id, int)]
        by_voter = {}
        if saved:
            for ballot in Ballot.search_fetch(
                [("voter_id", "in", saved)], ["voter_id", "choice"], order="id"
            ):
                by_voter[ballot.voter_id.id] = ballot
        for voter in self:
            ballot = by_voter.get(voter.id, Ballot)
            voter.ballot_id = ballot
            voter.choice = ballot.choice
