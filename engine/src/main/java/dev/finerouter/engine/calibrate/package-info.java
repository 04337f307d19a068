/**
 * Calibration, a goal stated instead of a knob ({@code finerouter calibrate} and the Calibrate tab of the workbench's
 * what-if panel): a {@link dev.finerouter.engine.calibrate.CalibrationTarget} (cost cap, share cap or quality floor) is
 * met on dev by {@link dev.finerouter.engine.calibrate.Calibrator}, which searches the tolerance (and α, when asked)
 * over a {@link dev.finerouter.engine.calibrate.PolicyEvaluator}, and reported on test in a {@link
 * dev.finerouter.engine.calibrate.CalibrationResult}. {@link dev.finerouter.engine.calibrate.CalibrationSplits}
 * reproduces a bundle's dev and test splits and runs the networks once ({@link
 * dev.finerouter.engine.calibrate.PredictedSplit}), so each evaluation only re-runs the routing rule. Orchestration
 * layer: it imports {@code bundle}, the stages {@code route} and {@code embed}, and the base.
 */
package dev.finerouter.engine.calibrate;
