from odoo import fields, models, tools
from odoo.tools import SQL

from ..rules.clock import DEFAULT_TZ
from .access import check_staff

#: what can be overdue, and the number that keeps row ids apart
KINDS = [
    ("inquiry", "Inquiry Not Answered"),
    ("escalation", "Escalation Open"),
    ("matter", "Report Not Delivered"),
    ("meeting", "Routine Meeting Not Proposed"),
    ("notice", "Notice Not Reviewed"),
    ("action", "Action Item Not Done"),
    ("owner_request", "Owner's Request Not Answered"),
    ("routine_missed", "Routine Meeting Not Held"),
    ("assembly", "Owners' Assembly Overdue"),
    ("first_meeting", "Committee's First Meeting Not Held"),
    ("resolution", "Resolution Not Published"),
]

#: partial indexes on what each kind reads: (table, column, open records)
#: rows whose record has no form of its own: opened on their parent's form
OPENED_ON_PARENT = {"hoa.meeting.action": "meeting_id"}

OPEN_INDEXES = [
    (
        "hoa_inquiry",
        "deadline",
        "active AND state IN ('recorded', 'assessed', 'escalated', 'reply_sent')",
    ),
    ("hoa_matter", "deadline", "active AND state IN ('draft', 'sent')"),
    (
        "hoa_meeting",
        "proposal_deadline",
        "meeting_type = 'routine' AND state IN ('draft', 'proposed', 'notified')",
    ),
    ("hoa_notice", "date_from", "state = 'submitted'"),
    ("hoa_meeting_action", "deadline", "state = 'open'"),
    ("hoa_owner_request", "deadline", "active AND state = 'new'"),
    ("hoa_meeting_resolution", "publish_deadline", "published_date IS NULL"),
    ("hoa_committee", "first_meeting_deadline", "state = 'forming'"),
]


