def ensure_chinese(env):
    """Chinese, with the terms of every installed module, set up when the
    database was installed without it: a test of the Chinese texts then runs
    (and fails when they are wrong) instead of being skipped."""
    if not env["res.lang"]._lang_get("zh_CN"):
        env["res.lang"]._activate_lang("zh_CN")
        env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations(["zh_CN"])
