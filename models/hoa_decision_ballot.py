from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.selection import selection_labels

#: what a correction of an entered ballot changes, with its reason
_CORRECTED_FIELDS = (
    "partner_id",
    "choice",
    "channel",
    "cast_date",
    "proxy_name",
    "proxy_authorisation",
    "scan",
)


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
    correction_reason = fields.Char(
        string="Reason for Correction",
        copy=False,
        help="Why an entered ballot was corrected: required to change it, and "
        "written on the decision's record.",
    )

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
        # rights first: nothing about the roll or the ballots is told to
        # someone who may not enter ballots on these decisions
        self._check_may_enter(decisions)
        if not self.env.su and any(
            vals.get("channel") == "portal" for vals in vals_list
        ):
            raise UserError(self._portal_only_message())
        decisions._check_frozen("write")  # a published result is sealed
        decisions._check_voting_open()
        self._check_no_duplicates(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_may_enter(self.decision_id)
            if "decision_id" in vals and any(
                ballot.decision_id.id != vals["decision_id"] for ballot in self
            ):
                raise UserError(
                    self.env._("A ballot stays on the decision it was cast on.")
                )
            if vals.get("channel") == "portal" or any(
                ballot.channel == "portal" for ballot in self
            ):
                raise UserError(self._portal_only_message())
        self.decision_id._check_frozen("write")
        self.decision_id._check_voting_open()
        corrections = self._corrections(vals)
        result = super().write(vals)
        for ballot, changes in corrections:
            ballot.decision_id.message_post(
                body=self.env._(
                    "The ballot of %(voter)s was corrected (%(changes)s): %(reason)s",
                    voter=ballot.partner_id.display_name,
                    changes="; ".join(changes),
                    reason=vals["correction_reason"].strip(),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        self.decision_id._check_frozen("write")
        raise UserError(
            self.env._(
                "Ballots are never deleted: correct an entered ballot with the "
                "reason instead."
            )
        )

    def _check_may_enter(self, decisions):
        """Ballots are entered by the company's staff of the estate (or by
        the owner himself, through the portal cast, which runs as sudo)."""
        if self.env.su:
            return
        self.check_access("write" if self else "create")
        if not (
            self.env.user.has_group("hoa_committee.group_hoa_user")
            and decisions.has_access("write")
        ):
            raise AccessError(
                self.env._("You may not enter or change ballots of this vote.")
            )

    def _portal_only_message(self):
        return self.env._(
            "A ballot cast in the portal is the owner's own: only the owner changes "
            "it, in the portal, while voting is open."
        )

    def _corrections(self, vals):
        """``[(ballot, [change, ...])]`` for what ``vals`` changes in entered
        ballots; a change needs the reason in ``correction_reason``. An
        attachment added where there was none is not a correction."""
        if self.env.su:
            return []
        corrections = []
        for ballot in self:
            changes = []
            for name in _CORRECTED_FIELDS:
                if name not in vals:
                    continue
                field = self._fields[name]
                if field.type == "binary":
                    if ballot[name]:
                        changes.append(field._description_string(self.env))
                    continue
                new = self.new({name: vals[name]})[name]
                if ballot[name] == new or not (ballot[name] or new):
                    continue
                changes.append(
                    f"{field._description_string(self.env)}: "
                    f"{self._display(name, ballot[name])} → {self._display(name, new)}"
                )
            if changes:
                corrections.append((ballot, changes))
        if corrections and not (vals.get("correction_reason") or "").strip():
            raise UserError(
                self.env._(
                    "Correcting an entered ballot needs the reason, which goes on the "
                    "decision's record."
                )
            )
        return corrections

    def _display(self, name, value):
        field = self._fields[name]
        if field.type == "selection":
            return selection_labels(self, name).get(value) or "-"
        if field.type == "many2one":
            return value.display_name or "-"
        return str(value or "-")

    def _check_no_duplicates(self, vals_list):
        """Called once the caller's rights on the decisions are checked: no
        name is told that the caller could not read."""
        keys = [(vals.get("decision_id"), vals.get("partner_id")) for vals in vals_list]
        seen, twice = set(), set()
        for key in keys:
            (twice if key in seen else seen).add(key)
        domain = [
            ("decision_id", "in", [k[0] for k in keys]),
            ("partner_id", "in", [k[1] for k in keys]),
        ]
        existing = self.sudo().search(domain)
        twice |= {(b.decision_id.id, b.partner_id.id) for b in existing} & seen
        voters = self.env["hoa.decision.voter"].sudo().search(domain)
        on_roll = {(v.decision_id.id, v.partner_id.id): v for v in voters}
        for decision_id, partner_id in keys:
            if (decision_id, partner_id) not in on_roll:
                raise ValidationError(
                    self._not_on_roll_message(decision_id, partner_id)
                )
        if twice:
            key = min(twice)
            raise ValidationError(
                self.env._(
                    "%(voter)s has already voted on %(decision)s: change that ballot "
                    "instead of adding another.",
                    voter=on_roll[key].with_env(self.env).display_name,
                    decision=self.env["hoa.decision"].browse(key[0]).display_name,
                )
            )

    def _not_on_roll_message(self, decision_id, partner_id):
        """Read in the caller's own rights, once they are checked."""
        return self.env._(
            "%(voter)s is not on the voter roll of %(decision)s.",
            voter=self.env["res.partner"].browse(partner_id).display_name,
            decision=self.env["hoa.decision"].browse(decision_id).display_name,
        )

    @api.constrains("voter_id", "partner_id")
    def _check_on_roll(self):
        for ballot in self:
            if not ballot.voter_id:
                raise ValidationError(
                    self._not_on_roll_message(
                        ballot.decision_id.id, ballot.partner_id.id
                    )
                )

    @api.constrains("channel", "scan")
    def _check_scan(self):
        """A ballot entered from paper, by the owner or by a proxy, stands on
        the signed paper: its scan is the evidence of the vote. A ballot cast
        in the portal is electronic and has none."""
        for ballot in self.with_context(bin_size=True):
            if ballot.channel != "portal" and not ballot.scan:
                raise ValidationError(
                    self.env._(
                        "The ballot of %(voter)s is entered from paper: attach the "
                        "scan of the signed ballot, which is the evidence of the vote.",
                        voter=ballot.partner_id.name,
                    )
                )

    @api.constrains("channel", "proxy_name", "proxy_authorisation")
    def _check_proxy(self):
        for ballot in self:
            if ballot.channel == "proxy" and not (
                (ballot.proxy_name or "").strip() and ballot.proxy_authorisation
            ):
                raise ValidationError(
                    self.env._(
                        "A proxy ballot for %(voter)s needs the proxy's name and the "
                        "written authorisation.",
                        voter=ballot.partner_id.name,
                    )
                )
