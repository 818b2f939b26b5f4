/**
 * Steps shared by the addon's tours.
 */

/**
 * The last step of every tour: a portal page with a history (the chatter)
 * loads it after the page, lazily (the portal.assets_chatter bundle, then
 * /portal/chatter_init). A tour that passes before that has finished ends the
 * test while the browser is still loading it; Chromium then reports the
 * aborted load "after termination", which Odoo's runner counts as an error.
 * So a tour ends once the page has settled.
 */
export function pageSettled() {
    return {
        content: "The page has settled (its history loaded, if it has one)",
        trigger: "body",
        async run() {
            if (document.querySelector(".o_portal_chatter")) {
                await odoo.portalChatterReady;
            }
        },
    };
}
