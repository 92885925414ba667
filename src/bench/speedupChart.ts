import type { BenchResult } from "./benchReport.js";
import { importOptional } from "./importOptional.js";

/** vega and vega-lite (optional dependencies), or a MissingPackageError saying how to install them. */
export function loadChartRenderer(): Promise<[typeof import("vega"), typeof import("vega-lite")]> {
  return importOptional(
    () => Promise.all([import("vega"), import("vega-lite")]),
    "--svg (chart rendering)",
    ["vega@6", "vega-lite@6"],
    "or leave out --svg",
  );
}

/**
 * An SVG bar chart of parallel speedup per workload (x) and worker count (bar colour), rendered
 * with vega-lite compiled to vega, in Node with no browser or canvas (vega's SVG string renderer).
 * The libraries are optional dependencies loaded on first use, so commands without `--svg` never pay
 * for them, and a MissingPackageError says what to install when they are absent.
 * Unavailable columns are left out; a workload without any gets no bars.
 */
export async function speedupChartSvg(results: readonly BenchResult[], title: string): Promise<string> {
  const values = results.flatMap((r) =>
    r.parallel
      .filter((p) => p.speedup !== null)
      .map((p) => ({ workload: r.workload, workers: String(p.workers), speedup: p.speedup })),
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: { step: 18 },
    height: 240,
    data: { values },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: { field: "workload", type: "nominal", sort: results.map((r) => r.workload), title: null },
      xOffset: { field: "workers", type: "nominal", sort: "ascending" },
      y: { field: "speedup", type: "quantitative", title: "speedup over our sequential run" },
      color: { field: "workers", type: "nominal", title: "workers" },
    },
  };
  const [vega, vegaLite] = await loadChartRenderer();
  const compiled = vegaLite.compile(spec as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  return view.toSVG();
}
