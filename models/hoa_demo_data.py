import base64
import logging
import random
from datetime import datetime, time, timedelta
from time import monotonic

from odoo import Command, api, fields, models

from ..rules.periods import period_of

_logger = logging.getLogger(__name__)

#: a one-pixel PNG: the "scan" of the demo's signed receipts
DEMO_SCAN = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8"
    "/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志文斌浩宇博鑫晨阳雪梅海燕丹"
    "婷俊峰晓东云飞健慧颖琳子涵思远欣怡雨萱梓轩一鸣嘉怡佳琪天宇"
)


def _demo_scan(text):
    """A one-page PDF reading ``text`` (ASCII): the demo's stand-in for the
    scan of a signed paper."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return base64.b64encode(pdf)


class HoaDemoData(models.AbstractModel):
    """Builds the demo estates' units: hundreds of records that XML would bury."""

    _name = "hoa.demo.data"
    _description = "Owners' Committee Demo Data"

    @api.model
    def _generate_units(
        self, community_id, layout, seed, named_owners=(), options=None
    ):
        """Create the units of a demo estate and their owners.

        :param layout: ``(buildings, entrances, floors, rooms_per_floor)``
        :param named_owners: ``[(partner_id, unit_name), …]`` owners that other
            demo records refer to (the committee members)
        :param options: ``developer_units`` (how many top-floor units the
            developer still holds), ``double_owners`` (owners of two units)
        """
        options = options or {}
        rng = random.Random(seed)
        community = self.env["hoa.community"].browse(community_id)
        buildings, entrances, floors, rooms = layout
        names = [
            f"{b}-{e}-{f:02d}{r:02d}"
            for b in range(1, buildings + 1)
            for e in range(1, entrances + 1)
            for f in range(1, floors + 1)
            for r in range(1, rooms + 1)
        ]
        room_area = {1: 89.5, 2: 126.3, 3: 105.7, 4: 143.8}
        developer_count = options.get("developer_units", 0)
        # The developer keeps the top floors of the last building.
        developer_names = set(
            sorted(
                (n for n in names if n.startswith(f"{buildings}-")),
                key=lambda n: (-int(n.split("-")[2][:2]), n),
            )[:developer_count]
        )
        fixed = {unit_name: partner_id for partner_id, unit_name in named_owners}
        free_names = [n for n in names if n not in developer_names and n not in fixed]
        buyers = {
            name: {
                "name": rng.choice(SURNAMES)
                + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                "city": (community.address and community.address[:3]) or False,
                "company_id": community.company_id.id,
            }
            for name in free_names
        }
        # Some owners bought a second unit: it has no buyer of its own, so
        # each of them counts once.
        doubles = rng.sample(free_names, options.get("double_owners", 0) * 2)
        second_of = dict(zip(doubles[1::2], doubles[::2], strict=True))
        own_names = [name for name in free_names if name not in second_of]
        people = self.env["res.partner"].create([buyers[n] for n in own_names])
        owner_by_name = dict(zip(own_names, people.ids, strict=True))
        for second, first in second_of.items():
            owner_by_name[second] = owner_by_name[first]
        owner_by_name.update(fixed)
        basis_choices = ["registered"] * 92 + ["surveyed"] * 5 + ["contract"] * 3
        vals_list = []
        for name in names:
            room = int(name[-2:])
            area = round(room_area.get(room, 98.0) + rng.uniform(-4.0, 4.0), 2)
            developer_held = name in developer_names
            vals_list.append(
                {
                    "community_id": community.id,
                    "name": name,
                    "area": area,
                    "area_basis": rng.choice(basis_choices),
                    "developer_held": developer_held,
                    "owner_id": community.developer_partner_id.id
                    if developer_held
                    else owner_by_name[name],
                }
            )
        self.env["hoa.unit"].with_context(
            mail_create_nolog=True, tracking_disable=True
        ).create(vals_list)
        return True

    @api.model
    def _past_state(self, model, res_id, vals):
        """Put a demo record in the state its past left it in (that history
        is not replayed): the flow's own way of setting a state."""
        self.env[model].browse(res_id)._set_state(vals)
        return True

    @api.model
    def _demo_receipt(self, model, res_id, signed_by):
        """The paper receipt of a demo document, signed today by
        ``signed_by`` for the first member it was served to on paper, with a
        scan of the signed slip."""
        document = self.env[model].browse(res_id)
        service = document.service_ids.filtered(lambda s: not s.served).sorted("id")[:1]
        scan = self.env["ir.attachment"].create(
            {
                "name": "回执扫描件.png",
                "raw": base64.b64decode(DEMO_SCAN),
                "res_model": "hoa.service",
                "res_id": service.id,
            }
        )
        service._hoa_receive(signed_by, document.company_id._hoa_today(), scan)
        return True

    @api.model
    def _hold_and_sign(self, meeting_id, present_members, minutes):
        """Hold a demo meeting with the first ``present_members`` members and
        the staff present, and have every attendee sign its minutes."""
        meeting = self.env["hoa.meeting"].browse(meeting_id)
        members = meeting.attendance_ids.filtered("member_id")
        members[:present_members].write({"present": True})
        meeting.attendance_ids.filtered("user_id").write({"present": True})
        if meeting.state == "draft":
            meeting.action_propose()
        # as it happened: proposed three weeks ahead, notice a week ahead
        day = meeting._local_day()
        meeting._set_state(
            {
                "proposed_date": day - timedelta(days=21),
                "notice_date": day - timedelta(days=7),
                "state": "notified",
            }
        )
        self._served_notice(meeting, day - timedelta(days=7))
        meeting.action_hold()
        meeting.minutes = minutes
        for line in meeting.attendance_ids.filtered("present"):
            line._sign(method="paper" if line.member_id else "web")
        return True

    @api.model
    def _served_notice(self, meeting, day):
        """The proof of service of a demo meeting's notice, as it happened:
        the mail server took every member's email on ``day`` (10:00)."""
        moment = datetime.combine(day, time(2, 0))  # 10:00 in Beijing, in UTC
        self.env["hoa.service"]._create_in_state(
            [
                {
                    "res_model": meeting._name,
                    "res_id": meeting.id,
                    "document": "meeting_notice",
                    "partner_id": partner.id,
                    "channel": "email",
                    "state": "accepted",
                    "sent_at": moment,
                    "accepted_at": moment,
                    "served_date": day,
                    "committee_id": meeting.committee_id.id,
                    "community_id": meeting.community_id.id,
                    "company_id": meeting.company_id.id,
                }
                for partner in meeting._notice_members()
            ]
        )
        return True

    @api.model
    def _cast_ballots(self, decision_id, share, seed, skip_partner_ids=()):
        """Paper ballots for a share of a demo decision's voters, each with
        the scan of the signed paper; ``skip_partner_ids`` (the demo owners
        who log in) are left to vote in the portal."""
        rng = random.Random(seed)
        decision = self.env["hoa.decision"].browse(decision_id)
        voters = decision.voter_ids.filtered(
            lambda v: rng.random() < share and v.partner_id.id not in skip_partner_ids
        )
        self.env["hoa.decision.ballot"].create(
            [
                {
                    "decision_id": decision.id,
                    "partner_id": voter.partner_id.id,
                    "choice": rng.choice(["agree"] * 6 + ["oppose"] * 2 + ["abstain"]),
                    "channel": "paper",
                    "scan": _demo_scan(f"{decision.reference} ballot {voter.id}"),
                    "scan_name": f"{decision.reference}-{voter.id}.pdf",
                }
                for voter in voters
            ]
        )
        return True

    @api.model
    def _publish_disclosures(self, community_id):
        """The last period's income and expenditure statement of a demo
        estate, published, then corrected once (a cost was under-stated),
        and the draft work report of the current period."""
        community = self.env["hoa.community"].browse(community_id)
        today = self.env.company._hoa_today()
        current = period_of(today, community.meeting_cadence)
        last = period_of(current.start - timedelta(days=1), community.meeting_cadence)
        lines = [
            ("fee_income", "物业服务费（住宅）", 1286400.00, "收缴率92.4%"),
            ("fee_income", "物业服务费（底商）", 96300.00, ""),
            ("common_revenue", "电梯轿厢广告", 36000.00, "归全体业主所有"),
            ("common_revenue", "地面临时停车费", 58200.00, "归全体业主所有"),
            ("operating_cost", "人员工资及社保", 612000.00, "在岗48人"),
            ("operating_cost", "公共区域水电能耗", 138500.00, ""),
            ("operating_cost", "电梯维保", 64800.00, "12部电梯"),
            ("operating_cost", "绿化养护", 42600.00, ""),
            ("operating_cost", "秩序维护外包", 186000.00, ""),
            ("commission", "物业服务企业酬金", 104390.00, "服务成本的10%"),
            ("fund_opening", "专项维修资金账户", 8420000.00, "期初余额"),
            ("fund_contribution", "新交房业主首期交存", 126000.00, ""),
            ("fund_interest", "账户利息", 21050.00, ""),
            ("fund_use", "2号楼电梯曳引机更换", 48600.00, "业主表决通过"),
        ]
        disclosure = self.env["hoa.disclosure"].create(
            {
                "community_id": community.id,
                "date_from": last.start,
                "date_to": last.end,
                "line_ids": [
                    (0, 0, {"category": c, "name": n, "amount": a, "note": note})
                    for c, n, a, note in lines
                ],
            }
        )
        # the committee's chair confirms it in the portal before it is published
        disclosure.action_submit_review()
        chair = self.env.ref(
            "hoa_committee.user_demo_portal_chair", raise_if_not_found=False
        )
        if chair:
            disclosure.with_user(chair)._portal_review("confirm")
            disclosure.action_publish()
        else:
            disclosure._publish_unreviewed("演示数据：业委会主任未开通门户账号。")
        correction = self.env["hoa.disclosure"].browse(
            disclosure.action_correct()["res_id"]
        )
        correction.line_ids.filtered(
            lambda line: line.name == "绿化养护"
        ).amount = 45900.0
        correction.note = "<p>绿化养护费用补录9月补植费用3,300元。</p>"
        correction._publish_unreviewed(
            "更正仅补录绿化补植费用3,300元，业委会主任已当面确认，先行公示。"
        )
        # the head drafts this quarter's work report as the quarter goes, for
        # the next routine meeting
        report = self.env["hoa.work.report"].create(
            {
                "community_id": community.id,
                "date_from": current.start,
                "date_to": current.end,
            }
        )
        report.action_fill()
        report.help_needed = (
            "<p>请业委会协助督促12户长期欠费业主缴纳物业费，"
            "并就地面停车方案征求业主意见。</p>"
        )
        return True

    @api.model
    def _work_in_chinese(self):
        """The demo companies work in Chinese, and so does the demo: Chinese
        is made active (the demo files then run in it) and the addon's Chinese
        labels are loaded now, since Odoo loads a module's translations only
        after its demo data and the demo's texts quote model names and
        selection values."""
        modules = self.env["ir.module.module"].search(
            [("state", "in", ("installed", "to install", "to upgrade"))]
        )
        if self.env["res.lang"]._lang_get("zh_CN"):
            modules = modules.filtered(lambda m: m.name == "hoa_committee")
        else:
            self.env["res.lang"]._activate_lang("zh_CN")
        modules._update_translations(["zh_CN"])
        return True

    @api.model
    def _set_company_language(self, company_id, lang):
        """What the jobs and the letters write for a demo company is in
        ``lang``, when that language is installed."""
        if self.env["res.lang"]._lang_get(lang):
            self.env["res.company"].browse(company_id).partner_id.lang = lang
        return True

    @api.model
    def _generate_owner_accounts(self, community_id, owner_units, invited_units):
        """Demo owners with portal accounts and a finished invitation run.

        :param owner_units: ``[(partner_id, unit_name), …]`` owners given a
            unit of the estate (their account is in the demo XML)
        :param invited_units: units whose generated owners the demo's
            invitation run covers; the last two cannot be invited (one has no
            mobile number and no email, one has the mobile number of another
            account)
        """
        units = self.env["hoa.unit"].search([("community_id", "=", community_id)])
        by_name = {unit.name: unit for unit in units}
        for partner_id, unit_name in owner_units:
            by_name[unit_name].owner_id = partner_id
        owners = self.env["res.partner"]
        for unit_name in invited_units:
            owners |= by_name[unit_name].owner_id
        no_contact, taken = owners[-2], owners[-1]
        no_contact.write({"phone": False, "mobile": False, "email": False})
        taken.mobile = self.env["res.partner"].browse(owner_units[0][0]).mobile
        for partner in owners[:-2]:
            partner.mobile = partner.phone
        owners[0].hoa_id_number = "110105198803150021"
        run = self.env["hoa.owner.invitation"]._create_in_state(
            [
                {
                    "community_id": community_id,
                    "total": len(owners),
                    "pending_partner_ids": [(6, 0, owners.ids)],
                }
            ]
        )
        run._hoa_process_batch()
        return run


