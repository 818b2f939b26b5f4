from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import serve_notice_in_time
from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestLifecycleTours(HoaPortalCase):
    """The committee's first meeting and the publication of resolutions, in
    headless Chromium, in Chinese, as the service-centre head does it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.lang = "zh_CN"
        cls.env.registry.clear_cache()

    def test_head_records_the_first_meeting(self):
        committee = self.create_committee(
            self.estate_a,
            5,
            name="第二届业主委员会",
            election_date=date(2026, 3, 2),
            term_start=date(2026, 3, 2),
            term_end=date(2031, 3, 1),
        )
        self.assertTrue(committee.first_meeting_late)
        self.start_tour("/odoo", "hoa_lifecycle_first_meeting", login="hoa_t_manager_a")
        self.assertEqual(committee.first_meeting_date, date(2026, 3, 9))
        self.assertFalse(committee.first_meeting_late)

    def test_head_publishes_resolutions_before_the_signatures(self):
        meeting = self.env["hoa.meeting"].create(
            {
                "name": "决议公布会议",
                "committee_id": self.committee_a.id,
                "meeting_type": "special",
                "requires_resolution": True,
                "date_start": datetime(2026, 3, 20, 1, 30),
                "location": "物业服务中心会议室",
                "notice_date": date(2026, 3, 10),
            }
        )
        serve_notice_in_time(meeting)
        meeting.action_propose()
        for line in meeting.attendance_ids.filtered("member_id")[:3]:
            line.present = True
        meeting.action_hold()
        resolution = self.env["hoa.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "同意更换3号楼电梯"}
        )
        resolution.vote_ids.filtered(lambda v: v.vote != "absent").write(
            {"vote": "agree"}
        )
        self.assertEqual(meeting.state, "held")
        self.start_tour(
            "/odoo", "hoa_lifecycle_publish_resolutions", login="hoa_t_manager_a"
        )
        self.assertEqual(resolution.published_date, self.env.company._hoa_today())
        self.assertEqual(meeting.state, "held", "the minutes are still to sign")

    def test_rpc_cannot_publish_or_backdate(self):
        """Through JSON-RPC: a committee member cannot publish, nobody writes
        the publication date or a first meeting's lateness directly, and a
        refusal leaves nothing behind."""
        resolution = self.committee_resolution(self.committee_a, agree=3)
        meeting = resolution.meeting_id
        committee = self.committee_a
        self.env.flush_all()
        probes = [
            ("hoa_t_portal_a", "hoa.meeting.resolution", "action_publish", {}),
            ("hoa_t_portal_a", "hoa.meeting", "action_publish_resolutions", {}),
            (
                "hoa_t_manager_a",
                "hoa.meeting.resolution",
                "write",
                {"published_date": "2026-03-20"},
            ),
            (
                "hoa_t_manager_a",
                "hoa.meeting.resolution",
                "write",
                {"publish_deadline": "2099-12-31"},
            ),
            (
                "hoa_t_manager_a",
                "hoa.committee",
                "write",
                {"first_meeting_deadline": "2099-12-31"},
            ),
            (
                "hoa_t_portal_a",
                "hoa.committee",
                "write",
                {"first_meeting_date": "2025-03-05"},
            ),
        ]
        records = {
            "hoa.meeting.resolution": resolution,
            "hoa.meeting": meeting,
            "hoa.committee": committee,
        }
        for login, model, method, values in probes:
            with self.subTest(login=login, model=model, method=method, values=values):
                self.authenticate(login, login)
                record = records[model]
                before = record.sudo().read()[0]
                args = [record.ids, values] if method == "write" else [record.ids]
                for context in ({}, {"hoa_state_flow": True}):
                    answer = self.call_kw(model, method, args, {"context": context})
                    self.assertIn("error", answer, f"{login} {model}.{method}")
                record.invalidate_recordset()
                self.assertEqual(record.sudo().read()[0], before)
        self.assertFalse(resolution.published_date)

    def test_portal_shows_the_revocation_window(self):
        resolution = self.committee_resolution(self.committee_a, agree=3)
        with freeze_time("2026-03-23 02:00:00"):
            resolution.action_publish()
        decision = (
            self.env["hoa.decision"]
            .sudo()
            ._create_in_state(
                [
                    {
                        "name": "续聘物业服务企业",
                        "community_id": self.estate_a.id,
                        "item": "management_company",
                        "state": "published",
                        "published_date": date(2025, 5, 1),
                    }
                ]
            )
        )
        self.env.flush_all()
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(f"/my/resolutions/{resolution.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_objection_end", page.text)
        self.assertIn("03/23/2027", page.text)
        page = self.url_open(f"/my/decisions/{decision.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_objection_end", page.text)
        self.assertIn("05/06/2026", page.text)
