package dev.finerouter.engine.train;

import ai.djl.Device;

import java.util.Objects;

/**
 * The device training runs on, with a description for logs and run outputs.
 *
 * @param device the DJL device
 * @param description {@code "cpu"}, or {@code "gpu:0 ..."} with what is known about the GPU
 */
public record TrainingDevice(Device device, String description) {
    /** Validates the fields. */
    public TrainingDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(description, "description");
    }

    /** The CPU. */
    public static TrainingDevice cpu() {
        return new TrainingDevice(Device.cpu(), "cpu");
    }

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return device.isGpu();
    }
}
