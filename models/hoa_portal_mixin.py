from markupsafe import Markup

from odoo import models


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

    def _post_portal_link(self, text, link_label, partners, **kwargs):
        """Post ``text`` to ``partners`` as a comment (they are emailed), with
        a link to the record's portal page."""
        self.ensure_one()
        return self.message_post(
            body=Markup('<p>%s</p><p><a href="%s">%s</a></p>')
            % (text, self.get_base_url() + self.get_portal_url(), link_label),
            partner_ids=partners.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            **kwargs,
        )