# ----------------------------------------------------------------------
# The portfolio: the Beijing company's other estates (issue 19)
# ----------------------------------------------------------------------

#: the Beijing estates the demo company manages besides 亮马河南岸家园: code,
#: name, district, address, service-centre head (key of the heads passed to
#: :meth:`HoaDemoData._generate_portfolio`), unit layout (buildings,
#: entrances, floors, rooms per floor), cadence, fee model, committee size,
#: election day, and how the estate keeps the procedures (``PROFILES``)
PORTFOLIO = [
    {
        "code": "BJ-WJ",
        "name": "望京花园东区",
        "address": "北京市朝阳区望京街道广顺北大街 33 号",
        "head": "han",
        "layout": (10, 2, 15, 4),
        "cadence": "quarterly",
        "fee": "commission",
        "members": 9,
        "elected": "2023-03-18",
        "profile": "exemplary",
    },
    {
        "code": "BJ-TJH",
        "name": "团结湖北里",
        "address": "北京市朝阳区团结湖路 9 号",
        "head": "han",
        "layout": (5, 2, 10, 2),
        "cadence": "monthly",
        "fee": "lump_sum",
        "members": 5,
        "elected": "2024-09-21",
        "profile": "meetings_lapse",
    },
    {
        "code": "BJ-WQH",
        "name": "万泉河畔家园",
        "address": "北京市海淀区万泉河路 68 号",
        "head": "feng",
        "layout": (5, 2, 20, 2),
        "cadence": "quarterly",
        "fee": "commission",
        "members": 7,
        "elected": "2022-11-12",
        "profile": "exemplary",
    },
    {
        "code": "BJ-QH",
        "name": "清河嘉苑",
        "address": "北京市海淀区清河中街 28 号",
        "head": "feng",
        "layout": (5, 2, 15, 2),
        "cadence": "monthly",
        "fee": "lump_sum",
        "members": 7,
        "elected": "2025-04-19",
        "profile": "mostly_on_time",
    },
    {
        "code": "BJ-ZCL",
        "name": "知春里小区",
        "address": "北京市海淀区知春路 17 号",
        "head": "feng",
        "layout": (5, 2, 6, 2),
        "cadence": "quarterly",
        "fee": "lump_sum",
        "members": 5,
        "elected": "2022-06-25",
        "profile": "inquiries_late",
    },
    {
        "code": "BJ-FZ",
        "name": "方庄芳群园",
        "address": "北京市丰台区方庄南路 5 号",
        "head": "cao",
        "layout": (6, 2, 20, 2),
        "cadence": "quarterly",
        "fee": "lump_sum",
        "members": 9,
        "elected": "2023-07-08",
        "profile": "reports_late",
    },
    {
        "code": "BJ-LZ",
        "name": "丽泽雅园",
        "address": "北京市丰台区丽泽路 12 号",
        "head": "cao",
        "layout": (4, 2, 10, 2),
        "cadence": "monthly",
        "fee": "commission",
        "members": 5,
        "elected": "2024-05-25",
        "profile": "exemplary",
    },
    {
        "code": "BJ-XY",
        "name": "新怡家园",
        "address": "北京市东城区东直门外大街 42 号",
        "head": "peng",
        "layout": (6, 2, 10, 2),
        "cadence": "quarterly",
        "fee": "commission",
        "members": 7,
        "elected": "2022-08-20",
        "profile": "mostly_on_time",
    },
    {
        "code": "BJ-XBM",
        "name": "西便门东里",
        "address": "北京市西城区西便门内大街 3 号",
        "head": "peng",
        "layout": (4, 1, 6, 4),
        "cadence": "quarterly",
        "fee": "lump_sum",
        "members": 5,
        "elected": "2022-03-12",
        "profile": "contacts_lapse",
    },
    {
        "code": "BJ-YHW",
        "name": "运河湾畔家园",
        "address": "北京市通州区新华北路 155 号",
        "head": "jiang",
        "layout": (8, 2, 20, 2),
        "cadence": "monthly",
        "fee": "lump_sum",
        "members": 9,
        "elected": "2023-12-16",
        "profile": "overloaded",
    },
    {
        "code": "BJ-LZY",
        "name": "龙泽景园",
        "address": "北京市昌平区回龙观龙泽园街 6 号",
        "head": "jiang",
        "layout": (4, 1, 5, 4),
        "cadence": "quarterly",
        "fee": "commission",
        "members": 5,
        "elected": "2024-03-23",
        "profile": "exemplary",
    },
]

