// Starts GOV.UK Frontend's and MOJ Frontend's components (loaded with <script type="module">).
// The two packages are vendored by assets/build.sh; this file is copied to static/js/app.js.
import {
  Radios,
  createAll,
  initAll as initGovukFrontend,
} from "../vendor/govuk/govuk-frontend.min.js";
import { initAll as initMojFrontend } from "../vendor/moj/moj-frontend.min.js";

// GOV.UK Frontend's radios, less one attribute. Its conditional reveal puts aria-expanded on the
// radio that reveals a question; ARIA allows aria-expanded on no radio, and automated checks
// rightly flag it (alphagov/govuk-frontend#979). The radio keeps aria-controls, naming the
// question it reveals, and the revealed question follows it in reading order.
class RevealingRadios extends Radios {
  static moduleName = "app-radios";

  syncConditionalRevealWithInputState(input) {
    const target = document.getElementById(input.getAttribute("aria-controls") || "");
    if (target && target.classList.contains("govuk-radios__conditional")) {
      target.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  }
}

function start(scope) {
  const options = scope ? { scope } : undefined;
  initGovukFrontend(options);
  createAll(RevealingRadios, undefined, options);
  initMojFrontend(options);
}

start();

// Content htmx swaps in later needs its components started too. Both packages mark an element
// once started, so starting the components in the swapped-in part never starts one twice.
document.body.addEventListener("htmx:load", (event) => {
  const scope = event.detail.elt;
  if (scope instanceof Element && scope !== document.body) {
    start(scope);
  }
});
