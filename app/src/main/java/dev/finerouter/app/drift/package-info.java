/**
 * The Drift tab ({@link dev.finerouter.app.drift.DriftView}), the engine's drift and replay tools with a window: {@link
 * dev.finerouter.app.drift.FindTasksViewModel} finds new tasks in a decision log, {@link
 * dev.finerouter.app.drift.DriftReviewViewModel} reviews the proposals and writes the accepted ones as a new bundle
 * version with {@link dev.finerouter.engine.drift.ProposalAcceptor}, and {@link
 * dev.finerouter.app.drift.ReplayViewModel} replays a log with a bundle as {@code finerouter replay} does. A workbench
 * feature: it imports {@code common} and the engine (including {@code serve}), and only the shell imports it.
 */
package dev.finerouter.app.drift;
