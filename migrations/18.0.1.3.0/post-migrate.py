"""The night jobs run as the superuser, one after the other between 01:00 and
03:00 China Standard Time, so that "today" of a job is the company's date. The
job records are ``noupdate``: an update does not rewrite them, this does."""

from datetime import datetime, time, timedelta

import pytz

from odoo import SUPERUSER_ID, api

#: each job's hour in Beijing, as in data/ir_cron_data.xml
SLOTS = {
    "ir_cron_import_official_schedule": time(1, 0),
    "ir_cron_inquiry_sweep": time(1, 10),
    "ir_cron_matter_sweep": time(1, 20),
    "ir_cron_notice_posting": time(1, 30),
    "ir_cron_mandatory_contacts": time(1, 40),
    "ir_cron_prepare_routine_meetings": time(1, 50),
    "ir_cron_prepare_half_year_meetings": time(2, 0),
    "ir_cron_compliance_refresh": time(2, 30),
    "ir_cron_archive_verify": time(2, 45),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    beijing = pytz.timezone("Asia/Shanghai")
    now = datetime.now(pytz.utc).astimezone(beijing)
    root = env.ref("base.user_root")
    for xmlid, at in SLOTS.items():
        cron = env.ref(f"hoa_committee.{xmlid}", raise_if_not_found=False)
        if not cron:
            continue
        nextcall = beijing.localize(datetime.combine(now.date(), at))
        if nextcall <= now:
            nextcall += timedelta(days=1)
        cron.write(
            {
                "user_id": root.id,
                "nextcall": nextcall.astimezone(pytz.utc).replace(tzinfo=None),
            }
        )
