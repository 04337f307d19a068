/**
 * The cluster inspector: {@link dev.finerouter.app.inspector.InspectorView} (a sortable, filterable task table and the
 * selected task's detail, with the viz {@link dev.finerouter.viz.chart.ModelScoreChart}) over {@link
 * dev.finerouter.app.inspector.InspectorViewModel}, which reads the workspace's discovery result. A workbench feature:
 * it imports {@code common}, the engine and {@code viz}, and only the shell imports it.
 */
package dev.finerouter.app.inspector;
