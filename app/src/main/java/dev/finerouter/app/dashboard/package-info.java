/**
 * The evaluation dashboard: {@link dev.finerouter.app.dashboard.DashboardViewModel} runs the engine's {@link
 * dev.finerouter.engine.pipeline.EvaluationSuite} on the workspace's trained router (quick or full) or opens an {@code
 * evaluation.json}, and {@link dev.finerouter.app.dashboard.DashboardView} shows it as the Table-1 {@link
 * dev.finerouter.app.dashboard.EvaluationGrid} and the viz charts, each exportable as PNG or, through {@link
 * dev.finerouter.app.dashboard.ReportSvgExporter} (the report module's drawing), as SVG. A workbench feature: it
 * imports {@code common}, the engine, {@code viz} and {@code report}, and only the shell imports it.
 */
package dev.finerouter.app.dashboard;