#: what goes wrong in an estate. Periods are counted back from the current
#: one (0); ``late_meetings``: proposed after the proposal day,
#: ``missed_meetings``: proposed, never held; ``declined``: the chair
#: declined and only the chair was contacted; ``vice_absent``: held without
#: the vice-chair and no other contact with them; ``current_draft``: this
#: period's meeting not proposed; ``late_inquiries`` answered after the
#: deadline; ``open_inquiries``: not answered and overdue; ``late_report``:
#: delivered after its deadline; ``undelivered_report``: sent, no receipt,
#: overdue; ``late_incident``: notified late and escalated;
#: ``notice_unreviewed``: a notice request waiting past its first day;
#: ``overdue_actions``: action items open past their day; ``assembly_overdue``
PROFILES = {
    "exemplary": {},
    "mostly_on_time": {"late_inquiries": 1, "late_meetings": {2}},
    "meetings_lapse": {
        "missed_meetings": {1},
        "declined": {2},
        "late_meetings": {3},
        "current_draft": True,
        "late_inquiries": 1,
    },
    "inquiries_late": {
        "late_inquiries": 2,
        "open_inquiries": 3,
        "overdue_actions": 1,
    },
    "reports_late": {
        "late_report": True,
        "undelivered_report": True,
        "late_incident": True,
        "late_meetings": {1},
        "open_inquiries": 1,
    },
    "contacts_lapse": {
        "vice_absent": {1, 2},
        "notice_unreviewed": True,
        "overdue_actions": 2,
        "current_draft": True,
    },
    "overloaded": {
        "late_meetings": {1, 2},
        "missed_meetings": {3},
        "late_inquiries": 3,
        "open_inquiries": 2,
        "assembly_overdue": True,
        "late_report": True,
    },
}

