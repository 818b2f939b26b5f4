import hmac
import json
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class HoaProviderReceipts(http.Controller):
    """送达回执: the SMS providers call these URLs (set in their consoles,
    with the company's secret token) to say whether each message reached
    the phone. Only their word marks a message delivered."""

    @http.route(
        "/hoa/receipts/aliyun/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def hoa_receipts_aliyun(self, token, **kwargs):
        from ..providers import aliyun_sms

        return self._hoa_receipts(token, "aliyun", aliyun_sms)

    @http.route(
        "/hoa/receipts/tencent/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def hoa_receipts_tencent(self, token, **kwargs):
        from ..providers import tencent_sms

        return self._hoa_receipts(token, "tencent", tencent_sms)

    def _hoa_receipt_company(self, token):
        """The company whose secret receipt token is ``token``, or None."""
        companies = request.env["res.company"].sudo().search([])
        found = None
        for company in companies:
            secret = company.hoa_receipt_token or ""
            # compared in constant time, every company, whatever matched
            if secret and hmac.compare_digest(secret.encode(), token.encode()):
                found = company
        return found

    def _hoa_receipts(self, token, provider, module):
        company = self._hoa_receipt_company(token or "")
        if not company:
            return request.make_json_response({"error": "forbidden"}, status=403)
        try:
            payload = json.loads(request.httprequest.get_data() or b"null")
            receipts = module.parse_receipts(payload)
        except (ValueError, TypeError, KeyError) as error:
            _logger.warning("Unreadable %s delivery receipt: %s", provider, error)
            return request.make_json_response({"error": "bad request"}, status=400)
        request.env["hoa.dispatch"].sudo()._hoa_receipts(company, provider, receipts)
        return request.make_json_response(module.RECEIPT_OK)
