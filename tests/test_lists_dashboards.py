import importlib.util
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

from .common import HoaCommitteeCase
from .test_decision import DecisionCase


class ListsCase(HoaCommitteeCase):
    def inquiry(self, received, **values):
        return self.env["hoa.inquiry"].create(
            {
                "community_id": self.estate_a.id,
                "subject": "Lift 3 stops between floors",
                "received_date": received,
                **values,
            }
        )

    def db_today(self):
        """Today in Beijing, the company's zone, on the database's clock."""
        self.env.cr.execute("SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date")
        return self.env.cr.fetchone()[0]

    def arch(self, xmlid):
        return etree.fromstring(self.env.ref(xmlid).arch)


@tagged("post_install", "-at_install")
class TestInterimResult(DecisionCase):
    """Defect 7: a result printed while voting is open says it is not final."""

    def html(self, decision):
        report = self.env.ref("hoa_committee.action_report_decision_result")
        return report._render_qweb_html(report.report_name, decision.ids)[0].decode()

    def test_interim_tally_is_marked_and_final_announcement_is_not(self):
        decision = self.decision()
        decision.action_open()
        self.vote(decision, self.owners[0], "oppose")
        html = self.html(decision)
        self.assertIn("Voting in progress — not the final result", html)
        self.assertIn("Not the Final Result", html)
        self.assertNotIn("Announcement of the Result", html)
        self.assertNotIn("not passed", html)
        decision.action_close()
        html = self.html(decision)
        self.assertIn("Announcement of the Result", html)
        self.assertIn("not passed", html)
        self.assertNotIn("Not the Final Result", html)

    def test_announcement_not_in_the_print_menu_and_not_printed_in_draft(self):
        reports = self.env["ir.actions.actions"].get_bindings("hoa.decision")
        self.assertNotIn(
            self.env.ref("hoa_committee.action_report_decision_result").id,
            [report["id"] for report in reports.get("report", [])],
        )
        decision = self.decision()
        with self.assertRaisesRegex(UserError, "no tally"):
            decision.action_print_result()
        decision.action_open()
        action = decision.with_user(self.manager_a).action_print_result()
        self.assertEqual(action["report_name"], "hoa_committee.report_decision_result")


