/**
 * The task-graph explorer: {@link dev.finerouter.app.graph.TaskGraphViewModel} turns a discovery result into the plain
 * {@link dev.finerouter.viz.graph.TaskGraphData} that the viz {@link dev.finerouter.viz.graph.TaskGraphView} draws, and
 * {@link dev.finerouter.app.graph.TaskGraphPane} shows it with PNG and SVG export ({@link
 * dev.finerouter.app.graph.GraphSvg}, the viz drawing on the report module's SVG canvas). A workbench feature: it
 * imports {@code common}, the engine, {@code viz} and {@code report}, and only the shell imports it. See
 * docs/decisions/0007-task-graph-rendering.md.
 */
package dev.finerouter.app.graph;
