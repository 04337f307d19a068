/**
 * JavaFX charts over plain numbers, with model and router colours given by the caller ({@code #rrggbb}): {@link
 * dev.finerouter.viz.chart.CostQualityChart} and {@link dev.finerouter.viz.chart.EvaluationCostQualityChart} (cost
 * against quality), {@link dev.finerouter.viz.chart.RoutingShareChart}, {@link
 * dev.finerouter.viz.chart.BenchmarkBarsChart}, {@link dev.finerouter.viz.chart.ModelScoreChart} and {@link
 * dev.finerouter.viz.chart.SweepChart}. Imports no FineRouter module: the app's dashboard, inspector and what-if panel
 * feed them. The headless PNG/SVG charts of the CLI are drawn separately, in the report module.
 */
package dev.finerouter.viz.chart;
