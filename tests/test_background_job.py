import base64
import json
from unittest.mock import patch

from psycopg2 import errors

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models import hoa_background_job
from .portal_common import HoaPortalCase
from .test_fund_balance import HEADERS, csv_bytes
from .test_seal_chain import SealChainFixture

PARAM = "hoa_committee.background_inline_limit.%s"


class BackgroundCase(HoaPortalCase):
    def set_limit(self, kind, limit):
        self.env["ir.config_parameter"].sudo().set_param(PARAM % kind, str(limit))

    def setUp(self):
        super().setUp()
        # the jobs this test makes, not those a database already holds
        self.env.cr.execute("SELECT COALESCE(max(id), 0) FROM hoa_background_job")
        self.jobs_before = self.env.cr.fetchone()[0]
        # and a runner that has only them to do
        self.env.cr.execute(
            "UPDATE hoa_background_job SET state = 'done' "
            "WHERE state IN ('queued', 'running')"
        )

    def jobs(self, user=None):
        Jobs = self.env["hoa.background.job"]
        return (Jobs.with_user(user) if user else Jobs.sudo()).search(
            [("id", ">", self.jobs_before)]
        )

    def run_jobs(self):
        """A run of the scheduler, with the progress it reports."""
        cron = self.env.ref("hoa_committee.ir_cron_hoa_background_job")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "done": 0, "remaining": 0}
        )
        self.env["hoa.background.job"].with_context(
            ir_cron_progress_id=progress.id
        )._cron_run()
        return progress

    def notifications(self, user):
        """The web client notifications sent to ``user``."""
        self.env.cr.precommit.run()
        found = []
        for bus in self.env["bus.bus"].sudo().search([], order="id"):
            channel = json.loads(bus.channel)
            message = json.loads(bus.message)
            if message.get("type") == "simple_notification" and channel[1:] == [
                "res.partner",
                user.partner_id.id,
            ]:
                found.append(message["payload"])
        return found


