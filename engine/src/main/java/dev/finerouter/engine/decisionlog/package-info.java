/**
 * The decision-log format: what the server writes for every routed prompt ({@link
 * dev.finerouter.engine.decisionlog.DecisionRecord}, rotating JSON-lines files in {@link
 * dev.finerouter.engine.decisionlog.DecisionLog}, prompt logging modes) and the bundle identity each record names. The
 * server ({@code serve}) writes it; drift discovery ({@code drift}) and {@code replay} read it without importing the
 * server.
 */
package dev.finerouter.engine.decisionlog;
