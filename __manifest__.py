{
    "name": "Owners' Committee Liaison",
    "summary": "Run every exchange between a property-management company and the "
    "owners' committees (业主委员会) of its estates: meetings, inquiries, "
    "written reports, notices, owners' decisions and a committee portal.",
    "version": "18.0.1.0.0",
    "category": "Services/Property Management",
    "website": "https://github.com/hoa-committee/hoa_committee",
    "author": "hoa_committee developers",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "calendar", "resource", "base_import"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/hoa_committee_security.xml",
        "security/ir.model.access.csv",
        "views/hoa_community_views.xml",
        "views/hoa_unit_views.xml",
        "views/hoa_committee_views.xml",
        "views/hoa_committee_member_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
        "views/hoa_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/hoa_community_demo.xml",
        "demo/hoa_committee_demo.xml",
    ],
    "assets": {},
}
