/**
 * The data model every layer shares: a {@link dev.finerouter.engine.model.RoutingDataset} of {@link
 * dev.finerouter.engine.model.Prompt}s, the {@link dev.finerouter.engine.model.ModelPool} of priced {@link
 * dev.finerouter.engine.model.ModelSpec}s, the prompts × models {@link dev.finerouter.engine.model.ScoreMatrix} (a
 * missing score stays NaN, never 0) and optional {@link dev.finerouter.engine.model.ObservedCosts}, plus the {@link
 * dev.finerouter.engine.model.CostModel} that prices a call, {@link dev.finerouter.engine.model.HumanNumbers} for
 * printed numbers and {@link dev.finerouter.engine.model.PairedDifference}, two routings' outcomes compared on the same
 * prompts (the robust rule's dev tests, the evaluation's paired test differences). Base layer: it imports no other
 * engine package. See docs/decisions/0003-data-format.md.
 */
package dev.finerouter.engine.model;
