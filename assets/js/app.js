// Starts GOV.UK Frontend's and MOJ Frontend's components (loaded with <script type="module">).
// The two packages are vendored by assets/build.sh; this file is copied to static/js/app.js.
import { initAll as initGovukFrontend } from "../vendor/govuk/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "../vendor/moj/moj-frontend.min.js";

initGovukFrontend();
initMojFrontend();

// Content htmx swaps in later needs its components started too. Both packages mark an element
// once started, so starting the components in the swapped-in part never starts one twice.
document.body.addEventListener("htmx:load", (event) => {
  const scope = event.detail.elt;
  if (scope instanceof Element && scope !== document.body) {
    initGovukFrontend({ scope });
    initMojFrontend({ scope });
  }
});
