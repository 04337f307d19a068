/**
 * The task graph, over plain data ({@link dev.finerouter.viz.graph.TaskGraphData}: nodes, weighted edges, categories
 * and their colours): {@link dev.finerouter.viz.graph.TaskGraphView} is the interactive JavaFX view, laid out by {@link
 * dev.finerouter.viz.graph.GraphLayout} (GraphStream's SpringBox). {@link dev.finerouter.viz.graph.GraphFrame} decides
 * one picture and {@link dev.finerouter.viz.graph.GraphPainter} draws it on a {@link
 * dev.finerouter.viz.graph.GraphCanvas}, the screen's {@link dev.finerouter.viz.graph.FxGraphCanvas} or {@link
 * dev.finerouter.viz.graph.AwtGraphCanvas} for files, so an export matches the screen. Imports no FineRouter module:
 * the app's task-graph feature feeds it. See docs/decisions/0007-task-graph-rendering.md.
 */
package dev.finerouter.viz.graph;
