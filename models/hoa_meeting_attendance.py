from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.selection import selection_label, selection_labels
from .access import check_head
from .hoa_domains import USER_DOMAIN

#: the signature of a line
SIGNATURE_FIELDS = frozenset({"signed_at", "sign_method", "signed_ip", "paper_scan_id"})


class HoaMeetingAttendance(models.Model):
    """One attendee of a meeting: a committee member or a staff member, and
    their signature on the minutes."""

    _name = "hoa.meeting.attendance"
    _description = "Meeting Attendance"
    _inherit = ["hoa.input.mixin", "hoa.state.guard.mixin"]
    #: written only by the signing and voiding actions, on create as on write
    _state_guard_fields = tuple(sorted(SIGNATURE_FIELDS))
    _order = "meeting_id, member_id, id"

    meeting_id = fields.Many2one(
        "hoa.meeting", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="meeting_id.company_id")
    member_id = fields.Many2one(
        "hoa.committee.member",
        string="Committee Member",
        index=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Staff",
        domain=USER_DOMAIN,
        ondelete="restrict",
    )
    name = fields.Char(compute="_compute_name", store=True)
    role = fields.Char(compute="_compute_role", help="In the reader's language.")
    present = fields.Boolean()
    signed_at = fields.Datetime(readonly=True, copy=False)
    sign_method = fields.Selection(
        [("web", "Web Client"), ("portal", "Portal"), ("paper", "On Paper")],
        readonly=True,
        copy=False,
    )
    signed_ip = fields.Char(string="Signed From", readonly=True, copy=False)
    paper_scan_id = fields.Many2one(
        "ir.attachment",
        string="Scan of the Signed Page",
        readonly=True,
        copy=False,
        help="A signature on paper is recorded with the scan of the signed page.",
    )

    _sql_constraints = [
        (
            "member_or_user",
            "CHECK((member_id IS NULL) != (user_id IS NULL))",
            "An attendee is either a committee member or a staff member.",
        ),
        (
            "member_once",
            "unique(meeting_id, member_id)",
            "A member attends a meeting once.",
        ),
        ("user_once", "unique(meeting_id, user_id)", "A staff member attends once."),
    ]

    @api.depends("member_id.partner_id.name", "user_id.name")
    def _compute_name(self):
        for line in self:
            line.name = line.member_id.partner_id.name or line.user_id.name

    @api.depends_context("lang")
    @api.depends("member_id.role", "user_id")
    def _compute_role(self):
        roles = selection_labels(self.env["hoa.committee.member"], "role")
        for line in self:
            if line.member_id:
                line.role = roles.get(line.member_id.role)
            else:
                line.role = self.env._("Service centre")

    @api.constrains("member_id", "meeting_id")
    def _check_member_of_committee(self):
        for line in self.filtered("member_id"):
            if line.member_id.committee_id != line.meeting_id.committee_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a member of %(committee)s.",
                        name=line.member_id.partner_id.name,
                        committee=line.meeting_id.committee_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["hoa.meeting"].browse(
            {vals["meeting_id"] for vals in vals_list if vals.get("meeting_id")}
        )._check_frozen("write")
        return super().create(vals_list)

    def write(self, vals):
        # a signature is given, never edited: say so before the freeze;
        # the signing and voiding actions write signatures past the freeze
        self._check_state_guard(vals)
        if not self._in_flow():
            self.meeting_id._check_frozen("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self.meeting_id._check_frozen("write")

    def _sign(self, method="web", ip=None, scan=None):
        """Sign the minutes: only attendees present, only once the meeting
        is held, and each line once. The last signature freezes the meeting."""
        for line in self:
            meeting = line.meeting_id
            if meeting.state != "held":
                raise UserError(
                    self.env._(
                        "The minutes of %(meeting)s can be signed once the meeting is "
                        "held.",
                        meeting=meeting.display_name,
                    )
                )
            if not line.present:
                raise UserError(
                    self.env._(
                        "%(name)s was not present: only attendees sign.", name=line.name
                    )
                )
            if line.signed_at:
                raise UserError(
                    self.env._("%(name)s has already signed.", name=line.name)
                )
        # lock the lines: two concurrent signatures cannot both pass
        self.env.cr.execute(
            "SELECT id FROM hoa_meeting_attendance WHERE id = ANY(%s) AND signed_at IS NULL "
            "FOR UPDATE",
            [self.ids],
        )
        if len(self.env.cr.fetchall()) != len(self):
            raise UserError(self.env._("These minutes have just been signed."))
        now = fields.Datetime.now()
        self._set_state(
            {
                "signed_at": now,
                "sign_method": method,
                "signed_ip": ip or False,
                "paper_scan_id": scan.id if scan else False,
            }
        )
        suffix = f", {ip}" if ip else ""
        for line in self:
            line.meeting_id.message_post(
                body=self.env._(
                    "%(name)s signed the minutes (%(method)s%(ip)s).",
                    name=line.name,
                    method=selection_label(self, "sign_method", method),
                    ip=suffix,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.meeting_id._check_all_signed()
        return True

    def _sign_on_paper(self, scan=None):
        """A head records a signature made on the paper minutes, with the
        scan of the signed page (an attachment of the meeting)."""
        if not self.env.user.has_group("hoa_committee.group_hoa_manager"):
            raise UserError(
                self.env._(
                    "Only a service-centre head records signatures made on paper."
                )
            )
        if not scan:
            raise UserError(
                self.env._(
                    "Attach the scan of the signed page to record a signature made "
                    "on paper."
                )
            )
        return self._sign(method="paper", scan=scan)

    def action_open_paper_sign(self):
        """The dialog where a head uploads the scan of the signed page."""
        check_head(self.env)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Signed on Paper"),
            "res_model": "hoa.meeting.paper.sign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attendance_id": self.id},
        }