@tagged("post_install", "-at_install")
class TestBackgroundJob(BackgroundCase):
    """Buttons doing bulk work queue it for the scheduler above an inline
    limit: the job runs in batches with its progress, keeps what succeeded
    when a batch fails, and tells its requester when it is done."""

    def setUp(self):
        super().setUp()
        self.estates = self.env["hoa.community"].with_user(self.leader_1).search([])
        self.assertIn(self.estate_a, self.estates)
        self.assertIn(self.estate_b, self.estates)

    def rows(self, estate):
        return self.env["hoa.compliance"].search([("community_id", "=", estate.id)])

    def clear_rows(self):
        self.env["hoa.compliance"].search([]).unlink()
        self.env.cr.precommit.data.pop("hoa.compliance.pending", None)

    def test_a_small_refresh_runs_inline(self):
        self.clear_rows()
        action = self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.assertEqual(action["tag"], "soft_reload")
        self.assertFalse(self.jobs())
        self.assertEqual(len(self.rows(self.estate_a)), 4)

    def test_a_large_refresh_is_queued_then_run_with_progress(self):
        self.leader_1.lang = "zh_CN"
        self.clear_rows()
        self.set_limit("compliance_refresh", 1)
        cron = self.env.ref("hoa_committee.ir_cron_hoa_background_job")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        action = self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.assertEqual(action["tag"], "display_notification")
        job = self.jobs()
        self.assertEqual(len(job), 1)
        self.assertEqual(
            (job.kind, job.state, job.user_id, job.total, job.done_count),
            ("compliance_refresh", "queued", self.leader_1, len(self.estates), 0),
        )
        self.assertEqual(set(job.res_ids), set(self.estates.ids))
        # a second click before the runner started queues nothing more
        again = self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.assertIn("already waiting", again["params"]["message"])
        self.assertEqual(self.jobs(), job)
        # nothing computed in the request; the runner is woken up at once
        self.assertFalse(self.rows(self.estate_a))
        self.assertGreater(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]), triggers
        )
        with patch.dict(hoa_background_job.BATCH_SIZES, compliance_refresh=1):
            progress = self.run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.done_count, len(self.estates))
        self.assertEqual(job.progress, 100.0)
        self.assertFalse(job.pending_ids)
        self.assertTrue(job.date_started and job.date_finished)
        self.assertEqual((progress.done, progress.remaining), (len(self.estates), 0))
        self.assertEqual(len(self.rows(self.estate_a)), 4)
        self.assertEqual(len(self.rows(self.estate_b)), 4)
        # in the requester's language
        self.assertIn(f"已重新计算 {len(self.estates)} 个小区的合规数据", job.result)
        # the requester is told, once
        sent = self.notifications(self.leader_1)
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0]["message"], job.result)
        self.assertEqual(sent[0]["type"], "success")
        # a second run finds nothing to do
        self.run_jobs()
        self.assertEqual(len(self.notifications(self.leader_1)), 1)

    def test_a_jobs_name_is_in_the_readers_language(self):
        """Walk defect 4: a job a Chinese head queued reads in English to an
        English user, and in Chinese to a Chinese one; its requester is told
        in theirs."""
        self.leader_1.lang = "zh_CN"
        self.set_limit("compliance_refresh", 1)
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        job = self.jobs()
        english, chinese = (
            job.with_context(lang="en_US"),
            job.with_context(lang="zh_CN"),
        )
        self.assertEqual(english.display_name, "Compliance Refresh")
        self.assertEqual(chinese.display_name, "合规数据重算")
        Jobs = self.env["hoa.background.job"].sudo()
        self.assertIn(
            job, Jobs.with_context(lang="en_US").search([("name", "ilike", "refresh")])
        )
        self.assertIn(
            job, Jobs.with_context(lang="zh_CN").search([("name", "ilike", "重算")])
        )
        self.assertNotIn(
            job, Jobs.with_context(lang="en_US").search([("name", "ilike", "重算")])
        )
        self.run_jobs()
        sent = self.notifications(self.leader_1)
        self.assertEqual(sent[0]["title"], "后台任务已完成：合规数据重算")

    def test_a_long_job_is_resumed_by_the_next_run(self):
        self.clear_rows()
        self.set_limit("compliance_refresh", 0)
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        job = self.jobs()
        with (
            patch.dict(hoa_background_job.BATCH_SIZES, compliance_refresh=1),
            patch.object(hoa_background_job, "RUN_BUDGET", -1),
        ):
            # the run's time is up after one batch: the scheduler is told
            # what remains, and runs the job again
            progress = self.run_jobs()
            self.assertEqual((job.state, job.done_count), ("running", 1))
            self.assertEqual(
                (progress.done, progress.remaining), (1, len(self.estates) - 1)
            )
            self.assertFalse(self.notifications(self.leader_1))
            for _run in range(len(self.estates) - 1):
                self.run_jobs()
        self.assertEqual((job.state, job.done_count), ("done", len(self.estates)))
        self.assertEqual(len(self.rows(self.estate_b)), 4)
        self.assertEqual(len(self.notifications(self.leader_1)), 1)

    def test_a_failing_batch_is_recorded_and_the_others_kept(self):
        self.clear_rows()
        self.set_limit("compliance_refresh", 0)
        Compliance = type(self.env["hoa.compliance"])
        refresh = Compliance._refresh
        estate_b = self.estate_b

        def failing(model, day=None, periods_back=4, communities=None):
            if estate_b in communities:
                raise RuntimeError("Estate B's figures cannot be computed")
            return refresh(model, day, periods_back, communities)

        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        job = self.jobs()
        with (
            patch.dict(hoa_background_job.BATCH_SIZES, compliance_refresh=1),
            patch.object(Compliance, "_refresh", failing),
        ):
            self.run_jobs()
        self.assertEqual(job.state, "failed")
        self.assertEqual(job.failed_count, 1)
        self.assertEqual(job.done_count, len(self.estates))
        self.assertIn("Estate B's figures cannot be computed", job.error)
        self.assertIn(str(estate_b.id), job.error)
        # the other estates' work is kept, estate B's batch alone undone
        self.assertEqual(len(self.rows(self.estate_a)), 4)
        self.assertFalse(self.rows(self.estate_b))
        sent = self.notifications(self.leader_1)
        self.assertEqual(sent[0]["type"], "danger")
        self.assertTrue(sent[0]["sticky"])

    def test_a_head_refreshes_only_the_estates_they_see(self):
        """Refresh recomputes the rows of the estates the user may read, not
        every company's: a head of estate A leaves the figures of estate B
        (same company, another team), estate C (another company) and any
        other estate of the database alone."""
        self.clear_rows()
        self.env["hoa.compliance"].with_user(self.manager_a).action_refresh()
        self.assertEqual(len(self.rows(self.estate_a)), 4)
        rows = self.env["hoa.compliance"].sudo().search([])
        self.assertEqual(rows.community_id, self.estate_a)
        # leadership: their company's estates, not the other company's
        self.clear_rows()
        self.env["hoa.compliance"].with_user(self.leader_2).action_refresh()
        rows = self.env["hoa.compliance"].sudo().search([])
        self.assertIn(self.estate_c, rows.community_id)
        self.assertEqual(rows.company_id, self.company_2)

    def test_a_serialization_failure_is_left_to_the_next_run(self):
        """A batch that meets a concurrent transaction (PostgreSQL's
        serialization failure) did nothing wrong: it is neither counted done
        nor failed, it stays pending, the runner is called again soon, and
        the next run does it."""
        self.clear_rows()
        self.set_limit("compliance_refresh", 0)
        Compliance = type(self.env["hoa.compliance"])
        refresh = Compliance._refresh
        estate_b = self.estate_b
        conflicts = []

        def conflicting(model, day=None, periods_back=4, communities=None):
            if estate_b in communities and not conflicts:
                conflicts.append(communities)
                raise errors.SerializationFailure(
                    "could not serialize access due to concurrent update"
                )
            return refresh(model, day, periods_back, communities)

        cron = self.env.ref("hoa_committee.ir_cron_hoa_background_job")
        Triggers = self.env["ir.cron.trigger"].sudo()
        triggers = Triggers.search_count([("cron_id", "=", cron.id)])
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        job = self.jobs()
        with (
            patch.dict(hoa_background_job.BATCH_SIZES, compliance_refresh=1),
            patch.object(Compliance, "_refresh", conflicting),
        ):
            self.run_jobs()
            self.assertTrue(conflicts)
            self.assertEqual(job.state, "running")
            self.assertIn(estate_b.id, job.pending_ids)
            self.assertFalse(job.failed_count)
            self.assertFalse(job.error)
            self.assertLess(job.done_count, len(self.estates))
            self.assertFalse(self.rows(estate_b))
            self.assertFalse(self.notifications(self.leader_1))
            # the scheduler is asked to run the job again soon
            self.assertGreater(
                Triggers.search_count([("cron_id", "=", cron.id)]), triggers
            )
            self.run_jobs()
        self.assertEqual((job.state, job.failed_count), ("done", 0))
        self.assertEqual(job.done_count, len(self.estates))
        self.assertEqual(len(self.rows(estate_b)), 4)

    def test_finished_jobs_are_cleared_after_90_days(self):
        self.set_limit("compliance_refresh", 0)
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.env["hoa.compliance"].with_user(self.manager_a).action_refresh()
        old, recent = self.jobs().sorted("id")
        self.run_jobs()
        old._set_state({"date_finished": "2026-01-01 00:00:00"})
        recent._set_state({"date_finished": fields.Datetime.now()})
        self.env["hoa.background.job"]._gc_finished_jobs()
        self.assertEqual(self.jobs(), recent)

    def test_each_sees_their_own_jobs_administrators_all(self):
        self.set_limit("compliance_refresh", 0)
        self.env["hoa.compliance"].with_user(self.leader_1).action_refresh()
        self.env["hoa.compliance"].with_user(self.manager_a).action_refresh()
        leader_job = self.jobs().filtered(lambda j: j.user_id == self.leader_1)
        head_job = self.jobs().filtered(lambda j: j.user_id == self.manager_a)
        self.assertEqual(self.jobs(self.leader_1), leader_job)
        self.assertEqual(self.jobs(self.manager_a), head_job)
        self.assertFalse(self.jobs(self.staff_a))
        self.assertEqual(self.jobs(self.admin_both), leader_job | head_job)
        # nobody writes a job; an administrator may clear one away
        for user in (self.manager_a, self.leader_1, self.admin_both):
            self.assertFalse(head_job.with_user(user).has_access("write"), user.login)
        self.assertFalse(head_job.with_user(self.manager_a).has_access("unlink"))
        self.assertTrue(head_job.with_user(self.admin_both).has_access("unlink"))


