/**
 * Steps shared by the addon's tours.
 */

/** Whether the portal chatter of this page, if it has one, is in place. */
function chatterInPlace() {
    if (!document.querySelector(".o_portal_chatter")) {
        return true;
    }
    // the chatter is mounted in a shadow root once its stylesheets loaded
    const shadow = document.querySelector("#chatterRoot")?.shadowRoot;
    return Boolean(shadow && [...shadow.children].some((el) => el.tagName !== "LINK"));
}

/**
 * The last step of every tour: a portal page with a history (the chatter)
 * loads it after the page, lazily — the portal.assets_chatter bundle, its
 * stylesheets into a shadow root, /portal/chatter_init. A tour that passes
 * before that has finished ends the test while the browser is still loading;
 * Chromium then reports the aborted load "after termination", an ERROR in the
 * test's log. So a tour ends once the page has settled.
 */
export function pageSettled() {
    return {
        content: "The page has settled (its history in place, if it has one)",
        trigger: "body",
        async run() {
            const deadline = Date.now() + 30000;
            while (!chatterInPlace()) {
                if (Date.now() > deadline) {
                    throw new Error("the page's history (chatter) did not load in 30 s");
                }
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            if (document.querySelector(".o_portal_chatter")) {
                await odoo.portalChatterReady;
            }
        },
    };
}
