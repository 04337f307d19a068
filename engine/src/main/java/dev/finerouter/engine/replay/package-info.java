/**
 * Decision replay ({@code finerouter replay}, the workbench's Drift tab): {@link
 * dev.finerouter.engine.replay.DecisionLogReader} reads a decision log written by the server, {@link
 * dev.finerouter.engine.replay.Replay} routes its prompts again with another bundle and compares the choices with the
 * logged ones, and {@link dev.finerouter.engine.replay.ReplayReportWriter} writes the {@link
 * dev.finerouter.engine.replay.ReplayReport} as Markdown or JSON. Orchestration layer: it imports {@code decisionlog},
 * {@code bundle}, {@code route}, the base and {@code service} (whose {@code RouterService} re-routes the prompts).
 */
package dev.finerouter.engine.replay;
