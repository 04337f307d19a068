/**
 * The method's knobs (τ, δ, ℓ, k, ε, RBO persistence, minimum task size, Leiden resolution and iteration cap, α, λ,
 * epochs), each defined once as a {@link dev.finerouter.engine.knob.Knob} in {@link dev.finerouter.engine.knob.Knobs}:
 * name, default, valid range, the paper's value, the range a control offers and what it does. A base package: it
 * imports nothing of the engine, and every stage, config and face may read it.
 */
package dev.finerouter.engine.knob;
