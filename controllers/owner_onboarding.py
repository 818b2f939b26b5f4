from odoo import http
from odoo.http import request

from .portal_base import HoaCommitteePortal

#: the language of the registration page when the visitor asks for none
REGISTER_LANG = "zh_CN"
#: the shortest password an owner may choose
PASSWORD_MIN = 8


class HoaOwnerOnboardingPortal(HoaCommitteePortal):
    """The public page where an owner without an invitation proves they are
    on the roll and gets a portal account whose login is their mobile
    number."""

    @http.route(
        "/hoa/register",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def hoa_register(self, **post):
        langs = [code for code, _name in request.env["res.lang"].get_installed()]
        lang = post.get("lang") if post.get("lang") in langs else REGISTER_LANG
        if lang in langs:
            request.update_context(lang=lang)
        env = request.env
        communities = (
            env["hoa.community"].sudo().search([("active", "=", True)], order="name")
        )
        values = {
            "communities": communities,
            "error": None,
            "post": {
                key: (post.get(key) or "").strip()[:64]
                for key in ("community_id", "unit", "name")
            },
        }
        if request.httprequest.method != "POST":
            return request.render("hoa_committee.hoa_register_page", values)
        password = post.get("password") or ""
        if len(password) < PASSWORD_MIN:
            values["error"] = "password_short"
        elif password != (post.get("confirm_password") or ""):
            values["error"] = "password_mismatch"
        if values["error"]:
            return request.render("hoa_committee.hoa_register_page", values)
        try:
            community_id = int(post.get("community_id") or 0)
        except ValueError:
            community_id = 0
        result, user = (
            env["hoa.registration.attempt"]
            .sudo()
            ._hoa_register(
                community_id,
                post.get("unit"),
                post.get("name"),
                post.get("digits"),
                password,
                request.httprequest.remote_addr,
            )
        )
        if result != "success":
            values["error"] = "limited" if result == "rate_limited" else "refused"
            return request.render("hoa_committee.hoa_register_page", values)
        # the session below reads the new password on its own cursor
        request.env.cr.commit()  # pylint: disable=invalid-commit
        request.session.authenticate(
            request.db,
            {"login": user.login, "password": password, "type": "password"},
        )
        return request.redirect("/my")
