from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.portal_files import check_portal_files, post_portal_submission


class HoaPortalMixin(models.AbstractModel):
    """A record the committee (or an owner) reads in the portal: its page is
    ``<_portal_path>/<id>``, and what the addon tells them about it carries a
    link to that page with the record's access token."""

    _name = "hoa.portal.mixin"
    _inherit = "portal.mixin"
    _description = "Page in the Committee Portal"

    #: the portal list the record's page hangs under, e.g. "/my/decisions"
    _portal_path = None

    def _compute_access_url(self):
        for record in self:
            record.access_url = f"{self._portal_path}/{record.id}"

    # ------------------------------------------------------------------
    # What an owner or a member may post (called from mail.thread)
    # ------------------------------------------------------------------

    def _portal_post_guarded(self):
        """A portal user (or the public) calling the mail API as themselves:
        over RPC, or the addon's portal flows noting what they did. The
        portal chatter posts as superuser, after its own filtering."""
        return not self.env.su and not self.env.user._is_internal()

    def _portal_post_values(self, kwargs):
        """What a portal user may post over RPC: what the portal chatter
        posts (a message, attachments, mentions of the record's followers)."""
        self.ensure_one()
        partner_ids = set(kwargs.get("partner_ids") or ())
        # sudo: which partners follow a record the caller reads
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("partner_id", "in", list(partner_ids)),
                ]
            )
            .partner_id
        )
        if set(kwargs) - self._get_allowed_message_post_params() or (
            partner_ids - set(followers.ids)
        ):
            raise AccessError(
                self.env._(
                    "You can write a message, with attachments, and mention the "
                    "followers of this page; nothing else."
                )
            )
        return kwargs

    # ------------------------------------------------------------------
    # What a committee member submits from the portal
    # ------------------------------------------------------------------

    @api.model
    def _portal_submit(self, values, files=()):
        """Create a record for the current portal user's committee (a
        ``hoa.committee.record.mixin``: its estate and committee are the
        member's), with the uploaded ``files`` (``(name, content)`` pairs) on
        its chatter. Models an owner submits override it.

        Every check runs before anything is written: a refused upload leaves
        no half-created record behind.
        """
        partner = self.env.user.partner_id
        committee = self.env["hoa.committee"]._portal_committee(partner)
        if not committee:
            raise AccessError(
                self.env._("Only members of an active owners' committee can do this.")
            )
        files = check_portal_files(self.env, files)
        committee = committee.sudo()
        record = (
            self.sudo()
            .with_company(committee.company_id)
            .create(
                {
                    **values,
                    "community_id": committee.community_id.id,
                    "committee_id": committee.id,
                }
            )
        )
        post_portal_submission(record, partner, files)
        return record
