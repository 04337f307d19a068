package dev.finerouter.engine.train;

/** Which device training runs on: chosen automatically, or forced by the user. */
public enum DeviceChoice {
    /** The first GPU when PyTorch sees one (a {@code -Pcuda} build on a machine with an NVIDIA GPU), else the CPU. */
    AUTO,
    /** Always the CPU. */
    CPU,
    /** The first GPU; an error when none is visible. */
    GPU
}
