from odoo.tests import tagged

from .portal_common import HoaPortalCase
from .test_seal_chain import SealChainFixture


@tagged("post_install", "-at_install")
class TestSealTours(SealChainFixture, HoaPortalCase):
    """The seals in headless Chromium, in Chinese: the administrator's
    Verify and acknowledgement, the member's hash in the portal."""

    def setUp(self):
        super().setUp()
        (self.portal_a | self.admin_both).lang = "zh_CN"
        self.admin_both.company_id = self.env.company
        self.env.registry.clear_cache()

    def test_administrator_verifies_and_acknowledges(self):
        # the letter changed behind the ORM's back: the only failing seal
        self.sql(
            "UPDATE hoa_matter SET subject = '屋面维修（改）' WHERE id = %s",
            [self.matter.id],
        )
        self.start_tour(
            "/odoo/action-hoa_committee.hoa_archive_seal_action",
            "hoa_seal_verify_acknowledge",
            login="hoa_t_admin",
        )
        self.env.invalidate_all()
        self.assertEqual(self.letter_seal.verify_state, "altered")
        self.assertTrue(self.letter_seal.verify_acknowledged)
        self.assertEqual(self.letter_seal.acknowledged_by_id, self.admin_both)
        self.assertIn("标题录入错误", self.letter_seal.acknowledge_reason)
        self.assertEqual(self.statement_seal.verify_state, "ok")

    def test_member_sees_the_hash_in_the_portal(self):
        mine = (self.letter_seal | self.statement_seal).receipt_ids.filtered(
            lambda r: r.partner_id == self.portal_a.partner_id
        )
        self.assertFalse(any(mine.mapped("portal_seen_at")))
        self.start_tour(
            self.matter.access_url,
            "hoa_seal_member_sees_the_hash",
            login="hoa_t_portal_a",
        )
        self.env.invalidate_all()
        self.assertTrue(all(mine.mapped("portal_seen_at")))
