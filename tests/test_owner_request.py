import base64
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import SCAN
from .portal_common import HoaPortalCase

PNG = base64.b64decode(SCAN)


@tagged("post_install", "-at_install")
class TestOwnerRequest(HoaPortalCase):
    """Owners' questions and complaints: numbered, answered within working
    days, read by their owner only, counted for the committee."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a second owner of estate A with a portal login
        cls.owner_a2 = new_test_user(
            cls.env,
            "hoa_t_owner_a2",
            groups="base.group_portal",
            partner_id=cls.owners[2].id,
            lang="en_US",
        )
        cls.unit_a1 = cls.env["hoa.unit"].search([("owner_id", "=", cls.owners[1].id)])

    def new_request(self, partner=None, **values):
        partner = partner or self.owners[1]
        unit = self.env["hoa.unit"].search([("owner_id", "=", partner.id)], limit=1)
        return (
            self.env["hoa.owner.request"]
            .with_user(self.staff_a)
            .create(
                {
                    "community_id": unit.community_id.id,
                    "partner_id": partner.id,
                    "about": "unit",
                    "unit_id": unit.id,
                    "kind": "complaint",
                    "category": "noise",
                    "description": "楼上夜间装修噪音",
                    **values,
                }
            )
        )

    # ------------------------------------------------------------------
    # Register
    # ------------------------------------------------------------------

    def test_number_and_first_answer_deadline_in_working_days(self):
        # Friday 27 November 2026: three working days are Mon, Tue, Wed
        request = self.new_request(received_date=date(2026, 11, 27))
        self.assertRegex(request.name, r"^TS-2026-\d{4}$")
        self.assertEqual(request.deadline, date(2026, 12, 2))
        self.assertEqual(request.building, "5", "the unit's building")
        self.env.company.hoa_owner_request_answer_days = 5
        self.assertEqual(request.deadline, date(2026, 12, 4))

    def test_staff_answer_late_is_flagged_and_mailed_to_the_owner(self):
        request = self.new_request(received_date=date(2026, 11, 27))
        with freeze_time("2026-12-03"):
            self.assertTrue(request.overdue)
            self.assertIn(
                request,
                self.env["hoa.owner.request"].search([("overdue", "=", True)]),
            )
            self.env.flush_all()
            row = self.env["hoa.overdue"].search(
                [("res_model", "=", request._name), ("res_id", "=", request.id)]
            )
            self.assertEqual(
                (row.kind, row.user_id, row.days_overdue),
                ("owner_request", self.manager_a, 1),
                "on the red list, for the head",
            )
            with self.assertRaises(UserError):
                request.with_user(self.staff_a).action_answer()
            request.with_user(self.staff_a).answer = "已联系楼上业主，夜间停止施工。"
            request.with_user(self.staff_a).action_answer()
        self.assertEqual(request.state, "answered")
        self.assertEqual(request.answered_date, date(2026, 12, 3))
        self.assertEqual(request.answered_by_id, self.staff_a)
        self.assertTrue(request.late)
        self.assertFalse(request.overdue)
        mail = request.message_ids.filtered(
            lambda m: (
                self.owners[1] in m.partner_ids and "夜间停止施工" in (m.body or "")
            )
        )
        self.assertEqual(len(mail), 1, "the answer is sent to the owner")
        self.assertIn(request.name, mail.subject)

    def test_answered_in_time_is_not_late(self):
        request = self.new_request(received_date=date(2026, 11, 27))
        with freeze_time("2026-12-02"):
            request.with_user(self.staff_a).answer = "已处理。"
            request.with_user(self.staff_a).action_answer()
        self.assertFalse(request.late)

    def test_owner_must_own_a_unit_of_the_estate(self):
        with self.assertRaises(ValidationError):
            self.new_request(
                partner=self.owners[1], community_id=self.estate_b.id, unit_id=False
            )
        request = self.new_request()
        self.assertIn(self.owners[1], request.owner_partner_ids)
        self.assertNotIn(self.owners_b[0], request.owner_partner_ids)

    # ------------------------------------------------------------------
    # Clusters
    # ------------------------------------------------------------------

    def test_many_owners_same_issue_prompt_the_head_once(self):
        activity_type = self.env.ref("hoa_committee.mail_activity_type_owner_cluster")
        owners = self.create_owned_units(self.estate_a, 7, "8", 90)
        today = self.env.company._hoa_today()

        def prompts():
            return self.env["mail.activity"].search(
                [
                    ("res_model", "=", "hoa.owner.request"),
                    ("activity_type_id", "=", activity_type.id),
                    (
                        "res_id",
                        "in",
                        self.env["hoa.owner.request"]
                        .search([("community_id", "=", self.estate_a.id)])
                        .ids,
                    ),
                ]
            )

        # one about another building, one too old: not in the cluster
        self.new_request(partner=self.owners[1], received_date=today)
        self.new_request(partner=owners[0], received_date=today - timedelta(days=7))
        for owner in owners[1:5]:
            self.new_request(partner=owner, received_date=today)
        self.assertFalse(prompts(), "4 in 7 days: not yet")
        self.new_request(partner=owners[5], received_date=today - timedelta(days=6))
        self.assertEqual(len(prompts()), 1)
        self.assertEqual(prompts().user_id, self.manager_a)
        self.new_request(partner=owners[6], received_date=today)
        self.assertEqual(len(prompts()), 1, "no second prompt while one is open")
        action = (
            self.env["hoa.owner.request"]
            .browse(prompts().res_id)
            .with_user(self.manager_a)
            .action_plan_special_meeting()
        )
        self.assertEqual(action["res_model"], "hoa.meeting")
        self.assertEqual(action["context"]["default_trigger"], "complaints")
        self.assertEqual(action["context"]["default_committee_id"], self.committee_a.id)

    # ------------------------------------------------------------------
    # Work report
    # ------------------------------------------------------------------

    def test_work_report_lists_owner_complaints_and_outcomes(self):
        in_time = self.new_request(received_date=date(2026, 11, 27))
        late = self.new_request(received_date=date(2026, 11, 27), category="parking")
        self.new_request(received_date=date(2026, 11, 30))
        self.new_request(received_date=date(2026, 11, 30), kind="question")
        with freeze_time("2026-12-01"):
            in_time.answer = "已处理。"
            in_time.action_answer()
        with freeze_time("2026-12-08"):
            late.answer = "已处理。"
            late.action_answer()
        report = self.env["hoa.work.report"].create(
            {
                "community_id": self.estate_a.id,
                "date_from": date(2026, 11, 1),
                "date_to": date(2026, 11, 30),
            }
        )
        report.action_fill()
        self.assertIn(
            "3 owners' complaints received in the period: 1 answered in time, "
            "1 answered late, 1 open.",
            report.complaints,
        )
        self.assertIn(
            "Noise: 2 — 1 answered in time, 0 answered late, 1 open",
            report.complaints,
        )
        self.assertIn(
            "Parking: 1 — 0 answered in time, 1 answered late, 0 open",
            report.complaints,
        )
        self.assertNotIn(self.owners[1].name, report.complaints)

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------

    def test_owner_submits_with_a_photo_and_reads_the_answer(self):
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open("/my/requests/new")
        self.assertIn(self.unit_a1.name, page.text)
        response = self.post(
            "/my/requests/new",
            {
                "kind": "question",
                "category": "repair",
                "about": "unit",
                "unit_id": self.unit_a1.id,
                "description": "Water leaks from the ceiling.",
            },
            files={"attachments": ("leak.png", PNG, "image/png")},
        )
        self.assertIn("o_hoa_success", response.text)
        request = self.env["hoa.owner.request"].search(
            [("description", "=", "Water leaks from the ceiling.")]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.partner_id, self.owners[1])
        self.assertEqual(request.channel, "portal")
        self.assertEqual(request.unit_id, self.unit_a1)
        self.assertEqual(
            self.env["ir.attachment"]
            .search([("res_model", "=", request._name), ("res_id", "=", request.id)])
            .mapped("name"),
            ["leak.png"],
        )
        self.assertIn(request.name, self.url_open("/my/requests").text)
        request.with_user(self.staff_a).answer = "The plumber comes on Tuesday."
        request.with_user(self.staff_a).action_answer()
        page = self.url_open(f"/my/requests/{request.id}")
        self.assertIn("The plumber comes on Tuesday.", page.text)

    def test_portal_refuses_a_document_and_another_owners_unit(self):
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        response = self.post(
            "/my/requests/new",
            {
                "kind": "complaint",
                "category": "noise",
                "about": "unit",
                "unit_id": self.unit_a1.id,
                "description": "Not a photo",
            },
            files={"attachments": ("minutes.pdf", b"%PDF-1.4\n", "application/pdf")},
        )
        self.assertIn("o_hoa_error", response.text)
        self.assertIn("attach photos", response.text)
        other_unit = self.env["hoa.unit"].search([("owner_id", "=", self.owners[2].id)])
        response = self.post(
            "/my/requests/new",
            {
                "kind": "complaint",
                "category": "noise",
                "about": "unit",
                "unit_id": other_unit.id,
                "description": "Someone else's unit",
            },
        )
        self.assertIn("o_hoa_error", response.text)
        self.assertFalse(
            self.env["hoa.owner.request"].search(
                [("description", "in", ("Not a photo", "Someone else's unit"))]
            )
        )

    def test_an_owner_cannot_read_write_or_answer_another_owners_request(self):
        request = self.new_request()
        self.authenticate("hoa_t_owner_a2", "hoa_t_owner_a2")
        self.assertEqual(self.url_open(f"/my/requests/{request.id}").status_code, 404)
        self.assertNotIn(request.name, self.url_open("/my/requests").text)
        result = self.call_kw(
            "hoa.owner.request", "read", [[request.id], ["description"]]
        )
        self.assertIn("error", result)
        # their own neither: owners never write nor answer a request
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        self.assertEqual(self.url_open(f"/my/requests/{request.id}").status_code, 200)
        for method, args in (
            ("write", [[request.id], {"answer": "Done", "description": "x"}]),
            ("action_answer", [[request.id]]),
            ("create", [{"partner_id": self.owners[2].id}]),
        ):
            result = self.call_kw("hoa.owner.request", method, args)
            self.assertIn("error", result, method)
        request.invalidate_recordset()
        self.assertEqual(request.state, "new")
        self.assertFalse(request.answer)
        self.assertEqual(request.description, "楼上夜间装修噪音")
        self.assertEqual(
            self.env["hoa.owner.request"].search_count(
                [("community_id", "=", self.estate_a.id)]
            ),
            1,
        )
        with self.assertRaises(AccessError):
            request.with_user(self.owner_a).action_answer()

    def test_committee_sees_counts_by_category_and_building_without_names(self):
        self.new_request(received_date=self.env.company._hoa_today())
        self.new_request(
            partner=self.owners[2],
            category="parking",
            received_date=self.env.company._hoa_today(),
        )
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open(f"/my/committee/{self.committee_a.id}/requests")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_counts_table", page.text)
        self.assertIn("Noise", page.text)
        self.assertIn("Parking", page.text)
        for name in (self.owners[1].name, self.owners[2].name, "5-201", "5-301"):
            self.assertNotIn(name, page.text)
        # another estate's committee: not found
        page = self.url_open(f"/my/committee/{self.committee_b.id}/requests")
        self.assertEqual(page.status_code, 404)
        self.authenticate("hoa_t_owner_a2", "hoa_t_owner_a2")
        page = self.url_open(f"/my/committee/{self.committee_a.id}/requests")
        self.assertEqual(page.status_code, 404)

    def test_staff_of_another_estate_do_not_see_it(self):
        request = self.new_request()
        self.assertFalse(
            self.env["hoa.owner.request"]
            .with_user(self.staff_b)
            .search([("id", "=", request.id)])
        )
        self.staff_b.groups_id = [Command.link(self.env.ref("base.group_user").id)]
        with self.assertRaises(AccessError):
            request.with_user(self.staff_b).write({"answer": "x"})