#: inquiries a committee raises: (type, subject, what they wrote, the answer)
INQUIRY_TOPICS = [
    (
        "query",
        "电梯频繁停梯",
        "近期电梯多次停梯，请说明原因及整改措施。",
        "经维保单位检测，已更换门机控制板并加密巡检。",
    ),
    (
        "request",
        "地下车库照明不足",
        "车库东侧多处灯管不亮，夜间行车存在隐患。",
        "已更换损坏灯管42支，并改为声控节能灯。",
    ),
    (
        "suggestion",
        "增设电动自行车充电棚",
        "楼道内充电存在消防隐患，建议集中建设充电棚。",
        "已选址北侧空地，方案将在例会上与业委会商定。",
    ),
    (
        "query",
        "二次供水水质",
        "部分业主反映自来水有异味，请说明水箱清洗情况。",
        "水箱已于上月清洗消毒，水质检测报告已在公告栏公示。",
    ),
    (
        "request",
        "楼道堆物清理",
        "多个楼道堆放杂物，影响消防通道畅通。",
        "已联合社区开展清理行动，共清运杂物36车。",
    ),
    (
        "query",
        "公共收益明细",
        "请说明本年度电梯广告及场地租赁收益的使用情况。",
        "公共收益明细已按季度公示，详见收支情况公示表。",
    ),
    (
        "suggestion",
        "绿化补植",
        "中心花园部分草坪裸露，建议补植。",
        "已补植草坪约300平方米，并增加灌木养护频次。",
    ),
    (
        "request",
        "外来车辆管理",
        "外来车辆随意进出停放，请加强门岗管理。",
        "已启用车牌识别系统，访客车辆需登记后放行。",
    ),
    (
        "query",
        "供暖温度不达标",
        "部分楼栋室温低于18度，请说明原因。",
        "已排查管网并对末端用户加装循环泵，室温已达标。",
    ),
    (
        "request",
        "儿童游乐设施维修",
        "游乐区滑梯破损，存在安全隐患。",
        "已停用并更换破损部件，经检测合格后重新开放。",
    ),
    (
        "suggestion",
        "垃圾分类督导",
        "建议在投放高峰增派督导员。",
        "已在早晚高峰各增派督导员1名。",
    ),
    (
        "query",
        "物业费调价依据",
        "听说明年物业费要调整，请说明依据。",
        "目前无调价计划，如有调整将依法提请业主大会决定。",
    ),
]

