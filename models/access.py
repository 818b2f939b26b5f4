"""Who may call a public method of the addon.

Every public method (one a client can reach through RPC) checks its caller
before doing anything: actions that change a record with
``records.check_access("write")``, the others with one of these checks.
Helpers are private (``_name``) and cannot be called through RPC."""

from odoo.exceptions import AccessError

STAFF = "hoa_committee.group_hoa_user"
HEAD = "hoa_committee.group_hoa_manager"
ADMIN = "hoa_committee.group_hoa_admin"


def check_staff(env):
    """Refuse anyone but the service centre's staff (and the superuser)."""
    if not (env.su or env.user.has_group(STAFF)):
        raise AccessError(env._("Only the service centre's staff can do this."))


def check_head(env):
    """Refuse anyone but service-centre heads and leadership."""
    if not (env.su or env.user.has_group(HEAD)):
        raise AccessError(env._("Only a service-centre head can do this."))


def check_admin(env):
    """Refuse anyone but the addon's administrators."""
    if not (env.su or env.user.has_group(ADMIN)):
        raise AccessError(
            env._("Only an administrator of the committee liaison can do this.")
        )