@tagged("post_install", "-at_install")
class TestBackgroundVerify(SealChainFixture, BackgroundCase):
    def seal_count(self):
        """The seals the administrator's verification reads: the fixture's
        two, and any a database already holds."""
        return self.env["hoa.archive.seal"].with_user(self.admin_both).search_count([])

    def test_a_large_verification_is_queued_and_finds_the_altered_seal(self):
        # the outcome is written in the requester's language
        self.admin_both.lang = "zh_CN"
        self.sql(
            "UPDATE hoa_matter SET subject = 'Lift repair' WHERE id = %s",
            [self.matter.id],
        )
        self.set_limit("archive_verify", 1)
        action = self.env["hoa.archive.seal"].with_user(self.admin_both).action_verify()
        self.assertEqual(action["tag"], "display_notification")
        job = self.jobs()
        self.assertEqual((job.kind, job.state), ("archive_verify", "queued"))
        self.assertEqual(self.letter_seal.verify_state, "ok", "nothing done yet")
        self.run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.finding_count, 1)
        self.assertEqual(self.letter_seal.verify_state, "altered")
        self.assertEqual(self.statement_seal.verify_state, "ok")
        self.assertIn(f"{self.seal_count()} 个存证中有 1 个与记录不符", job.result)
        sent = self.notifications(self.admin_both)
        self.assertEqual(sent[0]["type"], "danger")

    def test_a_small_verification_runs_inline(self):
        action = self.env["hoa.archive.seal"].with_user(self.admin_both).action_verify()
        self.assertIn(
            f"All {self.seal_count()} seals match", action["params"]["message"]
        )
        self.assertFalse(self.jobs())


