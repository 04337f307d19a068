/**
 * Drift: new tasks found in live traffic. {@link dev.finerouter.engine.drift.IncrementalDiscovery} ({@code finerouter
 * discover --incremental}) clusters logged prompts with the Stage-1 machinery and proposes the communities far from
 * every bundle task ({@link dev.finerouter.engine.drift.DriftProposals}, {@code proposals.json}); {@link
 * dev.finerouter.engine.drift.ProposalAcceptor} ({@code finerouter bundle accept}, the workbench's Drift tab) writes a
 * new bundle version with the accepted tasks, without retraining. Orchestration layer: it imports {@code pipeline},
 * {@code bundle}, {@code decisionlog}, the stages and the base; the architecture test forbids it to import {@code
 * serve}, {@code cli} or {@code bench}. See docs/decisions/0012-drift-and-replay.md.
 */
package dev.finerouter.engine.drift;
