/**
 * The prompt playground: {@link dev.finerouter.app.playground.PlaygroundViewModel} routes a typed prompt (embedded in
 * the background) or a dataset prompt with the workspace's router and keeps the network outputs, so α and the tolerance
 * re-decide in place; {@link dev.finerouter.app.playground.PlaygroundView} shows the tasks, the compared models and the
 * reason, the nearest training prompts ({@link dev.finerouter.app.playground.NearestPrompts}) with their true scores
 * and the {@link dev.finerouter.app.playground.PromptHistory}. A workbench feature: it imports {@code common}, {@code
 * preferences} and the engine, and only the shell imports it.
 */
package dev.finerouter.app.playground;