#: special-matter reports: (category, subject, what it says)
MATTER_TOPICS = {
    "facility_fund": (
        "更换小区监控系统申请使用公共设施专项资金",
        "现有监控设备老化，拟更换高清摄像头86个，预算约24万元。",
    ),
    "new_measure": (
        "拟调整地面停车管理办法",
        "拟对地面车位实行错时停车，方案附后，请业委会审议。",
    ),
    "activity": (
        "迎接北京市物业管理示范项目检查",
        "市住建委将于下月检查，需业委会配合座谈。",
    ),
    "incident": (
        "地下车库雨水倒灌事件通报",
        "暴雨导致地下车库局部进水，已组织抽排，无人员伤亡。",
    ),
    "owner_interest": (
        "外墙保温施工影响部分住户通报",
        "外墙保温施工期间需搭设脚手架，影响部分低层住户采光。",
    ),
}

#: notices a committee asks to post
NOTICE_TITLES = [
    "关于召开业主代表座谈会的通知",
    "关于开展楼道堆物清理的倡议",
    "关于征集小区绿化改造意见的公告",
    "关于冬季防火安全的温馨提示",
]

#: contacts of the head with the chair or vice-chair
CONTACT_SUMMARIES = [
    "上门拜访，通报本期重点工作，听取对服务质量的意见。",
    "电话沟通近期业主投诉的处理进展。",
    "微信沟通公共收益公示及下期例会安排。",
    "当面交流维修计划，征求意见。",
]


