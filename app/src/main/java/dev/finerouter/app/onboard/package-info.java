/**
 * File → Onboard a model…: {@link dev.finerouter.app.onboard.OnboardView} over {@link
 * dev.finerouter.app.onboard.OnboardViewModel} walks the three steps (plan, scores, accept) with which a new model
 * joins the opened router bundle without retraining, through the engine's {@link
 * dev.finerouter.engine.onboard.OnboardPlanner}, {@link dev.finerouter.engine.onboard.OnboardEstimate} and {@link
 * dev.finerouter.engine.onboard.ModelOnboarder}, the code {@code finerouter onboard plan|accept} runs. A workbench
 * feature: it imports {@code common} and the engine, and only the shell imports it. See docs/onboarding.md.
 */
package dev.finerouter.app.onboard;
