/**
 * Headless charts of an evaluation report: the cost–quality chart, the routing shares and the per-benchmark bars,
 * each written as PNG and SVG by JFreeChart and JFreeSVG on {@code java.awt} in headless mode. {@link
 * dev.finerouter.report.EvaluationCharts} is the entry point, which the CLI (cli module) and the workbench call
 * directly; {@link dev.finerouter.report.SvgFiles} writes any other {@code java.awt} drawing (the workbench's task
 * graph) the same way. See docs/decisions/0010-charts.md and 0018-cli-module.md.
 */
package dev.finerouter.report;