class HoaOverdue(models.Model):
    """The red list: everything overdue right now, read live from the records
    (a database view), each row one click from its record."""

    _name = "hoa.overdue"
    _description = "Overdue Now"
    _auto = False
    _order = "deadline, id"
    _rec_name = "name"
    # what the list reads: pending changes are flushed before it is read
    _depends = {
        "hoa.inquiry": [
            "active",
            "state",
            "name",
            "subject",
            "community_id",
            "company_id",
            "user_id",
            "deadline",
            "escalated_date",
        ],
        "hoa.matter": [
            "active",
            "state",
            "name",
            "subject",
            "community_id",
            "company_id",
            "user_id",
            "deadline",
        ],
        "hoa.meeting": [
            "meeting_type",
            "state",
            "reference",
            "name",
            "community_id",
            "company_id",
            "user_id",
            "proposal_deadline",
            "period_end",
        ],
        "hoa.notice": [
            "state",
            "name",
            "title",
            "community_id",
            "company_id",
            "date_from",
        ],
        "hoa.community": [
            "manager_id",
            "name",
            "active",
            "company_id",
            "next_assembly_due",
        ],
        "hoa.meeting.action": [
            "state",
            "name",
            "community_id",
            "company_id",
            "user_id",
            "deadline",
        ],
        "res.company": ["hoa_tz"],
        "hoa.owner.request": [
            "active",
            "state",
            "name",
            "community_id",
            "company_id",
            "deadline",
        ],
        "hoa.committee": [
            "state",
            "name",
            "community_id",
            "company_id",
            "first_meeting_deadline",
            "first_meeting_date",
        ],
        "hoa.meeting.resolution": [
            "name",
            "meeting_id",
            "community_id",
            "company_id",
            "publish_deadline",
            "published_date",
        ],
    }

    kind = fields.Selection(KINDS, readonly=True)
    name = fields.Char(readonly=True)
    res_model = fields.Char(string="Model", readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    community_id = fields.Many2one("hoa.community", string="Estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    deadline = fields.Date(readonly=True)
    # a sum of days late over a group says nothing
    days_overdue = fields.Integer(readonly=True, aggregator=None)

    def init(self):
        # the list was a database view on the server's date; it is now read
        # live through ``_table_query``, on the company's date
        tools.drop_view_if_exists(self.env.cr, self._table)
        # each kind reads the few open records of its table, not its history
        for table, column, where in OPEN_INDEXES:
            tools.create_index(
                self.env.cr,
                f"{table}_overdue_open_index",
                table,
                [column],
                where=where,
            )

    @property
    def _table_query(self):
        """Everything overdue at this moment, each row on the date of its
        company's time zone (one clock with the forms and the jobs)."""
        return SQL(
            """
            SELECT o.res_id * 16 + o.kind_no AS id, o.kind, o.name, o.res_model,
                   o.res_id, o.community_id, o.company_id, o.user_id, o.deadline,
                   (%(now)s AT TIME ZONE 'UTC'
                    AT TIME ZONE COALESCE(co.hoa_tz, %(default_tz)s))::date
                   - o.deadline AS days_overdue
              FROM (
                SELECT 1 AS kind_no, 'inquiry' AS kind, 'hoa.inquiry' AS res_model,
                       i.id AS res_id, i.name || ' ' || i.subject AS name,
                       i.community_id, i.company_id, i.user_id, i.deadline
                  FROM hoa_inquiry i
                 WHERE i.active AND (i.state IN ('recorded', 'assessed')
                       -- a reply letter sent but not served is not an answer
                       OR (i.state = 'reply_sent' AND i.escalated_date IS NULL))
                UNION ALL
                -- an escalation keeps the deadline the committee was given: how
                -- late the answer is does not restart when leadership gets it
                SELECT 2, 'escalation', 'hoa.inquiry', i.id,
                       i.name || ' ' || i.subject, i.community_id, i.company_id,
                       i.user_id, COALESCE(i.deadline, i.escalated_date)
                  FROM hoa_inquiry i
                 WHERE i.active AND (i.state = 'escalated'
                       OR (i.state = 'reply_sent' AND i.escalated_date IS NOT NULL))
                UNION ALL
                SELECT 3, 'matter', 'hoa.matter', m.id, m.name || ' ' || m.subject,
                       m.community_id, m.company_id, m.user_id, m.deadline
                  FROM hoa_matter m
                 -- sent without evidence of receipt is not delivered
                 WHERE m.active AND m.state IN ('draft', 'sent')
                UNION ALL
                SELECT 4, 'meeting', 'hoa.meeting', mt.id,
                       mt.reference || ' ' || mt.name, mt.community_id,
                       mt.company_id, mt.user_id, mt.proposal_deadline
                  FROM hoa_meeting mt
                 WHERE mt.meeting_type = 'routine' AND mt.state = 'draft'
                UNION ALL
                SELECT 5, 'notice', 'hoa.notice', n.id, n.name || ' ' || n.title,
                       n.community_id, n.company_id, c.manager_id, n.date_from
                  FROM hoa_notice n
                  JOIN hoa_community c ON c.id = n.community_id
                 WHERE n.state = 'submitted'
                UNION ALL
                SELECT 6, 'action', 'hoa.meeting.action', a.id, a.name,
                       a.community_id, a.company_id, a.user_id, a.deadline
                  FROM hoa_meeting_action a
                 WHERE a.state = 'open'
                UNION ALL
                -- an owner's question or complaint not answered: the head's
                SELECT 7, 'owner_request', 'hoa.owner.request', r.id, r.name,
                       r.community_id, r.company_id, c.manager_id, r.deadline
                  FROM hoa_owner_request r
                  JOIN hoa_community c ON c.id = r.community_id
                 WHERE r.active AND r.state = 'new'
                UNION ALL
                -- a routine meeting neither held nor declined by its period's end
                SELECT 8, 'routine_missed', 'hoa.meeting', mt.id,
                       mt.reference || ' ' || mt.name, mt.community_id,
                       mt.company_id, mt.user_id, mt.period_end
                  FROM hoa_meeting mt
                 WHERE mt.meeting_type = 'routine' AND mt.period_end IS NOT NULL
                       AND mt.state IN ('draft', 'proposed', 'notified')
                UNION ALL
                -- the owners' assembly not held within its interval
                SELECT 9, 'assembly', 'hoa.community', c.id, c.name, c.id,
                       c.company_id, c.manager_id, c.next_assembly_due
                  FROM hoa_community c
                 WHERE c.active AND c.next_assembly_due IS NOT NULL
                UNION ALL
                -- a new committee not met within 7 days of its election to
                -- choose its chair (an active one has its chair): the head
                -- offers the centre's support
                SELECT 10, 'first_meeting', 'hoa.committee', cm.id, cm.name,
                       cm.community_id, cm.company_id, c.manager_id,
                       cm.first_meeting_deadline
                  FROM hoa_committee cm
                  JOIN hoa_community c ON c.id = cm.community_id
                 WHERE cm.state = 'forming'
                       AND cm.first_meeting_date IS NULL
                UNION ALL
                -- a resolution of a held meeting not published to the owners
                SELECT 11, 'resolution', 'hoa.meeting.resolution', rs.id,
                       mt.reference || ' ' || LEFT(rs.name, 80), rs.community_id,
                       rs.company_id, mt.user_id, rs.publish_deadline
                  FROM hoa_meeting_resolution rs
                  JOIN hoa_meeting mt ON mt.id = rs.meeting_id
                 WHERE rs.published_date IS NULL
                       AND mt.state IN ('held', 'signed')
              ) o
              LEFT JOIN res_company co ON co.id = o.company_id
             WHERE o.deadline < (%(now)s AT TIME ZONE 'UTC'
                   AT TIME ZONE COALESCE(co.hoa_tz, %(default_tz)s))::date
            """,
            now=fields.Datetime.now(),
            default_tz=DEFAULT_TZ,
        )

    def action_open_record(self):
        check_staff(self.env)
        self.ensure_one()
        res_model, res_id = self.res_model, self.res_id
        if res_model in OPENED_ON_PARENT:
            # kept on its parent's form (e.g. an action item on its meeting's
            # 跟进事项 tab): open that form, which has the history around it
            parent = self.env[res_model].browse(res_id)[OPENED_ON_PARENT[res_model]]
            res_model, res_id = parent._name, parent.id
        return {
            "type": "ir.actions.act_window",
            "res_model": res_model,
            "res_id": res_id,
            "view_mode": "form",
            "target": "current",
        }
