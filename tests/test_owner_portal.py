from odoo import Command
from odoo.tests import new_test_user, tagged

from .portal_common import HoaPortalCase


@tagged("post_install", "-at_install")
class TestOwnerPortal(HoaPortalCase):
    """An owner reads in the portal what the law says they may (民法典 arts.
    278, 281–282, 943): their own units and their estate's published
    statements, posted notices, published committee resolutions and vote
    results, with their PDFs; nothing of another estate, no draft, and no
    other owner's unit, phone or email."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # ``owner_a`` owns 5-201 of estate A; Owner 0 (5-101) is a neighbour
        cls.neighbour = cls.owners[0]
        cls.neighbour.write({"phone": "13912345678", "email": "neighbour@example.com"})
        cls.owner_b = new_test_user(
            cls.env,
            "hoa_t_owner_b",
            groups="base.group_portal",
            partner_id=cls.owners_b[0].id,
        )
        cls.owner_b.lang = "en_US"
        cls.env.registry.clear_cache()

    # ------------------------------------------------------------------
    # What the estate publishes
    # ------------------------------------------------------------------

    def published_statement(self, estate):
        statement = self.env["hoa.disclosure"].create(
            {
                "community_id": estate.id,
                "date_from": "2026-07-01",
                "date_to": "2026-09-30",
                "line_ids": [
                    Command.create(
                        {
                            "category": "fund_opening",
                            "name": f"{estate.name} fund account",
                            "amount": 8_420_000,
                        }
                    )
                ],
            }
        )
        statement._publish_unreviewed("test")
        return statement

    def posted_notice(self, committee, title):
        notice = self.notice(committee=committee, title=title)
        notice.action_approve()
        self.assertEqual(notice.state, "posted")
        return notice

    def published_resolution(self, committee, name):
        """A resolution passed at a meeting whose minutes everyone present
        signed, then published."""
        resolution = self.committee_resolution(committee, agree=3, name=name)
        resolution.meeting_id.minutes = "<p>Discussed the fences.</p>"
        resolution.meeting_id.attendance_ids.filtered("present")._sign(
            method="portal", ip="10.0.0.8"
        )
        self.assertEqual(resolution.meeting_id.state, "signed")
        resolution.action_publish()
        return resolution

    def published_decision(self, estate, name):
        decision = self.open_decision(estate=estate, name=name)
        decision.action_close()
        decision.action_publish()
        return decision

    def assert_pdf(self, url, filename):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf", url)
        disposition = response.headers["Content-Disposition"]
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn(filename, disposition)

    def assert_nobody_elses_data(self, text, where):
        for private in (
            self.neighbour.name,
            self.neighbour.phone,
            self.neighbour.email,
            "5-101",
            "5-301",
            "Owner B0",
        ):
            self.assertNotIn(private, text, f"{private} on {where}")

    # ------------------------------------------------------------------
    # The owner's hub
    # ------------------------------------------------------------------

    def test_owner_hub_shows_their_units_and_the_estates_material(self):
        self.published_statement(self.estate_a)
        self.posted_notice(self.committee_a, "Water cut in building 5")
        self.published_decision(self.estate_a, "Repaint the fences")
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/estate"', home.text)
        self.assertIn('href="/my/resolutions"', home.text)
        page = self.url_open("/my/estate")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Estate A", page.text)
        self.assertIn("5-201", page.text)
        self.assertIn("89.50", page.text)
        self.assertIn("Registered", page.text)  # the area basis
        for link in (
            "/my/committee/disclosures",
            "/my/committee/notices",
            "/my/resolutions",
            "/my/decisions",
        ):
            self.assertIn(f'href="{link}"', page.text)
        self.assertNotIn("Estate B", page.text)
        self.assert_nobody_elses_data(page.text, "/my/estate")

    def test_a_portal_user_without_a_unit_is_told_why_the_hub_is_empty(self):
        self.authenticate("hoa_t_portal_a", "hoa_t_portal_a")
        page = self.url_open("/my/estate")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_no_unit", page.text)
        self.assertNotIn("o_hoa_unit", page.text.replace("o_hoa_no_unit", ""))

    # ------------------------------------------------------------------
    # Statements, notices, resolutions, results: estate A's, published
    # ------------------------------------------------------------------

    def test_owner_reads_and_downloads_published_statements_only(self):
        published = self.published_statement(self.estate_a)
        draft = self.statement()
        other = self.published_statement(self.estate_b)
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        listing = self.url_open("/my/committee/disclosures?filterby=all").text
        self.assertIn(published.access_url, listing)
        self.assertNotIn(f'href="{draft.access_url}"', listing)
        self.assertNotIn("Estate B", listing)
        page = self.url_open(published.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Estate A fund account", page.text)
        # the committee's exchange with the centre is not the owner's
        self.assertNotIn("o_portal_chatter", page.text)
        self.assert_nobody_elses_data(page.text, published.access_url)
        url = published.get_portal_url(report_type="pdf", download=True)
        self.assertIn(url.replace("&", "&amp;"), page.text)
        self.assert_pdf(url, published.name)
        for record in (draft, other):
            self.assertEqual(self.url_open(record.access_url).status_code, 404)
            pdf = self.url_open(f"{record.access_url}?report_type=pdf&download=1")
            self.assertEqual(pdf.status_code, 404)

    def test_owner_reads_posted_notices_only(self):
        posted = self.posted_notice(self.committee_a, "Water cut in building 5")
        waiting = self.notice(title="Not reviewed yet")
        other = self.posted_notice(self.committee_b, "B's lift inspection")
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        listing = self.url_open("/my/committee/notices").text
        self.assertIn("Water cut in building 5", listing)
        self.assertNotIn("Not reviewed yet", listing)
        self.assertNotIn("lift inspection", listing)
        page = self.url_open(posted.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Water cut in building 5", page.text)
        self.assertNotIn("o_portal_chatter", page.text)
        self.assert_nobody_elses_data(page.text, posted.access_url)
        for record in (waiting, other):
            self.assertEqual(self.url_open(record.access_url).status_code, 404)

    def test_owner_reads_published_resolutions_not_the_minutes(self):
        published = self.published_resolution(self.committee_a, "Repaint the fences")
        unpublished = self.committee_resolution(
            self.committee_a, agree=3, name="Not published yet"
        )
        other = self.published_resolution(self.committee_b, "B's resolution")
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        listing = self.url_open("/my/resolutions").text
        self.assertIn("Repaint the fences", listing)
        self.assertNotIn("Not published yet", listing)
        self.assertNotIn("B&#39;s resolution", listing)
        url = f"/my/resolutions/{published.id}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Repaint the fences", page.text)
        self.assertIn("Passed", page.text)
        self.assert_nobody_elses_data(page.text, url)
        pdf = f"{url}?report_type=pdf&download=1"
        self.assertIn(pdf.replace("&", "&amp;"), page.text)
        self.assert_pdf(pdf, published.meeting_id.reference)
        for record in (unpublished, other):
            self.assertEqual(
                self.url_open(f"/my/resolutions/{record.id}").status_code, 404
            )
        # the meeting itself (minutes, attendance, each member's vote) is not
        meeting = published.meeting_id
        self.assertEqual(self.url_open(meeting.access_url).status_code, 404)
        for model in ("hoa.meeting", "hoa.meeting.attendance", "hoa.meeting.vote"):
            answer = self.call_kw(model, "search_read", [[]], {"fields": ["id"]})
            self.assertEqual(answer["result"], [], model)
        # the resolution is readable, what hangs on it is not
        answer = self.call_kw(
            "hoa.meeting.resolution",
            "read",
            [published.ids, ["name", "vote_ids", "agree_count"]],
        )["result"]
        self.assertEqual(answer[0]["vote_ids"], [])
        self.assertEqual(answer[0]["agree_count"], 3)

    def test_owner_reads_and_downloads_published_vote_results(self):
        published = self.published_decision(self.estate_a, "Repaint the fences")
        closed = self.open_decision(name="Counting the ballots")
        closed.action_close()
        other = self.published_decision(self.estate_b, "B's decision")
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        page = self.url_open(published.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_result", page.text)
        self.assert_nobody_elses_data(page.text, published.access_url)
        url = published.get_portal_url(report_type="pdf", download=True)
        self.assertIn(url.replace("&", "&amp;"), page.text)
        self.assert_pdf(url, published.reference)
        # a closed vote is not announced yet: no announcement to download
        pdf = self.url_open(f"{closed.access_url}?report_type=pdf&download=1")
        self.assertEqual(pdf.status_code, 404)
        self.assertEqual(self.url_open(other.access_url).status_code, 404)
        self.assertNotIn("B&#39;s decision", self.url_open("/my/decisions").text)

    def test_a_co_owner_not_on_the_roll_reads_the_published_result(self):
        published = self.published_decision(self.estate_a, "Repaint the fences")
        closed = self.open_decision(name="Counting the ballots")
        closed.action_close()
        # co-owner of 5-201 since after the rolls were frozen
        co_owner = new_test_user(self.env, "hoa_t_co_owner", groups="base.group_portal")
        co_owner.lang = "en_US"
        unit = self.env["hoa.unit"].search([("name", "=", "5-201")])
        unit.co_owner_ids = [Command.link(co_owner.partner_id.id)]
        self.assertNotIn(co_owner.partner_id, published.voter_ids.partner_id)
        self.authenticate("hoa_t_co_owner", "hoa_t_co_owner")
        self.assertIn("5-201", self.url_open("/my/estate").text)
        page = self.url_open(published.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_hoa_result", page.text)
        self.assertNotIn("o_hoa_my_vote", page.text)
        self.assert_pdf(
            published.get_portal_url(report_type="pdf", download=True),
            published.reference,
        )
        self.assertEqual(self.url_open(closed.access_url).status_code, 404)

    def test_an_owner_of_b_reads_nothing_of_a(self):
        records = (
            self.published_statement(self.estate_a),
            self.posted_notice(self.committee_a, "A's notice"),
            self.published_decision(self.estate_a, "A's decision"),
        )
        resolution = self.published_resolution(self.committee_a, "A's resolution")
        b_statement = self.published_statement(self.estate_b)
        self.authenticate("hoa_t_owner_b", "hoa_t_owner_b")
        self.assertEqual(self.url_open(b_statement.access_url).status_code, 200)
        for record in records:
            self.assertEqual(self.url_open(record.access_url).status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/resolutions/{resolution.id}").status_code, 404
        )
        for url in (
            "/my/estate",
            "/my/committee/disclosures?filterby=all",
            "/my/committee/notices",
            "/my/resolutions",
            "/my/decisions",
        ):
            text = self.url_open(url).text
            self.assertNotIn("Estate A", text, url)
            self.assertNotIn("A&#39;s", text, url)

    # ------------------------------------------------------------------
    # JSON-RPC: what the web client's API answers an owner
    # ------------------------------------------------------------------

    def test_json_rpc_answers_only_what_the_owner_may_read(self):
        published = self.published_statement(self.estate_a)
        self.statement()  # a draft
        self.published_statement(self.estate_b)
        mine = self.env["hoa.unit"].search(
            [("owner_id", "=", self.owner_a.partner_id.id)]
        )
        theirs = self.env["hoa.unit"].search([("owner_id", "=", self.neighbour.id)])
        self.authenticate("hoa_t_owner_a", "hoa_t_owner_a")
        units = self.call_kw(
            "hoa.unit",
            "search_read",
            [[]],
            {"fields": ["name", "area", "area_basis", "owner_id"]},
        )["result"]
        self.assertEqual([unit["id"] for unit in units], mine.ids)
        self.assertEqual(units[0]["name"], "5-201")
        self.assertIn("error", self.call_kw("hoa.unit", "read", [theirs.ids, ["name"]]))
        # the owner's own unit is read only
        answer = self.call_kw("hoa.unit", "write", [mine.ids, {"area": 1.0}])
        self.assertIn("error", answer)
        self.assertEqual(mine.area, 89.5)
        partners = self.call_kw(
            "res.partner", "search_read", [[]], {"fields": ["name", "phone", "email"]}
        )["result"]
        self.assertNotIn(self.neighbour.id, [partner["id"] for partner in partners])
        self.assertNotIn("13912345678", str(partners))
        self.assertNotIn("neighbour@example.com", str(partners))
        statements = self.call_kw(
            "hoa.disclosure", "search_read", [[]], {"fields": ["name", "state"]}
        )["result"]
        self.assertEqual([s["id"] for s in statements], published.ids)
        estates = self.call_kw(
            "hoa.community", "search_read", [[]], {"fields": ["name", "unit_ids"]}
        )["result"]
        self.assertEqual([e["name"] for e in estates], ["Estate A"])
        self.assertEqual(estates[0]["unit_ids"], mine.ids)
