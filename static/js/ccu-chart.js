// The CCU's link chart: draws the nodes and edges the page put in <script id="ccu-chart-data"
// type="application/json"> (Django's json_script; no inline script, so the CSP holds) with the
// vendored cytoscape.js. The same links are in the table beneath the chart, for keyboard and
// screen-reader users; the chart's container carries a text alternative.
(function () {
  "use strict";

  function start() {
    var container = document.getElementById("ccu-chart");
    var data = document.getElementById("ccu-chart-data");
    if (!container || !data || typeof window.cytoscape !== "function") {
      return;
    }
    var elements = JSON.parse(data.textContent);
    if (!elements.length) {
      return;
    }
    // Set through the CSSOM (allowed by the CSP's style-src 'self'), not a style attribute.
    container.style.height = "560px";
    container.style.border = "1px solid #b1b4b6";
    container.style.marginBottom = "15px";
    container.style.backgroundColor = "#ffffff";

    var root = elements[0].data.id;
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-family": "arial, sans-serif",
            "font-size": 13,
            color: "#0b0c0c",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "ellipsis",
            "text-max-width": 140,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": 2,
            width: 26,
            height: 26,
            "border-width": 2,
            "border-color": "#0b0c0c",
          },
        },
        { selector: 'node[kind = "person"]', style: { "background-color": "#1d70b8", shape: "ellipse" } },
        { selector: 'node[kind = "report"]', style: { "background-color": "#00703c", shape: "round-rectangle" } },
        { selector: 'node[kind = "nominal"]', style: { "background-color": "#f47738", shape: "diamond" } },
        { selector: 'node[kind = "operation"]', style: { "background-color": "#0b0c0c", shape: "hexagon", width: 34, height: 34 } },
        { selector: "node#" + CSS.escape(root), style: { width: 38, height: 38, "font-weight": "bold", "border-width": 4 } },
        {
          selector: "edge",
          style: {
            width: 2,
            "line-color": "#505a5f",
            "curve-style": "straight",
          },
        },
      ],
      // Rings by distance from where the chart starts: its reports, then what they name, then
      // the other reports that name the same nominals.
      layout: {
        name: "breadthfirst",
        roots: "#" + CSS.escape(root),
        circle: true,
        animate: false,
        avoidOverlap: true,
        spacingFactor: 1.15,
        padding: 20,
      },
    });
    cy.on("tap", "node", function (event) {
      var url = event.target.data("url");
      if (url) {
        window.location.assign(url);
      }
    });
    container.setAttribute("data-rendered", String(cy.nodes().length));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