class HoaDemoPortfolio(models.AbstractModel):
    _inherit = "hoa.demo.data"

    @api.model
    def _generate_portfolio(self, head_ids, seed=19):
        """The Beijing company's portfolio: the estates of ``PORTFOLIO``,
        each with its units and owners, its committee (the chair logs in to
        the portal) and two quarters of history that keeps the procedures or
        not as its profile says, moved through the addon's own flows with the
        past dates stamped as the demo does (``_set_state``).

        :param head_ids: ``{head key: user id}`` of the service-centre heads
        :return: the estates
        """
        started = monotonic()
        rng = random.Random(seed)
        company = self.env.ref("base.main_company")
        today = company._hoa_today()
        estates = self.env["hoa.community"]
        for spec in PORTFOLIO:
            head = self.env["res.users"].browse(head_ids[spec["head"]])
            estate = self._portfolio_estate(spec, head, company, rng)
            self._portfolio_history(estate, spec, head, today, rng)
            estates |= estate
        # this period's meetings and the next ones, as the daily job prepares them
        self.env["hoa.meeting"]._cron_prepare_routine_meetings()
        self.env["hoa.compliance"]._refresh(communities=estates)
        _logger.info(
            "Demo portfolio: %s estates, %s units in %.1f s",
            len(estates),
            sum(estates.mapped("unit_count")),
            monotonic() - started,
        )
        return estates.ids

    # ------------------------------------------------------------------
    # The estate, its units and its committee
    # ------------------------------------------------------------------

    def _portfolio_estate(self, spec, head, company, rng):
        slug = spec["code"].split("-")[1].lower()
        developer = self.env["res.partner"].create(
            {
                "name": f"北京{spec['name'][:2]}置业有限公司",
                "is_company": True,
                "city": "北京",
                "company_id": company.id,
            }
        )
        estate = self.env["hoa.community"].create(
            {
                "name": spec["name"],
                "code": spec["code"],
                "address": spec["address"],
                "company_id": company.id,
                "manager_id": head.id,
                "meeting_cadence": spec["cadence"],
                "fee_model": spec["fee"],
                "developer_partner_id": developer.id,
                "color": rng.randint(1, 11),
            }
        )
        self._portfolio_xmlid(estate, f"hoa_community_demo_{slug}")
        buildings, entrances, floors, rooms = spec["layout"]
        members = self.env["res.partner"].create(
            [
                {
                    "name": self._portfolio_person(rng),
                    "email": f"{slug}.member{i + 1}@example.com",
                    "phone": f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    "city": "北京",
                    "company_id": company.id,
                }
                for i in range(spec["members"])
            ]
        )
        # the members own a unit each, spread over the buildings
        named = [
            (
                member.id,
                (
                    f"{i % buildings + 1}-{i % entrances + 1}-"
                    f"{(3 + 2 * i) % floors + 1:02d}{i % rooms + 1:02d}"
                ),
            )
            for i, member in enumerate(members)
        ]
        units = buildings * entrances * floors * rooms
        self._generate_units(
            estate.id,
            spec["layout"],
            rng.randint(1, 10**6),
            named,
            {"developer_units": units // 40, "double_owners": units // 60},
        )
        elected = fields.Date.to_date(spec["elected"])
        committee = self.env["hoa.committee"].create(
            {
                "name": "第二届业主委员会"
                if elected.year < 2024
                else "第一届业主委员会",
                "community_id": estate.id,
                "election_date": elected,
                "term_start": elected + timedelta(days=2),
                "term_end": elected.replace(year=elected.year + 5),
                "filing_date": elected + timedelta(days=rng.randint(12, 25)),
                "filing_ref": f"{spec['address'][3:5]}房管备字〔{elected.year}〕"
                f"第{rng.randint(10, 300):04d}号",
                "member_ids": [
                    Command.create(
                        {
                            "partner_id": member.id,
                            "role": role,
                            "date_start": elected + timedelta(days=2),
                        }
                    )
                    for member, role in zip(
                        members, self._portfolio_roles(len(members)), strict=True
                    )
                ],
            }
        )
        committee.action_activate()
        committee.first_meeting_date = elected + timedelta(days=4)
        self._portfolio_xmlid(committee, f"hoa_committee_demo_{slug}")
        # the chair reads and signs in the portal, as in 亮马河
        chair = members[0]
        self.env["res.users"].with_context(no_reset_password=True).create(
            {
                "partner_id": chair.id,
                "login": f"hoa_chair_{slug}",
                "password": f"hoa_chair_{slug}",
                "tz": "Asia/Shanghai",
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        return estate

    @staticmethod
    def _portfolio_roles(size):
        """Chair, one vice-chair (two on a large committee), a secretary,
        members."""
        vices = 2 if size >= 9 else 1
        return (
            ["chair"]
            + ["vice_chair"] * vices
            + ["secretary"]
            + ["member"] * (size - 2 - vices)
        )

    @staticmethod
    def _portfolio_person(rng):
        return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))

    def _portfolio_xmlid(self, record, name):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"hoa_committee.{name}", "record": record, "noupdate": True}]
        )

    # ------------------------------------------------------------------
    # Two quarters of history
    # ------------------------------------------------------------------

    def _portfolio_history(self, estate, spec, head, today, rng):
        """Routine meetings and mandatory contacts of the dashboard's four
        periods (quarters or months), then half a year of inquiries, reports
        and notice requests."""
        profile = PROFILES[spec["profile"]]
        cadence = spec["cadence"]
        periods = [period_of(today, cadence)]
        for _i in range(3):
            periods.append(period_of(periods[-1].start - timedelta(days=1), cadence))
        held = self.env["hoa.meeting"]
        for back, period in enumerate(periods):
            meeting = self._portfolio_period(
                estate, head, period, back, profile, today, rng
            )
            if meeting.state == "held":
                held |= meeting
        self._portfolio_actions(held, head, profile, today, rng)
        start = today - timedelta(days=182)
        self._portfolio_inquiries(estate, spec, head, profile, start, today, rng)
        self._portfolio_matters(estate, head, profile, start, today, rng)
        self._portfolio_notices(estate, head, profile, start, today, rng)
        estate.last_assembly_date = today - timedelta(
            days=rng.randint(400, 460)
            if profile.get("assembly_overdue")
            else rng.randint(40, 300)
        )

    def _portfolio_period(self, estate, head, period, back, profile, today, rng):
        """One routine period: its meeting (proposed on time or late, held,
        declined or never held) and the head's contacts with the chair and
        the vice-chair."""
        Meeting = self.env["hoa.meeting"].with_user(head).sudo()
        meeting = Meeting._create_routine_meeting(estate, period)
        members = estate.committee_id.member_ids
        chair = members.filtered(lambda m: m.role == "chair")
        vice = members.filtered(lambda m: m.role == "vice_chair")[:1]
        if back == 0 and profile.get("current_draft"):
            return meeting  # as the job prepared it: not proposed
        deadline = meeting.proposal_deadline
        if back in profile.get("late_meetings", ()):
            proposed = deadline + timedelta(days=rng.randint(4, 10))
        else:
            proposed = deadline - timedelta(days=rng.randint(1, 6))
        proposed = min(proposed, today)
        day = min(proposed + timedelta(days=rng.randint(6, 12)), period.end)
        meeting.write(
            {
                # 14:30 in Beijing
                "date_start": datetime.combine(day, time(6, 30)),
                "location": "物业服务中心会议室",
            }
        )
        meeting.action_propose()
        meeting._set_state({"proposed_date": proposed})
        contact_day = min(period.start + timedelta(days=rng.randint(3, 20)), today)
        if back in profile.get("declined", ()):
            meeting.write(
                {
                    "declined_by_id": chair.id,
                    "decline_reason": "本月无重要议题，主任建议改为电话沟通。",
                }
            )
            meeting.action_decline()
            self._portfolio_contact(estate, head, chair, contact_day, rng)
            return meeting
        if day >= today or back in profile.get("missed_meetings", ()):
            # not held (yet): the head saw the chair and the vice-chair
            self._portfolio_contact(estate, head, chair | vice, contact_day, rng)
            return meeting
        absent_vice = back in profile.get("vice_absent", ())
        present = (
            members.filtered(
                lambda m: (
                    m.role in ("chair", "secretary")
                    or (m.role == "vice_chair" and not absent_vice)
                )
            )
            | members.filtered(lambda m: m.role == "member")[:2]
        )
        self._portfolio_hold(meeting, proposed, present, rng)
        if absent_vice:
            # the head saw only the chair this period
            self._portfolio_contact(estate, head, chair, contact_day, rng)
        elif rng.random() < 0.6:
            self._portfolio_contact(estate, head, vice or chair, contact_day, rng)
        return meeting

    def _portfolio_hold(self, meeting, proposed, present, rng):
        """Held as it happened: notice served a week ahead (the mail server
        took each email), the members ``present`` and the staff there, the
        minutes written. The members sign them on paper later: not yet."""
        day = meeting._local_day()
        notice_day = max(proposed, day - timedelta(days=7))
        meeting.attendance_ids.filtered(
            lambda a: a.user_id or a.member_id in present
        ).write({"present": True})
        meeting._set_state({"notice_date": notice_day, "state": "notified"})
        self._served_notice(meeting, notice_day)
        meeting.action_hold()
        topic = rng.choice(INQUIRY_TOPICS)
        meeting.minutes = (
            f"<p>{meeting.community_id.manager_id.name}通报上期工作及物业服务费、"
            f"公共收益收支情况。委员提出“{topic[1]}”问题，服务中心答复：{topic[3]}</p>"
            "<p>会议确定下期重点工作，由服务中心列入工作计划。</p>"
        )

    def _portfolio_contact(self, estate, head, members, day, rng):
        self.env["hoa.contact"].with_user(head).sudo().create(
            {
                "community_id": estate.id,
                "date": day,
                "method": rng.choice(["visit", "phone", "wechat"]),
                "user_id": head.id,
                "member_ids": [Command.set(members.ids)],
                "summary": rng.choice(CONTACT_SUMMARIES),
            }
        )

    def _portfolio_actions(self, meetings, head, profile, today, rng):
        """Action items of the held meetings: done on time, or (as the
        profile says) still open past their day."""
        overdue = profile.get("overdue_actions", 0)
        for meeting in meetings.sorted("date_start"):
            day = meeting._local_day()
            deadline = day + timedelta(days=rng.randint(20, 40))
            action = (
                self.env["hoa.meeting.action"]
                .with_user(head)
                .sudo()
                .create(
                    {
                        "meeting_id": meeting.id,
                        "name": rng.choice(
                            [
                                "更换单元门禁读卡器",
                                "补植中心花园草坪",
                                "修复消防通道标识",
                                "清理地下室堆积物",
                                "公示公共收益收支明细",
                            ]
                        ),
                        "user_id": head.id,
                        "deadline": deadline,
                    }
                )
            )
            if deadline < today and overdue:
                overdue -= 1
                continue
            if deadline < today:
                action.action_done()
                action._set_state(
                    {"done_date": deadline - timedelta(days=rng.randint(0, 10))}
                )

    # ------------------------------------------------------------------
    # Inquiries
    # ------------------------------------------------------------------

    def _portfolio_inquiries(self, estate, spec, head, profile, start, today, rng):
        """Half a year of the committee's inquiries: answered in time, late
        (escalated by the nightly sweep first), or overdue and open; and one
        received yesterday."""
        units = spec["layout"][0] * spec["layout"][1] * spec["layout"][2]
        units *= spec["layout"][3]
        late = profile.get("late_inquiries", 0)
        open_ = profile.get("open_inquiries", 0)
        outcomes = (
            ["late"] * late
            + ["open"] * open_
            + ["on_time"] * (2 + units // 250)
            + ["new"]
        )
        members = estate.committee_id.member_ids
        Inquiry = self.env["hoa.inquiry"].with_user(head).sudo()
        # the latest day whose answer period ended before today: its inquiry
        # is overdue since yesterday, not yet escalated by the nightly sweep
        calendar = estate.workday_calendar_id
        days = estate.company_id.hoa_inquiry_answer_days
        just_due = today - timedelta(days=1)
        while calendar._add_working_days(just_due, days) >= today:
            just_due -= timedelta(days=1)
        for index, outcome in enumerate(outcomes):
            kind, subject, text, answer = rng.choice(INQUIRY_TOPICS)
            if outcome == "new":
                received = today - timedelta(days=1)
            elif outcome == "open" and index == late:
                received = just_due
            elif outcome == "open":
                received = today - timedelta(days=rng.randint(8, 40))
            else:
                received = start + timedelta(days=rng.randint(0, 140))
            member = rng.choice(members)
            inquiry = Inquiry.create(
                {
                    "community_id": estate.id,
                    "subject": subject,
                    "inquiry_type": kind,
                    "channel": rng.choice(["letter", "wechat", "visit", "phone"]),
                    "raised_by_id": member.partner_id.id,
                    "received_date": received,
                    "description": f"<p>{text}</p>",
                    "assessment": "reasonable",
                    "response": f"<p>{answer}</p>",
                }
            )
            if outcome == "new":
                continue
            deadline = inquiry.deadline
            if outcome == "open":
                if rng.random() < 0.5:
                    inquiry.action_assess()
                    inquiry._set_state({"assessed_date": received + timedelta(days=1)})
                if deadline <= today - timedelta(days=2):
                    self._portfolio_escalate(inquiry, deadline)
                continue
            inquiry.action_assess()
            inquiry._set_state({"assessed_date": received + timedelta(days=1)})
            if outcome == "late":
                served = deadline + timedelta(days=rng.randint(2, 8))
                if served >= today:
                    served = today - timedelta(days=1)
                self._portfolio_escalate(inquiry, deadline)
            else:
                span = max((deadline - received).days, 1)
                served = received + timedelta(days=rng.randint(1, span))
            self._portfolio_answer(inquiry, member, min(served, today))
        # what the nightly sweep gives the head for what is still open
        open_inquiries = self.env["hoa.inquiry"].search(
            [
                ("community_id", "=", estate.id),
                ("state", "in", ("recorded", "assessed", "escalated")),
                ("deadline", "<=", today + timedelta(days=1)),
            ]
        )
        open_inquiries._create_deadline_activities(
            self.env.ref("hoa_committee.mail_activity_type_deadline").id
        )

    def _portfolio_escalate(self, inquiry, deadline):
        """Escalated by the nightly sweep the day after its deadline."""
        inquiry._escalate_overdue_batch()
        inquiry._set_state({"escalated_date": deadline + timedelta(days=1)})

    def _portfolio_answer(self, inquiry, member, day):
        """The reply letter sent on ``day`` and served that day: confirmed in
        the portal by a member who logs in, else a paper receipt signed."""
        moment = datetime.combine(day, time(2, 0))  # 10:00 in Beijing
        portal = bool(member.partner_id.user_ids)
        inquiry._send_answer("portal" if portal else "paper")
        inquiry._set_state({"reply_date": day})
        services = inquiry.reply_service_ids
        if portal:
            services._set_state({"sent_at": moment})
            services._hoa_progress(
                "confirmed", {"opened_at": moment, "confirmed_at": moment}
            )
        else:
            services[:1]._hoa_receive(
                member.partner_id.name, day, self._portfolio_scan(services[:1])
            )

    def _portfolio_scan(self, service):
        return self.env["ir.attachment"].create(
            {
                "name": "回执扫描件.png",
                "raw": base64.b64decode(DEMO_SCAN),
                "res_model": "hoa.service",
                "res_id": service.id,
            }
        )

    # ------------------------------------------------------------------
    # Special-matter reports and notice requests
    # ------------------------------------------------------------------

    def _portfolio_matters(self, estate, head, profile, start, today, rng):
        """An application for work and an incident report, served on paper
        and delivered with a signed receipt on time — or late, or not at all
        as the profile says — and a notification."""
        # applications: filed 15 days before the work starts
        first, second = rng.sample(["facility_fund", "new_measure"], 2)
        planned = today - timedelta(days=rng.randint(20, 120))
        deadline = planned - timedelta(days=15)
        if profile.get("late_report"):
            received = deadline + timedelta(days=rng.randint(2, 6))
        else:
            received = deadline - timedelta(days=rng.randint(1, 6))
        self._portfolio_matter(estate, head, first, {"planned_date": planned}, received)
        occurred = start + timedelta(days=rng.randint(10, 140))
        matter = self._portfolio_matter(
            estate, head, "incident", {"occurred_date": occurred}, None
        )
        if profile.get("late_incident"):
            # no receipt in time: escalated by the nightly sweep, delivered later
            matter._escalate_overdue()
            self._portfolio_deliver(
                matter, matter.deadline + timedelta(days=rng.randint(3, 6))
            )
        else:
            self._portfolio_deliver(matter, matter.deadline)
        if profile.get("undelivered_report"):
            # sent three weeks ago, no receipt yet: past its deadline
            self._portfolio_matter(
                estate,
                head,
                second,
                {"planned_date": today + timedelta(days=rng.randint(3, 10))},
                None,
                sent=today - timedelta(days=rng.randint(20, 30)),
            )
        elif rng.random() < 0.5:
            self._portfolio_matter(
                estate,
                head,
                rng.choice(["owner_interest", "activity"]),
                {},
                today - timedelta(days=rng.randint(5, 60)),
            )

    def _portfolio_matter(self, estate, head, category, extra, received, sent=None):
        """A report sent on paper (``sent``, default the day before
        ``received``), and delivered on ``received`` when given."""
        subject, text = MATTER_TOPICS[category]
        values = {
            "community_id": estate.id,
            "category": category,
            "subject": subject,
            "description": f"<p>{text}</p>",
            "delivery_method": "hand",
            "state": "sent",
            **extra,
        }
        if received:
            values["sent_date"] = received - timedelta(days=1)
        else:
            values["sent_date"] = sent or (
                extra.get("occurred_date") or extra.get("planned_date")
            ) + timedelta(days=1)
        matter = (
            self.env["hoa.matter"].with_user(head).sudo()._create_in_state([values])
        )
        matter._hoa_serve(
            "report",
            matter._report_recipients(),
            self.env.ref("hoa_committee.mail_template_matter_letter"),
            channel="paper",
        )
        if received:
            self._portfolio_deliver(matter, received)
        return matter

    def _portfolio_deliver(self, matter, day):
        """The committee's secretary signs the receipt on ``day``."""
        day = max(min(day, matter.company_id._hoa_today()), matter.sent_date)
        service = (
            matter.service_ids.filtered(
                lambda s: (
                    s.partner_id
                    == matter.committee_id.member_ids.filtered(
                        lambda m: m.role == "secretary"
                    ).partner_id
                )
            )[:1]
            or matter.service_ids[:1]
        )
        service._hoa_receive(
            f"{service.partner_id.name}（业委会秘书）",
            day,
            self._portfolio_scan(service),
        )

    def _portfolio_notices(self, estate, head, profile, start, today, rng):
        """Notice requests of the committee, reviewed the next day — or one
        still waiting past its first posting day."""
        members = estate.committee_id.member_ids
        Notice = self.env["hoa.notice"].with_user(head).sudo()
        titles = rng.sample(NOTICE_TITLES, 2 if profile.get("notice_unreviewed") else 1)
        for index, title in enumerate(titles):
            waiting = index == 1
            requested = (
                today - timedelta(days=6)
                if waiting
                else start + timedelta(days=rng.randint(0, 170))
            )
            notice = Notice.create(
                {
                    "community_id": estate.id,
                    "title": title,
                    "requested_by_id": rng.choice(members).partner_id.id,
                    "requested_date": requested,
                    "location": "各楼栋大堂公告栏",
                    "date_from": requested + timedelta(days=4),
                    "date_to": requested + timedelta(days=20),
                    "body": f"<p>{title}，请各位业主周知。</p>",
                }
            )
            if waiting:
                continue
            notice.action_approve()
            notice._set_state({"review_date": requested + timedelta(days=1)})