@tagged("post_install", "-at_install")
class TestBackgroundImport(BackgroundCase):
    def statement(self):
        rows = [HEADERS, ["5-101", "", "", "", "100"], ["5-201", "", "", "", "200"]]
        return (
            self.env["hoa.fund.balance.import"]
            .with_user(self.staff_a)
            .create(
                {
                    "community_id": self.estate_a.id,
                    "statement_date": "2026-06-30",
                    "file_name": "statement.csv",
                    "data_file": base64.b64encode(csv_bytes(rows, "gbk")),
                }
            )
        )

    def test_a_large_import_is_checked_now_and_written_in_the_background(self):
        self.set_limit("fund_balance_import", 1)
        statement = self.statement()
        action = statement.action_import()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(statement.state, "draft")
        self.assertFalse(statement.balance_ids)
        with self.assertRaisesRegex(UserError, "being imported in the background"):
            statement.action_import()
        self.run_jobs()
        self.assertEqual(statement.state, "done")
        self.assertEqual(len(statement.balance_ids), 2)
        self.assertEqual(statement.imported_by_id, self.staff_a)
        job = self.jobs(self.staff_a)
        self.assertEqual((job.state, job.done_count), ("done", 1))
        self.assertEqual(len(self.notifications(self.staff_a)), 1)

    def test_a_file_with_mistakes_is_refused_in_the_request(self):
        self.set_limit("fund_balance_import", 0)
        statement = self.statement()
        statement.data_file = base64.b64encode(
            csv_bytes([HEADERS, ["9-999", "", "", "", "1"]], "gbk")
        )
        with self.assertRaisesRegex(UserError, "Nothing was imported"):
            statement.action_import()
        self.assertFalse(self.jobs())

    def test_a_small_import_runs_inline(self):
        statement = self.statement()
        self.assertTrue(statement.action_import())
        self.assertEqual(statement.state, "done")
        self.assertFalse(self.jobs())


@tagged("post_install", "-at_install")
class TestInvitationNotice(BackgroundCase):
    def test_the_head_is_told_when_the_invitation_run_ends(self):
        """Inviting the owners was already a background run (issue 16): its
        end now reaches the head who started it."""
        action = self.estate_a.with_user(self.manager_a).action_invite_owners()
        run = self.env["hoa.owner.invitation"].browse(action["res_id"])
        self.assertFalse(self.notifications(self.manager_a))
        self.env["hoa.owner.invitation"]._cron_process()
        self.assertEqual(run.state, "done")
        sent = self.notifications(self.manager_a)
        self.assertEqual(len(sent), 1)
        self.assertIn(f"{run.invited_count}", sent[0]["message"])
        self.assertEqual(sent[0]["title"], self.estate_a.name)