@tagged("post_install", "-at_install")
class TestOverdueNow(ListsCase):
    """Defect 8: an escalated inquiry keeps its deadline and its lateness."""

    def test_escalated_inquiry_shows_original_deadline_and_days_late(self):
        today = self.db_today()
        inquiry = self.inquiry(today - timedelta(days=30))
        self.env["hoa.inquiry"]._cron_sweep()
        self.assertEqual(inquiry.state, "escalated")
        self.assertEqual(inquiry.escalated_date, today)
        self.env.flush_all()
        row = self.env["hoa.overdue"].search(
            [("res_model", "=", "hoa.inquiry"), ("res_id", "=", inquiry.id)]
        )
        self.assertEqual(row.kind, "escalation")
        self.assertEqual(row.deadline, inquiry.deadline)
        self.assertEqual(row.days_overdue, (today - inquiry.deadline).days)
        self.assertGreater(row.days_overdue, 20)

    def test_escalation_within_its_deadline_is_not_overdue(self):
        inquiry = self.inquiry(self.db_today())
        action = inquiry.with_user(self.manager_a).action_escalate()
        wizard = Form(
            self.env["hoa.inquiry.escalate.wizard"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
        )
        wizard.reason = "需公司协调供电部门"
        wizard.save().action_escalate()
        self.assertEqual(inquiry.state, "escalated")
        self.assertGreater(inquiry.deadline, self.db_today())
        self.env.flush_all()
        self.assertFalse(
            self.env["hoa.overdue"].search(
                [("res_model", "=", "hoa.inquiry"), ("res_id", "=", inquiry.id)]
            ),
            "not late yet: not in Overdue Now",
        )

    def test_list_opens_expanded_red_and_wide_enough_for_chinese_dates(self):
        arch = self.arch("hoa_committee.hoa_overdue_view_list")
        self.assertEqual(arch.get("expand"), "1")
        self.assertIn("days_overdue", arch.get("decoration-danger"))
        self.assertNotIn("7", arch.get("decoration-danger"))
        deadline = arch.xpath("//field[@name='deadline']")[0]
        # "2026年11月30日" needs about 120 px
        self.assertGreaterEqual(int(deadline.get("width", "0px")[:-2]), 120)


@tagged("post_install", "-at_install")
class TestComplianceIsCurrent(ListsCase):
    """Defect 9: what a head does counts on the dashboard at once."""

    def current_row(self):
        return self.env["hoa.compliance"].search(
            [("community_id", "=", self.estate_a.id), ("is_current", "=", True)]
        )

    @freeze_time("2026-03-10 02:00:00")
    def test_inquiry_answered_in_time_is_counted_when_the_work_is_saved(self):
        self.env["hoa.compliance"]._refresh()
        row = self.current_row()
        self.assertEqual((row.period, row.inquiry_count), ("2026-Q1", 0))
        inquiry = self.inquiry(date(2026, 3, 9), assessment="reasonable")
        self.assertEqual(inquiry.deadline, date(2026, 3, 12))
        inquiry.with_user(self.manager_a).action_assess()
        inquiry.response = "<p>已修好。</p>"
        self.answer(inquiry.with_user(self.manager_a))
        # what the commit at the end of the head's request runs
        self.env.cr.flush()
        self.assertEqual((row.inquiry_count, row.inquiry_on_time), (1, 1))
        self.assertEqual(row.inquiry_rate, 100.0)
        self.assertEqual(str(row.refreshed_at), "2026-03-10 02:00:00")

    @freeze_time("2026-03-10 02:00:00")
    def test_escalation_counts_as_open_once_saved(self):
        self.env["hoa.compliance"]._refresh()
        row = self.current_row()
        inquiry = self.inquiry(date(2026, 3, 2))  # due Thursday 5 March
        self.env.cr.flush()
        self.assertEqual((row.inquiry_count, row.open_escalations), (1, 0))
        self.env["hoa.inquiry"]._cron_sweep()
        self.env.cr.flush()
        self.assertEqual(inquiry.state, "escalated")
        self.assertEqual(row.open_escalations, 1)

    def test_what_is_not_yet_due_is_pending_not_missed(self):
        """A monthly estate on 1 December: its routine-meeting proposal is due
        on the 5th and its mandatory contacts by the 31st: pending, no
        shortfall; November's, past their deadlines undone, are missed."""
        self.estate_a.meeting_cadence = "monthly"
        rows = self.env["hoa.compliance"]._refresh(
            day=date(2026, 12, 1), communities=self.estate_a
        )
        december = rows.filtered(lambda r: r.period == "2026-12")
        self.assertEqual(
            (december.meeting_proposal_status, december.contacts_status),
            ("pending", "pending"),
        )
        self.assertEqual(december.issues, 0)
        november = rows.filtered(lambda r: r.period == "2026-11")
        self.assertEqual(
            (november.meeting_proposal_status, november.contacts_status),
            ("missed", "missed"),
        )
        # the meeting itself: due by the period's end, November's never held
        self.assertEqual(
            (december.meeting_status, november.meeting_status), ("pending", "missed")
        )
        # the proposal's deadline day itself is still in time; the day after not
        self.env["hoa.compliance"]._refresh(
            day=date(2026, 12, 5), communities=self.estate_a
        )
        self.assertEqual(december.meeting_proposal_status, "pending")
        self.env["hoa.compliance"]._refresh(
            day=date(2026, 12, 6), communities=self.estate_a
        )
        self.assertEqual(december.meeting_proposal_status, "missed")
        self.assertEqual(december.contacts_status, "pending")
        self.assertEqual(december.issues, 1)

    def test_the_card_shows_every_shortfall_it_counts(self):
        """The red number of a card is explained on the card: each figure
        counted as a shortfall has its row (a meeting never held counted
        without a row left a head guessing)."""
        card = self.arch("hoa_committee.hoa_compliance_view_kanban")
        shown = set(card.xpath("//templates//field/@name"))
        counted = {
            "meeting_proposal_status",
            "contacts_status",
            "meeting_status",
            "inquiry_on_time",
            "matter_on_time",
            "incident_on_time",
            "notice_reviewed",
            "open_escalations",
        }
        self.assertEqual(counted - shown, set())

    def test_dashboard_opens_on_the_current_and_the_previous_period(self):
        """Walk defect 2: on 1 December a monthly estate's December is empty;
        the dashboard opens on November's figures too."""
        self.estate_a.meeting_cadence = "monthly"
        Compliance = self.env["hoa.compliance"]
        Compliance._refresh(day=date(2026, 12, 1), communities=self.estate_a)
        action = self.env.ref("hoa_committee.hoa_compliance_action")
        context = safe_eval(action.context)
        filters = {
            node.get("name"): safe_eval(node.get("domain"))
            for node in self.arch("hoa_committee.hoa_compliance_view_search").xpath(
                "//filter[@domain]"
            )
        }
        defaults = [name for name in filters if context.get(f"search_default_{name}")]
        domain = expression.AND([filters[name] for name in defaults])
        rows = Compliance.search([("community_id", "=", self.estate_a.id), *domain])
        self.assertEqual(rows.mapped("period"), ["2026-12", "2026-11"])
        # the current period alone stays one click away
        current = Compliance.search(
            [("community_id", "=", self.estate_a.id), *filters["current"]]
        )
        self.assertEqual(current.mapped("period"), ["2026-12"])
        # the next month, November is no longer the previous period
        Compliance._refresh(day=date(2027, 1, 2), communities=self.estate_a)
        rows = Compliance.search([("community_id", "=", self.estate_a.id), *domain])
        self.assertEqual(rows.mapped("period"), ["2027-01", "2026-12"])

    def test_upgrade_fills_the_new_figures_of_existing_rows(self):
        self.env["hoa.compliance"]._refresh(communities=self.estate_a)
        rows = self.env["hoa.compliance"].search(
            [("community_id", "=", self.estate_a.id)]
        )
        # rows of a database before 18.0.1.7.0
        self.env.cr.execute(
            "UPDATE hoa_compliance SET is_recent = NULL, "
            "meeting_proposal_status = NULL, contacts_status = NULL "
            "WHERE id = ANY(%s)",
            [rows.ids],
        )
        rows.invalidate_recordset()
        self.assertFalse(rows.filtered("is_recent"))
        migration = importlib.util.spec_from_file_location(
            "hoa_post_compliance_status",
            file_path("hoa_committee/migrations/18.0.1.7.0/post-compliance-status.py"),
        )
        module = importlib.util.module_from_spec(migration)
        migration.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.6.0")
        rows.invalidate_recordset()
        self.assertEqual(len(rows.filtered("is_recent")), 2)
        self.assertTrue(all(rows.mapped("meeting_proposal_status")))
        self.assertTrue(all(rows.mapped("contacts_status")))

    def test_dashboard_has_refresh_button_and_computed_at(self):
        arch = self.arch("hoa_committee.hoa_compliance_view_kanban")
        self.assertTrue(arch.xpath("//header/button[@name='action_refresh']"))
        self.assertTrue(arch.xpath("//field[@name='refreshed_at']"))


@tagged("post_install", "-at_install")
class TestCompliancePeriodOrder(ListsCase):
    """Walk defect 5: the analysis groups periods in time order, not as text."""

    def test_periods_are_grouped_in_time_order(self):
        self.estate_b.meeting_cadence = "monthly"
        estates = self.estate_a | self.estate_b
        Compliance = self.env["hoa.compliance"]
        Compliance._refresh(day=date(2026, 11, 20), communities=estates)
        domain = [("community_id", "in", estates.ids)]
        in_time = [
            "2026-Q1",
            "2026-Q2",
            "2026-Q3",
            "2026-08",
            "2026-09",
            "2026-10",
            "2026-Q4",
            "2026-11",
        ]
        # the list and graph grouped by period, the pivot's columns
        groups = Compliance.read_group(domain, ["issues:sum"], ["period"])
        self.assertEqual([g["period"] for g in groups], in_time)
        groups = Compliance.read_group(
            domain, ["issues:sum"], ["period"], orderby="period desc"
        )
        self.assertEqual([g["period"] for g in groups], in_time[::-1])
        groups = Compliance.read_group(
            domain, ["issues:sum"], ["community_id", "period"], lazy=False
        )
        self.assertEqual(
            [g["period"] for g in groups if g["community_id"][0] == self.estate_b.id],
            ["2026-08", "2026-09", "2026-10", "2026-11"],
        )


@tagged("post_install", "-at_install")
class TestLeadership(ListsCase):
    """Defect 14: leadership's home, escalations list and escalation reason."""

    def test_leadership_lands_on_the_dashboard(self):
        dashboard = self.env.ref("hoa_committee.hoa_compliance_action")
        self.assertEqual(self.leader_1.action_id.id, dashboard.id)
        # a user given the group later, too; a head stays where they were
        user = new_test_user(self.env, "hoa_t_later", groups="base.group_user")
        self.assertFalse(user.action_id)
        user.groups_id = [
            Command.link(self.env.ref("hoa_committee.group_hoa_leadership").id)
        ]
        self.assertEqual(user.action_id.id, dashboard.id)
        self.assertFalse(self.manager_a.action_id)

    def test_the_app_opens_on_the_dashboard_for_heads_and_leadership(self):
        root = self.env.ref("hoa_committee.hoa_menu_root")
        dashboard = self.env.ref("hoa_committee.hoa_compliance_action")
        for user in (self.leader_1, self.manager_a):
            menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
            self.assertEqual(menus[root.id]["actionID"], dashboard.id, user.login)

    def home_action(self, user):
        """The action the web client opens after ``user`` logs in: their home
        action, else the first app's (webclient.js ``_loadDefaultApp``)."""
        if user.action_id:
            return user.action_id.id
        menus = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)
        return menus[menus["root"]["children"][0]]["actionID"]

    def test_heads_and_staff_land_in_the_app_not_in_discuss(self):
        """Walk defect 6."""
        dashboard = self.env.ref("hoa_committee.hoa_compliance_action")
        self.assertEqual(self.home_action(self.manager_a), dashboard.id)
        self.assertEqual(self.home_action(self.leader_1), dashboard.id)
        root = self.env.ref("hoa_committee.hoa_menu_root")
        menus = self.env["ir.ui.menu"].with_user(self.staff_a).load_web_menus(False)
        self.assertEqual(menus["root"]["children"][0], root.id)
        self.assertEqual(self.home_action(self.staff_a), menus[root.id]["actionID"])
        demo_head = self.env.ref(
            "hoa_committee.user_demo_head_han", raise_if_not_found=False
        )
        if demo_head:
            self.assertEqual(self.home_action(demo_head), dashboard.id)

    def test_demo_leadership_lands_on_the_dashboard(self):
        # the test database has the demo data (OCA's CI installs it)
        leader = self.env.ref("hoa_committee.user_demo_leadership")
        self.assertEqual(
            leader.action_id.id, self.env.ref("hoa_committee.hoa_compliance_action").id
        )

    def test_escalation_asks_why_and_hands_it_to_leadership(self):
        inquiry = self.inquiry(self.db_today())
        action = inquiry.with_user(self.manager_a).action_escalate()
        self.assertEqual(action["res_model"], "hoa.inquiry.escalate.wizard")
        self.assertEqual(inquiry.state, "recorded")  # nothing happens on one click
        wizard = Form(
            self.env["hoa.inquiry.escalate.wizard"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
        )
        wizard.reason = "  需更换电梯主机，费用超出服务中心权限  "
        wizard.save().action_escalate()
        self.assertEqual(inquiry.state, "escalated")
        self.assertEqual(inquiry.escalated_date, self.db_today())
        self.assertEqual(
            inquiry.escalation_note, "需更换电梯主机，费用超出服务中心权限"
        )
        self.assertIn("需更换电梯主机", inquiry.message_ids[0].body)
        activity = inquiry.activity_ids.filtered(lambda a: a.user_id == self.leader_1)
        self.assertIn("需更换电梯主机", str(activity.note))

    def test_escalation_needs_a_reason(self):
        inquiry = self.inquiry(self.db_today())
        wizard = self.env["hoa.inquiry.escalate.wizard"].create(
            {"inquiry_ids": [Command.set(inquiry.ids)], "reason": "   "}
        )
        with self.assertRaisesRegex(UserError, "why"):
            wizard.action_escalate()
        self.assertEqual(inquiry.state, "recorded")

    def test_escalations_list_shows_reason_and_date(self):
        action = self.env.ref("hoa_committee.hoa_inquiry_action_escalated")
        columns = etree.fromstring(
            self.env["hoa.inquiry"].get_view(action.view_id.id, "list")["arch"]
        ).xpath("//field/@name")
        for name in ("escalated_date", "escalation_reason", "escalation_note"):
            self.assertIn(name, columns)
