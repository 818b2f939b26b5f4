"""Two servers on one database (docs/deploy.md): a job's work that meets a
concurrent transaction on the same rows is not an error — it is noted at
INFO and the job is run again a few minutes later."""

import uuid

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestConcurrentJobs(BaseCase):
    """Committed fixtures (another connection holds their lock) under names
    unique to the run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.modules.registry.Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            estate = env["hoa.community"].create(
                {"name": f"Concurrent jobs {tag}", "code": f"CJ-{tag}"}
            )
            env["hoa.compliance"]._refresh(communities=estate)
            cls.estate_id = estate.id

    def test_compliance_rows_locked_by_another_transaction(self):
        with self.registry.cursor() as holder, self.registry.cursor() as cr:
            holder.execute(
                "SELECT id FROM hoa_compliance WHERE community_id = %s FOR UPDATE",
                [self.estate_id],
            )
            self.assertTrue(holder.fetchall(), "the estate has compliance rows")
            # bounded: without the guard the refresh would wait for the lock
            cr.execute("SET LOCAL lock_timeout = '10s'")
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron = env.ref("hoa_committee.ir_cron_compliance_refresh")
            before = env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
            env["hoa.compliance"]._refresh_later(
                env["hoa.community"].browse(self.estate_id)
            )
            # no error raised into the transaction that changed the estate
            cr.precommit.run()
            after = env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
            self.assertEqual(after, before + 1, "the job runs again soon")
            # the transaction goes on: the work it was part of is kept
            cr.execute("SELECT 1")
            holder.rollback()
            cr.rollback()
