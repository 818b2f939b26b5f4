from odoo.tests import HttpCase, tagged

from .common import HoaCommitteeCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, HoaCommitteeCase):
    def test_member_opens_my_and_own_committee(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/committees", response.text)

        response = self.url_open("/my/committees")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Estate A committee", response.text)
        self.assertNotIn("Estate B committee", response.text)

        response = self.url_open(f"/my/committees/{self.committee_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.committee_a.chair_id.name, response.text)

    def test_member_cannot_open_other_committee(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        for committee_id in (self.committee_b.id, self.committee_c.id, 999999):
            response = self.url_open(f"/my/committees/{committee_id}")
            self.assertEqual(response.status_code, 404, committee_id)
            self.assertNotIn("Estate B committee", response.text)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/committees", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
