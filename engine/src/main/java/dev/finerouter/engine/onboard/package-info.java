/**
 * Onboarding a new model into a trained router bundle without retraining (issue 21, docs/onboarding.md).
 *
 * <ol>
 *   <li>{@link dev.finerouter.engine.onboard.OnboardPlanner}: picks representative remembered training prompts per task
 *       (the medoid, then seeded D² spread), written as routing-data JSONL with an empty {@code scores} object.</li>
 *   <li>The user answers them with the new model and scores the answers with their own evaluator.</li>
 *   <li>{@link dev.finerouter.engine.onboard.OnboardEstimate}: the new model's general and per-task estimates with the
 *       router's own shrinkage estimators, and a Stage-2 prediction borrowed from the existing model that agrees most
 *       with it on the scored prompts.</li>
 *   <li>{@link dev.finerouter.engine.onboard.ModelOnboarder}: the new bundle version, with the model in the pool, a new
 *       memory column, the task statistics, candidate sets where it earns a place, and provenance.</li>
 * </ol>
 * The CLI ({@code finerouter onboard plan|accept}) and the workbench only call these classes.
 */
package dev.finerouter.engine.onboard;
